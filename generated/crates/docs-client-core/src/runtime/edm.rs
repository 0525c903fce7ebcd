//! Typed values of the documented primitive types that JSON carries as strings: date-times, dates,
//! times of day, durations, GUIDs and base64 binary.
//!
//! Each keeps the text the service sent (so a decode and encode round trip is exact: the service
//! writes seven fraction digits, `chrono` would write nine or none) and parses it on demand with
//! the crate the Rust ecosystem uses for it: `chrono` for dates and times, `uuid` for GUIDs,
//! `base64` for binary. Constructors from the typed value write the canonical form.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use std::fmt;

/// Why a value does not parse as its documented type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a valid {expected}")]
pub struct ParseError {
    pub text: String,
    pub expected: &'static str,
}

fn parse_error(text: &str, expected: &'static str) -> ParseError {
    ParseError {
        text: text.to_string(),
        expected,
    }
}

macro_rules! wire_string {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The value as the service wrote it.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// A value from its wire text, unchecked (`parse` checks it).
            pub fn from_wire(text: impl Into<String>) -> Self {
                $name(text.into())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

wire_string!(
    /// `Edm.DateTimeOffset`, e.g. `2017-06-05T10:00:00.0000000Z`.
    DateTimeOffset
);
wire_string!(
    /// `Edm.Date`, e.g. `2017-06-05`.
    Date
);
wire_string!(
    /// `Edm.TimeOfDay`, e.g. `08:30:00.0000000`.
    TimeOfDay
);
wire_string!(
    /// `Edm.Duration` in ISO 8601, e.g. `PT1H30M`.
    Duration
);
wire_string!(
    /// `Edm.Guid`, e.g. `ac3b3f6c-2b5f-4c24-9b52-2a2e8bb1d1a4`.
    Guid
);
wire_string!(
    /// `Edm.Binary`, base64 in JSON.
    Binary
);

impl DateTimeOffset {
    pub fn new<Tz: chrono::TimeZone>(value: chrono::DateTime<Tz>) -> Self
    where
        Tz::Offset: fmt::Display,
    {
        DateTimeOffset(value.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }

    /// RFC 3339; a value without an offset (some examples omit it) is read as UTC.
    pub fn parse(&self) -> Result<chrono::DateTime<chrono::FixedOffset>, ParseError> {
        chrono::DateTime::parse_from_rfc3339(&self.0)
            .or_else(|_| {
                chrono::NaiveDateTime::parse_from_str(&self.0, "%Y-%m-%dT%H:%M:%S%.f")
                    .map(|n| n.and_utc().fixed_offset())
            })
            .map_err(|_| parse_error(&self.0, "date and time (RFC 3339)"))
    }
}

impl Date {
    pub fn new(value: chrono::NaiveDate) -> Self {
        Date(value.format("%Y-%m-%d").to_string())
    }

    pub fn parse(&self) -> Result<chrono::NaiveDate, ParseError> {
        chrono::NaiveDate::parse_from_str(&self.0, "%Y-%m-%d")
            .map_err(|_| parse_error(&self.0, "date (YYYY-MM-DD)"))
    }
}

impl TimeOfDay {
    pub fn new(value: chrono::NaiveTime) -> Self {
        TimeOfDay(value.format("%H:%M:%S%.f").to_string())
    }

    pub fn parse(&self) -> Result<chrono::NaiveTime, ParseError> {
        chrono::NaiveTime::parse_from_str(&self.0, "%H:%M:%S%.f")
            .map_err(|_| parse_error(&self.0, "time of day (hh:mm:ss)"))
    }
}

impl Duration {
    pub fn new(value: std::time::Duration) -> Self {
        let secs = value.as_secs();
        let nanos = value.subsec_nanos();
        let (d, h, m, s) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
        let mut out = String::from("P");
        if d > 0 {
            out.push_str(&format!("{d}D"));
            if h == 0 && m == 0 && s == 0 && nanos == 0 {
                return Duration(out);
            }
        }
        out.push('T');
        if h > 0 {
            out.push_str(&format!("{h}H"));
        }
        if m > 0 {
            out.push_str(&format!("{m}M"));
        }
        if nanos > 0 {
            let frac = format!("{:09}", nanos);
            out.push_str(&format!("{s}.{}S", frac.trim_end_matches('0')));
        } else if s > 0 || out.ends_with('T') {
            out.push_str(&format!("{s}S"));
        }
        Duration(out)
    }

    /// ISO 8601 `PnDTnHnMn.nS` (weeks too). Years and months have no fixed length, so a value
    /// that uses them is an error rather than a guess.
    pub fn parse(&self) -> Result<std::time::Duration, ParseError> {
        let err = || parse_error(&self.0, "duration (ISO 8601, days to seconds)");
        let text = self.0.trim();
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let rest = text.strip_prefix('P').ok_or_else(err)?;
        if negative || rest.is_empty() {
            return Err(err());
        }
        let mut total = 0f64;
        let mut in_time = false;
        let mut number = String::new();
        // Components read since the start and since `T`: each part needs one.
        let mut components = 0;
        for c in rest.chars() {
            match c {
                'T' if !in_time && number.is_empty() => {
                    in_time = true;
                    components = 0;
                }
                '0'..='9' | '.' => number.push(c),
                unit => {
                    let n: f64 = number.parse().map_err(|_| err())?;
                    number.clear();
                    components += 1;
                    total += n * match (in_time, unit) {
                        (false, 'W') => 604_800.0,
                        (false, 'D') => 86_400.0,
                        (true, 'H') => 3600.0,
                        (true, 'M') => 60.0,
                        (true, 'S') => 1.0,
                        _ => return Err(err()),
                    };
                }
            }
        }
        if !number.is_empty() || components == 0 {
            return Err(err());
        }
        Ok(std::time::Duration::from_secs_f64(total))
    }
}

impl Guid {
    pub fn new(value: uuid::Uuid) -> Self {
        Guid(value.hyphenated().to_string())
    }

    pub fn parse(&self) -> Result<uuid::Uuid, ParseError> {
        uuid::Uuid::parse_str(&self.0).map_err(|_| parse_error(&self.0, "GUID"))
    }
}

impl Binary {
    pub fn new(bytes: &[u8]) -> Self {
        use base64::Engine;
        Binary(base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub fn parse(&self) -> Result<Vec<u8>, ParseError> {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(self.0.trim())
            .map_err(|_| parse_error(&self.0, "base64 value"))
    }
}

/// `Edm.Stream`: a stream property. Its bytes are read from the property's own endpoint
/// (`.../content`, `.../$value`); a JSON body holds, if anything, media annotations or base64
/// text, which this keeps as sent.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Stream(serde_json::Value);

impl Stream {
    /// A value to send, as JSON (media annotations, base64 text).
    pub fn from_json(value: serde_json::Value) -> Self {
        Stream(value)
    }

    /// The value as the service wrote it.
    pub fn as_json(&self) -> &serde_json::Value {
        &self.0
    }

    /// The bytes, when the service sent them inline as base64 text.
    pub fn inline_bytes(&self) -> Option<Result<Vec<u8>, ParseError>> {
        use base64::Engine;
        let text = self.0.as_str()?;
        Some(
            base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .map_err(|_| parse_error(text, "base64 stream")),
        )
    }
}
