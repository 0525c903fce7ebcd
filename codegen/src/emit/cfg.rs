//! The features of the crates and the `cfg` of each item, printed from the plan's areas
//! (`plan::areas`) and homes (`plan::crates::Home`): the facade has a feature per area that
//! turns its crate on (`full`, the default, all of them); the core a feature per area, turned on
//! by the area's crate. Only the core's code has a `cfg(any(...))`: an area's code is in its own
//! crate, and what every area (or none) needs is always on. The stand-ins of calls that are off
//! are `operations`' (`Gates`).

use super::{lit, Ctx};
use crate::plan::areas::Areas;
use crate::plan::crates::{Crates, Home};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The core crate's features: one per area, each turned on by the area's crate.
pub(crate) fn core_features(areas: &Areas) -> String {
    let mut out = String::from("[features]\n");
    for a in &areas.all {
        out.push_str(&format!("{a} = []\n"));
    }
    out
}

/// The facade's features: one per area, turning its crate on, and `full` (the default) with all
/// of them.
pub(crate) fn cargo_features(areas: &Areas, crates: &Crates) -> String {
    let mut out =
        String::from("[features]\ndefault = [\"full\"]\n# Every area of the API.\nfull = [");
    let list: Vec<String> = areas.all.iter().map(|a| format!("\"{a}\"")).collect();
    out.push_str(&list.join(", "));
    out.push_str("]\n");
    for a in &areas.all {
        let package = crates
            .areas
            .get(a)
            .map_or(String::new(), |p| format!("\"dep:{p}\""));
        out.push_str(&format!("{a} = [{package}]\n"));
    }
    out
}

/// `#[cfg(...)]` for code of these areas. Only the core's code has one (`Home::of`): the code of
/// one area is in that area's crate, which the area's feature turns on, and what every area
/// (or none) needs is always on.
pub(crate) fn cfg(ctx: &Ctx, areas: &BTreeSet<String>) -> TokenStream {
    if Home::of(areas) != Home::Core || areas.is_empty() || *areas == ctx.areas.all {
        return TokenStream::new();
    }
    let names = areas.iter().map(|a| lit(a));
    quote!(#[cfg(any(#(feature = #names),*))])
}

/// `#[cfg(not(...))]`: the complement of `cfg(ctx, areas)`, for the stand-in of code that is
/// off. Nothing when `areas` is every area or none (the code is never off).
pub(crate) fn not_cfg(ctx: &Ctx, areas: &BTreeSet<String>) -> TokenStream {
    if areas.is_empty() || *areas == ctx.areas.all {
        return TokenStream::new();
    }
    let names = areas.iter().map(|a| lit(a));
    quote!(#[cfg(not(any(#(feature = #names),*)))])
}

/// The `cfg` of a documented type (resource or enum).
pub(crate) fn type_cfg(ctx: &Ctx, documented: &str) -> TokenStream {
    cfg(ctx, &ctx.areas.of_type(documented))
}

/// The `cfg` of what an operation's call needs.
pub(crate) fn call_cfg(ctx: &Ctx, op_index: usize) -> TokenStream {
    cfg(ctx, &ctx.areas.of_call(op_index))
}
