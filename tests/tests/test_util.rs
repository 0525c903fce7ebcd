//! The generated crate's `test-util` feature, as a user tests their own code with it: the
//! README's "Testing your own code" block is the test below, word for word, and it runs.

// README: begin
use docs_client::models::Message;
use docs_client::operations::GET_MESSAGE;
use docs_client::prelude::*;
use docs_client::{test_util, Client, Error};

/// The code under test: a user's function that reads a message's subject.
async fn subject_of(client: &Client, id: &str) -> Result<Option<String>, Error> {
    let message: Message = client.me().message(id).get().select(["subject"]).await?;
    Ok(message.subject.into_value())
}

#[tokio::test]
async fn subject_of_reads_the_documented_message() {
    // The response the "Get message" page documents, replayed by a mock server.
    let documented = test_util::documented(&GET_MESSAGE);
    let server = documented[0].replay().await;
    let client = test_util::client(&server);

    let subject = subject_of(&client, "AAMkADhAAAW-VPeAAA=")
        .await
        .expect("decodes");

    let expected: Message = documented[0].decode().expect("the documented body");
    assert_eq!(subject, expected.subject.into_value());
    let sent = test_util::single_request(&server).await;
    test_util::assert_method(&sent, "GET");
    test_util::assert_path(&sent, "/me/messages/AAMkADhAAAW-VPeAAA%3D");
    test_util::assert_query(&sent, &[("$select", "subject")]);
    test_util::assert_bearer(&sent);
}
// README: end

/// Every documented example response of the default docs is in the table, with its operation.
#[test]
fn every_documented_response_is_replayable() {
    let analysis = codegen::analyze(
        &workspace_tests::root().join("docs"),
        codegen::source::Lang::English,
    )
    .expect("docs/ is readable");
    let responses: usize = analysis
        .api
        .operations
        .iter()
        .flat_map(|op| &op.examples)
        .map(|ex| usize::from(ex.response.is_some()) + ex.more_responses.len())
        .sum();
    let table: usize = test_util::DOCUMENTED.iter().map(|r| r.len()).sum();
    assert_eq!(table, responses);
    assert!(responses >= 12, "{responses}");
    // Each operation's responses are found by its info constant.
    let send = test_util::documented(&docs_client::operations::MESSAGE_SEND);
    assert_eq!(send.iter().map(|r| r.status).collect::<Vec<_>>(), vec![202]);
}

#[test]
fn the_readme_shows_this_test() {
    let root = workspace_tests::root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let this = std::fs::read_to_string(root.join("tests/tests/test_util.rs")).expect("this file");
    let block = this
        .split_once("// README: begin\n")
        .and_then(|(_, rest)| rest.split_once("// README: end"))
        .expect("the README block")
        .0;
    assert!(
        readme.contains(block),
        "README's \"Testing your own code\" block differs from tests/tests/test_util.rs"
    );
}

/// Whether `check` fails (panics), as an assertion of a conformance test fails it.
fn fails(check: impl FnOnce()) -> bool {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)).is_err()
}

/// `assert_request`, the request-line check of every conformance test, fails a request that
/// differs in any part it checks: otherwise a client that calls another method, path or query,
/// or leaves out the token, would pass the tests.
#[tokio::test]
async fn assert_request_fails_each_wrong_part() {
    let documented = test_util::documented(&GET_MESSAGE);
    let server = documented[0].replay().await;
    let client = test_util::client(&server);
    subject_of(&client, "AAMkADhAAAW-VPeAAA=")
        .await
        .expect("decodes");
    let sent = test_util::single_request(&server).await;
    let path = "/me/messages/AAMkADhAAAW-VPeAAA%3D";
    let query: &[(&str, &str)] = &[("$select", "subject")];
    test_util::assert_request(&sent, "GET", path, Some(query));
    // No query given: the query is not checked.
    test_util::assert_request(&sent, "GET", path, None);
    type Line<'a> = (&'a str, &'a str, Option<&'a [(&'a str, &'a str)]>);
    let wrong: [Line; 5] = [
        ("POST", path, Some(query)),
        ("GET", "/me/messages/AAMkADhAAAW-VPeAAA=", Some(query)),
        ("GET", "/me/messages", Some(query)),
        ("GET", path, Some(&[])),
        ("GET", path, Some(&[("$select", "body")])),
    ];
    for (method, path, query) in wrong {
        assert!(
            fails(|| test_util::assert_request(&sent, method, path, query)),
            "{method} {path} {query:?} passed"
        );
    }
    // The same request line without the token.
    let bare = test_util::replay(200, &[], None).await;
    test_util::http()
        .get(format!("{}{path}?$select=subject", bare.uri()))
        .send()
        .await
        .expect("sent");
    let unsigned = test_util::single_request(&bare).await;
    assert!(
        fails(|| test_util::assert_request(&unsigned, "GET", path, Some(query))),
        "a request without the token passed"
    );
}

/// A flow of two calls, each answered by its own operation's documented response: the
/// response goes to a request of its operation only, once, in order.
#[tokio::test]
async fn a_sequence_answers_each_call_with_its_operations_response() {
    use docs_client::operations::{CREATE_MESSAGE, MESSAGE_SEND};
    let server = test_util::Sequence::new()
        .then(&CREATE_MESSAGE, test_util::documented(&CREATE_MESSAGE)[0])
        .then(&MESSAGE_SEND, test_util::documented(&MESSAGE_SEND)[0])
        .replay()
        .await;
    let client = test_util::client(&server);
    // A request of another operation finds no step.
    assert!(client.me().message("AAMk=").get().await.is_err());
    let draft = Message {
        subject: "Quarterly numbers".into(),
        ..Default::default()
    };
    let created: Message = client
        .me()
        .messages()
        .create(&draft)
        .await
        .expect("the draft");
    let id = created
        .id
        .as_deref()
        .expect("the documented draft has an id");
    client.me().message(id).send().await.expect("sent");
    server.verify().await;
    // Each step answers once.
    assert!(client.me().message(id).send().await.is_err());
}
