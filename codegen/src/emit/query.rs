//! The `query` module of the generated crate: a marker type per combination of documented OData
//! query options, implementing the runtime's trait of each option, so that a call offers the
//! typed builders (`.select()`, `.top()`) of exactly the options its page documents.

use super::{doc, naming, Ctx};
use crate::ir::QUERY_OPTIONS;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The runtime trait of an option (`orderby` -> `OrderBy`).
fn trait_name(option: &str) -> String {
    match option {
        "orderby" => "OrderBy".to_string(),
        other => naming::camel(other),
    }
}

/// `["select", "top"]` -> `SelectTopOptions`; `None` when the page documents no option.
pub(crate) fn marker(options: &[String]) -> Option<String> {
    if options.is_empty() {
        return None;
    }
    let name: String = options.iter().map(|o| trait_name(o)).collect();
    Some(format!("{name}Options"))
}

pub(crate) fn module(ctx: &Ctx) -> TokenStream {
    let combos: BTreeSet<&Vec<String>> = ctx
        .api
        .operations
        .iter()
        .filter(|op| !op.query_options.is_empty())
        .map(|op| &op.query_options)
        .collect();
    let mut items = TokenStream::new();
    for options in combos {
        let Some(name) = marker(options) else {
            continue;
        };
        let ident = naming::ident(&name);
        let listed: Vec<String> = options.iter().map(|o| format!("`${o}`")).collect();
        let docs = doc(&[format!(
            "The query options of operations whose page documents {}.",
            listed.join(", ")
        )]);
        let traits = options.iter().map(|o| naming::ident(&trait_name(o)));
        items.extend(quote! {
            #docs
            #[derive(Debug, Clone, Copy, Default)]
            pub struct #ident;
            #(impl #traits for #ident {})*
        });
    }
    let all = QUERY_OPTIONS.iter().map(|o| naming::ident(&trait_name(o)));
    quote! {
        //! Which OData query options each operation documents. A call's third type parameter is one
        //! of these markers; it implements a trait per documented option, and each trait enables
        //! that option's builder on [`crate::Call`].
        pub use crate::runtime::query::{NoOptions, #(#all),*};
        #items
    }
}
