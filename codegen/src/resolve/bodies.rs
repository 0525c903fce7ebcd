//! Bodies across pages: the resource an update with no linked body resource sends (its title
//! names it: `Update user`), the relationships a documented request body carries (21 in the
//! English corpus, `message.attachments` among them: typed fields of their model through
//! `ResourceIndex::fields`), and the base an operation returns when its examples return
//! different derived types of it (`Get attachment`).

use crate::ir::Api;
use std::collections::{BTreeMap, BTreeSet};

/// The relationships that documented request bodies carry, on the resource that declares each
/// (`message.attachments` from the sendMail and create-message examples), found by walking each
/// request example's body along the types of its request body table or resource.
pub(super) fn sent_relationships(api: &mut Api) {
    let index = crate::ir::index::ResourceIndex::new(api);
    let mut found: BTreeSet<(String, String)> = BTreeSet::new();
    for op in &api.operations {
        for ex in &op.examples {
            let Some(body) = ex.request.body.as_ref().map(|b| &b.value) else {
                continue;
            };
            if index.request_body_from_table(op) {
                for m in op.body_members() {
                    let ty =
                        m.ty.as_ref()
                            .and_then(|t| t.named())
                            .and_then(|n| index.get(n));
                    if let (Some(r), Some(v)) = (ty, body.get(&m.name)) {
                        walk_body(&index, r, v, 0, &mut found);
                    }
                }
            } else if let Some(r) = op
                .request_body
                .as_ref()
                .and_then(|b| b.resource.as_deref())
                .and_then(|n| index.get(n))
            {
                walk_body(&index, r, body, 0, &mut found);
            }
        }
    }
    for r in &mut api.resources {
        for (owner, name) in &found {
            if owner.eq_ignore_ascii_case(&r.name) && !r.sent_relationships.contains(name) {
                r.sent_relationships.push(name.clone());
            }
        }
        r.sent_relationships.sort();
    }
}

/// Records the relationships a JSON value of type `r` holds, and walks into every member whose
/// type is a documented resource (items of arrays too). Bounded in depth: bodies are small.
fn walk_body(
    index: &crate::ir::index::ResourceIndex,
    r: &crate::ir::Resource,
    value: &serde_json::Value,
    depth: usize,
    found: &mut BTreeSet<(String, String)>,
) {
    if depth > 8 {
        return;
    }
    if let serde_json::Value::Array(items) = value {
        for item in items {
            walk_body(index, r, item, depth + 1, found);
        }
        return;
    }
    let serde_json::Value::Object(members) = value else {
        return;
    };
    // A derived type named by `@odata.type` is the value's type.
    let r = members
        .get("@odata.type")
        .and_then(|t| t.as_str())
        .and_then(|t| index.get(&crate::ir::names::resource_name(t)))
        .unwrap_or(r);
    let chain = index.chain(r);
    for (key, v) in members {
        let declared = chain.iter().find_map(|c| {
            c.properties
                .iter()
                .map(|p| (false, p))
                .chain(c.relationships.iter().map(|p| (true, p)))
                .find(|(_, p)| p.name == *key)
                .map(|(rel, p)| (c, rel, p))
        });
        let Some((owner, relationship, p)) = declared else {
            continue;
        };
        if relationship {
            found.insert((owner.name.clone(), p.name.clone()));
        }
        if let Some(next) = p.ty.named().and_then(|n| index.get(n)) {
            walk_body(index, next, v, depth + 1, found);
        }
    }
}

/// An update (`PATCH`/`PUT`) whose page links no body resource and returns none sends the
/// resource its title names (`Update user`, slug `update-user` -> `user`): its request body table lists the
/// properties that may change, not a separate type.
pub(super) fn updated_resources(api: &mut Api) {
    let names: BTreeMap<String, String> = api
        .resources
        .iter()
        .map(|r| (r.name.to_ascii_lowercase(), r.name.clone()))
        .collect();
    for op in &mut api.operations {
        let updates = op.updates();
        let Some(body) = op.request_body.as_mut() else {
            continue;
        };
        if body.resource.is_some() || !updates {
            continue;
        }
        // By the title's slug, which a translated title keeps as its anchor.
        let words: Vec<&str> = op.slug.split('-').filter(|w| !w.is_empty()).collect();
        let Some((verb, rest)) = words.split_first() else {
            continue;
        };
        if !verb.eq_ignore_ascii_case("update") || rest.is_empty() || rest.len() > 2 {
            continue;
        }
        let joined: String = rest.concat().to_ascii_lowercase();
        body.resource = names
            .get(&joined)
            .or_else(|| names.get(&crate::ir::names::singular(&joined)))
            .cloned();
    }
}

/// An operation whose examples return different derived types of one polymorphic base
/// (`Get attachment`: a fileAttachment, an itemAttachment) returns that base, whose enum
/// decodes each of them as what it is; so does one whose Response prose names the base its
/// example's type derives from (`List attachments`: "a collection of \[attachment\] objects",
/// an example of file attachments).
pub(super) fn polymorphic_responses(api: &mut Api) {
    let index = crate::ir::index::ResourceIndex::new(api);
    let by_page: BTreeMap<&str, &crate::ir::Resource> =
        api.resources.iter().map(|r| (r.page.as_str(), r)).collect();
    let mut changes = Vec::new();
    for (i, op) in api.operations.iter().enumerate() {
        let Some(shape) = &op.response_body else {
            continue;
        };
        let named = shape.resource.as_deref().and_then(|r| index.get(r));
        let prose = op
            .response_prose_page
            .as_deref()
            .and_then(|p| by_page.get(p).copied())
            .filter(|b| index.derived_types(&b.name).is_some());
        if let (Some(r), Some(base)) = (named, prose) {
            let derives = r.name != base.name && index.chain(r).iter().any(|c| c.name == base.name);
            if derives {
                changes.push((i, base.name.clone()));
                continue;
            }
        }
        let mut types: Vec<&crate::ir::Resource> = Vec::new();
        for r in op.examples.iter().filter_map(|e| e.response.as_ref()) {
            let Some(t) = &r.odata_type else { continue };
            if !(200..300).contains(&r.status) || r.collection != shape.collection {
                continue;
            }
            if let Some(res) = index.get(&crate::ir::names::resource_name(t)) {
                if !types.iter().any(|x| x.name == res.name) {
                    types.push(res);
                }
            }
        }
        let [first, rest @ ..] = types.as_slice() else {
            continue;
        };
        if rest.is_empty() {
            continue;
        }
        let base = index.chain(first).into_iter().find(|b| {
            index.derived_types(&b.name).is_some()
                && rest
                    .iter()
                    .all(|t| index.chain(t).iter().any(|c| c.name == b.name))
        });
        if let Some(b) = base {
            changes.push((i, b.name.clone()));
        }
    }
    for (i, base) in changes {
        if let Some(shape) = api
            .operations
            .get_mut(i)
            .and_then(|o| o.response_body.as_mut())
        {
            shape.resource = Some(base);
        }
    }
}
