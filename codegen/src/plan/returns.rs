//! What a call of a template returns and what it sends: one decision for the method, its docs,
//! its tests and the API surface (`returns`, `sends`). A documented redirect
//! returns the content's bytes, as do a `stream` body and `GET .../$value`; a collection answered
//! to a delta query (`PathTemplate::is_delta`: a GET whose last segment is the `delta` function)
//! is `Page<Delta<T>>`; a `202 Accepted` with a follow header is the runtime's `Accepted`; no body
//! is `()`; a success with a body beside a documented `202 Accepted` is the runtime's `Outcome`
//! of both. A path that ends in an OData cast (`.../transitiveMembers/microsoft.graph.user`)
//! answers with values of the cast type, whatever base the page's Response names.

use crate::base::Method;
use crate::ir::template::Part;
use crate::ir::{BodyShape, Operation, PathTemplate};

/// What a call of a template returns: one decision for the method, its docs and its tests.
pub enum Returns {
    /// The documented success is a redirect to the content, which the client follows: the
    /// content's bytes.
    Redirected,
    /// Bytes: a `stream` body, or the raw value a `GET .../$value` reads.
    Bytes,
    /// A JSON body of this shape.
    Json(BodyShape),
    /// A JSON body of this shape, or a `202 Accepted` to follow (`runtime::Outcome`).
    JsonOrAccepted(BodyShape),
    /// A page of a delta query's items (`Page<Delta<T>>`): changes, which may be `@removed`.
    Delta(BodyShape),
    /// A long-running operation: `202 Accepted` and where to follow it (`runtime::Accepted`).
    Accepted,
    /// No body: `()`.
    Nothing,
}

impl Returns {
    /// Whether the call answers with a page of items: what `list` names, and only that.
    pub fn is_page(&self) -> bool {
        matches!(self, Returns::Json(b) | Returns::Delta(b) if b.collection)
    }
}

pub fn returns(op: &Operation, t: &PathTemplate) -> Returns {
    let raw_value = t.method == Method::Get
        && t.segments.last().is_some_and(
            |s| matches!(s.as_slice(), [Part::Literal(l)] if l.eq_ignore_ascii_case("$value")),
        );
    match &op.response_body {
        _ if op.success.is_redirect() => Returns::Redirected,
        _ if raw_value => Returns::Bytes,
        Some(shape) if shape.is_stream() => Returns::Bytes,
        Some(shape) if shape.collection && t.is_delta() => Returns::Delta(shape.clone()),
        Some(shape) => {
            let shape = BodyShape {
                resource: t
                    .segments
                    .last()
                    .and_then(|s| crate::ir::template::cast_type(s))
                    .or_else(|| shape.resource.clone()),
                collection: shape.collection,
                ..BodyShape::default()
            };
            if op.success.may_be_accepted() {
                Returns::JsonOrAccepted(shape)
            } else {
                Returns::Json(shape)
            }
        }
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
    /// Always `{}`: the call takes no body argument (`BodyShape::empty`).
    Empty,
}

/// POST, PUT and PATCH take the body their examples send; another method only when the page
/// also documents the body in a request body table (the workbook's `GET .../boundingRect`).
/// A `stream` body is a file's bytes.
pub fn sends(op: &Operation, t: &PathTemplate) -> Sends {
    let takes_body =
        op.request_body.is_some() && (t.method.sends_body() || !op.body_properties.is_empty());
    match &op.request_body {
        Some(shape) if takes_body && shape.is_stream() => Sends::Bytes,
        Some(shape) if takes_body && shape.form == crate::ir::BodyForm::Empty => Sends::Empty,
        Some(_) if takes_body => Sends::Json,
        _ => Sends::Nothing,
    }
}
