//! Conformance tests: one per documented example, and a request-shape test per template that no
//! example exercises. The mock server replays the documented response; the test asserts the
//! request the client sent and what it decoded. `plan::cases` decides each test and accounts for
//! every example in the manifest; `tokens` prints a test, this file an area's `cases.rs`.
//!
//! Each area is a test target of its own (`conformance-<area>`, `required-features` its area,
//! root `tests/conformance/<area>/main.rs`; `cargo test --test 'conformance-*'`), so no rustc
//! builds every test of a large API and the targets build in parallel; each includes
//! `tests/conformance/support.rs` (the `support.rs` template: the mock-server helpers, such as
//! `assert_request`). An area's `cases.rs` starts with a header listing the examples that got no
//! test and why, and a table of the documented properties of every type the area reaches (with
//! its base types'): a type missing from it fails the test that decodes it.

mod tokens;

use super::format::{chunk, memo_chunks, Chunk};
use super::{lit, Ctx};
use crate::ir::names::fold;
use crate::plan::cases::{Cases, Manifest};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

pub(crate) fn tests(ctx: &Ctx) -> (Vec<AreaTests>, Manifest) {
    let Cases {
        tests,
        uploads,
        shapes,
        skipped,
        manifest,
    } = crate::plan::cases::plan(ctx);
    let area = |i: &usize| ctx.areas.operations.get(*i).map(String::as_str);
    let areas: BTreeSet<&str> = tests
        .iter()
        .map(|(i, _)| i)
        .chain(uploads.iter().map(|(i, _)| i))
        .chain(shapes.iter().map(|(i, _)| i))
        .filter_map(area)
        .collect();
    let files = areas
        .into_iter()
        .map(|a| {
            let of = |i: &usize| area(i) == Some(a);
            let tests: Vec<_> = tests.iter().filter(|(i, _)| of(i)).collect();
            let uploads: Vec<_> = uploads.iter().filter(|(i, _)| of(i)).collect();
            let shapes: Vec<_> = shapes.iter().filter(|(i, _)| of(i)).collect();
            let skipped: Vec<&str> = skipped
                .iter()
                .filter(|(i, _)| of(i))
                .map(|(_, line)| line.as_str())
                .collect();
            let head = head(ctx, a, tests.len() + uploads.len(), shapes.len(), &skipped);
            // One chunk per test (see `format`): an edit reformats only the tests it reaches.
            // The target is built only with its area's feature: the tests need no `cfg`.
            // Each test keyed by its plan (its `Debug` text: plain data) and its operation
            // whole (`memo`).
            let memo = &ctx.memo;
            // A test's call may fill another page's template (two pages of one request): that
            // operation is an input too.
            let key = |kind: &str, ops: [usize; 2], planned: &dyn std::fmt::Debug| {
                let ops = ops.map(|i| memo.operation(i));
                memo.key(kind, &(format!("{planned:?}"), ops))
            };
            let mut chunks = vec![head];
            chunks.extend(memo_chunks(
                ctx.formatted,
                memo.audit,
                &tests,
                |(i, planned)| key("example", [*i, planned.call.op_index], planned),
                |(_, planned)| tokens::example_test(ctx, planned),
            ));
            chunks.extend(memo_chunks(
                ctx.formatted,
                memo.audit,
                &uploads,
                |(i, planned)| key("upload", [*i, *i], planned),
                |(_, planned)| tokens::upload_test(ctx, planned),
            ));
            chunks.extend(memo_chunks(
                ctx.formatted,
                memo.audit,
                &shapes,
                |(i, planned)| key("shape", [*i, planned.call.op_index], planned),
                |(_, planned)| tokens::shape_test(ctx, planned),
            ));
            AreaTests {
                area: a.to_string(),
                chunks,
            }
        })
        .collect();
    (files, manifest)
}

/// The head of an area's `cases.rs`: its docs (the counts, and the examples without a test and
/// why), imports, the table of documented properties and the mock server's client.
fn head(ctx: &Ctx, a: &str, examples: usize, shapes: usize, skipped: &[&str]) -> Chunk {
    let krate = ctx.lib_ident();
    let mut lines = vec![
        format!(
            "Conformance tests of the `{a}` area: {} of the documented examples, one test each.",
            examples
        ),
        String::new(),
        "Each test replays the documented response from a mock server on 127.0.0.1 and".into(),
        "asserts that the client sent the documented request and decoded the documented".into(),
        "response.".into(),
        String::new(),
        format!(
            "Request-shape tests: {}, one per path template that no example exercises.",
            shapes
        ),
    ];
    if !skipped.is_empty() {
        lines.extend([String::new(), "Examples without a test, and why:".into()]);
        lines.extend(skipped.iter().map(|l| l.to_string()));
    }
    let header = super::literal::doc_attrs(&lines, true);
    let documented = documented_members(ctx, a);
    chunk(
        ctx.formatted,
        quote! {
            #header
            // A documented call may send a member an earlier release had and the docs no longer
            // list (deprecated, `floor`).
            #![allow(deprecated)]

            use super::support;
            use #krate::Client;
            // The calls of the area on the steps areas share.
            #[allow(unused_imports)]
            use #krate::prelude::*;

            /// The properties each resource page documents, by the type's documented name
            /// (sorted; the types of this area): none of them may decode into
            /// `additional_properties`.
            #[allow(dead_code)]
            const DOCUMENTED: &[(&str, &[&str])] = &[#documented];

            /// A client of the mock server. No retries: every test expects exactly one request.
            fn client(server: &wiremock::MockServer) -> Client {
                Client::new(support::TOKEN)
                    .with_http_client(support::http())
                    .with_base_url(server.uri())
                    .with_retry_policy(#krate::RetryPolicy::never())
            }
        },
    )
}

/// The conformance tests of one area: a test target of its own (`conformance-<area>`), so that
/// no rustc builds every test of a large API, and the targets build in parallel.
pub(crate) struct AreaTests {
    /// The area (its feature), which the target requires.
    pub(crate) area: String,
    /// The chunks of its `cases.rs`.
    pub(crate) chunks: Vec<Chunk>,
}

/// `("user", &["id", "displayName", ...]),` for every resource that `area` reaches, sorted by
/// name, with the properties of its base types.
fn documented_members(ctx: &Ctx, area: &str) -> TokenStream {
    let mut rows: Vec<(&str, Vec<&str>)> = ctx
        .api
        .resources
        .iter()
        .filter(|r| {
            ctx.areas
                .types
                .get(&fold(&r.name))
                .is_some_and(|areas| areas.contains(area))
        })
        .map(|r| {
            let names = ctx
                .index
                .fields(r)
                .into_iter()
                // A field holding a shipped type may leave a value it cannot hold as sent.
                .filter(|p| !ctx.held(r, p))
                .map(|p| p.name.as_str())
                .collect();
            (r.name.as_str(), names)
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(b.0));
    rows.dedup_by(|a, b| a.0 == b.0);
    let rows = rows.iter().map(|(ty, names)| {
        let ty = lit(ty);
        let names = names.iter().map(|n| lit(n));
        quote!((#ty, &[#(#names),*]),)
    });
    quote!(#(#rows)*)
}
