//! When to try a request again: a pure function of what the service answered, so that every
//! rule is unit-tested without a server or a clock.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use std::time::{Duration, SystemTime};

/// Bounds on retrying throttled (429) and unavailable (503, 504) responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 turns retries off).
    pub max_attempts: u32,
    /// No retry is started that would end later than this after the first attempt began.
    pub max_elapsed: Duration,
    /// First backoff when the service sends no `Retry-After`; doubled on each attempt.
    pub base_delay: Duration,
    /// Longest backoff (a `Retry-After` is honoured as sent, within `max_elapsed`).
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_elapsed: Duration::from_secs(120),
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }
}

/// What to do after a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    RetryAfter(Duration),
    Stop,
}

/// The facts a decision is made from.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    pub status: u16,
    /// The `Retry-After` header as sent: seconds, or an HTTP date.
    pub retry_after: Option<&'a str>,
    /// Attempts made so far, this one included.
    pub attempt: u32,
    /// Time since the first attempt began.
    pub elapsed: Duration,
    /// Whether the request (its body included) can be sent again.
    pub replayable: bool,
    /// Wall-clock time, to read an HTTP-date `Retry-After`.
    pub now: SystemTime,
    /// A number in [0, 1) that spreads backoffs of concurrent clients.
    pub jitter: f64,
}

pub fn decide(policy: &RetryPolicy, a: &Attempt<'_>) -> Decision {
    if !a.replayable || !matches!(a.status, 429 | 503 | 504) || a.attempt >= policy.max_attempts {
        return Decision::Stop;
    }
    let delay = match a.retry_after.and_then(|v| parse_retry_after(v, a.now)) {
        Some(d) => d,
        None => {
            let doubled = policy
                .base_delay
                .saturating_mul(2u32.saturating_pow(a.attempt.saturating_sub(1)));
            // Equal jitter: between half and all of the backoff.
            doubled
                .min(policy.max_delay)
                .mul_f64(0.5 + a.jitter.clamp(0.0, 1.0) / 2.0)
        }
    };
    if a.elapsed.saturating_add(delay) > policy.max_elapsed {
        return Decision::Stop;
    }
    Decision::RetryAfter(delay)
}

/// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`. A date in the past is 0.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(status: u16, retry_after: Option<&str>, n: u32) -> Attempt<'_> {
        Attempt {
            status,
            retry_after,
            attempt: n,
            elapsed: Duration::ZERO,
            replayable: true,
            now: SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000),
            jitter: 1.0,
        }
    }

    #[test]
    fn retries_throttling_and_unavailability_only() {
        let p = RetryPolicy::default();
        for status in [429, 503, 504] {
            assert!(matches!(
                decide(&p, &attempt(status, None, 1)),
                Decision::RetryAfter(_)
            ));
        }
        for status in [200, 400, 401, 404, 500, 502] {
            assert_eq!(decide(&p, &attempt(status, None, 1)), Decision::Stop);
        }
    }

    #[test]
    fn honours_retry_after_in_seconds_and_as_a_date() {
        let p = RetryPolicy::default();
        assert_eq!(
            decide(&p, &attempt(429, Some("7"), 1)),
            Decision::RetryAfter(Duration::from_secs(7))
        );
        let a = attempt(503, None, 1);
        let date = httpdate::fmt_http_date(a.now + Duration::from_secs(42));
        assert_eq!(
            decide(
                &p,
                &Attempt {
                    retry_after: Some(&date),
                    ..a
                }
            ),
            Decision::RetryAfter(Duration::from_secs(42))
        );
        let past = httpdate::fmt_http_date(a.now - Duration::from_secs(42));
        assert_eq!(parse_retry_after(&past, a.now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", a.now), None);
    }

    #[test]
    fn exponential_backoff_with_jitter_and_a_cap() {
        let p = RetryPolicy::default();
        let delay = |n: u32, jitter: f64| match decide(
            &p,
            &Attempt {
                jitter,
                ..attempt(503, None, n)
            },
        ) {
            Decision::RetryAfter(d) => d,
            Decision::Stop => panic!("stopped"),
        };
        assert_eq!(delay(1, 1.0), Duration::from_millis(500));
        assert_eq!(delay(2, 1.0), Duration::from_millis(1000));
        assert_eq!(delay(3, 1.0), Duration::from_millis(2000));
        assert_eq!(delay(2, 0.0), Duration::from_millis(500));
        let big = RetryPolicy {
            max_attempts: 30,
            ..p
        };
        let capped = decide(&big, &attempt(503, None, 20));
        assert_eq!(capped, Decision::RetryAfter(p.max_delay));
    }

    #[test]
    fn bounded_by_attempts_time_and_replayability() {
        let p = RetryPolicy::default();
        assert_eq!(decide(&p, &attempt(429, Some("1"), 4)), Decision::Stop);
        let late = Attempt {
            elapsed: Duration::from_secs(119),
            ..attempt(429, Some("5"), 1)
        };
        assert_eq!(decide(&p, &late), Decision::Stop);
        let streamed = Attempt {
            replayable: false,
            ..attempt(429, Some("1"), 1)
        };
        assert_eq!(decide(&p, &streamed), Decision::Stop);
        assert_eq!(
            decide(&RetryPolicy::never(), &attempt(429, Some("1"), 1)),
            Decision::Stop
        );
    }
}
