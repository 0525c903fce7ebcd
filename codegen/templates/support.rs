//! Helpers of the conformance tests: a mock server that replays a documented response and
//! assertions on the request the client sent.
//!
//! Copied verbatim by the generator from `codegen/templates/support.rs`.

#![allow(dead_code)]

use serde_json::Value;
use std::time::Duration;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const TOKEN: &str = "conformance-test-token";

/// A mock server on 127.0.0.1 that answers every request with the documented response.
pub async fn replay(status: u16, headers: &[(&str, &str)], body: Option<&str>) -> MockServer {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status);
    for (k, v) in headers {
        response = response.insert_header(*k, *v);
    }
    if let Some(body) = body {
        response = response.set_body_raw(body.as_bytes().to_vec(), "application/json");
    }
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// What the content path of `replay_redirect` serves.
pub const CONTENT: &[u8] = b"the documented content";
const CONTENT_PATH: &str = "/__content";

/// The API's mock, which answers with the documented redirect, and the other host the redirect
/// leads to (the documented `Location` is another host too, out of reach of a test). It derefs
/// to the API's mock.
pub struct Redirecting {
    pub server: MockServer,
    pub content: MockServer,
}

impl std::ops::Deref for Redirecting {
    type Target = MockServer;
    fn deref(&self) -> &MockServer {
        &self.server
    }
}

/// A mock server that answers the call with the documented redirect, to the content path of
/// another mock server: another origin, as the documented `Location` is another host.
pub async fn replay_redirect(status: u16, headers: &[(&str, &str)]) -> Redirecting {
    let server = MockServer::start().await;
    let content = MockServer::start().await;
    Mock::given(wiremock::matchers::path(CONTENT_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_raw(CONTENT.to_vec(), "application/octet-stream"))
        .mount(&content)
        .await;
    let mut response = ResponseTemplate::new(status)
        .insert_header("Location", format!("{}{CONTENT_PATH}", content.uri()).as_str());
    for (k, v) in headers {
        response = response.insert_header(*k, *v);
    }
    Mock::given(any()).respond_with(response).mount(&server).await;
    Redirecting { server, content }
}

/// The redirect was followed to the other host, once, without the token (which goes only to
/// the API's host).
pub async fn assert_followed_without_token(redirecting: &Redirecting) {
    let requests = redirecting
        .content
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(requests.len(), 1, "the redirect was followed once");
    assert!(
        !requests[0].headers.contains_key("authorization"),
        "the token went to the host the redirect leads to"
    );
}

/// The first request the client sent (a redirect is followed by a second one).
pub async fn first_request(server: &MockServer) -> Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert!(!requests.is_empty(), "the client sent no request");
    requests.remove(0)
}

/// The HTTP client of every test: with a timeout, so that no test can hang.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("an HTTP client")
}

/// The one request the client sent.
pub async fn single_request(server: &MockServer) -> Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(
        requests.len(),
        1,
        "the client sent {} requests, not 1",
        requests.len()
    );
    requests.remove(0)
}

pub fn assert_method(request: &Request, method: &str) {
    assert_eq!(request.method.as_str(), method, "HTTP method");
}

pub fn assert_path(request: &Request, path: &str) {
    assert_eq!(request.url.path(), path, "request path (percent-encoded)");
}

/// Query pairs compared as a multiset: order does not matter, values are percent-decoded.
pub fn assert_query(request: &Request, expected: &[(&str, &str)]) {
    let mut sent: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut want: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    sent.sort();
    want.sort();
    assert_eq!(sent, want, "query string");
}

pub fn assert_header(request: &Request, name: &str, value: &str) {
    let sent = request
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("header `{name}` was not sent"));
    assert_eq!(sent, value, "header `{name}`");
}

pub fn assert_bearer(request: &Request) {
    assert_header(request, "authorization", &format!("Bearer {TOKEN}"));
}

/// The documented request line, and the token: the method, the path (percent-encoded), the
/// query when `query` is given (as `assert_query` compares it) and the bearer token.
pub fn assert_request(
    request: &Request,
    method: &str,
    path: &str,
    query: Option<&[(&str, &str)]>,
) {
    assert_method(request, method);
    assert_path(request, path);
    if let Some(query) = query {
        assert_query(request, query);
    }
    assert_bearer(request);
}

pub fn assert_no_body(request: &Request) {
    assert!(
        request.body.is_empty(),
        "the client sent a body: {}",
        String::from_utf8_lossy(&request.body)
    );
}

/// The body the client sent equals the documented one as JSON (a `truncated` example: contains it).
pub fn assert_json_body(request: &Request, documented: &str, truncated: bool) {
    let content_type = request
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(
        content_type.starts_with("application/json"),
        "content-type is `{content_type}`"
    );
    let sent: Value = serde_json::from_slice(&request.body).expect("the client sent JSON");
    let documented: Value = serde_json::from_str(documented).expect("documented body is JSON");
    assert_json_matches(&sent, &documented, truncated, "request body");
}

/// The client sent exactly these bytes as the body (a file's content).
pub fn assert_bytes_body(request: &Request, documented: &[u8]) {
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        String::from_utf8_lossy(documented),
        "request body (the file's bytes)"
    );
    assert!(request.body == documented, "request body (the file's bytes)");
}

/// The decoded response, encoded again, still holds every documented member.
pub fn assert_round_trip<T: serde::Serialize>(decoded: &T, documented: &str, truncated: bool) {
    let encoded = serde_json::to_value(decoded).expect("the decoded response encodes");
    let documented: Value = serde_json::from_str(documented).expect("documented body is JSON");
    assert_json_matches(&encoded, &documented, truncated, "response round trip");
}

/// The items of a decoded delta page that are marked removed are the documented page's items
/// with `@removed`, in order.
pub fn assert_removed(removed: &[bool], documented: &str) {
    let documented: Value = serde_json::from_str(documented).expect("documented body is JSON");
    let expected: Vec<bool> = documented
        .get("value")
        .and_then(Value::as_array)
        .map(|items| items.iter().map(|i| i.get("@removed").is_some()).collect())
        .unwrap_or_default();
    assert_eq!(removed, &expected[..], "which delta items are `@removed`");
}

/// No member that the docs document for a value's type was left untyped: each is a field of the
/// type, not a member of `additional_properties`. `untyped` is what the decoded value kept
/// there (`Untyped::untyped`); `documented` lists each type's documented properties, sorted by
/// type. A type missing from `documented` fails: the table of a test target lists the types
/// of its area, and a type it lacks would pass the check unread.
pub fn assert_typed(untyped: Vec<(&str, &str)>, documented: &[(&str, &[&str])]) {
    for (ty, member) in untyped {
        let Some((_, members)) = documented
            .binary_search_by(|(t, _)| (*t).cmp(ty))
            .ok()
            .and_then(|i| documented.get(i))
        else {
            panic!("`{ty}` is not in the table of documented properties of this test target");
        };
        let listed = members.contains(&member);
        assert!(
            !listed,
            "`{member}` is a documented property of `{ty}`, but it decoded into additional_properties, not into a field"
        );
    }
}

/// The value of a documented call that must succeed; a failure says which side failed (a
/// documented response that does not decode into the model is the docs' or the model's fault,
/// anything else the client's).
pub fn succeeds<T, E: std::fmt::Debug>(result: Result<T, E>) -> T {
    match result {
        Ok(value) => value,
        Err(e) => {
            let shown = format!("{e:?}");
            if shown.starts_with("Decode") {
                panic!("the documented response does not decode into the model: {shown}")
            }
            panic!("the documented request fails: {shown}")
        }
    }
}

/// Decodes a documented JSON text into a model, failing with the reason.
pub fn decode<T: serde::de::DeserializeOwned>(documented: &str) -> T {
    serde_json::from_str(documented)
        .unwrap_or_else(|e| panic!("the documented body does not decode into the model: {e}"))
}

/// Semantic JSON comparison: object member order is ignored, and a `null` member is not an absent
/// one (an update's `null` clears a property; a client that drops it changes nothing); with
/// `subset`, `actual` may hold more members than `expected`.
pub fn assert_json_matches(actual: &Value, expected: &Value, subset: bool, what: &str) {
    if let Err(at) = matches(actual, expected, subset, String::from("$")) {
        panic!(
            "{what} differs at {at}\n  sent/decoded: {}\n  documented:   {}",
            actual, expected
        );
    }
}

fn matches(actual: &Value, expected: &Value, subset: bool, at: String) -> Result<(), String> {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (k, ev) in e {
                let Some(av) = a.get(k) else {
                    return Err(format!("{at}.{k} (documented, missing)"));
                };
                matches(av, ev, subset, format!("{at}.{k}"))?;
            }
            if !subset {
                if let Some(k) = a.keys().find(|k| !e.contains_key(*k)) {
                    return Err(format!("{at}.{k} (not documented)"));
                }
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(e)) => {
            if a.len() != e.len() && !(subset && a.len() >= e.len()) {
                return Err(format!("{at} (length {} vs {})", a.len(), e.len()));
            }
            for (i, (av, ev)) in a.iter().zip(e).enumerate() {
                matches(av, ev, subset, format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Number(a), Value::Number(e)) => {
            if a == e || a.as_f64() == e.as_f64() {
                Ok(())
            } else {
                Err(at)
            }
        }
        (a, e) if a == e => Ok(()),
        _ => Err(at),
    }
}

/// The call failed with the documented service error: its status and, when the documented body
/// has one, its `error.code`.
pub fn assert_service_error(
    actual_status: u16,
    actual_code: Option<&str>,
    status: u16,
    code: Option<&str>,
) {
    assert_eq!(actual_status, status, "status of the service error");
    if code.is_some() {
        assert_eq!(actual_code, code, "`error.code` of the service error");
    }
}

#[cfg(test)]
mod tests {
    use super::matches;
    use serde_json::{json, Value};

    #[test]
    fn a_null_is_neither_absent_nor_undocumented() {
        let documented = json!({"subject": "Moved", "location": null});
        let at = |actual: Value| matches(&actual, &documented, false, "$".into());
        assert_eq!(at(documented.clone()), Ok(()));
        // A client that drops the `null` would not clear the location.
        assert!(at(json!({"subject": "Moved"})).is_err());
        // Nor may a client send `null` for members it was not given.
        let sent = json!({"subject": "Moved", "location": null, "body": null});
        assert!(at(sent).is_err());
        // Order and number spelling do not matter.
        let a = json!({"b": 1.0, "a": [1, {"c": null}]});
        assert_eq!(matches(&a, &json!({"a": [1, {"c": null}], "b": 1}), false, "$".into()), Ok(()));
    }
}
