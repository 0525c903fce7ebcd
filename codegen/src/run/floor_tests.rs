//! Unit tests of the floor: a release generated again from docs that no longer document what
//! the previous release shipped, on small sets of pages.

use super::*;
use crate::ir::{DeferredKind, QueryOption};
use crate::read::source::{Lang, SourceFile};

/// An operation page: its title, request lines, the Response prose, and one example.
fn op_page(file: &str, title: &str, lines: &[&str], response: &str, example: &str) -> SourceFile {
    SourceFile::new(
        format!("api/{file}.md"),
        format!(
            "---\ntitle: \"{title}\"\nms.prod: \"outlook\"\n---\n# {title}\n\nNamespace: microsoft.graph\n\n## Permissions\n\n|Permission type | Permissions |\n|:---|:---|\n|Delegated (work or school account) | Mail.Read |\n|Delegated (personal Microsoft account) | Mail.Read |\n|Application | Mail.Read |\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{}\n```\n\n## Response\n\n{response}\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{file}\" }} -->\n```http\n{example}\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 204 No Content\n```\n",
            lines.join("\n")
        ),
        Lang::English,
    )
}

/// A resource page with a properties table (`name | Type` rows).
fn resource_page(name: &str, rows: &[(&str, &str)]) -> SourceFile {
    let table: String = rows
        .iter()
        .map(|(n, t)| format!("| {n} | {t} | The {n}. |\n"))
        .collect();
    let json: Vec<String> = rows
        .iter()
        .map(|(n, _)| format!("  \"{n}\": \"string\""))
        .collect();
    SourceFile::new(
        format!("resources/{}.md", name.to_lowercase()),
        format!(
            "---\ntitle: \"{name} resource type\"\nms.prod: \"outlook\"\n---\n# {name} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n{table}\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n```json\n{{\n{}\n}}\n```\n",
            json.join(",\n")
        ),
        Lang::English,
    )
}

fn enum_page(members: &[&str]) -> SourceFile {
    let rows: String = members
        .iter()
        .map(|m| format!("| {m} | The {m} one. |\n"))
        .collect();
    SourceFile::new(
        "resources/enums.md",
        format!(
            "---\ntitle: \"Enum values\"\nms.prod: \"outlook\"\n---\n# Enum values\n\nNamespace: microsoft.graph\n\n### importance values\n\n| Member | Description |\n|:---|:---|\n{rows}"
        ),
        Lang::English,
    )
}

fn send(lines: &[&str]) -> SourceFile {
    op_page(
        "message-send",
        "message: send",
        lines,
        "If successful, this method returns a `204 No Content` response code.",
        "POST https://graph.microsoft.com/v1.0/me/messages/1/send",
    )
}

fn api(sources: &[SourceFile]) -> Api {
    crate::analyze_sources(sources).api
}

fn op<'a>(api: &'a Api, page: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|o| o.page == page)
        .unwrap_or_else(|| panic!("no operation of {page}"))
}

#[test]
fn a_call_no_longer_documented_is_kept_deprecated_with_the_replacement() {
    let shipped = api(&[send(&[
        "POST /me/messages/{id}/send",
        "POST /users/{id}/messages/{id}/send",
    ])]);
    let mut now = api(&[send(&["POST /me/messages/{id}/send"])]);
    let kept = floor(&mut now, &shipped, "0.3.0", Release::Minor);
    assert_eq!(kept.calls, 1, "{kept:?}");
    let send = op(&now, "api/message-send.md");
    let t = send
        .templates
        .iter()
        .find(|t| t.raw == "/users/{id}/messages/{id}/send")
        .expect("the shipped call is back");
    let why = t
        .derived
        .as_deref()
        .expect("a kept call says why it exists");
    assert!(
        why.contains("0.3.0") && why.contains("api/message-send.md"),
        "{why}"
    );
    let d = now
        .deprecation(&Shipped::Call {
            operation: send.id.clone(),
            key: t.key(),
        })
        .expect("deprecated");
    assert_eq!(
        d.replacement.as_deref(),
        Some("POST /me/messages/{id}/send"),
        "the call the docs document instead"
    );
    // The documented call is not deprecated.
    assert!(now
        .deprecation(&Shipped::Call {
            operation: send.id.clone(),
            key: send.templates[0].key(),
        })
        .is_none());
}

#[test]
fn an_operation_no_longer_documented_comes_back_without_examples() {
    let list = op_page(
        "user-list-messages",
        "List messages",
        &["GET /me/messages"],
        "If successful, this method returns a `200 OK` response code.",
        "GET https://graph.microsoft.com/v1.0/me/messages",
    );
    let shipped = api(&[send(&["POST /me/messages/{id}/send"]), list]);
    let mut now = api(&[send(&["POST /me/messages/{id}/send"])]);
    let kept = floor(&mut now, &shipped, "0.3.0", Release::Minor);
    assert_eq!(kept.operations, 1, "{kept:?}");
    let back = op(&now, "api/user-list-messages.md");
    assert!(
        back.examples.is_empty(),
        "no test for what the docs dropped"
    );
    assert!(now
        .deprecation(&Shipped::Operation {
            id: back.id.clone()
        })
        .is_some());
    assert!(
        now.pages
            .iter()
            .any(|p| p.path == "api/user-list-messages.md"),
        "its page, for its area"
    );
}

#[test]
fn a_shipped_id_stays_with_its_operation() {
    // The shipped crate named the only `List messages` page's operation `list_messages`; a new
    // page with the same title sorts first and would take the name.
    let mine = op_page(
        "user-list-messages",
        "List messages",
        &["GET /me/messages"],
        "If successful, this method returns a `200 OK` response code.",
        "GET https://graph.microsoft.com/v1.0/me/messages",
    );
    let other = op_page(
        "a-list-messages",
        "List messages",
        &["GET /me/mailFolders/{id}/messages"],
        "If successful, this method returns a `200 OK` response code.",
        "GET https://graph.microsoft.com/v1.0/me/mailFolders/1/messages",
    );
    let shipped = api(std::slice::from_ref(&mine));
    let fresh = api(&[mine, other]);
    assert_ne!(
        op(&fresh, "api/user-list-messages.md").id,
        op(&shipped, "api/user-list-messages.md").id,
        "without the floor the new page takes the name"
    );
    let mut now = fresh;
    let kept = floor(&mut now, &shipped, "0.3.0", Release::Minor);
    assert_eq!(
        op(&now, "api/user-list-messages.md").id,
        op(&shipped, "api/user-list-messages.md").id
    );
    assert_eq!(
        op(&now, "api/a-list-messages.md").id,
        "list_messages_a_list_messages"
    );
    assert_eq!(kept.renamed.len(), 2, "{kept:?}");
    let mut ids: Vec<&str> = now.operations.iter().map(|o| o.id.as_str()).collect();
    ids.dedup();
    assert_eq!(
        ids.len(),
        now.operations.len(),
        "ids stay unique and sorted"
    );
}

#[test]
fn fields_and_members_are_kept_and_a_precise_type_waits() {
    let shipped = api(&[
        resource_page(
            "message",
            &[
                ("subject", "String"),
                ("importance", "String"),
                ("gone", "String"),
            ],
        ),
        enum_page(&["low", "normal", "high"]),
    ]);
    let mut now = api(&[
        resource_page(
            "message",
            &[("subject", "String"), ("importance", "importance")],
        ),
        enum_page(&["low", "high"]),
    ]);
    let kept = floor(&mut now, &shipped, "0.3.0", Release::Minor);
    assert_eq!((kept.fields, kept.members), (1, 1), "{kept:?}");
    let message = now
        .resources
        .iter()
        .find(|r| r.name == "message")
        .expect("message");
    let importance = message
        .properties
        .iter()
        .find(|p| p.name == "importance")
        .expect("importance");
    assert_eq!(
        importance.ty.to_string(),
        "String",
        "the shipped type stays"
    );
    assert!(now
        .deferred
        .iter()
        .any(|d| d.kind == DeferredKind::PropertyType
            && d.item == "message.importance"
            && d.change == "type: String -> importance"));
    assert!(message.properties.iter().any(|p| p.name == "gone"));
    assert!(now
        .deprecation(&Shipped::Field {
            ty: "message".into(),
            name: "gone".into()
        })
        .is_some());
    assert!(now
        .deprecation(&Shipped::Member {
            ty: "importance".into(),
            name: "normal".into()
        })
        .is_some());
}

#[test]
fn lost_query_options_stay_and_a_corrected_return_type_waits_untested() {
    let list = |response: &str, options: bool| {
        let response = if options {
            format!("{response}\n\n## Optional query parameters\n\nThis method supports the `$top` and `$select` OData query parameters.")
        } else {
            response.to_string()
        };
        op_page(
            "user-list-messages",
            "List messages",
            &["GET /me/messages"],
            &response,
            "GET https://graph.microsoft.com/v1.0/me/messages",
        )
    };
    let shipped = api(&[list(
        "If successful, this method returns a `200 OK` response code and a collection of [message](../resources/message.md) objects in the response body.",
        true,
    )]);
    let mut now = api(&[list(
        "If successful, this method returns a `204 No Content` response code.",
        false,
    )]);
    let before = op(&shipped, "api/user-list-messages.md")
        .query_options
        .clone();
    assert!(before.contains(&QueryOption::Top), "{before:?}");
    floor(&mut now, &shipped, "0.3.0", Release::Minor);
    let list = op(&now, "api/user-list-messages.md");
    assert_eq!(list.query_options, before, "the setters stay");
    assert_eq!(
        crate::plan::surface::return_type(list),
        crate::plan::surface::return_type(op(&shipped, "api/user-list-messages.md")),
        "the shipped return type stays"
    );
    let d = now.shape_deferred(&list.id).expect("held back");
    assert_eq!(d.kind, DeferredKind::Returns);
    // The example, which shows the new shape, gets no test, and says why.
    let files = crate::emit::emit(&now, &crate::emit::EmitOptions::default()).expect("emits");
    let manifest = files
        .iter()
        .find(|f| f.path == "conformance.json")
        .expect("manifest");
    assert!(
        manifest
            .contents
            .contains("held back until the next major release"),
        "{}",
        manifest.contents
    );
}

#[test]
fn the_floor_is_a_fixpoint_and_marks_what_it_keeps_deprecated_in_the_code() {
    let shipped = api(&[
        send(&[
            "POST /me/messages/{id}/send",
            "POST /users/{id}/messages/{id}/send",
        ]),
        resource_page("message", &[("subject", "String"), ("gone", "String")]),
    ]);
    let docs = api(&[
        send(&["POST /me/messages/{id}/send"]),
        resource_page("message", &[("subject", "String")]),
    ]);
    let mut first = docs.clone();
    floor(&mut first, &shipped, "0.3.0", Release::Minor);
    // The next run of the same docs reads the first run's API back: nothing more, nothing less.
    let stored: Api =
        serde_json::from_str(&serde_json::to_string(&first).expect("serializes")).expect("reads");
    let mut second = docs.clone();
    let kept = floor(&mut second, &stored, "0.3.1", Release::Minor);
    assert_eq!(
        serde_json::to_string(&second).expect("serializes"),
        serde_json::to_string(&first).expect("serializes"),
        "a deprecation keeps the version and place it got first"
    );
    assert_eq!((kept.calls, kept.fields), (1, 1));
    let files = crate::emit::emit(&second, &crate::emit::EmitOptions::default()).expect("emits");
    let all: String = files.iter().map(|f| f.contents.as_str()).collect();
    let compact: String = all.split_whitespace().collect();
    // The kept call and field are deprecated; the documented ones are not.
    assert_eq!(
        compact
            .matches("#[deprecated(note=\"nolongerdocumented")
            .count(),
        2,
        "{all}"
    );
    assert!(compact.contains("#![allow(deprecated)]"));
    let ir = files
        .iter()
        .find(|f| f.path == crate::emit::IR_FILE)
        .expect("the API is kept beside the crate");
    let back: Api = serde_json::from_str(&ir.contents).expect("reads back");
    assert_eq!(back.deprecated, second.deprecated);
    assert!(back.operations.iter().all(|o| o.examples.is_empty()));
}

#[test]
fn a_type_the_shipped_one_cannot_hold_is_held_not_applied() {
    let shipped = api(&[resource_page("user", &[("otherMails", "String")])]);
    let mut now = api(&[resource_page(
        "user",
        &[("otherMails", "String collection")],
    )]);
    assert_eq!(
        now.resources[0].properties[0].ty.to_string(),
        "Collection(String)"
    );
    floor(&mut now, &shipped, "0.3.0", Release::Minor);
    let user = &now.resources[0];
    assert_eq!(
        user.properties[0].ty.to_string(),
        "String",
        "the shipped type"
    );
    assert!(now.held("user", "otherMails"));
    let files = crate::emit::emit(&now, &crate::emit::EmitOptions::default()).expect("emits");
    let all: String = files.iter().map(|f| f.contents.as_str()).collect();
    let compact: String = all.split_whitespace().collect();
    assert!(
        compact.contains("other_mails=\"otherMails\"held"),
        "the field decodes what it can hold: {all}"
    );
}

#[test]
fn a_call_keeps_the_name_it_shipped_with() {
    let mut now = api(&[send(&[
        "POST /me/messages/{id}/send",
        "POST /users/{id}/messages/{id}/send",
    ])]);
    let call = |api: &Api, template: &str| {
        crate::emit::call_shapes(api)
            .expect("a call shape")
            .calls
            .into_iter()
            .find(|c| c.template == template)
            .map(|c| c.call)
            .expect("the template's call")
    };
    assert_eq!(
        call(&now, "POST /me/messages/{id}/send"),
        "client.me().message(message_id).send()"
    );
    // The previous release named the step and the calls otherwise: they keep those names.
    now.shipped_calls.insert(
        (
            now.operations[0].id.clone(),
            "POST /me/messages/{}/send".into(),
        ),
        vec!["me".into(), "mail".into(), "dispatch".into()].into(),
    );
    now.shipped_calls.insert(
        (
            now.operations[0].id.clone(),
            "POST /users/{}/messages/{}/send".into(),
        ),
        vec!["user".into(), "message".into(), "send_now".into()].into(),
    );
    assert_eq!(
        call(&now, "POST /me/messages/{id}/send"),
        "client.me().mail(message_id).dispatch()"
    );
    assert_eq!(
        call(&now, "POST /users/{id}/messages/{id}/send"),
        "client.user(user_id).message(message_id).send_now()"
    );
}

#[test]
fn a_shipped_name_is_kept_before_a_new_call_is_named() {
    // `forward` is new; the rules would name it `forward`, which the previous release gave to
    // the send call: the shipped call keeps the name, and the new one is named around it.
    let forward = op_page(
        "message-forward",
        "message: forward",
        &["POST /me/messages/{id}/forward"],
        "If successful, this method returns a `202 Accepted` response code.",
        "POST https://graph.microsoft.com/v1.0/me/messages/1/forward",
    );
    let mut now = api(&[send(&["POST /me/messages/{id}/send"]), forward]);
    let send_id = op(&now, "api/message-send.md").id.clone();
    now.shipped_calls.insert(
        (send_id, "POST /me/messages/{}/send".into()),
        vec!["me".into(), "message".into(), "forward".into()].into(),
    );
    let shapes = crate::emit::call_shapes(&now).expect("a call shape").calls;
    let call = |template: &str| {
        shapes
            .iter()
            .find(|c| c.template == template)
            .map(|c| c.call.clone())
            .expect("the template's call")
    };
    assert_eq!(
        call("POST /me/messages/{id}/send"),
        "client.me().message(message_id).forward()"
    );
    let new = call("POST /me/messages/{id}/forward");
    assert!(new.starts_with("client.me().message(message_id)."), "{new}");
    assert_ne!(new, "client.me().message(message_id).forward()");
}

#[test]
fn the_same_docs_again_keep_nothing() {
    // Two tables of one enum on two pages, one listing a member the other does not.
    let second = SourceFile::new(
        "resources/more-enums.md",
        "---\ntitle: \"More enum values\"\nms.prod: \"outlook\"\n---\n# More enum values\n\nNamespace: microsoft.graph\n\n### importance values\n\n| Member | Description |\n|:---|:---|\n| urgent | Now. |\n"
            .to_string(),
        Lang::English,
    );
    let sources = [
        send(&["POST /me/messages/{id}/send"]),
        resource_page("message", &[("subject", "String")]),
        enum_page(&["low", "high"]),
        second,
    ];
    let shipped = api(&sources);
    assert_eq!(shipped.enums.len(), 2, "two tables of `importance`");
    let mut now = api(&sources);
    let kept = floor(&mut now, &shipped, "0.3.0", Release::Minor);
    assert_eq!(kept.total(), 0, "{kept:?}");
    assert!(now.deprecated.is_empty() && now.deferred.is_empty());
    assert_eq!(
        serde_json::to_string(&now).expect("serializes"),
        serde_json::to_string(&shipped).expect("serializes")
    );
}

#[test]
fn a_type_keeps_its_shipped_name_and_a_gone_base_struct_stays_another_name() {
    let mut now = api(&[resource_page(
        "teamsAsyncOperation",
        &[("status", "String")],
    )]);
    let emitted = |api: &Api| -> String {
        crate::emit::emit(api, &crate::emit::EmitOptions::default())
            .expect("emits")
            .iter()
            .map(|f| f.contents.as_str())
            .collect()
    };
    assert!(emitted(&now).contains("pub struct TeamsAsyncOperation {"));
    // The previous release spelled it `teamsasyncoperation`, and had derived types of it.
    let key = "teamsasyncoperation".to_string();
    now.shipped_types
        .types
        .insert(key.clone(), "Teamsasyncoperation".into());
    now.shipped_types
        .bases
        .insert(key, "TeamsasyncoperationBase".into());
    let all = emitted(&now);
    assert!(all.contains("pub struct Teamsasyncoperation {"), "{all}");
    assert!(!all.contains("TeamsAsyncOperation"), "{all}");
    let compact: String = all.split_whitespace().collect();
    assert!(
        compact.contains("pubtypeTeamsasyncoperationBase=Teamsasyncoperation;"),
        "{all}"
    );
    // The release records the alias it kept, so the next one of the same docs keeps it too.
    let files = crate::emit::emit(&now, &crate::emit::EmitOptions::default()).expect("emits");
    let surface = files
        .iter()
        .find(|f| f.path == crate::emit::SURFACE_FILE)
        .expect("api.json");
    let surface = crate::plan::surface::Surface::read(&surface.contents).expect("reads back");
    let mut next = api(&[resource_page(
        "teamsAsyncOperation",
        &[("status", "String")],
    )]);
    surface.keep_names(&mut next);
    assert_eq!(emitted(&next), all, "the next release of the same docs");
}

/// Several pages document one request line (Intune's `POST /deviceManagement/deviceConfigurations`
/// creates any of its types), each shipped under a name of its own. The same docs again keep
/// nothing: an operation that still documents the line has not lost it because another one
/// documents it too (each run used to add one more copy of the template).
#[test]
fn pages_of_one_request_line_keep_theirs_run_after_run() {
    let create = |file: &str, title: &str| {
        op_page(
            file,
            title,
            &["POST /me/things"],
            "If successful, this method returns a `204 No Content` response code.",
            "POST https://graph.microsoft.com/v1.0/me/things",
        )
    };
    let sources = [
        create("a-create", "Create a"),
        create("b-create", "Create b"),
    ];
    let shipped = api(&sources);
    assert_eq!(shipped.operations.len(), 2);
    let with_names = |mut api: Api| {
        for (op, name) in api.operations.clone().iter().zip(["create_a", "create_b"]) {
            let key = op.templates[0].key();
            api.shipped_calls
                .insert((op.id.clone(), key), vec![name.to_string()].into());
        }
        api
    };
    let mut now = with_names(api(&sources));
    let kept = floor(&mut now, &shipped, "0.3.0", Release::Minor);
    assert_eq!(kept.total(), 0, "{kept:?}");
    for op in &now.operations {
        assert_eq!(op.templates.len(), 1, "{}: {:?}", op.id, op.templates);
    }
    let mut again = with_names(api(&sources));
    floor(&mut again, &now, "0.3.1", Release::Minor);
    assert_eq!(
        serde_json::to_string(&again).expect("serializes"),
        serde_json::to_string(&now).expect("serializes")
    );
}

/// A field typed by a name the shipped release documented no type of was untyped JSON there
/// (`educationUser.assignments: educationAssignment`); a page that now documents the type would
/// make it a struct in place, and code that reads the field breaks. The floor holds it untyped
/// until a major release, and the diff sees no change; a major release types it, a change the
/// diff names.
#[test]
fn a_newly_documented_type_does_not_retype_a_shipped_field_in_place() {
    let message = || {
        resource_page(
            "message",
            &[
                ("subject", "String"),
                ("detail", "detail"),
                ("other", "nowhere"),
            ],
        )
    };
    let shipped = api(&[message()]);
    let docs = api(&[message(), resource_page("detail", &[("text", "String")])]);
    let field = |api: &Api, name: &str| {
        api.resources
            .iter()
            .find(|r| r.name == "message")
            .and_then(|r| r.properties.iter().find(|p| p.name == name))
            .map(|p| p.ty.clone())
            .expect("a field of message")
    };
    let mut now = docs.clone();
    let kept = floor(&mut now, &shipped, "0.3.0", Release::Minor);
    assert_eq!(
        field(&now, "detail"),
        TypeRef::Primitive(crate::ir::Primitive::Json)
    );
    assert_eq!(kept.deferred, 1, "{:?}", now.deferred);
    // A name documented nowhere, then or now: the same code, the docs' type stays.
    assert_eq!(field(&now, "other"), TypeRef::Named("nowhere".into()));
    // And the next release of the same docs is the same.
    let mut again = docs.clone();
    floor(&mut again, &now, "0.3.1", Release::Minor);
    assert_eq!(
        serde_json::to_string(&again.resources).expect("serializes"),
        serde_json::to_string(&now.resources).expect("serializes")
    );
    let code = |api: &Api| -> String {
        crate::emit::emit(api, &crate::emit::EmitOptions::default())
            .expect("emits")
            .iter()
            .filter(|f| f.path.ends_with("models.rs"))
            .map(|f| f.contents.split_whitespace().collect::<String>())
            .collect()
    };
    assert!(code(&shipped).contains("pubdetail:crate::Nullable<::serde_json::Value>"));
    assert!(code(&now).contains("pubdetail:crate::Nullable<::serde_json::Value>"));
    let surface = |api: &Api| crate::emit::surface(api).expect("a surface");
    let d = crate::diff::diff_surfaces(&surface(&shipped), &surface(&now));
    assert!(
        d.changes.iter().all(|c| c.bump != crate::diff::Bump::Major),
        "{}",
        d.human()
    );
    // A major release types it: a breaking change the diff names.
    let mut major = docs.clone();
    floor(&mut major, &shipped, "0.3.0", Release::Major);
    assert!(code(&major).contains("pubdetail:crate::Nullable<Detail>"));
    let d = crate::diff::diff_surfaces(&surface(&shipped), &surface(&major));
    let change = d
        .changes
        .iter()
        .find(|c| c.name == "message.detail")
        .unwrap_or_else(|| panic!("{}", d.human()));
    assert_eq!(change.bump, crate::diff::Bump::Major);
    assert_eq!(change.detail, "type: detail (untyped) -> detail");
}

/// A regeneration as `generate` runs it: the names of the shipped surface kept, then the floor.
fn regenerated(shipped: &Api, docs: &[SourceFile]) -> (Api, crate::diff::ApiDiff) {
    let surface = |api: &Api| crate::emit::surface(api).expect("a surface");
    let old = surface(shipped);
    let mut now = api(docs);
    old.keep_names(&mut now);
    floor(&mut now, shipped, "0.3.0", Release::Minor);
    let d = crate::diff::diff_surfaces(&old, &surface(&now));
    (now, d)
}

fn chains(api: &Api) -> Vec<String> {
    crate::emit::call_shapes(api)
        .expect("a call shape")
        .calls
        .into_iter()
        .map(|c| format!("{} -> {}", c.template, c.call))
        .collect()
}

/// An action page whose request body is a table of one member `member`.
fn body_page(file: &str, title: &str, line: &str, member: &str) -> SourceFile {
    let first = line.lines().next().unwrap_or(line);
    let (_, path) = first.split_once(' ').unwrap_or(("", first));
    SourceFile::new(
        format!("api/{file}.md"),
        format!(
            "---\ntitle: \"{title}\"\nms.prod: \"outlook\"\n---\n# {title}\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{line}\n```\n\n## Request body\n\nIn the request body, provide a JSON object with the following parameters.\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n| {member} | String | Why. |\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{file}\" }} -->\n```http\nPOST https://graph.microsoft.com/v1.0{path}\nContent-type: application/json\n\n{{\n  \"{member}\": \"now\"\n}}\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 204 No Content\n```\n"
        ),
        Lang::English,
    )
}

/// A request line that a new page now documents with a request body (the shipped page
/// documented none): the shipped method, which takes no body, stays on its operation,
/// deprecated, and the new page's call is a method of another name; nothing breaks.
#[test]
fn a_call_another_page_now_documents_with_another_body_keeps_its_method() {
    let reset = |lines: &[&str]| {
        op_page(
            "thing-reset",
            "thing: reset",
            lines,
            "If successful, this method returns a `204 No Content` response code.",
            "POST https://graph.microsoft.com/v1.0/me/thing/reset",
        )
    };
    let shipped = api(&[reset(&[
        "POST /me/thing/reset",
        "POST /users/{id}/thing/reset",
    ])]);
    let with_body = body_page(
        "device-thing-reset",
        "Reset the thing of a device",
        "POST /me/thing/reset",
        "comment",
    );
    let docs = [reset(&["POST /users/{id}/thing/reset"]), with_body];
    let before = chains(&shipped);
    let (now, d) = regenerated(&shipped, &docs);
    let after = chains(&now);
    for call in &before {
        assert!(after.contains(call), "{call} is gone: {after:#?}");
    }
    let reset_id = &op(&now, "api/thing-reset.md").id;
    let kept = Shipped::Call {
        operation: reset_id.clone(),
        key: "POST /me/thing/reset".into(),
    };
    assert!(
        now.deprecated.iter().any(|x| x.item == kept),
        "{:#?}",
        now.deprecated
    );
    // The new page's call is there, under a name of its own.
    let new_op = op(&now, "api/device-thing-reset.md");
    assert_eq!(request_type(new_op), format!("{}'s body struct", new_op.id));
    let new_call = after
        .iter()
        .filter(|c| c.starts_with("POST /me/thing/reset -> "))
        .count();
    assert_eq!(new_call, 2, "{after:#?}");
    assert!(
        d.changes.iter().all(|c| c.bump != crate::diff::Bump::Major),
        "{}",
        d.human()
    );
    // Without the floor the call takes a body: a breaking change the diff names.
    let mut plain = api(&docs);
    crate::emit::surface(&shipped)
        .expect("a surface")
        .keep_names(&mut plain);
    let d = crate::diff::diff_surfaces(
        &crate::emit::surface(&shipped).expect("a surface"),
        &crate::emit::surface(&plain).expect("a surface"),
    );
    assert!(
        d.changes.iter().any(|c| c.bump == crate::diff::Bump::Major),
        "{}",
        d.human()
    );
}

/// A call that shipped as the final call of its node (`worksheet().range()`) stays there when
/// new templates go on from its last segment (`.../range/rowsAbove(count=n)`), which would make
/// that segment a step and the call its `get()`.
#[test]
fn a_shipped_final_call_stays_where_new_templates_go_on_from_it() {
    let page = |file: &str, title: &str, line: &str| {
        op_page(
            file,
            title,
            &[line],
            "If successful, this method returns a `200 OK` response code and a [workbookRange](../resources/workbookrange.md) object in the response body.",
            &format!("GET https://graph.microsoft.com/v1.0{}", line.trim_start_matches("GET ")),
        )
    };
    let range = || {
        page(
            "worksheet-range",
            "worksheet: range",
            "GET /me/worksheet/range",
        )
    };
    let shipped = api(&[range()]);
    let docs = [
        range(),
        page(
            "range-rowsabove",
            "range: rowsAbove",
            "GET /me/worksheet/range/rowsAbove(count=2)",
        ),
    ];
    let before = chains(&shipped);
    assert!(
        before.iter().any(|c| c.ends_with(".range()")),
        "{before:#?}"
    );
    // A first release of these docs makes `range` a step.
    let fresh = chains(&api(&docs));
    assert!(
        fresh
            .iter()
            .any(|c| c.starts_with("GET /me/worksheet/range -> ") && c.ends_with(".get()")),
        "{fresh:#?}"
    );
    let (now, d) = regenerated(&shipped, &docs);
    let after = chains(&now);
    for call in &before {
        assert!(after.contains(call), "{call} is gone: {after:#?}");
    }
    assert!(after.iter().any(|c| c.contains("rowsAbove")), "{after:#?}");
    assert!(
        d.changes.iter().all(|c| c.bump != crate::diff::Bump::Major),
        "{}",
        d.human()
    );
}

/// Two pages of one request line shipped one method, the first's (its body); the other page no
/// longer documents the line. Code that calls the method still compiles: the diff sees the
/// body the method took, not the other page's, and nothing breaks.
#[test]
fn a_call_whose_method_was_another_pages_moves_without_breaking() {
    let add =
        |lines: &[&str]| body_page("row-add", "Add a row", lines.join("\n").as_str(), "values");
    let local = |lines: &[&str]| {
        body_page(
            "row-addlocal",
            "Add a local row",
            lines.join("\n").as_str(),
            "local",
        )
    };
    let (a, b) = ("POST /me/rows/add", "POST /users/{id}/rows/add");
    let shipped = api(&[add(&[a, b]), local(&[a, b])]);
    let old = crate::emit::surface(&shipped).expect("a surface");
    let local_id = &op(&shipped, "api/row-addlocal.md").id;
    let sent: Vec<&str> = old
        .operations
        .iter()
        .filter(|o| &o.id == local_id)
        .flat_map(|o| o.calls.iter().map(move |c| c.request(o)))
        .collect();
    let add_id = &op(&shipped, "api/row-add.md").id;
    assert_eq!(sent, vec![format!("{add_id}'s body struct"); 2], "{old:#?}");
    let (_, d) = regenerated(&shipped, &[add(&[a, b]), local(&[b])]);
    assert!(
        d.changes.iter().all(|c| c.bump != crate::diff::Bump::Major),
        "{}",
        d.human()
    );
}
