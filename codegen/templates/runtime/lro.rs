//! Long-running operations: a `202 Accepted` whose `Location` (or `Operation-Location`) says
//! where to ask how the operation is going, and a poller that asks until it ends.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use super::{decode_raw, retry, Client, Error, RawResponse};
use std::time::Duration;

/// The answer to an operation the service runs in the background (`202 Accepted`): where to
/// follow it and how long it asks to wait. [`Client::wait_for`] follows it to the end.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Accepted {
    /// The `Location` header (or `Operation-Location`, as OneNote's copies send it): a path
    /// below the base URL (`/teams('..')/operations('..')`) or a whole URL (a drive copy's
    /// monitor, on another host).
    pub location: Option<String>,
    /// The `Retry-After` header: how long to wait before asking.
    pub retry_after: Option<Duration>,
}

/// How [`Client::wait_for`] polls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollPolicy {
    /// The wait between two polls when the service gives no `Retry-After`.
    pub interval: Duration,
    /// The longest wait, in all, before [`Error::StillRunning`].
    pub give_up_after: Duration,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            interval: Duration::from_secs(2),
            give_up_after: Duration::from_secs(600),
        }
    }
}

/// What a status report says (the `status` member that `teamsAsyncOperation`,
/// `onenoteOperation`, a drive copy's monitor and most others carry).
enum Progress {
    Running,
    Succeeded,
    Failed,
}

fn progress(response: &RawResponse, report: &serde_json::Value) -> Progress {
    if response.status == 202 {
        return Progress::Running;
    }
    let status = report
        .get("status")
        .and_then(|s| s.as_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match status.as_str() {
        "failed" | "cancelled" | "canceled" => Progress::Failed,
        "notstarted" | "running" | "inprogress" | "waiting" | "pending" | "queued" => {
            Progress::Running
        }
        // `succeeded`, `completed`, or a report with no status: the resource itself.
        _ => Progress::Succeeded,
    }
}

/// What an operation that may go on in the background answers: its documented success at once
/// (`201 Created` with what it made), or a `202 Accepted` that says where to follow it
/// ([`Client::wait_for`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<T> {
    /// The documented success and its body.
    Done(T),
    /// The operation goes on in the background.
    Accepted(Accepted),
}

/// The decoder of a success that may instead be a `202 Accepted`.
// An API with no such operation leaves this unused.
#[allow(dead_code)]
#[doc(hidden)]
pub fn decode_or_accepted<T: serde::de::DeserializeOwned>(
    r: &RawResponse,
) -> Result<Outcome<T>, Error> {
    if r.status == 202 {
        decode_accepted(r).map(Outcome::Accepted)
    } else {
        super::decode_json(r).map(Outcome::Done)
    }
}

/// The decoder of a documented `202 Accepted`.
// An API with no long-running operation leaves this unused.
#[allow(dead_code)]
#[doc(hidden)]
pub fn decode_accepted(r: &RawResponse) -> Result<Accepted, Error> {
    Ok(Accepted {
        location: r
            .header("location")
            .or_else(|| r.header("operation-location"))
            .map(str::to_string),
        retry_after: r
            .header("retry-after")
            .and_then(|v| retry::parse_retry_after(v, std::time::SystemTime::now())),
    })
}

impl Client {
    /// Follows a long-running operation until it ends: asks its location (relative to the base
    /// URL, or a whole URL) every `Retry-After` (else `policy.interval`) and returns the last
    /// report, which on success is the operation's status or the resource it made. A report
    /// whose `status` is `failed` is [`Error::OperationFailed`]. The token goes with each poll
    /// only when the location is on the client's own host.
    pub async fn wait_for(
        &self,
        accepted: &Accepted,
        policy: &PollPolicy,
    ) -> Result<serde_json::Value, Error> {
        let Some(location) = &accepted.location else {
            return Err(Error::InvalidArgument(
                "the accepted operation has no location to follow".into(),
            ));
        };
        let url = if location.contains("://") {
            location.clone()
        } else {
            format!("{}/{}", self.base_url(), location.trim_start_matches('/'))
        };
        let started = tokio::time::Instant::now();
        let mut wait = accepted.retry_after.unwrap_or(policy.interval);
        loop {
            if started.elapsed() + wait > policy.give_up_after {
                return Err(Error::StillRunning {
                    location: location.clone(),
                    waited: started.elapsed(),
                });
            }
            tokio::time::sleep(wait).await;
            let mut call = self.call::<RawResponse, super::query::NoOptions>(
                reqwest::Method::GET,
                String::new(),
                "{location}",
                decode_raw,
            );
            call.set_absolute(url.clone());
            let report = call.send().await?;
            let value: serde_json::Value = if report.body.is_empty() {
                serde_json::Value::Null
            } else {
                serde_json::from_slice(&report.body).map_err(|source| Error::Decode {
                    status: report.status,
                    source,
                })?
            };
            match progress(&report, &value) {
                Progress::Succeeded => return Ok(value),
                Progress::Failed => return Err(Error::OperationFailed(Box::new(value))),
                Progress::Running => {
                    wait = report
                        .header("retry-after")
                        .and_then(|v| retry::parse_retry_after(v, std::time::SystemTime::now()))
                        .unwrap_or(policy.interval);
                }
            }
        }
    }
}
