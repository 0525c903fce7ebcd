//! Bodies across pages: the resource an update with no linked body resource sends (its title
//! names it: `Update user`), the one a create sends (the one it returns, when its examples
//! send that resource's members), and the base an operation returns when its examples return
//! different derived types of it (`Get attachment`).

use crate::ir::Api;
use std::collections::BTreeMap;

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

/// A create (`POST`) whose page links no body resource and lists no members sends the resource
/// it returns when every member its examples send is one of that resource's (`Create notebook`
/// sends `{"displayName": ...}` and returns a `notebook`): the page documents the body as the
/// resource it creates.
pub(super) fn created_resources(api: &mut Api) {
    let index = crate::ir::index::ResourceIndex::new(api);
    let mut found = Vec::new();
    for (i, op) in api.operations.iter().enumerate() {
        let creates = op
            .templates
            .iter()
            .all(|t| t.method == crate::base::Method::Post);
        let (Some(body), Some(returned)) = (&op.request_body, &op.response_body) else {
            continue;
        };
        if !creates
            || body.resource.is_some()
            || !body.form.is_json()
            || returned.collection
            || !op.body_properties.is_empty()
        {
            continue;
        }
        let Some(r) = returned.resource.as_deref().and_then(|n| index.get(n)) else {
            continue;
        };
        let members = index.all_properties(r, true);
        let mut sent = op
            .examples
            .iter()
            .filter_map(|e| e.request.body.as_ref()?.value.as_object())
            .flat_map(|o| o.keys())
            .filter(|k| !k.contains('@'))
            .peekable();
        if sent.peek().is_some() && sent.all(|k| members.iter().any(|p| p.name == *k)) {
            found.push((i, false, r.name.clone()));
        }
    }
    type_bodies(api, found);
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
                changes.push((i, true, base.name.clone()));
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
            changes.push((i, true, b.name.clone()));
        }
    }
    type_bodies(api, changes);
}

/// The resource that passes found for operations' bodies, set where the operation has that
/// body: (operation index, whether the response's, the resource's name).
pub(super) fn type_bodies(api: &mut Api, found: Vec<(usize, bool, String)>) {
    for (i, response, name) in found {
        let Some(op) = api.operations.get_mut(i) else {
            continue;
        };
        let body = if response {
            &mut op.response_body
        } else {
            &mut op.request_body
        };
        if let Some(b) = body.as_mut() {
            b.resource = Some(name);
        }
    }
}
