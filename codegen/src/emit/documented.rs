//! `src/test_util/examples.rs` of the generated crate (feature `test-util`): every documented
//! example response of every operation, as data (a static per operation, named as its info
//! constant), so that users can replay them against their own code (`templates/test_util.rs`
//! reads it).

use super::format::{chunk, memo_chunks, Chunk};
use super::{lit, Ctx};
use crate::ir::{Example, ExampleResponse, Operation};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The chunks of `examples.rs`: its doc, a static of each operation's responses (named as its
/// info constant), and the table of them all.
pub(crate) fn examples(ctx: &Ctx) -> Vec<Chunk> {
    let ops: Vec<(usize, &Operation)> = ctx.api.operations.iter().enumerate().collect();
    let mut out = vec![chunk(
        ctx.formatted,
        quote! {
            //! Every documented example response, by operation (see [`super::DocumentedResponse`]).
        },
    )];
    let memo = &ctx.memo;
    out.extend(memo_chunks(
        ctx.formatted,
        memo.audit,
        &ops,
        |(i, _)| memo.key("documented", &(i, memo.operation(*i))),
        |(i, op)| {
            let name = crate::emit::ident(&ctx.names(*i).info_const);
            let source = lit(&ctx.source(op));
            let rows: Vec<TokenStream> = op
                .examples
                .iter()
                .flat_map(|ex| {
                    ex.response
                        .iter()
                        .chain(ex.more_responses.iter())
                        .map(move |r| (ex, r))
                })
                .map(|(ex, r)| row(ctx, &source, ex, r))
                .collect();
            quote! {
                static #name: &[super::DocumentedResponse] = &[#(#rows)*];
            }
        },
    ));
    let names = (0..ops.len()).map(|i| crate::emit::ident(&ctx.names(i).info_const));
    out.push(chunk(
        ctx.formatted,
        quote! {
            /// The documented responses of every operation, in the order of the operations.
            pub static DOCUMENTED: &[&[super::DocumentedResponse]] = &[#(#names),*];
        },
    ));
    out
}

fn row(ctx: &Ctx, source: &TokenStream, ex: &Example, r: &ExampleResponse) -> TokenStream {
    let name = lit(ex.name.as_deref().unwrap_or_default());
    let at = lit(&ctx.cite(&r.location.file, r.location.line));
    let status = Literal::u16_unsuffixed(r.status);
    let headers = r.headers.iter().map(|(k, v)| {
        let (k, v) = (lit(k), lit(v));
        quote!((#k, #v))
    });
    let body = match &r.body {
        Some(b) => {
            let text = lit(&serde_json::to_string_pretty(&b.value).unwrap_or_default());
            quote!(Some(#text))
        }
        None => quote!(None),
    };
    quote! {
        super::DocumentedResponse {
            operation: #source,
            example: #name,
            source: #at,
            status: #status,
            headers: &[#(#headers),*],
            body: #body,
        },
    }
}
