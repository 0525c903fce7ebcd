//! Each crate's `operations.rs`: the call tree of `plan::calls` printed, an `OperationInfo`
//! constant per operation that carries what its page documents, and the extension traits.
//!
//! Each node is a type `MeMessage<'a>(Step<'a>)`: the runtime's `Step` holds the client and the
//! path parameters given so far, raw. A step method appends its arguments; a final method takes
//! its own, and fills its own documented template with all of them (percent-encoded, each checked
//! non-empty), so a step shared by two spellings of a segment (`calendarView`, `calendarview`)
//! still sends each call as its page writes it, and a method targets only its page's template. A
//! final method returns a `Call` (`IntoFuture`) that takes the typed builders of the query
//! options and headers its page documents (`emit::query`), `.query()` for any other, and
//! `.header()`; `.plain()` drops the typed-options parameter, so that calls of two operations
//! returning one type are one type. Every step and call is `#[inline]`, so rustc compiles a
//! method, and the decoders it names, only in the crates that call it.
//!
//! A node's rustdoc gives its documented path, its calls with their templates (a call in another
//! crate without a link), and the first templates that continue from it; a final keeps the docs
//! of the operation (title, template, status, scopes, query options, arguments, source,
//! `OperationInfo`, the feature(s) it needs). A step's `cfg` is the union of the areas of the
//! operations through it.
//!
//! A method in another crate than its step (an area's on a core step: only the core may give its
//! types inherent methods) is a method of that area's extension trait of the step
//! (`plan::traits::Extensions`:
//! `OutlookMe`, `OutlookClient`, named once in the order of the steps, within `MAX_IDENT` and
//! unique among every step type and trait), in the area's `src/prelude.rs`. `MethodItem` prints
//! the same parts (`cfg`, docs, signature, body) as an inherent method or as the trait's
//! declaration and impl item.
//!
//! A call whose areas are all off where its step exists has a hidden stand-in under the
//! complementary `cfg` (`plan::traits::Gates` names its trait): same name and arity, a generic return, and a bound on its step
//! (`Self: features::Sharepoint`) that no type meets, whose `diagnostic::on_unimplemented` is the
//! one error rustc reports at the call ("this call needs the cargo feature `sharepoint` of
//! `docs-client`") where it would say "no method named ..."; the generic return lets the rest of
//! the chain add no error (`tests/tests/compile.rs`).

use super::format::{chunk, memo_chunk, memo_group, Chunk, Group, Key};
use super::{doc, lit, prose, Ctx};
use crate::base::Method;
use crate::ir::reason;
use crate::ir::template::{Filling, Piece};
use crate::ir::{Operation, PathTemplate, Permission, Shipped};
use crate::plan::calls::{Final, Named, Node, NodeId, Step};
use crate::plan::crates::Home;
use crate::plan::returns::{returns, sends, Returns, Sends};
use crate::plan::traits::Gates;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Chunks, each with the crate it goes to.
pub(crate) type Homed = Vec<(Home, Chunk)>;

/// The chunks of each crate's `operations.rs`, in the order of the crates (see `crates.rs`):
/// the module's doc, the info constants, a type per step and its calls, and the extension
/// traits of an area's calls on the core's steps; and each area's `prelude.rs` of them.
pub(crate) fn operations(ctx: &Ctx) -> (Homed, Homed, Vec<(Key, Group)>) {
    let calls = &ctx.calls;
    let mut out: Vec<(Home, Chunk)> = ctx
        .crates
        .homes()
        .into_iter()
        .map(|home| {
            let tokens = header(ctx, &home);
            (home, chunk(ctx.formatted, tokens))
        })
        .collect();
    let ops: Vec<(usize, &Operation)> = ctx.api.operations.iter().enumerate().collect();
    let memo = &ctx.memo;
    out.extend(
        ops.par_iter()
            .map(|(i, op)| {
                let input = memo.key("info", &(i, memo.operation(*i)));
                let c = memo_chunk(ctx.formatted, input, memo.audit, || {
                    let mut info = super::cfg::call_cfg(ctx, *i);
                    info.extend(info_const(ctx, op, &ctx.names(*i).info_const));
                    info
                });
                (Home::of(&ctx.areas.of_call(*i)), c)
            })
            .collect::<Vec<_>>(),
    );
    let nodes: Vec<(NodeId, &Node)> = calls.each_node().collect();
    // The client's own steps first, then a type per step: keyed by the operations whose calls
    // it makes (their docs are its methods'), beside the skeleton (`memo`).
    let made: Vec<(Homed, (Key, Group))> = nodes
        .par_iter()
        .map(|(n, node)| {
            let ops: Vec<Option<&Key>> = node
                .finals
                .iter()
                .map(|f| memo.operation(f.fills.op))
                .collect();
            let input = memo.key("node", &(n.0, ops));
            memo_group(ctx.formatted, input, memo.audit, || node_chunk(ctx, *n))
        })
        .collect();
    let mut groups = Vec::with_capacity(made.len());
    for (chunks, group) in made {
        out.extend(chunks);
        groups.push(group);
    }
    out.push((Home::Core, chunk(ctx.formatted, gate_traits(ctx))));
    let preludes = preludes(ctx)
        .into_iter()
        .map(|(home, tokens)| {
            let c = chunk(ctx.formatted, tokens);
            (home, c)
        })
        .collect();
    (out, preludes, groups)
}

/// The doc (and imports) at the top of a crate's `operations.rs`: an area's imports the core's
/// steps and info constants, named as its own.
fn header(ctx: &Ctx, home: &Home) -> TokenStream {
    let imported = crate::plan::calls::IMPORTED
        .iter()
        .map(|n| crate::emit::ident(n));
    let imports = quote! {
        // An area with no operation of its own (only resource pages) leaves these unused.
        #[allow(unused_imports)]
        use crate::runtime::{#(#imported),*};
    };
    match home {
        Home::Core => quote! {
            //! The calls, mirroring the documented URLs (`client.me().message(id).send()`): one
            //! navigation step per segment, one final call per documented request, and what each
            //! page documents, as data. Here: the steps two or more areas go through; each area's
            //! calls are in its own crate.
            #imports
        },
        Home::Area(area) => {
            let core = crate::emit::ident(&crate::plan::crates::rust_name(&ctx.crates.core));
            let docs = super::literal::doc_attrs(
                &[
                    format!("The calls of the `{area}` area: the steps only it goes through, its calls, and"),
                    "the extension traits of its calls on the steps areas share (see [`prelude`](crate::prelude)).".into(),
                ],
                true,
            );
            quote! {
                #docs
                #imports
                // The steps and info constants areas share, named as this crate's own.
                #[allow(unused_imports)]
                pub(crate) use #core::operations::*;
            }
        }
    }
}

/// Each area's `prelude.rs`: its extension traits, which the facade's prelude re-exports.
fn preludes(ctx: &Ctx) -> Vec<(Home, TokenStream)> {
    let mut by_area: BTreeMap<&str, Vec<proc_macro2::Ident>> = ctx
        .areas
        .all
        .iter()
        .map(|a| (a.as_str(), Vec::new()))
        .collect();
    for ((_, area), name) in &ctx.extensions.traits {
        if let Some(list) = by_area.get_mut(area.as_str()) {
            list.push(crate::emit::ident(name));
        }
    }
    by_area
        .into_iter()
        .map(|(area, mut names)| {
            names.sort();
            let tokens = quote! {
                //! The traits that give the steps areas share this area's calls: `use` them
                //! (or the client crate's `prelude`) to call them.

                #[allow(unused_imports)]
                pub use crate::operations::{#(#names),*};
            };
            (Home::Area(area.to_string()), tokens)
        })
        .collect()
}

/// A method as made: printed as a step's own (inherent) method, or, when it lives in another
/// crate than its step, as a declaration of the area's trait (docs and `cfg`) and an item of
/// the trait's impl (`cfg`, `#[inline]`, body; not `pub`).
struct MethodItem {
    cfg: TokenStream,
    docs: TokenStream,
    /// `fn name(&self, ..) -> Type`.
    sig: TokenStream,
    /// `{ .. }`.
    body: TokenStream,
}

impl MethodItem {
    // `#[inline]` on every step and call: rustc then compiles a method (and the decoders it
    // names) only in the crates that call it, not all of them in its own.
    fn inherent(&self) -> TokenStream {
        let MethodItem {
            cfg,
            docs,
            sig,
            body,
        } = self;
        quote!(#cfg #docs #[inline] pub #sig #body)
    }

    fn declaration(&self) -> TokenStream {
        let MethodItem { cfg, docs, sig, .. } = self;
        quote!(#cfg #docs #sig;)
    }

    fn implementation(&self) -> TokenStream {
        let MethodItem { cfg, sig, body, .. } = self;
        quote!(#cfg #[inline] #sig #body)
    }
}

/// The chunks of node `n` of the call shape: the client's impl for the root, else the step's
/// type and its impl, in the step's crate; and for each area whose calls on it live in the
/// area's crate, the area's extension trait and its impl for the step.
fn node_chunk(ctx: &Ctx, n: NodeId) -> Vec<(Home, TokenStream)> {
    let Some(node) = ctx.calls.node(n) else {
        return Vec::new();
    };
    let home = ctx.reach.home(n);
    let methods = node_methods(ctx, n, node, &home);
    let mut out = extension_traits(n, node, methods.added, &ctx.extensions);
    let items = methods.items;
    if n.is_client() {
        out.insert(
            0,
            (
                home,
                quote! {
                    impl Client {
                        #items
                    }
                },
            ),
        );
        return out;
    }
    let ty = crate::emit::ident(&node.type_name);
    let cfg = super::cfg::cfg(ctx, ctx.reach.node(n, &ctx.areas));
    let docs = doc(&step_docs(ctx, n, node, &methods.elsewhere));
    // A step of the core holds its place in the chain for the area crates' calls on it.
    let field = match home {
        Home::Core => quote!(#[doc(hidden)] pub crate::runtime::Step<'a>),
        Home::Area(_) => quote!(crate::runtime::Step<'a>),
    };
    out.insert(
        0,
        (
            home,
            quote! {
                #cfg
                #docs
                #[derive(Debug, Clone)]
                pub struct #ty<'a>(#field);

                #cfg
                impl<'a> #ty<'a> {
                    #items
                }
            },
        ),
    );
    out
}

/// The methods of a node: those of its own crate (`items`), those each other crate adds to
/// it (`added`, by crate), and the names of the calls that live elsewhere.
struct NodeMethods {
    items: TokenStream,
    added: BTreeMap<Home, Vec<MethodItem>>,
    elsewhere: BTreeSet<String>,
}

/// Every step and final call on node `n`, with the stand-ins of those of disabled areas.
fn node_methods(ctx: &Ctx, n: NodeId, node: &Node, home: &Home) -> NodeMethods {
    let mut out = NodeMethods {
        items: TokenStream::new(),
        added: BTreeMap::new(),
        elsewhere: BTreeSet::new(),
    };
    let place = |at: Home, method: MethodItem, out: &mut NodeMethods| {
        if at == *home {
            out.items.extend(method.inherent());
        } else {
            out.added.entry(at).or_default().push(method);
        }
    };
    let areas_of = |n: NodeId| ctx.reach.node(n, &ctx.areas);
    // Where the node's type exists: the client always, a step with any of its areas.
    let here = areas_of(n);
    for Step { named, to: child } in &node.steps {
        let Some(child_node) = ctx.calls.node(*child) else {
            continue;
        };
        let step = step_method(ctx, n, named, child_node, areas_of(*child));
        let at = ctx.reach.home(*child);
        place(at, step, &mut out);
        let stand_in = stand_in(
            ctx,
            areas_of(*child),
            here,
            &named.name,
            named.args.len(),
            n.is_client(),
        );
        out.items.extend(stand_in);
    }
    // The calls that live in another crate than the step (an area's on a core step), which
    // the step's docs name without a link.
    for (k, f) in node.finals.iter().enumerate() {
        let (named, fop) = (&f.named, f.fills.op);
        let Some((op, t)) = ctx
            .api
            .operations
            .get(fop)
            .and_then(|o| Some((o, o.templates.get(f.fills.template)?)))
        else {
            continue;
        };
        let areas = ctx.reach.final_call(n, k);
        let step_params = t.params.len().saturating_sub(named.args.len());
        let (call, arity) = method(
            ctx,
            &FinalCall {
                op_index: fop,
                op,
                t,
                template: f.fills.template,
                name: &named.name,
                const_name: &ctx.names(fop).info_const,
                step_params,
                at_root: n.is_client(),
            },
        );
        let call = MethodItem {
            cfg: super::cfg::cfg(ctx, &areas),
            ..call
        };
        let at = ctx.reach.final_home(n, k, fop, &ctx.areas);
        if at != *home {
            out.elsewhere.insert(named.name.clone());
        }
        place(at, call, &mut out);
        let stand_in = stand_in(ctx, &areas, here, &named.name, arity, n.is_client());
        out.items.extend(stand_in);
    }
    out
}

/// The method of node `n` that steps to `child`.
fn step_method(
    ctx: &Ctx,
    n: NodeId,
    named: &Named,
    child: &Node,
    child_areas: &BTreeSet<String>,
) -> MethodItem {
    let ty = crate::emit::ident(&child.type_name);
    let name = crate::emit::ident(&named.name);
    let args: Vec<proc_macro2::Ident> = named.args.iter().map(|a| crate::emit::ident(a)).collect();
    let cfg = super::cfg::cfg(ctx, child_areas);
    let docs = doc(&[format!("`{}`: see [`{}`].", child.path, child.type_name)]);
    let then = if args.is_empty() && n.is_client() {
        quote!(crate::runtime::Step::root(self))
    } else if n.is_client() {
        quote!(crate::runtime::Step::root(self).then(&[#(#args),*]))
    } else {
        quote!(self.0.then(&[#(#args),*]))
    };
    let life = if n.is_client() {
        quote!('_)
    } else {
        quote!('a)
    };
    MethodItem {
        cfg,
        docs,
        sig: quote!(fn #name(&self, #(#args: &str),*) -> #ty<#life>),
        body: quote!({ #ty(#then) }),
    }
}

/// For each area whose calls on node `n` live in the area's crate, its extension trait of the
/// step and the trait's impl.
fn extension_traits(
    n: NodeId,
    node: &Node,
    added: BTreeMap<Home, Vec<MethodItem>>,
    extensions: &crate::plan::traits::Extensions,
) -> Vec<(Home, TokenStream)> {
    let ty = crate::emit::ident(if n.is_client() {
        "Client"
    } else {
        &node.type_name
    });
    let (trait_life, self_ty) = if n.is_client() {
        (quote!(), quote!(Client))
    } else {
        (quote!(<'a>), quote!(#ty<'a>))
    };
    let mut out = Vec::new();
    for (at, methods) in added {
        let Home::Area(area) = &at else { continue };
        let Some(name) = extensions.name(n, area) else {
            continue;
        };
        let name = crate::emit::ident(name);
        let decls = methods.iter().map(MethodItem::declaration);
        let impls = methods.iter().map(MethodItem::implementation);
        let docs = doc(&[
            format!(
                "The calls of the `{area}` area on [`{}`] (`{}`).",
                if n.is_client() {
                    "Client"
                } else {
                    &node.type_name
                },
                if n.is_client() { "/" } else { &node.path }
            ),
            String::new(),
            "In scope with the client crate's `prelude` (`use <client crate>::prelude::*;`)."
                .into(),
        ]);
        let impl_life = if n.is_client() {
            quote!()
        } else {
            quote!(<'a>)
        };
        out.push((
            at.clone(),
            quote! {
                #docs
                pub trait #name #trait_life {
                    #(#decls)*
                }

                impl #impl_life #name #trait_life for #self_ty {
                    #(#impls)*
                }
            },
        ));
    }
    out
}

/// The docs of step type `n`: its path, the calls on it (a call in another crate without a
/// link) and the first templates that continue from it.
fn step_docs(ctx: &Ctx, n: NodeId, node: &Node, elsewhere: &BTreeSet<String>) -> Vec<String> {
    let mut lines = vec![format!("`{}`.", node.path)];
    let calls_here: Vec<String> = node
        .finals
        .iter()
        .filter_map(|Final { named, fills }| {
            let t = ctx
                .api
                .operations
                .get(fills.op)?
                .templates
                .get(fills.template)?;
            Some(if elsewhere.contains(&named.name) {
                format!(
                    "`{}`: `{} {}` (in its area's crate)",
                    named.name, t.method, t.raw
                )
            } else {
                format!(
                    "[`{}`](Self::{}): `{} {}`",
                    named.name, named.name, t.method, t.raw
                )
            })
        })
        .collect();
    if !calls_here.is_empty() {
        lines.push(String::new());
        lines.push("Calls here:".into());
        lines.extend(calls_here.into_iter().map(|h| format!("- {h}")));
    }
    let mut further = ctx.reach.onward.get(n.0).cloned().unwrap_or_default();
    further.dedup();
    if !further.is_empty() {
        lines.push(String::new());
        let shown: Vec<&String> = further.iter().take(ONWARD_SHOWN).collect();
        let more = further.len() - shown.len();
        lines.push(format!(
            "Templates that continue from here: {}{}.",
            shown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    lines
}

/// The stand-in of call `name` (taking `arity` arguments) of `areas` on a step whose type
/// exists for the areas `here`: nothing when the call exists wherever its step does.
fn stand_in(
    ctx: &Ctx,
    areas: &BTreeSet<String>,
    here: &BTreeSet<String>,
    name: &str,
    arity: usize,
    at_root: bool,
) -> TokenStream {
    if !Gates::needed(&ctx.areas, areas, here) {
        return TokenStream::new();
    }
    let Some(gate) = ctx.gates.traits.get(areas) else {
        // The plan names every gate a stand-in needs.
        return TokenStream::new();
    };
    let gate = crate::emit::ident(gate);
    let cfg = super::cfg::not_cfg(ctx, areas);
    let ident = crate::emit::ident(name);
    let args: Vec<proc_macro2::Ident> = (0..arity).map(|i| format_ident!("A{i}")).collect();
    // The bound names a parameter of the impl or the method (a lifetime will do), else
    // rustc rejects it where it is written rather than where it is called.
    let (life, receiver, bounded) = if at_root {
        (quote!('s,), quote!(&'s self), quote!(&'s Self))
    } else {
        (quote!(), quote!(&self), quote!(Self))
    };
    quote! {
        #cfg
        #[doc(hidden)]
        pub fn #ident<#life T, #(#args),*>(#receiver, #(_: #args),*) -> T
        where
            #bounded: features::#gate,
        {
            unreachable!("no type has the trait of an area that is off")
        }
    }
}

/// The module of the traits, each with the message rustc shows at a call of its areas.
fn gate_traits(ctx: &Ctx) -> TokenStream {
    if ctx.gates.traits.is_empty() {
        return TokenStream::new();
    }
    let krate = ctx.opts.crate_name.replace(['{', '}'], "");
    let traits = ctx.gates.traits.iter().map(|(areas, name)| {
        let ident = crate::emit::ident(name);
        let listed: Vec<String> = areas.iter().map(|a| format!("`{a}`")).collect();
        let message = lit(&match listed.as_slice() {
            [one] => format!("this call needs the cargo feature {one} of `{krate}`"),
            many => format!(
                "this call needs one of the cargo features {} of `{krate}`",
                many.join(", ")
            ),
        });
        let note = lit(&format!(
            "add the feature to `{krate}`'s `features` in Cargo.toml (`full`, the default, \
             enables every area); the call's docs name its feature"
        ));
        quote! {
            #[diagnostic::on_unimplemented(
                message = #message,
                label = "its area is not compiled",
                note = #note
            )]
            pub trait #ident {}
        }
    });
    quote! {
        /// The traits that a call of an area which is off requires, so that rustc names
        /// the feature: no type has them.
        #[doc(hidden)]
        pub mod features {
            #(#traits)*
        }
    }
}

/// How many of the templates that continue from a step its docs name.
const ONWARD_SHOWN: usize = 8;

fn permission(p: &Permission) -> TokenStream {
    match p {
        Permission::Scopes(s) => {
            let s = s.iter().map(|x| lit(x));
            quote!(Permission::Scopes(&[#(#s),*]))
        }
        Permission::NotSupported => quote!(Permission::NotSupported),
        Permission::Undocumented => quote!(Permission::Undocumented),
    }
}

fn info_const(ctx: &Ctx, op: &Operation, name: &str) -> TokenStream {
    let ident = crate::emit::ident(name);
    let title = lit(&op.title);
    let method = lit(op
        .templates
        .first()
        .map_or(Method::Get, |t| t.method)
        .as_str());
    let templates = op.templates.iter().map(|t| lit(&t.raw));
    let status = proc_macro2::Literal::u16_unsuffixed(op.success.status.unwrap_or(200));
    let scopes = op.scopes.any_of();
    let scopes = scopes.iter().map(|s| lit(s));
    let dw = permission(&op.scopes.delegated_work);
    let dp = permission(&op.scopes.delegated_personal);
    let app = permission(&op.scopes.application);
    let src = lit(&ctx.source(op));
    let docs = doc(&[format!(
        "What `{}` documents about `{}`.",
        ctx.source(op),
        op.title
    )]);
    let gone = crate::emit::deprecated(
        ctx.api
            .deprecation(&Shipped::Operation { id: op.id.clone() }),
    );
    quote! {
        #docs
        #gone
        pub const #ident: OperationInfo = OperationInfo {
            title: #title,
            method: #method,
            path_templates: &[#(#templates),*],
            success_status: #status,
            scopes: &[#(#scopes),*],
            delegated_work: #dw,
            delegated_personal: #dp,
            application: #app,
            source: #src,
        };
    }
}

/// The doc lines of a method: what the page says of the call, its success, scopes, options and
/// arguments, and where it is documented.
fn method_docs(ctx: &Ctx, c: &FinalCall, returns: &Returns) -> Vec<String> {
    let FinalCall {
        op_index,
        op,
        t,
        const_name,
        ..
    } = *c;
    let mut lines = vec![prose(&op.title)];
    if let Some(d) = &op.description {
        lines.extend([String::new(), prose(d)]);
    }
    lines.extend([String::new(), format!("`{} {}`", t.method, t.raw)]);
    if let Some(why) = &t.derived {
        lines.push(format!("(Not written on the page: {why}.)"));
    }
    lines.push(String::new());
    lines.push(success_line(op, returns));
    let scopes = op.scopes.any_of();
    lines.push(if scopes.is_empty() {
        "Scopes: none documented.".to_string()
    } else {
        format!(
            "Scopes: any one of {}.",
            scopes
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
    // The features that compile the call (several when pages of several areas document it).
    let features: Vec<String> = ctx
        .areas
        .of_call(op_index)
        .iter()
        .map(|f| format!("`{f}`"))
        .collect();
    match features.as_slice() {
        [] => {}
        [one] => lines.push(format!("Cargo feature: {one}.")),
        many => lines.push(format!("Cargo features (any one): {}.", many.join(", "))),
    }
    if !op.query_options.is_empty() {
        let typed: Vec<String> = op.query_options.iter().map(|o| format!("`${o}`")).collect();
        lines.push(format!(
            "Query options the page documents (typed builders on the call): {}.",
            typed.join(", ")
        ));
    }
    lines.extend(argument_lines(op, t));
    lines.push(String::new());
    lines.push(format!(
        "Documented in `{}`; everything the page says is in [`{const_name}`].",
        ctx.source(op)
    ));
    lines
}

/// What a method's docs say of its success and what it returns.
fn success_line(op: &Operation, returns: &Returns) -> String {
    let status = op.success.status.unwrap_or(200);
    match returns {
        Returns::Redirected => format!(
            "Success: `{status} {}` to the content, which the client follows (without the token): returns the content's bytes, or `.stream()`s them.",
            reason(status)
        ),
        Returns::Nothing => format!(
            "Success: `{status} {}` with no body: returns `()`.",
            reason(status)
        ),
        Returns::Accepted => format!(
            "Success: `{status} {}`: the operation goes on in the background; returns where to \
             follow it (the `{}` header), which [`Client::wait_for`](crate::Client::wait_for) \
             follows to its end.",
            reason(status),
            op.success.follow.map_or("Location", |h| h.as_str())
        ),
        Returns::Bytes => format!(
            "Success: `{status} {}` with the raw bytes as its body (or `.stream()` them).",
            reason(status)
        ),
        Returns::Json(b) => format!(
            "Success: `{status} {}` with {} body.",
            reason(status),
            match &b.resource {
                Some(r) if b.collection => format!("a page of `{r}`"),
                Some(r) => format!("a `{r}`"),
                None => "a JSON".to_string(),
            }
        ),
        Returns::JsonOrAccepted(b) => format!(
            "Success: `{status} {}` with {} body ([`Outcome::Done`](crate::Outcome::Done)), or, \
             when the operation goes on in the background, `202 Accepted` and where to follow it \
             (the `{}` header; [`Outcome::Accepted`](crate::Outcome::Accepted)).",
            reason(status),
            match &b.resource {
                Some(r) if b.collection => format!("a page of `{r}`"),
                Some(r) => format!("a `{r}`"),
                None => "a JSON".to_string(),
            },
            op.success.follow.map_or("Location", |h| h.as_str())
        ),
        Returns::Delta(b) => format!(
            "Success: `{status} {}` with a page of changes to `{}` (each a `Delta`: cleared \
             members are `Null`, removed items carry `removed`).",
            reason(status),
            b.resource.as_deref().unwrap_or("JSON")
        ),
    }
}

/// A line per argument of a method: each placeholder of the template (the path's, then the
/// query's), then each header the page marks required.
fn argument_lines(op: &Operation, t: &PathTemplate) -> Vec<String> {
    use crate::ir::template::Place;
    let mut lines = Vec::new();
    for (param, place) in t.params.iter().zip(t.places()) {
        let (name, placeholder) = (&param.name, &param.placeholder);
        // What the page's parameter table says of it, where it has a row for it.
        let documented = |key: &str| {
            op.function_parameters
                .iter()
                .chain(&op.query_parameters)
                .find(|p| p.name.eq_ignore_ascii_case(key) && !p.description.trim().is_empty())
                .map(|p| prose(p.description.trim().trim_end_matches('.')))
        };
        lines.push(match place {
            Place::Segment {
                before,
                below: false,
            } => format!("- `{name}`: which of `{before}` (the path's `{{{placeholder}}}`)."),
            Place::Segment {
                before,
                below: true,
            } => format!(
                "- `{name}`: the path of an item below `{before}`, its `/`s kept (the path's \
                 `{{{placeholder}}}`)."
            ),
            Place::Within { segment } => match documented(placeholder) {
                Some(d) => format!("- `{name}`: {d} (`{{{placeholder}}}` of `{segment}`)."),
                None => format!("- `{name}`: the `{{{placeholder}}}` of `{segment}` in the path."),
            },
            Place::Query { name: key } => {
                match documented(&key).or_else(|| documented(placeholder)) {
                    Some(d) => format!("- `{name}`: {d} (the query's `{key}`)."),
                    None => format!("- `{name}`: the query's `{key}`."),
                }
            }
        });
    }
    for h in op.required_headers() {
        lines.push(format!(
            "- `{}`: the `{}` header, which the page marks required.",
            super::query::header_arg(h),
            h.name()
        ));
    }
    lines
}

fn piece(p: &Piece) -> TokenStream {
    match p {
        Piece::Literal(l) => lit(l),
        Piece::Param(name) | Piece::Path(name) => {
            let pid = crate::emit::ident(&crate::plan::calls::arg_name(name));
            quote!(#pid)
        }
    }
}

/// The final call that fills `t`: its first `step_params` parameters come from the steps
/// before it (none on the client itself, `at_root`), the others are its arguments.
/// A final call to print: the operation and the template it fills, its name and where its
/// arguments come from.
struct FinalCall<'a> {
    op_index: usize,
    op: &'a Operation,
    t: &'a PathTemplate,
    /// The index of `t` in the operation's templates.
    template: usize,
    name: &'a str,
    /// The name of the operation's `OperationInfo` constant.
    const_name: &'a str,
    /// How many of the template's parameters the steps before took.
    step_params: usize,
    /// A method of the client itself (its lifetime is the client's).
    at_root: bool,
}

/// How many arguments a final call takes after its path's: the body (JSON or bytes), then each
/// header the page marks required (as `method` declares them).
pub(super) fn value_args(op: &Operation, t: &PathTemplate) -> usize {
    let body = matches!(sends(op, t), Sends::Bytes | Sends::Json);
    usize::from(body) + op.required_headers().len()
}

/// The method of a final call, and how many arguments it takes.
/// `# Example`: the snippet of the first of the operation's own examples that calls this
/// method and has one (the call its conformance test makes, `snippet`).
fn example_docs(ctx: &Ctx, c: &FinalCall) -> TokenStream {
    for (n, ex) in c.op.examples.iter().enumerate() {
        let this = ex.request.other_host.is_none()
            && ex.request.template.as_ref().map(|(t, _)| *t) == Some(c.template);
        if !this {
            continue;
        }
        let mut names = std::collections::BTreeSet::new();
        let Ok(planned) =
            crate::plan::cases::example_test(&ctx.plan, c.op_index, c.op, n, ex, &mut names)
        else {
            continue;
        };
        if planned.call.op_index != c.op_index {
            continue;
        }
        let snippet = super::snippet::snippet(ctx, &planned);
        let Some(text) = super::snippet::render(ctx, &planned, &snippet) else {
            continue;
        };
        let name = ex.name.as_deref().unwrap_or("example");
        let head = doc(&[
            String::new(),
            "# Example".into(),
            String::new(),
            format!(
                "`{name}` at `{}`, as its conformance test sends it (doctests are off: the \
                 test compiles and replays it):",
                ctx.cite(&ex.request.location.file, ex.request.location.line)
            ),
            String::new(),
        ]);
        let code = super::literal::doc_code("ignore", &text);
        return quote!(#head #code);
    }
    TokenStream::new()
}

fn method(ctx: &Ctx, c: &FinalCall) -> (MethodItem, usize) {
    let FinalCall {
        op_index,
        op,
        t,
        name,
        step_params,
        at_root,
        ..
    } = *c;
    let ident = crate::emit::ident(name);
    let http_method = format_ident!("{}", t.method.as_str());
    let fill = t.filling();
    let mut params: Vec<TokenStream> = Vec::new();
    let mut from_steps = Vec::new();
    let mut checks = Vec::new();
    for (i, name) in fill.params.iter().enumerate() {
        let pid = crate::emit::ident(&crate::plan::calls::arg_name(name));
        let pname = lit(name);
        if i < step_params {
            from_steps.push(quote!(let #pid: &str = self.0.param(#i);));
        } else {
            params.push(quote!(#pid: &str));
        }
        checks.push(quote!(.path_param(#pname, #pid)));
    }
    let query = query_pairs(&fill);
    let root = quote!(crate);
    let body = match sends(op, t) {
        Sends::Nothing => None,
        // The content of a file: its bytes (set `Content-Type` with `.header()`).
        Sends::Bytes => {
            params.push(quote!(body: &[u8]));
            Some(quote!(.bytes_body(body)))
        }
        Sends::Empty => Some(quote!(.json_body(&::serde_json::Map::new()))),
        Sends::Json => {
            let ty = ctx
                .request_type(op_index, &root)
                .unwrap_or_else(|| quote!(::serde_json::Value));
            params.push(quote!(body: &#ty));
            Some(quote!(.json_body(body)))
        }
    };
    // A header the page marks required is an argument, after the body.
    let headers: Vec<TokenStream> = op
        .required_headers()
        .into_iter()
        .map(|h| {
            let pid = crate::emit::ident(super::query::header_arg(h));
            let name = lit(h.name());
            params.push(quote!(#pid: &str));
            quote!(.header(#name, #pid))
        })
        .collect();
    let returns = returns(op, t);
    let (ret, decode) = return_type(ctx, &returns);
    let call = call_type(op, at_root, &ret);
    let client = if at_root {
        quote!(self)
    } else {
        quote!(self.0.client())
    };
    let docs = doc(&method_docs(ctx, c, &returns));
    let example = example_docs(ctx, c);
    let docs = quote!(#docs #example);
    let gone = crate::emit::deprecated(
        ctx.api
            .deprecation(&Shipped::Operation { id: op.id.clone() })
            .or_else(|| {
                ctx.api.deprecation(&Shipped::Call {
                    operation: op.id.clone(),
                    key: t.key(),
                })
            }),
    );
    let docs = quote!(#docs #gone);
    let template = lit(&t.raw);
    let path = path_tokens(&fill);
    let arity = params.len();
    debug_assert_eq!(
        arity,
        fill.params.len().saturating_sub(step_params) + value_args(op, t),
        "value_args counts what a final call takes besides its path"
    );
    let method = MethodItem {
        cfg: TokenStream::new(),
        docs,
        sig: quote!(fn #ident(&self, #(#params),*) -> #call),
        body: quote!({
            #(#from_steps)*
            #client.call(::reqwest::Method::#http_method, #path, #template, #decode)
                #(#checks)*
                #(#query)*
                #body
                #(#headers)*
        }),
    };
    (method, arity)
}

/// The `Call` a method returns: its lifetime, what it decodes to, and the marker of the query
/// options its page documents.
fn call_type(op: &Operation, at_root: bool, ret: &TokenStream) -> TokenStream {
    let life = if at_root { quote!('_) } else { quote!('a) };
    match super::query::marker(&super::query::Documented::of(op)) {
        Some(m) => {
            let m = crate::emit::ident(&m);
            quote!(Call<#life, #ret, crate::query::#m>)
        }
        None => quote!(Call<#life, #ret>),
    }
}

/// The query pairs a method sends every call, their placeholders filled with its arguments
/// (the runtime encodes the query).
fn query_pairs(fill: &Filling) -> Vec<TokenStream> {
    fill.query
        .iter()
        .map(|(name, value)| {
            let name = lit(name);
            let value: Vec<TokenStream> = value.iter().map(piece).collect();
            match value.as_slice() {
                [] => quote!(.query(#name, "")),
                [one] => quote!(.query(#name, #one)),
                _ => quote!(.query(#name, [#(#value),*].concat())),
            }
        })
        .collect()
}

/// The path a method builds: literal pieces and encoded parameters, joined at run time.
fn path_tokens(fill: &Filling) -> TokenStream {
    let pieces: Vec<TokenStream> = fill
        .path
        .iter()
        .map(|p| match p {
            Piece::Literal(l) => lit(l.as_str()),
            Piece::Param(name) => {
                let pid = crate::emit::ident(&crate::plan::calls::arg_name(name));
                quote!(&crate::runtime::encode_segment(#pid))
            }
            Piece::Path(name) => {
                let pid = crate::emit::ident(&crate::plan::calls::arg_name(name));
                quote!(&crate::runtime::encode_path(#pid))
            }
        })
        .collect();
    if pieces.len() == 1 {
        quote!(::std::string::String::from(#(#pieces)*))
    } else {
        quote!([#(#pieces),*].concat())
    }
}

/// The type a method returns and the runtime's decoder of it.
fn return_type(ctx: &Ctx, returns: &Returns) -> (TokenStream, TokenStream) {
    let root = quote!(crate);
    match returns {
        Returns::Redirected | Returns::Bytes => (
            quote!(::std::vec::Vec<u8>),
            quote!(crate::runtime::decode_bytes),
        ),
        Returns::Json(shape) => (
            ctx.body_type(shape, &root),
            quote!(crate::runtime::decode_json),
        ),
        Returns::JsonOrAccepted(shape) => {
            let ty = ctx.body_type(shape, &root);
            (
                quote!(crate::runtime::Outcome<#ty>),
                quote!(crate::runtime::decode_or_accepted),
            )
        }
        Returns::Delta(shape) => (
            ctx.delta_type(shape, &root),
            quote!(crate::runtime::decode_json),
        ),
        Returns::Accepted => (
            quote!(crate::runtime::Accepted),
            quote!(crate::runtime::decode_accepted),
        ),
        Returns::Nothing => (quote!(()), quote!(crate::runtime::decode_empty)),
    }
}

#[cfg(test)]
mod tests {
    use super::{returns, sends, Piece, Returns, Sends};
    use crate::read::source::{Lang, SourceFile};

    #[test]
    fn a_raw_value_is_bytes_whatever_the_operation_returns() {
        let md = "# Get thing\n\n## HTTP request\n\n```http\nGET /things/{id}\nGET /things/{id}/$value\nPUT /things/{id}/$value\n```\n\n## Response\n\nReturns `200 OK`.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/things/1\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\"} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"id\": \"1\"}\n```\n";
        let a = crate::analyze_sources(&[SourceFile::new(
            "api/thing-get.md",
            md.into(),
            Lang::English,
        )]);
        let op = &a.api.operations[0];
        let kinds: Vec<&str> = op
            .templates
            .iter()
            .map(|t| match returns(op, t) {
                Returns::Json(_) | Returns::JsonOrAccepted(_) => "json",
                Returns::Delta(_) => "delta",
                Returns::Bytes => "bytes",
                Returns::Redirected => "redirect",
                Returns::Accepted => "accepted",
                Returns::Nothing => "nothing",
            })
            .collect();
        // Only a GET of the raw value reads bytes; writing it returns what the operation does.
        assert_eq!(kinds, ["json", "bytes", "json"]);
    }

    #[test]
    fn a_success_beside_a_documented_accepted_is_an_outcome() {
        let md = "# Create session\n\n## HTTP request\n\n```http\nPOST /workbook/createSession\n```\n\n## Response\n\nIf successful, this method returns a `201 Created` response code and a [workbookSessionInfo](../resources/workbooksessioninfo.md) object in the response body. For a long-running operation, it returns a `202 Accepted` response code and a `Location` header with an empty body in the response.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nPOST https://graph.microsoft.com/v1.0/workbook/createSession\nContent-type: application/json\n\n{\"persistChanges\": true}\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.workbookSessionInfo\"} -->\n```http\nHTTP/1.1 201 Created\nContent-type: application/json\n\n{\"id\": \"s1\", \"persistChanges\": true}\n```\n\n<!-- {\"blockType\": \"request\", \"name\": \"b\"} -->\n```http\nPOST https://graph.microsoft.com/v1.0/workbook/createSession\nPrefer: respond-async\nContent-type: application/json\n\n{\"persistChanges\": true}\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.workbookSessionInfo\"} -->\n```http\nHTTP/1.1 202 Accepted\nLocation: https://graph.microsoft.com/v1.0/operations/1\nContent-type: application/json\n\n{\n}\n```\n";
        let info = SourceFile::new(
            "resources/workbooksessioninfo.md",
            "# workbookSessionInfo resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Id. |\n| persistChanges | Boolean | Saved. |\n\n## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.workbookSessionInfo\"} -->\n```json\n{}\n```\n".into(),
            Lang::English,
        );
        let a = crate::analyze_sources(&[
            info,
            SourceFile::new("api/workbook-createsession.md", md.into(), Lang::English),
        ]);
        let op = &a.api.operations[0];
        assert!(matches!(
            returns(op, &op.templates[0]),
            Returns::JsonOrAccepted(_)
        ));
        let files = crate::emit::emit(&a.api, &crate::emit::EmitOptions::default()).expect("emits");
        let text: String = files.iter().map(|f| f.contents.as_str()).collect();
        assert!(
            text.contains("crate::runtime::Outcome<crate::models::WorkbookSessionInfo>"),
            "{text}"
        );
        assert!(
            text.contains("crate::runtime::decode_or_accepted"),
            "{text}"
        );
        // One test decodes the session, the other follows the 202.
        assert!(text.contains("Outcome::Done(result) = result"), "{text}");
        assert!(
            text.contains("Outcome::Accepted(result) = result"),
            "{text}"
        );
        // The 202 example is replayed as a 202, not as the operation's 201: the mock answers so.
        assert!(text.contains("replayed as `202`"), "{text}");
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(compact.contains("support::replay(202,"), "{text}");
    }

    #[test]
    fn arguments_are_documented_by_what_they_address() {
        let md = "# List calendarView\n\n## HTTP request\n\n```http\nGET /me/calendars/{id}/calendarView?startDateTime={start_datetime}\nPUT /me/drive/root:/{item-path}:/content\n```\n\n## Query parameters\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| startDateTime | String | The start of the time range, in ISO 8601. Required. |\n";
        let a = crate::analyze_sources(&[SourceFile::new(
            "api/calendar-list-calendarview.md",
            md.into(),
            Lang::English,
        )]);
        let files = crate::emit::emit(&a.api, &crate::emit::EmitOptions::default()).expect("emits");
        let text: String = files.iter().map(|f| f.contents.as_str()).collect();
        // A key says which item of which collection it picks, not only its placeholder.
        assert!(
            text.contains("- `calendar_id`: which of `calendars` (the path's `{id}`)."),
            "{text}"
        );
        // A query value takes the description of the page's parameter table.
        assert!(
            text.contains(
                "The start of the time range, in ISO 8601. Required (the query's `startDateTime`)."
            ),
            "{text}"
        );
        // A path address keeps its `/`s, and says so.
        assert!(
            text.contains("the path of an item below `root`, its `/`s kept"),
            "{text}"
        );
    }

    #[test]
    fn a_cast_returns_the_cast_type() {
        let resource = |name: &str, base: &str| {
            SourceFile::new(
                format!("resources/{}.md", name.to_lowercase()),
                format!("# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{base}}} -->\n```json\n{{}}\n```\n"),
                Lang::English,
            )
        };
        let md = "# List members\n\n## HTTP request\n\n```http\nGET /groups/{id}/members\n```\n\n## Response\n\nReturns `200 OK` and a collection of [directoryObject](../resources/directoryobject.md) objects.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/groups/1/members/microsoft.graph.user\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.directoryObject\", \"isCollection\": true} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": [{\"id\": \"1\"}]}\n```\n";
        let a = crate::analyze_sources(&[
            resource("directoryObject", ""),
            resource(
                "user",
                ", \"baseType\": \"microsoft.graph.directoryObject\"",
            ),
            SourceFile::new("api/group-list-members.md", md.into(), Lang::English),
        ]);
        let op = &a.api.operations[0];
        let returned: Vec<Option<&str>> = op
            .templates
            .iter()
            .map(|t| match returns(op, t) {
                Returns::Json(b) if b.collection => match b.resource.as_deref() {
                    Some("directoryObject") => Some("directoryObject"),
                    Some("user") => Some("user"),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        assert_eq!(returned, [Some("directoryObject"), Some("user")]);
        let files = crate::emit::emit(&a.api, &crate::emit::EmitOptions::default()).expect("emits");
        let ops: String = files
            .iter()
            .filter(|f| f.path.ends_with("/src/operations.rs"))
            .map(|f| f.contents.as_str())
            .collect();
        // The method whose docs name the cast template.
        let list = ops
            .match_indices("pub fn list(")
            .find(|(i, _)| {
                let docs = ops.get(i.saturating_sub(4000)..*i).unwrap_or_default();
                let own = docs.rsplit("pub fn ").next().unwrap_or_default();
                own.contains("`GET /groups/{id}/members/microsoft.graph.user`")
            })
            .and_then(|(i, _)| ops.get(i..))
            .and_then(|l| l.split_once('{'))
            .map(|(l, _)| l)
            .unwrap_or_default();
        assert!(list.contains("crate::Page<crate::models::User>"), "{list}");
    }

    #[test]
    fn a_required_typed_header_is_an_argument_and_an_optional_one_a_setter() {
        let md = "# Delete bucket\n\n## HTTP request\n\n```http\nDELETE /planner/buckets/{id}\n```\n\n## Request headers\n\n| Name | Description |\n|:---|:---|\n| Authorization | Bearer {token}. Required. |\n| If-Match | Last known ETag value. Required. |\n| Prefer | return=minimal. Optional. |\n\n## Response\n\nReturns `204 No Content`.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nDELETE https://graph.microsoft.com/v1.0/planner/buckets/b1\nIf-Match: W/\"etag-1\"\nPrefer: return=minimal\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 204 No Content\n```\n";
        let a = crate::analyze_sources(&[SourceFile::new(
            "api/bucket-delete.md",
            md.into(),
            Lang::English,
        )]);
        let files = crate::emit::emit(&a.api, &crate::emit::EmitOptions::default()).expect("emits");
        let text = |path: &str| {
            files
                .iter()
                .find(|f| f.path == path)
                .map(|f| f.contents.clone())
                .unwrap_or_default()
        };
        // Every crate's calls (this one's are in the crate of its area).
        let ops: String = files
            .iter()
            .filter(|f| f.path.ends_with("/src/operations.rs"))
            .map(|f| f.contents.as_str())
            .collect();
        let delete = ops
            .split_once("pub fn delete(")
            .map(|(_, d)| d)
            .unwrap_or_default();
        let signature = delete.split_once('{').map(|(s, _)| s).unwrap_or_default();
        assert!(
            signature.contains("if_match: &str")
                && signature.contains("crate::query::IfMatchPreferOptions"),
            "{signature}"
        );
        assert!(ops.contains(".header(\"If-Match\", if_match)"), "{ops}");
        // The test passes the documented value as the argument, and the optional one by its setter.
        let cases = text("tests/conformance/general/cases.rs");
        assert!(cases.contains(".delete(r#\"W/\"etag-1\"\"#)"), "{cases}");
        assert!(cases.contains(".prefer(\"return=minimal\")"), "{cases}");
        assert!(!cases.contains(".if_match("), "{cases}");
    }

    /// A `202 Accepted` page: `prose` is its Response section, `headers` its example's.
    fn accepted_page(prose: &str, headers: &str) -> crate::ir::Operation {
        let md = format!("# Archive\n\n## HTTP request\n\n```http\nPOST /teams/{{id}}/archive\n```\n\n## Response\n\n{prose}\n\n## Example\n\n<!-- {{\"blockType\": \"request\", \"name\": \"a\"}} -->\n```http\nPOST https://graph.microsoft.com/v1.0/teams/1/archive\n```\n\n<!-- {{\"blockType\": \"response\"}} -->\n```http\nHTTP/1.1 202 Accepted\n{headers}\n```\n");
        let a = crate::analyze_sources(&[SourceFile::new("api/archive.md", md, Lang::English)]);
        a.api.operations[0].clone()
    }

    #[test]
    fn an_accepted_operation_is_followed_where_its_page_says() {
        use crate::ir::FollowHeader;
        let returns_of =
            |op: &crate::ir::Operation| matches!(returns(op, &op.templates[0]), Returns::Accepted);
        // The example's header.
        let op = accepted_page(
            "Returns `202 Accepted`.",
            "Location: /teams('1')/operations('2')",
        );
        assert_eq!(op.success.follow, Some(FollowHeader::Location));
        assert!(returns_of(&op));
        // The prose's, in any language: header names are not translated.
        let op = accepted_page(
            "Retorna `202 Accepted` e um cabeçalho `Operation-Location`.",
            "",
        );
        assert_eq!(op.success.follow, Some(FollowHeader::OperationLocation));
        // Neither: a 202 that says nothing about where to follow it returns `()`.
        let op = accepted_page(
            "Returns `202 Accepted`; the location of the file is kept.",
            "",
        );
        assert_eq!(op.success.follow, None);
        assert!(!returns_of(&op));
    }

    #[test]
    fn file_content_is_uploaded_as_bytes() {
        let md = "# Upload content\n\n## HTTP request\n\n```http\nPUT /me/drive/items/{item-id}/content\n```\n\n## Response\n\nReturns `201 Created`.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nPUT https://graph.microsoft.com/v1.0/me/drive/items/1/content\nContent-Type: text/plain\n\nThe contents of the file.\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 201 Created\nContent-type: application/json\n\n{\"id\": \"1\"}\n```\n";
        let a =
            crate::analyze_sources(&[SourceFile::new("api/upload.md", md.into(), Lang::English)]);
        let op = &a.api.operations[0];
        assert_eq!(sends(op, &op.templates[0]), Sends::Bytes);
        assert_eq!(
            op.examples[0].request.raw_body.as_deref(),
            Some("The contents of the file.")
        );
        let files = crate::emit::emit(&a.api, &crate::emit::EmitOptions::default()).expect("emits");
        let ops = files
            .iter()
            .find(|f| f.path == "crates/docs-client-general/src/operations.rs")
            .expect("the operations of the area's crate");
        let compact: String = ops.contents.split_whitespace().collect();
        assert!(compact.contains("body:&[u8]"), "{}", ops.contents);
        assert!(compact.contains(".bytes_body(body)"));
        let cases = files
            .iter()
            .find(|f| f.path.ends_with("cases.rs"))
            .expect("cases");
        assert!(cases.contents.contains("assert_bytes_body"));
    }

    #[test]
    fn a_method_fills_its_own_template_and_nothing_else() {
        let loc = crate::base::Location {
            file: "x.md".into(),
            line: 1,
            col: 1,
        };
        let t = crate::ir::PathTemplate::parse(
            crate::base::Method::Get,
            "/users/{user-id}/calendar/getSchedule(start='{start}')?$top={n}",
            loc.clone(),
        )
        .unwrap();
        let f = t.filling();
        let names: Vec<&str> = t.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            f.params, names,
            "every placeholder is an argument, in order"
        );
        assert_eq!(f.path.first(), Some(&Piece::Literal("/users/".into())));
        assert_eq!(f.path.get(1), Some(&Piece::Param(names[0])));
        // The literal text between the placeholders is the template's, unencoded (the URL
        // parser encodes it as the tests expect).
        let literal: String = f
            .path
            .iter()
            .map(|p| match p {
                Piece::Literal(l) => l.clone(),
                Piece::Param(n) | Piece::Path(n) => format!("{{{n}}}"),
            })
            .collect();
        assert!(literal.starts_with("/users/{"), "{literal}");
        assert!(
            literal.contains("/calendar/getSchedule(start='"),
            "{literal}"
        );
        let root = crate::ir::PathTemplate::parse(crate::base::Method::Get, "/", loc).unwrap();
        assert_eq!(root.filling().path, [Piece::Literal("/".into())]);
    }
}
