//! Unit tests of the checks: each code from a minimal page.

use crate::base::Code;
use crate::read::source::{Lang, SourceFile};

/// Diagnostics of one page, as (code, line) pairs.
fn findings(md: &str) -> Vec<(Code, u32)> {
    let a = crate::analyze_sources(&[SourceFile::new("api/x.md", md.to_string(), Lang::English)]);
    a.diagnostics
        .iter()
        .map(|d| (d.code, d.location.line))
        .collect()
}

const PERMS: &str = "## Permissions\n\n|Permission type|Permissions|\n|:--|:--|\n|Delegated (work or school account)|Mail.Send|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|Mail.Send|\n\n";

fn page(response_prose: &str, example_status: &str) -> String {
    format!(
        "# thing: do\n\n{PERMS}## HTTP request\n\n```http\nPOST /things/{{id}}/do\n```\n\n## Response\n\n{response_prose}\n\n## Example\n\n<!-- {{\"blockType\": \"request\", \"name\": \"a\"}} -->\n```http\nPOST https://graph.microsoft.com/v1.0/things/1/do\n```\n\n<!-- {{\"blockType\": \"response\", \"name\": \"a\"}} -->\n```http\n{example_status}\n```\n"
    )
}

#[test]
fn agreeing_page_is_clean() {
    assert_eq!(
        findings(&page(
            "If successful, this method returns `204 No Content`.",
            "HTTP/1.1 204 No Content"
        )),
        vec![]
    );
}

#[test]
fn status_mismatch_points_at_the_example_and_names_the_prose() {
    let md = page(
        "If successful, this method returns `202 Accepted`.",
        "HTTP/1.1 200 OK",
    );
    let a = crate::analyze_sources(&[SourceFile::new("api/x.md", md.clone(), Lang::English)]);
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == Code::StatusMismatch)
        .expect("status-mismatch");
    let example_line = md.lines().position(|l| l == "HTTP/1.1 200 OK").unwrap() as u32 + 1;
    let prose_line = md.lines().position(|l| l.contains("202 Accepted")).unwrap() as u32 + 1;
    assert_eq!(d.location.line, example_line);
    assert_eq!(d.notes[0].location.line, prose_line);
    assert_eq!(a.api.operations[0].success.status, Some(202));
}

#[test]
fn missing_success_status() {
    let md = page("It works.", "HTTP/1.1 400 Bad Request");
    assert!(findings(&md)
        .iter()
        .any(|(c, _)| *c == Code::MissingSuccessStatus));
}

#[test]
fn scopes_mismatch_and_missing_scopes() {
    let md = page("Returns `204 No Content`.", "HTTP/1.1 204 No Content").replace(
        "{\"blockType\": \"request\", \"name\": \"a\"}",
        "{\"blockType\": \"request\", \"name\": \"a\", \"scopes\": \"mail.send Mail.ReadWrite\"}",
    );
    let f = findings(&md);
    assert!(f.iter().any(|(c, _)| *c == Code::ScopesMismatch), "{f:?}");
    let no_table = page("Returns `204 No Content`.", "HTTP/1.1 204 No Content").replace(PERMS, "");
    assert!(findings(&no_table)
        .iter()
        .any(|(c, _)| *c == Code::MissingScopes));
}

#[test]
fn example_url_matches_no_template() {
    let md = page("Returns `204 No Content`.", "HTTP/1.1 204 No Content")
        .replace("/v1.0/things/1/do", "/v1.0/others/1/do");
    assert!(findings(&md)
        .iter()
        .any(|(c, _)| *c == Code::ExampleUrlMatchesNoTemplate));
}

#[test]
fn response_example_without_body() {
    let md = page("Returns `202 Accepted`.", "HTTP/1.1 202 Accepted").replace(
        "{\"blockType\": \"response\", \"name\": \"a\"}",
        "{\"blockType\": \"response\", \"name\": \"a\", \"@odata.type\": \"microsoft.graph.thing\"}",
    );
    let f = findings(&md);
    assert!(
        f.iter()
            .any(|(c, _)| *c == Code::ResponseExampleWithoutBody),
        "{f:?}"
    );
}

#[test]
fn template_literal_id() {
    let md = page("Returns `204 No Content`.", "HTTP/1.1 204 No Content").replace(
        "POST /things/{id}/do",
        "POST /things/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/do",
    );
    let f = findings(&md);
    assert!(f.contains(&(Code::TemplateLiteralId, 14)), "{f:?}");
    // The example still matches: the id is read as a placeholder.
    assert!(!f
        .iter()
        .any(|(c, _)| *c == Code::ExampleUrlMatchesNoTemplate));
}

#[test]
fn example_calls_other_host() {
    let good = page("Returns `204 No Content`.", "HTTP/1.1 204 No Content");
    let callback = good.replace(
        "https://graph.microsoft.com/v1.0/things/1/do",
        "https://bot.contoso.com/callback",
    );
    let a = crate::analyze_sources(&[
        SourceFile::new("api/a.md", good.clone(), Lang::English),
        SourceFile::new("api/b.md", good, Lang::English),
        SourceFile::new("api/x.md", callback, Lang::English),
    ]);
    let at: Vec<(Code, &str)> = a
        .diagnostics
        .iter()
        .map(|d| (d.code, d.location.file.as_str()))
        .collect();
    assert!(
        at.contains(&(Code::ExampleCallsOtherHost, "api/x.md")),
        "{at:?}"
    );
    assert!(!at
        .iter()
        .any(|(c, _)| *c == Code::ExampleUrlMatchesNoTemplate));
}

#[test]
fn response_body_on_no_content() {
    let md = page(
        "Returns `204 No Content`.",
        "HTTP/1.1 204 No Content\nContent-type: application/json\n\n{\"a\": 1}",
    );
    assert!(findings(&md)
        .iter()
        .any(|(c, _)| *c == Code::ResponseBodyOnNoContent));
}

#[test]
fn unpaired_examples_and_bad_blocks() {
    let md = "# thing: do\n\n## HTTP request\n\n```http\nGET /things\n```\n\n## Example\n\n<!-- {\"blockType\": \"request\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n\n<!-- {\"blockType\": \"response\", \"name\": \"nope\"} -->\n```http\nnot a status line\n```\n\n<!-- {\"blockType\": \"requets\"} -->\n```http\nGET /x\n```\n\n<!-- {\"blockType\": \"request\",, } -->\n```http\nGET /y\n```\n";
    let f: Vec<Code> = findings(md).into_iter().map(|(c, _)| c).collect();
    for want in [
        Code::UnpairedRequest,
        Code::InvalidResponseBlock,
        Code::UnknownBlockType,
        Code::InvalidAnnotationJson,
    ] {
        assert!(f.contains(&want), "{want} not in {f:?}");
    }
}

#[test]
fn duplicate_operations_are_renamed_and_reported() {
    let md = page("Returns `204 No Content`.", "HTTP/1.1 204 No Content");
    let a = crate::analyze_sources(&[
        SourceFile::new("api/a.md", md.clone(), Lang::English),
        SourceFile::new("api/b.md", md, Lang::English),
    ]);
    let ids: Vec<&str> = a.api.operations.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, vec!["thing_do", "thing_do_b"]);
    assert!(a
        .diagnostics
        .iter()
        .any(|d| d.code == Code::DuplicateOperation));
}

#[test]
fn duplicate_example_name_and_template_without_example() {
    let md = page("Returns `204 No Content`.", "HTTP/1.1 204 No Content").replace(
        "POST /things/{id}/do\n",
        "POST /things/{id}/do\nPOST /others/{id}/do\n",
    );
    let twice = format!("{md}\n<!-- {{\"blockType\": \"request\", \"name\": \"a\"}} -->\n```http\nPOST https://graph.microsoft.com/v1.0/things/2/do\n```\n");
    let f = findings(&twice);
    let second = twice
        .lines()
        .position(|l| l.ends_with("/things/2/do"))
        .unwrap() as u32
        + 1;
    assert!(f.contains(&(Code::DuplicateExampleName, second)), "{f:?}");
    let line = md
        .lines()
        .position(|l| l == "POST /others/{id}/do")
        .unwrap() as u32
        + 1;
    assert!(f.contains(&(Code::TemplateWithoutExample, line)), "{f:?}");
}

const WIDGET: &str = "# widget resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n| count | Int32 | How many. |\n| shown | Boolean | Shown. |\n\n## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\"} -->\n```json\n{\"id\": \"string\", \"count\": 1, \"shown\": true}\n```\n";

fn with_widget(op: &str) -> Vec<Code> {
    let a = crate::analyze_sources(&[
        SourceFile::new("resources/widget.md", WIDGET.to_string(), Lang::English),
        SourceFile::new("api/x.md", op.to_string(), Lang::English),
    ]);
    a.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn example_properties_against_the_resource() {
    let op = |body: &str| {
        format!("# Get widget\n\n{PERMS}## HTTP request\n\n```http\nGET /widgets/{{id}}\n```\n\n## Response\n\nReturns `200 OK`.\n\n## Example\n\n```http\nGET https://graph.microsoft.com/v1.0/widgets/1\n```\n\n<!-- {{\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.widget\"}} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n")
    };
    let clean = with_widget(&op(
        r#"{"@odata.context": "x", "id": "1", "count": 2, "shown": null}"#,
    ));
    assert!(
        !clean.contains(&Code::ExamplePropertyNotInResource)
            && !clean.contains(&Code::ExamplePropertyTypeMismatch),
        "{clean:?}"
    );
    let extra = with_widget(&op(r#"{"id": "1", "colour": "red"}"#));
    assert!(
        extra.contains(&Code::ExamplePropertyNotInResource),
        "{extra:?}"
    );
    let wrong = with_widget(&op(r#"{"id": "1", "shown": "true", "count": "2"}"#));
    assert_eq!(
        wrong
            .iter()
            .filter(|c| **c == Code::ExamplePropertyTypeMismatch)
            .count(),
        2,
        "{wrong:?}"
    );
}

#[test]
fn example_bodies_against_the_request_body_table() {
    let op = |body: &str| {
        format!("# widget: polish\n\n{PERMS}## HTTP request\n\n```http\nPOST /widgets/{{id}}/polish\n```\n\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| widget | [widget](../resources/widget.md) | Required. What to polish. |\n| times | Int32 | How often. |\n\n## Response\n\nReturns `204 No Content`.\n\n## Example\n\n```http\nPOST https://graph.microsoft.com/v1.0/widgets/1/polish\nContent-type: application/json\n\n{body}\n```\n\n```http\nHTTP/1.1 204 No Content\n```\n")
    };
    // Missing required, not listed, wrong kind: how many of each.
    let counts = |body: &str| -> [usize; 3] {
        let codes = with_widget(&op(body));
        [
            Code::ExampleMissingRequiredProperty,
            Code::ExamplePropertyNotInRequestBody,
            Code::ExamplePropertyTypeMismatch,
        ]
        .map(|code| codes.iter().filter(|c| **c == code).count())
    };
    assert_eq!(
        counts(r#"{"widget": {"id": "1"}, "times": 2, "widget@odata.type": "x"}"#),
        [0, 0, 0]
    );
    assert_eq!(counts(r#"{"times": "2", "Times": 3}"#), [1, 1, 1]);
    // A member of a documented resource is checked against that resource.
    assert_eq!(
        counts(r#"{"widget": {"id": "1", "count": "many"}}"#),
        [0, 0, 1]
    );
}

#[test]
fn request_example_without_body() {
    let md = "# thing: poke\n\n## HTTP request\n\n```http\nPOST /things/{id}/poke\n```\n\n## Example\n\n```http\nPOST https://graph.microsoft.com/v1.0/things/1/poke\nContent-type: application/json\n\n{\"hard\": true}\n```\n\n```http\nHTTP/1.1 204 No Content\n```\n\n```http\nPOST https://graph.microsoft.com/v1.0/things/2/poke\n```\n\n```http\nHTTP/1.1 204 No Content\n```\n\n```http\nPOST https://graph.microsoft.com/v1.0/things/3/poke\nContent-Type: image/jpeg\n\n<Image>\n```\n\n```http\nHTTP/1.1 204 No Content\n```\n";
    let found: Vec<u32> = findings(md)
        .into_iter()
        .filter(|(c, _)| *c == Code::RequestExampleWithoutBody)
        .map(|(_, line)| line)
        .collect();
    // Only the second example; the third sends an image.
    assert_eq!(found.len(), 1, "{found:?}");
    let second = md
        .lines()
        .position(|l| l.ends_with("things/2/poke"))
        .unwrap() as u32
        + 1;
    assert_eq!(found[0], second);
}

#[test]
fn undocumented_query_option() {
    let md = |section: &str| {
        format!("# List things\n\n{PERMS}## HTTP request\n\n```http\nGET /things\n```\n\n{section}## Response\n\nReturns `200 OK`.\n\n## Example\n\n```http\nGET https://graph.microsoft.com/v1.0/things?$top=2&$select=id&$skipToken=x\n```\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"value\": []}}\n```\n")
    };
    let count = |md: &str| {
        findings(md)
            .iter()
            .filter(|(c, _)| *c == Code::UndocumentedQueryOption)
            .count()
    };
    assert_eq!(count(&md("")), 2);
    assert_eq!(
        count(&md(
            "## Optional query parameters\n\nThis method supports the `$top` query parameter.\n\n"
        )),
        1
    );
}

#[test]
fn resource_table_json_mismatch() {
    let md = WIDGET.replace("\"shown\": true}", "\"hidden\": true}");
    let a = crate::analyze_sources(&[SourceFile::new("resources/widget.md", md, Lang::English)]);
    let n = a
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ResourceTableJsonMismatch)
        .count();
    assert_eq!(n, 2, "{:#?}", a.diagnostics);
}

#[test]
fn scopes_table_malformed() {
    let md = page("Returns `204 No Content`.", "HTTP/1.1 204 No Content")
        .replace("|Application|Mail.Send|\n", "|Application|TODO|\n");
    assert!(findings(&md)
        .iter()
        .any(|(c, _)| *c == Code::ScopesTableMalformed));
    let missing_row = page("Returns `204 No Content`.", "HTTP/1.1 204 No Content")
        .replace("|Application|Mail.Send|\n", "");
    assert!(findings(&missing_row)
        .iter()
        .any(|(c, _)| *c == Code::ScopesTableMalformed));
}

#[test]
fn reading_problems_each_from_a_minimal_page() {
    let codes = |md: &str| -> Vec<Code> {
        crate::analyze_sources(&[SourceFile::new("api/x.md", md.to_string(), Lang::English)])
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    };
    let lone_response = "# thing: do\n\n## HTTP request\n\n```http\nGET /things\n```\n\n## Example\n\n```http\nHTTP/1.1 200 OK\n```\n";
    assert!(codes(lone_response).contains(&Code::UnpairedResponse));
    let bad_body = "# thing: do\n\n## HTTP request\n\n```http\nPOST /things\n```\n\n## Example\n\n```http\nPOST https://graph.microsoft.com/v1.0/things\nContent-Type: application/json\n\n{ \"a\": 1 \"b\": 2 }\n```\n";
    assert!(codes(bad_body).contains(&Code::ExampleBodyInvalidJson));
    let bad_request = "# thing: do\n\n## HTTP request\n\n```http\nGET /things\n```\n\n## Example\n\n<!-- {\"blockType\": \"request\"} -->\n```http\nContent-Type: application/json\n```\n";
    assert!(codes(bad_request).contains(&Code::InvalidRequestBlock));
    let no_template =
        "# Overview\n\n## Example\n\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n";
    assert!(codes(no_template).contains(&Code::MissingTemplate));
    let cut_off = "# thing: do\n\n## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\nA caption.\n```http\nGET /things\n```\n";
    assert!(codes(cut_off).contains(&Code::AnnotationNotBeforeFence));
}

#[test]
fn an_unreadable_page_is_an_error_and_the_others_are_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.md"), [0xff, 0xfe, 0x00]).unwrap();
    std::fs::write(
        dir.path().join("good.md"),
        "# thing: do\n\n## HTTP request\n\n```http\nGET /things\n```\n",
    )
    .unwrap();
    let a = crate::analyze(dir.path(), Lang::English).unwrap();
    assert!(a.has_errors());
    assert_eq!(a.pages_failed, 1);
    assert_eq!(a.api.operations.len(), 1);
    assert!(a
        .diagnostics
        .iter()
        .any(|d| d.code == Code::UnreadablePage && d.location.file == "bad.md"));
}

#[test]
fn every_code_is_explained_in_the_catalogue() {
    let c = crate::base::catalogue();
    for code in Code::ALL {
        assert!(c.contains(&format!("| `{code}` |")), "{code} missing");
    }
}

#[test]
fn unknown_type_reference() {
    let md = "# widget resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| part | [gadget](gadget.md) | A part. |\n\n## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\"} -->\n```json\n{}\n```\n";
    let a = crate::analyze_sources(&[SourceFile::new(
        "resources/widget.md",
        md.to_string(),
        Lang::English,
    )]);
    assert!(a
        .diagnostics
        .iter()
        .any(|d| d.code == Code::UnknownTypeReference));
    assert_eq!(a.api.resources[0].name, "widget");
}
