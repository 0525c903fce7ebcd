//! The `query` module of the generated crate: a marker type per combination of documented OData
//! query options and typed headers, implementing the runtime's trait of each, so that a call
//! offers the typed builders (`.select()`, `.top()`, `.if_match()`) of exactly what its page
//! documents.

use super::{doc, Ctx};
use crate::ir::{Operation, QueryOption, TypedHeader};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

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

/// The runtime trait of a typed header.
fn header_trait(header: TypedHeader) -> &'static str {
    match header {
        TypedHeader::ConsistencyLevel => "ConsistencyLevel",
        TypedHeader::IfMatch => "IfMatch",
        TypedHeader::IfNoneMatch => "IfNoneMatch",
        TypedHeader::Prefer => "Prefer",
        TypedHeader::WorkbookSessionId => "WorkbookSessionId",
    }
}

/// The argument of a required typed header in a call (`If-Match` -> `if_match`).
pub(crate) fn header_arg(header: TypedHeader) -> &'static str {
    match header {
        TypedHeader::ConsistencyLevel => "consistency_level",
        TypedHeader::IfMatch => "if_match",
        TypedHeader::IfNoneMatch => "if_none_match",
        TypedHeader::Prefer => "prefer",
        TypedHeader::WorkbookSessionId => "workbook_session_id",
    }
}

/// What a call's marker type says its page documents: query options and typed headers.
pub(crate) struct Documented {
    options: Vec<QueryOption>,
    headers: Vec<TypedHeader>,
}

impl Documented {
    pub(crate) fn of(op: &Operation) -> Documented {
        Documented {
            options: op.query_options.clone(),
            headers: op.typed_headers(),
        }
    }

    fn traits(&self) -> Vec<&'static str> {
        let options = self.options.iter().map(|o| trait_name(*o));
        options
            .chain(self.headers.iter().map(|h| header_trait(*h)))
            .collect()
    }
}

/// `["select", "top"]` -> `SelectTopOptions`, `If-Match` -> `IfMatchOptions`; `None` when the
/// page documents no option and no typed header.
pub(crate) fn marker(documented: &Documented) -> Option<String> {
    let traits = documented.traits();
    if traits.is_empty() {
        return None;
    }
    Some(format!("{}Options", traits.concat()))
}

pub(crate) fn module(ctx: &Ctx) -> TokenStream {
    // Sorted by the traits' names, so that the markers keep their order as the options grow.
    let combos: BTreeMap<Vec<&str>, Documented> = ctx
        .api
        .operations
        .iter()
        .map(Documented::of)
        .map(|d| (d.traits(), d))
        .filter(|(traits, _)| !traits.is_empty())
        .collect();
    let mut items = TokenStream::new();
    for (_, documented) in combos {
        let Some(name) = marker(&documented) else {
            continue;
        };
        let ident = crate::emit::ident(&name);
        let listed: Vec<String> = documented
            .options
            .iter()
            .map(|o| format!("`${o}`"))
            .chain(
                documented
                    .headers
                    .iter()
                    .map(|h| format!("the `{}` header", h.name())),
            )
            .collect();
        let what = if documented.headers.is_empty() {
            "query options"
        } else {
            "query options and headers"
        };
        let docs = doc(&[format!(
            "The {what} of operations whose page documents {}.",
            listed.join(", ")
        )]);
        let traits = documented.traits().into_iter().map(crate::emit::ident);
        items.extend(quote! {
            #docs
            #[derive(Debug, Clone, Copy, Default)]
            pub struct #ident;
            #(#[diagnostic::do_not_recommend] impl #traits for #ident {})*
        });
    }
    let all = QueryOption::ALL
        .map(|o| crate::emit::ident(trait_name(o)))
        .into_iter()
        .chain(TypedHeader::ALL.map(|h| crate::emit::ident(header_trait(h))));
    quote! {
        //! Which OData query options and typed headers each operation documents. A call's third
        //! type parameter is one of these markers; it implements a trait per documented option or
        //! header, and each trait enables that builder on [`crate::Call`].
        pub use crate::runtime::query::{NoOptions, #(#all),*};
        #items
    }
}
