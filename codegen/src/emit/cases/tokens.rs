//! The tokens of the conformance tests, printed from their plans. Every decision is in
//! `plan::cases`; doc text and documented values reach the code only through `lit` and `doc`.

use crate::emit::{doc, lit, Ctx};
use crate::ir::{BodyShape, TypedHeader};
use crate::plan::cases::{
    ExampleTest, Expect, HeaderSetter, Replay, ShapeTest, UploadExpect, UploadTest,
};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `let documented_response = "..";` and the body the mock replays (`Some(documented_response)`),
/// or nothing and `None` when no body is documented.
fn documented_response(body: Option<&str>) -> (TokenStream, TokenStream) {
    match body {
        Some(b) => {
            let b = lit(b);
            (
                quote!(let documented_response: &str = #b;),
                quote!(Some(documented_response)),
            )
        }
        None => (TokenStream::new(), quote!(None)),
    }
}

fn pairs(pairs: &[(String, String)]) -> Vec<TokenStream> {
    pairs
        .iter()
        .map(|(k, v)| {
            let (k, v) = (lit(k), lit(v));
            quote!((#k, #v))
        })
        .collect()
}

fn server(
    redirect: bool,
    status: &Literal,
    headers: &[TokenStream],
    replay: TokenStream,
) -> [TokenStream; 2] {
    // A redirect goes to another mock's content path, which the client follows without the token.
    if redirect {
        [
            quote!(support::replay_redirect(#status, &[#(#headers),*]).await),
            quote!(support::first_request(&server).await),
        ]
    } else {
        [
            quote!(support::replay(#status, &[#(#headers),*], #replay).await),
            quote!(support::single_request(&server).await),
        ]
    }
}

pub(super) fn example_test(ctx: &Ctx, t: &ExampleTest) -> TokenStream {
    let krate = ctx.lib_ident();
    // The call is the example's snippet (`snippet`): what a user writes is what the test sends.
    let snippet = crate::emit::snippet::snippet(ctx, t);
    let call = &snippet.call;
    let uses = snippet.uses.tokens(&krate, false);
    let (documented, setup) = (&snippet.documented, &snippet.setup);
    let mut request_checks = snippet.check;
    request_checks.extend(header_checks(&t.headers));
    let query = pairs(&t.expected_query);
    let status = Literal::u16_unsuffixed(t.status);
    let (documented_response, replay_body) = documented_response(t.response_body.as_deref());
    let [server, sent] = server(
        t.redirect,
        &status,
        &pairs(&t.response_headers),
        replay_body,
    );
    let (binding, result_checks) = expectation(ctx, &t.expect, &status);
    let outcome = if matches!(t.expect, Expect::Error { .. }) {
        quote!(#call.await.expect_err("the documented error is returned"))
    } else {
        quote!(support::succeeds(#call.await))
    };
    let const_ident = crate::emit::ident(t.info_const);
    let status_check = t.success_status.map(|s| {
        let s = Literal::u16_unsuffixed(s);
        quote!(assert_eq!(#krate::operations::#const_ident.success_status, #s);)
    });
    let http_method = lit(t.call.http_method);
    let path = lit(&t.call.path);
    let test_ident = crate::emit::ident(&t.call.name);
    let docs = doc(&t.call.docs);
    quote! {
        #docs
        #[tokio::test]
        async fn #test_ident() {
            #uses
            #status_check
            #documented_response
            let server = #server;
            let client = client(&server);
            #documented
            #setup
            #binding = #outcome;
            let sent = #sent;
            support::assert_request(&sent, #http_method, #path, Some(&[#(#query),*]));
            #request_checks
            #result_checks
        }
    }
}

/// The checks that the client sent each header the example's call sets.
fn header_checks(headers: &[HeaderSetter]) -> TokenStream {
    let mut checks = TokenStream::new();
    for h in headers {
        let lower = lit(&h.name.to_ascii_lowercase());
        let expected = match h.typed {
            // The setter sends the one value the docs give it.
            Some(TypedHeader::ConsistencyLevel) => lit("eventual"),
            _ => lit(&h.value),
        };
        checks.extend(quote!(support::assert_header(&sent, #lower, #expected);));
    }
    checks
}

/// How a test binds what the call returned, and what it asserts of it.
fn expectation(ctx: &Ctx, expect: &Expect, status: &Literal) -> (TokenStream, TokenStream) {
    let krate = ctx.lib_ident();
    let root = quote!(#krate);
    match expect {
        Expect::Error { code } => {
            let code = match code {
                Some(c) => {
                    let c = lit(c);
                    quote!(::std::option::Option::Some(#c))
                }
                None => quote!(::std::option::Option::None),
            };
            (
                quote!(let error),
                quote! {
                    let service = error.service().unwrap_or_else(|| {
                        panic!("expected the documented service error, got {error:?}")
                    });
                    support::assert_service_error(service.status, service.code.as_deref(), #status, #code);
                },
            )
        }
        Expect::Redirected => (
            quote!(let result: ::std::vec::Vec<u8>),
            quote! {
                assert_eq!(result, support::CONTENT, "the content the redirect leads to");
                support::assert_followed_without_token(&server).await;
            },
        ),
        // A documented success with no body decodes to `()`.
        Expect::Nothing => (quote!(let ()), TokenStream::new()),
        // A long-running operation: where to follow it, as the documented header says.
        Expect::Accepted { location, outcome } => {
            let check = match location {
                Some(l) => {
                    let l = lit(l);
                    quote!(assert_eq!(result.location.as_deref(), Some(#l), "the documented location");)
                }
                None => quote!(assert_eq!(result.location, None, "no location was replayed");),
            };
            if *outcome {
                (
                    quote!(let result),
                    quote! {
                        let #root::Outcome::Accepted(result) = result else {
                            panic!("expected the documented 202 Accepted, got {result:?}")
                        };
                        #check
                    },
                )
            } else {
                (quote!(let result: #root::Accepted), check)
            }
        }
        Expect::Bytes { documented } => (
            quote!(let result: ::std::vec::Vec<u8>),
            if *documented {
                quote!(assert_eq!(result, documented_response.as_bytes());)
            } else {
                quote!(assert!(result.is_empty(), "no bytes were documented");)
            },
        ),
        Expect::Json {
            shape,
            delta,
            outcome,
            truncated,
            typed,
            derived,
        } => {
            let (binding, checks) =
                json_expectation(ctx, shape, *delta, *truncated, *typed, derived);
            if *outcome {
                (
                    quote!(let result),
                    quote! {
                        let #root::Outcome::Done(result) = result else {
                            panic!("expected the documented response, got {result:?}")
                        };
                        #binding = result;
                        #checks
                    },
                )
            } else {
                (binding, checks)
            }
        }
    }
}

/// What a test asserts of a JSON response: a round trip that keeps every documented member, no
/// documented property untyped, each item's derived type, and a delta's removed items.
fn json_expectation(
    ctx: &Ctx,
    shape: &BodyShape,
    delta: bool,
    truncated: bool,
    typed: bool,
    derived: &[(Option<usize>, String)],
) -> (TokenStream, TokenStream) {
    let krate = ctx.lib_ident();
    let root = quote!(#krate);
    let ty = if delta {
        ctx.delta_type(shape, &root)
    } else {
        ctx.body_type(shape, &root)
    };
    let typed = typed
        .then(|| quote!(support::assert_typed(#krate::Untyped::untyped(&result), DOCUMENTED);));
    let derived = derived.iter().map(|(i, name)| {
        let name = lit(name);
        match i {
            Some(i) => quote!(assert_eq!(result.value[#i].documented_type(), #name);),
            None => quote!(assert_eq!(result.documented_type(), #name);),
        }
    });
    // Each documented `@removed` is the item's `removed`, not an unknown member.
    let removed = delta.then(|| {
        quote! {
            let removed: ::std::vec::Vec<bool> =
                result.value.iter().map(|item| item.is_removed()).collect();
            support::assert_removed(&removed, documented_response);
        }
    });
    (
        quote!(let result: #ty),
        quote! {
            support::assert_round_trip(&result, documented_response, #truncated);
            #typed
            #removed
            #(#derived)*
        },
    )
}

pub(super) fn shape_test(ctx: &Ctx, t: &ShapeTest) -> TokenStream {
    let body = crate::emit::snippet::body(ctx, &t.call, &mut Default::default());
    let setup = body.setup;
    let call = crate::emit::snippet::chain(&t.call, &body.args);
    let expected_query = pairs(&t.expected_query);
    let query = if expected_query.is_empty() {
        quote!(None)
    } else {
        quote!(Some(&[#(#expected_query),*]))
    };
    let status = Literal::u16_unsuffixed(t.status);
    let replay = match t.replay {
        Replay::EmptyPage => quote!(Some("{\"value\": []}")),
        Replay::Object => quote!(Some("{}")),
        Replay::Empty => quote!(None),
    };
    let [server, sent] = server(t.redirect, &status, &[], replay);
    let followed = t
        .redirect
        .then(|| quote!(support::assert_followed_without_token(&server).await;));
    let test_ident = crate::emit::ident(&t.call.name);
    let http_method = lit(t.call.http_method);
    let path = lit(&t.call.path);
    let docs = doc(&t.call.docs);
    quote! {
        #docs
        #[tokio::test]
        async fn #test_ident() {
            let server = #server;
            let client = client(&server);
            #setup
            #call.await.expect("the call succeeds");
            let sent = #sent;
            support::assert_request(&sent, #http_method, #path, #query);
            #followed
        }
    }
}

pub(super) fn upload_test(ctx: &Ctx, t: &UploadTest) -> TokenStream {
    let krate = ctx.lib_ident();
    let status = Literal::u16_unsuffixed(t.status);
    let headers = pairs(&t.response_headers);
    let (documented, replay) = documented_response(t.response_body.as_deref());
    let (offset, end, total) = (
        Literal::u64_unsuffixed(t.offset),
        Literal::u64_unsuffixed(t.end),
        Literal::u64_unsuffixed(t.total),
    );
    let range = lit(&format!("bytes {}-{}/{}", t.offset, t.end, t.total));
    let call = crate::emit::snippet::upload_call(t);
    let path = lit(&t.path);
    let check = match &t.expect {
        UploadExpect::Expecting(ranges) => {
            let ranges = ranges.iter().map(|r| lit(r));
            quote! {
                let expected: ::std::vec::Vec<::std::string::String> =
                    ::std::vec![#(#ranges.to_string()),*];
                assert_eq!(progress, #krate::UploadProgress::Expecting(expected), "the ranges the session expects");
            }
        }
        UploadExpect::Done { truncated } => quote! {
            let #krate::UploadProgress::Done(item) = progress else {
                panic!("the documented answer completes the upload: {progress:?}")
            };
            support::assert_round_trip(&item, documented_response, #truncated);
        },
    };
    let test_ident = crate::emit::ident(&t.name);
    let docs = doc(&t.docs);
    quote! {
        #docs
        #[tokio::test]
        async fn #test_ident() {
            #documented
            // The API's host gets nothing; the upload URL's host replays the documented answer.
            let api = wiremock::MockServer::start().await;
            let host = support::replay(#status, &[#(#headers),*], #replay).await;
            let client = client(&api);
            let file: ::std::vec::Vec<u8> = (0..#total).map(|i: u64| (i % 251) as u8).collect();
            // The documented URL's path and query, on the mock host; the call is the snippet's.
            let url = &format!("{}{}", host.uri(), #path);
            let progress = support::succeeds(#call.await);
            let range = &file[#offset..=#end];
            let sent = support::single_request(&host).await;
            support::assert_method(&sent, "PUT");
            let expected = ::reqwest::Url::parse(url).expect("the upload URL");
            assert_eq!((sent.url.path(), sent.url.query()), (expected.path(), expected.query()), "the upload URL");
            support::assert_header(&sent, "content-range", #range);
            assert!(sent.body == range, "the range's bytes");
            assert!(!sent.headers.contains_key("authorization"), "the token went to the upload URL");
            assert!(api.received_requests().await.unwrap_or_default().is_empty(), "the API got a request");
            #check
        }
    }
}
