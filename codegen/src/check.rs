//! Check layer: pure functions over the IR that find contradictions and gaps in the docs.

use crate::diag::{Code, Diagnostic};
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
            let missing: Vec<&String> = other.value.iter().filter(|x| !table.contains(x)).collect();
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
        if prose.value != ann.value {
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
    for r in &api.resources {
        for p in &r.properties {
            let mut ty = &p.ty;
            while let TypeRef::Collection(inner) = ty {
                ty = inner;
            }
            if let TypeRef::Named(n) = ty {
                if crate::lookup_resource(api, n).is_none() {
                    out.push(Diagnostic::new(
                        Code::UnknownTypeReference,
                        p.location.clone(),
                        format!("property `{}` has type `{n}`, which no page documents; it is generated as untyped JSON", p.name),
                    ));
                }
            }
        }
    }
}

/// The usual reason phrase of a status, for help texts.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        _ => "",
    }
}
