//! The `query` module of the generated crate: a marker type per combination of documented OData
//! query options, implementing the runtime's trait of each option, so that a call offers the
//! typed builders (`.select()`, `.top()`) of exactly the options its page documents.

use super::{doc, naming, Ctx};
use crate::ir::QueryOption;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The runtime trait of an option (`orderby` -> `OrderBy`).
fn trait_name(option: QueryOption) -> &'static str {
    match option {
        QueryOption::Select => "Select",
        QueryOption::Expand => "Expand",
        QueryOption::Filter => "Filter",
        QueryOption::OrderBy => "OrderBy",
        QueryOption::Top => "Top",
        QueryOption::Skip => "Skip",
        QueryOption::Search => "Search",
        QueryOption::Count => "Count",
    }
}

/// `["select", "top"]` -> `SelectTopOptions`; `None` when the page documents no option.
pub(crate) fn marker(options: &[QueryOption]) -> Option<String> {
    if options.is_empty() {
        return None;
    }
    let name: String = options.iter().map(|o| trait_name(*o)).collect();
    Some(format!("{name}Options"))
}

pub(crate) fn module(ctx: &Ctx) -> TokenStream {
    // Sorted by the options' names, so that the markers keep their order as the options grow.
    let combos: BTreeSet<(Vec<&str>, &Vec<QueryOption>)> = ctx
        .api
        .operations
        .iter()
        .filter(|op| !op.query_options.is_empty())
        .map(|op| {
            (
                op.query_options.iter().map(|o| o.name()).collect(),
                &op.query_options,
            )
        })
        .collect();
    let mut items = TokenStream::new();
    for (_, options) in combos {
        let Some(name) = marker(options) else {
            continue;
        };
        let ident = naming::ident(&name);
        let listed: Vec<String> = options.iter().map(|o| format!("`${o}`")).collect();
        let docs = doc(&[format!(
            "The query options of operations whose page documents {}.",
            listed.join(", ")
        )]);
        let traits = options.iter().map(|o| naming::ident(trait_name(*o)));
        items.extend(quote! {
            #docs
            #[derive(Debug, Clone, Copy, Default)]
            pub struct #ident;
            #(#[diagnostic::do_not_recommend] impl #traits for #ident {})*
        });
    }
    let all = QueryOption::ALL.map(|o| naming::ident(trait_name(o)));
    quote! {
        //! Which OData query options each operation documents. A call's third type parameter is one
        //! of these markers; it implements a trait per documented option, and each trait enables
        //! that option's builder on [`crate::Call`].
        pub use crate::runtime::query::{NoOptions, #(#all),*};
        #items
    }
}
