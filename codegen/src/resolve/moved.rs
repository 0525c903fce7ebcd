//! Examples that belong elsewhere, the last pass: an example that still matches none of its
//! page's templates but exactly one template of another operation moves there, located on its
//! own page (a resource page's `GET /sites/{hostname}`, `rangeformat-update`'s font and fill
//! steps, `group-post-members`' `PATCH /groups/{id}`); an operation left with no template and no
//! example goes; and a resource page whose example reads its own root singleton (`GET
//! /auditLogs` answered with `auditLogRoot`) documents that call.

use super::spellings::rematch;
use crate::base::Method;
use crate::ir::template::{self, same_shape, single_literal};
use crate::ir::{Api, PathTemplate};
use std::collections::BTreeMap;

/// An example that matches none of its page's templates but exactly one template of another
/// operation shows that operation's call (a resource page's `GET /planner`, a page that also
/// shows the neighbouring call): it becomes an example of that operation, tested with its types.
/// An operation left with neither templates nor examples was only those examples, and goes.
pub(super) fn examples_of_other_operations(api: &mut Api) {
    // (operation, example, the operation it calls, its template and placeholder values).
    type Move = (usize, usize, usize, (usize, Vec<String>));
    let mut moves: Vec<Move> = Vec::new();
    for (from, op) in api.operations.iter().enumerate() {
        for (n, ex) in op.examples.iter().enumerate() {
            let r = &ex.request;
            if r.template.is_some() || r.other_host.is_some() {
                continue;
            }
            let segments = template::parse_path(&r.path);
            // A placeholder that would take a function call (`getX(a='b')` for `{id}`) is no
            // evidence: the example calls a function the other page does not document.
            // A success the other operation does not document (`204` where it answers `201`
            // with the entity) says the example is no call of it.
            let status = ex
                .response
                .as_ref()
                .map(|r| r.status)
                .filter(|s| (200..300).contains(s));
            let mut found = api.operations.iter().enumerate().filter_map(|(to, other)| {
                let m = template::find_template(&other.templates, r.method, &segments, &r.query)?;
                let plain = m.1.iter().all(|v| !v.contains('('));
                let answers = status.is_none_or(|s| other.success.status.is_none_or(|o| o == s));
                (to != from && plain && answers).then_some((to, m))
            });
            if let (Some((to, m)), None) = (found.next(), found.next()) {
                moves.push((from, n, to, m));
            }
        }
    }
    // Taken from the back, so the indexes of the examples still to move stay valid.
    for (from, n, to, m) in moves.into_iter().rev() {
        let Some(op) = api.operations.get_mut(from) else {
            continue;
        };
        if n >= op.examples.len() {
            continue;
        }
        let mut ex = op.examples.remove(n);
        ex.request.template = Some(m);
        if let Some(target) = api.operations.get_mut(to) {
            target.examples.push(ex);
        }
    }
    api.operations
        .retain(|op| !op.templates.is_empty() || !op.examples.is_empty());
    singleton_reads(api);
}

/// A resource page whose example reads the resource at a root of the API (`GET /auditLogs` on
/// `auditLogRoot`'s page, answered with an `auditLogRoot`), where no operation page documents
/// the call: the example is where the call is written, and its path the template.
fn singleton_reads(api: &mut Api) {
    let page_resource: BTreeMap<&str, String> = api
        .resources
        .iter()
        .map(|r| (r.page.as_str(), r.name.to_ascii_lowercase()))
        .collect();
    let mut added = Vec::new();
    for (i, op) in api.operations.iter().enumerate() {
        let Some(own) = page_resource.get(op.page.as_str()) else {
            continue;
        };
        if !op.templates.is_empty() {
            continue;
        }
        for ex in &op.examples {
            let r = &ex.request;
            let answered_with_own = ex
                .response
                .as_ref()
                .and_then(|resp| resp.odata_type.as_deref())
                .is_some_and(|t| crate::ir::names::resource_name(t).eq_ignore_ascii_case(own));
            let segments = template::parse_path(&r.path);
            let root = matches!(segments.as_slice(), [only] if single_literal(only).is_some());
            if r.method == Method::Get
                && r.other_host.is_none()
                && r.query.is_empty()
                && root
                && answered_with_own
            {
                if let Ok(mut t) = PathTemplate::parse(r.method, &r.path, r.location.clone()) {
                    t.derived = Some(format!(
                        "the page of `{own}` reads it at `{}` in its example; no operation page documents the call",
                        r.path
                    ));
                    added.push((i, t));
                }
            }
        }
    }
    for (i, t) in added {
        if let Some(op) = api.operations.get_mut(i) {
            if !op.templates.iter().any(|o| same_shape(o, &t)) {
                op.templates.push(t);
            }
            rematch(op);
        }
    }
}
