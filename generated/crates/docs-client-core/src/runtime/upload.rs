//! Large uploads through an upload session (`createUploadSession`): the file in byte ranges
//! PUT to the session's `uploadUrl`, resumable, cancellable, and never with the token.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use super::{Client, Error, RawResponse, Request};

/// The unit of an upload range: every range but the last is a multiple of it.
pub const UPLOAD_UNIT: usize = 320 * 1024;

/// How many times in a row [`Upload::send`] sends a range again that the session asks for again.
const MAX_REPEATS: usize = 3;

/// What the upload session answered to one range.
#[derive(Debug, Clone, PartialEq)]
pub enum UploadProgress {
    /// `202 Accepted`: the ranges it still expects (`nextExpectedRanges`).
    Expecting(Vec<String>),
    /// `200 OK` or `201 Created`: the upload is complete; the item it created.
    Done(serde_json::Value),
}

/// An upload to a session's `uploadUrl`: `client.upload(&session_url).send(&bytes).await`.
/// The upload URL is pre-authenticated and usually on another host: the bearer token is never
/// sent to it.
#[derive(Debug, Clone)]
#[must_use = "an upload does nothing until it is sent"]
pub struct Upload<'a> {
    client: &'a Client,
    url: String,
    chunk: usize,
    from: u64,
}

impl Client {
    /// An upload to `upload_url`, the `uploadUrl` of an upload session this API created.
    pub fn upload(&self, upload_url: &str) -> Upload<'_> {
        Upload {
            client: self,
            url: upload_url.to_string(),
            chunk: 10 * UPLOAD_UNIT,
            from: 0,
        }
    }
}

impl<'a> Upload<'a> {
    /// Bytes per request: a multiple of [`UPLOAD_UNIT`] (320 KiB), at most 60 MiB.
    pub fn chunk_size(mut self, bytes: usize) -> Self {
        self.chunk = bytes;
        self
    }

    /// Resumes where the service's `nextExpectedRanges` (from [`Upload::status`], or the last
    /// answer before an interruption) say it is.
    pub fn resume_from(mut self, next_expected_ranges: &[String]) -> Self {
        self.from = next_expected_ranges
            .first()
            .and_then(|r| range_start(r))
            .unwrap_or(0);
        self
    }

    /// Sends `file` from where the upload stands, range by range, and returns the service's
    /// last answer: the item it created.
    pub async fn send(self, file: &[u8]) -> Result<serde_json::Value, Error> {
        if self.chunk == 0 || self.chunk % UPLOAD_UNIT != 0 || self.chunk > 60 * 1024 * 1024 {
            return Err(Error::InvalidArgument(format!(
                "upload chunks are multiples of 320 KiB up to 60 MiB, not {} bytes",
                self.chunk
            )));
        }
        let total = file.len();
        let mut offset = usize::try_from(self.from).unwrap_or(usize::MAX);
        // A session that keeps asking for a range it was sent gets it again, a few times.
        let mut repeats = 0;
        loop {
            if offset >= total {
                return Err(Error::InvalidArgument(format!(
                    "the upload expects byte {offset} of a {total}-byte file"
                )));
            }
            let end = (offset + self.chunk).min(total);
            let range = file.get(offset..end).unwrap_or_default();
            match self.send_range(range, offset as u64, total as u64).await? {
                UploadProgress::Done(item) => return Ok(item),
                UploadProgress::Expecting(ranges) => {
                    let next = ranges
                        .first()
                        .and_then(|r| range_start(r))
                        .and_then(|s| usize::try_from(s).ok())
                        .unwrap_or(end);
                    repeats = if next <= offset { repeats + 1 } else { 0 };
                    if repeats > MAX_REPEATS {
                        return Err(Error::InvalidArgument(format!(
                            "the upload session asked for byte {next} again after {MAX_REPEATS} \
                             resends"
                        )));
                    }
                    offset = next;
                }
            }
        }
    }

    /// Sends one range of a `total`-byte file, starting at byte `offset` (for a file read a range
    /// at a time, without holding it whole): `Content-Range: bytes {offset}-{end}/{total}`.
    pub async fn send_range(
        &self,
        range: &[u8],
        offset: u64,
        total: u64,
    ) -> Result<UploadProgress, Error> {
        let end = offset + range.len() as u64;
        if range.is_empty() || end > total {
            return Err(Error::InvalidArgument(format!(
                "a range of {} bytes at {offset} is not part of a {total}-byte file",
                range.len()
            )));
        }
        let request = Request {
            method: "PUT".into(),
            url: self.url.clone(),
            headers: vec![(
                "content-range".into(),
                format!("bytes {offset}-{}/{total}", end - 1),
            )],
            body: Some(range.to_vec()),
        };
        let response = self.send_anonymous(&request).await?;
        match response.status {
            200 | 201 => Ok(UploadProgress::Done(json(&response)?)),
            202 => Ok(UploadProgress::Expecting(expected_ranges(&response))),
            _ => Err(super::service_error(&response)),
        }
    }

    /// The ranges the service still expects (`nextExpectedRanges`), to resume.
    pub async fn status(&self) -> Result<Vec<String>, Error> {
        let request = Request {
            method: "GET".into(),
            url: self.url.clone(),
            headers: Vec::new(),
            body: None,
        };
        let response = self.send_anonymous(&request).await?;
        if !(200..300).contains(&response.status) {
            return Err(super::service_error(&response));
        }
        Ok(expected_ranges(&response))
    }

    /// Cancels the upload: the service drops what it received.
    pub async fn cancel(&self) -> Result<(), Error> {
        let request = Request {
            method: "DELETE".into(),
            url: self.url.clone(),
            headers: Vec::new(),
            body: None,
        };
        let response = self.send_anonymous(&request).await?;
        if (200..300).contains(&response.status) {
            Ok(())
        } else {
            Err(super::service_error(&response))
        }
    }

    async fn send_anonymous(&self, request: &Request) -> Result<RawResponse, Error> {
        self.client
            .execute_as(request, "{uploadUrl}", None, super::Token::Never)
            .await
    }
}

fn json(r: &RawResponse) -> Result<serde_json::Value, Error> {
    if r.body.is_empty() {
        return Ok(serde_json::Value::Null);
    }
    serde_json::from_slice(&r.body).map_err(|source| Error::Decode {
        status: r.status,
        source,
    })
}

fn expected_ranges(r: &RawResponse) -> Vec<String> {
    serde_json::from_slice::<serde_json::Value>(&r.body)
        .ok()
        .and_then(|v| {
            v.get("nextExpectedRanges")?.as_array().map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
        })
        .unwrap_or_default()
}

/// `"12345-"` or `"12345-55555"` -> 12345.
fn range_start(range: &str) -> Option<u64> {
    range.split('-').next()?.trim().parse().ok()
}
