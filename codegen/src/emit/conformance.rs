//! Conformance tests: one per documented example. The mock server replays the documented
//! response; the test asserts the request the client sent and what it decoded.

use super::client::{takes_body, Returns};
use super::{doc, lit, naming, Ctx};
use crate::base::Code;
use crate::ir::template::{self, Part};
use crate::ir::{Example, Operation, PathTemplate};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// RFC 3986 unreserved characters stay; everything else is encoded. Written here independently of
/// the runtime's encoder so that each checks the other.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Request headers the tests do not forward: the client sets them itself (and the tests assert
/// the ones that matter), or they describe the transport rather than the call.
const NOT_FORWARDED: &[&str] = &["authorization", "content-type", "content-length", "host"];

/// The value a test passes for a placeholder that the example leaves as a placeholder. It holds
/// characters that must be percent-encoded, so every such test also checks path encoding.
pub(crate) fn sample_value(param: &str) -> String {
    format!("sample-{param}/=")
}

/// What the URL parser encodes in the literal text of a path (the WHATWG path percent-encode
/// set): the runtime sends template literals as written, so a test expects them so encoded.
const LITERAL: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

fn encode(value: &str) -> String {
    if value == "." || value == ".." {
        return value.replace('.', "%2E");
    }
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// Which test checks which example, and which examples got none and why: `conformance.json`
/// in the generated crate, read by `cargo xtask conformance` to account for every example.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub tests: Vec<ManifestEntry>,
    pub skipped: Vec<ManifestEntry>,
    /// Request-shape tests of templates that no example exercises.
    #[serde(default)]
    pub shapes: Vec<ShapeEntry>,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ShapeEntry {
    pub test: String,
    pub operation: String,
    pub page: String,
    /// Line of the template.
    pub line: u32,
    /// `METHOD /template`.
    pub request: String,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ManifestEntry {
    /// The test's path in the test binary (`cases::message_send_send_draft_message`).
    pub test: Option<String>,
    pub operation: String,
    pub example: Option<String>,
    pub page: String,
    /// Lines of the request and response blocks.
    pub request_line: u32,
    pub response_line: Option<u32>,
    /// Why an example has no test.
    pub reason: Option<String>,
    /// The diagnostic codes that, found at the example, are the cause it has no test (most
    /// specific first); none for a generator limitation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<String>,
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

pub(crate) fn tests(ctx: &Ctx) -> (TokenStream, Manifest) {
    let krate = ctx.lib_ident();
    let mut tests = TokenStream::new();
    let mut skipped: Vec<String> = Vec::new();
    let mut manifest = Manifest::default();
    let mut used = BTreeSet::new();
    let mut count = 0usize;
    let mut shapes = TokenStream::new();
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
            match test(ctx, i, op, n, ex, &mut used) {
                Ok((name, t)) => {
                    tests.extend(super::areas::operation_cfg(ctx, i));
                    tests.extend(t);
                    count += 1;
                    entry.test = Some(format!("cases::{name}"));
                    manifest.tests.push(entry);
                }
                Err(Skip { reason, causes }) => {
                    skipped.push(format!(
                        "- `{}/{}:{}` ({}): {reason}",
                        ctx.opts.source_label,
                        ex.request.location.file,
                        ex.request.location.line,
                        op.id
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
            if let Some((name, tokens)) = shape_test(ctx, i, op, ti, &mut used) {
                shapes.extend(super::areas::operation_cfg(ctx, i));
                shapes.extend(tokens);
                manifest.shapes.push(ShapeEntry {
                    test: format!("cases::{name}"),
                    operation: op.id.clone(),
                    page: op.page.clone(),
                    line: t.location.line,
                    request: format!("{} {}", t.method, t.raw),
                });
            }
        }
    }
    let mut lines = vec![
        format!("Conformance tests: {count} of the documented examples, one test each."),
        String::new(),
        "Each test replays the documented response from a mock server on 127.0.0.1 and asserts"
            .into(),
        "that the client sent the documented request and decoded the documented response.".into(),
        String::new(),
        format!(
            "Request-shape tests: {}, one per path template that no example exercises.",
            manifest.shapes.len()
        ),
    ];
    if !skipped.is_empty() {
        lines.extend([String::new(), "Examples without a test, and why:".into()]);
        lines.extend(skipped);
    }
    let header = super::literal::doc_attrs(&lines, true);
    let documented = documented_members(ctx);
    let tokens = quote! {
        #header

        use super::support;
        use #krate::Client;

        /// The properties each resource page documents, by the type's documented name (sorted):
        /// none of them may decode into `additional_properties`.
        #[allow(dead_code)]
        const DOCUMENTED: &[(&str, &[&str])] = &[#documented];

        /// A client of the mock server. No retries: every test expects exactly one request.
        fn client(server: &wiremock::MockServer) -> Client {
            Client::new(support::TOKEN)
                .with_http_client(support::http())
                .with_base_url(server.uri())
                .with_retry_policy(#krate::RetryPolicy::never())
        }

        #tests

        #shapes
    };
    (tokens, manifest)
}

/// `("user", &["id", "displayName", ...]),` for every resource, sorted by name, with the
/// properties of its base types.
fn documented_members(ctx: &Ctx) -> TokenStream {
    let mut rows: Vec<(&str, Vec<&str>)> = ctx
        .api
        .resources
        .iter()
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

fn test(
    ctx: &Ctx,
    op_index: usize,
    op: &Operation,
    n: usize,
    ex: &Example,
    used: &mut BTreeSet<String>,
) -> Result<(String, TokenStream), Skip> {
    let krate = ctx.lib_ident();
    let root = quote!(#krate);
    if let Some(host) = &ex.request.other_host {
        return Err(skip(
            format!("the example calls {host}, not the API"),
            &[Code::ExampleCallsOtherHost],
        ));
    }
    let (ti, values) = ex.request.template.as_ref().ok_or_else(|| {
        skip(
            "the example URL matches no documented path template",
            &[Code::ExampleUrlMatchesNoTemplate, Code::MissingTemplate],
        )
    })?;
    let t: &PathTemplate = op
        .templates
        .get(*ti)
        .ok_or_else(|| skip("template index out of range", &[]))?;
    if values.len() != t.params.len() {
        return Err(skip(
            "the example fills a different number of placeholders",
            &[],
        ));
    }
    let method_name = &ctx.names(op_index).methods[*ti];
    let method = naming::ident(method_name);
    let group = naming::ident(&ctx.names(op_index).group);
    let test_base = format!("{}_{method_name}", ctx.names(op_index).group);

    let args = path_arguments(t, Some(values));
    let (mut call_args, path) = (args.tokens, args.path);

    // Request body.
    let mut setup = TokenStream::new();
    let mut request_checks = TokenStream::new();
    if takes_body(op, t) && super::client::sends_bytes(op) {
        // The file content the example sends, byte for byte.
        let text = ex.request.raw_body.as_deref().ok_or_else(|| {
            skip(
                "the operation uploads file content but this example sends none",
                &[Code::RequestExampleWithoutBody],
            )
        })?;
        let text = lit(text);
        setup.extend(quote!(let documented_request: &str = #text;));
        call_args.push(quote!(documented_request.as_bytes()));
        request_checks.extend(quote!(support::assert_bytes_body(&sent, documented_request);));
    } else if takes_body(op, t) {
        let body = ex.request.body.as_ref().ok_or_else(|| {
            skip(
                "the operation takes a body but this example sends none",
                &[
                    Code::ExampleBodyInvalidJson,
                    Code::RequestExampleWithoutBody,
                ],
            )
        })?;
        let ty = ctx
            .request_type(op_index, &root)
            .ok_or_else(|| skip("no request body shape", &[]))?;
        let text = lit(&pretty(&body.value));
        setup.extend(quote! {
            let documented_request = #text;
            let body: #ty = support::decode(documented_request);
        });
        call_args.push(quote!(&body));
        request_checks.extend(quote!(support::assert_json_body(&sent, documented_request, false);));
    } else if ex.request.body.is_some() {
        return Err(skip(
            format!(
                "the example sends a body, which a documented {} does not take",
                t.method
            ),
            &[],
        ));
    } else {
        request_checks.extend(quote!(support::assert_no_body(&sent);));
    }

    // Query options and headers the example shows.
    let mut call = quote!(client.#group().#method(#(#call_args),*));
    // The pairs the template sends are arguments of the method, not options of the call.
    let by_template = |k: &str| t.query.iter().any(|q| q.name.eq_ignore_ascii_case(k));
    for (k, v) in ex.request.query.iter().filter(|(k, _)| !by_template(k)) {
        let setter = typed_query_option(&op.query_options, k, v).unwrap_or_else(|| {
            let (k, v) = (lit(k), lit(v));
            quote!(.query(#k, #v))
        });
        call = quote!(#call #setter);
    }
    // What the client must send: the example's pairs, those of the template with the values
    // the call passed (the same as the example's, or samples for its placeholders).
    // (as the template spells the name: `startdatetime` in an example is `startDateTime`).
    let query = ex.request.query.iter().map(|(k, v)| {
        let (k, v) = args
            .query
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(k))
            .map_or((k.as_str(), v.as_str()), |(name, sent)| {
                (name.as_str(), sent.as_str())
            });
        let (k, v) = (lit(k), lit(v));
        quote!((#k, #v))
    });
    for (k, v) in &ex.request.headers {
        if NOT_FORWARDED.contains(&k.to_ascii_lowercase().as_str()) {
            continue;
        }
        let (hk, hv) = (lit(k), lit(v));
        call = quote!(#call.header(#hk, #hv));
        let lower = lit(&k.to_ascii_lowercase());
        request_checks.extend(quote!(support::assert_header(&sent, #lower, #hv);));
    }

    let response = ex.response.as_ref();
    // An error example: the client must return the service error with the documented code.
    let error = response.filter(|r| r.expect_error || r.status >= 400);
    let op_redirects = op.success.is_redirect();
    let redirect = response.filter(|r| (300..400).contains(&r.status) && !r.expect_error);
    if let Some(r) = redirect.filter(|_| !op_redirects) {
        return Err(skip(
            format!(
                "the example documents a {} redirect, but the operation's success is not one",
                r.status
            ),
            &[Code::StatusMismatch],
        ));
    }
    // The documented response, replayed with the documented success status (an error example
    // with its own status).
    let status_code = match error {
        Some(r) => r.status,
        None => op.success.status.ok_or_else(|| {
            skip(
                "no success status is documented",
                &[Code::MissingSuccessStatus],
            )
        })?,
    };
    let status = proc_macro2::Literal::u16_unsuffixed(status_code);
    let resp_headers: Vec<TokenStream> = response
        .map(|r| {
            r.headers
                .iter()
                .filter(|(k, _)| {
                    let dropped = k.eq_ignore_ascii_case("content-length")
                        || k.eq_ignore_ascii_case("content-type")
                        || (redirect.is_some() && k.eq_ignore_ascii_case("location"));
                    !dropped
                })
                .map(|(k, v)| {
                    let (k, v) = (lit(k), lit(v));
                    quote!((#k, #v))
                })
                .collect()
        })
        .unwrap_or_default();
    let resp_body = response
        .and_then(|r| r.body.as_ref())
        .map(|b| pretty(&b.value));
    let truncated = response.is_some_and(|r| r.truncated);
    let (documented_response, replay_body) = match &resp_body {
        Some(b) => {
            let b = lit(b);
            (
                quote!(let documented_response = #b;),
                quote!(Some(documented_response)),
            )
        }
        None => (TokenStream::new(), quote!(None)),
    };
    let returns = super::client::returns(op, t);
    let binding = match &returns {
        _ if error.is_some() => quote!(let error),
        Returns::Redirected | Returns::Bytes => quote!(let result: ::std::vec::Vec<u8>),
        Returns::Json(shape) => {
            let ty = ctx.body_type(shape, &root);
            quote!(let result: #ty)
        }
        // A documented success with no body decodes to `()`.
        Returns::Nothing => quote!(let ()),
    };
    let error_code = error
        .and_then(|r| r.body.as_ref())
        .and_then(|b| b.value.pointer("/error/code"))
        .and_then(|c| c.as_str());
    let result_checks = match (&returns, &resp_body) {
        _ if error.is_some() => {
            let code = match error_code {
                Some(c) => {
                    let c = lit(c);
                    quote!(::std::option::Option::Some(#c))
                }
                None => quote!(::std::option::Option::None),
            };
            quote! {
                let service = error.service().unwrap_or_else(|| {
                    panic!("expected the documented service error, got {error:?}")
                });
                support::assert_service_error(service.status, service.code.as_deref(), #status, #code);
            }
        }
        (Returns::Redirected, _) => quote! {
            assert_eq!(result, support::CONTENT, "the content the redirect leads to");
        },
        (Returns::Nothing, _) => TokenStream::new(),
        // A file's bytes, exactly as the mock sent them.
        (Returns::Bytes, body) => match body {
            Some(_) => quote!(assert_eq!(result, documented_response.as_bytes());),
            None => quote!(assert!(result.is_empty(), "no bytes were documented");),
        },
        (Returns::Json(shape), Some(_)) => {
            let derived = response
                .and_then(|r| r.body.as_ref())
                .map(|b| derived_type_checks(ctx, shape, &b.value))
                .unwrap_or_default();
            // Every documented property the response holds decoded into its field.
            let typed = shape
                .resource
                .as_deref()
                .filter(|r| ctx.type_name(r).is_some() && !ctx.enums.contains(&r.to_lowercase()))
                .map(|_| quote!(support::assert_typed(#krate::Untyped::untyped(&result), DOCUMENTED);));
            quote! {
                support::assert_round_trip(&result, documented_response, #truncated);
                #typed
                #derived
            }
        }
        (Returns::Json(_), None) => {
            // No response at all, a body that is not JSON, or none shown.
            let causes: &[Code] = match response {
                None => &[Code::UnpairedRequest],
                Some(_) => &[
                    Code::ExampleBodyInvalidJson,
                    Code::ResponseExampleWithoutBody,
                ],
            };
            return Err(skip("the response example shows no body to decode", causes));
        }
    };
    // A redirect goes to the mock's own content path, which the client follows.
    let (server, sent) = if op_redirects && error.is_none() {
        (
            quote!(support::replay_redirect(#status, &[#(#resp_headers),*]).await),
            quote!(support::first_request(&server).await),
        )
    } else {
        (
            quote!(support::replay(#status, &[#(#resp_headers),*], #replay_body).await),
            quote!(support::single_request(&server).await),
        )
    };
    let outcome = if error.is_some() {
        quote!(#call.await.expect_err("the documented error is returned"))
    } else {
        quote!(support::succeeds(#call.await))
    };
    let const_ident = naming::ident(&ctx.names(op_index).info_const);
    let http_method = lit(&t.method);
    let path = lit(&path);

    let label = ex
        .name
        .clone()
        .unwrap_or_else(|| format!("example_{}", n + 1));
    let name = unique_name(&format!("{test_base}_{label}"), used);
    let test_ident = naming::ident(&name);
    let status_check = match (error, op.success.status) {
        (None, _) => quote!(assert_eq!(#krate::operations::#const_ident.success_status, #status);),
        (Some(_), Some(s)) => {
            let s = proc_macro2::Literal::u16_unsuffixed(s);
            quote!(assert_eq!(#krate::operations::#const_ident.success_status, #s);)
        }
        (Some(_), None) => TokenStream::new(),
    };
    let mut doc_lines = vec![format!(
        "Example at `{}/{}:{}`, replayed as `{status_code}`.",
        ctx.opts.source_label, ex.request.location.file, ex.request.location.line
    )];
    if let Some(p) = &ex.request.key_syntax_path {
        doc_lines.push(format!(
            "The example writes the OData key syntax; the client sends the equivalent `{p}`."
        ));
    }
    let docs = doc(&doc_lines);
    Ok((
        name,
        quote! {
            #docs
            #[tokio::test]
            async fn #test_ident() {
                #status_check
                #documented_response
                let server = #server;
                let client = client(&server);
                #setup
                #binding = #outcome;
                let sent = #sent;
                support::assert_method(&sent, #http_method);
                support::assert_path(&sent, #path);
                support::assert_query(&sent, &[#(#query),*]);
                support::assert_bearer(&sent);
                #request_checks
                #result_checks
            }
        },
    ))
}

/// What a call passes for a template's placeholders and what it must send for them.
struct Arguments {
    /// The method's arguments, in order (path placeholders, then the query's).
    tokens: Vec<TokenStream>,
    /// The percent-encoded path.
    path: String,
    /// The query pairs the template sends, values filled in (not encoded).
    query: Vec<(String, String)>,
}

/// The arguments of a call (the example's values, or samples for placeholders), the
/// percent-encoded path and the template's query pairs the client must send for them.
fn path_arguments(t: &PathTemplate, values: Option<&[String]>) -> Arguments {
    let mut tokens = Vec::new();
    let mut plain = Vec::new();
    for (i, param) in t.params.iter().enumerate() {
        let v = match values.and_then(|v| v.get(i)) {
            Some(value) if !template::is_placeholder(value) => {
                percent_decode_str(value).decode_utf8_lossy().into_owned()
            }
            _ => sample_value(&param.name),
        };
        tokens.push(lit(&v));
        plain.push(v);
    }
    // Values of the path's placeholders come first; the query's follow.
    let mut path = String::new();
    let mut next = plain.iter();
    for seg in &t.segments {
        path.push('/');
        for part in seg {
            match part {
                Part::Literal(l) => path.push_str(&utf8_percent_encode(l, LITERAL).to_string()),
                Part::Param(_) => {
                    path.push_str(&next.next().map(|v| encode(v)).unwrap_or_default())
                }
            }
        }
    }
    if path.is_empty() {
        path.push('/');
    }
    let query = t
        .query
        .iter()
        .map(|q| {
            let value: String = q
                .value
                .iter()
                .map(|part| match part {
                    Part::Literal(l) => l.clone(),
                    Part::Param(_) => next.next().cloned().unwrap_or_default(),
                })
                .collect();
            (q.name.clone(), value)
        })
        .collect();
    Arguments {
        tokens,
        path,
        query,
    }
}

/// A request-shape test for a template no example exercises: the client builds the documented
/// method and path from sample values (which need percent-encoding) and decodes a minimal
/// success response.
fn shape_test(
    ctx: &Ctx,
    op_index: usize,
    op: &Operation,
    ti: usize,
    used: &mut BTreeSet<String>,
) -> Option<(String, TokenStream)> {
    let krate = ctx.lib_ident();
    let root = quote!(#krate);
    let t = op.templates.get(ti)?;
    let method_name = &ctx.names(op_index).methods[ti];
    let method = naming::ident(method_name);
    let group = naming::ident(&ctx.names(op_index).group);
    let args = path_arguments(t, None);
    let (mut call_args, path) = (args.tokens, args.path);
    // The query pairs the template sends, with the sample values.
    let expected_query: Vec<TokenStream> = args
        .query
        .iter()
        .map(|(k, v)| {
            let (k, v) = (lit(k), lit(v));
            quote!((#k, #v))
        })
        .collect();
    let query_check = (!expected_query.is_empty())
        .then(|| quote!(support::assert_query(&sent, &[#(#expected_query),*]);));
    let mut setup = TokenStream::new();
    if takes_body(op, t) && super::client::sends_bytes(op) {
        call_args.push(quote!(b"sample file content".as_slice()));
    } else if takes_body(op, t) {
        let shape = op.request_body.as_ref()?;
        let ty = ctx.request_type(op_index, &root)?;
        let sample = if shape.collection {
            "{\"value\": []}".to_string()
        } else {
            super::models::sample_body(ctx, op)
        };
        let sample = lit(&sample);
        setup.extend(quote!(let body: #ty = support::decode(#sample);));
        call_args.push(quote!(&body));
    }
    let status_code = op.success.status.unwrap_or(200);
    let status = proc_macro2::Literal::u16_unsuffixed(status_code);
    let replay_body = match super::client::returns(op, t) {
        Returns::Json(shape) if shape.collection => quote!(Some("{\"value\": []}")),
        Returns::Json(_) => quote!(Some("{}")),
        Returns::Redirected | Returns::Bytes | Returns::Nothing => quote!(None),
    };
    let (server, sent) = if op.success.is_redirect() {
        (
            quote!(support::replay_redirect(#status, &[]).await),
            quote!(support::first_request(&server).await),
        )
    } else {
        (
            quote!(support::replay(#status, &[], #replay_body).await),
            quote!(support::single_request(&server).await),
        )
    };
    let name = unique_name(
        &format!("shape_{}_{method_name}", ctx.names(op_index).group),
        used,
    );
    let test_ident = naming::ident(&name);
    let http_method = lit(&t.method);
    let path = lit(&path);
    let docs = doc(&[format!(
        "Request shape of `{} {}` (`{}/{}:{}`), which no example exercises.",
        t.method, t.raw, ctx.opts.source_label, op.page, t.location.line
    )]);
    Some((
        name,
        quote! {
            #docs
            #[tokio::test]
            async fn #test_ident() {
                let server = #server;
                let client = client(&server);
                #setup
                client.#group().#method(#(#call_args),*).await.expect("the call succeeds");
                let sent = #sent;
                support::assert_method(&sent, #http_method);
                support::assert_path(&sent, #path);
                #query_check
                support::assert_bearer(&sent);
            }
        },
    ))
}

fn unique_name(base: &str, used: &mut BTreeSet<String>) -> String {
    naming::unique(&naming::snake(base), "_", used)
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// For a response of a polymorphic base: each documented item decoded as the derived type its
/// `@odata.type` names (or as the base, for a type the docs do not list).
fn derived_type_checks(
    ctx: &Ctx,
    shape: &crate::ir::BodyShape,
    body: &serde_json::Value,
) -> TokenStream {
    let Some(resource) = shape.resource.as_deref() else {
        return TokenStream::new();
    };
    let Some(derived) = ctx.index.derived_types(resource) else {
        return TokenStream::new();
    };
    let base = ctx.index.get(resource).map(|r| r.name.clone());
    let expected = |item: &serde_json::Value| -> Option<String> {
        let name = crate::ir::names::resource_name(item.get("@odata.type")?.as_str()?);
        derived
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(&name))
            .map(|d| d.name.clone())
            .or_else(|| base.clone())
    };
    let mut out = TokenStream::new();
    if shape.collection {
        let items = body.get("value").and_then(|v| v.as_array());
        for (i, item) in items.into_iter().flatten().enumerate() {
            if let Some(name) = expected(item) {
                let name = lit(&name);
                out.extend(quote!(assert_eq!(result.value[#i].documented_type(), #name);));
            }
        }
    } else if let Some(name) = expected(body) {
        let name = lit(&name);
        out.extend(quote!(assert_eq!(result.documented_type(), #name);));
    }
    out
}

/// The typed builder that sets `name=value` when the page documents the option (`$top=2` ->
/// `.top(2)`), so the test checks the builders; `None` leaves it to `.query()`.
fn typed_query_option(documented: &[String], name: &str, value: &str) -> Option<TokenStream> {
    let option = name.strip_prefix('$')?.to_ascii_lowercase();
    if !documented.contains(&option) {
        return None;
    }
    let list = || {
        let items = top_level_items(value).into_iter().map(|i| lit(&i));
        quote!([#(#items),*])
    };
    Some(match option.as_str() {
        "select" => {
            let l = list();
            quote!(.select(#l))
        }
        "expand" => {
            let l = list();
            quote!(.expand(#l))
        }
        "orderby" => {
            let l = list();
            quote!(.order_by(#l))
        }
        "filter" => {
            let v = lit(value);
            quote!(.filter(#v))
        }
        "search" => {
            let v = lit(value);
            quote!(.search(#v))
        }
        "top" | "skip" => {
            let n = proc_macro2::Literal::u32_unsuffixed(value.parse::<u32>().ok()?);
            let m = quote::format_ident!("{}", option);
            quote!(.#m(#n))
        }
        "count" => match value {
            "true" => quote!(.count(true)),
            "false" => quote!(.count(false)),
            _ => return None,
        },
        _ => return None,
    })
}

/// The comma-separated items of a list option, commas inside parentheses or quotes kept
/// (`members($select=id,displayName),owners` -> two items).
fn top_level_items(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut quoted = false;
    let mut current = String::new();
    for c in value.chars() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            ',' if depth == 0 && !quoted => {
                items.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current);
    items
}

#[cfg(test)]
mod tests {
    #[test]
    fn documented_query_options_use_their_builders() {
        let documented: Vec<String> = ["select", "expand", "top", "count"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let set = |k: &str, v: &str| {
            super::typed_query_option(&documented, k, v).map(|t| t.to_string().replace(' ', ""))
        };
        assert_eq!(
            set("$select", "subject,isRead").as_deref(),
            Some(".select([\"subject\",\"isRead\"])")
        );
        assert_eq!(set("$top", "5").as_deref(), Some(".top(5)"));
        assert_eq!(set("$count", "true").as_deref(), Some(".count(true)"));
        // Not documented, or not a value the builder takes: left to `.query()`.
        assert_eq!(set("$filter", "a eq 1"), None);
        assert_eq!(set("$top", "five"), None);
        assert_eq!(set("$count", "yes"), None);
        assert_eq!(
            super::top_level_items("members($select=id,displayName),owners"),
            vec!["members($select=id,displayName)", "owners"]
        );
        assert_eq!(super::top_level_items("'a,b',c"), vec!["'a,b'", "c"]);
    }
}
