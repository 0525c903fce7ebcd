//! The printers' context, `Ctx`: the plan (every decision, made before any token; `Ctx` derefs to
//! it, so printers read `ctx.calls`, `ctx.types`) with the options of this run and the previous
//! run's formatted chunks; and the Rust types of bodies as tokens (`body_type`,
//! `request_type`). Building it builds the plan, with the runtime `Client`'s methods read from
//! the template (`templates::client_methods`).

use super::ident;
use super::options::{EmitError, EmitOptions};
use super::templates::client_methods;
use crate::ir::{Api, BodyShape};
use crate::plan::{Plan, RequestType};
use proc_macro2::TokenStream;
use quote::quote;

/// What the printers share: the plan they print, and how this run prints it.
pub(crate) struct Ctx<'a> {
    pub plan: Plan<'a>,
    pub opts: &'a EmitOptions,
    /// The previous run's formatted chunks: a chunk they hold is not formatted again.
    pub formatted: &'a super::format::FormatCache,
    /// The keys of chunks by what they are made from: a chunk whose inputs the previous run
    /// had is not made again.
    pub memo: super::memo::Memo,
    /// Each model's fields and each enum's variants as their types declare them, made once on
    /// first use (`models::field_names`): a snippet names the members of a type many times over.
    pub(super) members: std::sync::OnceLock<MemberTables>,
}

/// The fields of every model (the folded name of its resource: its fields in the order of
/// `ResourceIndex::fields`, and `@odata.etag`'s) and the variants of every enum (of its first
/// table: variant and wire name), named as `models` declares them.
#[derive(Default)]
pub(super) struct MemberTables {
    pub fields: std::collections::BTreeMap<String, (Vec<String>, Option<String>)>,
    pub variants: std::collections::BTreeMap<String, Vec<(String, String)>>,
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
        let (plan, memo) = rayon::join(
            || Plan::new(api, &opts.crate_name, &opts.source_label, client_methods),
            || super::memo::Memo::new(api, opts, &super::format::formatter_id()),
        );
        Ok(Ctx {
            plan: plan?,
            opts,
            formatted,
            memo,
            members: std::sync::OnceLock::new(),
        })
    }

    pub fn lib_ident(&self) -> proc_macro2::Ident {
        ident(&self.opts.crate_name.replace('-', "_"))
    }

    /// The Rust type of an operation's request body, if it takes one.
    pub fn request_type(&self, op_index: usize, root: &TokenStream) -> Option<TokenStream> {
        Some(match self.plan.request_type(op_index)? {
            RequestType::Struct(name) => {
                let id = ident(name);
                quote!(#root::models::#id)
            }
            RequestType::Shape(shape) if shape.form == crate::ir::BodyForm::Reference => {
                quote!(#root::Reference)
            }
            RequestType::Shape(shape) => self.body_type(shape, root),
        })
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
