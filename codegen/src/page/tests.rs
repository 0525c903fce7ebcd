//! Unit tests of the page layer, one small page or cell at a time.

use super::operation::collection_by_description;
use super::scopes::permission;
use super::text::split_scopes;
use super::*;
use crate::ir::names::{qualified, resource_name};
use crate::read::source::Lang;

#[test]
fn ids_and_names() {
    assert_eq!(operation_id("message: send", "api/x.md"), "message_send");
    assert_eq!(operation_id("List messages", "api/x.md"), "list_messages");
    assert_eq!(
        operation_id("邮件：发送", "api/message-send.md"),
        "message_send"
    );
    assert_eq!(resource_name("microsoft.graph.message"), "message");
    assert_eq!(
        resource_name("Collection(microsoft.graph.message)"),
        "message"
    );
    assert_eq!(
        resource_name("#microsoft.graph.callRecords.mediaStream"),
        "callRecords.mediaStream"
    );
    assert_eq!(resource_name("Edm.String"), "String");
    assert_eq!(
        qualified(Some("microsoft.graph.callRecords"), "session"),
        "callRecords.session"
    );
    assert_eq!(qualified(Some("microsoft.graph"), "user"), "user");
}

#[test]
fn types() {
    assert_eq!(
        TypeRef::parse("String"),
        TypeRef::Primitive(Primitive::String)
    );
    assert_eq!(
        TypeRef::parse("recipient collection"),
        TypeRef::Collection(Box::new(TypeRef::Named("recipient".into())))
    );
    assert_eq!(
        TypeRef::parse("Collection of String"),
        TypeRef::Collection(Box::new(TypeRef::Primitive(Primitive::String)))
    );
    assert_eq!(
        TypeRef::parse("Collection(Edm.String)"),
        TypeRef::Collection(Box::new(TypeRef::Primitive(Primitive::String)))
    );
}

#[test]
fn a_row_described_as_a_collection_is_one() {
    let string = || TypeRef::Primitive(Primitive::String);
    let many = TypeRef::Collection(Box::new(string()));
    for d in [
        "A collection that contains the object IDs of the groups.",
        "Required. An array of permission types.",
        "The list of conditions to sort on.",
    ] {
        assert_eq!(collection_by_description(string(), d), many, "{d}");
    }
    for d in ["The ID of the collection.", "Optional. A name."] {
        assert_eq!(collection_by_description(string(), d), string(), "{d}");
    }
    assert_eq!(
        collection_by_description(many.clone(), "A collection of IDs."),
        many
    );
}

#[test]
fn scopes_from_cells() {
    assert_eq!(
        permission("Mail.Send, Mail.ReadWrite", &Vocabulary::default()),
        Permission::Scopes(vec!["Mail.Send".into(), "Mail.ReadWrite".into()])
    );
    assert_eq!(
        permission("Not supported.", &Vocabulary::default()),
        Permission::NotSupported
    );
    assert_eq!(split_scopes("*Mail.Send*"), vec!["Mail.Send"]);
    // Scopes per resource, each list after a label (`<br/>` reads as a space).
    assert_eq!(
        split_scopes(
            "For user resource: User.Read, User.ReadWrite.All  For group resource: Group.Read.All"
        ),
        vec!["User.Read", "User.ReadWrite.All", "Group.Read.All"]
    );
    assert_eq!(split_scopes("resource:User.Read"), vec!["User.Read"]);
}

fn model(path: &str, md: &str) -> PageModel {
    let src = SourceFile::new(path, md.to_string(), Lang::English);
    model_page(
        &src,
        &crate::read::extract::extract(&src),
        &Vocabulary::default(),
    )
}

#[test]
fn the_response_is_what_an_untested_example_or_the_prose_shows() {
    let shape = |md: &str| {
        model("api/x.md", md)
            .operation
            .expect("operation")
            .response_body
            .map(|b| (b.resource.unwrap_or_default(), b.collection))
    };
    let head = "# List things\n\n## HTTP request\n\n```http\nGET /things\n```\n\n## Response\n\n";
    // The only response answers an `ignored` request: it still shows the type.
    let ignored = format!("{head}Returns `200 OK`.\n\n## Example\n\n<!-- {{\"blockType\": \"ignored\"}} -->\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n\n<!-- {{\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.directoryObject\", \"isCollection\": true}} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"value\": []}}\n```\n");
    assert_eq!(shape(&ignored), Some(("directoryObject".into(), true)));
    // No example: the type the paragraph of the success status links.
    let prose = |text: &str| shape(&format!("{head}{text}\n"));
    assert_eq!(
        prose("If successful, this method returns a `200 OK` response code and [profilePhoto](../resources/profilephoto.md) object in the response body."),
        Some(("profilephoto".into(), false))
    );
    assert_eq!(
        prose("If successful, this method returns a `200 OK` response code and a collection of [page](../resources/page.md) objects."),
        Some(("page".into(), true))
    );
    // Two types, or none said with the status: nothing is made up.
    assert_eq!(
        prose("If successful, this method returns a `200 OK` response code and a [user](../resources/user.md) or [group](../resources/group.md) object."),
        None
    );
    assert_eq!(
        prose("If successful, this method returns `200 OK`.\n\nSee [user](../resources/user.md)."),
        None
    );
}

#[test]
fn parameter_tables_of_an_operation() {
    let m = model(
        "api/x.md",
        "# Get report\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nGET /reports/getX(period='{period_value}')\n```\n\n## Function parameters\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| period | string | Required. The length of time. |\n\n## Optional query parameters\n\n| Name | Description |\n|:--|:--|\n| `$top` | How many. |\n\n## Request headers\n\n| Name | Description |\n|:--|:--|\n| Authorization | Bearer {token}. Required. |\n| Prefer | Optional. |\n",
    );
    let op = m.operation.expect("operation");
    assert_eq!(op.function_parameters.len(), 1);
    assert_eq!(op.function_parameters[0].name, "period");
    assert!(op.function_parameters[0].required);
    assert_eq!(
        op.function_parameters[0].ty,
        Some(TypeRef::Primitive(Primitive::String))
    );
    assert_eq!(op.query_parameters[0].name, "$top");
    let headers: Vec<(&str, bool)> = op
        .headers
        .iter()
        .map(|h| (h.name.as_str(), h.required))
        .collect();
    assert_eq!(headers, vec![("Authorization", true), ("Prefer", false)]);
    assert_eq!(op.templates[0].params[0].name, "period_value");
    assert_eq!(
        m.info.and_then(|i| i.namespace).as_deref(),
        Some("microsoft.graph")
    );
}

/// A header table may write the value a row documents after the header's name, one row per
/// preference (the calendarView pages): each row documents the header, whose typed setter the
/// call gets (such rows were dropped as names with a space, and `.prefer()` was refused).
#[test]
fn a_header_row_with_its_value_documents_the_header() {
    let m = model(
        "api/user-list-calendarview.md",
        "# List calendarView\n\n## HTTP request\n\n```http\nGET /me/calendarView\n```\n\n## Request headers\n\n| Name | Type | Description |\n|:--|:--|:--|\n| Authorization | string | Bearer {token}. Required. |\n| Prefer: outlook.timezone | string | The time zone of the response. Optional. |\n| Prefer: outlook.body-content-type | string | Text or HTML. Optional. |\n| Not a header: a sentence | string | Dropped. |\n",
    );
    let op = m.operation.expect("operation");
    let names: Vec<&str> = op.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["Authorization", "Prefer", "Prefer"]);
    assert_eq!(op.typed_headers(), [TypedHeader::Prefer]);
    assert!(op.required_headers().is_empty());
    // The same row translated, the header's name a word of the language: read as the header
    // and reported.
    let m = model(
        "api/user-list-calendarview.md",
        "# calendarView を一覧表示する\n\n## HTTP request\n\n```http\nGET /me/calendarView\n```\n\n## Request headers\n\n| 名前 | 説明 |\n|:--|:--|\n| 優先: outlook.timezone | 省略可能。 |\n",
    );
    let op = m.operation.expect("operation");
    assert_eq!(op.typed_headers(), [TypedHeader::Prefer]);
    assert!(m
        .diagnostics
        .iter()
        .any(|d| d.code == crate::base::Code::TranslatedHeaderName));
}

#[test]
fn query_options_from_prose_and_tables() {
    let options = |section: &str, response: &str| -> Vec<String> {
        let md = format!("# List things\n\n## HTTP request\n\n```http\nGET /things\n```\n\n## Optional query parameters\n\n{section}\n\n## Response\n\nReturns `200 OK`.\n\n## Example\n\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n\n<!-- {{\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\"{response}}} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{}}\n```\n");
        model("api/x.md", &md)
            .operation
            .expect("operation")
            .query_options
            .iter()
            .map(|o| o.name().to_string())
            .collect()
    };
    let list = ", \"isCollection\": true";
    assert_eq!(
        options(
            "This method supports the `$top`, `$select` and `$skipToken` OData query parameters.",
            list
        ),
        vec!["select", "top"]
    );
    assert_eq!(
        options(
            "| Name | Description |\n|:--|:--|\n| `$filter` | Which. |",
            list
        ),
        vec!["filter"]
    );
    // Only the general sentence: every option for a collection, select and expand for one.
    let general = "This method supports the [OData query parameters](https://x) to help customize the response.";
    assert_eq!(
        options(general, list).len(),
        crate::ir::QueryOption::ALL.len()
    );
    assert_eq!(options(general, ""), vec!["select", "expand"]);
    // Options named "including": examples of an open list, so every option still is there.
    let including = "This method supports the [OData query parameters](https://x) to help customize the response, including `$search`, `$count`, and `$filter`.";
    assert_eq!(
        options(including, list).len(),
        crate::ir::QueryOption::ALL.len()
    );
    assert!(options(
        "This method does not support the OData query parameters.",
        list
    )
    .is_empty());
}

#[test]
fn the_response_of_an_ignored_request_is_not_a_further_response() {
    let md = "# List things\n\n## HTTP request\n\n```http\nGET /things\n```\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 200 OK\n```\n\n<!-- {\"blockType\": \"ignored\", \"name\": \"count\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/things/$count\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 200 OK\nContent-type: text/plain\n\n294\n```\n";
    let op = model("api/x.md", md).operation.expect("operation");
    assert_eq!(op.examples.len(), 1);
    assert!(op.examples[0].response.is_some());
    assert!(op.examples[0].more_responses.is_empty());
    // A request shown twice, the second ignored: the response is the first one's.
    let twice = md.replacen(
        "<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 200 OK\n```\n\n",
        "",
        1,
    );
    let op = model("api/x.md", &twice).operation.expect("operation");
    assert_eq!(
        op.examples[0].response.as_ref().map(|r| r.body.is_some()),
        Some(false)
    );
    assert_eq!(
        op.examples[0].response.as_ref().map(|r| r.status),
        Some(200)
    );
}

#[test]
fn transposed_permissions_table_merges_columns() {
    let m = model(
        "api/x.md",
        "# Get thing\n\n## Permissions\n\n| Supported resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n|:--|:--|:--|:--|\n| a | A.Read | Not supported | A.Read.All |\n| b | B.Read | Not supported | Not supported |\n\n## HTTP request\n\n```http\nGET /things\n```\n",
    );
    let s = m.operation.expect("operation").scopes;
    assert_eq!(
        s.delegated_work,
        Permission::Scopes(vec!["A.Read".into(), "B.Read".into()])
    );
    assert_eq!(s.delegated_personal, Permission::NotSupported);
    assert_eq!(s.application, Permission::Scopes(vec!["A.Read.All".into()]));
}

#[test]
fn workflow_rows_give_the_scopes_of_the_permission_type_above_them() {
    let m = model(
        "api/x.md",
        "# Get thing\n\n## Permissions\n\n| Permission type | Permissions |\n|:--|:--|\n| Delegated (work or school account) | |\n| &nbsp; &nbsp; **Onboarding** | A.ReadWrite.All, A.Read.All |\n| &nbsp; &nbsp; **Audit** | B.Read.All, A.Read.All |\n| Delegated (personal Microsoft account) | Not supported. |\n| Application | Not supported. |\n\n## HTTP request\n\n```http\nGET /things\n```\n",
    );
    let s = m.operation.expect("operation").scopes;
    assert_eq!(
        s.delegated_work,
        Permission::Scopes(vec![
            "A.ReadWrite.All".into(),
            "A.Read.All".into(),
            "B.Read.All".into()
        ])
    );
    assert_eq!(s.application, Permission::NotSupported);
    assert!(s.table_problems.is_empty(), "{:?}", s.table_problems);
    // A row that is no permission type and follows none with an empty cell is a problem.
    let m = model(
        "api/x.md",
        "# Get thing\n\n## Permissions\n\n| Permission type | Permissions |\n|:--|:--|\n| Delegated (work or school account) | A.Read |\n| **Onboarding** | B.Read |\n\n## HTTP request\n\n```http\nGET /things\n```\n",
    );
    let s = m.operation.expect("operation").scopes;
    assert_eq!(s.delegated_work, Permission::Scopes(vec!["A.Read".into()]));
    assert!(s
        .table_problems
        .iter()
        .any(|p| p.value.contains("is not a permission type")));
}

#[test]
fn several_responses_for_one_request() {
    let m = model(
        "api/x.md",
        "# Get thing\n\n## HTTP request\n\n```http\nGET /things\n```\n\n## Example\n\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n\n```http\nHTTP/1.1 302 Found\nLocation: https://x\n```\n\n<!-- {\"blockType\": \"response\", \"expectError\": true} -->\n```http\nHTTP/1.1 404 Not Found\n```\n",
    );
    let op = m.operation.expect("operation");
    assert_eq!(op.examples.len(), 1);
    assert_eq!(
        op.examples[0].response.as_ref().map(|r| r.status),
        Some(302)
    );
    assert_eq!(op.examples[0].more_responses.len(), 1);
    assert!(op.examples[0].more_responses[0].expect_error);
    assert_eq!(m.stats.response_examples.found, 2);
    assert_eq!(m.stats.pairs, 1);
}

#[test]
fn resource_tables_and_annotation() {
    let m = model(
        "resources/widget.md",
        "# widget resource type\n\n## Methods\n\n| Method | Return type | Description |\n|:--|:--|:--|\n| [Get widget](../api/widget-get.md) | [widget](widget.md) | Read it. |\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n|**Auditing**|\n| parts | [part](part.md) collection | Its parts. |\n\n## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\", \"keyProperty\": \"id\", \"abstract\": true, \"optionalProperties\": [\"id\"], \"baseType\": \"microsoft.graph.entity\"} -->\n```json\n{}\n```\n",
    );
    let r = m.resource.expect("resource");
    assert_eq!(r.methods[0].page.as_deref(), Some("api/widget-get.md"));
    assert_eq!(r.methods[0].name, "Get widget");
    // A row with nothing beside its name heads a group: no relationship of its own.
    assert_eq!(r.relationships.len(), 1);
    assert_eq!(
        r.relationships[0].ty,
        TypeRef::Collection(Box::new(TypeRef::Named("part".into())))
    );
    assert_eq!(r.key_property.as_deref(), Some("id"));
    assert!(r.is_abstract);
    assert_eq!(r.optional_properties, vec!["id"]);
    assert_eq!(r.base_type.as_deref(), Some("microsoft.graph.entity"));
}

#[test]
fn a_values_table_under_properties_is_no_property_table() {
    let m = model(
        "resources/recurrencerange.md",
        "# recurrenceRange resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| endDate | Date | The end. |\n| type | recurrenceRangeType | The kind. |\n\n| type property | Type of recurrence range | Description |\n|:--|:--|:--|\n| `endDate` | Range with end date | Ends. |\n\n## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.recurrenceRange\"} -->\n```json\n{}\n```\n",
    );
    let r = m.resource.expect("resource");
    let props: Vec<(&str, &TypeRef)> = r
        .properties
        .iter()
        .map(|p| (p.name.as_str(), &p.ty))
        .collect();
    assert_eq!(
        props,
        [
            ("endDate", &TypeRef::Primitive(Primitive::Date)),
            ("type", &TypeRef::Named("recurrenceRangeType".into()))
        ]
    );
}

#[test]
fn enum_tables() {
    let m = model(
        "resources/enums.md",
        "# Enum values\n\n### bodyType values\n\n| Member |\n|:--|\n| text |\n| html |\n",
    );
    assert_eq!(m.enums.len(), 1);
    assert_eq!(m.enums[0].name, "bodyType");
    let names: Vec<&str> = m.enums[0].members.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, vec!["text", "html"]);
}

#[test]
fn translated_names_are_taken_from_the_json() {
    let named = |names: &[&str], json: serde_json::Value, types: &[Option<TypeRef>]| {
        let serde_json::Value::Object(json) = json else {
            unreachable!("an object")
        };
        let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        super::resource::names_from_json(
            &json,
            names
                .iter_mut()
                .zip(types)
                .map(|(n, t)| super::resource::Row::property(n, t.as_ref()))
                .collect(),
        );
        names
    };
    let string = Some(TypeRef::Primitive(Primitive::String));
    let json = serde_json::json!({"forceChange": true, "password": "String", "versionNumber": 1});
    assert_eq!(
        named(
            &["forceChange", "パスワード", "VersionNumber"],
            json.clone(),
            &[None, string.clone(), None]
        ),
        ["forceChange", "password", "versionNumber"]
    );
    // Two unnamed rows and one free key: no guess.
    let two = serde_json::json!({"forceChange": true, "password": "String"});
    assert_eq!(
        named(
            &["forceChange", "パスワード", "番号"],
            two,
            &[None, None, None]
        ),
        ["forceChange", "パスワード", "番号"]
    );
    // An instance annotation of the JSON is no row's name.
    assert_eq!(
        named(
            &["id", "Relatórios"],
            serde_json::json!({"@odata.type": "#x", "id": "String", "user@odata.bind": "u"}),
            &[string.clone(), None]
        ),
        ["id", "Relatórios"]
    );
    // A key whose value cannot be of the row's type names no row: the free `sectionGroupsUrl`
    // (a `"string"`) is not the translated collection `セクション`, whose own row the JSON omits.
    let sections = Some(TypeRef::Collection(Box::new(TypeRef::Named(
        "onenoteSection".into(),
    ))));
    assert_eq!(
        named(
            &["self", "セクション"],
            serde_json::json!({"self": "string", "sectionGroupsUrl": "string"}),
            &[string, sections]
        ),
        ["self", "セクション"]
    );
    // Out of order, each translated row takes the one key whose value shows its type.
    let collection = |n: &str| Some(TypeRef::Collection(Box::new(TypeRef::Named(n.into()))));
    let string = Some(TypeRef::Primitive(Primitive::String));
    assert_eq!(
        named(
            &["id", "説明", "列", "ドライブ"],
            serde_json::json!({
                "id": "string",
                "drives": [{"@odata.type": "microsoft.graph.drive"}],
                "columns": [{"@odata.type": "microsoft.graph.columnDefinition"}],
                "description": "string"
            }),
            &[
                string.clone(),
                string,
                collection("columnDefinition"),
                collection("drive")
            ]
        ),
        ["id", "description", "columns", "drives"]
    );
    // A relationship is never a scalar: the free `reason` is the property `motivo`'s (an
    // identifier the JSON does not know), not the translated relationship `aprovação`'s.
    let serde_json::Value::Object(json) = serde_json::json!({"id": "String", "reason": "String"})
    else {
        unreachable!("an object")
    };
    let (mut motivo, mut approval) = ("motivo".to_string(), "aprovação".to_string());
    let approval_type = TypeRef::Named("approval".into());
    super::resource::names_from_json(
        &json,
        vec![
            super::resource::Row::property(&mut motivo, None),
            super::resource::Row::relationship(&mut approval, &approval_type),
        ],
    );
    assert_eq!(approval, "aprovação");
}
