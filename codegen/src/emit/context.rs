//! The printers' context: the plan (every decision, made before any token) with the options of
//! this run and the previous run's formatted chunks; and the Rust types of bodies as tokens.

use super::{ident, EmitError, EmitOptions, RUNTIME};
use crate::ir::{Api, BodyShape};
use crate::plan::Plan;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// What the printers share: the plan they print, and how this run prints it.
pub(crate) struct Ctx<'a> {
    pub plan: Plan<'a>,
    pub opts: &'a EmitOptions,
    /// The previous run's formatted chunks: a chunk they hold is not formatted again.
    pub formatted: &'a super::format::FormatCache,
}

/// The printers read the plan's decisions as their own: `ctx.calls`, `ctx.types`.
impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = Plan<'a>;

    fn deref(&self) -> &Plan<'a> {
        &self.plan
    }
}

impl<'a> Ctx<'a> {
    pub(super) fn new(
        api: &'a Api,
        opts: &'a EmitOptions,
        formatted: &'a super::format::FormatCache,
    ) -> Result<Self, EmitError> {
        let plan = Plan::new(api, &opts.crate_name, &opts.source_label, client_methods)?;
        Ok(Ctx {
            plan,
            opts,
            formatted,
        })
    }

    pub fn lib_ident(&self) -> proc_macro2::Ident {
        ident(&self.opts.crate_name.replace('-', "_"))
    }

    /// The Rust type of an operation's request body, if it takes one.
    pub fn request_type(&self, op_index: usize, root: &TokenStream) -> Option<TokenStream> {
        if let Some(name) = self.ops.get(op_index).and_then(|n| n.body.as_ref()) {
            let id = ident(name);
            return Some(quote!(#root::models::#id));
        }
        let shape = self.api.operations.get(op_index)?.request_body.as_ref()?;
        Some(self.body_type(shape, root))
    }

    /// The Rust type of a request or response body, rooted at `root` (`crate` or the crate name).
    pub fn body_type(&self, shape: &BodyShape, root: &TokenStream) -> TokenStream {
        if shape.is_stream() {
            return quote!(::std::vec::Vec<u8>);
        }
        let item = self.item_type(shape, root);
        if shape.collection {
            quote!(#root::Page<#item>)
        } else {
            item
        }
    }

    /// The Rust type of a delta query's response: a page of `Delta`s of its items.
    pub fn delta_type(&self, shape: &BodyShape, root: &TokenStream) -> TokenStream {
        let item = self.item_type(shape, root);
        quote!(#root::Page<#root::Delta<#item>>)
    }

    /// The type of the resource a body holds (one, or each of a collection).
    fn item_type(&self, shape: &BodyShape, root: &TokenStream) -> TokenStream {
        match shape.resource.as_deref().and_then(|r| self.type_name(r)) {
            Some(name) => {
                let id = ident(name);
                quote!(#root::models::#id)
            }
            None => quote!(::serde_json::Value),
        }
    }
}

/// The methods of the runtime's `Client` (every inherent `impl Client` block of the runtime
/// templates), which a first step must not shadow: read from the runtime itself, so a method
/// added there renames a clashing step instead of breaking the generated crate.
pub(super) fn client_methods() -> Result<BTreeSet<String>, EmitError> {
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
