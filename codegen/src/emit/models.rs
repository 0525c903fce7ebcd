//! Each crate's `models.rs`: one struct per documented resource: every documented property and
//! relationship (navigation property, which a response carries when `$expand`ed and a body may
//! send) optional (`Nullable`) with its JSON name, base-type ones included, unknown members kept
//! in `additional_properties` so a decode/encode round trip loses nothing (serde through the
//! runtime's `object!`, not the derive); types that contain themselves are boxed (not in a `Vec`,
//! which holds its items on the heap).
//! - One enum per enum table, with an `Unrecognized(String)` arm, so a member the service adds
//!   later never breaks decoding (`string_enum!`).
//! - The primitives JSON carries as strings are the runtime's `edm` types, which keep the wire
//!   text, so a round trip is exact, and parse on demand with chrono, uuid and base64; `Json` is
//!   `serde_json::Value`.
//! - An abstract base whose derived types the docs list (`attachment`) is an enum of boxed arms
//!   chosen by `@odata.type` (`polymorphic!`), with an `Other` arm of the base's own struct
//!   (`AttachmentBase`) for a type the docs do not list, except the universal root `entity`
//!   (over 32 concrete descendants), whose values stay a struct.
//! - A request body that a request body table documents is a struct of its rows, `Required` ones
//!   not optional and then no `Default` but a `new(required...)`; its `cfg` is the areas of every
//!   call that sends it.

use super::format::{chunk, memo_chunk, Chunk};
use super::{doc, lit, prose, Ctx};
use crate::ir::names::{fold, NameKey};
use crate::ir::Primitive;
use crate::ir::{EnumMember, EnumType, Operation, Parameter, Property, Resource, Shipped, TypeRef};
use crate::plan::crates::Home;
use crate::plan::naming::Members;
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// The chunks of each crate's `models.rs` (see `format`), in the order of the crates: the
/// module's doc (an area's also imports the core's types), then one per type of the crate.
pub(crate) fn models(ctx: &Ctx) -> Vec<(Home, Chunk)> {
    let mut out: Vec<(Home, Chunk)> = ctx
        .crates
        .homes()
        .into_iter()
        .map(|home| {
            let tokens = match &home {
                Home::Core => quote! {
                    //! Resource types, one per documented resource page; enums, one per enum
                    //! table; and the request bodies that operations' request body tables
                    //! document: those that two or more areas use.
                },
                Home::Area(area) => {
                    let core = crate::emit::ident(&crate::plan::crates::rust_name(&ctx.crates.core));
                    let docs = super::literal::doc_attrs(
                        &[format!(
                            "The resource types, enums and request bodies that only the `{area}` area uses."
                        )],
                        true,
                    );
                    quote! {
                        #docs
                        // The types areas share, named as this crate's own.
                        #[allow(unused_imports)]
                        pub(crate) use #core::models::*;
                    }
                }
            };
            let c = chunk(ctx.formatted, tokens);
            (home, c)
        })
        .collect();
    let type_home = |name: &str| Home::of(&ctx.areas.of_type(name));
    // Each chunk keyed by what it prints beside the skeleton (`memo`): a model its resource
    // and its bases (their fields are its own), an enum every table of its name, a body its
    // operation.
    let memo = &ctx.memo;
    out.extend(
        ctx.api
            .resources
            .par_iter()
            .map(|r| {
                let input = memo.key("model", &ctx.index.chain(r));
                let c = memo_chunk(ctx.formatted, input, memo.audit, || model(ctx, r));
                (type_home(&r.name), c)
            })
            .collect::<Vec<_>>(),
    );
    let mut seen = BTreeSet::new();
    let enums: Vec<&EnumType> = ctx
        .api
        .enums
        .iter()
        .filter(|e| seen.insert(fold(&e.name)))
        .collect();
    out.extend(
        enums
            .par_iter()
            .map(|e| {
                let key = fold(&e.name);
                let tables: Vec<&EnumType> = ctx
                    .api
                    .enums
                    .iter()
                    .filter(|x| fold(&x.name) == key)
                    .collect();
                let input = memo.key("enum", &tables);
                let c = memo_chunk(ctx.formatted, input, memo.audit, || enumeration(ctx, e));
                (type_home(&e.name), c)
            })
            .collect::<Vec<_>>(),
    );
    let bodies: Vec<(usize, &Operation, &String)> = ctx
        .api
        .operations
        .iter()
        .enumerate()
        .filter_map(|(i, op)| Some((i, op, ctx.ops.get(i)?.body.as_ref()?)))
        .collect();
    out.extend(
        bodies
            .par_iter()
            .map(|(i, op, name)| {
                let home = Home::of(&ctx.areas.of_call(*i));
                let input = memo.key("body", &(i, memo.operation(*i)));
                let c = memo_chunk(ctx.formatted, input, memo.audit, || body(ctx, *i, op, name));
                (home, c)
            })
            .collect::<Vec<_>>(),
    );
    out
}

/// `Documented in `docs/resources/message.md` line 10.`: where a type comes from.
fn documented_at(ctx: &Ctx, page: &str, line: u32) -> String {
    format!("Documented in `{}` line {line}.", ctx.cite_page(page))
}

/// A doc line of a field or variant, none when the docs give no text.
fn doc_text(text: &str) -> TokenStream {
    if text.is_empty() {
        TokenStream::new()
    } else {
        doc(&[prose(text)])
    }
}

/// An optional member of a model or body: absent (left out), `null` (sent, to clear it) or a
/// value, so that an update can clear a property and a delta shows a cleared one. Its field, and
/// its entry in the struct's `object!`.
fn optional_member(
    fdoc: &TokenStream,
    json_name: &TokenStream,
    fident: &proc_macro2::Ident,
    ty: &TokenStream,
) -> (TokenStream, TokenStream) {
    (
        quote! {
            #fdoc
            pub #fident: crate::Nullable<#ty>,
        },
        quote!(#fident = #json_name optional),
    )
}

/// The struct's serde and, for a model (`wire`: its documented name), its `Untyped`: written by
/// the runtime's `object!` from one entry per field, in the fields' order.
fn object(ident: &proc_macro2::Ident, wire: Option<&str>, entries: &[TokenStream]) -> TokenStream {
    let wire = wire.map(|w| {
        let w = lit(w);
        quote!(= #w)
    });
    quote!(crate::object!(#ident #wire { #(#entries),* });)
}

/// A request body that the operation's request body table documents: its rows as fields,
/// required ones not optional (and then no `Default`, so that leaving one out does not compile).
/// An update's rows are what may change: none is required.
fn body(ctx: &Ctx, op_index: usize, op: &Operation, name: &str) -> TokenStream {
    let ident = crate::emit::ident(name);
    let docs = doc(&[
        format!("The request body of `{}`.", op.title),
        String::new(),
        format!(
            "Documented in the request body table of `{}`.",
            ctx.cite_page(&op.page)
        ),
    ]);
    let cfg = super::cfg::call_cfg(ctx, op_index);
    let gone = crate::emit::deprecated(
        ctx.api
            .deprecation(&Shipped::Operation { id: op.id.clone() }),
    );
    let mut fields = TokenStream::new();
    let mut entries = Vec::new();
    let mut all_optional = true;
    // `new` takes the required members and leaves the others unset.
    let (mut required, mut inits) = (Vec::new(), Vec::new());
    for (fname, p) in body_fields(op) {
        let fident = crate::emit::ident(&fname);
        let json_name = lit(&p.name);
        let ty = match &p.ty {
            Some(t) => rust_type(ctx, t, ""),
            None => quote!(::serde_json::Value),
        };
        let fdoc = doc_text(&p.description);
        let (field, entry) = if op.requires(p) {
            all_optional = false;
            required.push(quote!(#fident: #ty));
            inits.push(quote!(#fident));
            (
                quote! {
                    #fdoc
                    pub #fident: #ty,
                },
                quote!(#fident = #json_name required),
            )
        } else {
            inits.push(quote!(#fident: crate::Nullable::Absent));
            optional_member(&fdoc, &json_name, &fident, &ty)
        };
        fields.extend(field);
        entries.push(entry);
    }
    let object = object(&ident, None, &entries);
    let default = all_optional.then(|| quote!(Default,));
    let constructor = (!all_optional).then(|| {
        quote! {
            #cfg
            impl #ident {
                /// The body with its required members, the optional ones unset (set them with
                /// `Self { member: value.into(), ..Self::new(..) }`).
                pub fn new(#(#required),*) -> Self {
                    Self {
                        #(#inits,)*
                        additional_properties: ::serde_json::Map::new(),
                    }
                }
            }
        }
    });
    quote! {
        #docs
        #gone
        #cfg
        #[derive(Debug, Clone, #default PartialEq)]
        pub struct #ident {
            #fields
            /// Members the table does not list (`@odata.type`, `x@odata.bind`): sent as given.
            pub additional_properties: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        }
        #cfg
        #object

        #constructor
    }
}

fn model(ctx: &Ctx, r: &Resource) -> TokenStream {
    let Some(name) = ctx.type_name(&r.name) else {
        return TokenStream::new();
    };
    let base = ctx.bases.get(&fold(&r.name));
    let ident = crate::emit::ident(base.map(String::as_str).unwrap_or(name));
    let mut lines = vec![prose(&r.title)];
    if let Some(d) = &r.description {
        lines.push(String::new());
        lines.push(prose(d));
    }
    lines.push(String::new());
    lines.push(documented_at(ctx, &r.page, r.location.line));
    let docs = doc(&lines);
    let gone = crate::emit::deprecated(ctx.api.deprecation(&Shipped::Type {
        name: fold(&r.name),
    }));
    let docs = quote!(#docs #gone);
    let cfg = super::cfg::type_cfg(ctx, &r.name);
    let mut fields = TokenStream::new();
    let mut entries = Vec::new();
    let chain = ctx.index.chain(r);
    let named = model_fields(ctx, r);
    for (fname, p) in named.members {
        let fident = crate::emit::ident(&fname);
        let json_name = lit(&p.name);
        let ty = rust_type(ctx, &p.ty, &r.name);
        let fdoc = doc_text(&p.description);
        // The resource whose row it is: a base type's field is deprecated on the base.
        let owner = chain.iter().find(|c| {
            c.properties
                .iter()
                .chain(&c.relationships)
                .any(|q| std::ptr::eq(q, p))
        });
        let gone = crate::emit::deprecated(owner.and_then(|c| {
            ctx.api.deprecation(&Shipped::Field {
                ty: fold(&c.name),
                name: p.name.clone(),
            })
        }));
        let fdoc = quote!(#fdoc #gone);
        let (field, mut entry) = optional_member(&fdoc, &json_name, &fident, &ty);
        if ctx.held(r, p) {
            entry = quote!(#fident = #json_name held);
        }
        fields.extend(field);
        entries.push(entry);
    }
    if let Some(etag) = &named.etag {
        let fident = crate::emit::ident(etag);
        let fdoc = doc(&[
            "The version of this item (`@odata.etag`): send it back with `.if_match(..)` to"
                .to_string(),
            "change only that version.".to_string(),
        ]);
        let ty = quote!(::std::string::String);
        let (field, entry) = optional_member(&fdoc, &lit("@odata.etag"), &fident, &ty);
        fields.extend(field);
        entries.push(entry);
    }
    let polymorphic = match base {
        Some(_) => polymorphic(ctx, r, name, &ident, &cfg),
        None => TokenStream::new(),
    };
    let object = object(&ident, Some(&r.name), &entries);
    let alias = ctx.aliases.get(&fold(&r.name)).map(|a| {
        let a = crate::emit::ident(a);
        let note = lit(&format!(
            "a name an earlier release gave this type; use `{ident}` (kept until the next major release)"
        ));
        let docs = doc(&[format!("Another name of [`{ident}`].")]);
        quote! {
            #docs
            #[deprecated(note = #note)]
            #cfg
            pub type #a = #ident;
        }
    });
    quote! {
        #alias
        #docs
        #cfg
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #ident {
            #fields
            /// Members the docs do not list (`@odata.type`, newer properties): kept so that a
            /// decode and encode round trip loses nothing.
            pub additional_properties: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        }
        #cfg
        #object
        #polymorphic
    }
}

/// A request body struct's fields as `body` declares them, in order: (field, row).
pub(super) fn body_fields(op: &Operation) -> Vec<(String, &Parameter)> {
    let mut used = Members::of_struct();
    op.body_members()
        .into_iter()
        .map(|p| (used.field(&p.name), p))
        .collect()
}

/// A model's fields as its struct declares them, in order (`Members`): the one naming of the
/// model, the user code (`usage`) and the snippets (`snippet`).
pub(super) struct ModelFields<'a> {
    /// Each documented member (base types' first): its field and its row.
    pub members: Vec<(String, &'a Property)>,
    /// The field of `@odata.etag`, when the type carries one.
    pub etag: Option<String>,
}

pub(super) fn model_fields<'a>(ctx: &Ctx<'a>, r: &'a Resource) -> ModelFields<'a> {
    let mut used = Members::of_struct();
    let members = ctx
        .index
        .fields(r)
        .into_iter()
        .map(|p| (used.field(&p.name), p))
        .collect();
    let etag = ctx
        .carries_etag(&r.name)
        .then(|| used.added("odata_etag", "_"));
    ModelFields { members, etag }
}

/// The member tables of every model and enum (`Ctx::members`), made on first use.
fn members<'c>(ctx: &'c Ctx) -> &'c super::context::MemberTables {
    ctx.members.get_or_init(|| {
        let mut tables = super::context::MemberTables::default();
        for r in &ctx.api.resources {
            // The resource the index gives for the name, which `fields` walks.
            let Some(r) = ctx.index.get(&r.name) else {
                continue;
            };
            tables.fields.entry(fold(&r.name)).or_insert_with(|| {
                let f = model_fields(ctx, r);
                (f.members.into_iter().map(|(n, _)| n).collect(), f.etag)
            });
        }
        for e in &ctx.api.enums {
            tables.variants.entry(fold(&e.name)).or_insert_with(|| {
                variants_of(e)
                    .into_iter()
                    .map(|(v, m)| (v, m.name.clone()))
                    .collect()
            });
        }
        tables
    })
}

/// A model's field names, in the order of `ResourceIndex::fields`, and `@odata.etag`'s
/// (`model_fields`, made once per run).
pub(super) fn field_names<'c>(
    ctx: &'c Ctx,
    resource: &str,
) -> Option<(&'c [String], Option<&'c str>)> {
    members(ctx)
        .fields
        .get(&fold(resource))
        .map(|(names, etag)| (names.as_slice(), etag.as_deref()))
}

/// An enum's variants and their wire names, as its type declares them (its first table:
/// `variants_of`, made once per run).
pub(super) fn enum_variants<'c>(ctx: &'c Ctx, name: &str) -> &'c [(String, String)] {
    members(ctx)
        .variants
        .get(&fold(name))
        .map_or(&[], Vec::as_slice)
}

/// An enum table's variants as `enumeration` declares them: (variant, member), each wire name
/// once.
pub(super) fn variants_of(e: &EnumType) -> Vec<(String, &EnumMember)> {
    let mut used = Members::of_enum();
    let mut wires = BTreeSet::new();
    e.members
        .iter()
        .filter(|m| !m.name.is_empty() && wires.insert(m.name.as_str()))
        .map(|m| (used.variant(&m.name), m))
        .collect()
}

/// An arm of a polymorphic base's enum: a derived type.
pub(super) struct Arm<'a> {
    /// The arm, named as the type.
    pub ident: &'a str,
    /// The derived type.
    pub resource: &'a Resource,
    /// Its `@odata.type` (`microsoft.graph.fileAttachment`).
    pub tag: String,
    /// The name `@odata.type` gives it, as the decoder compares it (`fileAttachment`).
    pub wire: String,
}

/// The arms of a polymorphic base's enum as `polymorphic` declares them, and the arm of any
/// other type.
pub(super) struct Arms<'a> {
    pub arms: Vec<Arm<'a>>,
    pub other: String,
}

pub(super) fn arms_of<'a>(ctx: &'a Ctx<'a>, r: &Resource) -> Arms<'a> {
    let mut used = Members::of_arms();
    let mut arms = Vec::new();
    for d in ctx.index.derived_types(&r.name).into_iter().flatten() {
        let Some(ty) = ctx.type_name(&d.name) else {
            continue;
        };
        if !used.take(ty) {
            continue;
        }
        let tag = d
            .odata_type
            .clone()
            .unwrap_or_else(|| format!("microsoft.graph.{}", d.name));
        let wire = crate::ir::names::resource_name(&tag);
        arms.push(Arm {
            ident: ty,
            resource: d,
            tag,
            wire,
        });
    }
    let other = used.added("Other", "");
    Arms { arms, other }
}

/// An abstract base with documented derived types: an enum with an arm per concrete derived type,
/// chosen by `@odata.type`, and an arm of the base's own struct for any other (or no) type, so a
/// derived type the docs do not list still decodes, and encodes back unchanged.
fn polymorphic(
    ctx: &Ctx,
    r: &Resource,
    name: &str,
    base: &proc_macro2::Ident,
    cfg: &TokenStream,
) -> TokenStream {
    let ident = crate::emit::ident(name);
    let mut arms = Vec::new();
    let mut pairs = Vec::new();
    let named = arms_of(ctx, r);
    for arm in &named.arms {
        let ty = crate::emit::ident(arm.ident);
        let tag = &arm.tag;
        let adoc = doc(&[format!("`@odata.type`: `#{tag}`.")]);
        let wire = lit(&arm.wire);
        arms.push(quote!(#adoc #ty(::std::boxed::Box<#ty>)));
        pairs.push(quote!(#ty = #wire));
    }
    let other = crate::emit::ident(&named.other);
    let base_wire = lit(&r.name);
    let docs = doc(&[
        format!(
            "A value of type `{}`: one of the types derived from it, chosen by `@odata.type`.",
            r.name
        ),
        String::new(),
        documented_at(ctx, &r.page, r.location.line),
    ]);
    let gone = crate::emit::deprecated(ctx.api.deprecation(&Shipped::Type {
        name: fold(&r.name),
    }));
    quote! {
        #docs
        #gone
        #cfg
        // A newer version of the docs may document another derived type: a `match` needs a
        // wildcard arm, so that adding one is no breaking change (`cargo xtask diff`).
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #ident {
            #(#arms,)*
            /// Any other `@odata.type` (a type the docs do not list), or none: the properties every
            /// value of the base type has, and the rest kept as sent.
            #other(::std::boxed::Box<#base>),
        }
        #cfg
        crate::polymorphic!(#ident, #other(#base) = #base_wire { #(#pairs),* });
    }
}

/// An enum table as a Rust enum with an arm for members the docs do not list.
fn enumeration(ctx: &Ctx, e: &EnumType) -> TokenStream {
    let key = fold(&e.name);
    if !ctx.enums.contains(&key) {
        return TokenStream::new();
    }
    let Some(name) = ctx.type_name(&e.name) else {
        return TokenStream::new();
    };
    let ident = crate::emit::ident(name);
    let docs = doc(&[
        format!("The `{}` enum.", e.name),
        String::new(),
        documented_at(ctx, &e.page, e.location.line),
    ]);
    let mut variants = Vec::new();
    let mut wire_pairs = Vec::new();
    for (vname, m) in variants_of(e) {
        let v = crate::emit::ident(&vname);
        let wire = lit(&m.name);
        let vdoc = doc_text(&m.description);
        let gone = crate::emit::deprecated(ctx.api.deprecation(&Shipped::Member {
            ty: key.clone(),
            name: m.name.clone(),
        }));
        variants.push(quote!(#vdoc #gone #v));
        wire_pairs.push(quote!(#v = #wire));
    }
    let cfg = super::cfg::type_cfg(ctx, &e.name);
    let gone = crate::emit::deprecated(ctx.api.deprecation(&Shipped::Enum { name: key }));
    quote! {
        #docs
        #gone
        #cfg
        // A newer version of the docs may list another member: see the polymorphic enums.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants,)*
            /// A value the docs do not list (a newer member), kept as sent.
            Unrecognized(::std::string::String),
        }
        #cfg
        crate::string_enum!(#ident { #(#wire_pairs),* });
    }
}

/// The Rust type of a property of `owner` (a resource's name; empty for a request body, which no
/// resource holds).
pub(super) fn rust_type(ctx: &Ctx, ty: &TypeRef, owner: &str) -> TokenStream {
    match ty {
        TypeRef::Collection(inner) => {
            // A `Vec` holds its items on the heap: a recursive item needs no box.
            let inner = rust_type(ctx, inner, "");
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Primitive(p) => primitive(*p),
        TypeRef::Named(n) => match ctx.type_name(n) {
            Some(t) if ctx.enums.contains(&fold(n)) => {
                let id = crate::emit::ident(t);
                quote!(#id)
            }
            Some(t) => {
                let id = crate::emit::ident(t);
                if boxed(ctx, n, owner) {
                    quote!(::std::boxed::Box<#id>)
                } else {
                    quote!(#id)
                }
            }
            None => quote!(::serde_json::Value),
        },
    }
}

/// Whether `owner`'s field of type `n` (a model) is boxed: it can hold an `owner` again.
pub(super) fn boxed(ctx: &Ctx, n: &str, owner: &str) -> bool {
    !owner.is_empty()
        && !ctx.enums.contains(&fold(n))
        && reaches(ctx, n, owner, &mut BTreeSet::new())
}

/// Whether a value of type `from` can hold a `target` without a collection in between, which
/// would make the struct infinitely large unless boxed.
fn reaches(ctx: &Ctx, from: &str, target: &str, seen: &mut BTreeSet<String>) -> bool {
    // A polymorphic base is an enum of boxed arms: it holds nothing inline.
    if ctx.index.derived_types(from).is_some() {
        return false;
    }
    if NameKey(from) == NameKey(target) {
        return true;
    }
    if !seen.insert(fold(from)) {
        return false;
    }
    let Some(r) = ctx.index.get(from) else {
        return false;
    };
    ctx.index.fields(r).iter().any(|p| match &p.ty {
        TypeRef::Named(n) => reaches(ctx, n, target, seen),
        _ => false,
    })
}

/// Edm primitives. The ones JSON carries as strings (dates, times, durations, GUIDs, binary) are
/// the runtime's `edm` types: the wire text, parsed on demand; a stream property is
/// `edm::Stream`, whatever JSON the service sends for it.
fn primitive(p: Primitive) -> TokenStream {
    match p {
        Primitive::DateTimeOffset => quote!(crate::runtime::edm::DateTimeOffset),
        Primitive::Date => quote!(crate::runtime::edm::Date),
        Primitive::TimeOfDay => quote!(crate::runtime::edm::TimeOfDay),
        Primitive::Duration => quote!(crate::runtime::edm::Duration),
        Primitive::Guid => quote!(crate::runtime::edm::Guid),
        Primitive::Binary => quote!(crate::runtime::edm::Binary),
        Primitive::Stream => quote!(crate::runtime::edm::Stream),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single => quote!(f32),
        Primitive::Double | Primitive::Decimal => quote!(f64),
        Primitive::Json => quote!(::serde_json::Value),
        Primitive::String => quote!(::std::string::String),
    }
}

#[cfg(test)]
mod tests {
    use crate::read::source::{Lang, SourceFile};

    fn resource(name: &str, base: Option<&str>, rows: &str, relationships: &str) -> SourceFile {
        let base = base
            .map(|b| format!(", \"baseType\": \"microsoft.graph.{b}\""))
            .unwrap_or_default();
        SourceFile::new(
            format!("resources/{}.md", name.to_lowercase()),
            format!("# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}\n## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n{relationships}\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{base}}} -->\n```json\n{{}}\n```\n"),
            Lang::English,
        )
    }

    #[test]
    fn relationships_are_typed_fields() {
        let a = crate::analyze_sources(&[
            resource("directoryObject", None, "| id | String | Key. |\n", ""),
            resource(
                "user",
                Some("directoryObject"),
                "| displayName | String | The name. |\n",
                "| manager | [directoryObject](directoryobject.md) | The manager. |\n| directReports | [directoryObject](directoryobject.md) collection | Reports. |\n| mentor | [user](user.md) | Another user. |\n| drive | [drive](drive.md) | The drive. |\n",
            ),
            resource("drive", None, "| id | String | Key. |\n", "| owner | [user](user.md) | Its owner. |\n| members | [user](user.md) collection | Members. |\n"),
        ]);
        let files = crate::emit::emit(&a.api, &crate::emit::EmitOptions::default()).expect("emits");
        let models: String = files
            .iter()
            .filter(|f| f.path.ends_with("/src/models.rs"))
            .map(|f| f.contents.as_str())
            .collect();
        let user = models
            .split_once("pub struct User {")
            .and_then(|(_, u)| u.split_once("\n}"))
            .map(|(u, _)| u)
            .unwrap_or_default();
        for field in [
            "pub id: crate::Nullable<::std::string::String>,",
            "pub display_name: crate::Nullable<::std::string::String>,",
            "pub manager: crate::Nullable<DirectoryObject>,",
            "pub direct_reports: crate::Nullable<::std::vec::Vec<DirectoryObject>>,",
            // Recursive: a user holds a user, and a drive that holds one.
            "pub mentor: crate::Nullable<::std::boxed::Box<User>>,",
            "pub drive: crate::Nullable<::std::boxed::Box<Drive>>,",
        ] {
            assert!(user.contains(field), "{field} in {user}");
        }
        // A `Vec` needs no box.
        assert!(
            models.contains("pub members: crate::Nullable<::std::vec::Vec<User>>,"),
            "{models}"
        );
    }
}
