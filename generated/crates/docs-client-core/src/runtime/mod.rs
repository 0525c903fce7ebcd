//! Runtime of the generated client: transport, bearer auth with refresh, retries of throttled
//! requests, errors, paging, and path and query encoding.
//!
//! These files are copied verbatim by the generator from `codegen/templates/runtime/`, so every
//! regeneration carries the current runtime. Edit them there, never here.

mod auth;
mod batch;
mod cloud;
mod delta;
mod download;
pub mod edm;
mod enums;
mod lro;
mod members;
mod nullable;
#[doc(hidden)]
pub mod object;
mod paging;
pub mod polymorphism;
pub mod query;
pub mod retry;
mod upload;

// The plumbing of the generated calls, in this crate and in the area crates: public for them,
// hidden from the docs. (The models' macros, `object!`, `polymorphic!` and `string_enum!`, are
// exported at the crate root.)
#[doc(hidden)]
pub use lro::{decode_accepted, decode_or_accepted};

pub use auth::{AccessToken, AuthError, BoxFuture, RefreshingToken, StaticToken, TokenProvider};
pub use batch::{Batch, BatchItem, BatchResponses, MAX_BATCH};
pub use cloud::Cloud;
pub use delta::{Delta, Removed};
pub use download::ByteStream;
pub use lro::{Accepted, Outcome, PollPolicy};
pub use members::Untyped;
pub use nullable::Nullable;
pub use paging::{Items, Page, Pages};
pub use retry::RetryPolicy;
pub use upload::{Upload, UploadProgress, UPLOAD_UNIT};

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

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

/// A response as the client reads it: what [`Call::decode`] decodes, whoever received it (a
/// `$batch` item, a test, a cache).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawResponse {
    pub status: u16,
    /// Headers as received, in order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A request as a [`Call`] sends it, built without sending it ([`Call::request`]). It never
/// holds the bearer token, which the client adds when it sends, and only to its own host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The whole URL, query included.
    pub url: String,
    /// The headers set on the call and the body's `Content-Type`, in order.
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

/// What the service said when it refused a request.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError {
    pub status: u16,
    /// `error.code` of the error body.
    pub code: Option<String>,
    /// `error.message` of the error body.
    pub message: Option<String>,
    /// `error.innerError` of the error body (request ids, dates, details).
    pub inner_error: Option<serde_json::Value>,
    /// The `request-id` response header, for support requests.
    pub request_id: Option<String>,
    /// The `client-request-id` response header.
    pub client_request_id: Option<String>,
    /// The `Retry-After` response header of a throttled request that was not retried further.
    pub retry_after: Option<String>,
}

/// Everything that can go wrong in a call.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An argument cannot be sent as given (an empty path parameter, a header with a line break,
    /// a link to another host).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The token provider could not give a token.
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// The request did not complete (connection refused or dropped, TLS).
    #[error("transport error: {0}")]
    Transport(#[source] reqwest::Error),
    /// The request or the response took longer than the timeout.
    #[error("timed out: {0}")]
    Timeout(#[source] reqwest::Error),
    /// The service answered with a status that is not a success.
    #[error("service error {}: {}", .0.status, .0.code.as_deref().unwrap_or("(no code)"))]
    Service(Box<ServiceError>),
    /// A success response whose body does not decode into the documented type.
    #[error("cannot decode the {status} response body: {source}")]
    Decode {
        status: u16,
        #[source]
        source: serde_json::Error,
    },
    /// A long-running operation ended in failure: its last status report.
    #[error("the operation failed: {0}")]
    OperationFailed(Box<serde_json::Value>),
    /// A long-running operation still ran when the [`PollPolicy`] stopped waiting.
    #[error("the operation at {location} had not ended after {waited:?}")]
    StillRunning { location: String, waited: Duration },
}

impl Error {
    /// The service's answer, for `Error::Service`.
    pub fn service(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    fn from_reqwest(e: reqwest::Error) -> Error {
        if e.is_timeout() {
            Error::Timeout(e)
        } else {
            Error::Transport(e)
        }
    }
}

/// The client: cheap to clone, shareable across tasks.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    auth: Arc<dyn TokenProvider>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    user_agent: String,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("auth", &"<redacted>")
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

impl Client {
    /// A client that sends `Authorization: Bearer <token>` to [`DEFAULT_BASE_URL`].
    pub fn new(token: impl Into<String>) -> Self {
        Client::with_token_provider(StaticToken::new(token))
    }

    /// A client whose tokens come from `provider`; a `401` answer makes it refresh once.
    pub fn with_token_provider(provider: impl TokenProvider + 'static) -> Self {
        Client {
            http: reqwest::Client::new(),
            base_url: DEFAULT_BASE_URL.to_string(),
            auth: Arc::new(provider),
            retry: RetryPolicy::default(),
            timeout: None,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_string(),
        }
    }

    /// Sends requests to another base URL (a national cloud, a mock server).
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into().trim_end_matches('/').to_string();
        self
    }

    /// Uses a preconfigured HTTP client (proxies, TLS settings).
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    /// How throttled and unavailable responses are retried.
    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Default timeout of every request (a call may set its own).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    // Unused only by an API with no operations.
    #[allow(dead_code)]
    #[doc(hidden)]
    pub fn call<T, Q>(
        &self,
        method: reqwest::Method,
        path: String,
        template: &'static str,
        decode: fn(&RawResponse) -> Result<T, Error>,
    ) -> Call<'_, T, Q> {
        Call {
            client: self,
            method,
            path,
            absolute: false,
            template,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            content_type: "application/json",
            timeout: None,
            decode,
            error: None,
            options: std::marker::PhantomData,
        }
    }
}

/// Where a chain of navigation steps has got to (`client.me().message(id)`): the client and
/// the path parameters given so far, in the order of the template. The call at the end fills
/// its own documented template with them, so a step that templates spelling a segment two ways
/// share still sends each call as its page documents it.
#[derive(Debug, Clone)]
#[doc(hidden)]
pub struct Step<'a> {
    client: &'a Client,
    params: Vec<String>,
}

// An API with no operations leaves these unused.
#[allow(dead_code)]
impl<'a> Step<'a> {
    #[doc(hidden)]
    pub fn root(client: &'a Client) -> Self {
        Step {
            client,
            params: Vec::new(),
        }
    }

    /// The step after this one, with its own path parameters.
    #[doc(hidden)]
    pub fn then(&self, values: &[&str]) -> Self {
        let mut params = Vec::with_capacity(self.params.len() + values.len());
        params.extend(self.params.iter().cloned());
        params.extend(values.iter().map(|v| v.to_string()));
        Step {
            client: self.client,
            params,
        }
    }

    #[doc(hidden)]
    pub fn client(&self) -> &'a Client {
        self.client
    }

    /// The `i`th path parameter given so far (empty when there is none, which the call
    /// reports as an empty path parameter).
    #[doc(hidden)]
    pub fn param(&self, i: usize) -> &str {
        self.params.get(i).map_or("", String::as_str)
    }
}

/// One prepared request. Add query options or headers, then `.await` it (or call [`Call::send`]).
///
/// `Q` says which OData query options the operation's page documents: the typed builders
/// ([`Call::select`], [`Call::top`], ...) exist only for those (see [`query`](crate::query)); [`Call::query`]
/// sets any other.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T, Q = query::NoOptions> {
    client: &'a Client,
    method: reqwest::Method,
    /// Path below the base URL, or (`absolute`) a whole URL from a stored link.
    path: String,
    absolute: bool,
    /// The documented path template, for traces.
    template: &'static str,
    query: Vec<(String, String)>,
    headers: Vec<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>,
    body: Option<Vec<u8>>,
    /// Of the body, unless a header set on the call says otherwise.
    content_type: &'static str,
    timeout: Option<Duration>,
    decode: fn(&RawResponse) -> Result<T, Error>,
    error: Option<Error>,
    options: std::marker::PhantomData<fn() -> Q>,
}

impl<T, Q> fmt::Debug for Call<'_, T, Q> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

impl<'a, T, Q> Call<'a, T, Q> {
    /// Adds a query option such as `$select` or `$top`, documented or not.
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

    /// The timeout of this call (instead of the client's default).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    // An API whose operations take no file content leaves this unused.
    #[allow(dead_code)]
    /// The bytes of a file as the body (`application/octet-stream`, unless the call sets a
    /// `Content-Type` header).
    #[doc(hidden)]
    pub fn bytes_body(mut self, bytes: &[u8]) -> Self {
        self.body = Some(bytes.to_vec());
        self.content_type = "application/octet-stream";
        self
    }

    // An API whose operations take no JSON body leaves this unused.
    #[allow(dead_code)]
    #[doc(hidden)]
    pub fn json_body<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(bytes),
            Err(e) => self.fail(format!("request body cannot be encoded: {e}")),
        }
        self
    }

    /// Path parameters must not be empty: an empty one would change which resource is addressed.
    // An API whose paths have no parameters leaves this unused.
    #[allow(dead_code)]
    #[doc(hidden)]
    pub fn path_param(mut self, name: &str, value: &str) -> Self {
        if value.is_empty() {
            self.fail(format!("path parameter `{name}` is empty"));
        }
        self
    }

    pub(crate) fn invalid(mut self, message: String) -> Self {
        self.fail(message);
        self
    }

    pub(crate) fn set_absolute(&mut self, url: String) {
        self.path = url;
        self.absolute = true;
    }

    /// The same call as a plain `Call<'a, T>`: what its typed query builders set stays, but
    /// they are no longer offered, so that calls of different operations returning the same
    /// type are one type (a delta query, fresh or resumed: `match link { Some(l) =>
    /// client.page_from_link(&l), None => client.users().delta().plain() }`).
    pub fn plain(self) -> Call<'a, T> {
        self.untyped()
    }

    /// The same call, without its typed query options (paging needs one type of call).
    pub(crate) fn untyped(self) -> Call<'a, T> {
        Call {
            client: self.client,
            method: self.method,
            path: self.path,
            absolute: self.absolute,
            template: self.template,
            query: self.query,
            headers: self.headers,
            body: self.body,
            content_type: self.content_type,
            timeout: self.timeout,
            decode: self.decode,
            error: self.error,
            options: std::marker::PhantomData,
        }
    }

    fn fail(&mut self, message: String) {
        self.error.get_or_insert(Error::InvalidArgument(message));
    }

    fn url(&self) -> String {
        let mut url = if self.absolute {
            self.path.clone()
        } else {
            format!("{}{}", self.client.base_url, self.path)
        };
        let mut sep = if url.contains('?') { '&' } else { '?' };
        for (k, v) in &self.query {
            url.push(sep);
            url.push_str(&encode_query(k));
            url.push('=');
            url.push_str(&encode_query(v));
            sep = '&';
        }
        url
    }

    /// The request this call sends, without sending it: the method, the whole URL, the headers
    /// and the body (never the bearer token). An argument the call cannot send is the error
    /// the call would return.
    pub fn request(&self) -> Result<Request, Error> {
        if let Some(e) = &self.error {
            return Err(Error::InvalidArgument(match e {
                Error::InvalidArgument(m) => m.clone(),
                other => other.to_string(),
            }));
        }
        let mut headers: Vec<(String, String)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    v.to_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let typed = self
            .headers
            .iter()
            .any(|(k, _)| k == reqwest::header::CONTENT_TYPE);
        if self.body.is_some() && !typed {
            headers.push(("content-type".into(), self.content_type.into()));
        }
        Ok(Request {
            method: self.method.as_str().to_string(),
            url: self.url(),
            headers,
            body: self.body.clone(),
        })
    }

    /// Decodes a response to this call that it did not receive itself (a `$batch` item's, a
    /// recorded one): a 2xx as the operation's documented type, anything else as the
    /// [`Error::Service`] the call would have returned.
    pub fn decode(&self, response: &RawResponse) -> Result<T, Error> {
        if (200..300).contains(&response.status) {
            (self.decode)(response)
        } else {
            Err(service_error(response))
        }
    }

    /// Sends the request. Any 2xx status is a success and its body is decoded. A `401` makes the
    /// token provider refresh once; `429`, `503` and `504` are retried as the client's
    /// [`RetryPolicy`] allows.
    pub async fn send(self) -> Result<T, Error> {
        let request = self.request()?;
        let response = self
            .client
            .execute(&request, self.template, self.timeout)
            .await?;
        self.decode(&response)
    }
}

impl Client {
    /// Sends `request` with this client's token, retrying as its [`RetryPolicy`] allows, and
    /// returns the last response, whatever its status. The token goes only to the client's
    /// own origin: a request elsewhere (a link, an upload or monitor URL) goes without it.
    pub(crate) async fn execute(
        &self,
        request: &Request,
        template: &str,
        timeout: Option<Duration>,
    ) -> Result<RawResponse, Error> {
        self.execute_as(request, template, timeout, Token::OwnOrigin)
            .await
    }

    /// [`Client::execute`], with the token only as `token` allows.
    pub(crate) async fn execute_as(
        &self,
        request: &Request,
        template: &str,
        timeout: Option<Duration>,
        token: Token,
    ) -> Result<RawResponse, Error> {
        let (status, headers, response) = self.respond(request, template, timeout, token).await?;
        let body = response.bytes().await.map_err(Error::from_reqwest)?;
        Ok(RawResponse {
            status,
            headers,
            body: body.to_vec(),
        })
    }

    /// The send loop: the last response, its status and headers, with its body not yet read
    /// (a download streams it).
    pub(crate) async fn respond(
        &self,
        request: &Request,
        template: &str,
        timeout: Option<Duration>,
        token: Token,
    ) -> Result<(u16, Vec<(String, String)>, reqwest::Response), Error> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| Error::InvalidArgument(format!("method `{}`", request.method)))?;
        let authorized =
            matches!(token, Token::OwnOrigin) && same_origin(&self.base_url, &request.url);
        let started = tokio::time::Instant::now();
        let mut attempt = 0u32;
        let mut refreshed = false;
        let mut refresh = false;
        loop {
            attempt += 1;
            let span = tracing::info_span!(
                "request",
                method = %method,
                path = template,
                attempt,
                status = tracing::field::Empty,
                duration_ms = tracing::field::Empty,
            );
            let mut builder = self.http.request(method.clone(), &request.url);
            // A page that documents `User-Agent` as a header of its own sets it on the call: the
            // call's value replaces the client's, not a second header beside it.
            let own_agent = request
                .headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("user-agent"));
            if !own_agent {
                builder = builder.header(reqwest::header::USER_AGENT, &self.user_agent);
            }
            if authorized {
                let token = self.auth.token(refresh).await?;
                builder = builder.bearer_auth(token.secret());
            }
            refresh = false;
            for (k, v) in &request.headers {
                builder = builder.header(k.as_str(), v.as_str());
            }
            if let Some(body) = &request.body {
                builder = builder.body(body.clone());
            }
            if let Some(t) = timeout.or(self.timeout) {
                builder = builder.timeout(t);
            }
            let sent = tokio::time::Instant::now();
            let response = builder
                .send()
                .instrument(span.clone())
                .await
                .map_err(Error::from_reqwest)?;
            let status = response.status().as_u16();
            span.record("status", status);
            span.record("duration_ms", sent.elapsed().as_millis() as u64);
            let headers: Vec<(String, String)> = response
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            if status == 401 && authorized && !refreshed {
                refreshed = true;
                refresh = true;
                tracing::debug!(parent: &span, "401: refreshing the token once");
                continue;
            }
            if !(200..300).contains(&status) {
                let retry_after = headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("retry-after"))
                    .map(|(_, v)| v.as_str());
                let decision = retry::decide(
                    &self.retry,
                    &retry::Attempt {
                        status,
                        retry_after,
                        attempt,
                        elapsed: started.elapsed(),
                        // The body is held in memory, so it can always be sent again.
                        replayable: true,
                        now: std::time::SystemTime::now(),
                        jitter: jitter(attempt),
                    },
                );
                if let retry::Decision::RetryAfter(delay) = decision {
                    tracing::info!(parent: &span, status, ?delay, "retrying");
                    tokio::time::sleep(delay).await;
                    continue;
                }
            }
            return Ok((status, headers, response));
        }
    }
}

/// Where a request may carry the bearer token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    /// When it goes to the client's own origin.
    OwnOrigin,
    /// Never: a pre-authenticated URL (an upload session's).
    Never,
}

/// Scheme, host and port of `a` and `b` agree: where the bearer token may go.
pub(crate) fn same_origin(a: &str, b: &str) -> bool {
    match (reqwest::Url::parse(a), reqwest::Url::parse(b)) {
        (Ok(a), Ok(b)) => a.origin() == b.origin(),
        _ => false,
    }
}

impl<'a, T: Send + 'a, Q: 'a> IntoFuture for Call<'a, T, Q> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A number in [0, 1) that differs between calls, to spread retries (no random crate needed).
fn jitter(attempt: u32) -> f64 {
    use std::hash::BuildHasher;
    let h = std::collections::hash_map::RandomState::new().hash_one(attempt);
    (h >> 11) as f64 / (1u64 << 53) as f64
}

fn service_error(response: &RawResponse) -> Error {
    let header = |name: &str| response.header(name).map(str::to_string);
    let status = response.status;
    let error = serde_json::from_slice::<serde_json::Value>(&response.body)
        .ok()
        .and_then(|v| v.get("error").cloned());
    let field = |name: &str| {
        error
            .as_ref()
            .and_then(|e| e.get(name))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    Error::Service(Box::new(ServiceError {
        status,
        code: field("code"),
        message: field("message"),
        inner_error: error.as_ref().and_then(|e| e.get("innerError").cloned()),
        request_id: header("request-id"),
        client_request_id: header("client-request-id"),
        retry_after: header("retry-after"),
    }))
}

// An API whose operations return no JSON body leaves this unused.
#[allow(dead_code)]
#[doc(hidden)]
pub fn decode_json<T: serde::de::DeserializeOwned>(r: &RawResponse) -> Result<T, Error> {
    serde_json::from_slice(&r.body).map_err(|source| Error::Decode {
        status: r.status,
        source,
    })
}

/// The documented success has no body: whatever the service sends is ignored.
// An API whose operations all return a body leaves this unused.
#[allow(dead_code)]
#[doc(hidden)]
pub fn decode_empty(_: &RawResponse) -> Result<(), Error> {
    Ok(())
}

/// The content a download redirects to, as bytes.
#[allow(dead_code)]
#[doc(hidden)]
pub fn decode_bytes(r: &RawResponse) -> Result<Vec<u8>, Error> {
    Ok(r.body.clone())
}

/// The whole response, for callers that read it themselves (the poller).
pub(crate) fn decode_raw(r: &RawResponse) -> Result<RawResponse, Error> {
    Ok(r.clone())
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

/// A reference to an entity: the body of a `POST` or `PUT` of `.../$ref` (add an owner or a
/// member, set a manager), `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Reference {
    /// The URL of the entity (`@odata.id`).
    #[serde(rename = "@odata.id")]
    pub odata_id: String,
}

impl Reference {
    /// A reference to the entity at this URL (`https://graph.microsoft.com/v1.0/users/{id}`).
    pub fn new(odata_id: impl Into<String>) -> Reference {
        Reference {
            odata_id: odata_id.into(),
        }
    }
}

/// Percent-encodes a path address (`root:/{item-path}:`): each `/`-separated name as a segment
/// (`:`, `?`, `#`, `..` cannot close the address or climb out of it), the `/`s between them
/// kept, so `Folder A/file.txt` addresses the file in the folder. A leading or trailing `/` is
/// dropped.
pub fn encode_path(value: &str) -> String {
    let names: Vec<String> = value
        .trim_matches('/')
        .split('/')
        .map(encode_segment)
        .collect();
    names.join("/")
}

fn encode_query(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, QUERY).to_string()
}

#[cfg(test)]
mod tests;
