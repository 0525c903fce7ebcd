//! One struct per documented resource: every documented property optional, unknown members kept.

use super::{doc, lit, naming, Ctx};
use crate::ir::{EnumType, Resource, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

pub(crate) fn models(ctx: &Ctx) -> TokenStream {
    let mut items = TokenStream::new();
    for r in &ctx.api.resources {
        items.extend(model(ctx, r));
    }
    let mut seen = BTreeSet::new();
    for e in &ctx.api.enums {
        if seen.insert(e.name.to_lowercase()) {
            items.extend(enumeration(ctx, e));
        }
    }
    quote! {
        //! Resource types, one per documented resource page, and enums, one per enum table.
        #items
    }
}

fn model(ctx: &Ctx, r: &Resource) -> TokenStream {
    let Some(name) = ctx.type_name(&r.name) else {
        return TokenStream::new();
    };
    let ident = naming::ident(name);
    let mut lines = vec![r.title.clone()];
    if let Some(d) = &r.description {
        lines.push(String::new());
        lines.push(d.clone());
    }
    lines.push(String::new());
    lines.push(format!(
        "Documented in `{}/{}` line {}.",
        ctx.opts.source_label, r.page, r.location.line
    ));
    let docs = doc(&lines);
    let cfg = super::areas::type_cfg(ctx, &r.name);
    let mut used = BTreeSet::from(["additional_properties".to_string()]);
    let mut fields = TokenStream::new();
    for p in ctx.index.all_properties(r, false) {
        let fname = naming::unique(&naming::snake(&p.name), "_", &mut used);
        let fident = naming::ident(&fname);
        let json_name = lit(&p.name);
        let ty = rust_type(ctx, &p.ty, r);
        let fdoc = if p.description.is_empty() {
            TokenStream::new()
        } else {
            doc(std::slice::from_ref(&p.description))
        };
        fields.extend(quote! {
            #fdoc
            #[serde(rename = #json_name, default, skip_serializing_if = "::std::option::Option::is_none")]
            pub #fident: ::std::option::Option<#ty>,
        });
    }
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #ident {
            #fields
            /// Members the docs do not list (`@odata.type`, newer properties): kept so that a
            /// decode and encode round trip loses nothing.
            #[serde(flatten)]
            pub additional_properties: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        }
    }
}

/// An enum table as a Rust enum with an arm for members the docs do not list.
fn enumeration(ctx: &Ctx, e: &EnumType) -> TokenStream {
    let key = e.name.to_lowercase();
    if !ctx.enums.contains(&key) {
        return TokenStream::new();
    }
    let Some(name) = ctx.type_name(&e.name) else {
        return TokenStream::new();
    };
    let ident = naming::ident(name);
    let docs = doc(&[
        format!("The `{}` enum.", e.name),
        String::new(),
        format!(
            "Documented in `{}/{}` line {}.",
            ctx.opts.source_label, e.page, e.location.line
        ),
    ]);
    let mut used = BTreeSet::from(["Unrecognized".to_string()]);
    let mut wires = BTreeSet::new();
    let mut variants = Vec::new();
    let mut wire_pairs = Vec::new();
    for m in &e.members {
        if m.name.is_empty() || !wires.insert(m.name.clone()) {
            continue;
        }
        let vname = naming::unique(&naming::camel(&m.name), "", &mut used);
        let v = naming::ident(&vname);
        let wire = lit(&m.name);
        let vdoc = if m.description.is_empty() {
            TokenStream::new()
        } else {
            doc(std::slice::from_ref(&m.description))
        };
        variants.push(quote!(#vdoc #v));
        wire_pairs.push(quote!(#v = #wire));
    }
    let cfg = super::areas::type_cfg(ctx, &e.name);
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #ident {
            #(#variants,)*
            /// A value the docs do not list (a newer member), kept as sent.
            Unrecognized(::std::string::String),
        }
        #cfg
        crate::runtime::string_enum!(#ident { #(#wire_pairs),* });
    }
}

fn rust_type(ctx: &Ctx, ty: &TypeRef, owner: &Resource) -> TokenStream {
    match ty {
        TypeRef::Collection(inner) => {
            let inner = rust_type(ctx, inner, owner);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Primitive(p) => primitive(p),
        TypeRef::Named(n) => match ctx.type_name(n) {
            Some(t) if ctx.enums.contains(&n.to_lowercase()) => {
                let id = naming::ident(t);
                quote!(#id)
            }
            Some(t) => {
                let id = naming::ident(t);
                if reaches(ctx, n, &owner.name, &mut BTreeSet::new()) {
                    quote!(::std::boxed::Box<#id>)
                } else {
                    quote!(#id)
                }
            }
            None => quote!(::serde_json::Value),
        },
    }
}

/// Whether a value of type `from` can hold a `target` without a collection in between, which
/// would make the struct infinitely large unless boxed.
fn reaches(ctx: &Ctx, from: &str, target: &str, seen: &mut BTreeSet<String>) -> bool {
    if from.eq_ignore_ascii_case(target) {
        return true;
    }
    if !seen.insert(from.to_lowercase()) {
        return false;
    }
    let Some(r) = ctx.index.get(from) else {
        return false;
    };
    ctx.index
        .all_properties(r, false)
        .iter()
        .any(|p| match &p.ty {
            TypeRef::Named(n) => reaches(ctx, n, target, seen),
            _ => false,
        })
}

/// Edm primitives. The ones JSON carries as strings (dates, times, durations, GUIDs, binary) are
/// the runtime's `edm` types: the wire text, parsed on demand.
fn primitive(name: &str) -> TokenStream {
    match name {
        "DateTimeOffset" => quote!(crate::runtime::edm::DateTimeOffset),
        "Date" => quote!(crate::runtime::edm::Date),
        "TimeOfDay" => quote!(crate::runtime::edm::TimeOfDay),
        "Duration" => quote!(crate::runtime::edm::Duration),
        "Guid" => quote!(crate::runtime::edm::Guid),
        "Binary" => quote!(crate::runtime::edm::Binary),
        "Boolean" => quote!(bool),
        "Byte" => quote!(u8),
        "SByte" => quote!(i8),
        "Int16" => quote!(i16),
        "Int32" => quote!(i32),
        "Int64" => quote!(i64),
        "Single" => quote!(f32),
        "Double" | "Decimal" => quote!(f64),
        "Json" => quote!(::serde_json::Value),
        _ => quote!(::std::string::String),
    }
}
