//! Templates and the examples that call them: a page without a template, templates no example
//! calls, example targets that match no template or call another host.

use crate::base::{Code, Diagnostic};
use crate::ir::Operation;

/// A page with examples but no request line in an HTTP request section (examples that call
/// another page's operation have moved there by now).
pub(super) fn missing_template(op: &Operation, out: &mut Vec<Diagnostic>) {
    if op.templates.is_empty() {
        out.push(Diagnostic::new(
            Code::MissingTemplate,
            op.location.clone(),
            "the HTTP request section holds no request line",
        ));
    }
}

pub(super) fn templates_without_example(op: &Operation, out: &mut Vec<Diagnostic>) {
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

/// Examples that call another host, and examples that match no template: of their page, or,
/// on a resource or concept page (which documents no operation), of any operation page.
pub(super) fn example_urls(op: &Operation, own_page: bool, out: &mut Vec<Diagnostic>) {
    for ex in &op.examples {
        if let Some(host) = &ex.request.other_host {
            out.push(
                Diagnostic::new(
                    Code::ExampleCallsOtherHost,
                    ex.request.location.clone(),
                    format!(
                        "example `{} {}` calls `{host}`, not the API: it gets no conformance test",
                        ex.request.method, ex.request.target
                    ),
                )
                .in_block(&ex.request.location),
            );
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
            )
            .in_block(&ex.request.location);
            out.push(match templates {
                Some(t) => d.note(t.location.clone(), "the templates are listed here"),
                None => d,
            });
        }
    }
}
