//! What the docs imply across pages but no single page writes down, found once every page is
//! modelled:
//! - path aliases: a literal root that pages document side by side with a parametrized one
//!   (`/me/...` next to `/users/{id}/...` on hundreds of pages) gets the short form wherever only
//!   the long form is written;
//! - mounted templates: a template that starts inside another resource (`/workbook/...`), whose
//!   examples show where it is mounted (`/me/drive/items/{id}/workbook/...`), gets the full path;
//! - root shorthands: a root that the resource pages' Methods tables write for a longer literal
//!   path (`/drive/root` in the row of an operation whose templates say `/me/drive/root`) gets
//!   the short form where an example uses it;
//! - the API's host (the one most examples call): an example that calls another host shows a
//!   callback or a download, not a call of this API.
//!
//! Derived templates are appended after the documented ones (indices of documented templates do
//! not move) and say why they exist; examples that matched no template are matched again.

use crate::ir::template::{self, Part};
use crate::ir::{Api, Operation, PathTemplate};
use std::collections::{BTreeMap, BTreeSet};

/// Pages that document both forms of a path for at least this many operations make an alias.
const MIN_ALIAS_EVIDENCE: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The literal root, e.g. `me`.
    pub short: String,
    /// The parametrized root it stands for, e.g. `users` (as in `/users/{id}`).
    pub long: String,
    /// The methods some page documents on the short root alone (`GET /me`): the entity itself is
    /// derived for those, and for others only where an example uses it (`PATCH /me` in
    /// `user-update`'s example; no page deletes `/me`).
    pub root_methods: BTreeSet<String>,
}

pub fn derive(api: &mut Api) {
    let aliases = aliases(&api.operations);
    let mounts = mounts(&api.operations);
    let singles = single_relationships(api);
    let shorthands = shorthands(api);
    updated_resources(api);
    polymorphic_responses(api);
    sent_relationships(api);
    for op in &mut api.operations {
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
    }
    mark_other_hosts(api);
    examples_of_other_operations(api);
}

/// An example that matches none of its page's templates but exactly one template of another
/// operation shows that operation's call (a resource page's `GET /planner`, a page that also
/// shows the neighbouring call): it becomes an example of that operation, tested with its types.
/// An operation left with neither templates nor examples was only those examples, and goes.
fn examples_of_other_operations(api: &mut Api) {
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
                let m = template::find_template(&other.templates, &r.method, &segments, &r.query)?;
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
            if r.method == "GET"
                && r.other_host.is_none()
                && r.query.is_empty()
                && root
                && answered_with_own
            {
                if let Ok(mut t) =
                    PathTemplate::parse(r.method.clone(), &r.path, r.location.clone())
                {
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

fn shape(segments: &[Vec<Part>]) -> Vec<String> {
    segments
        .iter()
        .map(|s| template::segment_shape(s))
        .collect()
}

fn same_shape(a: &PathTemplate, b: &PathTemplate) -> bool {
    a.method.eq_ignore_ascii_case(&b.method) && shape(&a.segments) == shape(&b.segments)
}

fn single_literal(seg: &[Part]) -> Option<&str> {
    match seg {
        [Part::Literal(l)] => Some(l),
        _ => None,
    }
}

fn is_param(seg: &[Part]) -> bool {
    matches!(seg, [Part::Param(_)])
}

/// Counts, for every pair of roots `A` and `B/{p}`, the operations that document both
/// `A/rest` and `B/{p}/rest`. A pair becomes an alias when its count is at least
/// `MIN_ALIAS_EVIDENCE` and one and a half times that of `A`'s next best pair, each root taken
/// once, strongest evidence first. `me`/`users`: 228 operations in the English corpus, 131 in the
/// 2017 Chinese one; the runners-up `me`/`groups`: 73 and 68.
pub fn aliases(ops: &[Operation]) -> Vec<Alias> {
    let mut score: BTreeMap<(String, String), usize> = BTreeMap::new();
    for op in ops {
        let mut seen = BTreeSet::new();
        for a in &op.templates {
            let Some(short) = a.segments.first().and_then(|s| single_literal(s)) else {
                continue;
            };
            let rest = shape(&a.segments[1..]);
            for b in &op.templates {
                let (Some(long), Some(p)) = (
                    b.segments.first().and_then(|s| single_literal(s)),
                    b.segments.get(1),
                ) else {
                    continue;
                };
                if is_param(p)
                    && a.method.eq_ignore_ascii_case(&b.method)
                    && shape(&b.segments[2..]) == rest
                {
                    let key = (short.to_ascii_lowercase(), long.to_ascii_lowercase());
                    if seen.insert(key.clone()) {
                        *score.entry(key).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    let mut ranked: Vec<(&(String, String), &usize)> = score.iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut taken = BTreeSet::new();
    let mut out = Vec::new();
    for ((short, long), n) in &ranked {
        if **n < MIN_ALIAS_EVIDENCE || short == long {
            continue;
        }
        let runner_up = ranked
            .iter()
            .filter(|((s, l), _)| s == short && l != long)
            .map(|(_, m)| **m)
            .max()
            .unwrap_or(0);
        if 2 * **n < 3 * runner_up || taken.contains(short) || taken.contains(long) {
            continue;
        }
        taken.insert(short.clone());
        taken.insert(long.clone());
        let root_methods = ops
            .iter()
            .flat_map(|op| &op.templates)
            .filter(|t| {
                matches!(t.segments.as_slice(), [only] if single_literal(only).is_some_and(|l| l.eq_ignore_ascii_case(short)))
            })
            .map(|t| t.method.to_ascii_uppercase())
            .collect();
        out.push(Alias {
            short: short.clone(),
            long: long.clone(),
            root_methods,
        });
    }
    out
}

/// Whether a derived template stands on the docs alone, or only where an example uses it.
enum Evidence {
    Documented,
    IfUsed,
}

fn aliased(t: &PathTemplate, aliases: &[Alias]) -> Option<(PathTemplate, Evidence)> {
    if t.derived.is_some() {
        return None;
    }
    let first = t.segments.first().and_then(|s| single_literal(s))?;
    let alias = aliases
        .iter()
        .find(|a| a.long.eq_ignore_ascii_case(first))?;
    if !t.segments.get(1).is_some_and(|s| is_param(s)) {
        return None;
    }
    let mut segments = vec![vec![Part::Literal(alias.short.clone())]];
    segments.extend(t.segments[2..].iter().cloned());
    let entity = t.segments.len() == 2;
    let evidence = if entity && !alias.root_methods.contains(&t.method.to_ascii_uppercase()) {
        Evidence::IfUsed
    } else {
        Evidence::Documented
    };
    let derived = PathTemplate::derived(
        t,
        segments,
        format!(
            "`/{}` stands for `/{}/{{id}}`, as the pages that document both show",
            alias.short, alias.long
        ),
    );
    Some((derived, evidence))
}

/// The relationships that documented request bodies carry, on the resource that declares each
/// (`message.attachments` from the sendMail and create-message examples), found by walking each
/// request example's body along the types of its request body table or resource.
fn sent_relationships(api: &mut Api) {
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
/// resource its title names (`Update user` -> `user`): its request body table lists the
/// properties that may change, not a separate type.
fn updated_resources(api: &mut Api) {
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
        let words: Vec<&str> = op.title.split_whitespace().collect();
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
/// example's type derives from (`List attachments`: "a collection of [attachment] objects",
/// an example of file attachments).
fn polymorphic_responses(api: &mut Api) {
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
        if let Some(shape) = api.operations[i].response_body.as_mut() {
            shape.resource = Some(base);
        }
    }
}

/// Resource pages' Methods tables whose rows write `/drive/...` for at least this many
/// operations whose templates all say `/me/drive/...` make `/drive` a shorthand.
const MIN_SHORTHAND_EVIDENCE: usize = 5;

/// `/{root}/...` stands for `/{prefix}/{root}/...` (`/drive` for `/me/drive`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shorthand {
    pub root: String,
    pub prefix: Vec<String>,
    /// The resource pages whose Methods tables show it.
    pub pages: Vec<String>,
}

/// A Methods-table row that writes a path none of its operation's templates has, while one of
/// them is that path after a prefix of words only, is evidence that the path's root is short
/// for the prefixed one. Only a prefix of words: a path without a parameter cannot stand for one
/// that needs it (`/drive/root` is not `/groups/{id}/drive/root`). A root becomes a shorthand
/// when enough operations say so and no other prefix is seen for it.
pub fn shorthands(api: &Api) -> Vec<Shorthand> {
    type Key = (String, Vec<String>);
    let mut evidence: BTreeMap<Key, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    let by_page: BTreeMap<&str, &Operation> = api
        .operations
        .iter()
        .map(|o| (o.page.as_str(), o))
        .collect();
    for r in &api.resources {
        for m in &r.methods {
            let (Some(page), Some(request)) = (&m.page, &m.path) else {
                continue;
            };
            let Some((method, path)) = request.split_once(' ') else {
                continue;
            };
            let Some(op) = by_page.get(page.as_str()) else {
                continue;
            };
            let (path, _) = template::split_target(path);
            let segments = template::parse_path(&path);
            let Some(root) = segments.first().and_then(|s| single_literal(s)) else {
                continue;
            };
            let same_method = || {
                op.templates
                    .iter()
                    .filter(|t| t.derived.is_none() && t.method.eq_ignore_ascii_case(method))
            };
            if same_method().any(|t| shape(&t.segments) == shape(&segments)) {
                continue;
            }
            for t in same_method() {
                let Some(k) = t.segments.len().checked_sub(segments.len()) else {
                    continue;
                };
                if k == 0 || shape(&t.segments[k..]) != shape(&segments) {
                    continue;
                }
                let prefix: Option<Vec<String>> = t.segments[..k]
                    .iter()
                    .map(|s| single_literal(s).map(str::to_ascii_lowercase))
                    .collect();
                if let Some(prefix) = prefix {
                    let e = evidence
                        .entry((root.to_ascii_lowercase(), prefix))
                        .or_default();
                    e.0.insert(op.page.clone());
                    e.1.insert(r.page.clone());
                }
            }
        }
    }
    let mut out = Vec::new();
    for ((root, prefix), (ops, pages)) in &evidence {
        let rivals = evidence.keys().filter(|(r, _)| r == root).count();
        if ops.len() >= MIN_SHORTHAND_EVIDENCE && rivals == 1 {
            out.push(Shorthand {
                root: root.clone(),
                prefix: prefix.clone(),
                pages: pages.iter().cloned().collect(),
            });
        }
    }
    out
}

/// The template with `prefix/root` written as `root`, when a shorthand allows it.
fn shortened(t: &PathTemplate, shorthands: &[Shorthand]) -> Option<PathTemplate> {
    let s = shorthands.iter().find(|s| {
        t.segments.len() > s.prefix.len()
            && s.prefix
                .iter()
                .chain(std::iter::once(&s.root))
                .zip(&t.segments)
                .all(|(w, seg)| single_literal(seg).is_some_and(|l| l.eq_ignore_ascii_case(w)))
    })?;
    let segments = t.segments[s.prefix.len()..].to_vec();
    let long = format!("/{}/{}", s.prefix.join("/"), s.root);
    Some(PathTemplate::derived(
        t,
        segments,
        format!(
            "`/{}` stands for `{long}`, as the Methods tables of {} show",
            s.root,
            s.pages.join(", ")
        ),
    ))
}

/// An example's path, and the same path with a shorthand written out in full.
fn expanded(path: &[Vec<Part>], shorthands: &[Shorthand]) -> Vec<Vec<Vec<Part>>> {
    let mut out = vec![path.to_vec()];
    let root = path.first().and_then(|s| single_literal(s));
    for s in shorthands {
        if root.is_some_and(|r| r.eq_ignore_ascii_case(&s.root)) {
            let mut long: Vec<Vec<Part>> = s
                .prefix
                .iter()
                .map(|w| vec![Part::Literal(w.clone())])
                .collect();
            long.extend(path.iter().cloned());
            out.push(long);
        }
    }
    out
}

/// Where templates that start inside another resource are mounted: the first literal segment
/// of such a template (lower case) -> the documented paths its examples put before it.
type Mounts = BTreeMap<String, Vec<Vec<Vec<Part>>>>;

/// A template is mounted when one of its examples matches it only after a prefix, and no example
/// anywhere calls the template's first segment as a root. The prefix is replaced by the
/// documented template it matches (so its placeholders keep their documented names), or kept
/// when it holds only words and placeholders.
fn mounts(ops: &[Operation]) -> Mounts {
    let roots: BTreeSet<String> = ops
        .iter()
        .flat_map(|op| &op.examples)
        .filter(|e| e.request.template.is_some())
        .filter_map(|e| {
            template::parse_path(&e.request.path)
                .first()
                .and_then(|s| single_literal(s).map(str::to_ascii_lowercase))
        })
        .collect();
    let documented: Vec<&PathTemplate> = ops.iter().flat_map(|op| &op.templates).collect();
    let mut out = Mounts::new();
    for op in ops {
        for ex in op.examples.iter().filter(|e| e.request.template.is_none()) {
            let segments = template::parse_path(&ex.request.path);
            for t in &op.templates {
                let Some(first) = t.segments.first().and_then(|s| single_literal(s)) else {
                    continue;
                };
                let root = first.to_ascii_lowercase();
                if roots.contains(&root)
                    || !t.method.eq_ignore_ascii_case(&ex.request.method)
                    || segments.len() <= t.segments.len()
                {
                    continue;
                }
                let (prefix, tail) = segments.split_at(segments.len() - t.segments.len());
                if template::match_path(&t.segments, tail).is_none() {
                    continue;
                }
                let mount = documented
                    .iter()
                    .find(|d| template::match_path(&d.segments, prefix).is_some())
                    .map(|d| d.segments.clone())
                    .or_else(|| plain(prefix).then(|| prefix.to_vec()));
                if let Some(m) = mount {
                    let list = out.entry(root).or_default();
                    if !list.iter().any(|x| shape(x) == shape(&m)) {
                        list.push(m);
                    }
                }
            }
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|m| shape(m));
    }
    out
}

/// Only words and placeholders: no concrete ids that would pin a mount to one resource.
fn plain(segments: &[Vec<Part>]) -> bool {
    segments.iter().all(|seg| {
        is_param(seg)
            || single_literal(seg).is_some_and(|l| l.chars().all(|c| c.is_ascii_alphabetic()))
    })
}

fn mounted(t: &PathTemplate, mounts: &Mounts) -> Vec<PathTemplate> {
    if t.derived.is_some() {
        return Vec::new();
    }
    let Some(first) = t.segments.first().and_then(|s| single_literal(s)) else {
        return Vec::new();
    };
    let Some(list) = mounts.get(&first.to_ascii_lowercase()) else {
        return Vec::new();
    };
    list.iter()
        .map(|m| {
            let mut segments = m.clone();
            segments.extend(t.segments.iter().cloned());
            let at = render(m);
            PathTemplate::derived(
                t,
                segments,
                format!("`{}` is mounted under `{at}`, as its examples show", t.raw),
            )
        })
        .collect()
}

fn render(segments: &[Vec<Part>]) -> String {
    template::render_path(segments)
}

/// A documented template with an OData cast segment after it (`/groups/{id}/transitiveMembers/
/// microsoft.graph.user`: the collection filtered to one derived type) or its raw value
/// (`.../hostedContents/{id}/$value`: the media an entity holds), each where an example of the
/// operation writes it; the OData conventions allow both on any such path.
fn casts(op: &Operation) -> Vec<PathTemplate> {
    let prefix = format!("{}.", crate::ir::names::ROOT_NAMESPACE);
    let mut out = Vec::new();
    for ex in op.examples.iter().filter(|e| e.request.template.is_none()) {
        let segments = template::parse_path(&ex.request.path);
        let Some((last, rest)) = segments.split_last() else {
            continue;
        };
        let Some(cast) = single_literal(last).filter(|l| {
            let is_cast = l.len() > prefix.len() && l[..prefix.len()].eq_ignore_ascii_case(&prefix);
            is_cast || l.eq_ignore_ascii_case("$value")
        }) else {
            continue;
        };
        for t in op.templates.iter().filter(|t| t.derived.is_none()) {
            if t.method.eq_ignore_ascii_case(&ex.request.method)
                && template::match_path(&t.segments, rest).is_some()
            {
                let mut cast_segments = t.segments.clone();
                cast_segments.push(vec![Part::Literal(cast.to_string())]);
                let why = if cast.eq_ignore_ascii_case("$value") {
                    format!("the raw value (`$value`) of the entity at `{}`", t.raw)
                } else {
                    format!("an OData cast of `{}` to the derived type `{cast}`", t.raw)
                };
                out.push(PathTemplate::derived(t, cast_segments, why));
            }
        }
    }
    out
}

/// A documented template whose function segment takes arguments (`rowsAbove(count={count})`),
/// called without them where an example does so (`rowsAbove`, `rowsAbove()`): the page's
/// parameters are optional and the service applies their defaults.
fn without_arguments(op: &Operation) -> Vec<PathTemplate> {
    let mut out = Vec::new();
    for ex in op.examples.iter().filter(|e| e.request.template.is_none()) {
        let segments = template::parse_path(&ex.request.path);
        for t in op.templates.iter().filter(|t| t.derived.is_none()) {
            if t.segments.len() != segments.len()
                || !t.method.eq_ignore_ascii_case(&ex.request.method)
            {
                continue;
            }
            let mut changed = None;
            let mut bare_segments = t.segments.clone();
            for (i, (ts, es)) in t.segments.iter().zip(&segments).enumerate() {
                let (Some(Part::Literal(first)), Some(called)) = (ts.first(), single_literal(es))
                else {
                    continue;
                };
                let Some(name) = first.split_once('(').map(|(n, _)| n) else {
                    continue;
                };
                let bare = called.strip_suffix("()").unwrap_or(called);
                if ts.len() > 1 && !name.is_empty() && bare.eq_ignore_ascii_case(name) {
                    bare_segments[i] = vec![Part::Literal(called.to_string())];
                    changed = Some(name.to_string());
                }
            }
            let Some(name) = changed else { continue };
            if template::match_path(&bare_segments, &segments).is_some() {
                out.push(PathTemplate::derived(
                    t,
                    bare_segments,
                    format!("the function `{name}` called without its optional arguments"),
                ));
            }
        }
    }
    out
}

/// Matches again the examples that matched no template, now that there may be more.
fn rematch(op: &mut Operation) {
    for ex in &mut op.examples {
        if ex.request.template.is_some() {
            continue;
        }
        let find = |segments: &[Vec<Part>]| {
            template::find_template(
                &op.templates,
                &ex.request.method,
                segments,
                &ex.request.query,
            )
        };
        let segments = template::parse_path(&ex.request.path);
        ex.request.template = find(&segments);
        if ex.request.template.is_none() {
            if let Some(keys) = key_segments(&segments) {
                ex.request.template = find(&keys);
                if ex.request.template.is_some() {
                    ex.request.key_syntax_path = Some(render(&keys));
                }
            }
        }
    }
}

/// The candidates that an example without a template matches, and that no template has yet.
fn used_by_examples(op: &Operation, candidates: Vec<PathTemplate>) -> Vec<PathTemplate> {
    let unmatched: Vec<(&str, Vec<Vec<Part>>)> = op
        .examples
        .iter()
        .filter(|e| e.request.template.is_none())
        .map(|e| {
            (
                e.request.method.as_str(),
                template::parse_path(&e.request.path),
            )
        })
        .collect();
    let mut out: Vec<PathTemplate> = Vec::new();
    for t in candidates {
        let used = unmatched.iter().any(|(m, e)| {
            t.method.eq_ignore_ascii_case(m) && template::match_path(&t.segments, e).is_some()
        });
        let known = op.templates.iter().chain(&out).any(|o| same_shape(o, &t));
        if used && !known {
            out.push(t);
        }
    }
    out
}

/// A template that writes a key in the OData key syntax (`worksheets({id|name})`): the same
/// template with the key as a segment of its own (`worksheets/{id|name}`), the form examples use.
fn key_syntax(t: &PathTemplate) -> Option<PathTemplate> {
    let mut changed = false;
    let mut segments = Vec::new();
    for seg in &t.segments {
        if let [Part::Literal(open), Part::Param(p), Part::Literal(close)] = seg.as_slice() {
            let quoted = open.ends_with("('");
            let name = open
                .strip_suffix('\'')
                .unwrap_or(open)
                .strip_suffix('(')
                .unwrap_or_default();
            let closes = if quoted { close == "')" } else { close == ")" };
            if closes && !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) {
                segments.push(vec![Part::Literal(name.to_string())]);
                segments.push(vec![Part::Param(p.clone())]);
                changed = true;
                continue;
            }
        }
        segments.push(seg.clone());
    }
    changed.then(|| {
        PathTemplate::derived(
            t,
            segments,
            format!(
                "`{}` writes a key in the OData key syntax, which is the same as a path segment",
                t.raw
            ),
        )
    })
}

/// `events('AAMk=')` (the OData key syntax) as the two segments `events` and `AAMk=`; `None`
/// when no segment uses it. Function calls (`f(a=1)`) are left alone.
fn key_segments(segments: &[Vec<Part>]) -> Option<Vec<Vec<Part>>> {
    let mut out = Vec::new();
    let mut changed = false;
    for seg in segments {
        if let Some(text) = single_literal(seg) {
            if let Some((name, rest)) = text.split_once('(') {
                if let Some(inner) = rest.strip_suffix(')') {
                    let quoted = inner.len() > 2
                        && inner.starts_with('\'')
                        && inner.ends_with('\'')
                        && !inner[1..inner.len() - 1].contains('\'');
                    let key = inner.trim_matches('\'');
                    if !name.is_empty()
                        && name.chars().all(|c| c.is_ascii_alphanumeric())
                        && !key.is_empty()
                        && (quoted || !inner.contains(['=', '(', ')', ',']))
                    {
                        out.push(vec![Part::Literal(name.to_string())]);
                        out.push(vec![Part::Literal(key.to_string())]);
                        changed = true;
                        continue;
                    }
                }
            }
        }
        out.push(seg.clone());
    }
    changed.then_some(out)
}

/// Templates that name a function without its arguments (`.../usedRange`) while the page's
/// function parameters table and an example give them (`.../usedRange(valuesOnly=true)`): the
/// template with the documented parameters as placeholders.
fn with_function_arguments(op: &Operation) -> Vec<PathTemplate> {
    // A function is called with GET, which sends no body: a page that lists its parameters in
    // a Request body table documents them there.
    let body_table = op
        .templates
        .iter()
        .all(|t| t.method.eq_ignore_ascii_case("GET"));
    let documented: BTreeSet<String> = op
        .function_parameters
        .iter()
        .chain(op.body_properties.iter().filter(|_| body_table))
        .map(|p| p.name.to_ascii_lowercase())
        .collect();
    if documented.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for ex in op.examples.iter().filter(|e| e.request.template.is_none()) {
        let segments = template::parse_path(&ex.request.path);
        // Derived templates too: a mounted one may be the one that omits the arguments.
        for t in op.templates.iter().filter(|t| {
            t.method.eq_ignore_ascii_case(&ex.request.method) && t.segments.len() == segments.len()
        }) {
            let mut new = Vec::new();
            let mut args = Vec::new();
            for (ts, es) in t.segments.iter().zip(&segments) {
                if template::match_path(std::slice::from_ref(ts), std::slice::from_ref(es))
                    .is_some()
                {
                    new.push(ts.clone());
                    continue;
                }
                // The example's call as written, placeholders in its arguments included
                // (`getX(groupId='{id}')`).
                let call = template::render_parts(es);
                match single_literal(ts) {
                    Some(name) => match function_segment(name, &call, &documented) {
                        Some(seg) => {
                            args.push(call);
                            new.push(seg);
                        }
                        None => break,
                    },
                    None => break,
                }
            }
            if new.len() == segments.len() && !args.is_empty() {
                out.push(PathTemplate::derived(
                    t,
                    new,
                    format!(
                        "the page's function parameters table gives the arguments `{}` omits, as `{}` passes them",
                        t.raw,
                        args.join("/")
                    ),
                ));
            }
        }
    }
    out
}

/// Pairs of relationships of one resource with the same target type, one single-valued and one
/// a collection: (single, collection) lower case -> the resource that documents them
/// (`drive`: `root` and `items`, both `driveItem`; `user`: `calendar` and `calendars`).
type Singles = BTreeMap<(String, String), String>;

fn single_relationships(api: &Api) -> Singles {
    use crate::ir::TypeRef;
    let mut out = Singles::new();
    for r in &api.resources {
        for single in &r.relationships {
            let TypeRef::Named(target) = &single.ty else {
                continue;
            };
            for coll in &r.relationships {
                if let TypeRef::Collection(inner) = &coll.ty {
                    if matches!(inner.as_ref(), TypeRef::Named(t) if t.eq_ignore_ascii_case(target))
                    {
                        out.entry((
                            single.name.to_ascii_lowercase(),
                            coll.name.to_ascii_lowercase(),
                        ))
                        .or_insert_with(|| r.page.clone());
                    }
                }
            }
        }
    }
    out
}

/// An example that goes through a single-valued relationship (`/me/drive/root/children`) where
/// the template goes through the collection of the same type (`/me/drive/items/{id}/children`):
/// the template through the relationship. Only what examples use is derived.
fn through_single_relationships(
    op: &Operation,
    singles: &Singles,
    shorthands: &[Shorthand],
) -> Vec<PathTemplate> {
    let mut out = Vec::new();
    let paths = op
        .examples
        .iter()
        .filter(|e| e.request.template.is_none())
        .flat_map(|ex| {
            expanded(&template::parse_path(&ex.request.path), shorthands)
                .into_iter()
                .map(move |p| (ex, p))
        });
    for (ex, e) in paths {
        for t in op.templates.iter().filter(|t| {
            t.derived.is_none()
                && t.method.eq_ignore_ascii_case(&ex.request.method)
                && t.segments.len() == e.len() + 1
        }) {
            for i in 0..e.len() {
                let (Some(single), Some(coll)) = (
                    single_literal(&e[i]),
                    t.segments.get(i).and_then(|s| single_literal(s)),
                ) else {
                    continue;
                };
                let key = (single.to_ascii_lowercase(), coll.to_ascii_lowercase());
                let Some(page) = singles.get(&key) else {
                    continue;
                };
                if !t.segments.get(i + 1).is_some_and(|s| is_param(s)) {
                    continue;
                }
                let mut segments = t.segments[..i].to_vec();
                segments.push(vec![Part::Literal(single.to_string())]);
                segments.extend(t.segments[i + 2..].iter().cloned());
                if template::match_path(&segments, &e).is_some() {
                    out.push(PathTemplate::derived(
                        t,
                        segments,
                        format!(
                            "`{single}` is a single-valued relationship of the type `{coll}` holds ({page})"
                        ),
                    ));
                }
            }
        }
    }
    out
}

/// `name(k1=v1,k2='v2')` with every key documented -> `name(k1={k1},k2='{k2}')`.
fn function_segment(name: &str, call: &str, documented: &BTreeSet<String>) -> Option<Vec<Part>> {
    let inner = call
        .strip_prefix(name)
        .or_else(|| {
            (call.len() > name.len() && call[..name.len()].eq_ignore_ascii_case(name))
                .then(|| &call[name.len()..])
        })?
        .strip_prefix('(')?
        .strip_suffix(')')?;
    let mut parts = Vec::new();
    let mut literal = format!("{name}(");
    for (i, arg) in inner.split(',').enumerate() {
        let (k, v) = arg.split_once('=')?;
        let key = k.trim();
        if !documented.contains(&key.to_ascii_lowercase()) {
            return None;
        }
        if i > 0 {
            literal.push(',');
        }
        literal.push_str(key);
        literal.push('=');
        template::push_placeholder(&mut parts, &mut literal, key, v.trim().starts_with('\''));
    }
    literal.push(')');
    parts.push(Part::Literal(literal));
    Some(parts)
}

fn host(target: &str) -> Option<String> {
    let (_, rest) = target.trim().split_once("://")?;
    let host = rest.split(['/', '?']).next()?;
    Some(host.to_ascii_lowercase())
}

/// The host most examples call is the API's; examples that call another one are marked.
fn mark_other_hosts(api: &mut Api) {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for ex in api.operations.iter().flat_map(|op| &op.examples) {
        if let Some(h) = host(&ex.request.target) {
            *count.entry(h).or_insert(0) += 1;
        }
    }
    let Some(api_host) = count
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(h, _)| h.clone())
    else {
        return;
    };
    for ex in api.operations.iter_mut().flat_map(|op| &mut op.examples) {
        if let Some(h) = host(&ex.request.target) {
            if h != api_host {
                ex.request.other_host = Some(h);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Lang, SourceFile};

    fn page(name: &str, templates: &[&str], example: &str) -> SourceFile {
        let lines: Vec<String> = templates.iter().map(|t| format!("POST {t}")).collect();
        SourceFile::new(
            format!("api/{name}.md"),
            format!(
                "---\ntitle: \"{name}\"\n---\n# {name}\n\n## HTTP request\n\n```http\n{}\n```\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{name}\" }} -->\n```http\n{example}\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 204 No Content\n```\n",
                lines.join("\n")
            ),
            Lang::English,
        )
    }

    fn operation<'a>(analysis: &'a crate::Analysis, page: &str) -> &'a Operation {
        analysis
            .api
            .operations
            .iter()
            .find(|o| o.page == page)
            .unwrap_or_else(|| panic!("no operation from {page}"))
    }

    #[test]
    fn methods_table_rows_make_a_root_shorthand() {
        // Five operations documented under `/me/drive/...`, and a resource page whose Methods
        // table writes them as `/drive/...`.
        let mut sources: Vec<SourceFile> = (0..MIN_SHORTHAND_EVIDENCE)
            .map(|i| {
                page(
                    &format!("op{i}"),
                    &[&format!("/me/drive/x{i}"), &format!("/drives/{{id}}/x{i}")],
                    &format!("POST https://graph.microsoft.com/v1.0/me/drive/x{i}"),
                )
            })
            .collect();
        let rows: Vec<String> = (0..MIN_SHORTHAND_EVIDENCE)
            .map(|i| format!("| [Op {i}](../api/op{i}.md) | `POST /drive/x{i}` |"))
            .collect();
        sources.push(SourceFile::new(
            "resources/drive.md",
            format!(
                "# drive resource type\n\n## Methods\n\n| Method | REST path |\n|:--|:--|\n{}\n\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.drive\"}} -->\n```json\n{{}}\n```\n",
                rows.join("\n")
            ),
            Lang::English,
        ));
        sources.push(page(
            "uses-short",
            &["/me/drive/root/children"],
            "POST https://graph.microsoft.com/v1.0/drive/root/children",
        ));
        let analysis = crate::analyze_sources(&sources);
        let op = operation(&analysis, "api/uses-short.md");
        assert_eq!(op.templates.len(), 2);
        assert_eq!(op.templates[1].raw, "/drive/root/children");
        let why = op.templates[1].derived.as_deref().unwrap();
        assert!(why.contains("resources/drive.md"), "{why}");
        assert_eq!(op.examples[0].request.template, Some((1, vec![])));
        // One row short of the evidence needed: no shorthand.
        let mut few = sources.clone();
        few.remove(0);
        let analysis = crate::analyze_sources(&few);
        let op = operation(&analysis, "api/uses-short.md");
        assert_eq!(op.templates.len(), 1);
    }

    #[test]
    fn an_update_sends_the_resource_its_title_names() {
        let update = "# Update widget\n\n## HTTP request\n\n```http\nPATCH /widgets/{id}\n```\n\n## Request body\n\n| Property | Type | Description |\n|:--|:--|:--|\n| name | String | Required. The name. |\n\n## Response\n\nReturns `204 No Content`.\n\n## Example\n\n```http\nPATCH https://graph.microsoft.com/v1.0/widgets/1\nContent-type: application/json\n\n{\"name\": \"a\"}\n```\n\n```http\nHTTP/1.1 204 No Content\n```\n";
        let widget = "# widget resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| name | String | The name. |\n\n## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\"} -->\n```json\n{}\n```\n";
        let sources = [
            SourceFile::new("api/widget-update.md", update.to_string(), Lang::English),
            SourceFile::new("resources/widget.md", widget.to_string(), Lang::English),
        ];
        let analysis = crate::analyze_sources(&sources);
        let op = &analysis.api.operations[0];
        let body = op.request_body.as_ref().unwrap();
        assert_eq!(body.resource.as_deref(), Some("widget"));
        // Without the resource page, the table types the body; an update requires nothing.
        let alone = crate::analyze_sources(&sources[..1]);
        let op = &alone.api.operations[0];
        assert_eq!(op.request_body.as_ref().unwrap().resource, None);
        assert!(op.updates());
        assert!(!alone
            .diagnostics
            .iter()
            .any(|d| d.code == crate::base::Code::ExampleMissingRequiredProperty));
    }

    #[test]
    fn an_odata_cast_after_a_documented_template_is_derived_where_an_example_writes_it() {
        let a = crate::analyze_sources(&[page(
            "members",
            &["/groups/{id}/members"],
            "POST https://graph.microsoft.com/v1.0/groups/1/members/microsoft.graph.user",
        )]);
        let op = operation(&a, "api/members.md");
        assert_eq!(op.templates.len(), 2);
        assert_eq!(
            op.templates[1].raw,
            "/groups/{id}/members/microsoft.graph.user"
        );
        assert!(op.templates[1]
            .derived
            .as_deref()
            .is_some_and(|w| w.contains("OData cast")));
        assert_eq!(
            op.examples[0].request.template.as_ref().map(|t| t.0),
            Some(1)
        );
        // Any other extra segment is no cast.
        let a = crate::analyze_sources(&[page(
            "members",
            &["/groups/{id}/members"],
            "POST https://graph.microsoft.com/v1.0/groups/1/members/other",
        )]);
        assert_eq!(operation(&a, "api/members.md").templates.len(), 1);
    }

    #[test]
    fn a_resource_page_that_reads_its_root_singleton_documents_that_call() {
        let md = "# auditLogRoot resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/auditLogs\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.auditLogRoot\"} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{}\n```\n\n## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.auditLogRoot\"} -->\n```json\n{}\n```\n";
        let a = crate::analyze_sources(&[SourceFile::new(
            "resources/auditlogroot.md",
            md.into(),
            Lang::English,
        )]);
        let op = operation(&a, "resources/auditlogroot.md");
        assert_eq!(op.templates.len(), 1);
        assert_eq!(op.templates[0].raw, "/auditLogs");
        assert!(op.templates[0].derived.is_some());
        assert_eq!(
            op.examples[0].request.template.as_ref().map(|t| t.0),
            Some(0)
        );
        // Answered with another type, it is not the page's own read.
        let other = md.replacen(
            "microsoft.graph.auditLogRoot\"} -->\n```http",
            "microsoft.graph.directory\"} -->\n```http",
            1,
        );
        let a = crate::analyze_sources(&[SourceFile::new(
            "resources/auditlogroot.md",
            other,
            Lang::English,
        )]);
        assert!(operation(&a, "resources/auditlogroot.md")
            .templates
            .is_empty());
    }

    #[test]
    fn a_get_function_takes_the_arguments_its_request_body_table_lists() {
        let md = "# auditEvent: getAuditActivityTypes\n\n## HTTP request\n\n```http\nGET /deviceManagement/auditEvents/getAuditActivityTypes\n```\n\n## Request body\n\n| Property | Type | Description |\n|:--|:--|:--|\n| category | String | The category. |\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/deviceManagement/auditEvents/getAuditActivityTypes(category='{category}')\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 204 No Content\n```\n";
        let a = crate::analyze_sources(&[SourceFile::new("api/x.md", md.into(), Lang::English)]);
        let op = operation(&a, "api/x.md");
        assert_eq!(op.templates.len(), 2);
        assert_eq!(op.templates[1].params[0].name, "category");
        assert_eq!(
            op.examples[0].request.template.as_ref().map(|t| t.0),
            Some(1)
        );
    }

    #[test]
    fn relationships_a_request_body_carries_are_fields() {
        let resource = |name: &str, rows: &str, rels: &str| {
            SourceFile::new(
                format!("resources/{name}.md"),
                format!("# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}\n## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n{rels}\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"}} -->\n```json\n{{}}\n```\n"),
                Lang::English,
            )
        };
        let send = "# user: sendMail\n\n## HTTP request\n\n```http\nPOST /me/sendMail\n```\n\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| message | [message](../resources/message.md) | Required. The message. |\n\n## Response\n\nReturns `202 Accepted`.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nPOST https://graph.microsoft.com/v1.0/me/sendMail\nContent-type: application/json\n\n{\"message\": {\"subject\": \"x\", \"attachments\": [{\"name\": \"a.txt\"}]}}\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 202 Accepted\n```\n";
        let a = crate::analyze_sources(&[
            resource("message", "| subject | String | The subject. |\n", "| attachments | [attachment](attachment.md) collection | The attachments. |\n| extensions | [extension](extension.md) collection | Extensions. |\n"),
            resource("attachment", "| name | String | The name. |\n", ""),
            SourceFile::new("api/user-sendmail.md", send.into(), Lang::English),
        ]);
        let message = a
            .api
            .resources
            .iter()
            .find(|r| r.name == "message")
            .unwrap();
        assert_eq!(message.sent_relationships, ["attachments"]);
        let index = crate::ir::index::ResourceIndex::new(&a.api);
        let fields: Vec<&str> = index
            .fields(message)
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        // A relationship no body carries stays out of the struct.
        assert_eq!(fields, ["subject", "attachments"]);
    }

    #[test]
    fn a_function_called_without_its_optional_arguments() {
        let a = crate::analyze_sources(&[page(
            "rowsabove",
            &["/me/drive/items/{id}/workbook/worksheets/{id}/range/rowsAbove(count={n})"],
            "POST https://graph.microsoft.com/v1.0/me/drive/items/1/workbook/worksheets/2/range/rowsAbove",
        )]);
        let op = operation(&a, "api/rowsabove.md");
        assert_eq!(op.templates.len(), 2);
        assert!(op.templates[1].raw.ends_with("/range/rowsAbove"));
        assert_eq!(
            op.examples[0].request.template.as_ref().map(|t| t.0),
            Some(1)
        );
    }

    #[test]
    fn examples_of_several_derived_types_return_their_base() {
        let resource = |name: &str, extra: &str| {
            SourceFile::new(
                format!("resources/{}.md", name.to_lowercase()),
                format!("# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{extra}}} -->\n```json\n{{}}\n```\n"),
                Lang::English,
            )
        };
        let example = |n: &str, ty: &str| {
            format!("<!-- {{\"blockType\": \"request\", \"name\": \"{n}\"}} -->\n```http\nGET https://graph.microsoft.com/v1.0/things/{n}\n```\n\n<!-- {{\"blockType\": \"response\", \"name\": \"{n}\", \"@odata.type\": \"microsoft.graph.{ty}\"}} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"id\": \"{n}\"}}\n```\n\n")
        };
        let get = format!(
            "# Get thing\n\n## HTTP request\n\n```http\nGET /things/{{id}}\n```\n\n## Response\n\nReturns `200 OK`.\n\n## Example\n\n{}{}",
            example("a", "fileAttachment"),
            example("b", "itemAttachment")
        );
        let sources = [
            resource("attachment", ", \"abstract\": true"),
            resource(
                "fileAttachment",
                ", \"baseType\": \"microsoft.graph.attachment\"",
            ),
            resource(
                "itemAttachment",
                ", \"baseType\": \"microsoft.graph.attachment\"",
            ),
            SourceFile::new("api/thing-get.md", get.clone(), Lang::English),
        ];
        let analysis = crate::analyze_sources(&sources);
        let op = operation(&analysis, "api/thing-get.md");
        let shape = op.response_body.as_ref().unwrap();
        assert_eq!(shape.resource.as_deref(), Some("attachment"));
        // One derived type only: the operation keeps it.
        let mut one = sources.to_vec();
        one[3] = SourceFile::new(
            "api/thing-get.md",
            get.replace("itemAttachment", "fileAttachment"),
            Lang::English,
        );
        let one = crate::analyze_sources(&one);
        let op = operation(&one, "api/thing-get.md");
        assert_eq!(
            op.response_body.as_ref().unwrap().resource.as_deref(),
            Some("fileAttachment")
        );
        // Unless the Response prose says the operation returns the base.
        let mut prose = sources.to_vec();
        prose[3] = SourceFile::new(
            "api/thing-get.md",
            get.replace("itemAttachment", "fileAttachment").replace(
                "Returns `200 OK`.",
                "Returns `200 OK` and an [attachment](../resources/attachment.md) object.",
            ),
            Lang::English,
        );
        let prose = crate::analyze_sources(&prose);
        let op = operation(&prose, "api/thing-get.md");
        assert_eq!(
            op.response_body.as_ref().unwrap().resource.as_deref(),
            Some("attachment")
        );
    }

    #[test]
    fn a_key_in_the_odata_key_syntax_is_also_a_segment() {
        let sources = [page(
            "names",
            &["/workbook/worksheets({id|name})/names"],
            "POST https://graph.microsoft.com/v1.0/workbook/worksheets/Sheet1/names",
        )];
        let analysis = crate::analyze_sources(&sources);
        let op = &analysis.api.operations[0];
        assert_eq!(op.templates[1].raw, "/workbook/worksheets/{id|name}/names");
        assert_eq!(
            op.examples[0].request.template,
            Some((1, vec!["Sheet1".to_string()]))
        );
        let function = [page(
            "report",
            &["/reports/getX(period='{period}')"],
            "POST https://graph.microsoft.com/v1.0/reports/getX(period='D7')",
        )];
        let analysis = crate::analyze_sources(&function);
        assert_eq!(
            analysis.api.operations[0].templates.len(),
            1,
            "a function call is not a key"
        );
    }

    #[test]
    fn me_is_an_alias_of_users_when_many_pages_say_so() {
        let mut sources: Vec<SourceFile> = (0..MIN_ALIAS_EVIDENCE)
            .map(|i| {
                page(
                    &format!("op{i}"),
                    &[&format!("/me/x{i}"), &format!("/users/{{id}}/x{i}")],
                    &format!("POST https://graph.microsoft.com/v1.0/me/x{i}"),
                )
            })
            .collect();
        sources.push(page(
            "only-users",
            &["/users/{id | userPrincipalName}/checkMemberGroups"],
            "POST https://graph.microsoft.com/v1.0/me/checkMemberGroups",
        ));
        sources.push(page(
            "callback",
            &["/communications/calls/{id}/answer"],
            "POST https://bot.contoso.com/api/calls",
        ));
        let analysis = crate::analyze_sources(&sources);
        let op = operation(&analysis, "api/only-users.md");
        assert_eq!(op.templates.len(), 2);
        assert_eq!(op.templates[1].raw, "/me/checkMemberGroups");
        assert!(op.templates[1].derived.is_some());
        assert_eq!(op.examples[0].request.template, Some((1, vec![])));
        let callback = operation(&analysis, "api/callback.md");
        assert_eq!(
            callback.examples[0].request.other_host.as_deref(),
            Some("bot.contoso.com")
        );
        // The entity itself: `/me` only for the methods some page documents on `/me` alone.
        sources.push(page(
            "user-delete",
            &["/users/{id}"],
            "POST https://graph.microsoft.com/v1.0/users/1",
        ));
        let analysis = crate::analyze_sources(&sources);
        assert_eq!(
            operation(&analysis, "api/user-delete.md").templates.len(),
            1
        );
        sources.push(page(
            "me-post",
            &["/me"],
            "POST https://graph.microsoft.com/v1.0/me",
        ));
        let analysis = crate::analyze_sources(&sources);
        let op = operation(&analysis, "api/user-delete.md");
        assert_eq!(op.templates.len(), 2);
        assert_eq!(op.templates[1].raw, "/me");
        sources.truncate(sources.len() - 2);
        // Too little evidence: nine pages do not make an alias.
        let few = crate::analyze_sources(&sources[1..]);
        let op = operation(&few, "api/only-users.md");
        assert_eq!(op.templates.len(), 1);
    }

    #[test]
    fn function_arguments_the_template_omits_come_from_the_parameters_table() {
        let md = "# range: usedRange\n\n## HTTP request\n\n```http\nGET /me/drive/items/{id}/workbook/worksheets/{id|name}/usedRange\n```\n\n## Function parameters\n\n|Parameter|Type|Description|\n|:--|:--|:--|\n|valuesOnly|Boolean|Only values.|\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"a\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/me/drive/items/01AB/workbook/worksheets/Sheet1/usedRange(valuesOnly=true)\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n";
        let a =
            crate::analyze_sources(&[SourceFile::new("api/x.md", md.to_string(), Lang::English)]);
        let op = &a.api.operations[0];
        assert_eq!(
            op.templates[1].raw,
            "/me/drive/items/{id}/workbook/worksheets/{id|name}/usedRange(valuesOnly={valuesOnly})"
        );
        assert_eq!(
            op.examples[0].request.template,
            Some((1, vec!["01AB".into(), "Sheet1".into(), "true".into()]))
        );
        // An argument the table does not document derives nothing.
        let other = md.replace("|valuesOnly|", "|somethingElse|");
        let a = crate::analyze_sources(&[SourceFile::new("api/x.md", other, Lang::English)]);
        assert_eq!(a.api.operations[0].templates.len(), 1);
    }

    #[test]
    fn single_valued_relationships_stand_for_an_item_of_the_collection() {
        let drive = SourceFile::new(
            "resources/drive.md",
            "# drive resource type\n\n## Relationships\n\n|Relationship|Type|Description|\n|:--|:--|:--|\n|items|[driveItem](driveitem.md) collection|All items.|\n|root|[driveItem](driveitem.md)|The root folder.|\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.drive\" } -->\n```json\n{ }\n```\n".to_string(),
            Lang::English,
        );
        let list = page(
            "list-children",
            &["/me/drive/items/{item-id}/children"],
            "POST https://graph.microsoft.com/v1.0/me/drive/root/children",
        );
        let a = crate::analyze_sources(&[drive, list]);
        let op = &a.api.operations[0];
        assert_eq!(op.templates[1].raw, "/me/drive/root/children");
        assert_eq!(op.examples[0].request.template, Some((1, vec![])));
    }

    #[test]
    fn odata_key_syntax_matches_the_template_segment() {
        let p = page(
            "event-get",
            &["/me/events/{id}/attachments"],
            "POST https://graph.microsoft.com/v1.0/me/events('AAMk=')/attachments",
        );
        let a = crate::analyze_sources(&[p]);
        let ex = &a.api.operations[0].examples[0].request;
        assert_eq!(ex.template, Some((0, vec!["AAMk=".to_string()])));
        assert_eq!(
            ex.key_syntax_path.as_deref(),
            Some("/me/events/AAMk=/attachments")
        );
        assert_eq!(
            key_segments(&template::parse_path("/reports/f(a=1)")),
            None,
            "a function call is not a key"
        );
    }

    #[test]
    fn relative_templates_are_mounted_where_their_examples_put_them() {
        let sources = vec![
            page(
                "names-add",
                &["/workbook/names/add"],
                "POST https://graph.microsoft.com/v1.0/me/drive/items/01ABC/workbook/names/add",
            ),
            page(
                "tables-add",
                &["/workbook/tables/add"],
                "POST https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/tables/add",
            ),
            page(
                "item-get",
                &["/me/drive/items/{item-id}"],
                "POST https://graph.microsoft.com/v1.0/me/drive/items/01ABC",
            ),
        ];
        let analysis = crate::analyze_sources(&sources);
        let names = operation(&analysis, "api/names-add.md");
        let raws: Vec<&str> = names.templates.iter().map(|t| t.raw.as_str()).collect();
        assert_eq!(
            raws,
            [
                "/workbook/names/add",
                "/me/drive/items/{item-id}/workbook/names/add"
            ]
        );
        assert_eq!(names.templates[1].params[0].name, "item_id");
        assert_eq!(
            names.examples[0].request.template,
            Some((1, vec!["01ABC".to_string()]))
        );
        assert!(!analysis
            .diagnostics
            .iter()
            .any(|d| d.code == crate::base::Code::ExampleUrlMatchesNoTemplate));
    }
}
