//! Test your own code against the API as its docs show it (feature `test-util`): every
//! operation's documented responses, each replayed by a local mock server, and the helpers and
//! assertions of this crate's own conformance tests.
//!
//! ```ignore
//! let documented = docs_client::test_util::documented(&docs_client::operations::GET_MESSAGE);
//! let server = documented[0].replay().await;
//! let client = docs_client::test_util::client(&server);
//! // ... run your code with `client`, then look at what it sent:
//! let sent = docs_client::test_util::single_request(&server).await;
//! docs_client::test_util::assert_method(&sent, "GET");
//! ```
//!
//! Code that makes several calls (create, then send; page after page) replays a [`Sequence`]:
//! each documented response answers, in order, one request of its operation.
//!
//! Copied verbatim by the generator from `codegen/templates/test_util.rs`.

mod examples;
#[allow(clippy::all)]
mod support;

pub use examples::DOCUMENTED;
pub use support::*;

/// One response that an example of an operation's page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentedResponse {
    /// Where the operation is documented: its [`OperationInfo::source`](crate::OperationInfo).
    pub operation: &'static str,
    /// The example's name (its annotation's `name`), and where it is written.
    pub example: &'static str,
    pub source: &'static str,
    pub status: u16,
    /// The response headers the example shows.
    pub headers: &'static [(&'static str, &'static str)],
    /// The documented JSON body, when it shows one.
    pub body: Option<&'static str>,
}

impl DocumentedResponse {
    /// A mock server on 127.0.0.1 that answers every request with this response.
    pub async fn replay(&self) -> wiremock::MockServer {
        support::replay(self.status, self.headers, self.body).await
    }

    /// The documented body decoded as `T` (the operation's return type, say).
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.body.unwrap_or("null"))
    }
}

/// The documented responses of an operation, in page order.
pub fn documented(operation: &crate::OperationInfo) -> Vec<&'static DocumentedResponse> {
    DOCUMENTED
        .iter()
        .flat_map(|responses| responses.iter())
        .filter(|d| d.operation == operation.source)
        .collect()
}

/// A client of the mock `server`: its token is [`TOKEN`], and it does not retry (a test
/// expects exactly the requests its code makes).
pub fn client(server: &wiremock::MockServer) -> crate::Client {
    crate::Client::new(TOKEN)
        .with_base_url(server.uri())
        .with_retry_policy(crate::RetryPolicy::never())
}

/// Documented responses replayed in order, each to one request of its own operation (its
/// method, one of its path templates): a flow of several calls (create a draft, then send it)
/// or of several pages, tested against what the docs show.
///
/// ```ignore
/// use docs_client::operations::{CREATE_MESSAGE, MESSAGE_SEND};
/// let server = test_util::Sequence::new()
///     .then(&CREATE_MESSAGE, test_util::documented(&CREATE_MESSAGE)[0])
///     .then(&MESSAGE_SEND, test_util::documented(&MESSAGE_SEND)[0])
///     .replay()
///     .await;
/// // ... run the code under test with `test_util::client(&server)`, then:
/// server.verify().await; // every step was asked for, once
/// ```
#[derive(Debug, Clone, Default)]
pub struct Sequence {
    steps: Vec<(crate::OperationInfo, DocumentedResponse)>,
}

impl Sequence {
    /// No step yet.
    pub fn new() -> Sequence {
        Sequence::default()
    }

    /// Answers the next request of `operation` with `response` (of that operation's page, or
    /// any other, to test a response the docs do not show).
    pub fn then(mut self, operation: &crate::OperationInfo, response: &DocumentedResponse) -> Sequence {
        self.steps.push((*operation, *response));
        self
    }

    /// A mock server on 127.0.0.1 that answers each step once, in order: a request gets the
    /// response of the first step not yet taken whose operation it calls, and a request no
    /// step is left for gets `404`. Links to the API in the bodies (`@odata.nextLink`) point
    /// at the mock, so that paging stays on it. `server.verify().await` fails unless every step
    /// was taken.
    pub async fn replay(&self) -> wiremock::MockServer {
        let server = wiremock::MockServer::start().await;
        for (i, (operation, response)) in self.steps.iter().enumerate() {
            let mut template = wiremock::ResponseTemplate::new(response.status);
            for (k, v) in response.headers {
                template = template.insert_header(*k, *v);
            }
            if let Some(body) = response.body {
                let body = body.replace(crate::DEFAULT_BASE_URL, &server.uri());
                template = template.set_body_raw(body.into_bytes(), "application/json");
            }
            wiremock::Mock::given(Calls(*operation))
                .respond_with(template)
                .up_to_n_times(1)
                .expect(1)
                .with_priority(u8::try_from(i + 1).unwrap_or(u8::MAX))
                .mount(&server)
                .await;
        }
        server
    }
}

/// Matches a request of an operation: its method, and a path one of its templates describes.
struct Calls(crate::OperationInfo);

impl wiremock::Match for Calls {
    fn matches(&self, request: &wiremock::Request) -> bool {
        request.method.as_str().eq_ignore_ascii_case(self.0.method)
            && self
                .0
                .path_templates
                .iter()
                .any(|t| path_matches(t, request.url.path()))
    }
}

/// Whether a sent path fills a documented template: its text matches (case aside) and each
/// `{placeholder}` stands for a non-empty value without `/`, but for a path address after
/// `:/` (`root:/{item-path}:`), which may hold `/`s. The template's query is not the path's.
fn path_matches(template: &str, path: &str) -> bool {
    let template = template.split('?').next().unwrap_or(template);
    let template = template
        .split_once("/v1.0")
        .filter(|(host, _)| host.contains("://"))
        .map_or(template, |(_, rest)| rest);
    let mut tokens = Vec::new();
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        if c == '{' {
            let Some(close) = rest.find('}') else {
                return false;
            };
            let address = template[..template.len() - rest.len()].ends_with(":/");
            tokens.push(Token::Placeholder { address });
            rest = &rest[close + 1..];
        } else {
            tokens.push(Token::Char(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    let path: Vec<char> = path.chars().collect();
    fills(&tokens, &path)
}

enum Token {
    Char(char),
    Placeholder { address: bool },
}

fn fills(tokens: &[Token], path: &[char]) -> bool {
    match tokens.split_first() {
        None => path.is_empty(),
        Some((Token::Char(t), rest)) => match path.split_first() {
            Some((p, path_rest)) if t.eq_ignore_ascii_case(p) => fills(rest, path_rest),
            _ => false,
        },
        Some((Token::Placeholder { address }, rest)) => (1..=path.len())
            .take_while(|&n| *address || path[n - 1] != '/')
            .any(|n| fills(rest, &path[n..])),
    }
}
