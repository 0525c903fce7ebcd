//! Check layer: pure functions over the IR that find contradictions and gaps in the docs.

use crate::diag::{Code, Diagnostic};
use crate::http::reason;
use crate::ir::{Api, Operation, Permission, TypeRef};

pub fn check(api: &Api) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for op in &api.operations {
        status_mismatch(op, &mut out);
        missing_success_status(op, &mut out);
        scopes(op, &mut out);
        example_urls(op, &mut out);
        body_on_no_content(op, &mut out);
    }
    unknown_types(api, &mut out);
    out
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

fn example_urls(op: &Operation, out: &mut Vec<Diagnostic>) {
    if op.templates.is_empty() {
        return;
    }
    for ex in &op.examples {
        if ex.request.template.is_none() {
            out.push(
                Diagnostic::new(
                    Code::ExampleUrlMatchesNoTemplate,
                    ex.request.location.clone(),
                    format!(
                        "example `{} {}` matches none of the page's path templates; no conformance test is generated for it",
                        ex.request.method, ex.request.path
                    ),
                )
                .note(op.templates[0].location.clone(), "the templates are listed here"),
            );
        }
    }
}

fn body_on_no_content(op: &Operation, out: &mut Vec<Diagnostic>) {
    for ex in &op.examples {
        let Some(r) = &ex.response else { continue };
        if matches!(r.status, 202 | 204) && r.body.is_some() {
            out.push(Diagnostic::new(
                Code::ResponseBodyOnNoContent,
                r.location.clone(),
                format!("a {} response shows a body", r.status),
            ));
        }
    }
}

fn unknown_types(api: &Api, out: &mut Vec<Diagnostic>) {
    let index = crate::ResourceIndex::new(api);
    for r in &api.resources {
        for p in r.properties.iter().chain(&r.relationships) {
            let mut ty = &p.ty;
            while let TypeRef::Collection(inner) = ty {
                ty = inner;
            }
            if let TypeRef::Named(n) = ty {
                if index.get(n).is_none() {
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
                let name = crate::model::resource_name(t);
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
    use crate::diag::Code;
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
