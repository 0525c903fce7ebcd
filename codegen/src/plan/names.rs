//! Every type's and operation's name, decided once before any token is printed: the model of
//! each resource and enum, the struct of each polymorphic base's own properties
//! (`AttachmentBase`), and one `OperationNames` per operation (its `OperationInfo` constant and
//! body struct, both named by the operation id, so an id change is a major change); and which
//! models carry `@odata.etag` (`etag_carriers`).

use super::naming;
use crate::ir::index::ResourceIndex;
use crate::ir::names::fold;
use crate::ir::Api;
use std::collections::{BTreeMap, BTreeSet};

/// The names one operation gets (its calls are in `Ctx::calls`).
pub struct OperationNames {
    /// The name of its `OperationInfo` constant.
    pub info_const: String,
    /// The struct of its request body when its request body table types it
    /// (`message_send` -> `MessageSendBody`).
    pub body: Option<String>,
}

fn unique(name: String, used: &mut BTreeSet<String>) -> String {
    naming::unique(&name, "_", used)
}

/// The resources whose documented responses (an object, or the items of a collection) carry
/// `@odata.etag`, with every type derived from one of them, unless a page documents it as a
/// property (its field exists already).
pub fn etag_carriers(api: &Api, index: &ResourceIndex) -> BTreeSet<String> {
    let carries = |v: &serde_json::Value| {
        v.get("@odata.etag").is_some()
            || v.get("value")
                .and_then(|a| a.as_array())
                .is_some_and(|items| items.iter().any(|i| i.get("@odata.etag").is_some()))
    };
    let mut shown = BTreeSet::new();
    for op in &api.operations {
        let Some(resource) = op
            .response_body
            .as_ref()
            .and_then(|b| b.resource.as_deref())
        else {
            continue;
        };
        let any = op
            .examples
            .iter()
            .flat_map(|e| e.response.iter().chain(e.more_responses.iter()))
            .filter_map(|r| r.body.as_ref())
            .any(|b| carries(&b.value));
        if any {
            shown.insert(fold(resource));
        }
    }
    api.resources
        .iter()
        .filter(|r| {
            index
                .chain(r)
                .iter()
                .any(|c| shown.contains(&fold(&c.name)))
        })
        // A page that documents `@odata.etag` as a property has its field already.
        .filter(|r| {
            !index
                .fields(r)
                .iter()
                .any(|p| p.name.eq_ignore_ascii_case("@odata.etag"))
        })
        .map(|r| fold(&r.name))
        .collect()
}

/// Every type's and operation's name, decided once: resources first, then enums a resource
/// does not already name, the structs of polymorphic bases, and each operation's info constant
/// and body struct; names unique.
pub(super) fn names(api: &Api, index: &ResourceIndex) -> Names {
    let mut types = BTreeMap::new();
    let mut used = BTreeSet::new();
    let mut enums = BTreeSet::new();
    let documented: Vec<(&String, bool)> = api
        .resources
        .iter()
        .map(|r| (&r.name, false))
        .chain(api.enums.iter().map(|e| (&e.name, true)))
        .collect();
    let shipped = &api.shipped_types;
    // A name that has shipped is its type's before the rules name the others.
    let mut first: BTreeSet<String> = BTreeSet::new();
    for &(documented, _) in &documented {
        let key = fold(documented);
        if !first.insert(key.clone()) {
            continue;
        }
        if let Some(name) = shipped.types.get(&key) {
            if used.insert(name.clone()) {
                types.insert(key, name.clone());
            }
        }
    }
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (documented, is_enum) in documented {
        let key = fold(documented);
        if !seen.insert(key.clone()) {
            continue;
        }
        if is_enum {
            enums.insert(key.clone());
        }
        types
            .entry(key)
            .or_insert_with(|| naming::unique(&naming::camel(documented), "", &mut used));
    }
    // After every documented name, so that no documented type changes its name.
    let mut bases = BTreeMap::new();
    for r in &api.resources {
        let key = fold(&r.name);
        if index.derived_types(&r.name).is_some() && !bases.contains_key(&key) {
            if let Some(name) = types.get(&key) {
                let base = shipped
                    .bases
                    .get(&key)
                    .filter(|b| used.insert((*b).clone()))
                    .cloned()
                    .unwrap_or_else(|| naming::unique(&format!("{name}Base"), "", &mut used));
                bases.insert(key, base);
            }
        }
    }
    // The struct of a base that no longer has derived types is the type itself now: its
    // shipped name stays, as another name of it.
    let mut aliases = BTreeMap::new();
    for (key, base) in &shipped.bases {
        if types.contains_key(key) && !bases.contains_key(key) && used.insert(base.clone()) {
            aliases.insert(key.clone(), base.clone());
        }
    }
    let bodies: Vec<Option<String>> = api
        .operations
        .iter()
        .map(|op| {
            index
                .request_body_from_table(op)
                .then(|| naming::unique(&format!("{}Body", naming::camel(&op.id)), "", &mut used))
        })
        .collect();
    let mut used_consts = BTreeSet::new();
    let ops = api
        .operations
        .iter()
        .zip(bodies)
        .map(|(op, body)| OperationNames {
            info_const: unique(naming::shouty(&op.id), &mut used_consts),
            body,
        })
        .collect();
    Names {
        types,
        enums,
        bases,
        aliases,
        ops,
    }
}

/// What [`names`] decides: the fields of [`Plan`](super::Plan) of the same names.
pub(super) struct Names {
    pub(super) types: BTreeMap<String, String>,
    pub(super) enums: BTreeSet<String>,
    pub(super) bases: BTreeMap<String, String>,
    pub(super) aliases: BTreeMap<String, String>,
    pub(super) ops: Vec<OperationNames>,
}
