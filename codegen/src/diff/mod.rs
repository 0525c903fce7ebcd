//! The change between two API surfaces (`plan::surface`: `diff_surfaces`; `diff` makes them from
//! two IRs) of one API as a user of the generated crate sees it: calls, operations, types,
//! properties and enum members added, removed or changed, each classed by the version bump it
//! calls for. `cargo xtask diff --old DIR --new DIR` (either may be a generated crate: its
//! `api.json`), and `codegen --bump` through `run::release`; human, JSON and changelog-markdown
//! outputs. Only the language-neutral API counts (method, path, types, names, statuses,
//! scopes); titles, descriptions, lines and scope order never make a change, so a reference
//! against itself, reordered rows, reworded prose and the Chinese text of the span-pair corpus
//! against its English text diff as empty (`tests/tests/api_diff.rs`).
//!
//! Operations are the same when one page documents them (by id when a page has several), else
//! when they share a call (method and path, placeholders unnamed, case folded: what a user's
//! chain reaches); types and enums by name (case folded: the Rust name), and a type whose page
//! now names another type is renamed.
//!
//! The classes follow Rust's semver rules for the items the emitter writes, as the crate
//! documents their use:
//! - a removed or changed item that code may name is `Major` (a call, a type, a field, a
//!   member, a return or body type, a required body member added, a required argument, an
//!   operation id, which names its info constant and body struct);
//! - an addition is `Minor`: calls and types are new items; a new optional field keeps
//!   compiling code that builds its struct as the crate documents it (`..Default::default()`,
//!   `..Self::new(..)`); a new enum member keeps compiling a `match` with a wildcard arm,
//!   which the members' `Unrecognized` arm of a newer value already calls for;
//! - what changes no item, only the values the crate carries (scopes, the documented success
//!   status of the same return type, documented headers other than the typed ones), is `Patch`;
//!   a typed header's setter added is `Minor`, removed `Major`, and a required typed header (an
//!   argument of the call) is `Major` when it comes, goes or changes its requiredness.
//!
//! The diff's bump is the largest of its changes, and the advised version follows Cargo's reading
//! of `0.y.z` (`ApiDiff::advised_version`).
//!
//! May import: base, ir, plan.

pub use crate::plan::surface::{
    At, CallSurface, EnumSurface, FieldSurface, MemberSurface, OperationSurface, PermissionSurface,
    Surface, TypeSurface,
};

use crate::ir::Api;
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
    /// How the generator shapes code (`surface::REPRESENTATION`), whatever the docs say.
    Generator,
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
    /// There in both, no longer documented: kept deprecated until a major release (`floor`).
    Deprecated,
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
    /// and removals, but for a call whose request line another operation now holds alone
    /// (`now only create_table`).
    pub detail: String,
    /// The bump it calls for.
    pub bump: Bump,
    /// Where the new docs state it (the old docs' for a removal).
    pub location: At,
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
    /// Items kept deprecated: the docs no longer document them.
    pub deprecated: usize,
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
            deprecated: self
                .changes
                .iter()
                .filter(|c| c.kind == Kind::Deprecated)
                .count(),
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
                (Subject::Generator, _) => {}
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
         {} changed; {} deprecated; {} of {} changes breaking; bump: {}",
        c.operations_added,
        c.operations_removed,
        c.operations_changed,
        c.types_added,
        c.types_removed,
        c.types_renamed,
        c.types_changed,
        c.deprecated,
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
        Subject::Generator => "generated code",
    };
    let kind = match ch.kind {
        Kind::Added => "added",
        Kind::Removed => "removed",
        Kind::Renamed => "renamed",
        Kind::Changed => "changed",
        Kind::Deprecated => "deprecated",
    };
    // A change of the generator is stated by no page.
    let at = if ch.location.file.is_empty() {
        String::new()
    } else {
        format!(" ({}:{})", ch.location.file, ch.location.line)
    };
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

/// Compares two IRs.
pub fn diff(old: &Api, new: &Api) -> ApiDiff {
    diff_surfaces(&Surface::of(old), &Surface::of(new))
}

/// Compares two surfaces (one may be the `api.json` a previous run wrote).
pub fn diff_surfaces(old: &Surface, new: &Surface) -> ApiDiff {
    let mut changes = Vec::new();
    representation(old, new, &mut changes);
    operations(old, new, &mut changes);
    types(old, new, &mut changes);
    enums(old, new, &mut changes);
    changes.sort();
    changes.dedup();
    ApiDiff { changes }
}

/// A newer generator that shapes code otherwise breaks code written against the older crate,
/// even where the docs did not change: every representation crossed, with what it changed.
fn representation(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    if old.representation == new.representation {
        return;
    }
    let (low, high) = if old.representation < new.representation {
        (old.representation, new.representation)
    } else {
        (new.representation, old.representation)
    };
    let what: Vec<&str> = crate::plan::surface::REPRESENTATION_CHANGES
        .iter()
        .filter(|(v, _)| *v > low && *v <= high)
        .map(|(_, what)| *what)
        .collect();
    out.push(change(
        Subject::Generator,
        "representation".into(),
        Kind::Changed,
        format!(
            "{} -> {}: {}",
            old.representation,
            new.representation,
            what.join("; ")
        ),
        Bump::Major,
        &At::default(),
    ));
}

/// An item kept, deprecated: code that names it still compiles, with a warning.
fn deprecated(subject: Subject, name: String, at: &At) -> Change {
    change(
        subject,
        name,
        Kind::Deprecated,
        String::new(),
        Bump::Minor,
        at,
    )
}

fn change(
    subject: Subject,
    name: String,
    kind: Kind,
    detail: String,
    bump: Bump,
    at: &At,
) -> Change {
    Change {
        subject,
        name,
        kind,
        detail,
        bump,
        location: at.clone(),
    }
}

/// Each call: its key -> (operation index, the call). Several operations may document one call
/// (the generator calls it once): the first holds it.
fn calls(s: &Surface) -> BTreeMap<&str, (usize, &OperationSurface, &CallSurface)> {
    let mut out = BTreeMap::new();
    for (i, op) in s.operations.iter().enumerate() {
        for c in &op.calls {
            out.entry(c.key.as_str()).or_insert((i, op, c));
        }
    }
    out
}

/// The operations of both surfaces that are the same (`ir::pairing`).
fn pair_operations(old: &Surface, new: &Surface) -> Vec<(usize, usize)> {
    let keys = |s: &Surface| -> Vec<Vec<String>> {
        s.operations
            .iter()
            .map(|op| op.calls.iter().map(|c| c.key.clone()).collect())
            .collect()
    };
    let (k_old, k_new) = (keys(old), keys(new));
    fn ids<'a>(s: &'a Surface, k: &'a [Vec<String>]) -> Vec<crate::ir::pairing::Identity<'a>> {
        s.operations
            .iter()
            .zip(k)
            .map(|(op, keys)| crate::ir::pairing::Identity {
                page: &op.page,
                id: &op.id,
                keys,
            })
            .collect()
    }
    crate::ir::pairing::pair_operations(&ids(old, &k_old), &ids(new, &k_new))
}

fn operations(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    let pairs = pair_operations(old, new);
    let paired_old: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
    let paired_new: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
    for (i, op) in old.operations.iter().enumerate() {
        if !paired_old.contains(&i) && !op.calls.is_empty() {
            out.push(change(
                Subject::Operation,
                op.id.clone(),
                Kind::Removed,
                String::new(),
                Bump::Major,
                &op.at,
            ));
        }
    }
    for (i, op) in new.operations.iter().enumerate() {
        if !paired_new.contains(&i) && !op.calls.is_empty() {
            out.push(change(
                Subject::Operation,
                op.id.clone(),
                Kind::Added,
                String::new(),
                Bump::Minor,
                &op.at,
            ));
        }
    }
    // Calls gone from the API or new in it, of operations that stay (a removed or added
    // operation's calls go and come with it).
    let (before, after) = (calls(old), calls(new));
    // Each operation's own: two operations may have shipped one request line under two names,
    // and code that calls either breaks (one change per name).
    let mut gone = BTreeSet::new();
    for (o, op) in old.operations.iter().enumerate() {
        for call in &op.calls {
            let key = call.key.as_str();
            if after.contains_key(key)
                || !paired_old.contains(&o)
                || !gone.insert((key, positional(&call.call)))
            {
                continue;
            }
            out.push(change(
                Subject::Call,
                format!("{}: {}", op.id, method_and(key, &call.template)),
                Kind::Removed,
                String::new(),
                Bump::Major,
                &call.at,
            ));
        }
    }
    for (key, (n, op, call)) in &after {
        let was = before.get(key).is_some_and(|(_, _, c)| !c.deprecated);
        if was && call.deprecated && !op.deprecated {
            out.push(deprecated(
                Subject::Call,
                format!("{}: {}", op.id, method_and(key, &call.template)),
                &call.at,
            ));
        }
        if !before.contains_key(key) && paired_new.contains(n) {
            out.push(change(
                Subject::Call,
                format!("{}: {}", op.id, method_and(key, &call.template)),
                Kind::Added,
                String::new(),
                Bump::Minor,
                &call.at,
            ));
        }
    }
    // Every chain the new surface has for a key, with the request body its method takes: a
    // call that another operation now holds under the same chain and body moved between pages,
    // and code that calls it still compiles.
    let mut chains: BTreeMap<&str, BTreeSet<(String, &str)>> = BTreeMap::new();
    for op in &new.operations {
        for c in &op.calls {
            chains
                .entry(c.key.as_str())
                .or_default()
                .insert((positional(&c.call), c.request(op)));
        }
    }
    for (o, n) in pairs {
        if let (Some(a), Some(b)) = (old.operations.get(o), new.operations.get(n)) {
            moved_calls(a, b, &after, &chains, out);
            renamed_calls(a, b, out);
            operation_changes(a, b, out);
        }
    }
}

/// The calls of one operation whose request line the new docs give another operation only,
/// which names it otherwise: code that calls it by the old chain no longer compiles (a removal:
/// the request line is still in the API, so the loop over keys does not see it).
fn moved_calls(
    old: &OperationSurface,
    new: &OperationSurface,
    after: &BTreeMap<&str, (usize, &OperationSurface, &CallSurface)>,
    chains: &BTreeMap<&str, BTreeSet<(String, &str)>>,
    out: &mut Vec<Change>,
) {
    for call in &old.calls {
        let still_here = new.calls.iter().any(|c| c.key == call.key);
        let elsewhere = chains.get(call.key.as_str());
        if still_here || !after.contains_key(call.key.as_str()) || call.call.is_empty() {
            continue;
        }
        let chain = positional(&call.call);
        let sent = call.request(old);
        if elsewhere.is_some_and(|c| c.contains(&(chain.clone(), sent))) {
            continue;
        }
        let holder = after.get(call.key.as_str()).map(|(_, op, c)| (*op, *c));
        let same_chain = elsewhere.is_some_and(|c| c.iter().any(|(c, _)| *c == chain));
        let detail = match holder {
            // The same chain, another body: the method takes other arguments.
            Some((h, c)) if same_chain => format!(
                "now only {}, whose request body is {} (was {sent})",
                h.id,
                c.request(h)
            ),
            Some((h, _)) => format!("now only {}", h.id),
            None => String::new(),
        };
        out.push(change(
            Subject::Call,
            format!("{}: {}", old.id, method_and(&call.key, &call.template)),
            Kind::Removed,
            detail,
            Bump::Major,
            &call.at,
        ));
    }
}

/// The calls of one operation that a user's code names otherwise: both surfaces name the
/// call, by the same key, and the chains differ where code sees them (`positional`). Another
/// page's call of the same request line is that page's, even when it is named otherwise.
fn renamed_calls(old: &OperationSurface, new: &OperationSurface, out: &mut Vec<Change>) {
    for call in &new.calls {
        let Some(old_call) = old.calls.iter().find(|c| c.key == call.key) else {
            continue;
        };
        if !old_call.call.is_empty()
            && !call.call.is_empty()
            && positional(&old_call.call) != positional(&call.call)
        {
            out.push(change(
                Subject::Call,
                format!("{}: {}", new.id, method_and(&call.key, &call.template)),
                Kind::Renamed,
                format!("{} -> {}", old_call.call, call.call),
                Bump::Major,
                &call.at,
            ));
        }
    }
}

/// A call chain as code names it: its methods and how many arguments each takes, not the
/// arguments' names (`client.user(_).send_mail(_)`), which code passes by position.
fn positional(call: &str) -> String {
    let mut out = String::with_capacity(call.len());
    let mut depth = 0usize;
    let mut args = false;
    for c in call.chars() {
        match c {
            '(' => {
                depth += 1;
                out.push('(');
                args = false;
            }
            ')' => {
                depth = depth.saturating_sub(1);
                if args {
                    out.push('_');
                }
                out.push(')');
            }
            ',' if depth > 0 => out.push_str("_,"),
            c if depth > 0 => args |= !c.is_whitespace(),
            c => out.push(c),
        }
    }
    out
}

/// Whether two types are the same Rust type: type names are one name whatever their case
/// (`teamsApp`, `teamsapp`).
fn same_type(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// `POST /me/messages/{id}/send` from a call's key and template.
fn method_and(key: &str, template: &str) -> String {
    format!("{} {template}", key.split(' ').next().unwrap_or(key))
}

fn operation_changes(old: &OperationSurface, new: &OperationSurface, out: &mut Vec<Change>) {
    if new.deprecated && !old.deprecated {
        out.push(deprecated(Subject::Operation, new.id.clone(), &new.at));
    }
    let mut push = |detail: String, bump: Bump| {
        out.push(change(
            Subject::Operation,
            new.id.clone(),
            Kind::Changed,
            detail,
            bump,
            &new.at,
        ))
    };
    if old.id != new.id {
        // The operation's info constant and request body struct are named from it.
        push(format!("id: {} -> {}", old.id, new.id), Bump::Major);
    }
    // What the calls of both return, each its own where the surfaces say (a cast's template
    // returns the cast type), else the operation's.
    // An `api.json` written before calls said what they return has the operation's only: then
    // both sides compare by the operation's.
    let per_call = |op: &OperationSurface| op.calls.iter().all(|c| !c.returns.is_empty());
    let both = per_call(old) && per_call(new);
    let call_returns = |op: &OperationSurface| -> BTreeMap<String, String> {
        op.calls
            .iter()
            .map(|c| {
                let r = if both { &c.returns } else { &op.returns };
                (c.key.clone(), r.clone())
            })
            .collect()
    };
    let (before, after) = (call_returns(old), call_returns(new));
    let differs = before.iter().find_map(|(k, a)| {
        let b = after.get(k)?;
        (!same_type(a, b)).then(|| (a.clone(), b.clone()))
    });
    let shared = before.keys().any(|k| after.contains_key(k));
    let returns = match differs {
        Some(pair) => Some(pair),
        // An operation kept without calls (its calls now another's) returns nothing itself.
        None if !shared && !new.calls.is_empty() && !same_type(&old.returns, &new.returns) => {
            Some((old.returns.clone(), new.returns.clone()))
        }
        None => None,
    };
    if let Some((a, b)) = returns {
        push(format!("return type: {a} -> {b}"), Bump::Major);
    } else if old.success != new.success {
        push(
            format!(
                "success status: {} -> {}",
                status(old.success),
                status(new.success)
            ),
            Bump::Patch,
        );
    }
    if !same_type(&old.request, &new.request) {
        push(
            format!("request body: {} -> {}", old.request, new.request),
            Bump::Major,
        );
    } else {
        body_members(old, new, &mut push);
    }
    for q in old.query_options.difference(&new.query_options) {
        push(format!("query option ${q} removed"), Bump::Major);
    }
    for q in new.query_options.difference(&old.query_options) {
        push(format!("query option ${q} added"), Bump::Minor);
    }
    header_changes(old, new, &mut push);
    let labels = [
        "delegated (work or school)",
        "delegated (personal)",
        "application",
    ];
    for ((label, a), b) in labels.iter().zip(&old.scopes).zip(&new.scopes) {
        if a != b {
            push(
                format!("{label} scopes: {} -> {}", scopes(a), scopes(b)),
                Bump::Patch,
            );
        }
    }
}

/// The documented headers of an operation, added, removed or required otherwise. A typed
/// header (`If-Match`, ...) is a setter of the call, which code may name: removing it breaks,
/// adding it adds. Other headers change no item.
fn header_changes(
    old: &OperationSurface,
    new: &OperationSurface,
    push: &mut impl FnMut(String, Bump),
) {
    let typed = |h: &str| crate::ir::TypedHeader::parse(h).is_some();
    for (h, required) in &old.headers {
        match new.headers.get(h) {
            None if typed(h) => push(
                format!("header {h} no longer documented: its setter is gone"),
                Bump::Major,
            ),
            None => push(format!("header {h} no longer documented"), Bump::Patch),
            // A required typed header is an argument of the call: adding or dropping it
            // changes the call's signature.
            Some(r) if r != required => push(
                format!(
                    "header {h}: {} -> {}",
                    required_word(*required),
                    required_word(*r)
                ),
                if typed(h) { Bump::Major } else { Bump::Patch },
            ),
            Some(_) => {}
        }
    }
    for (h, required) in new
        .headers
        .iter()
        .filter(|(h, _)| !old.headers.contains_key(*h))
    {
        if typed(h) && *required {
            push(
                format!("header {h} documented, required: a new argument of the call"),
                Bump::Major,
            );
        } else if typed(h) {
            push(format!("header {h} documented: a new setter"), Bump::Minor);
        } else {
            push(format!("header {h} documented"), Bump::Patch);
        }
    }
}

/// Members of the operation's own body struct.
fn body_members(
    old: &OperationSurface,
    new: &OperationSurface,
    push: &mut impl FnMut(String, Bump),
) {
    for (n, m) in &old.body_members {
        match new.body_members.get(n) {
            None => push(format!("body member {n} removed"), Bump::Major),
            Some(m2) => {
                if !same_type(&m.ty, &m2.ty) {
                    push(
                        format!("body member {n}: {} -> {}", m.ty, m2.ty),
                        Bump::Major,
                    );
                }
                if m.required != m2.required {
                    // `T` and `Option<T>` differ; a required member is an argument of the
                    // body's constructor.
                    push(
                        format!(
                            "body member {n}: {} -> {}",
                            required_word(m.required),
                            required_word(m2.required)
                        ),
                        Bump::Major,
                    );
                }
            }
        }
    }
    for (n, m) in &new.body_members {
        if !old.body_members.contains_key(n) {
            let bump = if m.required { Bump::Major } else { Bump::Minor };
            push(
                format!("body member {n} added ({})", required_word(m.required)),
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

fn scopes(p: &PermissionSurface) -> String {
    match p {
        PermissionSurface::Scopes(s) => s.iter().cloned().collect::<Vec<_>>().join(", "),
        PermissionSurface::NotSupported => "not supported".into(),
        PermissionSurface::Undocumented => "none".into(),
    }
}

fn status(s: Option<u16>) -> String {
    s.map_or_else(|| "none".into(), |s| s.to_string())
}

/// Items by their Rust name: case folded.
fn by_name<T>(items: &[T], name: impl Fn(&T) -> &str) -> BTreeMap<String, &T> {
    let mut out = BTreeMap::new();
    for item in items {
        out.entry(name(item).to_ascii_lowercase()).or_insert(item);
    }
    out
}

fn types(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    let (before, after) = (
        by_name(&old.types, |t| &t.name),
        by_name(&new.types, |t| &t.name),
    );
    let known = (Known::of(old), Known::of(new));
    let added: Vec<&TypeSurface> = after
        .iter()
        .filter(|(n, _)| !before.contains_key(*n))
        .map(|(_, t)| *t)
        .collect();
    // A type whose page now documents a type of another name is that type renamed.
    let added_by_page: BTreeMap<&str, &TypeSurface> =
        added.iter().map(|t| (t.page.as_str(), *t)).collect();
    let mut renamed_to = BTreeSet::new();
    for (name, t) in &before {
        if let Some(n) = after.get(name) {
            type_changes(t, n, &known, out);
        } else if let Some(n) = added_by_page.get(t.page.as_str()) {
            renamed_to.insert(n.name.to_ascii_lowercase());
            out.push(change(
                Subject::Type,
                t.name.clone(),
                Kind::Renamed,
                format!("now `{}`", n.name),
                Bump::Major,
                &n.at,
            ));
            type_changes(t, n, &known, out);
        } else {
            out.push(change(
                Subject::Type,
                t.name.clone(),
                Kind::Removed,
                String::new(),
                Bump::Major,
                &t.at,
            ));
        }
    }
    for t in added
        .iter()
        .filter(|t| !renamed_to.contains(&t.name.to_ascii_lowercase()))
    {
        out.push(change(
            Subject::Type,
            t.name.clone(),
            Kind::Added,
            String::new(),
            Bump::Minor,
            &t.at,
        ));
    }
}

/// The types and enums a surface documents (folded): a field typed by another name is untyped
/// JSON in its code (`serde_json::Value`), whatever the docs call its type.
struct Known(BTreeSet<String>);

impl Known {
    fn of(s: &Surface) -> Known {
        Known(
            s.types
                .iter()
                .map(|t| &t.name)
                .chain(s.enums.iter().map(|e| &e.name))
                .map(|n| crate::ir::names::fold(n))
                .collect(),
        )
    }

    /// A field's type as its code has it: `Json` for a name this surface documents no type of.
    fn as_code(&self, ty: &str) -> String {
        use crate::ir::TypeRef;
        fn code(t: TypeRef, known: &BTreeSet<String>) -> TypeRef {
            match t {
                TypeRef::Named(n) if !known.contains(&crate::ir::names::fold(&n)) => {
                    TypeRef::Primitive(crate::ir::Primitive::Json)
                }
                TypeRef::Collection(inner) => TypeRef::Collection(Box::new(code(*inner, known))),
                t => t,
            }
        }
        code(TypeRef::parse(ty), &self.0).to_string()
    }

    /// A field's type for a change's detail: `educationAssignment (untyped)` when its code is
    /// untyped.
    fn shown(&self, ty: &str) -> String {
        if same_type(
            &self.as_code(ty),
            &crate::ir::TypeRef::parse(ty).to_string(),
        ) {
            ty.to_string()
        } else {
            format!("{ty} (untyped)")
        }
    }
}

fn type_changes(
    old: &TypeSurface,
    new: &TypeSurface,
    (k_old, k_new): &(Known, Known),
    out: &mut Vec<Change>,
) {
    if new.deprecated && !old.deprecated {
        out.push(deprecated(Subject::Type, new.name.clone(), &new.at));
    }
    if old.base != new.base {
        out.push(change(
            Subject::Type,
            new.name.clone(),
            Kind::Changed,
            format!(
                "base type: {} -> {}",
                old.base.as_deref().unwrap_or("none"),
                new.base.as_deref().unwrap_or("none")
            ),
            Bump::Major,
            &new.at,
        ));
    }
    // By the field's Rust name: a property spelled in another case is the same field.
    let folded = |t: &TypeSurface| -> BTreeMap<String, String> {
        t.fields
            .keys()
            .map(|n| (n.to_ascii_lowercase(), n.clone()))
            .collect()
    };
    let (before, after) = (folded(old), folded(new));
    for (k, name) in &before {
        let full = format!("{}.{name}", new.name);
        let (Some(f), now) = (
            old.fields.get(name),
            after.get(k).and_then(|n| Some((n, new.fields.get(n)?))),
        ) else {
            continue;
        };
        match now {
            None => out.push(change(
                Subject::Property,
                full,
                Kind::Removed,
                String::new(),
                Bump::Major,
                &new.at,
            )),
            Some((_, g)) if g.deprecated && !f.deprecated && !new.deprecated => {
                out.push(deprecated(Subject::Property, full, &g.at))
            }
            // As the code has them: a type newly documented makes an untyped field typed.
            Some((_, g)) if !same_type(&k_new.as_code(&g.ty), &k_old.as_code(&f.ty)) => {
                out.push(change(
                    Subject::Property,
                    full,
                    Kind::Changed,
                    format!("type: {} -> {}", k_old.shown(&f.ty), k_new.shown(&g.ty)),
                    Bump::Major,
                    &g.at,
                ))
            }
            Some((n, g)) if n != name => out.push(change(
                Subject::Property,
                full,
                Kind::Changed,
                format!("wire name: {name} -> {n}"),
                Bump::Patch,
                &g.at,
            )),
            Some(_) => {}
        }
    }
    for (k, name) in &after {
        let (false, Some(g)) = (before.contains_key(k), new.fields.get(name)) else {
            continue;
        };
        out.push(change(
            Subject::Property,
            format!("{}.{name}", new.name),
            Kind::Added,
            String::new(),
            Bump::Minor,
            &g.at,
        ));
    }
}

fn enums(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    let (before, after) = (
        by_name(&old.enums, |e| &e.name),
        by_name(&new.enums, |e| &e.name),
    );
    for (name, e) in &before {
        match after.get(name) {
            None => out.push(change(
                Subject::Enum,
                e.name.clone(),
                Kind::Removed,
                String::new(),
                Bump::Major,
                &e.at,
            )),
            Some(n) => {
                if n.deprecated && !e.deprecated {
                    out.push(deprecated(Subject::Enum, n.name.clone(), &n.at));
                }
                members(e, n, out)
            }
        }
    }
    for (name, e) in &after {
        if !before.contains_key(name) {
            out.push(change(
                Subject::Enum,
                e.name.clone(),
                Kind::Added,
                String::new(),
                Bump::Minor,
                &e.at,
            ));
        }
    }
}

fn members(old: &EnumSurface, new: &EnumSurface, out: &mut Vec<Change>) {
    // By the variant's name: a member spelled in another case is the same variant.
    let folded = |e: &EnumSurface| -> BTreeMap<String, String> {
        e.members
            .iter()
            .map(|m| (m.to_ascii_lowercase(), m.clone()))
            .collect()
    };
    let (before, after) = (folded(old), folded(new));
    for (k, m) in &before {
        let name = format!("{}.{m}", new.name);
        match after.get(k) {
            None => out.push(change(
                Subject::EnumMember,
                name,
                Kind::Removed,
                String::new(),
                Bump::Major,
                &new.at,
            )),
            Some(n)
                if new.deprecated_members.contains(n)
                    && !old.deprecated_members.contains(m)
                    && !new.deprecated =>
            {
                out.push(deprecated(Subject::EnumMember, name, &new.at))
            }
            Some(n) if n != m => out.push(change(
                Subject::EnumMember,
                name,
                Kind::Changed,
                format!("wire name: {m} -> {n}"),
                Bump::Patch,
                &new.at,
            )),
            Some(_) => {}
        }
    }
    for (k, m) in &after {
        if !before.contains_key(k) {
            out.push(change(
                Subject::EnumMember,
                format!("{}.{m}", new.name),
                Kind::Added,
                String::new(),
                Bump::Minor,
                &new.at,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty(representation: Option<u32>) -> Surface {
        let mut json = serde_json::json!({"operations": [], "types": [], "enums": []});
        if let Some(r) = representation {
            json["representation"] = r.into();
        }
        serde_json::from_value(json).expect("a surface")
    }

    /// An `api.json` an older generator wrote: its keys in the old form (a trailing `/`, a
    /// quoted placeholder), one return type per operation. Read back, it is the same API as
    /// today's surface of the same docs, not calls gone and come.
    #[test]
    fn an_older_api_json_reads_as_the_same_api() {
        let op = |key: &str, returns: &str| {
            serde_json::json!({
                "id": "get_message", "page": "api/message-get.md", "at": {"file": "api/message-get.md", "line": 1},
                "calls": [
                    {"key": format!("GET {key}"), "template": "/me/messages('{id}')/", "returns": returns, "at": {"file": "api/message-get.md", "line": 3}},
                    {"key": "GET /me/messages/{}/$value", "template": "/me/messages/{id}/$value", "returns": if returns.is_empty() { "" } else { "bytes" }, "at": {"file": "api/message-get.md", "line": 4}}
                ],
                "returns": "message", "success": 200, "request": "none", "body_members": {},
                "query_options": [], "headers": {},
                "scopes": [{"kind": "undocumented"}, {"kind": "undocumented"}, {"kind": "undocumented"}]
            })
        };
        let surface = |key: &str, returns: &str| {
            let json = serde_json::json!({"representation": crate::plan::surface::REPRESENTATION, "operations": [op(key, returns)], "types": [], "enums": []});
            Surface::read(&json.to_string()).expect("a surface")
        };
        let old = surface("/me/messages('{}')/", "");
        let new = surface("/me/messages/{}", "message");
        assert_eq!(old.operations[0].calls[0].key, "GET /me/messages({})");
        let d = diff_surfaces(&old, &new);
        assert!(d.is_empty(), "{}", d.human());
    }

    /// Two operations shipped one request line under chains of their own; the new docs give it
    /// to one of them only. Code that calls the other's chain breaks: a removal, though the
    /// request line is still in the API. Under the same chain it is a move between pages.
    #[test]
    fn a_call_that_another_operation_now_holds_under_another_name_is_removed() {
        let call = |key: &str, chain: &str| serde_json::json!({"key": key, "template": key.split_once(' ').map_or("", |k| k.1), "call": chain, "at": {"file": "p.md", "line": 3}});
        let op = |id: &str, calls: Vec<serde_json::Value>| {
            serde_json::json!({
                "id": id, "page": format!("api/{id}.md"), "at": {"file": format!("api/{id}.md"), "line": 1},
                "calls": calls, "returns": "none", "success": 200, "request": "none", "body_members": {},
                "query_options": [], "headers": {},
                "scopes": [{"kind": "undocumented"}, {"kind": "undocumented"}, {"kind": "undocumented"}]
            })
        };
        let surface = |ops: Vec<serde_json::Value>| {
            let json = serde_json::json!({"representation": crate::plan::surface::REPRESENTATION, "operations": ops, "types": [], "enums": []});
            Surface::read(&json.to_string()).expect("a surface")
        };
        let (add, other) = ("POST /workbook/tables/add", "POST /me/workbook/tables/add");
        let old = surface(vec![
            op(
                "create_table",
                vec![
                    call(add, "client.workbook().tables().add_table(body)"),
                    call(other, "client.me().workbook().tables().add_table(body)"),
                ],
            ),
            op(
                "tablecollection_add",
                vec![call(add, "client.workbook().tables().add(body)")],
            ),
        ]);
        let new = |chain: &str| {
            surface(vec![
                op(
                    "create_table",
                    vec![call(
                        other,
                        "client.me().workbook().tables().add_table(body)",
                    )],
                ),
                op("tablecollection_add", vec![call(add, chain)]),
            ])
        };
        let d = diff_surfaces(&old, &new("client.workbook().tables().add(body)"));
        let removed: Vec<&Change> = d
            .changes
            .iter()
            .filter(|c| c.kind == Kind::Removed)
            .collect();
        assert_eq!(removed.len(), 1, "{}", d.human());
        assert_eq!(removed[0].subject, Subject::Call);
        assert_eq!(removed[0].name, "create_table: POST /workbook/tables/add");
        assert_eq!(removed[0].detail, "now only tablecollection_add");
        assert_eq!(d.bump(), Some(Bump::Major));
        // The same chain in the other operation: code that calls it still compiles.
        let d = diff_surfaces(&old, &new("client.workbook().tables().add_table(body)"));
        assert!(
            d.changes.iter().all(|c| c.kind != Kind::Removed),
            "{}",
            d.human()
        );
    }

    #[test]
    fn a_newer_shape_of_the_generated_code_is_breaking_whatever_the_docs_say() {
        // An `api.json` written before representations existed is the first.
        let old = empty(None);
        assert_eq!(old.representation, 1);
        let new = empty(Some(crate::plan::surface::REPRESENTATION));
        let d = diff_surfaces(&old, &new);
        assert_eq!(d.bump(), Some(Bump::Major), "{}", d.human());
        assert_eq!(d.changes.len(), 1);
        assert!(d.changes[0].detail.contains("Nullable<T>"), "{}", d.human());
        assert!(d.changes[0].detail.contains("prelude"), "{}", d.human());
        assert_eq!(d.counts().breaking, 1);
        // From the second representation, only what the third changed.
        let d = diff_surfaces(&empty(Some(2)), &new);
        assert_eq!(d.bump(), Some(Bump::Major), "{}", d.human());
        assert!(
            !d.changes[0].detail.contains("Nullable<T>"),
            "{}",
            d.human()
        );
        assert!(
            d.changes[0].detail.contains("crate per area"),
            "{}",
            d.human()
        );
        assert!(diff_surfaces(&new, &new).is_empty());
    }
}
