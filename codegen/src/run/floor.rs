//! The previous release as a floor: a crate generated again keeps what its previous release
//! exposed (the API it was generated from, `api.ir.json` beside the crate), so that a change of
//! how the docs are written does not break the code of its users. What the previous release
//! had and the new docs no longer document is put back into the new API and listed in
//! `Api::deprecated` with where it was last documented, the version and what the docs document
//! instead; the emitter marks it `#[deprecated]`. A major release (`codegen --bump major`) does
//! not apply the floor.
//!
//! What is kept, by what identifies it in the API (never by a generated name):
//! - an operation by its page and id, else by its page when the page documents one operation
//!   in both, else by the operation that now answers its first call (`call_key`); one that
//!   none is, with its lost calls, and nothing of it when each of its calls now belongs to
//!   another operation (`Kept::moved`);
//! - a call (method and path, `call_key`) that no operation of the new docs answers, on the
//!   operation that is kept;
//! - a resource by its folded name, and each property its struct no longer has (own or
//!   inherited, case folded as the Rust field is);
//! - an enum by its folded name, and each member it no longer lists.
//!
//! An item deprecated by an earlier run stays deprecated with the note it got then. The stored
//! API holds no examples: an item the docs no longer document gets no conformance test.
//!
//! A change that would break code in place is held back (`Api::deferred`, listed in the
//! changelog under "Next major"): a property keeps its shipped type; an operation keeps the query
//! options, headers and body members it shipped with, their types and requiredness, and its
//! shipped return and request types (`plan::surface`), and then its examples get no test, with
//! that reason (`plan::cases`).

use crate::ir::index::ResourceIndex;
use crate::ir::names::{disambiguated_id, fold};
use crate::ir::pairing::{pair_operations, Identity};
use crate::ir::{Api, Deferred, DeferredKind, Deprecated, Operation, Shipped, TypeRef};
use crate::plan::surface::{call_return_type, request_type, return_type};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What the floor put back, by kind, and what it could not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Kept {
    /// Operations put back whole.
    pub operations: usize,
    /// Calls put back on an operation the docs still document.
    pub calls: usize,
    /// Resource types put back whole.
    pub types: usize,
    /// Properties put back on a resource the docs still document.
    pub fields: usize,
    /// Enums put back whole.
    pub enums: usize,
    /// Members put back on an enum the docs still document.
    pub members: usize,
    /// Changes of the docs held back until a major release (`Api::deferred`).
    pub deferred: usize,
    /// Shipped operations each of whose calls another operation now answers: `(shipped id,
    /// id of that one)`; kept without calls (their info constant and body struct, deprecated).
    pub moved: Vec<(String, String)>,
    /// Operations whose id the docs now give otherwise: `(id now, id kept)`; and new operations
    /// whose id a shipped one has, `(id, id with its page's name)`.
    pub renamed: Vec<(String, String)>,
}

impl Kept {
    /// How many items the floor put back.
    pub fn total(&self) -> usize {
        self.operations + self.calls + self.types + self.fields + self.enums + self.members
    }
}

/// Which release a regeneration makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Release {
    /// Nothing the previous release exposed breaks: what the docs dropped is kept deprecated,
    /// what they changed in place is held back.
    Minor,
    /// A major release: only the names stay (operation ids here, call names in the call shape);
    /// everything else follows the docs.
    Major,
}

/// Puts back into `api` what `shipped`, the API of the previous release (its version
/// `version`), exposed and `api` no longer documents (see the module docs); in a major
/// release, only the shipped operation ids.
pub fn floor(api: &mut Api, shipped: &Api, version: &str, release: Release) -> Kept {
    let mut kept = Kept::default();
    let mut deprecated: Vec<Deprecated> = Vec::new();
    // A deprecation of an earlier run keeps its note; a new one says where and when.
    let mut deprecate = |item: Shipped, at: &crate::base::Location, to: Option<String>| {
        // Ids are the shipped ones, so the item is known by the same key in `shipped`.
        let d = match shipped.deprecation(&item) {
            Some(prior) => Deprecated {
                item,
                ..prior.clone()
            },
            None => Deprecated {
                item,
                last_documented: at.clone(),
                version: version.to_string(),
                replacement: to,
            },
        };
        let reason = d.note();
        deprecated.push(d);
        reason
    };
    let mut pages: BTreeSet<String> = BTreeSet::new();
    let mut deferred: Vec<Deferred> = Vec::new();
    let enums: BTreeSet<String> = api.enums.iter().map(|e| fold(&e.name)).collect();

    // Operations: the same one keeps the id it shipped with (its info constant and body struct
    // are named from it), and a new one whose id that is gets its page's name appended.
    let keys = |ops: &[crate::ir::Operation]| -> Vec<Vec<String>> {
        ops.iter()
            .map(|op| op.templates.iter().map(|t| t.key()).collect())
            .collect()
    };
    let pairs = {
        let (k_old, k_new) = (keys(&shipped.operations), keys(&api.operations));
        let old: Vec<Identity> = shipped
            .operations
            .iter()
            .zip(&k_old)
            .map(|(op, keys)| Identity {
                page: &op.page,
                id: &op.id,
                keys,
            })
            .collect();
        let new: Vec<Identity> = api
            .operations
            .iter()
            .zip(&k_new)
            .map(|(op, keys)| Identity {
                page: &op.page,
                id: &op.id,
                keys,
            })
            .collect();
        pair_operations(&old, &new)
    };
    let mut matched: Vec<Option<usize>> = vec![None; shipped.operations.len()];
    for &(o, n) in &pairs {
        if let Some(m) = matched.get_mut(o) {
            *m = Some(n);
        }
    }
    let mut frozen: BTreeSet<String> = BTreeSet::new();
    for &(o, n) in &pairs {
        if let (Some(s), Some(op)) = (shipped.operations.get(o), api.operations.get_mut(n)) {
            if op.id != s.id {
                kept.renamed.push((op.id.clone(), s.id.clone()));
                op.id = s.id.clone();
            }
            frozen.insert(s.id.clone());
        }
    }
    // The shipped operations that come back keep their ids too.
    let mut owner: BTreeMap<String, usize> = BTreeMap::new();
    for (i, op) in api.operations.iter().enumerate() {
        for t in &op.templates {
            owner.entry(t.key()).or_insert(i);
        }
    }
    for (sop, m) in shipped.operations.iter().zip(&matched) {
        if release == Release::Minor
            && m.is_none()
            && sop.templates.iter().any(|t| !owner.contains_key(&t.key()))
        {
            frozen.insert(sop.id.clone());
        }
    }
    let paired_new: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
    for (i, op) in api.operations.iter_mut().enumerate() {
        if !paired_new.contains(&i) && frozen.contains(&op.id) {
            let id = disambiguated_id(&op.id, &op.page);
            kept.renamed.push((op.id.clone(), id.clone()));
            op.id = id;
        }
    }

    if release == Release::Major {
        api.operations.sort_by(|a, b| a.id.cmp(&b.id));
        return kept;
    }

    // Calls the same operation no longer documents, and operations no longer documented.
    let mut added = Vec::new();
    for (sop, matched) in shipped.operations.iter().zip(matched) {
        // The request lines the operation itself still documents are not lost, whoever else
        // documents them too (several pages of one request line each keep theirs).
        let own: BTreeSet<String> = matched
            .and_then(|i| api.operations.get(i))
            .map(|op| op.templates.iter().map(|t| t.key()).collect())
            .unwrap_or_default();
        let lost: Vec<&crate::ir::PathTemplate> = sop
            .templates
            .iter()
            .filter(|t| {
                let key = t.key();
                if own.contains(&key) {
                    return false;
                }
                let Some(&o) = owner.get(&key) else {
                    return true;
                };
                // Another operation documents the request line now: the call is there, unless
                // both shipped it as methods of their own (two pages that became one keep both
                // names, `Api::shipped_calls`, read before the floor runs), or the other's
                // method takes another body than the shipped one took (code that calls it
                // would not compile).
                let shipped = |id: &str| api.shipped_calls.get(&(id.to_string(), key.clone()));
                let Some(other) = api.operations.get(o) else {
                    return true;
                };
                match (shipped(&sop.id), shipped(&other.id)) {
                    (Some(a), Some(b)) if a.names != b.names => true,
                    (Some(a), _) => {
                        !a.request.is_empty()
                            && !a.request.eq_ignore_ascii_case(&request_type(other))
                    }
                    (None, _) => false,
                }
            })
            .collect();
        match matched.and_then(|i| api.operations.get_mut(i).map(|op| (i, op))) {
            Some((i, op)) => {
                let to = op
                    .templates
                    .iter()
                    .find(|t| t.derived.is_none())
                    .map(|t| format!("{} {}", t.method.as_str(), t.raw));
                keep_shape(op, sop, &enums, &mut deferred);
                for t in lost {
                    let key = t.key();
                    let item = Shipped::Call {
                        operation: op.id.clone(),
                        key: key.clone(),
                    };
                    let mut t = t.clone();
                    t.derived = Some(deprecate(item, &t.location, to.clone()));
                    op.templates.push(t);
                    owner.insert(key, i);
                    kept.calls += 1;
                }
            }
            // Each of its calls now belongs to another operation (two pages became one): its
            // calls are there; its info constant and body struct stay, deprecated.
            None if lost.is_empty() => {
                let now = sop
                    .templates
                    .first()
                    .and_then(|t| Some((t, owner.get(&t.key())?)))
                    .and_then(|(t, &i)| Some((t, api.operations.get(i)?)));
                let to = now.map(|(t, o)| format!("{} {} ({})", t.method.as_str(), t.raw, o.id));
                kept.moved.push((
                    sop.id.clone(),
                    now.map(|(_, o)| o.id.clone()).unwrap_or_default(),
                ));
                let mut op = sop.clone();
                op.examples.clear();
                op.templates.clear();
                let item = Shipped::Operation { id: op.id.clone() };
                deprecate(item, &op.location, to);
                pages.insert(op.page.clone());
                added.push(op);
            }
            None => {
                let mut op = sop.clone();
                op.examples.clear();
                op.templates.retain(|t| !owner.contains_key(&t.key()));
                let item = Shipped::Operation { id: op.id.clone() };
                let reason = deprecate(item, &op.location, None);
                for t in &mut op.templates {
                    t.derived.get_or_insert_with(|| reason.clone());
                }
                pages.insert(op.page.clone());
                added.push(op);
                kept.operations += 1;
            }
        }
    }
    api.operations.extend(added);

    // A resource keeps the base type it shipped with (the fields it inherits).
    let position = positions(&api.resources, |r| &r.name);
    for sr in &shipped.resources {
        let Some(r) = position
            .get(&fold(&sr.name))
            .and_then(|&i| api.resources.get_mut(i))
        else {
            continue;
        };
        let base = |b: &Option<String>| {
            b.as_deref()
                .map(|b| fold(&crate::ir::names::resource_name(b)))
                .filter(|b| !b.is_empty())
        };
        if base(&r.base_type) != base(&sr.base_type) {
            let show = |b: Option<String>| b.unwrap_or_else(|| "none".into());
            deferred.push(Deferred {
                kind: DeferredKind::BaseType,
                item: sr.name.clone(),
                change: format!(
                    "base type: {} -> {}",
                    show(base(&sr.base_type)),
                    show(base(&r.base_type))
                ),
                at: r.location.clone(),
            });
            r.base_type = sr.base_type.clone();
        }
    }

    // Resources and their fields, as their structs have them (inherited ones too).
    let fields: BTreeMap<String, BTreeSet<String>> = {
        let index = ResourceIndex::new(api);
        api.resources
            .iter()
            .map(|r| {
                let names = index.fields(r).iter().map(|p| fold(&p.name)).collect();
                (fold(&r.name), names)
            })
            .collect()
    };
    // What the shipped crate's fields were: a type name it documented no type of was untyped
    // JSON there, and a page that now documents the type would make the field typed in place.
    let shipped_named: BTreeSet<String> = shipped
        .resources
        .iter()
        .map(|r| fold(&r.name))
        .chain(shipped.enums.iter().map(|e| fold(&e.name)))
        .collect();
    let as_shipped = |t: &TypeRef| as_code(t, &shipped_named);
    // The new crate has every documented type and every shipped one (the floor keeps them).
    let now_named: BTreeSet<String> = api
        .resources
        .iter()
        .map(|r| fold(&r.name))
        .chain(api.enums.iter().map(|e| fold(&e.name)))
        .chain(shipped_named.iter().cloned())
        .collect();
    let as_now = |t: &TypeRef| as_code(t, &now_named);
    let position = positions(&api.resources, |r| &r.name);
    for sr in &shipped.resources {
        let name = fold(&sr.name);
        let Some(r) = position.get(&name).and_then(|&i| api.resources.get_mut(i)) else {
            let item = Shipped::Type { name };
            deprecate(item, &sr.location, None);
            pages.insert(sr.page.clone());
            api.resources.push(sr.clone());
            kept.types += 1;
            continue;
        };
        // A property whose type the docs changed keeps the shipped one.
        for p in r.properties.iter_mut().chain(r.relationships.iter_mut()) {
            let was = sr
                .properties
                .iter()
                .chain(&sr.relationships)
                .find(|q| fold(&q.name) == fold(&p.name));
            // A shipped type that cannot hold what the docs now document is held: it decodes
            // a value when it can and keeps any other as sent (`DeferredKind::PropertyHeld`).
            let Some(was) = was else {
                continue;
            };
            // Compared as the code has them; the same code keeps the shipped spelling.
            let (was_code, now_code) = (as_shipped(&was.ty), as_now(&p.ty));
            let was_ty = if was_code == now_code {
                was.ty.clone()
            } else {
                was_code.clone()
            };
            if was_ty == p.ty {
                continue;
            }
            if fold(&was_code.to_string()) != fold(&now_code.to_string()) {
                let held = !holds(&was_ty, &p.ty, &enums);
                deferred.push(Deferred {
                    kind: if held {
                        DeferredKind::PropertyHeld
                    } else {
                        DeferredKind::PropertyType
                    },
                    item: format!("{}.{}", r.name, p.name),
                    change: format!("type: {} -> {}", was_ty, p.ty),
                    at: p.location.clone(),
                });
            }
            p.ty = was_ty;
            p.ty_page = was.ty_page.clone();
        }
        let has = fields.get(&name);
        for (p, relationship) in sr
            .properties
            .iter()
            .map(|p| (p, false))
            .chain(sr.relationships.iter().map(|p| (p, true)))
        {
            if has.is_some_and(|h| h.contains(&fold(&p.name))) {
                continue;
            }
            let item = Shipped::Field {
                ty: name.clone(),
                name: p.name.clone(),
            };
            deprecate(item, &p.location, None);
            let mut p = p.clone();
            if as_now(&p.ty) != as_shipped(&p.ty) {
                p.ty = as_shipped(&p.ty);
            }
            if relationship {
                r.relationships.push(p);
            } else {
                r.properties.push(p);
            }
            kept.fields += 1;
        }
    }

    // Enums and their members.
    let position = positions(&api.enums, |e| &e.name);
    let mut listed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in &api.enums {
        listed
            .entry(fold(&e.name))
            .or_default()
            .extend(e.members.iter().map(|m| fold(&m.name)));
    }
    for se in &shipped.enums {
        let name = fold(&se.name);
        let Some(e) = position.get(&name).and_then(|&i| api.enums.get_mut(i)) else {
            let item = Shipped::Enum { name };
            deprecate(item, &se.location, None);
            pages.insert(se.page.clone());
            api.enums.push(se.clone());
            kept.enums += 1;
            continue;
        };
        for m in &se.members {
            // Two tables of one enum are one type: a member of either is there.
            if listed
                .get(&name)
                .is_some_and(|ms| ms.contains(&fold(&m.name)))
            {
                continue;
            }
            let item = Shipped::Member {
                ty: name.clone(),
                name: m.name.clone(),
            };
            deprecate(item, &se.location, None);
            e.members.push(m.clone());
            kept.members += 1;
        }
    }

    // The pages of what came back whole, for its area.
    let have: BTreeSet<String> = api.pages.iter().map(|p| p.path.clone()).collect();
    api.pages.extend(
        shipped
            .pages
            .iter()
            .filter(|p| pages.contains(&p.path) && !have.contains(&p.path))
            .cloned(),
    );

    api.pages.sort_by(|a, b| a.path.cmp(&b.path));
    api.operations.sort_by(|a, b| a.id.cmp(&b.id));
    api.resources.sort_by(|a, b| a.name.cmp(&b.name));
    api.enums
        .sort_by(|a, b| (&a.name, &a.page).cmp(&(&b.name, &b.page)));
    deprecated.sort();
    deprecated.dedup_by(|a, b| a.item == b.item);
    api.deprecated = deprecated;
    deferred.sort();
    deferred.dedup_by(|a, b| a.item == b.item && a.change == b.change);
    kept.deferred = deferred.len();
    api.deferred = deferred;
    kept
}

/// The shape of an operation the docs still document, as far as the shipped one is kept:
/// query options and headers no longer documented stay (their setters), body members stay,
/// with their shipped type and requiredness.
fn keep_shape(
    op: &mut Operation,
    sop: &Operation,
    enums: &BTreeSet<String>,
    deferred: &mut Vec<Deferred>,
) {
    let mut defer = |kind: DeferredKind, change: String, at: &crate::base::Location| {
        deferred.push(Deferred {
            kind,
            item: sop.id.clone(),
            change,
            at: at.clone(),
        })
    };
    // What the calls return and send, as the plan decides it.
    // Each call both document (a cast's template returns the cast type), else the first.
    let differs = op.templates.iter().find_map(|t| {
        let s = sop.templates.iter().find(|s| s.key() == t.key())?;
        let (was, now) = (call_return_type(sop, s), call_return_type(op, t));
        (!was.eq_ignore_ascii_case(&now)).then_some((was, now))
    });
    let shared = op
        .templates
        .iter()
        .any(|t| sop.templates.iter().any(|s| s.key() == t.key()));
    let (was, now) = (return_type(sop), return_type(op));
    let differs = match differs {
        Some(pair) => Some(pair),
        None if !shared && !was.eq_ignore_ascii_case(&now) => Some((was, now)),
        None => None,
    };
    if let Some((was, now)) = differs {
        defer(
            DeferredKind::Returns,
            format!("return type: {was} -> {now}"),
            &op.location,
        );
        op.response_body = sop.response_body.clone();
        op.success = sop.success.clone();
    }
    let (was, now) = (request_type(sop), request_type(op));
    if !was.eq_ignore_ascii_case(&now) {
        defer(
            DeferredKind::Request,
            format!("request body: {was} -> {now}"),
            &op.location,
        );
        op.request_body = sop.request_body.clone();
        op.body_properties = sop.body_properties.clone();
    }
    for q in &sop.query_options {
        if !op.query_options.contains(q) {
            defer(
                DeferredKind::QueryOption,
                format!("query option ${} no longer documented", q.name()),
                &op.location,
            );
            op.query_options.push(*q);
        }
    }
    op.query_options.sort();
    op.query_options.dedup();
    for h in &sop.headers {
        match op
            .headers
            .iter_mut()
            .find(|n| n.name.eq_ignore_ascii_case(&h.name))
        {
            None => {
                defer(
                    DeferredKind::Header,
                    format!("header {} no longer documented", h.name),
                    &op.location,
                );
                op.headers.push(h.clone());
            }
            Some(n) if n.required != h.required => {
                defer(
                    DeferredKind::Header,
                    format!(
                        "header {}: {} -> {}",
                        h.name,
                        required(h.required),
                        required(n.required)
                    ),
                    &n.location,
                );
                n.required = h.required;
            }
            Some(_) => {}
        }
    }
    // Body members, when both bodies are the operation's own struct.
    let own = |o: &Operation| {
        o.request_body
            .as_ref()
            .is_some_and(|b| b.resource.is_none())
    };
    if !(own(op) && own(sop)) {
        return;
    }
    let was_update = sop.updates();
    let is_update = op.updates();
    for m in sop.body_members() {
        match op
            .body_properties
            .iter_mut()
            .find(|n| fold(&n.name) == fold(&m.name))
        {
            None => {
                defer(
                    DeferredKind::BodyMember,
                    format!("body member {} no longer documented", m.name),
                    &op.location,
                );
                op.body_properties.push(m.clone());
            }
            Some(n) => {
                // A member whose shipped type cannot send what the examples now send holds
                // the call's shape back: its examples get no test.
                let sendable = match (&m.ty, &n.ty) {
                    (Some(a), Some(b)) => holds(a, b, enums),
                    _ => true,
                };
                if n.ty != m.ty {
                    let show = |t: &Option<crate::ir::TypeRef>| {
                        t.as_ref()
                            .map_or_else(|| "untyped".into(), ToString::to_string)
                    };
                    if fold(&show(&n.ty)) != fold(&show(&m.ty)) {
                        defer(
                            if sendable {
                                DeferredKind::BodyMember
                            } else {
                                DeferredKind::Request
                            },
                            format!("body member {}: {} -> {}", m.name, show(&m.ty), show(&n.ty)),
                            &n.location,
                        );
                    }
                    n.ty = m.ty.clone();
                }
                let (was, now) = (m.required && !was_update, n.required && !is_update);
                if was != now {
                    defer(
                        DeferredKind::BodyMember,
                        format!(
                            "body member {}: {} -> {}",
                            m.name,
                            required(was),
                            required(now)
                        ),
                        &n.location,
                    );
                    n.required = m.required;
                }
            }
        }
    }
}

/// Whether a field of type `old` decodes every value of type `new`: the same type, text that
/// became an enum or a string-like primitive (and back, an enum keeping any other value as
/// `Unrecognized`), an object that became another object (every field is optional), any JSON;
/// collections of such. A scalar that became a collection, or a number another number, not.
/// A type as a crate of the API whose types and enums are `named` (folded) has it: a name of
/// none of them is untyped JSON there (`serde_json::Value`).
fn as_code(t: &TypeRef, named: &BTreeSet<String>) -> TypeRef {
    match t {
        TypeRef::Named(n) if !named.contains(&fold(n)) => {
            TypeRef::Primitive(crate::ir::Primitive::Json)
        }
        TypeRef::Collection(inner) => TypeRef::Collection(Box::new(as_code(inner, named))),
        t => t.clone(),
    }
}

fn holds(old: &TypeRef, new: &TypeRef, enums: &BTreeSet<String>) -> bool {
    use crate::ir::Primitive as P;
    let textual = |t: &TypeRef| match t {
        TypeRef::Primitive(p) => matches!(
            p,
            P::String
                | P::Guid
                | P::DateTimeOffset
                | P::Date
                | P::TimeOfDay
                | P::Duration
                | P::Binary
        ),
        TypeRef::Named(n) => enums.contains(&fold(n)),
        TypeRef::Collection(_) => false,
    };
    let object = |t: &TypeRef| matches!(t, TypeRef::Named(n) if !enums.contains(&fold(n)));
    match (old, new) {
        _ if old == new => true,
        (TypeRef::Primitive(P::Json), _) => true,
        (TypeRef::Collection(a), TypeRef::Collection(b)) => holds(a, b, enums),
        (TypeRef::Primitive(P::String), _) | (TypeRef::Named(_), TypeRef::Primitive(P::String))
            if textual(old) && textual(new) =>
        {
            true
        }
        (TypeRef::Named(_), TypeRef::Named(_)) => {
            (object(old) && object(new)) || (textual(old) && textual(new))
        }
        _ => false,
    }
}

/// Each item's index by its folded name, the first of a name (two pages may document one enum).
fn positions<T>(items: &[T], name: impl Fn(&T) -> &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        out.entry(fold(name(item))).or_insert(i);
    }
    out
}

fn required(r: bool) -> &'static str {
    if r {
        "required"
    } else {
        "optional"
    }
}

#[cfg(test)]
#[path = "floor_tests.rs"]
mod tests;
