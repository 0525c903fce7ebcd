//! Runtime of the generated client: transport, bearer auth, errors, path and query encoding.
//!
//! This file is copied verbatim by the generator from `codegen/templates/runtime.rs`, so every
//! regeneration carries the current runtime. Edit it there, never here.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

/// Where requests go unless [`Client::with_base_url`] says otherwise.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com/v1.0";

/// What a page documents about one operation, as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// The page title, e.g. `message: send`.
    pub title: &'static str,
    /// HTTP method of the first path template.
    pub method: &'static str,
    /// Every documented path template, as written.
    pub path_templates: &'static [&'static str],
    /// The documented success status (the Response prose wins over examples).
    pub success_status: u16,
    /// Every documented scope; any one of them authorizes the call.
    pub scopes: &'static [&'static str],
    pub delegated_work: Permission,
    pub delegated_personal: Permission,
    pub application: Permission,
    /// The page and line the operation is documented at.
    pub source: &'static str,
}

/// What the permissions table says for one permission type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Any one of these scopes, least privileged first.
    Scopes(&'static [&'static str]),
    /// The docs say this permission type is not supported.
    NotSupported,
    /// The docs say nothing about this permission type.
    Undocumented,
}

/// A collection response: one page of items and the links to go on.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Page<T> {
    #[serde(default)]
    pub value: Vec<T>,
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
    pub delta_link: Option<String>,
    #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    /// Every other member of the response (`@odata.context`, ...).
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

/// Everything that can go wrong in a call.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An argument cannot be sent as given (an empty path parameter, a header with a line break).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The request did not complete (connection, TLS, timeout).
    #[error("transport error: {0}")]
    Transport(#[source] reqwest::Error),
    /// The service answered with a status that is not a success.
    #[error("service error {status}: {}", code.as_deref().unwrap_or("(no code)"))]
    Service {
        status: u16,
        /// `error.code` of the service's error body.
        code: Option<String>,
        /// `error.message` of the service's error body.
        message: Option<String>,
        /// The `request-id` response header, for support requests.
        request_id: Option<String>,
    },
    /// A success response whose body does not decode into the documented type.
    #[error("cannot decode the {status} response body: {source}")]
    Decode {
        status: u16,
        #[source]
        source: serde_json::Error,
    },
}

/// The bearer token; its `Debug` output never shows it.
#[derive(Clone)]
struct Token(String);

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// The client: one per token and base URL; cheap to clone.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    token: Token,
}

impl Client {
    /// A client that sends `Authorization: Bearer <token>` to [`DEFAULT_BASE_URL`].
    pub fn new(token: impl Into<String>) -> Self {
        Client {
            http: reqwest::Client::new(),
            base_url: DEFAULT_BASE_URL.to_string(),
            token: Token(token.into()),
        }
    }

    /// Sends requests to another base URL (a national cloud, a mock server).
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into().trim_end_matches('/').to_string();
        self
    }

    /// Uses a preconfigured HTTP client (timeouts, proxies).
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    // Unused only by an API with no operations.
    #[allow(dead_code)]
    pub(crate) fn call<T>(
        &self,
        method: reqwest::Method,
        path: String,
        decode: fn(u16, &[u8]) -> Result<T, Error>,
    ) -> Call<'_, T> {
        Call {
            client: self,
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            decode,
            error: None,
        }
    }
}

/// One prepared request. Add query options or headers, then `.await` it (or call [`Call::send`]).
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T> {
    client: &'a Client,
    method: reqwest::Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>,
    body: Option<Vec<u8>>,
    decode: fn(u16, &[u8]) -> Result<T, Error>,
    error: Option<Error>,
}

impl<T> fmt::Debug for Call<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

impl<'a, T> Call<'a, T> {
    /// Adds a query option such as `$select` or `$top`.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Adds a request header such as `Prefer` or `ConsistencyLevel`. A name or value that is not a
    /// valid header (a line break, say) makes the call fail with [`Error::InvalidArgument`].
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let parsed = reqwest::header::HeaderName::from_bytes(name.as_bytes())
            .ok()
            .zip(reqwest::header::HeaderValue::from_str(value).ok());
        match parsed {
            Some(pair) => self.headers.push(pair),
            None => self.fail(format!("header `{name}` cannot be sent as given")),
        }
        self
    }

    // An API whose operations take no JSON body leaves this unused.
    #[allow(dead_code)]
    pub(crate) fn json_body<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(bytes),
            Err(e) => self.fail(format!("request body cannot be encoded: {e}")),
        }
        self
    }

    /// Path parameters must not be empty: an empty one would change which resource is addressed.
    // An API whose paths have no parameters leaves this unused.
    #[allow(dead_code)]
    pub(crate) fn path_param(mut self, name: &str, value: &str) -> Self {
        if value.is_empty() {
            self.fail(format!("path parameter `{name}` is empty"));
        }
        self
    }

    fn fail(&mut self, message: String) {
        self.error.get_or_insert(Error::InvalidArgument(message));
    }

    /// Sends the request: any 2xx status is a success and its body is decoded.
    pub async fn send(self) -> Result<T, Error> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let mut url = format!("{}{}", self.client.base_url, self.path);
        for (i, (k, v)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(&encode_query(k));
            url.push('=');
            url.push_str(&encode_query(v));
        }
        let mut request = self
            .client
            .http
            .request(self.method, url)
            .bearer_auth(&self.client.token.0);
        for (k, v) in self.headers {
            request = request.header(k, v);
        }
        if let Some(body) = self.body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        let response = request.send().await.map_err(Error::Transport)?;
        let status = response.status().as_u16();
        let request_id = response
            .headers()
            .get("request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = response.bytes().await.map_err(Error::Transport)?;
        if (200..300).contains(&status) {
            (self.decode)(status, &bytes)
        } else {
            Err(service_error(status, &bytes, request_id))
        }
    }
}

impl<'a, T: Send + 'a> IntoFuture for Call<'a, T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

fn service_error(status: u16, body: &[u8], request_id: Option<String>) -> Error {
    let error = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("error").cloned());
    let field = |name: &str| {
        error
            .as_ref()
            .and_then(|e| e.get(name))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    Error::Service {
        status,
        code: field("code"),
        message: field("message"),
        request_id,
    }
}

// An API whose operations return no JSON body leaves this unused.
#[allow(dead_code)]
pub(crate) fn decode_json<T: serde::de::DeserializeOwned>(
    status: u16,
    body: &[u8],
) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|source| Error::Decode { status, source })
}

/// The documented success has no body: whatever the service sends is ignored.
// An API whose operations all return a body leaves this unused.
#[allow(dead_code)]
pub(crate) fn decode_empty(_status: u16, _body: &[u8]) -> Result<(), Error> {
    Ok(())
}

/// Bytes left as they are in a path segment: RFC 3986 unreserved characters.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Bytes left as they are in a query name or value: unreserved plus what OData writes bare.
const QUERY: &percent_encoding::AsciiSet = &SEGMENT
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b',')
    .remove(b':')
    .remove(b'@')
    .remove(b'/');

/// Percent-encodes a path parameter so that no value (`/`, `?`, `#`, `..`) can change the path.
pub fn encode_segment(value: &str) -> String {
    if value == "." || value == ".." {
        return value.replace('.', "%2E");
    }
    percent_encoding::utf8_percent_encode(value, SEGMENT).to_string()
}

fn encode_query(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, QUERY).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cannot_escape_the_path() {
        assert_eq!(encode_segment("a/b?c#d e"), "a%2Fb%3Fc%23d%20e");
        assert_eq!(encode_segment(".."), "%2E%2E");
        assert_eq!(encode_segment("AAMk-x_y.z~"), "AAMk-x_y.z~");
        assert_eq!(encode_segment("100%"), "100%25");
    }

    #[test]
    fn query_keeps_odata_punctuation() {
        assert_eq!(encode_query("$filter"), "$filter");
        assert_eq!(encode_query("name eq 'a&b'"), "name%20eq%20'a%26b'");
    }

    #[test]
    fn debug_output_hides_the_token() {
        let client = Client::new("secret-token-value");
        let shown = format!("{client:?}");
        assert!(!shown.contains("secret-token-value"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn service_error_body_is_decoded() {
        let e = service_error(
            404,
            br#"{"error": {"code": "ErrorItemNotFound", "message": "gone"}}"#,
            Some("r-1".into()),
        );
        match e {
            Error::Service {
                status,
                code,
                message,
                request_id,
            } => {
                assert_eq!(status, 404);
                assert_eq!(code.as_deref(), Some("ErrorItemNotFound"));
                assert_eq!(message.as_deref(), Some("gone"));
                assert_eq!(request_id.as_deref(), Some("r-1"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
