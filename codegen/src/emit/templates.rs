//! The hand-written files copied byte for byte into every generated crate (`codegen/templates/`),
//! and what the emitter reads of them (`client_methods`: the runtime `Client`'s methods, read
//! with syn, which a first step must not shadow). `SUPPORT` is the conformance tests'
//! mock-server helpers (also `src/test_util/support.rs`); `TEST_UTIL` the `test-util` feature
//! (`documented(&OPERATION)`, `DocumentedResponse::replay`).
//!
//! The runtime, `RUNTIME`, is copied into `src/runtime/` of the core crate. What the area crates'
//! generated code calls (`Step` and its methods, `Client::call`, `Call::path_param`/`json_body`/
//! `bytes_body`, the decoders) is `pub` and `#[doc(hidden)]`; the models' macros (`object!`,
//! `polymorphic!`, `string_enum!`) are `#[macro_export]`ed (hidden) and named `crate::object!`.
//! The templates are kept as `cargo fmt` formats them: the core's `runtime` module cannot be
//! `#[rustfmt::skip]` (on an out-of-line module that makes rustc treat the macros exported in it
//! as macro-expanded, which may not be named by path in their own crate). Users who regenerate
//! get every runtime fix with no version to bump, and the crate depends only on crates.io. It is
//! compiled, linted and tested (`src/runtime/tests.rs`) as part of `generated/` here.
//! - `mod.rs`: `Client` (base URL, token provider, retry policy, default timeout, user agent),
//!   `Call` (query, headers, per-call timeout, `IntoFuture`), `Request` and `RawResponse` (a call
//!   as a value: `call.request()` builds what it sends, `call.decode(&response)` decodes what it
//!   did not receive; `send` is these two around `Client::execute`), the one send loop
//!   (`execute`: the token only to the base URL's origin, retries, the 401 refresh), `Error`,
//!   `ServiceError`, path and query encoding (`encode_segment`: all but RFC 3986 unreserved, `.`
//!   and `..` too; empty parameters rejected).
//! - `retry.rs`: `decide(policy, attempt) -> Decision`, a pure function (status, `Retry-After` as
//!   seconds or HTTP date, attempt, elapsed, replayable, jitter). Only `429`, `503` and `504` are
//!   retried, never a transport error: a `POST` that reached the service may have taken effect.
//! - `auth.rs`: `TokenProvider` (async), `StaticToken`, `RefreshingToken` (a caller's closure,
//!   cached until a `401`, then fetched once more); `AccessToken` never shows in `Debug`.
//! - `lro.rs`: `Accepted` (a `202`'s `Location` or `Operation-Location` and `Retry-After`),
//!   `Outcome` (a success, or a `202` beside it, as `createSession` answers), and
//!   `Client::wait_for` with its `PollPolicy`: polls the location (relative to the base URL, or
//!   a whole URL) until the report's `status` ends (`succeeded`/`completed`; `failed` is
//!   `Error::OperationFailed`), `Error::StillRunning` past the limit.
//! - `cloud.rs`: `Cloud`, the national clouds' hosts (global, US Government L4 and L5, China) or a
//!   custom one; `Client::with_cloud`.
//! - `batch.rs`: `Client::batch()`: calls added as values (`Call::request`), items relative to
//!   the base URL with JSON bodies, `dependsOn` by item id; sent in requests of at most 20, a
//!   call with every call it depends on in the same one (groups joined by dependency, packed in
//!   order); `BatchResponses::get(&item)` decodes with the call's own decoder; items answered
//!   429/503/504 are sent again on their own (with the items whose `424` came from them) after the longest
//!   `Retry-After`, as `retry::decide` allows per round.
//! - `upload.rs`: `Client::upload(upload_url)`: `PUT` ranges (`Content-Range`, multiples of
//!   320 KiB) to a pre-authenticated session URL with `Token::Never` (the token never goes to it),
//!   following `nextExpectedRanges`; `send_range` sends one range and returns
//!   `UploadProgress::{Expecting, Done}`; `send` ends with an error when the session asks for the
//!   same byte more than three times in a row; `status()`, `resume_from()`, `cancel()`.
//! - `download.rs`: `Call<Vec<u8>>::stream()`, the body as a `ByteStream` of chunks
//!   (`reqwest::Response::chunk`, no whole-file buffer), through the same send loop
//!   (`Client::respond`) and redirects.
//! - `paging.rs`: `Page<T>` (`value`, `next_link`, `delta_link`, `count`), `Call::pages()`/
//!   `items()`: streams with an inherent `next()` (no `StreamExt` import, no pinning; one
//!   allocation per stream); `Client::page_from_link` refuses links to another origin; the first
//!   page's headers and timeout are sent on every next page. `delta.rs`: `Delta<T>` (`@removed`
//!   as `removed`, the resource flattened beside it, `Deref` to it).
//! - `query.rs`: the traits of the typed query options (`Select`, `Top`, ...) and headers
//!   (`ConsistencyLevel`, `IfMatch`, `IfNoneMatch`, `Prefer`, `WorkbookSessionId`: the
//!   `ir::TypedHeader` set) and their builders on `Call`. A builder is on every call and requires
//!   its trait of the call's marker type, so misuse is the trait's `on_unimplemented` message
//!   ("the page of this operation does not document `$filter`", with the `.query()` way out), and
//!   no trait method (`StreamExt::filter`) can shadow it.
//! - `object.rs`: `object!`, the `Serialize`/`Deserialize` (and `Untyped`) of a generated struct:
//!   members in field order, an absent `Nullable` left out, other members kept in
//!   `additional_properties`, a member's decode error prefixed with its name. Not serde's derive:
//!   with a `flatten` field it expands to a buffering visitor per struct, most of a large crate's
//!   build (~0.45 GB and ~8 s of the English library's rustc); here a struct is one call per
//!   field into shared generic functions, `Deserialize::deserialize` hands a non-generic `build`
//!   function to `decode`, and the JSON goes through a `Map` once, as the derive buffered it.
//! - `nullable.rs`: `Nullable<T>` (`Absent`, `Null`, `Value(T)`): an update sends `null` to clear
//!   a property, and a response keeps `null` apart from a member left out (`Option` cannot do
//!   both); readers as on `Option` (`value()`, `as_deref()`, iteration), `From<T>`, `From<&str>`.
//! - `polymorphism.rs`: `polymorphic!`, serde of an enum of derived types by `@odata.type`
//!   (case-insensitive, namespace optional), `odata_type()`, `documented_type()`, `From`.
//!   `members.rs`: `Untyped`, the members a value kept in
//!   `additional_properties` with the type it decoded as (the conformance tests assert none is
//!   documented). `enums.rs`, `edm.rs`: `string_enum!` and the `edm` wire-text types.
//! - `tests.rs`: against wiremock and a raw TCP peer: retries (paused clock, HTTP-date
//!   `Retry-After`, exhausted), 401 refresh, paging and delta, error and truncated bodies, a
//!   dropped connection, a timeout, encoding and header injection, requests as values, redirects
//!   and poll locations on another host reached without the token, long-running operations,
//!   national clouds.

use super::options::EmitError;
use std::collections::BTreeSet;

/// The hand-written runtime, copied into every generated crate (see ARCHITECTURE.md):
/// (path in the generated crate, contents).
pub const RUNTIME: &[(&str, &str)] = &[
    (
        "src/runtime/auth.rs",
        include_str!("../../templates/runtime/auth.rs"),
    ),
    (
        "src/runtime/batch.rs",
        include_str!("../../templates/runtime/batch.rs"),
    ),
    (
        "src/runtime/cloud.rs",
        include_str!("../../templates/runtime/cloud.rs"),
    ),
    (
        "src/runtime/delta.rs",
        include_str!("../../templates/runtime/delta.rs"),
    ),
    (
        "src/runtime/download.rs",
        include_str!("../../templates/runtime/download.rs"),
    ),
    (
        "src/runtime/edm.rs",
        include_str!("../../templates/runtime/edm.rs"),
    ),
    (
        "src/runtime/enums.rs",
        include_str!("../../templates/runtime/enums.rs"),
    ),
    (
        "src/runtime/lro.rs",
        include_str!("../../templates/runtime/lro.rs"),
    ),
    (
        "src/runtime/members.rs",
        include_str!("../../templates/runtime/members.rs"),
    ),
    (
        "src/runtime/mod.rs",
        include_str!("../../templates/runtime/mod.rs"),
    ),
    (
        "src/runtime/nullable.rs",
        include_str!("../../templates/runtime/nullable.rs"),
    ),
    (
        "src/runtime/object.rs",
        include_str!("../../templates/runtime/object.rs"),
    ),
    (
        "src/runtime/paging.rs",
        include_str!("../../templates/runtime/paging.rs"),
    ),
    (
        "src/runtime/polymorphism.rs",
        include_str!("../../templates/runtime/polymorphism.rs"),
    ),
    (
        "src/runtime/query.rs",
        include_str!("../../templates/runtime/query.rs"),
    ),
    (
        "src/runtime/retry.rs",
        include_str!("../../templates/runtime/retry.rs"),
    ),
    (
        "src/runtime/tests.rs",
        include_str!("../../templates/runtime/tests.rs"),
    ),
    (
        "src/runtime/upload.rs",
        include_str!("../../templates/runtime/upload.rs"),
    ),
];
/// Helpers of the generated conformance tests, also the crate's `test_util` (feature
/// `test-util`).
pub const SUPPORT: &str = include_str!("../../templates/support.rs");
/// The crate's `test_util` module: the documented responses, and `SUPPORT`.
pub const TEST_UTIL: &str = include_str!("../../templates/test_util.rs");

/// The methods of the runtime's `Client` (every inherent `impl Client` block of the runtime
/// templates), which a first step must not shadow: read from the runtime itself, so a method
/// added there renames a clashing step instead of breaking the generated crate.
pub(crate) fn client_methods() -> Result<BTreeSet<String>, EmitError> {
    let mut out = BTreeSet::new();
    for (path, text) in RUNTIME {
        let file = syn::parse_file(text).map_err(|e| EmitError::InvalidTokens {
            file: path.to_string(),
            message: e.to_string(),
        })?;
        for item in file.items {
            let syn::Item::Impl(imp) = item else { continue };
            let is_client = matches!(&*imp.self_ty, syn::Type::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "Client"));
            if imp.trait_.is_some() || !is_client {
                continue;
            }
            for it in imp.items {
                if let syn::ImplItem::Fn(f) = it {
                    out.insert(f.sig.ident.to_string());
                }
            }
        }
    }
    Ok(out)
}

/// The runtime's public names: what the core re-exports at its root and the facade from the
/// core (with the core's `edm` and `query` modules).
const RUNTIME_EXPORTS: &[&str] = &[
    "encode_path",
    "encode_segment",
    "retry",
    "Accepted",
    "AccessToken",
    "AuthError",
    "Batch",
    "BatchItem",
    "BatchResponses",
    "BoxFuture",
    "ByteStream",
    "Call",
    "Client",
    "Cloud",
    "Delta",
    "Error",
    "Items",
    "Nullable",
    "OperationInfo",
    "Outcome",
    "Page",
    "Pages",
    "Permission",
    "PollPolicy",
    "RawResponse",
    "Reference",
    "RefreshingToken",
    "Removed",
    "Request",
    "RetryPolicy",
    "ServiceError",
    "StaticToken",
    "TokenProvider",
    "Untyped",
    "Upload",
    "UploadProgress",
    "DEFAULT_BASE_URL",
    "MAX_BATCH",
    "UPLOAD_UNIT",
];

/// `pub use {path}::{...};` of the runtime's public names and `more`, as rustfmt writes it:
/// modules and functions, then types, then constants, each group sorted; filled to 99 columns.
pub(crate) fn runtime_exports(path: &str, more: &[&str]) -> String {
    let mut names: Vec<&str> = RUNTIME_EXPORTS.iter().chain(more).copied().collect();
    let group = |n: &str| match n.chars().next() {
        Some(c) if c.is_ascii_lowercase() => 0,
        _ if n.chars().any(|c| c.is_ascii_lowercase()) => 1,
        _ => 2,
    };
    names.sort_by(|a, b| (group(a), a).cmp(&(group(b), b)));
    let mut out = format!("pub use {path}::{{\n");
    let mut line = String::from("   ");
    for n in names {
        if line.len() + n.len() + 2 > 99 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("   ");
        }
        line.push(' ');
        line.push_str(n);
        line.push(',');
    }
    out.push_str(&line);
    out.push_str("\n};");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_methods_are_read_from_the_runtime() {
        let methods = client_methods().unwrap();
        for m in ["new", "with_base_url", "base_url", "call", "page_from_link"] {
            assert!(methods.contains(m), "{m} missing from {methods:?}");
        }
        // Trait impls (`Debug for Client`) and other types' methods are not the client's.
        assert!(!methods.contains("fmt") && !methods.contains("send"));
    }
}
