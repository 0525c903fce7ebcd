//! Conformance tests: one per documented example, and a request-shape test per template that no
//! example exercises. The mock server replays the documented response; the test asserts the
//! request the client sent and what it decoded. `plan` decides each test, `tokens` prints it;
//! this file accounts for every example in the manifest.

mod plan;
mod tokens;

use super::format::{chunk, Chunk};
use super::{lit, Ctx};
use crate::base::{BlockId, Code};
use crate::ir::names::fold;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// Which test checks which example, and which examples got none and why: `conformance.json`
/// in the generated crate, read by `cargo xtask conformance` to account for every example.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    /// The examples that got a test.
    pub tests: Vec<ManifestEntry>,
    /// The examples that got none, with the reason.
    pub skipped: Vec<ManifestEntry>,
    /// Request-shape tests of templates that no example exercises.
    #[serde(default)]
    pub shapes: Vec<ShapeEntry>,
}

/// A request-shape test of a template that no example exercises.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ShapeEntry {
    /// The test's path in the test binary.
    pub test: String,
    /// The id of the operation.
    pub operation: String,
    /// The page of the operation.
    pub page: String,
    /// Line of the template.
    pub line: u32,
    /// `METHOD /template`.
    pub request: String,
}

/// One documented example and the test that checks it, if any.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ManifestEntry {
    /// The test's path in the test binary (`cases::message_send_send_draft_message`).
    pub test: Option<String>,
    /// The id of the operation the example calls.
    pub operation: String,
    /// The example's name in its annotation.
    pub example: Option<String>,
    /// The page the example is written on.
    pub page: String,
    /// Lines of the request and response blocks.
    pub request_line: u32,
    /// Line of the response block, when the request has one.
    pub response_line: Option<u32>,
    /// Why an example has no test.
    pub reason: Option<String>,
    /// The diagnostic codes that, found at the example, are the cause it has no test (most
    /// specific first); none for a generator limitation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<String>,
}

impl ManifestEntry {
    /// The example's blocks: its request's and, when it has one, its response's.
    pub fn blocks(&self) -> Vec<BlockId> {
        let block = |line| BlockId {
            page: self.page.clone(),
            line,
        };
        std::iter::once(self.request_line)
            .chain(self.response_line)
            .map(block)
            .collect()
    }
}

/// Why an example gets no test, and which findings of the docs would be the cause.
#[derive(Debug)]
pub(crate) struct Skip {
    reason: String,
    causes: Vec<Code>,
}

/// A skip that only these findings (at the example, or for a page-level code, on its page)
/// explain; with none, the generator does not handle the example yet.
fn skip(reason: impl Into<String>, causes: &[Code]) -> Skip {
    Skip {
        reason: reason.into(),
        causes: causes.to_vec(),
    }
}

pub(crate) fn tests(ctx: &Ctx) -> (Vec<AreaTests>, Manifest) {
    let krate = ctx.lib_ident();
    let mut tests = Vec::new();
    let mut skipped: Vec<(usize, String)> = Vec::new();
    let mut manifest = Manifest::default();
    let mut used = BTreeSet::new();
    let mut shapes = Vec::new();
    let mut uploads = Vec::new();
    for (i, op) in ctx.api.operations.iter().enumerate() {
        // A further response documented for the same request is a test of its own.
        let examples = op.examples.iter().enumerate().flat_map(|(n, ex)| {
            std::iter::once((n, std::borrow::Cow::Borrowed(ex))).chain(
                ex.more_responses.iter().map(move |r| {
                    let mut further = ex.clone();
                    further.response = Some(r.clone());
                    further.more_responses.clear();
                    (n, std::borrow::Cow::Owned(further))
                }),
            )
        });
        for (n, ex) in examples {
            let ex = ex.as_ref();
            let mut entry = ManifestEntry {
                test: None,
                operation: op.id.clone(),
                example: ex.name.clone(),
                // The page the example is written on (an example may show another page's call).
                page: ex.request.location.file.clone(),
                request_line: ex.request.location.line,
                response_line: ex.response.as_ref().map(|r| r.location.line),
                reason: None,
                causes: Vec::new(),
            };
            if let Some(planned) = plan::upload_test(op, n, ex, &mut used) {
                entry.test = Some(format!("cases::{}", planned.name));
                uploads.push((i, planned));
                manifest.tests.push(entry);
                continue;
            }
            match plan::example_test(ctx, i, op, n, ex, &mut used) {
                Ok(planned) => {
                    entry.test = Some(format!("cases::{}", planned.call.name));
                    tests.push((i, planned));
                    manifest.tests.push(entry);
                }
                Err(Skip { reason, causes }) => {
                    skipped.push((
                        i,
                        format!(
                            "- `{}/{}:{}` ({}): {reason}",
                            ctx.opts.source_label,
                            ex.request.location.file,
                            ex.request.location.line,
                            op.id
                        ),
                    ));
                    entry.reason = Some(reason);
                    entry.causes = causes.iter().map(|c| c.as_str().to_string()).collect();
                    manifest.skipped.push(entry);
                }
            }
        }
        for (ti, t) in op.templates.iter().enumerate() {
            let exercised = op.examples.iter().any(|e| {
                e.request.other_host.is_none()
                    && e.request.template.as_ref().is_some_and(|(x, _)| *x == ti)
            });
            if exercised {
                continue;
            }
            if let Some(planned) = plan::shape_test(ctx, i, op, ti, &mut used) {
                manifest.shapes.push(ShapeEntry {
                    test: format!("cases::{}", planned.call.name),
                    operation: op.id.clone(),
                    page: op.page.clone(),
                    line: t.location.line,
                    request: format!("{} {}", t.method, t.raw),
                });
                shapes.push((i, planned));
            }
        }
    }
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
            let mut lines = vec![
                format!(
                    "Conformance tests of the `{a}` area: {} of the documented examples, one test each.",
                    tests.len() + uploads.len()
                ),
                String::new(),
                "Each test replays the documented response from a mock server on 127.0.0.1 and"
                    .into(),
                "asserts that the client sent the documented request and decoded the documented"
                    .into(),
                "response.".into(),
                String::new(),
                format!(
                    "Request-shape tests: {}, one per path template that no example exercises.",
                    shapes.len()
                ),
            ];
            if !skipped.is_empty() {
                lines.extend([String::new(), "Examples without a test, and why:".into()]);
                lines.extend(skipped.iter().map(|l| l.to_string()));
            }
            let header = super::literal::doc_attrs(&lines, true);
            let documented = documented_members(ctx, a);
            let head = chunk(
                ctx.formatted,
                quote! {
                    #header

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
            );
            // One chunk per test (see `format`): an edit reformats only the tests it reaches.
            // The target is built only with its area's feature: the tests need no `cfg`.
            let mut chunks = vec![head];
            chunks.extend(super::format::chunks(ctx.formatted, &tests, |(_, planned)| {
                tokens::example_test(ctx, planned)
            }));
            chunks.extend(super::format::chunks(ctx.formatted, &uploads, |(_, planned)| {
                tokens::upload_test(ctx, planned)
            }));
            chunks.extend(super::format::chunks(ctx.formatted, &shapes, |(_, planned)| {
                tokens::shape_test(ctx, planned)
            }));
            AreaTests {
                area: a.to_string(),
                chunks,
            }
        })
        .collect();
    (files, manifest)
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
