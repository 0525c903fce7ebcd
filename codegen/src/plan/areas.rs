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
        // Roots: the body types of each operation and the types of its request body table's
        // members (the body struct's fields), in every area whose calls name them, and each
        // resource or enum in its page's area.
        let mut roots: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (op, areas) in api.operations.iter().zip(&out.calls) {
            for area in areas {
                let entry = roots.entry(area.clone()).or_default();
                for shape in [&op.request_body, &op.response_body].into_iter().flatten() {
                    if let Some(r) = &shape.resource {
                        entry.insert(fold(r));
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
        // What each type reaches through its properties (base types' included).
        for (area, names) in roots {
            let mut stack: Vec<String> = names.into_iter().collect();
            while let Some(name) = stack.pop() {
                let set = out.types.entry(name.clone()).or_default();
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
