//! Unit tests of the derivations, on small sets of pages.

use super::spellings::key_segments;
use super::*;
use crate::read::rules::{MIN_ALIAS_EVIDENCE, MIN_SHORTHAND_EVIDENCE};
use crate::read::source::{Lang, SourceFile};

fn page(name: &str, templates: &[&str], example: &str) -> SourceFile {
    let lines: Vec<String> = templates.iter().map(|t| format!("POST {t}")).collect();
    SourceFile::new(
        format!("api/{name}.md"),
        format!(
            "---\ntitle: \"{name}\"\n---\n# {name}\n\n## HTTP request\n\n```http\n{}\n```\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{name}\" }} -->\n```http\n{example}\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 204 No Content\n```\n",
            lines.join("\n")
        ),
        Lang::English,
    )
}

fn operation<'a>(analysis: &'a crate::Analysis, page: &str) -> &'a Operation {
    analysis
        .api
        .operations
        .iter()
        .find(|o| o.page == page)
        .unwrap_or_else(|| panic!("no operation from {page}"))
}

#[test]
fn methods_table_rows_make_a_root_shorthand() {
    // Five operations documented under `/me/drive/...`, and a resource page whose Methods
    // table writes them as `/drive/...`.
    let mut sources: Vec<SourceFile> = (0..MIN_SHORTHAND_EVIDENCE)
        .map(|i| {
            page(
                &format!("op{i}"),
                &[&format!("/me/drive/x{i}"), &format!("/drives/{{id}}/x{i}")],
                &format!("POST https://graph.microsoft.com/v1.0/me/drive/x{i}"),
            )
        })
        .collect();
    let rows: Vec<String> = (0..MIN_SHORTHAND_EVIDENCE)
        .map(|i| format!("| [Op {i}](../api/op{i}.md) | `POST /drive/x{i}` |"))
        .collect();
    sources.push(SourceFile::new(
        "resources/drive.md",
        format!(
            "# drive resource type\n\n## Methods\n\n| Method | REST path |\n|:--|:--|\n{}\n\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.drive\"}} -->\n```json\n{{}}\n```\n",
            rows.join("\n")
        ),
        Lang::English,
    ));
    sources.push(page(
        "uses-short",
        &["/me/drive/root/children"],
        "POST https://graph.microsoft.com/v1.0/drive/root/children",
    ));
    let analysis = crate::analyze_sources(&sources);
    let op = operation(&analysis, "api/uses-short.md");
    assert_eq!(op.templates.len(), 2);
    assert_eq!(op.templates[1].raw, "/drive/root/children");
    let why = op.templates[1].derived.as_deref().unwrap();
    assert!(why.contains("resources/drive.md"), "{why}");
    assert_eq!(op.examples[0].request.template, Some((1, vec![])));
    // One row short of the evidence needed: no shorthand.
    let mut few = sources.clone();
    few.remove(0);
    let analysis = crate::analyze_sources(&few);
    let op = operation(&analysis, "api/uses-short.md");
    assert_eq!(op.templates.len(), 1);
}

#[test]
fn an_update_sends_the_resource_its_title_names() {
    let update = "# Update widget\n\n## HTTP request\n\n```http\nPATCH /widgets/{id}\n```\n\n## Request body\n\n| Property | Type | Description |\n|:--|:--|:--|\n| name | String | Required. The name. |\n\n## Response\n\nReturns `204 No Content`.\n\n## Example\n\n```http\nPATCH https://graph.microsoft.com/v1.0/widgets/1\nContent-type: application/json\n\n{\"name\": \"a\"}\n```\n\n```http\nHTTP/1.1 204 No Content\n```\n";
    let widget = "# widget resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| name | String | The name. |\n\n## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\"} -->\n```json\n{}\n```\n";
    let sources = [
        SourceFile::new("api/widget-update.md", update.to_string(), Lang::English),
        SourceFile::new("resources/widget.md", widget.to_string(), Lang::English),
    ];
    let analysis = crate::analyze_sources(&sources);
    let op = &analysis.api.operations[0];
    let body = op.request_body.as_ref().unwrap();
    assert_eq!(body.resource.as_deref(), Some("widget"));
    // Without the resource page, the table types the body; an update requires nothing.
    let alone = crate::analyze_sources(&sources[..1]);
    let op = &alone.api.operations[0];
    assert_eq!(op.request_body.as_ref().unwrap().resource, None);
    assert!(op.updates());
    assert!(!alone
        .diagnostics
        .iter()
        .any(|d| d.code == crate::base::Code::ExampleMissingRequiredProperty));
}

#[test]
fn an_odata_cast_after_a_documented_template_is_derived_where_an_example_writes_it() {
    let a = crate::analyze_sources(&[page(
        "members",
        &["/groups/{id}/members"],
        "POST https://graph.microsoft.com/v1.0/groups/1/members/microsoft.graph.user",
    )]);
    let op = operation(&a, "api/members.md");
    assert_eq!(op.templates.len(), 2);
    assert_eq!(
        op.templates[1].raw,
        "/groups/{id}/members/microsoft.graph.user"
    );
    assert!(op.templates[1]
        .derived
        .as_deref()
        .is_some_and(|w| w.contains("OData cast")));
    assert_eq!(
        op.examples[0].request.template.as_ref().map(|t| t.0),
        Some(1)
    );
    // Any other extra segment is no cast.
    let a = crate::analyze_sources(&[page(
        "members",
        &["/groups/{id}/members"],
        "POST https://graph.microsoft.com/v1.0/groups/1/members/other",
    )]);
    assert_eq!(operation(&a, "api/members.md").templates.len(), 1);
}

#[test]
fn a_resource_page_that_reads_its_root_singleton_documents_that_call() {
    let md = "# auditLogRoot resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/auditLogs\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.auditLogRoot\"} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{}\n```\n\n## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.auditLogRoot\"} -->\n```json\n{}\n```\n";
    let a = crate::analyze_sources(&[SourceFile::new(
        "resources/auditlogroot.md",
        md.into(),
        Lang::English,
    )]);
    let op = operation(&a, "resources/auditlogroot.md");
    assert_eq!(op.templates.len(), 1);
    assert_eq!(op.templates[0].raw, "/auditLogs");
    assert!(op.templates[0].derived.is_some());
    assert_eq!(
        op.examples[0].request.template.as_ref().map(|t| t.0),
        Some(0)
    );
    // Answered with another type, it is not the page's own read.
    let other = md.replacen(
        "microsoft.graph.auditLogRoot\"} -->\n```http",
        "microsoft.graph.directory\"} -->\n```http",
        1,
    );
    let a = crate::analyze_sources(&[SourceFile::new(
        "resources/auditlogroot.md",
        other,
        Lang::English,
    )]);
    assert!(operation(&a, "resources/auditlogroot.md")
        .templates
        .is_empty());
}

#[test]
fn a_get_function_takes_the_arguments_its_request_body_table_lists() {
    let md = "# auditEvent: getAuditActivityTypes\n\n## HTTP request\n\n```http\nGET /deviceManagement/auditEvents/getAuditActivityTypes\n```\n\n## Request body\n\n| Property | Type | Description |\n|:--|:--|:--|\n| category | String | The category. |\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/deviceManagement/auditEvents/getAuditActivityTypes(category='{category}')\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 204 No Content\n```\n";
    let a = crate::analyze_sources(&[SourceFile::new("api/x.md", md.into(), Lang::English)]);
    let op = operation(&a, "api/x.md");
    assert_eq!(op.templates.len(), 2);
    assert_eq!(op.templates[1].params[0].name, "category");
    assert_eq!(
        op.examples[0].request.template.as_ref().map(|t| t.0),
        Some(1)
    );
}

#[test]
fn relationships_are_fields_of_their_model() {
    let resource = |name: &str, rows: &str, rels: &str| {
        SourceFile::new(
            format!("resources/{name}.md"),
            format!("# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}\n## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n{rels}\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"}} -->\n```json\n{{}}\n```\n"),
            Lang::English,
        )
    };
    let send = "# user: sendMail\n\n## HTTP request\n\n```http\nPOST /me/sendMail\n```\n\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| message | [message](../resources/message.md) | Required. The message. |\n\n## Response\n\nReturns `202 Accepted`.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nPOST https://graph.microsoft.com/v1.0/me/sendMail\nContent-type: application/json\n\n{\"message\": {\"subject\": \"x\", \"attachments\": [{\"name\": \"a.txt\"}]}}\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 202 Accepted\n```\n";
    let a = crate::analyze_sources(&[
        resource("message", "| subject | String | The subject. |\n", "| attachments | [attachment](attachment.md) collection | The attachments. |\n| extensions | [extension](extension.md) collection | Extensions. |\n"),
        resource("attachment", "| name | String | The name. |\n", ""),
        SourceFile::new("api/user-sendmail.md", send.into(), Lang::English),
    ]);
    let message = a
        .api
        .resources
        .iter()
        .find(|r| r.name == "message")
        .unwrap();
    let index = crate::ir::index::ResourceIndex::new(&a.api);
    let fields: Vec<&str> = index
        .fields(message)
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    // Every relationship, whether a body carries it (`attachments`) or not (`extensions`): a
    // response may expand any of them.
    assert_eq!(fields, ["subject", "attachments", "extensions"]);
}

#[test]
fn a_function_called_without_its_optional_arguments() {
    let a = crate::analyze_sources(&[page(
        "rowsabove",
        &["/me/drive/items/{id}/workbook/worksheets/{id}/range/rowsAbove(count={n})"],
        "POST https://graph.microsoft.com/v1.0/me/drive/items/1/workbook/worksheets/2/range/rowsAbove",
    )]);
    let op = operation(&a, "api/rowsabove.md");
    assert_eq!(op.templates.len(), 2);
    assert!(op.templates[1].raw.ends_with("/range/rowsAbove"));
    assert_eq!(
        op.examples[0].request.template.as_ref().map(|t| t.0),
        Some(1)
    );
}

#[test]
fn examples_of_several_derived_types_return_their_base() {
    let resource = |name: &str, extra: &str| {
        SourceFile::new(
            format!("resources/{}.md", name.to_lowercase()),
            format!("# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{extra}}} -->\n```json\n{{}}\n```\n"),
            Lang::English,
        )
    };
    let example = |n: &str, ty: &str| {
        format!("<!-- {{\"blockType\": \"request\", \"name\": \"{n}\"}} -->\n```http\nGET https://graph.microsoft.com/v1.0/things/{n}\n```\n\n<!-- {{\"blockType\": \"response\", \"name\": \"{n}\", \"@odata.type\": \"microsoft.graph.{ty}\"}} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"id\": \"{n}\"}}\n```\n\n")
    };
    let get = format!(
        "# Get thing\n\n## HTTP request\n\n```http\nGET /things/{{id}}\n```\n\n## Response\n\nReturns `200 OK`.\n\n## Example\n\n{}{}",
        example("a", "fileAttachment"),
        example("b", "itemAttachment")
    );
    let sources = [
        resource("attachment", ", \"abstract\": true"),
        resource(
            "fileAttachment",
            ", \"baseType\": \"microsoft.graph.attachment\"",
        ),
        resource(
            "itemAttachment",
            ", \"baseType\": \"microsoft.graph.attachment\"",
        ),
        SourceFile::new("api/thing-get.md", get.clone(), Lang::English),
    ];
    let analysis = crate::analyze_sources(&sources);
    let op = operation(&analysis, "api/thing-get.md");
    let shape = op.response_body.as_ref().unwrap();
    assert_eq!(shape.resource.as_deref(), Some("attachment"));
    // One derived type only: the operation keeps it.
    let mut one = sources.to_vec();
    one[3] = SourceFile::new(
        "api/thing-get.md",
        get.replace("itemAttachment", "fileAttachment"),
        Lang::English,
    );
    let one = crate::analyze_sources(&one);
    let op = operation(&one, "api/thing-get.md");
    assert_eq!(
        op.response_body.as_ref().unwrap().resource.as_deref(),
        Some("fileAttachment")
    );
    // Unless the Response prose says the operation returns the base.
    let mut prose = sources.to_vec();
    prose[3] = SourceFile::new(
        "api/thing-get.md",
        get.replace("itemAttachment", "fileAttachment").replace(
            "Returns `200 OK`.",
            "Returns `200 OK` and an [attachment](../resources/attachment.md) object.",
        ),
        Lang::English,
    );
    let prose = crate::analyze_sources(&prose);
    let op = operation(&prose, "api/thing-get.md");
    assert_eq!(
        op.response_body.as_ref().unwrap().resource.as_deref(),
        Some("attachment")
    );
}

#[test]
fn a_key_in_the_odata_key_syntax_is_also_a_segment() {
    let sources = [page(
        "names",
        &["/workbook/worksheets({id|name})/names"],
        "POST https://graph.microsoft.com/v1.0/workbook/worksheets/Sheet1/names",
    )];
    let analysis = crate::analyze_sources(&sources);
    let op = &analysis.api.operations[0];
    assert_eq!(op.templates[1].raw, "/workbook/worksheets/{id|name}/names");
    assert_eq!(
        op.examples[0].request.template,
        Some((1, vec!["Sheet1".to_string()]))
    );
    let function = [page(
        "report",
        &["/reports/getX(period='{period}')"],
        "POST https://graph.microsoft.com/v1.0/reports/getX(period='D7')",
    )];
    let analysis = crate::analyze_sources(&function);
    assert_eq!(
        analysis.api.operations[0].templates.len(),
        1,
        "a function call is not a key"
    );
}

#[test]
fn me_is_an_alias_of_users_when_many_pages_say_so() {
    let mut sources: Vec<SourceFile> = (0..MIN_ALIAS_EVIDENCE)
        .map(|i| {
            page(
                &format!("op{i}"),
                &[&format!("/me/x{i}"), &format!("/users/{{id}}/x{i}")],
                &format!("POST https://graph.microsoft.com/v1.0/me/x{i}"),
            )
        })
        .collect();
    sources.push(page(
        "only-users",
        &["/users/{id | userPrincipalName}/checkMemberGroups"],
        "POST https://graph.microsoft.com/v1.0/me/checkMemberGroups",
    ));
    sources.push(page(
        "callback",
        &["/communications/calls/{id}/answer"],
        "POST https://bot.contoso.com/api/calls",
    ));
    let analysis = crate::analyze_sources(&sources);
    let op = operation(&analysis, "api/only-users.md");
    assert_eq!(op.templates.len(), 2);
    assert_eq!(op.templates[1].raw, "/me/checkMemberGroups");
    assert!(op.templates[1].derived.is_some());
    assert_eq!(op.examples[0].request.template, Some((1, vec![])));
    let callback = operation(&analysis, "api/callback.md");
    assert_eq!(
        callback.examples[0].request.other_host.as_deref(),
        Some("bot.contoso.com")
    );
    // The entity itself: `/me` only for the methods some page documents on `/me` alone.
    sources.push(page(
        "user-delete",
        &["/users/{id}"],
        "POST https://graph.microsoft.com/v1.0/users/1",
    ));
    let analysis = crate::analyze_sources(&sources);
    assert_eq!(
        operation(&analysis, "api/user-delete.md").templates.len(),
        1
    );
    sources.push(page(
        "me-post",
        &["/me"],
        "POST https://graph.microsoft.com/v1.0/me",
    ));
    let analysis = crate::analyze_sources(&sources);
    let op = operation(&analysis, "api/user-delete.md");
    assert_eq!(op.templates.len(), 2);
    assert_eq!(op.templates[1].raw, "/me");
    sources.truncate(sources.len() - 2);
    // Too little evidence: nine pages do not make an alias.
    let few = crate::analyze_sources(&sources[1..]);
    let op = operation(&few, "api/only-users.md");
    assert_eq!(op.templates.len(), 1);
}

#[test]
fn function_arguments_the_template_omits_come_from_the_parameters_table() {
    let md = "# range: usedRange\n\n## HTTP request\n\n```http\nGET /me/drive/items/{id}/workbook/worksheets/{id|name}/usedRange\n```\n\n## Function parameters\n\n|Parameter|Type|Description|\n|:--|:--|:--|\n|valuesOnly|Boolean|Only values.|\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"a\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/me/drive/items/01AB/workbook/worksheets/Sheet1/usedRange(valuesOnly=true)\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n";
    let a = crate::analyze_sources(&[SourceFile::new("api/x.md", md.to_string(), Lang::English)]);
    let op = &a.api.operations[0];
    assert_eq!(
        op.templates[1].raw,
        "/me/drive/items/{id}/workbook/worksheets/{id|name}/usedRange(valuesOnly={valuesOnly})"
    );
    assert_eq!(
        op.examples[0].request.template,
        Some((1, vec!["01AB".into(), "Sheet1".into(), "true".into()]))
    );
    // An argument the table does not document derives nothing.
    let other = md.replace("|valuesOnly|", "|somethingElse|");
    let a = crate::analyze_sources(&[SourceFile::new("api/x.md", other, Lang::English)]);
    assert_eq!(a.api.operations[0].templates.len(), 1);
}

#[test]
fn single_valued_relationships_stand_for_an_item_of_the_collection() {
    let drive = SourceFile::new(
        "resources/drive.md",
        "# drive resource type\n\n## Relationships\n\n|Relationship|Type|Description|\n|:--|:--|:--|\n|items|[driveItem](driveitem.md) collection|All items.|\n|root|[driveItem](driveitem.md)|The root folder.|\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.drive\" } -->\n```json\n{ }\n```\n".to_string(),
        Lang::English,
    );
    let list = page(
        "list-children",
        &["/me/drive/items/{item-id}/children"],
        "POST https://graph.microsoft.com/v1.0/me/drive/root/children",
    );
    let a = crate::analyze_sources(&[drive.clone(), list]);
    let op = &a.api.operations[0];
    assert_eq!(op.templates[1].raw, "/me/drive/root/children");
    assert_eq!(op.examples[0].request.template, Some((1, vec![])));

    // An item addressed by its path below the root, for the item or a file below a parent.
    for documented in [
        "/me/drive/items/{item-id}/content",
        "/me/drive/items/{parent-id}:/{filename}:/content",
    ] {
        let put = page(
            "put-content",
            &[documented],
            "POST https://graph.microsoft.com/v1.0/me/drive/root:/FolderA/FileB.txt:/content",
        );
        let a = crate::analyze_sources(&[drive.clone(), put]);
        let op = &a.api.operations[0];
        assert_eq!(op.templates[1].raw, "/me/drive/root:/{item-path}:/content");
        assert_eq!(
            op.examples[0].request.template,
            Some((1, vec!["FolderA/FileB.txt".to_string()]))
        );
        // The call keeps the `/` of the path: the documented URL, not `FolderA%2FFileB.txt`.
        let files = crate::emit::emit(&a.api, &crate::emit::EmitOptions::default()).expect("emits");
        let text: String = files.iter().map(|f| f.contents.as_str()).collect();
        assert!(
            text.contains("crate::runtime::encode_path(item_path)"),
            "{text}"
        );
        assert!(!text.contains("encode_segment(item_path)"), "{text}");
        assert!(
            text.contains("\"/me/drive/root:/FolderA/FileB.txt:/content\""),
            "{text}"
        );
    }
}

#[test]
fn odata_key_syntax_matches_the_template_segment() {
    let p = page(
        "event-get",
        &["/me/events/{id}/attachments"],
        "POST https://graph.microsoft.com/v1.0/me/events('AAMk=')/attachments",
    );
    let a = crate::analyze_sources(&[p]);
    let ex = &a.api.operations[0].examples[0].request;
    assert_eq!(ex.template, Some((0, vec!["AAMk=".to_string()])));
    assert_eq!(
        ex.key_syntax_path.as_deref(),
        Some("/me/events/AAMk=/attachments")
    );
    assert_eq!(
        key_segments(&template::parse_path("/reports/f(a=1)")),
        None,
        "a function call is not a key"
    );
}

#[test]
fn relative_templates_are_mounted_where_their_examples_put_them() {
    let sources = vec![
        page(
            "names-add",
            &["/workbook/names/add"],
            "POST https://graph.microsoft.com/v1.0/me/drive/items/01ABC/workbook/names/add",
        ),
        page(
            "tables-add",
            &["/workbook/tables/add"],
            "POST https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/tables/add",
        ),
        page(
            "item-get",
            &["/me/drive/items/{item-id}"],
            "POST https://graph.microsoft.com/v1.0/me/drive/items/01ABC",
        ),
    ];
    let analysis = crate::analyze_sources(&sources);
    let names = operation(&analysis, "api/names-add.md");
    let raws: Vec<&str> = names.templates.iter().map(|t| t.raw.as_str()).collect();
    assert_eq!(
        raws,
        [
            "/workbook/names/add",
            "/me/drive/items/{item-id}/workbook/names/add"
        ]
    );
    assert_eq!(names.templates[1].params[0].name, "item_id");
    assert_eq!(
        names.examples[0].request.template,
        Some((1, vec!["01ABC".to_string()]))
    );
    assert!(!analysis
        .diagnostics
        .iter()
        .any(|d| d.code == crate::base::Code::ExampleUrlMatchesNoTemplate));
}

/// A mount is the evidence of the operation whose example shows it: another page's example
/// neither mounts this page's templates nor, by calling the relative root, unmounts them (one
/// example once removed the mounted calls of every workbook page).
#[test]
fn a_mount_is_derived_from_the_operations_own_examples_only() {
    let names = || {
        page(
            "names-add",
            &["/workbook/names/add"],
            "POST https://graph.microsoft.com/v1.0/me/drive/items/01ABC/workbook/names/add",
        )
    };
    let rows = || {
        page(
            "rows-add",
            &["/workbook/rows/add"],
            "POST https://graph.microsoft.com/v1.0/sites/1/workbook/rows/add",
        )
    };
    let raws = |a: &crate::run::analyze::Analysis, file: &str| -> Vec<String> {
        operation(a, file)
            .templates
            .iter()
            .map(|t| t.raw.clone())
            .collect()
    };
    let item = || {
        page(
            "item-get",
            &["/me/drive/items/{item-id}"],
            "GET https://graph.microsoft.com/v1.0/me/drive/items/01ABC",
        )
    };
    let a = crate::analyze_sources(&[names(), rows(), item()]);
    assert_eq!(
        raws(&a, "api/names-add.md"),
        [
            "/workbook/names/add",
            "/me/drive/items/{item-id}/workbook/names/add"
        ]
    );
    assert_eq!(
        raws(&a, "api/rows-add.md"),
        ["/workbook/rows/add"],
        "the names page's example does not mount the rows page"
    );
    // The example calls a function with its arguments, or writes the other key syntax: the
    // template it mounts writes neither.
    let cell = page(
        "range-cell",
        &["/workbook/names/{name}/range/cell"],
        "POST https://graph.microsoft.com/v1.0/me/drive/items/01ABC/workbook/names/n1/range/cell(row=5,column=6)",
    );
    let list = page(
        "names-list",
        &["/workbook/worksheets({id|name})/names"],
        "POST https://graph.microsoft.com/v1.0/me/drive/items/01ABC/workbook/worksheets/s1/names",
    );
    let a = crate::analyze_sources(&[cell, list, item()]);
    for (file, mounted) in [
        (
            "api/range-cell.md",
            "/me/drive/items/{item-id}/workbook/names/{name}/range/cell",
        ),
        (
            "api/names-list.md",
            "/me/drive/items/{item-id}/workbook/worksheets({id|name})/names",
        ),
    ] {
        let raws = raws(&a, file);
        assert!(raws.iter().any(|r| r == mounted), "{file}: {raws:?}");
    }
    // Through the key-syntax spelling of the mounted template (the function's arguments
    // would need the page's parameters table).
    assert!(operation(&a, "api/names-list.md").examples[0]
        .request
        .template
        .is_some());
    let charts = page(
        "charts-add",
        &["/workbook/charts/add"],
        "POST https://graph.microsoft.com/v1.0/workbook/charts/add",
    );
    let a = crate::analyze_sources(&[names(), rows(), item(), charts]);
    assert_eq!(
        raws(&a, "api/names-add.md"),
        [
            "/workbook/names/add",
            "/me/drive/items/{item-id}/workbook/names/add"
        ],
        "another page calling `/workbook` as a root does not unmount this one"
    );
}

#[test]
fn request_bodies_are_typed_as_their_pages_document_them() {
    let resource = |stem: &str, name: &str, rows: &str| {
        SourceFile::new(
            format!("resources/{stem}.md"),
            format!("# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"}} -->\n```json\n{{}}\n```\n"),
            Lang::English,
        )
    };
    let op = |stem: &str, http: &str, sections: &str, body: &str, returns: &str| {
        SourceFile::new(
            format!("api/{stem}.md"),
            format!("# {stem}\n\n## HTTP request\n\n```http\n{http}\n```\n\n{sections}\n\n## Response\n\nIf successful, this method returns a `201 Created` response code{returns}.\n\n## Example\n\n<!-- {{\"blockType\": \"request\", \"name\": \"{stem}\"}} -->\n```http\n{http}\nContent-type: application/json\n\n{body}\n```\n\n<!-- {{\"blockType\": \"response\"}} -->\n```http\nHTTP/1.1 201 Created\n```\n"),
            Lang::English,
        )
    };
    let a = crate::analyze_sources(&[
        resource("notebook", "notebook", "| displayName | String | The name. |\n"),
        resource("chartseries", "workbookChartSeries", "| name | String | The name. |\n"),
        // A body table under `### Request body` inside `## HTTP request`.
        op("createlink", "POST /items/{id}/createLink", "### Request body\n\n| Name | Type | Description |\n|:--|:--|:--|\n| type | String | The kind of link. |", "{\"type\": \"view\"}", ""),
        // The link names the page, whose resource has another name.
        op("add-series", "POST /charts/{id}/series", "## Request body\n\nIn the request body, supply a [WorkbookChartSeries](../resources/chartseries.md) object.", "{\"name\": \"s\"}", ""),
        // The prose that names the body sits under another heading.
        op("subscribe", "POST /notebooks", "## Examples\n\nIn the request body, supply a JSON representation of a [notebook](../resources/notebook.md) object.", "{\"displayName\": \"n\"}", ""),
        // A reference.
        op("add-owner", "POST /applications/{id}/owners/$ref", "## Request body\n\nSupply the identifier of the directory object.", "{\"@odata.id\": \"https://graph.microsoft.com/v1.0/directoryObjects/1\"}", ""),
        // No body, though the example writes `{}`.
        op("close-session", "POST /workbook/closeSession", "## Request body\n\nThis API does not require any request body.", "{ }", ""),
        // A create that sends the members of what it returns.
        op("create-notebook", "POST /me/onenote/notebooks", "## Request body\n\nIn the request body, supply a name for the notebook.", "{\"displayName\": \"n\"}", " and a [notebook](../resources/notebook.md) object in the response body"),
        // The members sit in a Parameters table.
        op("upload-session", "POST /items/{id}/createUploadSession", "## Parameters\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| deferCommit | Boolean | Later. |", "{\"deferCommit\": true}", ""),
    ]);
    let body = |stem: &str| {
        let op = operation(&a, &format!("api/{stem}.md"));
        let shape = op.request_body.clone().unwrap_or_default();
        let members: Vec<&str> = op.body_properties.iter().map(|p| p.name.as_str()).collect();
        (
            shape.resource.unwrap_or_default(),
            shape.form,
            members.join(","),
        )
    };
    use crate::ir::BodyForm::{Empty, Json, Reference};
    assert_eq!(body("createlink"), (String::new(), Json, "type".into()));
    assert_eq!(
        body("add-series"),
        ("workbookChartSeries".into(), Json, String::new())
    );
    assert_eq!(body("subscribe"), ("notebook".into(), Json, String::new()));
    assert_eq!(body("add-owner"), (String::new(), Reference, String::new()));
    assert_eq!(body("close-session"), (String::new(), Empty, String::new()));
    assert_eq!(
        body("create-notebook"),
        ("notebook".into(), Json, String::new())
    );
    assert_eq!(
        body("upload-session"),
        (String::new(), Json, "deferCommit".into())
    );
}
