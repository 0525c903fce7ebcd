//! What a call of a template returns and what it sends: one decision for the method, its docs,
//! its tests and the API surface (`returns`, `sends`). A documented redirect
//! returns the content's bytes, as do a `stream` body and `GET .../$value`; a collection answered
//! to a delta query (`PathTemplate::is_delta`: a GET whose last segment is the `delta` function)
//! is `Page<Delta<T>>`; a `202 Accepted` with a follow header is the runtime's `Accepted`; no body
//! is `()`.

use crate::base::Method;
use crate::ir::template::Part;
use crate::ir::{BodyShape, Operation, PathTemplate};

/// What a call of a template returns: one decision for the method, its docs and its tests.
pub enum Returns<'a> {
    /// The documented success is a redirect to the content, which the client follows: the
    /// content's bytes.
    Redirected,
    /// Bytes: a `stream` body, or the raw value a `GET .../$value` reads.
    Bytes,
    /// A JSON body of this shape.
    Json(&'a BodyShape),
    /// A page of a delta query's items (`Page<Delta<T>>`): changes, which may be `@removed`.
    Delta(&'a BodyShape),
    /// A long-running operation: `202 Accepted` and where to follow it (`runtime::Accepted`).
    Accepted,
    /// No body: `()`.
    Nothing,
}

pub fn returns<'a>(op: &'a Operation, t: &PathTemplate) -> Returns<'a> {
    let raw_value = t.method == Method::Get
        && t.segments.last().is_some_and(
            |s| matches!(s.as_slice(), [Part::Literal(l)] if l.eq_ignore_ascii_case("$value")),
        );
    match &op.response_body {
        _ if op.success.is_redirect() => Returns::Redirected,
        _ if raw_value => Returns::Bytes,
        Some(shape) if shape.is_stream() => Returns::Bytes,
        Some(shape) if shape.collection && t.is_delta() => Returns::Delta(shape),
        Some(shape) => Returns::Json(shape),
        None if op.success.is_accepted() => Returns::Accepted,
        None => Returns::Nothing,
    }
}

/// What a call of a template sends: one decision for the method's parameters and its tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sends {
    /// No body.
    Nothing,
    /// The bytes of a file (`body: &[u8]`; the caller sets `Content-Type`).
    Bytes,
    /// A JSON body of the operation's request body shape.
    Json,
}

/// POST, PUT and PATCH take the body their examples send; another method only when the page
/// also documents the body in a request body table (the workbook's `GET .../boundingRect`).
/// A `stream` body is a file's bytes.
pub fn sends(op: &Operation, t: &PathTemplate) -> Sends {
    let takes_body =
        op.request_body.is_some() && (t.method.sends_body() || !op.body_properties.is_empty());
    match &op.request_body {
        Some(shape) if takes_body && shape.is_stream() => Sends::Bytes,
        Some(_) if takes_body => Sends::Json,
        _ => Sends::Nothing,
    }
}
