//! What the docs imply across pages but no single page writes down, found once every page is
//! modelled. `identity` runs first (`run::analyze::assemble`: merged resources, operation ids,
//! type references), then `derive` here, one pass per file, in this order:
//! - `alias`: literal roots that stand for parametrized ones (`/me` for `/users/{id}`);
//! - `mounts`: templates that start inside another resource, mounted where their own operation's
//!   examples are (never by another page's example);
//! - `shorthands`: roots the Methods tables write for a longer literal path;
//! - `spellings`: casts, the OData key syntax and function arguments, where examples write them;
//! - `relationships`: single-valued relationships standing for an item of a collection;
//! - `bodies`: what updates and creates send, polymorphic responses;
//! - `hosts`: examples calling another host than the API's;
//! - `moved`: examples that show another operation's call, and root singleton reads.
//!
//! Derived templates are appended after the documented ones (indices of documented templates do
//! not move) and say why they exist (the reason is the method's rustdoc); examples that matched
//! no template are matched again (`spellings::rematch`). Shorthand and key-syntax spellings, and
//! the entity itself through an alias, are added only where an example uses them (the
//! documented spelling already offers every call). Every threshold is in `read::rules`.
//!
//! May import: base, ir, read, page.

use self::alias::{aliased, aliases, Evidence};
use self::bodies::{created_resources, polymorphic_responses, updated_resources};
use self::hosts::mark_other_hosts;
use self::mounts::{mounted, mounts};
use self::moved::examples_of_other_operations;
use self::relationships::{single_relationships, through_single_relationships};
use self::shorthands::{shortened, shorthands};
use self::spellings::{casts, key_syntax, rematch, with_function_arguments, without_arguments};
use crate::base::Method;
use crate::ir::template::{self, same_shape, Part};
use crate::ir::{Api, Operation, PathTemplate};
use rayon::prelude::*;

pub fn derive(api: &mut Api) {
    let aliases = aliases(&api.operations);
    // Each operation's mounts, from its own examples; any page's template names a prefix's
    // placeholders.
    let mounts: Vec<_> = {
        let documented: Vec<&[Vec<Part>]> = api
            .operations
            .iter()
            .flat_map(|op| &op.templates)
            .map(|t| t.segments.as_slice())
            .collect();
        api.operations
            .par_iter()
            .map(|op| mounts(op, &documented))
            .collect()
    };
    let singles = single_relationships(api);
    let shorthands = shorthands(api);
    updated_resources(api);
    created_resources(api);
    polymorphic_responses(api);
    // Each operation's templates from its own and the shared tables only: in parallel.
    api.operations
        .par_iter_mut()
        .zip(mounts)
        .for_each(|(op, mounts)| {
            let mut added = Vec::new();
            let mut if_used = Vec::new();
            for t in &op.templates {
                match aliased(t, &aliases) {
                    Some((a, Evidence::Documented)) => added.push(a),
                    Some((a, Evidence::IfUsed)) => if_used.push(a),
                    None => {}
                }
                added.extend(mounted(t, &mounts));
            }
            added.extend(used_by_examples(op, if_used));
            for t in added {
                if !op.templates.iter().any(|o| same_shape(o, &t)) {
                    op.templates.push(t);
                }
            }
            rematch(op);
            for t in with_function_arguments(op)
                .into_iter()
                .chain(through_single_relationships(op, &singles, &shorthands))
            {
                if !op.templates.iter().any(|o| same_shape(o, &t)) {
                    op.templates.push(t);
                }
            }
            // Other spellings of documented templates, only where an example uses them: the
            // documented spelling already offers every call.
            let casts = used_by_examples(op, casts(op));
            op.templates.extend(casts);
            let bare = used_by_examples(op, without_arguments(op));
            op.templates.extend(bare);
            let keys: Vec<PathTemplate> = op.templates.iter().filter_map(key_syntax).collect();
            let keys = used_by_examples(op, keys);
            op.templates.extend(keys);
            let short: Vec<PathTemplate> = op
                .templates
                .iter()
                .filter_map(|t| shortened(t, &shorthands))
                .collect();
            let short = used_by_examples(op, short);
            op.templates.extend(short);
            rematch(op);
        });
    mark_other_hosts(api);
    examples_of_other_operations(api);
}

/// The candidates that an example without a template matches, and that no template has yet.
fn used_by_examples(op: &Operation, candidates: Vec<PathTemplate>) -> Vec<PathTemplate> {
    let unmatched: Vec<(Method, Vec<Vec<Part>>)> = op
        .examples
        .iter()
        .filter(|e| e.request.template.is_none())
        .map(|e| (e.request.method, template::parse_path(&e.request.path)))
        .collect();
    let mut out: Vec<PathTemplate> = Vec::new();
    for t in candidates {
        let used = unmatched
            .iter()
            .any(|(m, e)| t.method == *m && template::match_path(&t.segments, e).is_some());
        let known = op.templates.iter().chain(&out).any(|o| same_shape(o, &t));
        if used && !known {
            out.push(t);
        }
    }
    out
}

mod alias;
mod bodies;
mod hosts;
pub mod identity;
mod mounts;
mod moved;
mod relationships;
mod shorthands;
mod spellings;
#[cfg(test)]
mod tests;
