//! The change between two IRs of one API as a user of the generated crate sees it: calls,
//! operations, types, properties and enum members added, removed or changed, each classed by
//! the version bump it calls for. Only the language-neutral API counts (method, path, types,
//! names, statuses, scopes); titles, descriptions and locations never make a change, so the
//! same docs in another language, or reworded, diff as empty.
//!
//! The classes follow Rust's semver rules for the items the emitter writes, as the crate
//! documents their use:
//! - a removed or changed item that code may name is `Major` (a call, a type, a field, a
//!   member, a return type, a required argument);
//! - an addition is `Minor`: calls and types are new items; a new optional field keeps
//!   compiling code that builds its struct as the crate documents it (`..Default::default()`,
//!   `..Self::new(..)`); a new enum member keeps compiling a `match` with a wildcard arm,
//!   which the members' `Unrecognized` arm of a newer value already calls for;
//! - what changes no item, only the values the crate carries (scopes, the documented success
//!   status of the same return type), is `Patch`.

use crate::base::Location;
use crate::emit::{returns, Returns};
use crate::ir::index::ResourceIndex;
use crate::ir::{Api, EnumType, Operation, Parameter, Permission, Property, Resource, TypeRef};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The version bump a change calls for, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Values only: code that compiled still does, and means the same.
    Patch,
    /// Additions: code that compiled still does.
    Minor,
    /// Code that compiled may not.
    Major,
}

impl Bump {
    /// `major`, `minor`, `patch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// Whether code written against the old crate may not compile against the new one.
    pub fn breaking(self) -> bool {
        self == Bump::Major
    }
}

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// An operation: one documented page's request, with all its calls.
    Operation,
    /// One call of an operation: a method and path template.
    Call,
    /// A resource type (a model).
    Type,
    /// A property of a resource type, or a member of an operation's request body.
    Property,
    /// An enum.
    Enum,
    /// A member of an enum.
    EnumMember,
}

/// How it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// New in the new docs.
    Added,
    /// Gone from the new docs.
    Removed,
    /// The same thing under another name.
    Renamed,
    /// There in both, different.
    Changed,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// What it is about.
    pub subject: Subject,
    /// The item: `GET /me/messages`, `message`, `message.subject`, `importance.low`.
    pub name: String,
    /// How it changed.
    pub kind: Kind,
    /// What changed, old and new (`return type: Message -> [Message]`); empty for additions
    /// and removals.
    pub detail: String,
    /// The bump it calls for.
    pub bump: Bump,
    /// Where the new docs state it (the old docs' for a removal).
    pub location: Option<Location>,
}

/// The changes between two IRs, sorted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ApiDiff {
    /// Every change, by subject, name and kind.
    pub changes: Vec<Change>,
}

/// Counts of a diff for a headline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Operations added, removed, changed (a call added or removed, or another aspect).
    pub operations_added: usize,
    /// See `operations_added`.
    pub operations_removed: usize,
    /// See `operations_added`.
    pub operations_changed: usize,
    /// Types (resources and enums) added, removed, renamed, changed (their properties or
    /// members).
    pub types_added: usize,
    /// See `types_added`.
    pub types_removed: usize,
    /// See `types_added`.
    pub types_renamed: usize,
    /// See `types_added`.
    pub types_changed: usize,
    /// Changes that may break code written against the old crate.
    pub breaking: usize,
    /// All changes.
    pub changes: usize,
}

impl ApiDiff {
    /// The bump the whole diff calls for; `None` when nothing changed.
    pub fn bump(&self) -> Option<Bump> {
        self.changes.iter().map(|c| c.bump).max()
    }

    /// Whether the APIs are the same.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Headline counts.
    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            changes: self.changes.len(),
            breaking: self.changes.iter().filter(|c| c.bump.breaking()).count(),
            ..Counts::default()
        };
        let mut changed_ops = BTreeSet::new();
        let mut changed_types = BTreeSet::new();
        for ch in &self.changes {
            match (ch.subject, ch.kind) {
                (Subject::Operation, Kind::Added) => c.operations_added += 1,
                (Subject::Operation, Kind::Removed) => c.operations_removed += 1,
                (Subject::Operation | Subject::Call, _) => {
                    changed_ops.insert(owner(&ch.name));
                }
                (Subject::Type | Subject::Enum, Kind::Added) => c.types_added += 1,
                (Subject::Type | Subject::Enum, Kind::Removed) => c.types_removed += 1,
                (Subject::Type | Subject::Enum, Kind::Renamed) => c.types_renamed += 1,
                (Subject::Type | Subject::Enum | Subject::Property | Subject::EnumMember, _) => {
                    changed_types.insert(owner(&ch.name));
                }
            }
        }
        c.operations_changed = changed_ops.len();
        c.types_changed = changed_types.len();
        c
    }

    /// The version to publish after `current` (`0.3.1`): for `0.y.z`, a breaking change bumps
    /// `y` and any other `z`, as Cargo reads versions; from `1.0.0` on, each class its part.
    /// `None` when nothing changed or `current` is no version.
    pub fn advised_version(&self, current: &str) -> Option<String> {
        let bump = self.bump()?;
        let mut v = semver::Version::parse(current.trim()).ok()?;
        v.pre = semver::Prerelease::EMPTY;
        v.build = semver::BuildMetadata::EMPTY;
        match (v.major, bump) {
            (0, Bump::Major) => {
                v.minor += 1;
                v.patch = 0;
            }
            (0, _) | (_, Bump::Patch) => v.patch += 1,
            (_, Bump::Minor) => {
                v.minor += 1;
                v.patch = 0;
            }
            (_, Bump::Major) => {
                v.major += 1;
                v.minor = 0;
                v.patch = 0;
            }
        }
        Some(v.to_string())
    }

    /// For review: the headline, then each change, breaking ones first.
    pub fn human(&self) -> String {
        let mut out = String::new();
        let c = self.counts();
        let _ = writeln!(out, "{}", headline(&c, self.bump()));
        for bump in [Bump::Major, Bump::Minor, Bump::Patch] {
            let these: Vec<&Change> = self.changes.iter().filter(|c| c.bump == bump).collect();
            if these.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{} ({}):", bump_title(bump), these.len());
            for ch in these {
                let _ = writeln!(out, "  {}", line(ch));
            }
        }
        out
    }

    /// A changelog section: the headline, then breaking changes, additions and other changes
    /// as lists.
    pub fn markdown(&self, version: Option<&str>) -> String {
        let mut out = String::new();
        let title = version.map_or_else(|| "Unreleased".to_string(), str::to_string);
        let _ = writeln!(out, "## {title}\n");
        let _ = writeln!(out, "{}\n", headline(&self.counts(), self.bump()));
        for bump in [Bump::Major, Bump::Minor, Bump::Patch] {
            let these: Vec<&Change> = self.changes.iter().filter(|c| c.bump == bump).collect();
            if these.is_empty() {
                continue;
            }
            let _ = writeln!(out, "### {}\n", bump_title(bump));
            for ch in these {
                let _ = writeln!(out, "- {}", line(ch));
            }
            out.push('\n');
        }
        out
    }
}

fn bump_title(b: Bump) -> &'static str {
    match b {
        Bump::Major => "Breaking changes",
        Bump::Minor => "Additions",
        Bump::Patch => "Other changes",
    }
}

fn headline(c: &Counts, bump: Option<Bump>) -> String {
    if c.changes == 0 {
        return "no change to the API".into();
    }
    format!(
        "operations: {} added, {} removed, {} changed; types: {} added, {} removed, {} renamed, \
         {} changed; {} of {} changes breaking; bump: {}",
        c.operations_added,
        c.operations_removed,
        c.operations_changed,
        c.types_added,
        c.types_removed,
        c.types_renamed,
        c.types_changed,
        c.breaking,
        c.changes,
        bump.map_or("none", Bump::as_str)
    )
}

fn line(ch: &Change) -> String {
    let subject = match ch.subject {
        Subject::Operation => "operation",
        Subject::Call => "call",
        Subject::Type => "type",
        Subject::Property => "property",
        Subject::Enum => "enum",
        Subject::EnumMember => "enum member",
    };
    let kind = match ch.kind {
        Kind::Added => "added",
        Kind::Removed => "removed",
        Kind::Renamed => "renamed",
        Kind::Changed => "changed",
    };
    let at = ch
        .location
        .as_ref()
        .map(|l| format!(" ({}:{})", l.file, l.line))
        .unwrap_or_default();
    if ch.detail.is_empty() {
        format!("{subject} `{}` {kind}{at}", ch.name)
    } else {
        format!("{subject} `{}` {kind}: {}{at}", ch.name, ch.detail)
    }
}

/// The operation or type a change's name belongs to (`message` of `message.subject`,
/// `send_mail` of `send_mail: GET /me/sendMail`).
fn owner(name: &str) -> String {
    name.split([':', '.'])
        .next()
        .unwrap_or(name)
        .trim()
        .to_string()
}

/// A call as a user's code reaches it: the method and the path, placeholders unnamed (their
/// names are no part of the call) and case folded (the steps' names are snake case).
fn call_key(method: crate::base::Method, raw: &str) -> String {
    let mut path = String::with_capacity(raw.len());
    let mut depth = 0usize;
    for c in raw.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    path.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth = depth.saturating_sub(1),
            c if depth == 0 => path.extend(c.to_lowercase()),
            _ => {}
        }
    }
    format!("{} {path}", method.as_str())
}

/// Compares two IRs.
pub fn diff(old: &Api, new: &Api) -> ApiDiff {
    let mut changes = Vec::new();
    operations(old, new, &mut changes);
    resources(old, new, &mut changes);
    enums(old, new, &mut changes);
    changes.sort();
    changes.dedup();
    ApiDiff { changes }
}

fn change(
    subject: Subject,
    name: String,
    kind: Kind,
    detail: String,
    bump: Bump,
    location: Option<&Location>,
) -> Change {
    Change {
        subject,
        name,
        kind,
        detail,
        bump,
        location: location.cloned(),
    }
}

/// Each call of an API: its key -> (operation index, the template's raw text, its location).
/// Several operations may document one call (the generator calls it once): the first holds it.
fn calls(api: &Api) -> BTreeMap<String, (usize, &str, &Location)> {
    let mut out = BTreeMap::new();
    for (i, op) in api.operations.iter().enumerate() {
        for t in &op.templates {
            out.entry(call_key(t.method, &t.raw))
                .or_insert((i, t.raw.as_str(), &t.location));
        }
    }
    out
}

/// The operations of both IRs that are the same: documented by the same page (by id when a
/// page documents several), else sharing a call.
fn pair_operations(old: &Api, new: &Api) -> Vec<(usize, usize)> {
    let (p_old, p_new) = (ops_by_page(old), ops_by_page(new));
    let mut pairs = Vec::new();
    let (mut used_old, mut used_new) = (BTreeSet::new(), BTreeSet::new());
    for (page, olds) in &p_old {
        let Some(news) = p_new.get(page) else {
            continue;
        };
        if let ([o], [n]) = (olds.as_slice(), news.as_slice()) {
            pairs.push((*o, *n));
            used_old.insert(*o);
            used_new.insert(*n);
            continue;
        }
        for o in olds {
            let id = &old.operations[*o].id;
            if let Some(n) = news.iter().find(|n| &new.operations[**n].id == id) {
                if used_new.insert(*n) {
                    pairs.push((*o, *n));
                    used_old.insert(*o);
                }
            }
        }
    }
    // Moved to another page: by the calls they share.
    let keys = |op: &Operation| -> BTreeSet<String> {
        op.templates
            .iter()
            .map(|t| call_key(t.method, &t.raw))
            .collect()
    };
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (n, op) in new.operations.iter().enumerate() {
        if !used_new.contains(&n) {
            for k in keys(op) {
                by_key.entry(k).or_insert(n);
            }
        }
    }
    for (o, op) in old.operations.iter().enumerate() {
        if used_old.contains(&o) {
            continue;
        }
        let found = keys(op)
            .iter()
            .filter_map(|k| by_key.get(k))
            .find(|n| !used_new.contains(*n))
            .copied();
        if let Some(n) = found {
            used_new.insert(n);
            used_old.insert(o);
            pairs.push((o, n));
        }
    }
    pairs.sort();
    pairs
}

fn ops_by_page(api: &Api) -> BTreeMap<&str, Vec<usize>> {
    let mut m: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, op) in api.operations.iter().enumerate() {
        m.entry(op.page.as_str()).or_default().push(i);
    }
    m
}

fn operations(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let pairs = pair_operations(old, new);
    let paired_old: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
    let paired_new: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
    for (i, op) in old.operations.iter().enumerate() {
        if !paired_old.contains(&i) && !op.templates.is_empty() {
            out.push(change(
                Subject::Operation,
                op_name(op),
                Kind::Removed,
                String::new(),
                Bump::Major,
                Some(&op.location),
            ));
        }
    }
    for (i, op) in new.operations.iter().enumerate() {
        if !paired_new.contains(&i) && !op.templates.is_empty() {
            out.push(change(
                Subject::Operation,
                op_name(op),
                Kind::Added,
                String::new(),
                Bump::Minor,
                Some(&op.location),
            ));
        }
    }
    // Calls gone from the API or new in it, of operations that stay (a removed or added
    // operation's calls go and come with it).
    let (before, after) = (calls(old), calls(new));
    for (key, (o, raw, loc)) in &before {
        if !after.contains_key(key) && paired_old.contains(o) {
            let op = &old.operations[*o];
            out.push(change(
                Subject::Call,
                format!("{}: {} {raw}", op_name(op), method_of(key)),
                Kind::Removed,
                String::new(),
                Bump::Major,
                Some(loc),
            ));
        }
    }
    for (key, (n, raw, loc)) in &after {
        if !before.contains_key(key) && paired_new.contains(n) {
            let op = &new.operations[*n];
            out.push(change(
                Subject::Call,
                format!("{}: {} {raw}", op_name(op), method_of(key)),
                Kind::Added,
                String::new(),
                Bump::Minor,
                Some(loc),
            ));
        }
    }
    for (o, n) in pairs {
        operation_changes(&old.operations[o], &new.operations[n], out);
    }
}

fn method_of(key: &str) -> &str {
    key.split(' ').next().unwrap_or(key)
}

/// An operation by the name its generated items take (`send_mail`).
fn op_name(op: &Operation) -> String {
    op.id.clone()
}

fn operation_changes(old: &Operation, new: &Operation, out: &mut Vec<Change>) {
    let name = op_name(new);
    let loc = Some(&new.location);
    let mut push = |detail: String, bump: Bump| {
        out.push(change(
            Subject::Operation,
            name.clone(),
            Kind::Changed,
            detail,
            bump,
            loc,
        ))
    };
    if old.id != new.id {
        // The operation's info constant and request body struct are named from it.
        push(format!("id: {} -> {}", old.id, new.id), Bump::Major);
    }
    let (r_old, r_new) = (return_type(old), return_type(new));
    if r_old != r_new {
        push(format!("return type: {r_old} -> {r_new}"), Bump::Major);
    } else if old.success.status != new.success.status {
        push(
            format!(
                "success status: {} -> {}",
                status(old.success.status),
                status(new.success.status)
            ),
            Bump::Patch,
        );
    }
    let (b_old, b_new) = (request_type(old), request_type(new));
    if b_old != b_new {
        push(format!("request body: {b_old} -> {b_new}"), Bump::Major);
    } else if old
        .request_body
        .as_ref()
        .is_some_and(|b| b.resource.is_none())
    {
        body_members(old, new, &mut push);
    }
    let (q_old, q_new): (BTreeSet<_>, BTreeSet<_>) = (
        old.query_options.iter().map(|q| q.name()).collect(),
        new.query_options.iter().map(|q| q.name()).collect(),
    );
    for q in q_old.difference(&q_new) {
        push(format!("query option ${q} removed"), Bump::Major);
    }
    for q in q_new.difference(&q_old) {
        push(format!("query option ${q} added"), Bump::Minor);
    }
    let (h_old, h_new) = (headers(&old.headers), headers(&new.headers));
    for (h, required) in &h_old {
        match h_new.get(h) {
            None => push(format!("header {h} no longer documented"), Bump::Patch),
            Some(r) if r != required => push(
                format!(
                    "header {h}: {} -> {}",
                    required_word(*required),
                    required_word(*r)
                ),
                Bump::Patch,
            ),
            Some(_) => {}
        }
    }
    for h in h_new.keys().filter(|h| !h_old.contains_key(*h)) {
        push(format!("header {h} documented"), Bump::Patch);
    }
    for (label, a, b) in [
        (
            "delegated (work or school)",
            &old.scopes.delegated_work,
            &new.scopes.delegated_work,
        ),
        (
            "delegated (personal)",
            &old.scopes.delegated_personal,
            &new.scopes.delegated_personal,
        ),
        (
            "application",
            &old.scopes.application,
            &new.scopes.application,
        ),
    ] {
        if !same_permission(a, b) {
            push(
                format!("{label} scopes: {} -> {}", scopes(a), scopes(b)),
                Bump::Patch,
            );
        }
    }
}

/// Members of a request body that the operation's page types (its body struct).
fn body_members(old: &Operation, new: &Operation, push: &mut impl FnMut(String, Bump)) {
    let members = |op: &Operation| -> BTreeMap<String, (Option<TypeRef>, bool)> {
        op.body_members()
            .into_iter()
            .map(|p| (p.name.clone(), (p.ty.clone(), op.requires(p))))
            .collect()
    };
    let (m_old, m_new) = (members(old), members(new));
    for (n, (ty, required)) in &m_old {
        match m_new.get(n) {
            None => push(format!("body member {n} removed"), Bump::Major),
            Some((t2, r2)) => {
                if ty != t2 {
                    push(
                        format!("body member {n}: {} -> {}", ty_text(ty), ty_text(t2)),
                        Bump::Major,
                    );
                }
                if required != r2 {
                    // `T` and `Option<T>` differ; a new required member is a new argument of
                    // the body's constructor.
                    push(
                        format!(
                            "body member {n}: {} -> {}",
                            required_word(*required),
                            required_word(*r2)
                        ),
                        Bump::Major,
                    );
                }
            }
        }
    }
    for (n, (_, required)) in &m_new {
        if !m_old.contains_key(n) {
            let bump = if *required { Bump::Major } else { Bump::Minor };
            push(
                format!("body member {n} added ({})", required_word(*required)),
                bump,
            );
        }
    }
}

fn required_word(r: bool) -> &'static str {
    if r {
        "required"
    } else {
        "optional"
    }
}

fn ty_text(t: &Option<TypeRef>) -> String {
    t.as_ref()
        .map_or_else(|| "untyped".into(), |t| t.to_string())
}

fn headers(hs: &[Parameter]) -> BTreeMap<String, bool> {
    hs.iter()
        .map(|h| (h.name.to_ascii_lowercase(), h.required))
        .collect()
}

/// Scopes as a set: their order in a cell is prose (least to most privileged), no part of the
/// API.
fn scope_set(p: &Permission) -> Option<BTreeSet<&str>> {
    match p {
        Permission::Scopes(s) => Some(s.iter().map(String::as_str).collect()),
        _ => None,
    }
}

fn same_permission(a: &Permission, b: &Permission) -> bool {
    match (scope_set(a), scope_set(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn scopes(p: &Permission) -> String {
    match p {
        Permission::Scopes(s) => s.join(", "),
        Permission::NotSupported => "not supported".into(),
        Permission::Undocumented => "none".into(),
    }
}

fn status(s: Option<u16>) -> String {
    s.map_or_else(|| "none".into(), |s| s.to_string())
}

/// The return type of an operation's calls, as the emitter decides it.
fn return_type(op: &Operation) -> String {
    let Some(t) = op.templates.first() else {
        return "()".into();
    };
    match returns(op, t) {
        Returns::Redirected => "redirect".into(),
        Returns::Bytes => "bytes".into(),
        Returns::Nothing => "()".into(),
        Returns::Json(shape) => {
            let inner = shape.resource.clone().unwrap_or_else(|| "untyped".into());
            if shape.collection {
                format!("Collection({inner})")
            } else {
                inner
            }
        }
    }
}

/// The request body's type: a documented resource, the operation's own body struct, bytes,
/// or none.
fn request_type(op: &Operation) -> String {
    match &op.request_body {
        None => "none".into(),
        Some(b) if b.is_stream() => "bytes".into(),
        Some(b) => match &b.resource {
            Some(r) if b.collection => format!("Collection({r})"),
            Some(r) => r.clone(),
            None => format!("{}'s body struct", op.id),
        },
    }
}

/// A resource's fields as its struct has them (`ResourceIndex::fields`: its own and inherited
/// properties, and the relationships a request body carries).
fn fields<'a>(index: &ResourceIndex<'a>, r: &'a Resource) -> BTreeMap<&'a str, &'a Property> {
    index
        .fields(r)
        .into_iter()
        .map(|p| (p.name.as_str(), p))
        .collect()
}

/// Both IRs' indexes.
struct Indexes<'a> {
    old: ResourceIndex<'a>,
    new: ResourceIndex<'a>,
}

fn resources(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let ix = Indexes {
        old: ResourceIndex::new(old),
        new: ResourceIndex::new(new),
    };
    let by_name = |api: &Api| -> BTreeMap<String, usize> {
        api.resources
            .iter()
            .enumerate()
            .map(|(i, r)| (r.name.to_ascii_lowercase(), i))
            .collect()
    };
    let (before, after) = (by_name(old), by_name(new));
    let removed: Vec<&Resource> = before
        .iter()
        .filter(|(n, _)| !after.contains_key(*n))
        .map(|(_, i)| &old.resources[*i])
        .collect();
    let added: Vec<&Resource> = after
        .iter()
        .filter(|(n, _)| !before.contains_key(*n))
        .map(|(_, i)| &new.resources[*i])
        .collect();
    // A type whose page now documents a type of another name is that type renamed.
    let added_by_page: BTreeMap<&str, &Resource> =
        added.iter().map(|r| (r.page.as_str(), *r)).collect();
    let mut renamed_to = BTreeSet::new();
    for r in &removed {
        if let Some(n) = added_by_page.get(r.page.as_str()) {
            renamed_to.insert(n.name.to_ascii_lowercase());
            out.push(change(
                Subject::Type,
                r.name.clone(),
                Kind::Renamed,
                format!("now `{}`", n.name),
                Bump::Major,
                Some(&n.location),
            ));
            resource_changes(&ix, r, n, out);
        } else {
            out.push(change(
                Subject::Type,
                r.name.clone(),
                Kind::Removed,
                String::new(),
                Bump::Major,
                Some(&r.location),
            ));
        }
    }
    for r in added
        .iter()
        .filter(|r| !renamed_to.contains(&r.name.to_ascii_lowercase()))
    {
        out.push(change(
            Subject::Type,
            r.name.clone(),
            Kind::Added,
            String::new(),
            Bump::Minor,
            Some(&r.location),
        ));
    }
    for (name, i) in &before {
        if let Some(j) = after.get(name) {
            resource_changes(&ix, &old.resources[*i], &new.resources[*j], out);
        }
    }
}

fn resource_changes<'a>(
    ix: &Indexes<'a>,
    old: &'a Resource,
    new: &'a Resource,
    out: &mut Vec<Change>,
) {
    let base = |r: &Resource| {
        r.base_type
            .as_deref()
            .map(crate::ir::names::resource_name)
            .filter(|b| !b.is_empty())
            .map(|b| b.to_ascii_lowercase())
    };
    if base(old) != base(new) {
        out.push(change(
            Subject::Type,
            new.name.clone(),
            Kind::Changed,
            format!(
                "base type: {} -> {}",
                old.base_type.as_deref().unwrap_or("none"),
                new.base_type.as_deref().unwrap_or("none")
            ),
            Bump::Major,
            Some(&new.location),
        ));
    }
    let (f_old, f_new) = (fields(&ix.old, old), fields(&ix.new, new));
    for (name, p) in &f_old {
        let full = format!("{}.{name}", new.name);
        let ty = &p.ty;
        match f_new.get(name).map(|p| &p.ty) {
            None => out.push(change(
                Subject::Property,
                full,
                Kind::Removed,
                String::new(),
                Bump::Major,
                Some(&new.location),
            )),
            Some(t) if t != ty => out.push(change(
                Subject::Property,
                full,
                Kind::Changed,
                format!("type: {ty} -> {t}"),
                Bump::Major,
                f_new.get(name).map(|p| &p.location),
            )),
            Some(_) => {}
        }
    }
    for (name, p) in f_new.iter().filter(|(n, _)| !f_old.contains_key(*n)) {
        out.push(change(
            Subject::Property,
            format!("{}.{name}", new.name),
            Kind::Added,
            String::new(),
            Bump::Minor,
            Some(&p.location),
        ));
    }
}

fn enums(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let by_name = |api: &Api| -> BTreeMap<String, usize> {
        api.enums
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name.to_ascii_lowercase(), i))
            .collect()
    };
    let (before, after) = (by_name(old), by_name(new));
    for (name, i) in &before {
        let e = &old.enums[*i];
        match after.get(name) {
            None => out.push(change(
                Subject::Enum,
                e.name.clone(),
                Kind::Removed,
                String::new(),
                Bump::Major,
                Some(&e.location),
            )),
            Some(j) => members(e, &new.enums[*j], out),
        }
    }
    for (name, j) in &after {
        if !before.contains_key(name) {
            out.push(change(
                Subject::Enum,
                new.enums[*j].name.clone(),
                Kind::Added,
                String::new(),
                Bump::Minor,
                Some(&new.enums[*j].location),
            ));
        }
    }
}

fn members(old: &EnumType, new: &EnumType, out: &mut Vec<Change>) {
    let names =
        |e: &EnumType| -> BTreeSet<String> { e.members.iter().map(|m| m.name.clone()).collect() };
    let (m_old, m_new) = (names(old), names(new));
    for m in m_old.difference(&m_new) {
        out.push(change(
            Subject::EnumMember,
            format!("{}.{m}", new.name),
            Kind::Removed,
            String::new(),
            Bump::Major,
            Some(&new.location),
        ));
    }
    for m in m_new.difference(&m_old) {
        out.push(change(
            Subject::EnumMember,
            format!("{}.{m}", new.name),
            Kind::Added,
            String::new(),
            Bump::Minor,
            Some(&new.location),
        ));
    }
}
