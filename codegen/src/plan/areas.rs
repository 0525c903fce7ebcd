//! API areas: each page's `ms.prod` (its product area) becomes a cargo feature. An operation is
//! compiled with its page's feature; a type with every feature whose operations (or resource
//! pages) reach it through request, response and property types, so a feature pulls in exactly
//! the types it needs. `full` turns every area on and is the default.
//!
//! Each area is also a crate (`crates`). An operation's call, body struct and info constant are
//! needed by its own area and by the areas of the operations whose calls fill its templates
//! (other pages documenting the same request: `Areas::calls`), so an operation's body types are
//! roots of every such area; reach through properties is transitive, and a type every area
//! reaches is always on. A client built with one area compiles the core's shared part for that
//! area and the area's crate: exactly its operations and the types they reach. A page without
//! `ms.prod`, or one naming a feature of the facade's own (`full`, `default`, `test-util`), is in
//! `general`. Printing the features and `cfg`s is `emit::cfg`.

use super::calls::{Calls, NodeId};
use super::crates::Home;
use crate::ir::names::fold;
use crate::ir::{Api, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// The area of pages whose `ms.prod` is missing or empty.
pub const GENERAL: &str = "general";

#[derive(Debug, Default)]
pub struct Areas {
    /// Every area, sorted.
    pub all: BTreeSet<String>,
    /// Per operation (same order as `api.operations`).
    pub operations: Vec<String>,
    /// Lower-cased documented type name -> the areas that reach it.
    pub types: BTreeMap<String, BTreeSet<String>>,
    /// Per operation, its area and the areas of the operations whose calls fill its templates
    /// (other pages documenting the same request): where its call, body struct and info
    /// constant are needed.
    pub calls: Vec<BTreeSet<String>>,
}

/// `Microsoft Teams` -> `microsoft-teams`: lower case, runs of other characters as one `-`.
pub fn feature_name(prod: &str) -> String {
    let mut out = String::new();
    for c in prod.trim().trim_matches(['"', '\'']).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    // The facade's own features: an area of that name would clash with them.
    if out.is_empty() || out == "full" || out == "default" || out == "test-util" {
        GENERAL.to_string()
    } else {
        out
    }
}

impl Areas {
    pub fn new(
        api: &Api,
        index: &crate::ir::index::ResourceIndex,
        calls: &super::calls::Calls,
    ) -> Areas {
        let page_area: BTreeMap<&str, String> = api
            .pages
            .iter()
            .map(|p| {
                let prod = p.front_matter.get("ms.prod").map(String::as_str);
                (p.path.as_str(), feature_name(prod.unwrap_or("")))
            })
            .collect();
        let area_of = |page: &str| {
            page_area
                .get(page)
                .cloned()
                .unwrap_or_else(|| GENERAL.to_string())
        };
        let mut out = Areas {
            operations: api.operations.iter().map(|op| area_of(&op.page)).collect(),
            ..Default::default()
        };
        out.all.extend(out.operations.iter().cloned());
        out.calls = out
            .operations
            .iter()
            .map(|a| BTreeSet::from([a.clone()]))
            .collect();
        for (oi, op) in api.operations.iter().enumerate() {
            for ti in 0..op.templates.len() {
                if let (Some(f), Some(area)) = (calls.final_of(oi, ti), out.operations.get(oi)) {
                    if let Some(set) = out.calls.get_mut(f.fills.op) {
                        set.insert(area.clone());
                    }
                }
            }
        }
        // Roots: the body types of each operation (what each of its templates returns: a cast
        // returns its own type) and the types of its request body table's members (the body
        // struct's fields), in every area whose calls name them, and each resource or enum in
        // its page's area.
        let mut roots: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (op, areas) in api.operations.iter().zip(&out.calls) {
            for area in areas {
                let entry = roots.entry(area.clone()).or_default();
                for shape in [&op.request_body, &op.response_body].into_iter().flatten() {
                    if let Some(r) = &shape.resource {
                        entry.insert(fold(r));
                    }
                }
                for t in &op.templates {
                    if let super::returns::Returns::Json(shape)
                    | super::returns::Returns::JsonOrAccepted(shape) =
                        super::returns::returns(op, t)
                    {
                        entry.extend(shape.resource.as_deref().map(fold));
                    }
                }
                for member in &op.body_properties {
                    if let Some(n) = member.ty.as_ref().and_then(TypeRef::named) {
                        entry.insert(fold(n));
                    }
                }
            }
        }
        for r in &api.resources {
            let area = area_of(&r.page);
            out.all.insert(area.clone());
            roots.entry(area).or_default().insert(fold(&r.name));
        }
        for e in &api.enums {
            let area = area_of(&e.page);
            out.all.insert(area.clone());
            roots.entry(area).or_default().insert(fold(&e.name));
        }
        out.types = reached(index, roots);
        out
    }

    /// The areas that reach a documented type (resource or enum).
    pub fn of_type(&self, documented: &str) -> BTreeSet<String> {
        self.types
            .get(&fold(documented))
            .cloned()
            .unwrap_or_default()
    }

    /// The areas of what an operation's call needs (its request body struct, its info
    /// constant): the areas of every operation whose call fills its templates, and its own.
    pub fn of_call(&self, op_index: usize) -> BTreeSet<String> {
        self.calls.get(op_index).cloned().unwrap_or_default()
    }
}

/// The areas that reach each type (lower case), from each area's roots: what a type reaches
/// through its properties (base types' included), and a polymorphic base its derived types.
fn reached(
    index: &crate::ir::index::ResourceIndex,
    roots: BTreeMap<String, BTreeSet<String>>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut types: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (area, names) in roots {
        let mut stack: Vec<String> = names.into_iter().collect();
        while let Some(name) = stack.pop() {
            let set = types.entry(name.clone()).or_default();
            if !set.insert(area.clone()) {
                continue;
            }
            // A value of a polymorphic base may be any of its derived types.
            for d in index.derived_types(&name).into_iter().flatten() {
                stack.push(fold(&d.name));
            }
            let Some(r) = index.get(&name) else { continue };
            for p in index.fields(r) {
                if let Some(n) = p.ty.named() {
                    stack.push(fold(n));
                }
            }
        }
    }
    types
}

/// Where the call tree's parts live: the areas whose operations reach each node and each final
/// call, and so each node's crate (`Home::of`); and the templates that continue from each node,
/// for its docs.
#[derive(Debug, Default)]
pub struct Reach {
    /// Per node of `Calls::nodes`.
    pub nodes: Vec<BTreeSet<String>>,
    /// Per final call, by (node, index among its finals).
    pub finals: BTreeMap<(NodeId, usize), BTreeSet<String>>,
    /// Per node: the client (node 0) is the core's, a step its areas' crate.
    pub homes: Vec<Home>,
    /// Per node: `METHOD /template` of every template through it, in the order of the calls.
    pub onward: Vec<Vec<String>>,
}

impl Reach {
    pub fn new(api: &Api, calls: &Calls, areas: &Areas) -> Reach {
        let mut nodes: Vec<BTreeSet<String>> = vec![BTreeSet::new(); calls.nodes.len()];
        let mut finals: BTreeMap<(NodeId, usize), BTreeSet<String>> = BTreeMap::new();
        let mut onward: Vec<Vec<String>> = vec![Vec::new(); calls.nodes.len()];
        for (oi, op) in api.operations.iter().enumerate() {
            let area = areas.operations.get(oi);
            for (ti, chain) in calls.chains.get(oi).into_iter().flatten().enumerate() {
                let template = op
                    .templates
                    .get(ti)
                    .map(|t| format!("`{} {}`", t.method, t.raw));
                for s in &chain.steps {
                    let (from, Some(to)) = (s.node, calls.step(*s).map(|step| step.to)) else {
                        continue;
                    };
                    if let Some(areas) = nodes.get_mut(to.0) {
                        areas.extend(area.cloned());
                    }
                    if let (Some(t), Some(list)) = (&template, onward.get_mut(from.0)) {
                        list.push(t.clone());
                    }
                }
                finals
                    .entry((chain.last, chain.final_index))
                    .or_default()
                    .extend(area.cloned());
            }
        }
        let homes = nodes
            .iter()
            .enumerate()
            .map(|(n, a)| if n == 0 { Home::Core } else { Home::of(a) })
            .collect();
        Reach {
            nodes,
            finals,
            homes,
            onward,
        }
    }

    /// The areas that reach node `n` (the client: every area).
    pub fn node<'a>(&'a self, n: NodeId, areas: &'a Areas) -> &'a BTreeSet<String> {
        static NONE: BTreeSet<String> = BTreeSet::new();
        if n.is_client() {
            &areas.all
        } else {
            self.nodes.get(n.0).unwrap_or(&NONE)
        }
    }

    /// The areas whose operations reach final call `k` of node `n`.
    pub fn final_call(&self, n: NodeId, k: usize) -> BTreeSet<String> {
        self.finals.get(&(n, k)).cloned().unwrap_or_default()
    }

    /// The crate of node `n`'s type.
    pub fn home(&self, n: NodeId) -> Home {
        self.homes.get(n.0).cloned().unwrap_or(Home::Core)
    }

    /// The crate of final call `k` of node `n`, which fills a template of operation `op`: that
    /// of the areas that reach it and the operation's.
    pub fn final_home(&self, n: NodeId, k: usize, op: usize, areas: &Areas) -> Home {
        let mut reach = self.final_call(n, k);
        reach.extend(areas.operations.get(op).cloned());
        Home::of(&reach)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_names() {
        assert_eq!(feature_name("\"Microsoft Teams\""), "microsoft-teams");
        assert_eq!(feature_name("identity-and-sign-in"), "identity-and-sign-in");
        assert_eq!(feature_name(""), GENERAL);
        assert_eq!(feature_name("full"), GENERAL);
        assert_eq!(feature_name("Test Util"), GENERAL);
        assert_eq!(feature_name("'applications'"), "applications");
    }
}
