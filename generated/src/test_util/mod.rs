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
