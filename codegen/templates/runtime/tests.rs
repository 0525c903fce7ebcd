//! Runtime behaviour against a local mock server with injected faults.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use super::*;
use futures_util::StreamExt;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use wiremock::matchers::{any, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::new("test-token").with_base_url(server.uri())
}

fn get<'a>(client: &'a Client, p: &str) -> Call<'a, Value> {
    client.call(reqwest::Method::GET, p.to_string(), "/items", decode_json)
}

async fn received(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .map(|r| r.len())
        .unwrap_or(0)
}

#[test]
fn segments_cannot_escape_the_path() {
    assert_eq!(encode_segment("a/b?c#d e"), "a%2Fb%3Fc%23d%20e");
    assert_eq!(encode_segment(".."), "%2E%2E");
    assert_eq!(encode_segment("AAMk-x_y.z~"), "AAMk-x_y.z~");
    assert_eq!(encode_segment("100%"), "100%25");
}

#[test]
fn a_path_address_keeps_its_slashes_and_nothing_else() {
    assert_eq!(encode_path("FolderA/FileB.txt"), "FolderA/FileB.txt");
    assert_eq!(
        encode_path("/Documents/Q1 report.docx/"),
        "Documents/Q1%20report.docx"
    );
    assert_eq!(encode_path("a:/b?c#d"), "a%3A/b%3Fc%23d");
    assert_eq!(encode_path("../../etc"), "%2E%2E/%2E%2E/etc");
}

#[test]
fn query_keeps_odata_punctuation() {
    assert_eq!(encode_query("$filter"), "$filter");
    assert_eq!(encode_query("name eq 'a&b'"), "name%20eq%20'a%26b'");
}

#[test]
fn debug_output_hides_the_token() {
    let client = Client::new("secret-token-value");
    let shown = format!("{client:?} {:?}", AccessToken::new("secret-token-value"));
    assert!(!shown.contains("secret-token-value"), "{shown}");
    assert!(shown.contains("<redacted>"));
}

#[tokio::test(start_paused = true)]
async fn throttled_request_waits_the_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "2"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    let client = client(&server);
    let started = tokio::time::Instant::now();
    let value = get(&client, "/items")
        .await
        .expect("succeeds after one retry");
    assert_eq!(value, json!({"ok": true}));
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(received(&server).await, 2);
}

#[tokio::test(start_paused = true)]
async fn unavailable_with_an_http_date_retry_after() {
    let server = MockServer::start().await;
    let at = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(5));
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", at.as_str()))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let client = client(&server);
    let started = tokio::time::Instant::now();
    get(&client, "/items")
        .await
        .expect("succeeds after one retry");
    // The date has a resolution of one second.
    assert!(
        started.elapsed() >= Duration::from_secs(3),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(received(&server).await, 2);
}

#[tokio::test(start_paused = true)]
async fn retries_are_exhausted_and_the_last_answer_is_the_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("Retry-After", "1")
                .insert_header("request-id", "req-9"),
        )
        .mount(&server)
        .await;
    let client = client(&server).with_retry_policy(RetryPolicy {
        max_attempts: 3,
        ..RetryPolicy::default()
    });
    let err = get(&client, "/items").await.expect_err("gives up");
    let service = err.service().expect("a service error");
    assert_eq!(service.status, 503);
    assert_eq!(service.retry_after.as_deref(), Some("1"));
    assert_eq!(service.request_id.as_deref(), Some("req-9"));
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn unauthorized_refreshes_the_token_once_and_retries() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer old"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(header("authorization", "Bearer new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"me": 1})))
        .mount(&server)
        .await;
    let fetches = Arc::new(AtomicUsize::new(0));
    let counter = fetches.clone();
    let provider = RefreshingToken::new(move || {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        async move {
            Ok(if n == 0 {
                "old".to_string()
            } else {
                "new".to_string()
            })
        }
    });
    let client = Client::with_token_provider(provider).with_base_url(server.uri());
    assert_eq!(
        get(&client, "/me").await.expect("succeeds"),
        json!({"me": 1})
    );
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
    // The refreshed token is kept for the next call.
    get(&client, "/me").await.expect("succeeds");
    assert_eq!(fetches.load(Ordering::SeqCst), 2);

    // A token that is refused twice is an error, not a loop.
    let always = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401))
        .mount(&always)
        .await;
    let client = Client::new("bad").with_base_url(always.uri());
    let err = get(&client, "/me").await.expect_err("refused");
    assert_eq!(err.service().map(|s| s.status), Some(401));
    assert_eq!(received(&always).await, 2);
}

async fn three_pages(server: &MockServer) {
    let uri = server.uri();
    Mock::given(method("GET"))
        .and(path("/items"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"n": 3}, {"n": 4}],
            "@odata.nextLink": format!("{uri}/items?page=3"),
        })))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .and(query_param("page", "3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"n": 5}],
            "@odata.deltaLink": format!("{uri}/items?delta=abc"),
        })))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "@odata.count": 5,
            "value": [{"n": 1}, {"n": 2}],
            "@odata.nextLink": format!("{uri}/items?page=2"),
        })))
        .mount(server)
        .await;
}

fn list(client: &Client) -> Call<'_, Page<Value>> {
    client.call(reqwest::Method::GET, "/items".into(), "/items", decode_json)
}

#[tokio::test]
async fn a_collection_streams_across_pages_and_resumes_from_a_stored_link() {
    let server = MockServer::start().await;
    three_pages(&server).await;
    let client = client(&server);

    let items: Vec<Value> = list(&client)
        .query("$count", "true")
        .items()
        .map(|r| r.expect("page"))
        .collect()
        .await;
    let ns: Vec<i64> = items.iter().filter_map(|v| v["n"].as_i64()).collect();
    assert_eq!(ns, vec![1, 2, 3, 4, 5]);

    // Stop after the first page, keep its link, resume later.
    let first = list(&client).await.expect("first page");
    assert_eq!(first.count, Some(5));
    let stored = first.next_link.expect("a next link");
    let rest: Vec<Page<Value>> = client
        .page_from_link::<Value>(&stored)
        .pages()
        .map(|r| r.expect("page"))
        .collect()
        .await;
    assert_eq!(rest.len(), 2);
    // The last page surfaces the delta link for later changes.
    let delta = rest[1].delta_link.clone().expect("a delta link");
    assert!(delta.ends_with("/items?delta=abc"), "{delta}");
}

#[tokio::test]
async fn links_to_other_hosts_are_refused() {
    let client = Client::new("t").with_base_url("https://graph.example");
    let err = client
        .page_from_link::<Value>("https://elsewhere.example/items?page=2")
        .await
        .expect_err("refused");
    assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
}

#[tokio::test]
async fn a_service_error_body_is_decoded() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("request-id", "r-1")
                .insert_header("client-request-id", "c-1")
                .set_body_json(json!({"error": {
                    "code": "ErrorItemNotFound",
                    "message": "The item was not found.",
                    "innerError": {"date": "2026-11-27T03:00:00", "request-id": "r-1"}
                }})),
        )
        .mount(&server)
        .await;
    let err = get(&client(&server), "/items/x").await.expect_err("404");
    let s = err.service().expect("service error");
    assert_eq!(s.status, 404);
    assert_eq!(s.code.as_deref(), Some("ErrorItemNotFound"));
    assert_eq!(s.message.as_deref(), Some("The item was not found."));
    assert_eq!(s.request_id.as_deref(), Some("r-1"));
    assert_eq!(s.client_request_id.as_deref(), Some("c-1"));
    assert_eq!(
        s.inner_error.as_ref().and_then(|i| i["date"].as_str()),
        Some("2026-11-27T03:00:00")
    );
}

#[tokio::test]
async fn an_empty_or_truncated_success_body_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(path("/empty"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    Mock::given(path("/truncated"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"value": [{"n": 1},"#, "application/json"),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    for p in ["/empty", "/truncated"] {
        let err = get(&client, p).await.expect_err("not JSON");
        assert!(
            matches!(err, Error::Decode { status: 200, .. }),
            "{p}: {err:?}"
        );
    }
}

#[tokio::test]
async fn a_connection_dropped_mid_response_is_a_transport_error() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        if let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = [0u8; 1024];
            let _ = socket.read(&mut buf).await;
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"value\"")
                .await;
            // Dropping the socket closes the connection 92 bytes early.
        }
    });
    let client = Client::new("t").with_base_url(format!("http://{addr}"));
    let err = get(&client, "/items").await.expect_err("dropped");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn a_slow_server_hits_the_timeout() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(10)))
        .mount(&server)
        .await;
    let client = client(&server).with_timeout(Duration::from_secs(30));
    let err = get(&client, "/items")
        .timeout(Duration::from_millis(200))
        .await
        .expect_err("too slow");
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}

#[tokio::test]
async fn ids_with_slash_and_percent_are_encoded_and_headers_checked() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let client = client(&server).with_user_agent("tests/1");
    let id = "a/b%c?d";
    let p = format!("/items/{}", encode_segment(id));
    get(&client, &p)
        .header("ConsistencyLevel", "eventual")
        .await
        .expect("sent");
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests[0].url.path(), "/items/a%2Fb%25c%3Fd");
    assert_eq!(
        requests[0]
            .headers
            .get("consistencylevel")
            .and_then(|v| v.to_str().ok()),
        Some("eventual")
    );
    assert_eq!(
        requests[0]
            .headers
            .get("user-agent")
            .and_then(|v| v.to_str().ok()),
        Some("tests/1")
    );
    // A call's own `User-Agent` (a page documents it) is the one sent.
    get(&client, "/items")
        .header("User-Agent", "Dsreg/10.0")
        .await
        .expect("sent");
    let requests = server.received_requests().await.expect("recorded");
    let agents: Vec<&str> = requests[1]
        .headers
        .get_all("user-agent")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert_eq!(agents, ["Dsreg/10.0"]);

    let bad = get(&client, "/items")
        .header("Prefer", "a\r\nInjected: 1")
        .await;
    assert!(matches!(bad, Err(Error::InvalidArgument(_))), "{bad:?}");
    let empty = get(&client, "/items").path_param("id", "").await;
    assert!(matches!(empty, Err(Error::InvalidArgument(_))), "{empty:?}");
}

#[test]
fn documented_primitives_keep_the_wire_text_and_parse_on_demand() {
    use super::edm::*;
    let d: DateTimeOffset = serde_json::from_value(json!("2017-06-05T10:00:00.0000000Z")).unwrap();
    assert_eq!(
        serde_json::to_value(&d).unwrap(),
        json!("2017-06-05T10:00:00.0000000Z")
    );
    assert_eq!(d.parse().unwrap().timestamp(), 1_496_656_800);
    // No offset: read as UTC.
    let naive = DateTimeOffset::from_wire("2017-06-05T10:00:00.0000000");
    assert_eq!(naive.parse().unwrap().timestamp(), 1_496_656_800);
    assert!(DateTimeOffset::from_wire("yesterday").parse().is_err());
    let date = Date::new(chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
    assert_eq!(date.as_str(), "2024-02-29");
    assert_eq!(date.parse().unwrap().to_string(), "2024-02-29");
    assert_eq!(
        TimeOfDay::from_wire("08:30:00.0000000")
            .parse()
            .unwrap()
            .to_string(),
        "08:30:00"
    );
    for (text, secs) in [
        ("PT1H30M", 5400.0),
        ("P1DT0.5S", 86_400.5),
        ("P2W", 1_209_600.0),
    ] {
        let parsed = Duration::from_wire(text).parse().unwrap();
        assert_eq!(parsed.as_secs_f64(), secs, "{text}");
    }
    for bad in ["P1Y", "PT", "1H", "-PT1H", "P1H"] {
        assert!(Duration::from_wire(bad).parse().is_err(), "{bad}");
    }
    assert_eq!(
        Duration::new(std::time::Duration::from_secs(5400)).as_str(),
        "PT1H30M"
    );
    assert_eq!(
        Duration::new(std::time::Duration::from_secs(86_400)).as_str(),
        "P1D"
    );
    assert_eq!(Duration::new(std::time::Duration::ZERO).as_str(), "PT0S");
    let g = Guid::from_wire("AC3B3F6C-2B5F-4C24-9B52-2A2E8BB1D1A4");
    assert_eq!(
        Guid::new(g.parse().unwrap()).as_str(),
        "ac3b3f6c-2b5f-4c24-9b52-2a2e8bb1d1a4"
    );
    assert_eq!(Binary::new(b"hi").as_str(), "aGk=");
    assert_eq!(Binary::from_wire("aGk=").parse().unwrap(), b"hi");
    // A stream property keeps whatever JSON the service sent for it.
    let inline: Stream = serde_json::from_value(json!("aGk=")).unwrap();
    assert_eq!(
        inline.inline_bytes().map(Result::unwrap),
        Some(b"hi".to_vec())
    );
    let link = json!({"@odata.mediaReadLink": "https://x/content"});
    let annotated: Stream = serde_json::from_value(link.clone()).unwrap();
    assert!(annotated.inline_bytes().is_none());
    assert_eq!(serde_json::to_value(&annotated).unwrap(), link);
}

/// What a decoded value kept untyped, with the documented type it decoded as; for a page, its
/// items'.
#[test]
fn untyped_members_name_their_type() {
    #[derive(Debug, Default)]
    struct Thing {
        #[allow(dead_code)]
        name: Nullable<String>,
        additional_properties: serde_json::Map<String, Value>,
    }
    crate::object!(Thing = "thing" { name = "name" optional });
    let page: Page<Thing> =
        serde_json::from_value(json!({"value": [{"name": "a", "newer": 1}, {"name": "b"}]}))
            .unwrap();
    assert_eq!(Untyped::untyped(&page), vec![("thing", "newer")]);
}

/// `object!`: each member into its field by its JSON name, absent, `null` and a value apart, the
/// others kept and sent back; a required member's absence and a wrong value are errors that
/// name the member.
#[test]
fn objects_round_trip_their_members() {
    #[derive(Debug, Default, PartialEq)]
    struct Inner {
        size: Nullable<i64>,
        additional_properties: serde_json::Map<String, Value>,
    }
    crate::object!(Inner { size = "size" optional });
    #[derive(Debug, PartialEq)]
    struct Body {
        key_id: String,
        display_name: Nullable<String>,
        note: Nullable<String>,
        inner: Nullable<Inner>,
        additional_properties: serde_json::Map<String, Value>,
    }
    crate::object!(Body {
        key_id = "keyId" required,
        display_name = "displayName" optional,
        note = "note" optional,
        inner = "inner" optional,
    });
    let sent =
        json!({"keyId": "k", "note": null, "inner": {"size": 3, "x": true}, "@odata.type": "#t"});
    let body: Body = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(body.key_id, "k");
    assert!(body.display_name.is_absent());
    assert!(body.note.is_null());
    let inner = body.inner.value().unwrap();
    assert_eq!(inner.size, Nullable::Value(3));
    // Only the members no field takes are kept: a documented one never lands there too.
    assert_eq!(
        Value::Object(inner.additional_properties.clone()),
        json!({"x": true})
    );
    assert_eq!(
        Value::Object(body.additional_properties.clone()),
        json!({"@odata.type": "#t"})
    );
    assert_eq!(serde_json::to_value(&body).unwrap(), sent);
    // From text too, not only from a `Value`.
    let text = serde_json::to_string(&body).unwrap();
    assert_eq!(serde_json::from_str::<Body>(&text).unwrap(), body);
    let missing = serde_json::from_value::<Body>(json!({"note": "n"})).unwrap_err();
    assert!(
        missing.to_string().contains("missing field `keyId`"),
        "{missing}"
    );
    let wrong = serde_json::from_value::<Body>(json!({"keyId": "k", "inner": {"size": "big"}}));
    let wrong = wrong.unwrap_err().to_string();
    assert!(
        wrong.starts_with("\"inner\": \"size\": invalid type"),
        "{wrong}"
    );
    assert!(serde_json::from_value::<Body>(json!(["keyId"])).is_err());
}

/// A held member (a shipped type the docs have since changed, `codegen::run::floor`): a value
/// it holds decodes into the field; any other stays as sent, among the rest, and goes back out.
#[test]
fn a_held_member_keeps_a_value_its_type_cannot_hold_as_sent() {
    #[derive(Debug, Default, PartialEq)]
    struct User {
        other_mails: Nullable<String>,
        additional_properties: serde_json::Map<String, Value>,
    }
    crate::object!(User { other_mails = "otherMails" held });
    let old: User = serde_json::from_value(json!({"otherMails": "a@b.c"})).unwrap();
    assert_eq!(old.other_mails, Nullable::Value("a@b.c".into()));
    let newer = json!({"otherMails": ["a@b.c", "d@e.f"]});
    let user: User = serde_json::from_value(newer.clone()).unwrap();
    assert!(user.other_mails.is_absent());
    assert_eq!(Value::Object(user.additional_properties.clone()), newer);
    assert_eq!(serde_json::to_value(&user).unwrap(), newer);
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Importance {
    Low,
    High,
    Unrecognized(String),
}
crate::string_enum!(Importance { Low = "low", High = "high" });

#[test]
fn enums_keep_members_the_docs_do_not_list() {
    let known: Importance = serde_json::from_value(json!("high")).unwrap();
    assert_eq!(known, Importance::High);
    let newer: Importance = serde_json::from_value(json!("urgent")).unwrap();
    assert_eq!(newer, Importance::Unrecognized("urgent".into()));
    assert_eq!(serde_json::to_value(&newer).unwrap(), json!("urgent"));
    assert_eq!(Importance::Low.to_string(), "low");
    assert!(serde_json::from_value::<Importance>(json!(3)).is_err());
}

#[tokio::test]
async fn a_request_is_a_value_and_a_response_decodes_without_being_received() {
    let client = Client::new("secret-token").with_base_url("https://graph.example/v1.0");
    let call = client
        .call::<Value, query::NoOptions>(
            reqwest::Method::POST,
            "/me/messages".into(),
            "/me/messages",
            decode_json,
        )
        .query("$select", "subject,from")
        .header("Prefer", "outlook.body-content-type=\"text\"")
        .json_body(&json!({"subject": "Hi"}));
    let request = call.request().expect("a valid call");
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.url,
        "https://graph.example/v1.0/me/messages?$select=subject,from"
    );
    assert_eq!(
        request.headers,
        vec![
            (
                "prefer".to_string(),
                "outlook.body-content-type=\"text\"".to_string()
            ),
            ("content-type".to_string(), "application/json".to_string()),
        ]
    );
    assert_eq!(request.body.as_deref(), Some(&br#"{"subject":"Hi"}"#[..]));
    assert!(
        !format!("{request:?}").contains("secret-token"),
        "a request value never holds the token"
    );
    let ok = RawResponse {
        status: 201,
        headers: vec![],
        body: br#"{"id":"1"}"#.to_vec(),
    };
    assert_eq!(call.decode(&ok).expect("decodes"), json!({"id": "1"}));
    let refused = RawResponse {
        status: 403,
        headers: vec![("request-id".into(), "r-1".into())],
        body: br#"{"error":{"code":"Forbidden","message":"no"}}"#.to_vec(),
    };
    let e = call
        .decode(&refused)
        .expect_err("a 403 is the service error");
    let service = e.service().expect("a service error");
    assert_eq!(
        (
            service.status,
            service.code.as_deref(),
            service.request_id.as_deref()
        ),
        (403, Some("Forbidden"), Some("r-1"))
    );
    // An argument the call cannot send is the error its request is.
    let bad = get(&client, "/x").header("Bad\nName", "v");
    assert!(matches!(bad.request(), Err(Error::InvalidArgument(_))));
}

/// A mock of another host that records whether a bearer token reached it.
async fn other_host() -> MockServer {
    let other = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "succeeded"})))
        .mount(&other)
        .await;
    other
}

async fn authorization_seen(server: &MockServer) -> Vec<Option<String>> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| {
            r.headers
                .get("authorization")
                .map(|v| v.to_str().unwrap_or_default().to_string())
        })
        .collect()
}

#[tokio::test]
async fn a_redirect_to_another_host_is_followed_without_the_token() {
    let (api, other) = (MockServer::start().await, other_host().await);
    Mock::given(path("/items/1/content"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("Location", format!("{}/download/1", other.uri()).as_str()),
        )
        .mount(&api)
        .await;
    let client = client(&api);
    let bytes = client
        .call::<Vec<u8>, query::NoOptions>(
            reqwest::Method::GET,
            "/items/1/content".into(),
            "/items/{id}/content",
            decode_bytes,
        )
        .await
        .expect("the content");
    assert_eq!(bytes, br#"{"status":"succeeded"}"#);
    assert_eq!(
        authorization_seen(&api).await,
        vec![Some("Bearer test-token".into())]
    );
    assert_eq!(
        authorization_seen(&other).await,
        vec![None],
        "the token never reaches another host"
    );
}

#[tokio::test(start_paused = true)]
async fn an_accepted_operation_is_followed_until_it_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/teams/t1/clone"))
        .respond_with(
            ResponseTemplate::new(202)
                .insert_header("Location", "/teams('t2')/operations('op1')")
                .insert_header("Retry-After", "5"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/teams('t2')/operations('op1')"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "inProgress"})))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/teams('t2')/operations('op1')"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": "succeeded", "targetResourceId": "t2"})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let accepted = client
        .call::<Accepted, query::NoOptions>(
            reqwest::Method::POST,
            "/teams/t1/clone".into(),
            "/teams/{id}/clone",
            decode_accepted,
        )
        .await
        .expect("accepted");
    assert_eq!(
        accepted.location.as_deref(),
        Some("/teams('t2')/operations('op1')")
    );
    assert_eq!(accepted.retry_after, Some(Duration::from_secs(5)));
    let started = tokio::time::Instant::now();
    let policy = PollPolicy {
        interval: Duration::from_secs(1),
        ..PollPolicy::default()
    };
    let done = client.wait_for(&accepted, &policy).await.expect("succeeds");
    assert_eq!(done["targetResourceId"], "t2");
    // 5 s (the 202's Retry-After), then 1 s twice (the policy's interval).
    assert!(
        started.elapsed() >= Duration::from_secs(7),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(received(&server).await, 4);
    assert!(authorization_seen(&server)
        .await
        .iter()
        .all(|a| a.as_deref() == Some("Bearer test-token")));
}

#[tokio::test(start_paused = true)]
async fn a_failed_or_endless_operation_is_an_error_and_a_monitor_elsewhere_gets_no_token() {
    let server = MockServer::start().await;
    Mock::given(path("/ops/failed"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": "failed", "error": {"code": "x"}})),
        )
        .mount(&server)
        .await;
    Mock::given(path("/ops/endless"))
        .respond_with(ResponseTemplate::new(202))
        .mount(&server)
        .await;
    let client = client(&server);
    let at = |l: &str| Accepted {
        location: Some(l.to_string()),
        retry_after: None,
    };
    let policy = PollPolicy::default();
    match client.wait_for(&at("/ops/failed"), &policy).await {
        Err(Error::OperationFailed(report)) => assert_eq!(report["error"]["code"], "x"),
        other => panic!("expected the failure, got {other:?}"),
    }
    assert!(matches!(
        client.wait_for(&at("/ops/endless"), &policy).await,
        Err(Error::StillRunning { .. })
    ));
    // A drive copy's monitor URL is on another host: it is asked without the token.
    let other = other_host().await;
    let done = client
        .wait_for(&at(&format!("{}/monitor/1", other.uri())), &policy)
        .await
        .expect("the monitor says succeeded");
    assert_eq!(done["status"], "succeeded");
    assert_eq!(authorization_seen(&other).await, vec![None]);
}

#[tokio::test]
async fn headers_of_a_paged_call_are_sent_on_every_page() {
    let server = MockServer::start().await;
    three_pages(&server).await;
    let client = client(&server);
    let pages: Vec<_> = list(&client)
        .header("ConsistencyLevel", "eventual")
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 3);
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 3);
    for r in &requests {
        assert_eq!(
            r.headers
                .get("consistencylevel")
                .and_then(|v| v.to_str().ok()),
            Some("eventual"),
            "{}",
            r.url
        );
    }
}

#[tokio::test]
async fn a_national_cloud_is_the_only_host_the_token_goes_to() {
    assert_eq!(
        Client::new("t").with_cloud(Cloud::China).base_url(),
        "https://microsoftgraph.chinacloudapi.cn/v1.0"
    );
    assert_eq!(
        Client::new("t").with_cloud(Cloud::UsGovL5).base_url(),
        "https://dod-graph.microsoft.us/v1.0"
    );
    assert_eq!(Cloud::Global.base_url(), DEFAULT_BASE_URL);
    let (api, other) = (MockServer::start().await, other_host().await);
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
        .mount(&api)
        .await;
    let client = Client::new("test-token").with_cloud(Cloud::Custom(format!("{}/", api.uri())));
    assert_eq!(client.base_url(), format!("{}/v1.0", api.uri()));
    get(&client, "/me").await.expect("the custom host answers");
    assert_eq!(
        authorization_seen(&api).await,
        vec![Some("Bearer test-token".into())]
    );
    // A link to another host is refused before anything is sent.
    let link = format!("{}/v1.0/users?$skiptoken=x", other.uri());
    assert!(matches!(
        client.page_from_link::<Value>(&link).await,
        Err(Error::InvalidArgument(_))
    ));
    assert!(authorization_seen(&other).await.is_empty());
}

/// A `$batch` endpoint: answers each item by its URL (`/items/{n}` -> `{"n": n}`, `/missing`
/// -> 404, `/empty` -> 204) and throttles item URLs listed in `throttle` the first time.
struct BatchEndpoint {
    throttle: Vec<&'static str>,
    seen: std::sync::Mutex<Vec<Value>>,
}

impl wiremock::Respond for BatchEndpoint {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or_default();
        let first_time = {
            let mut seen = self.seen.lock().expect("lock");
            let first = !seen.iter().any(|b| {
                b["requests"].as_array().is_some_and(|r| {
                    r.iter()
                        .any(|i| self.throttle.contains(&i["url"].as_str().unwrap_or("")))
                })
            });
            seen.push(body.clone());
            first
        };
        let answers: Vec<Value> = body["requests"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|r| {
                let url = r["url"].as_str().unwrap_or_default();
                let id = r["id"].clone();
                if first_time && self.throttle.contains(&url) {
                    json!({"id": id, "status": 429, "headers": {"Retry-After": "3"},
                           "body": {"error": {"code": "TooManyRequests"}}})
                } else if url == "/missing" {
                    json!({"id": id, "status": 404, "body": {"error": {"code": "itemNotFound", "message": "no"}}})
                } else if url == "/empty" {
                    json!({"id": id, "status": 204})
                } else {
                    let n: i64 = url.trim_start_matches("/items/").parse().unwrap_or(-1);
                    json!({"id": id, "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"n": n}})
                }
            })
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({ "responses": answers }))
    }
}

async fn batch_server(throttle: Vec<&'static str>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/$batch"))
        .respond_with(BatchEndpoint {
            throttle,
            seen: std::sync::Mutex::new(Vec::new()),
        })
        .mount(&server)
        .await;
    server
}

async fn batch_bodies(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap_or_default())
        .collect()
}

fn empty<'a>(client: &'a Client, p: &str) -> Call<'a, ()> {
    client.call(
        reqwest::Method::DELETE,
        p.to_string(),
        "/empty",
        decode_empty,
    )
}

#[tokio::test]
async fn a_batch_decodes_each_answer_with_its_calls_type_and_errors() {
    let server = batch_server(vec![]).await;
    let client = client(&server);
    let mut batch = client.batch();
    let one = batch.add(&get(&client, "/items/1")).expect("added");
    let gone = batch.add(&empty(&client, "/empty")).expect("added");
    let missing = batch
        .add_after(
            &get(&client, "/missing").header("If-Match", "W/\"1\""),
            &[one.id()],
        )
        .expect("added");
    let created = batch
        .add(
            &client
                .call::<Value, query::NoOptions>(
                    reqwest::Method::POST,
                    "/items".into(),
                    "/items",
                    decode_json,
                )
                .json_body(&json!({"name": "x"})),
        )
        .expect("added");
    let answers = batch.send().await.expect("the batch is answered");
    assert_eq!(answers.get(&one).expect("200"), json!({"n": 1}));
    let () = answers.get(&gone).expect("204 decodes to ()");
    let e = answers.get(&missing).expect_err("404 is the service error");
    assert_eq!(
        e.service().and_then(|s| s.code.as_deref()),
        Some("itemNotFound")
    );
    assert!(answers.get(&created).is_ok());
    let bodies = batch_bodies(&server).await;
    assert_eq!(bodies.len(), 1, "one request");
    assert_eq!(
        bodies[0],
        json!({"requests": [
            {"id": "1", "method": "GET", "url": "/items/1"},
            {"id": "2", "method": "DELETE", "url": "/empty"},
            {"id": "3", "method": "GET", "url": "/missing", "headers": {"if-match": "W/\"1\""}, "dependsOn": ["1"]},
            {"id": "4", "method": "POST", "url": "/items", "headers": {"content-type": "application/json"}, "body": {"name": "x"}},
        ]})
    );
    assert_eq!(
        authorization_seen(&server).await,
        vec![Some("Bearer test-token".into())]
    );
}

#[tokio::test]
async fn more_than_twenty_calls_go_in_several_batches_with_their_dependencies() {
    let server = batch_server(vec![]).await;
    let client = client(&server);
    let mut batch = client.batch();
    let mut items = Vec::new();
    for n in 0..19 {
        items.push(
            batch
                .add(&get(&client, &format!("/items/{n}")))
                .expect("added"),
        );
    }
    // 19 and 20 depend on each other's chain: they go together, in the second request.
    let a = batch.add(&get(&client, "/items/19")).expect("added");
    let b = batch
        .add_after(&get(&client, "/items/20"), &[a.id()])
        .expect("added");
    for n in 21..45 {
        items.push(
            batch
                .add(&get(&client, &format!("/items/{n}")))
                .expect("added"),
        );
    }
    assert_eq!(batch.len(), 45);
    let answers = batch.send().await.expect("answered");
    for (n, item) in items.iter().enumerate().take(19) {
        assert_eq!(answers.get(item).expect("ok")["n"], n as i64);
    }
    assert_eq!(answers.get(&b).expect("ok")["n"], 20);
    let sizes: Vec<usize> = batch_bodies(&server)
        .await
        .iter()
        .map(|b| b["requests"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(
        sizes,
        vec![19, 20, 6],
        "no request over 20, a dependency kept with its item"
    );
    // An unknown dependency is refused when it is added.
    let mut bad = client.batch();
    assert!(bad.add_after(&get(&client, "/items/1"), &["7"]).is_err());
}

#[tokio::test(start_paused = true)]
async fn a_throttled_item_is_retried_on_its_own_after_its_retry_after() {
    let server = batch_server(vec!["/items/2"]).await;
    let client = client(&server);
    let mut batch = client.batch();
    let one = batch.add(&get(&client, "/items/1")).expect("added");
    let two = batch.add(&get(&client, "/items/2")).expect("added");
    let started = tokio::time::Instant::now();
    let answers = batch.send().await.expect("answered");
    assert!(
        started.elapsed() >= Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(answers.get(&one).expect("ok")["n"], 1);
    assert_eq!(answers.get(&two).expect("ok after the retry")["n"], 2);
    let bodies = batch_bodies(&server).await;
    assert_eq!(bodies.len(), 2);
    assert_eq!(
        bodies[1],
        json!({"requests": [{"id": "2", "method": "GET", "url": "/items/2"}]}),
        "only the throttled item is sent again"
    );
    // With retries off, the throttled answer is the item's error.
    let server = batch_server(vec!["/items/2"]).await;
    let never = Client::new("test-token")
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::never());
    let mut batch = never.batch();
    let two = batch.add(&get(&never, "/items/2")).expect("added");
    let answers = batch.send().await.expect("answered");
    let e = answers.get(&two).expect_err("throttled");
    assert_eq!(
        e.service().map(|s| (s.status, s.retry_after.clone())),
        Some((429, Some("3".into())))
    );
}

/// An upload URL's host: takes ranges in order and answers as the service does.
struct UploadEndpoint {
    total: usize,
    received: std::sync::Mutex<usize>,
}

impl wiremock::Respond for UploadEndpoint {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let mut received = self.received.lock().expect("lock");
        match request.method.as_str() {
            "GET" => ResponseTemplate::new(200)
                .set_body_json(json!({"nextExpectedRanges": [format!("{}-", *received)]})),
            "DELETE" => ResponseTemplate::new(204),
            _ => {
                *received += request.body.len();
                if *received >= self.total {
                    ResponseTemplate::new(201)
                        .set_body_json(json!({"id": "file-1", "size": self.total}))
                } else {
                    ResponseTemplate::new(202)
                        .set_body_json(json!({"nextExpectedRanges": [format!("{}-", *received)]}))
                }
            }
        }
    }
}

async fn upload_host(total: usize, already: usize) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/up/session-1"))
        .respond_with(UploadEndpoint {
            total,
            received: std::sync::Mutex::new(already),
        })
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_large_upload_goes_in_ranges_to_the_upload_url_without_the_token() {
    let api = MockServer::start().await;
    let total = 2 * UPLOAD_UNIT + 1000;
    let host = upload_host(total, 0).await;
    let client = client(&api);
    let file: Vec<u8> = (0..total).map(|i| (i % 251) as u8).collect();
    let url = format!("{}/up/session-1", host.uri());
    let item = client
        .upload(&url)
        .chunk_size(UPLOAD_UNIT)
        .send(&file)
        .await
        .expect("uploaded");
    assert_eq!(item["id"], "file-1");
    let requests = host.received_requests().await.unwrap_or_default();
    let ranges: Vec<String> = requests
        .iter()
        .map(|r| {
            r.headers
                .get("content-range")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(
        ranges,
        vec![
            format!("bytes 0-{}/{total}", UPLOAD_UNIT - 1),
            format!("bytes {}-{}/{total}", UPLOAD_UNIT, 2 * UPLOAD_UNIT - 1),
            format!("bytes {}-{}/{total}", 2 * UPLOAD_UNIT, total - 1),
        ]
    );
    let sent: Vec<u8> = requests.iter().flat_map(|r| r.body.clone()).collect();
    assert!(sent == file, "the ranges are the file");
    assert!(
        authorization_seen(&host).await.iter().all(Option::is_none),
        "the token never goes to the upload URL"
    );
    assert_eq!(received(&api).await, 0);
    // Not a multiple of 320 KiB: refused before anything is sent.
    assert!(matches!(
        client.upload(&url).chunk_size(100_000).send(&file).await,
        Err(Error::InvalidArgument(_))
    ));
}

#[tokio::test]
async fn an_interrupted_upload_resumes_where_the_service_stands_and_can_be_cancelled() {
    let api = MockServer::start().await;
    let total = 3 * UPLOAD_UNIT;
    // The service already has the first two ranges.
    let host = upload_host(total, 2 * UPLOAD_UNIT).await;
    let client = client(&api);
    let url = format!("{}/up/session-1", host.uri());
    let upload = client.upload(&url).chunk_size(UPLOAD_UNIT);
    let ranges = upload.status().await.expect("status");
    assert_eq!(ranges, vec![format!("{}-", 2 * UPLOAD_UNIT)]);
    let file = vec![7u8; total];
    upload
        .clone()
        .resume_from(&ranges)
        .send(&file)
        .await
        .expect("the rest is uploaded");
    let puts: Vec<String> = host
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.method.as_str() == "PUT")
        .filter_map(|r| {
            r.headers
                .get("content-range")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .collect();
    assert_eq!(
        puts,
        vec![format!("bytes {}-{}/{total}", 2 * UPLOAD_UNIT, total - 1)]
    );
    upload.cancel().await.expect("cancelled");
    assert!(authorization_seen(&host).await.iter().all(Option::is_none));
}

#[tokio::test]
async fn one_range_at_a_time_and_a_session_that_stops_advancing_ends_the_upload() {
    let api = MockServer::start().await;
    let host = MockServer::start().await;
    // A session that always asks for byte 0 again.
    Mock::given(path("/up/stuck"))
        .respond_with(
            ResponseTemplate::new(202).set_body_json(json!({"nextExpectedRanges": ["0-"]})),
        )
        .mount(&host)
        .await;
    let client = client(&api);
    let url = format!("{}/up/stuck", host.uri());
    let progress = client
        .upload(&url)
        .send_range(b"abc", 0, 10)
        .await
        .expect("answered");
    assert_eq!(
        progress,
        crate::UploadProgress::Expecting(vec!["0-".into()])
    );
    let sent = host.received_requests().await.unwrap_or_default();
    assert_eq!(
        sent[0]
            .headers
            .get("content-range")
            .and_then(|v| v.to_str().ok()),
        Some("bytes 0-2/10")
    );
    // A range past the end of the file is refused before anything is sent.
    assert!(matches!(
        client.upload(&url).send_range(b"abc", 8, 10).await,
        Err(Error::InvalidArgument(_))
    ));
    let e = client
        .upload(&url)
        .send(&[1u8; 10])
        .await
        .expect_err("stuck");
    assert!(
        matches!(e, Error::InvalidArgument(ref m) if m.contains("again")),
        "{e}"
    );
    // The first range, then three resends of it.
    assert_eq!(
        host.received_requests().await.unwrap_or_default().len(),
        1 + 4
    );
}

#[tokio::test]
async fn a_download_streams_in_chunks_through_a_redirect_without_the_token() {
    let (api, files) = (MockServer::start().await, MockServer::start().await);
    let content: Vec<u8> = (0..3 * 1024 * 1024).map(|i| (i % 253) as u8).collect();
    Mock::given(path("/files/big"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(content.clone()))
        .mount(&files)
        .await;
    Mock::given(path("/items/1/content"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("Location", format!("{}/files/big", files.uri()).as_str()),
        )
        .mount(&api)
        .await;
    Mock::given(path("/items/2/content"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(json!({"error": {"code": "itemNotFound"}})),
        )
        .mount(&api)
        .await;
    let client = client(&api);
    let download = |id: &str| {
        client.call::<Vec<u8>, query::NoOptions>(
            reqwest::Method::GET,
            format!("/items/{id}/content"),
            "/items/{id}/content",
            decode_bytes,
        )
    };
    let mut stream = download("1").stream().await.expect("streaming");
    let (mut got, mut chunks) = (Vec::new(), 0);
    while let Some(chunk) = stream.next().await {
        got.extend(chunk.expect("a chunk"));
        chunks += 1;
    }
    assert!(got == content, "the streamed bytes are the file");
    assert!(chunks > 1, "the file came in {chunks} chunks, not at once");
    assert_eq!(
        authorization_seen(&files).await,
        vec![None],
        "no token to the download host"
    );
    let e = download("2").stream().await.expect_err("404");
    assert_eq!(
        e.service().and_then(|s| s.code.as_deref()),
        Some("itemNotFound")
    );
}

#[test]
fn a_success_or_an_accepted_decodes_as_what_came() {
    let created = RawResponse {
        status: 201,
        headers: vec![],
        body: br#"{"id": "s1"}"#.to_vec(),
    };
    let done: Outcome<serde_json::Value> = decode_or_accepted(&created).expect("decodes");
    assert_eq!(done, Outcome::Done(json!({"id": "s1"})));
    // A `202` says where to follow the operation, whatever body comes with it (`{}`, none).
    for body in [b"{ }".to_vec(), Vec::new()] {
        let accepted = RawResponse {
            status: 202,
            headers: vec![("Location".into(), "/operations/1".into())],
            body,
        };
        let outcome: Outcome<serde_json::Value> =
            decode_or_accepted(&accepted).expect("a 202 is no decode error");
        let Outcome::Accepted(a) = outcome else {
            panic!("expected Accepted, got {outcome:?}")
        };
        assert_eq!(a.location.as_deref(), Some("/operations/1"));
    }
}
