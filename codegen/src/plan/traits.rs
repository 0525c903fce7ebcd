//! The traits the call tree needs beside its step types, named once in the order of the calls
//! (a name taken first keeps it):
//! - an **extension trait** per step and area whose calls on the step live in the area's crate
//!   while the step lives in another (`OutlookMe`: only the core may give its types inherent
//!   methods); the facade's `prelude` brings them into scope;
//! - a **gate** per set of areas some call needs where its step exists without them
//!   (`features::Sharepoint`): the bound of the call's hidden stand-in, which no type meets, so
//!   that rustc names the cargo feature at the call.
//!
//! `emit::operations` prints both.

use super::areas::{Areas, Reach};
use super::calls::{Calls, NodeId};
use super::crates::Home;
use super::naming;
use crate::ir::Api;
use std::collections::{BTreeMap, BTreeSet};

/// The extension traits: (node, area) -> the trait's name.
#[derive(Debug, Default)]
pub struct Extensions {
    pub traits: BTreeMap<(NodeId, String), String>,
    /// The names taken in the operations modules' type namespace: every step type, `Client`,
    /// and the traits named so far.
    used: BTreeSet<String>,
}

impl Extensions {
    /// Every extension trait of the tree, named in the order of the steps.
    pub fn new(calls: &Calls, areas: &Areas, reach: &Reach) -> Extensions {
        let mut out = Extensions {
            traits: BTreeMap::new(),
            used: calls.nodes.iter().map(|n| n.type_name.clone()).collect(),
        };
        out.used.insert("Client".into());
        for (n, node) in calls.each_node() {
            let here = reach.home(n);
            for child in node.steps.iter().map(|s| s.to) {
                out.register(calls, n, &here, &reach.home(child));
            }
            for (k, f) in node.finals.iter().enumerate() {
                let home = reach.final_home(n, k, f.fills.op, areas);
                out.register(calls, n, &here, &home);
            }
        }
        out
    }

    /// Names the trait of the calls homed at `to` on node `n` (homed at `here`), if they are
    /// not the step's own.
    fn register(&mut self, calls: &Calls, n: NodeId, here: &Home, to: &Home) {
        let Home::Area(area) = to else { return };
        if here == to || self.traits.contains_key(&(n, area.clone())) {
            return;
        }
        let step = if n.is_client() {
            "Client"
        } else {
            calls.node(n).map_or("Step", |node| node.type_name.as_str())
        };
        let base = super::calls::limit(&format!("{}{step}", naming::camel(area)), true);
        let name = naming::unique(&base, "", &mut self.used);
        self.traits.insert((n, area.clone()), name);
    }

    /// The trait of `area`'s calls on node `n`.
    pub fn name(&self, n: NodeId, area: &str) -> Option<&String> {
        self.traits.get(&(n, area.to_string()))
    }
}

/// The gates: each set of areas that some stand-in needs -> its trait's name.
#[derive(Debug, Default)]
pub struct Gates {
    pub traits: BTreeMap<BTreeSet<String>, String>,
}

impl Gates {
    /// Every gate of the tree, named in the order of the calls.
    pub fn new(api: &Api, calls: &Calls, areas: &Areas, reach: &Reach) -> Gates {
        let mut out = Gates::default();
        for (n, node) in calls.each_node() {
            let here = reach.node(n, areas);
            for child in node.steps.iter().map(|s| s.to) {
                out.register(areas, reach.node(child, areas), here);
            }
            for (k, f) in node.finals.iter().enumerate() {
                // As the calls are made: a final call without its template makes none.
                if api
                    .operations
                    .get(f.fills.op)
                    .is_some_and(|op| op.templates.get(f.fills.template).is_some())
                {
                    out.register(areas, &reach.final_call(n, k), here);
                }
            }
        }
        out
    }

    /// Whether a call of `areas` on a step that exists for the areas `here` needs a stand-in:
    /// not when the call exists wherever its step does.
    pub fn needed(all: &Areas, areas: &BTreeSet<String>, here: &BTreeSet<String>) -> bool {
        !(areas.is_empty() || *areas == all.all || here.is_subset(areas))
    }

    /// Names the trait of a call of `areas` on a step of `here`, when it needs a stand-in.
    fn register(&mut self, all: &Areas, areas: &BTreeSet<String>, here: &BTreeSet<String>) {
        if Gates::needed(all, areas, here) {
            self.name(areas);
        }
    }

    /// The trait of a set of areas: their names in camel case, or a hash of them past the
    /// identifier limit or where two sets would read alike.
    fn name(&mut self, areas: &BTreeSet<String>) -> String {
        if let Some(name) = self.traits.get(areas) {
            return name.clone();
        }
        let joined: Vec<&str> = areas.iter().map(String::as_str).collect();
        let mut name = naming::camel(&joined.join(" or "));
        if name.len() > super::MAX_IDENT || self.traits.values().any(|n| *n == name) {
            name = format!("Areas{:016x}", super::calls::hash(&joined.join(",")));
        }
        self.traits.insert(areas.clone(), name.clone());
        name
    }
}
