//! Check layer: pure functions over the IR that find contradictions and gaps in the docs.

use crate::base::{Code, Diagnostic};
use crate::ir::reason;
use crate::ir::{Api, Operation, Permission, Resource, TypeRef};
use serde_json::Value;

pub fn check(api: &Api) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let index = crate::ir::index::ResourceIndex::new(api);
    let operation_pages: std::collections::BTreeSet<&str> = api
        .pages
        .iter()
        .filter(|p| p.kind == crate::ir::PageKind::Operation)
        .map(|p| p.path.as_str())
        .collect();
    for op in &api.operations {
        let own_page = operation_pages.contains(op.page.as_str());
        if own_page {
            missing_template(op, &mut out);
        }
        status_mismatch(op, &mut out);
        missing_success_status(op, &mut out);
        scopes(op, &mut out);
        scopes_table(op, &mut out);
        example_urls(op, own_page, &mut out);
        templates_without_example(op, &mut out);
        duplicate_example_names(op, &mut out);
        body_on_no_content(op, &mut out);
        example_properties(&index, op, &mut out);
        undocumented_query_options(op, &mut out);
        requests_without_body(op, &mut out);
    }
    for r in &api.resources {
        resource_table_json(r, &mut out);
    }
    unknown_types(api, &index, &mut out);
    out
}

/// A page with examples but no request line in an HTTP request section (examples that call
/// another page's operation have moved there by now).
fn missing_template(op: &Operation, out: &mut Vec<Diagnostic>) {
    if op.templates.is_empty() {
        out.push(Diagnostic::new(
            Code::MissingTemplate,
            op.location.clone(),
            "the HTTP request section holds no request line",
        ));
    }
}

/// A `POST`, `PUT` or `PATCH` example without a body for an operation that takes a JSON one.
fn requests_without_body(op: &Operation, out: &mut Vec<Diagnostic>) {
    if op.request_body.is_none() {
        return;
    }
    for ex in &op.examples {
        let r = &ex.request;
        if !r.writes_body
            && r.other_host.is_none()
            && matches!(r.method.as_str(), "POST" | "PUT" | "PATCH")
        {
            out.push(
                Diagnostic::new(
                    Code::RequestExampleWithoutBody,
                    r.location.clone(),
                    format!(
                        "this {} example sends no body, but the operation takes a JSON body",
                        r.method
                    ),
                )
                .help("show the body the request sends"),
            );
        }
    }
}

/// An example that sets an OData query option its page does not document: the generated client
/// has no typed builder for it (the test sets it with `.query()`).
fn undocumented_query_options(op: &Operation, out: &mut Vec<Diagnostic>) {
    for ex in &op.examples {
        let mut seen = std::collections::BTreeSet::new();
        for (name, _) in &ex.request.query {
            let Some(option) = name.strip_prefix('$').map(str::to_ascii_lowercase) else {
                continue;
            };
            if !crate::ir::QUERY_OPTIONS.contains(&option.as_str())
                || op.query_options.contains(&option)
                || !seen.insert(option.clone())
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Code::UndocumentedQueryOption,
                    ex.request.location.clone(),
                    format!(
                        "the example sets `${option}`, which the page does not say the operation supports"
                    ),
                )
                .help("name the option in the Optional query parameters section"),
            );
        }
    }
}

fn scopes_table(op: &Operation, out: &mut Vec<Diagnostic>) {
    for p in &op.scopes.table_problems {
        out.push(
            Diagnostic::new(
                Code::ScopesTableMalformed,
                p.location.clone(),
                format!("permissions table: {}", p.value),
            )
            .help("give one row per permission type, each with scope names or `Not supported.`"),
        );
    }
}

fn templates_without_example(op: &Operation, out: &mut Vec<Diagnostic>) {
    for (i, t) in op.templates.iter().enumerate() {
        if t.derived.is_some() {
            continue;
        }
        for p in t
            .params
            .iter()
            .filter(|p| crate::ir::template::is_guid(&p.placeholder))
        {
            out.push(
                Diagnostic::new(
                    Code::TemplateLiteralId,
                    t.location.clone(),
                    format!(
                        "`{}` in `{} {}` is a concrete id; it is read as the placeholder `{}`",
                        p.placeholder, t.method, t.raw, p.name
                    ),
                )
                .help("write a placeholder such as `{id}`"),
            );
        }
        let used = op
            .examples
            .iter()
            .any(|e| e.request.template.as_ref().is_some_and(|(ti, _)| *ti == i));
        if !used {
            out.push(Diagnostic::new(
                Code::TemplateWithoutExample,
                t.location.clone(),
                format!("no example exercises `{} {}`", t.method, t.raw),
            ));
        }
    }
}

fn duplicate_example_names(op: &Operation, out: &mut Vec<Diagnostic>) {
    for (i, e) in op.examples.iter().enumerate() {
        let Some(name) = &e.name else { continue };
        if let Some(first) = op.examples[..i]
            .iter()
            .find(|f| f.name.as_ref() == Some(name))
        {
            out.push(
                Diagnostic::new(
                    Code::DuplicateExampleName,
                    e.request.location.clone(),
                    format!("request example name `{name}` is used twice on this page"),
                )
                .note(first.request.location.clone(), "first used here")
                .help(
                    "give each example its own `name`: responses are paired with requests by name",
                ),
            );
        }
    }
}

/// Response (and request) bodies against the resource their annotation or the prose names.
fn example_properties(
    index: &crate::ir::index::ResourceIndex,
    op: &Operation,
    out: &mut Vec<Diagnostic>,
) {
    for ex in &op.examples {
        for r in ex.response.iter().chain(&ex.more_responses) {
            let (Some(t), Some(body)) = (&r.odata_type, &r.body) else {
                continue;
            };
            if r.expect_error || !(200..300).contains(&r.status) {
                continue;
            }
            let Some(resource) = index.get(&crate::ir::names::resource_name(t)) else {
                continue;
            };
            let items: Vec<&Value> = if r.collection {
                body.value
                    .get("value")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().collect())
                    .unwrap_or_default()
            } else {
                vec![&body.value]
            };
            for item in items {
                body_against_resource(index, resource, item, &r.location, out);
            }
        }
        if let (Some(body), Some(shape)) = (&ex.request.body, &op.request_body) {
            if let Some(resource) = shape.resource.as_deref().and_then(|n| index.get(n)) {
                body_against_resource(index, resource, &body.value, &ex.request.location, out);
            } else if index.request_body_from_table(op) {
                body_against_table(index, op, &body.value, &ex.request.location, out);
            }
        }
    }
}

/// A request body against the request body table that types it: required members present,
/// every member listed, values of the documented kind (and objects of documented resources
/// checked against them).
fn body_against_table(
    index: &crate::ir::index::ResourceIndex,
    op: &Operation,
    body: &Value,
    at: &crate::base::Location,
    out: &mut Vec<Diagnostic>,
) {
    let Some(obj) = body.as_object() else { return };
    let members = op.body_members();
    for row in &members {
        if op.requires(row) && !obj.contains_key(&row.name) {
            out.push(
                Diagnostic::new(
                    Code::ExampleMissingRequiredProperty,
                    at.clone(),
                    format!(
                        "the example's body leaves out `{}`, which the request body table says is required",
                        row.name
                    ),
                )
                .note(row.location.clone(), "documented as required here")
                .help("add the member to the example, or correct the table"),
            );
        }
    }
    for (key, value) in obj {
        if key.contains('@') {
            continue;
        }
        let Some(row) = members.iter().find(|r| &r.name == key) else {
            let mut d = Diagnostic::new(
                Code::ExamplePropertyNotInRequestBody,
                at.clone(),
                format!(
                    "the example's body has `{key}`, which the request body table does not list"
                ),
            )
            .help("list the member in the table, or fix the example");
            if let Some(first) = members.first() {
                d = d.note(first.location.clone(), "the request body table is here");
            }
            out.push(d);
            continue;
        };
        let Some(ty) = &row.ty else { continue };
        if let Some(expected) = type_mismatch(index, ty, value) {
            out.push(mismatch(
                at,
                key,
                value,
                "the request body table",
                &expected,
                &row.location,
            ));
        } else if let TypeRef::Named(n) = ty {
            if let Some(resource) = index.get(n) {
                body_against_resource(index, resource, value, at, out);
            }
        }
    }
}

fn body_against_resource(
    index: &crate::ir::index::ResourceIndex,
    resource: &Resource,
    body: &Value,
    at: &crate::base::Location,
    out: &mut Vec<Diagnostic>,
) {
    let Some(obj) = body.as_object() else { return };
    // A body may name a derived type; its properties are then documented on that type.
    let resource = obj
        .get("@odata.type")
        .and_then(Value::as_str)
        .and_then(|t| index.get(&crate::ir::names::resource_name(t)))
        .unwrap_or(resource);
    let props = index.all_properties(resource, true);
    let open = index.chain(resource).iter().any(|r| r.open_type);
    for (key, value) in obj {
        if key.contains('@') {
            continue;
        }
        match props.iter().find(|p| p.name.eq_ignore_ascii_case(key)) {
            None if !open => out.push(
                Diagnostic::new(
                    Code::ExamplePropertyNotInResource,
                    at.clone(),
                    format!(
                        "the example's `{key}` is not a documented property of `{}`",
                        resource.name
                    ),
                )
                .note(
                    resource.location.clone(),
                    format!("`{}` is documented here", resource.name),
                )
                .help("document the property in the resource's table, or fix the example"),
            ),
            None => {}
            Some(p) => {
                if let Some(expected) = type_mismatch(index, &p.ty, value) {
                    let owner = format!("`{}`", resource.name);
                    out.push(mismatch(at, key, value, &owner, &expected, &p.location));
                }
            }
        }
    }
}

/// An example value of another kind than the type `documenter` (a resource, or a request body
/// table) gives the member at `documented`.
fn mismatch(
    at: &crate::base::Location,
    key: &str,
    value: &Value,
    documenter: &str,
    expected: &str,
    documented: &crate::base::Location,
) -> Diagnostic {
    Diagnostic::new(
        Code::ExamplePropertyTypeMismatch,
        at.clone(),
        format!(
            "the example gives `{key}` the value {}, but {documenter} documents it as {expected}",
            short(value)
        ),
    )
    .note(documented.clone(), "documented here")
}

/// What the documented type expects, when `value` is not of that kind (`null` always fits).
fn type_mismatch(
    index: &crate::ir::index::ResourceIndex,
    ty: &TypeRef,
    value: &Value,
) -> Option<String> {
    if value.is_null() {
        return None;
    }
    let ok = match ty {
        TypeRef::Collection(_) => value.is_array(),
        TypeRef::Primitive(p) => match p.as_str() {
            // Any JSON value decodes as these (a stream property may be media annotations).
            "Json" | "Stream" => true,
            "Boolean" => value.is_boolean(),
            "Int16" | "Int32" | "Int64" | "Byte" | "SByte" => value.is_i64() || value.is_u64(),
            // Edm.Double and Decimal may be sent as strings ("NaN", big decimals).
            "Double" | "Single" | "Decimal" => value.is_number() || value.is_string(),
            _ => value.is_string(),
        },
        TypeRef::Named(n) => match index.get(n) {
            Some(_) => value.is_object(),
            None if index.is_enum(n) => value.is_string(),
            // An enum or an undocumented type: a string or an object are both plausible.
            None => !value.is_array(),
        },
    };
    (!ok).then(|| match ty {
        TypeRef::Collection(_) => "a collection".to_string(),
        TypeRef::Primitive(p) => format!("`{p}`"),
        TypeRef::Named(n) if index.is_enum(n) => format!("a member of the enum `{n}`"),
        TypeRef::Named(n) => format!("an object of type `{n}`"),
    })
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}...", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

/// The JSON representation and the tables of a resource page list the same properties.
fn resource_table_json(r: &Resource, out: &mut Vec<Diagnostic>) {
    let Some(json_at) = &r.json_location else {
        return;
    };
    if r.properties.is_empty() {
        return;
    }
    let in_tables = |k: &str| {
        r.properties
            .iter()
            .chain(&r.relationships)
            .any(|p| p.name.eq_ignore_ascii_case(k))
    };
    let missing_in_tables: Vec<&String> = r
        .json_properties
        .iter()
        .filter(|k| !k.contains('@') && !in_tables(k))
        .collect();
    if !missing_in_tables.is_empty() {
        out.push(
            Diagnostic::new(
                Code::ResourceTableJsonMismatch,
                json_at.clone(),
                format!(
                    "the JSON representation of `{}` has {} that no table documents",
                    r.name,
                    list(&missing_in_tables)
                ),
            )
            .help(
                "add them to the Properties or Relationships table, or remove them from the JSON",
            ),
        );
    }
    for p in &r.properties {
        if !r
            .json_properties
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&p.name))
        {
            out.push(
                Diagnostic::new(
                    Code::ResourceTableJsonMismatch,
                    p.location.clone(),
                    format!(
                        "property `{}` of `{}` is missing from its JSON representation",
                        p.name, r.name
                    ),
                )
                .note(json_at.clone(), "the JSON representation"),
            );
        }
    }
}

fn list(names: &[&String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Response prose is normative; an example that shows another 2xx status contradicts it.
fn status_mismatch(op: &Operation, out: &mut Vec<Diagnostic>) {
    let Some(prose) = &op.success.prose else {
        return;
    };
    for ex in &op.success.examples {
        if ex.status != prose.status {
            out.push(
                Diagnostic::new(
                    Code::StatusMismatch,
                    ex.location.clone(),
                    format!(
                        "example response says {} but the Response prose says {}; the generated client and its test follow the prose ({})",
                        ex.status, prose.status, prose.status
                    ),
                )
                .note(prose.location.clone(), format!("the prose documents {}", prose.status))
                .help(format!(
                    "make the example's status line `HTTP/1.1 {} {}`, or correct the prose",
                    prose.status,
                    reason(prose.status)
                )),
            );
        }
    }
}

fn missing_success_status(op: &Operation, out: &mut Vec<Diagnostic>) {
    if op.success.status.is_none() {
        out.push(
            Diagnostic::new(
                Code::MissingSuccessStatus,
                op.location.clone(),
                format!("`{}` documents no success status", op.title),
            )
            .help("say in the Response section which status a success returns, e.g. `200 OK`"),
        );
    }
}

fn scopes(op: &Operation, out: &mut Vec<Diagnostic>) {
    let s = &op.scopes;
    let table: Vec<String> = [&s.delegated_work, &s.delegated_personal, &s.application]
        .into_iter()
        .filter_map(|p| match p {
            Permission::Scopes(v) => Some(v.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    if let Some(table_at) = &s.table {
        for other in [&s.prose, &s.annotation].into_iter().flatten() {
            // Scope names are case-insensitive to the identity platform.
            let missing: Vec<&String> = other
                .value
                .iter()
                .filter(|x| !table.iter().any(|t| t.eq_ignore_ascii_case(x)))
                .collect();
            if !missing.is_empty() {
                out.push(
                    Diagnostic::new(
                        Code::ScopesMismatch,
                        other.location.clone(),
                        format!(
                            "scopes {} are not in the permissions table; the table wins",
                            missing
                                .iter()
                                .map(|m| format!("`{m}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .note(table_at.clone(), "the permissions table"),
                );
            }
        }
    } else if let (Some(prose), Some(ann)) = (&s.prose, &s.annotation) {
        let same = prose.value.len() == ann.value.len()
            && prose
                .value
                .iter()
                .all(|p| ann.value.iter().any(|a| a.eq_ignore_ascii_case(p)));
        if !same {
            out.push(
                Diagnostic::new(
                    Code::ScopesMismatch,
                    ann.location.clone(),
                    "the request annotation's scopes differ from the scopes the prose requires; the prose wins",
                )
                .note(prose.location.clone(), "the prose names these scopes"),
            );
        }
    }
    if s.any_of().is_empty() {
        out.push(
            Diagnostic::new(
                Code::MissingScopes,
                op.location.clone(),
                format!("`{}` documents no permission scopes", op.title),
            )
            .help("add a Permissions table with one row per permission type"),
        );
    }
}

/// Examples that call another host, and examples that match no template: of their page, or,
/// on a resource or concept page (which documents no operation), of any operation page.
fn example_urls(op: &Operation, own_page: bool, out: &mut Vec<Diagnostic>) {
    for ex in &op.examples {
        if let Some(host) = &ex.request.other_host {
            out.push(Diagnostic::new(
                Code::ExampleCallsOtherHost,
                ex.request.location.clone(),
                format!(
                    "example `{} {}` calls `{host}`, not the API: it gets no conformance test",
                    ex.request.method, ex.request.target
                ),
            ));
        } else if ex.request.template.is_none() && (!op.templates.is_empty() || !own_page) {
            let (whose, templates) = match op.templates.first() {
                Some(t) => ("none of the page's path templates", Some(t)),
                None => ("no path template of any operation page", None),
            };
            let d = Diagnostic::new(
                Code::ExampleUrlMatchesNoTemplate,
                ex.request.location.clone(),
                format!(
                    "example `{} {}` matches {whose}; no conformance test is generated for it",
                    ex.request.method, ex.request.path
                ),
            );
            out.push(match templates {
                Some(t) => d.note(t.location.clone(), "the templates are listed here"),
                None => d,
            });
        }
    }
}

fn body_on_no_content(op: &Operation, out: &mut Vec<Diagnostic>) {
    for ex in &op.examples {
        let Some(r) = &ex.response else { continue };
        if let Some(shape) = &op.response_body {
            // A file's bytes are often left out of an example; nothing is lost.
            if r.body.is_none()
                && !shape.is_stream()
                && (200..300).contains(&r.status)
                && r.status != 204
                && !r.expect_error
                && ex.request.other_host.is_none()
            {
                let what = shape.resource.as_deref().unwrap_or("JSON value");
                out.push(
                    Diagnostic::new(
                        Code::ResponseExampleWithoutBody,
                        r.location.clone(),
                        format!(
                            "the operation returns a `{what}`, but this {} response shows no body",
                            r.status
                        ),
                    )
                    .help("show the body (truncated if long), or drop `@odata.type` if the response has none"),
                );
            }
        }
        if matches!(r.status, 202 | 204) && r.body.is_some() {
            out.push(Diagnostic::new(
                Code::ResponseBodyOnNoContent,
                r.location.clone(),
                format!("a {} response shows a body", r.status),
            ));
        }
    }
}

fn unknown_types(api: &Api, index: &crate::ir::index::ResourceIndex, out: &mut Vec<Diagnostic>) {
    for r in &api.resources {
        for p in r.properties.iter().chain(&r.relationships) {
            let mut ty = &p.ty;
            while let TypeRef::Collection(inner) = ty {
                ty = inner;
            }
            if let TypeRef::Named(n) = ty {
                if index.get(n).is_none() && !index.is_enum(n) {
                    out.push(Diagnostic::new(
                        Code::UnknownTypeReference,
                        p.location.clone(),
                        format!("property `{}` has type `{n}`, which no page documents; it is generated as untyped JSON", p.name),
                    ));
                }
            }
        }
    }
    for op in &api.operations {
        for ex in &op.examples {
            for r in ex.response.iter().chain(&ex.more_responses) {
                let Some(t) = &r.odata_type else { continue };
                let name = crate::ir::names::resource_name(t);
                if index.get(&name).is_none() && !is_primitive(&name) {
                    out.push(Diagnostic::new(
                        Code::UnknownTypeReference,
                        r.location.clone(),
                        format!(
                            "the response annotation names type `{t}`, which no page documents"
                        ),
                    ));
                }
            }
        }
    }
}

fn is_primitive(name: &str) -> bool {
    matches!(crate::model::parse_type(name), TypeRef::Primitive(_))
}

#[cfg(test)]
mod tests {
    use crate::base::Code;
    use crate::source::{Lang, SourceFile};

    /// Diagnostics of one page, as (code, line) pairs.
    fn findings(md: &str) -> Vec<(Code, u32)> {
        let a =
            crate::analyze_sources(&[SourceFile::new("api/x.md", md.to_string(), Lang::English)]);
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
        let md = page("Returns `204 No Content`.", "HTTP/1.1 204 No Content")
            .replace("{\"blockType\": \"request\", \"name\": \"a\"}", "{\"blockType\": \"request\", \"name\": \"a\", \"scopes\": \"mail.send Mail.ReadWrite\"}");
        let f = findings(&md);
        assert!(f.iter().any(|(c, _)| *c == Code::ScopesMismatch), "{f:?}");
        let no_table =
            page("Returns `204 No Content`.", "HTTP/1.1 204 No Content").replace(PERMS, "");
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
            count(&md("## Optional query parameters\n\nThis method supports the `$top` query parameter.\n\n")),
            1
        );
    }

    #[test]
    fn resource_table_json_mismatch() {
        let md = WIDGET.replace("\"shown\": true}", "\"hidden\": true}");
        let a =
            crate::analyze_sources(&[SourceFile::new("resources/widget.md", md, Lang::English)]);
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
        let no_template = "# Overview\n\n## Example\n\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n";
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
}
