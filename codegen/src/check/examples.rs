//! Example hygiene: duplicate example names, request examples that lack the body their operation
//! needs.

use crate::base::{Code, Diagnostic};
use crate::ir::Operation;

/// A `POST`, `PUT` or `PATCH` example without a body for an operation that takes a JSON one.
pub(super) fn requests_without_body(op: &Operation, out: &mut Vec<Diagnostic>) {
    if op.request_body.is_none() {
        return;
    }
    for ex in &op.examples {
        let r = &ex.request;
        if !r.writes_body && r.other_host.is_none() && r.method.sends_body() {
            out.push(
                Diagnostic::new(
                    Code::RequestExampleWithoutBody,
                    r.location.clone(),
                    format!(
                        "this {} example sends no body, but the operation takes a JSON body",
                        r.method
                    ),
                )
                .help("show the body the request sends")
                .in_block(&r.location),
            );
        }
    }
}

pub(super) fn duplicate_example_names(op: &Operation, out: &mut Vec<Diagnostic>) {
    for (i, e) in op.examples.iter().enumerate() {
        let Some(name) = &e.name else { continue };
        if let Some(first) = op
            .examples
            .iter()
            .take(i)
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
