//! The success status: prose against examples, a missing status, a body on a no-content response.

use crate::base::{Code, Diagnostic};
use crate::ir::{reason, Operation};

/// The Response prose is normative; an example that shows another 2xx status contradicts it.
pub(super) fn status_mismatch(op: &Operation, out: &mut Vec<Diagnostic>) {
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
                ))
                .in_block(&ex.location),
            );
        }
    }
}

pub(super) fn missing_success_status(op: &Operation, out: &mut Vec<Diagnostic>) {
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

pub(super) fn body_on_no_content(op: &Operation, out: &mut Vec<Diagnostic>) {
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
                    .help("show the body (truncated if long), or drop `@odata.type` if the response has none")
                    .in_block(&r.location),
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
