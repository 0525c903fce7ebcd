//! The call shape: every documented template becomes a chain of navigation steps that mirrors
//! its URL, ending in the action (`POST /me/messages/{id}/send` -> `client.me().message(id)
//! .send()`). Decisions only, no tokens: a tree of the templates' segments (one node per shared
//! prefix, so a step that several templates share is one type), the name of every step and
//! final call, and the arguments each takes.
//!
//! `cargo xtask calls --docs DIR` prints every template's call and the counts;
//! `tests/tests/call_shape.rs` holds them on the English corpus. `emit::operations` prints the
//! tree. A template's segments become pieces, and the pieces of all templates one tree keyed by
//! the segments' shapes:
//! - `messages/{id}`, `messages('{id}')` -> `message(id)`: the singular (`ir::names::singular`,
//!   the one rule) with the key;
//! - `transitiveMemberOf`, `calendarView` -> `transitive_member_of()`: the words of the name;
//! - `$value`, `$ref`, `$count` -> `value()`, `reference()`, `count()`: always steps, the method
//!   is the final call; a cast `microsoft.graph.group` -> `as_group()`;
//! - `root:/{item-path}:` (with or without the closing `:`) -> `root_path(item_path)`;
//!   `sites/{hostname}:/{relative-path}` -> `site_path(hostname, relative_path)`; `{id}` alone ->
//!   `key(id)`;
//! - `range(address='{a}')` (quoted or not) -> the final `range(address)`, or a step where other
//!   templates go on from it.
//!
//! The final call: a POST to a literal is the documented action named by it (`send()`,
//! `get_member_groups()`) unless the literal is a documented collection (a collection-valued
//! property or relationship of a resource, or an entity set: a template's first segment) or a
//! plural answered `201 Created`; a function segment is the call named by the function, and so
//! is a GET of a literal that the page's title names the way action and function pages do
//! (`user: delta` for `GET /users/delta` is `client.users().delta()`); otherwise the method names
//! it: `list` (a GET answered with a page: what it returns, not how its path ends), `get`,
//! `create` (POST), `update` (PATCH), `put`, `delete`. An action or function that other templates
//! go on from is a step everywhere, and the template that ends in it calls `post()` (a POST) or
//! what its method names (`get()`) on it.
//!
//! Names come from the template's own words, and ties are broken by rules, not counters:
//! - among the spellings of a shared step, the one with the most word humps names it
//!   (`calendarView` over `calendarview`);
//! - a singleton beside a collection of the same name (`calendar`, `calendars/{id}`) leaves the
//!   collection's step `calendar_by_id(id)`; a function beside a literal of its name is
//!   `range_address(address)`;
//! - the same request on two pages is one call when both answer with the same resource (or both
//!   with none) and the same status; otherwise the call on the step's base resource, else the
//!   page with the shortest path, keeps the name and the other adds its own words: the
//!   arguments it takes that the first does not (`image_width(width)`), else its resource's words
//!   that the step's name does not end with (`get_android_general` on `device_configuration`),
//!   else its page's file name words (`distinguish`);
//! - Rust keywords get a trailing `_` (`move_()`, `override_(id)`); a root step that a `Client`
//!   method has is numbered, the only counter left, and the test counts numbered names (none on
//!   the corpus);
//! - no identifier is over `MAX_IDENT` (40): a longer one loses its connectives (`for`, `to`,
//!   ...) and then whole words from its middle, its first two and last two words kept
//!   (`windows_information_learning_summaries`), a sibling's name taken already the next way
//!   (`shortenings`, `fit`). Only a name that still does not fit keeps its head and a 6-hex hash
//!   of itself (none on the corpus). Step types are the camel-joined words of their chain,
//!   limited the same way, and never a model's name (`UserStep` for `/users/{id}`, beside
//!   `models::User`).

use super::naming;
use crate::base::Method;
use crate::ir::template::Part;
use crate::ir::{Api, PathTemplate};
use std::collections::{BTreeMap, BTreeSet};

/// No identifier the call shape generates is longer (a test holds it).
pub const MAX_IDENT: usize = 40;

/// One step or final call: its name and its arguments (names of the template's parameters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    pub name: String,
    pub args: Vec<String>,
}

/// An operation's template, by their indices in the API: what a final call fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct TemplateId {
    /// The operation's index in `api.operations`.
    pub op: usize,
    /// The template's index in the operation's `templates`.
    pub template: usize,
}

/// A node of the call tree, by its index in `Calls::nodes`: the client is node 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct NodeId(pub usize);

impl NodeId {
    /// The client, where every chain starts.
    pub const CLIENT: NodeId = NodeId(0);

    pub fn is_client(self) -> bool {
        self == NodeId::CLIENT
    }
}

/// A step of a node: its name and arguments, and the node it leads to.
#[derive(Debug)]
pub(crate) struct Step {
    pub named: Named,
    pub to: NodeId,
}

/// A final call on a node: its name and arguments, and the documented template it fills.
#[derive(Debug)]
pub(crate) struct Final {
    pub named: Named,
    pub fills: TemplateId,
}

/// A node of the tree: the value a chain of steps returns.
#[derive(Debug)]
pub(crate) struct Node {
    /// The Rust type of the step (the root is the client).
    pub type_name: String,
    /// The path up to it, as the first template through it documents it (`/me/messages/{id}`).
    pub path: String,
    /// Steps to the nodes below.
    pub steps: Vec<Step>,
    /// The final calls on this node.
    pub finals: Vec<Final>,
}

/// Every template's call, as a tree.
#[derive(Debug)]
pub(crate) struct Calls {
    /// Node 0 is the client.
    pub nodes: Vec<Node>,
    /// Per operation, per template: how it is called.
    pub chains: Vec<Vec<Chain>>,
}

/// A step taken: the node it is on, and its index among the node's steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StepRef {
    pub node: NodeId,
    pub index: usize,
}

/// How one template is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chain {
    /// The steps taken, from the root.
    pub steps: Vec<StepRef>,
    /// The node the final call is on, and its index among the node's finals.
    pub last: NodeId,
    pub final_index: usize,
}

/// A template's call as the printers and the tests read it: the steps' names, the final call,
/// and the documented template the call fills (another page's when two document one request).
#[derive(Debug, Clone)]
pub(crate) struct CallPath<'a> {
    pub steps: Vec<&'a Named>,
    pub call: &'a Named,
    pub fills: TemplateId,
}

/// What a run of segments becomes: the key it shares with the same run of another template,
/// its name (words of the documented spelling) and the placeholders it takes.
#[derive(Debug, Clone)]
struct Piece {
    key: String,
    /// How many of the template's segments it takes.
    segs: usize,
    spelling: String,
    name: String,
    params: usize,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A collection and its key, a key alone, or a drive path: never a final call's name.
    Keyed,
    /// A literal alone: a step, or the name of an action.
    Literal,
    /// A function call with arguments in parentheses.
    Function,
    /// `$value`, `$ref`, `$count` or a cast: always a step.
    Special,
}

/// The pieces of a template's path, in order.
fn pieces(segments: &[Vec<Part>]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut i = 0;
    while let Some(seg) = segments.get(i) {
        let next_is_key = segments
            .get(i + 1)
            .is_some_and(|n| matches!(n.as_slice(), [Part::Param(_)]));
        let shape = crate::ir::template::segment_shape(seg);
        let piece = |kind, name, params, spelling: &str| Piece {
            key: shape.clone(),
            segs: 1,
            spelling: spelling.to_string(),
            name,
            params,
            kind,
        };
        match seg.as_slice() {
            [Part::Literal(l)] if is_special(l) => {
                out.push(piece(Kind::Special, literal_name(l), 0, l));
            }
            [Part::Literal(l)] if next_is_key => {
                out.push(Piece {
                    key: format!("{shape}/{{}}"),
                    segs: 2,
                    name: naming::snake(&crate::ir::names::singular(l)),
                    ..piece(Kind::Keyed, String::new(), 1, l)
                });
                i += 1;
            }
            [Part::Literal(l)] => out.push(piece(Kind::Literal, literal_name(l), 0, l)),
            [Part::Param(_)] => out.push(piece(Kind::Keyed, "key".into(), 1, "")),
            parts => compound(parts, &shape, &mut out),
        }
        i += 1;
    }
    out
}

/// A segment of literal text and placeholders: a drive path (`root:/{path}:`), a key in OData
/// syntax (`items('{id}')`) or a function call (`range(address='{a}')`, `delta()`).
fn compound(parts: &[Part], shape: &str, out: &mut Vec<Piece>) {
    // Quoting is the docs' style, not part of the key: `range(address='{a}')` and
    // `range(address={a})` are one function.
    let shape: String = shape
        .chars()
        .filter(|c| !matches!(c, '\'' | '"' | ' '))
        .collect();
    let text: String = parts
        .iter()
        .filter_map(|p| match p {
            Part::Literal(l) => Some(l.as_str()),
            Part::Param(_) => None,
        })
        .collect();
    let params = parts.iter().filter(|p| matches!(p, Part::Param(_))).count();
    if let Some((drive, _)) = text.split_once(':') {
        let piece = drive_path(drive.trim(), &text, params, out);
        out.push(piece);
        return;
    }
    let (name, kind) = if let Some((name, args)) = text.split_once('(') {
        // `items('{id}')` is a key; `range(address='{a}')` and `delta()` are calls.
        if params == 1 && !args.contains('=') {
            (
                naming::snake(&crate::ir::names::singular(name)),
                Kind::Keyed,
            )
        } else {
            (naming::snake(name), Kind::Function)
        }
    } else {
        (literal_name(&text), Kind::Literal)
    };
    out.push(Piece {
        key: shape,
        segs: 1,
        spelling: text,
        name,
        params,
        kind,
    });
}

/// A drive path: `root:/{path}:` and `root:/{path}` address the same thing, so their key is
/// the drive's name alone. `sites/{host}:/{path}` has none: the collection before it names it
/// (`site_path(host, path)`), and the piece replaces the collection's.
fn drive_path(drive: &str, text: &str, params: usize, out: &mut Vec<Piece>) -> Piece {
    let collection = out
        .last()
        .filter(|p| drive.is_empty() && p.kind == Kind::Literal);
    let (key, name, params, segs) = match collection {
        Some(prev) => (
            format!("{}/:path", prev.key),
            format!(
                "{}_path",
                naming::snake(&crate::ir::names::singular(&prev.spelling))
            ),
            params + prev.params,
            prev.segs + 1,
        ),
        None => (
            format!("{}:path", drive.to_ascii_lowercase()),
            format!("{}_path", naming::snake(drive)),
            params,
            1,
        ),
    };
    if collection.is_some() {
        out.pop();
    }
    Piece {
        key,
        segs,
        spelling: text.to_string(),
        name,
        params,
        kind: Kind::Keyed,
    }
}

/// `$value`, `$ref`, `$count` and casts: steps that are never a collection nor an action.
fn is_special(literal: &str) -> bool {
    literal.starts_with('$') || literal.contains('.')
}

/// The step name of a literal segment.
fn literal_name(literal: &str) -> String {
    match literal.to_ascii_lowercase().as_str() {
        "$value" => return "value".into(),
        "$ref" => return "reference".into(),
        "$count" => return "count".into(),
        _ => {}
    }
    if let Some((_, ty)) = literal.rsplit_once('.') {
        if !literal.starts_with('$') {
            return format!("as_{}", naming::snake(ty));
        }
    }
    naming::snake(literal.trim_start_matches('$'))
}

/// The names of the documented collections: the collection-valued properties and
/// relationships, and the entity sets and singletons (every template's first segment).
fn collections(api: &Api) -> BTreeSet<String> {
    let navigation = api
        .resources
        .iter()
        .flat_map(|r| r.properties.iter().chain(&r.relationships))
        .filter(|p| matches!(p.ty, crate::ir::TypeRef::Collection(_)))
        .map(|p| crate::ir::names::fold(&p.name));
    let roots = api
        .operations
        .iter()
        .flat_map(|o| &o.templates)
        .filter_map(|t| match t.segments.first().map(Vec::as_slice) {
            Some([Part::Literal(l)]) => Some(crate::ir::names::fold(l)),
            _ => None,
        });
    navigation.chain(roots).collect()
}

/// Whether the last piece of a POST names the documented action (`send`) rather than the
/// collection it creates in: not a documented collection, and either not answered `201
/// Created` or not a plural (`move` answers 201 with the moved message).
///
/// A GET is a function called without parentheses (`GET /users/delta`) when the page's title
/// names it the way action and function pages do (`user: delta`).
fn is_action(
    op: &crate::ir::Operation,
    t: &PathTemplate,
    last: &Piece,
    collections: &BTreeSet<String>,
) -> bool {
    match last.kind {
        Kind::Function => true,
        Kind::Literal if t.method == Method::Get => op
            .title
            .split_once(':')
            .is_some_and(|(_, name)| name.trim().eq_ignore_ascii_case(&last.spelling)),
        Kind::Literal => {
            t.method == Method::Post
                && !collections.contains(&crate::ir::names::fold(&last.spelling))
                && (op.success.status != Some(201)
                    || crate::ir::names::singular(&last.spelling) == last.spelling)
        }
        Kind::Keyed | Kind::Special => false,
    }
}

/// The final call of a template by its method, when no action or function names it: a GET
/// is `list` only when it answers with a page (`Page<T>` or a delta's page).
fn method_final(op: &crate::ir::Operation, t: &PathTemplate) -> String {
    match t.method {
        // `list` only for a call that returns a page: what it returns, not how its path ends,
        // says which (`GET /me` is `me().get()`).
        Method::Get => if super::returns::returns(op, t).is_page() {
            "list"
        } else {
            "get"
        }
        .into(),
        Method::Post => "create".into(),
        Method::Patch => "update".into(),
        Method::Put => "put".into(),
        Method::Delete => "delete".into(),
        other => naming::snake(other.as_str()),
    }
}

/// Humps first, then the smaller spelling: the spelling that names a shared step.
fn better(a: &str, b: &str) -> bool {
    let humps = |s: &str| s.chars().filter(char::is_ascii_uppercase).count();
    (humps(a), std::cmp::Reverse(a)) > (humps(b), std::cmp::Reverse(b))
}

/// The words of a snake name, or the humps of a camel one.
fn split_words(name: &str, camel: bool) -> Vec<String> {
    if !camel {
        return name.split('_').map(str::to_string).collect();
    }
    let mut out: Vec<String> = Vec::new();
    for c in name.chars() {
        match out.last_mut() {
            Some(w) if !c.is_ascii_uppercase() => w.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

/// The ways to write a name within the limit, the preferred first, each of its own whole
/// words in their order (a negation stays with its word: `non_compliance`). Connectives go
/// first (`get_skype_for_business_...` -> `get_skype_business_...`); then as few other words
/// as fit it, the first and the last kept (the first says what it does or whose it is, `get_`,
/// the last what it is, `_counts`), the words its siblings share most going first (`common`:
/// on the reports, `get_skype_business_organizer_activity_minute_counts` ->
/// `get_skype_organizer_minute_counts`, where every Skype report says `business` and most say
/// `activity`), the second word and the one before the last the last to go among equals. One
/// that does not fit even so keeps its head and a short hash of the whole.
fn shortenings(name: &str, camel: bool, common: &dyn Fn(&str) -> usize) -> Vec<String> {
    if name.len() <= MAX_IDENT {
        return vec![name.to_string()];
    }
    let join = |ws: &[&String]| -> String {
        let ws: Vec<&str> = ws.iter().map(|w| w.as_str()).collect();
        if camel {
            ws.concat()
        } else {
            ws.join("_")
        }
    };
    let mut ws = words(name, camel);
    let last = ws.len().saturating_sub(1);
    let mut i = 0;
    ws.retain(|w| {
        i += 1;
        i == 1 || i - 1 == last || !CONNECTIVES.contains(&w.to_ascii_lowercase().as_str())
    });
    let mut out: Vec<String> = Vec::new();
    let all: Vec<&String> = ws.iter().collect();
    if join(&all).len() <= MAX_IDENT {
        out.push(join(&all));
    }
    // The first word and the last always stay; the second and the one before the last only
    // go where that keeps more of what the siblings do not share.
    let n = ws.len();
    let middle: Vec<usize> = (1..n.saturating_sub(1)).collect();
    // Few words on any name; past a dozen, only runs of them.
    let sets = if middle.len() <= 12 {
        subsets(&middle)
    } else {
        (1..=middle.len())
            .map(|k| middle.iter().skip(1).take(k).copied().collect())
            .collect()
    };
    type Way = (usize, std::cmp::Reverse<usize>, usize, Vec<usize>, String);
    let mut ways: Vec<Way> = sets
        .into_iter()
        .filter_map(|drop| {
            let kept: Vec<&String> = ws
                .iter()
                .enumerate()
                .filter(|(j, _)| !drop.contains(j))
                .map(|(_, w)| w)
                .collect();
            let way = join(&kept);
            let shared: usize = drop
                .iter()
                .filter_map(|&j| ws.get(j))
                .map(|w| common(&w.to_ascii_lowercase()))
                .sum();
            let edges = drop.iter().filter(|&&j| j == 1 || j + 2 == n).count();
            (way.len() <= MAX_IDENT).then_some((
                drop.len(),
                std::cmp::Reverse(shared),
                edges,
                drop,
                way,
            ))
        })
        .collect();
    ways.sort();
    for (_, _, _, _, way) in ways {
        if !out.contains(&way) {
            out.push(way);
        }
    }
    if out.is_empty() {
        let short = join(&all);
        let tag = format!(
            "{}{:06x}",
            if camel { "" } else { "_" },
            hash(name) & 0xff_ffff
        );
        let mut cut = MAX_IDENT - tag.len();
        while !short.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push(format!(
            "{}{tag}",
            short.get(..cut).unwrap_or_default().trim_end_matches('_')
        ));
    }
    out
}

/// The words of a name, a negation joined to the word after it (`non_compliance`,
/// `NonCompliance`): without it, it says the opposite.
fn words(name: &str, camel: bool) -> Vec<String> {
    let mut ws: Vec<String> = Vec::new();
    let mut negated = false;
    for w in split_words(name, camel) {
        match ws.last_mut() {
            Some(last) if negated => {
                if !camel {
                    last.push('_');
                }
                last.push_str(&w);
                negated = false;
            }
            _ => {
                negated = NEGATIONS.contains(&w.to_ascii_lowercase().as_str());
                ws.push(w);
            }
        }
    }
    ws
}

/// Every non-empty subset of `items`, as sorted lists.
fn subsets(items: &[usize]) -> Vec<Vec<usize>> {
    (1u32..(1 << items.len()))
        .map(|mask| {
            items
                .iter()
                .enumerate()
                .filter(|(b, _)| mask & (1 << b) != 0)
                .map(|(_, &i)| i)
                .collect()
        })
        .collect()
}

/// A name within the limit: its first shortening (`shortenings`), whatever its siblings.
pub(crate) fn limit(name: &str, camel: bool) -> String {
    let ways = shortenings(name, camel, &|_| 0);
    ways.into_iter().next().unwrap_or_else(|| name.to_string())
}

/// A name within the limit that `used` does not hold yet (then holds): the first of its
/// shortenings that is free and no sibling's own name (whole or first shortened), the words its
/// `siblings` (their whole names) share most gone first; else the first numbered
/// (`naming::unique`, with `sep`).
pub(crate) fn fit(
    name: &str,
    camel: bool,
    sep: &str,
    siblings: &[&str],
    used: &mut BTreeSet<String>,
) -> String {
    let sibling_words: Vec<Vec<String>> = siblings.iter().map(|s| words(s, camel)).collect();
    let common = |word: &str| {
        sibling_words
            .iter()
            .filter(|ws| ws.iter().any(|w| w.eq_ignore_ascii_case(word)))
            .count()
    };
    let ways = shortenings(name, camel, &common);
    let first = ways.first().cloned().unwrap_or_else(|| name.to_string());
    // A sibling's name, whole or as it first shortens, stays its own (unless it is this one's
    // first way too: then the first to come keeps it).
    let theirs: BTreeSet<String> = siblings
        .iter()
        .filter(|s| **s != name)
        .flat_map(|s| [s.to_string(), limit(s, camel)])
        .filter(|w| *w != first)
        .collect();
    let free = |w: &&String| !used.contains(*w) && !theirs.contains(*w);
    if let Some(free) = ways.iter().find(free) {
        used.insert(free.clone());
        return free.clone();
    }
    naming::unique(&first, sep, used)
}

/// The tag of a name that cannot be told by its words within the limit.
pub(crate) fn hash(name: &str) -> u64 {
    crate::base::fnv1a(name.as_bytes())
}

/// A path parameter as an argument: snake case, within the limit.
pub(crate) fn arg_name(param: &str) -> String {
    limit(&naming::snake(param), false)
}

/// The runtime's types every generated operations module imports
/// (`use crate::runtime::{...}`).
pub const IMPORTED: &[&str] = &["Call", "Client", "OperationInfo", "Permission"];

/// Names no step type may take: what the operations module imports (`IMPORTED`), and the
/// runtime's types its code names beside them.
const RESERVED_TYPES: [&[&str]; 2] = [IMPORTED, &["Step", "Page"]];

/// Words that stay with the word after them (`non_compliance`): without it they say the
/// opposite.
const NEGATIONS: &[&str] = &["non", "not", "no"];

/// Words a long name loses first.
const CONNECTIVES: &[&str] = &[
    "a", "an", "and", "by", "for", "in", "of", "on", "the", "to", "with",
];

/// A final call as the tree first sees it: one per operation and name on a node (an
/// operation's templates that differ only in their query, `items?expand=fields`, are one call).
struct RawFinal {
    name: String,
    args: Vec<String>,
    op: usize,
    templates: Vec<usize>,
    /// The key and parameter count of the segment that names the call (an action or a
    /// function), when one does.
    named_by: Option<(String, usize, Kind)>,
}

/// Every documented resource by its folded name and by its page's file name (a body shape
/// may name its resource by the page it links to).
fn resource_names(api: &Api) -> BTreeMap<String, &str> {
    let mut out = BTreeMap::new();
    // Navigation properties too, for the words of the file names that name them
    // (`...-post-multivalueextendedproperties`); a resource of the same name wins.
    for p in api.resources.iter().flat_map(|r| &r.relationships) {
        out.entry(crate::ir::names::fold(&p.name))
            .or_insert(p.name.as_str());
    }
    for r in &api.resources {
        out.entry(crate::ir::names::fold(crate::ir::names::file_stem(&r.page)))
            .or_insert(r.name.as_str());
    }
    for r in &api.resources {
        out.insert(crate::ir::names::fold(&r.name), r.name.as_str());
    }
    out
}

/// The resource an operation answers with, else the one it sends, by its documented name.
fn resource<'a>(
    op: &'a crate::ir::Operation,
    names: &BTreeMap<String, &'a str>,
) -> Option<&'a str> {
    let named = op
        .response_body
        .as_ref()
        .and_then(|b| b.resource.as_deref())
        .or_else(|| op.request_body.as_ref().and_then(|b| b.resource.as_deref()))?;
    Some(
        names
            .get(&crate::ir::names::fold(named))
            .copied()
            .unwrap_or(named),
    )
}

/// Whether two operations documenting one request make the same call: the same bodies both
/// ways (resource, by its documented name, and collection) and the same success.
fn same_request(
    a: &crate::ir::Operation,
    b: &crate::ir::Operation,
    names: &BTreeMap<String, &str>,
) -> bool {
    fn shape<'a>(
        s: &'a Option<crate::ir::BodyShape>,
        names: &BTreeMap<String, &'a str>,
    ) -> Option<(Option<&'a str>, bool)> {
        s.as_ref().map(|s| {
            let r = s
                .resource
                .as_deref()
                .map(|r| names.get(&crate::ir::names::fold(r)).copied().unwrap_or(r));
            (r, s.collection)
        })
    }
    shape(&a.response_body, names) == shape(&b.response_body, names)
        && shape(&a.request_body, names) == shape(&b.request_body, names)
        && a.success.status == b.success.status
}

/// A name in snake case and singular (`deviceConfigurations` -> `device_configuration`).
fn singular_snake(name: &str) -> String {
    naming::snake(&crate::ir::names::singular(&naming::snake(name)))
}

/// The words of `resource` that the step's own name does not end with
/// (`androidGeneralDeviceConfiguration` on `device_configuration` -> `android_general`).
fn resource_words(resource: &str, step: &str) -> Vec<String> {
    let mut res: Vec<String> = singular_snake(resource)
        .split('_')
        .map(str::to_string)
        .collect();
    let own = singular_snake(step.trim_end_matches("_by_id"));
    let mut own: Vec<&str> = own.split('_').collect();
    while res.len() > 1
        && own
            .last()
            .is_some_and(|w| res.last().is_some_and(|r| r == w))
    {
        res.pop();
        own.pop();
    }
    res
}

/// A name for a final call whose plain name another call on the node already has: its
/// arguments when they differ (`image_width(width)`), else the words of its resource
/// (`get_android_general`), else those of its page's file name (`get_intune_onboarding`).
fn distinguish(
    api: &Api,
    f: &RawFinal,
    holder: Option<&RawFinal>,
    step: &str,
    names: &BTreeMap<String, &str>,
) -> String {
    if !f.args.is_empty() && holder.is_none_or(|h| h.args != f.args) {
        // The first word of each argument the other call does not take.
        let words: Vec<&str> = f
            .args
            .iter()
            .filter(|a| holder.is_none_or(|h| !h.args.contains(a)))
            .map(|a| a.split('_').next().unwrap_or(a))
            .collect();
        if !words.is_empty() {
            return format!("{}_{}", f.name, words.join("_"));
        }
    }
    let Some(op) = api.operations.get(f.op) else {
        return f.name.clone();
    };
    let held = holder
        .and_then(|h| api.operations.get(h.op))
        .and_then(|h| resource(h, names));
    if let Some(res) = resource(op, names).filter(|r| Some(*r) != held) {
        let words = resource_words(res, step);
        if !words.is_empty() && words.concat() != step.replace('_', "") {
            return format!("{}_{}", f.name, words.join("_"));
        }
    }
    page_words(api, f, op, holder, step, names)
}

/// The words of a final call's page name that tell it apart from the holder's call: the file
/// name's words that neither the call, its step, a verb nor the holder's page name has.
fn page_words(
    api: &Api,
    f: &RawFinal,
    op: &crate::ir::Operation,
    holder: Option<&RawFinal>,
    step: &str,
    names: &BTreeMap<String, &str>,
) -> String {
    let flat = |s: &str| s.replace('_', "").to_ascii_lowercase();
    let stem = |page: &'_ str| -> Vec<String> {
        crate::ir::names::file_stem(page)
            .split('-')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    // What the holder's page name says too does not tell the two apart.
    let taken: BTreeSet<String> = f
        .name
        .split('_')
        .chain(step.split('_'))
        .map(flat)
        .chain([flat(&f.name), flat(step)])
        .chain(VERBS.iter().map(|v| v.to_string()))
        .chain(
            holder
                .and_then(|h| api.operations.get(h.op))
                .map_or_else(Vec::new, |h| stem(&h.page)),
        )
        .collect();
    let words: Vec<String> = stem(&op.page)
        .into_iter()
        .filter(|w| !taken.contains(&flat(w)))
        .map(|w| match names.get(&crate::ir::names::fold(&w)) {
            // A file name runs a type's words together: the type has them.
            Some(name) => resource_words(name, step).join("_"),
            None => naming::snake(&w),
        })
        .filter(|w| !w.is_empty())
        .collect();
    // Each word once, in order: the file name's parts often repeat the type's words.
    let mut seen = BTreeSet::new();
    let words: Vec<&str> = words
        .iter()
        .flat_map(|w| w.split('_'))
        .filter(|w| seen.insert(*w))
        .collect();
    if !words.is_empty() {
        return format!("{}_{}", f.name, words.join("_"));
    }
    // Pages whose names say nothing more (`organization-get`, `organization-list`, both
    // `GET /organization`): the whole of its page's name.
    let own: Vec<String> = stem(&op.page)
        .iter()
        .filter(|w| flat(w) != flat(&f.name))
        .map(|w| naming::snake(w))
        .collect();
    if own.is_empty() {
        f.name.clone()
    } else {
        format!("{}_{}", f.name, own.join("_"))
    }
}

/// The names of final calls (`method_final`), which no step takes.
const FINAL_NAMES: &[&str] = &["get", "list", "create", "update", "put", "delete"];

/// The verbs of operation pages' file names (`message-post-attachments`), which say nothing a
/// final call's name does not.
const VERBS: &[&str] = &[
    "get", "list", "post", "create", "update", "delete", "put", "patch",
];

/// The argument names of a function segment: `range(address='{a}')` -> `address`.
fn function_args(spelling: &str) -> Vec<String> {
    let Some((_, inner)) = spelling.split_once('(') else {
        return Vec::new();
    };
    inner
        .trim_end_matches(')')
        .split(',')
        .filter_map(|a| {
            a.split_once('=')
                .map(|(name, _)| naming::snake(name.trim()))
        })
        .filter(|a| !a.is_empty())
        .collect()
}

/// Builds the tree of every operation's templates. `reserved` are names the root (the client)
/// already has.
// The call tree is an arena this function builds: its indices are the nodes, finals and chains
// it pushed itself (and operations and templates it enumerates), never numbers read from a page.
/// A node of the tree as pass 1 sees it: children by key, every spelling and final seen.
#[derive(Default)]
struct RawNode {
    children: BTreeMap<String, (usize, Piece)>,
    finals: Vec<RawFinal>,
    /// The first template's path up to the node, as documented.
    path: String,
}

impl RawNode {
    /// The names of its steps and finals, in full: the words its long ones leave out first
    /// are those they share (`fit`).
    fn names(&self) -> Vec<&str> {
        self.children
            .values()
            .map(|(_, p)| p.name.as_str())
            .chain(self.finals.iter().map(|f| f.name.as_str()))
            .collect()
    }
}

/// The tree while it is built: pass 1 (`add`, `promote`) gives the raw nodes and each
/// template's nodes; pass 2 (`name`) the names; `chains` the steps' arguments.
struct Builder<'a> {
    api: &'a Api,
    collections: BTreeSet<String>,
    names: BTreeMap<String, &'a str>,
    raw: Vec<RawNode>,
    /// Each template's nodes, from the root.
    paths: BTreeMap<TemplateId, Vec<usize>>,
}

/// A step's index among its node's steps, by (node, child).
type StepIndex = BTreeMap<(usize, usize), usize>;
/// Where a template's final call is: (node, index among its finals).
type FinalIndex = BTreeMap<TemplateId, (usize, usize)>;

/// The names the previous release gave (`Api::shipped_calls`), where the tree has the same
/// shape: a step's by (node, child), a final call's by its template, and each node's, which
/// the naming rules leave to them.
#[derive(Default)]
struct Claims {
    steps: BTreeMap<(usize, usize), String>,
    finals: BTreeMap<TemplateId, String>,
    at: BTreeMap<usize, BTreeSet<String>>,
}

/// One node's naming: the names its methods took, and the shipped ones still to hand out.
struct NodeNaming<'a> {
    used: &'a mut BTreeSet<String>,
    /// Shipped names of this node no other claim took first.
    granted: &'a mut BTreeSet<String>,
    claims: &'a Claims,
    /// The final calls that took a shipped name, by the name.
    finals: BTreeMap<String, usize>,
}

impl NodeNaming<'_> {
    /// The shipped name `claim`, if it is still this node's to give (each is given once).
    fn claim(&mut self, claim: Option<&String>) -> Option<String> {
        let claim = claim?;
        self.granted.remove(claim).then(|| claim.clone())
    }
}

/// The call tree of every template of `api`; `reserved` are the client's own method names,
/// which a first step must not take.
pub(crate) fn calls(api: &Api, reserved: &BTreeSet<String>) -> Calls {
    let mut b = Builder {
        api,
        collections: collections(api),
        names: resource_names(api),
        raw: vec![RawNode::default()],
        paths: BTreeMap::new(),
    };
    for (oi, op) in api.operations.iter().enumerate() {
        for (ti, t) in op.templates.iter().enumerate() {
            b.add(
                TemplateId {
                    op: oi,
                    template: ti,
                },
                op,
                t,
            );
        }
    }
    b.promote();
    let claims = b.claims();
    let (mut nodes, step_of, final_of) = b.name(reserved, &claims);
    let chains = b.chains(&mut nodes, &step_of, &final_of);
    Calls { nodes, chains }
}

#[expect(
    clippy::indexing_slicing,
    reason = "indices into the arena the builder makes, and of the API it was made from, not input-derived"
)]
impl Builder<'_> {
    /// Pass 1: a template's pieces become nodes (shared by key), and its final call is seen.
    fn add(&mut self, id: TemplateId, op: &crate::ir::Operation, t: &PathTemplate) {
        let mut ps = pieces(&t.segments);
        let action = ps
            .last()
            .is_some_and(|p| is_action(op, t, p, &self.collections));
        let final_piece = if action { ps.pop() } else { None };
        let mut step_params = 0;
        let mut segs = 0;
        let mut node = 0;
        let mut visited = vec![0];
        for p in ps {
            step_params += p.params;
            segs += p.segs;
            let next = self.raw.len();
            let child = match self.raw[node].children.entry(p.key.clone()) {
                std::collections::btree_map::Entry::Occupied(mut e) => {
                    if better(&p.spelling, &e.get().1.spelling) {
                        e.get_mut().1 = p;
                    }
                    e.get().0
                }
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert((next, p));
                    let path = t
                        .segments
                        .iter()
                        .take(segs)
                        .fold(String::new(), |mut out, s| {
                            out.push('/');
                            out.push_str(&crate::ir::template::render_parts(s));
                            out
                        });
                    self.raw.push(RawNode {
                        path,
                        ..RawNode::default()
                    });
                    next
                }
            };
            node = child;
            visited.push(node);
        }
        let args: Vec<String> = t
            .params
            .iter()
            .skip(step_params)
            .map(|p| arg_name(&p.name))
            .collect();
        let named_by = final_piece
            .as_ref()
            .map(|p| (p.key.clone(), p.params, p.kind));
        let name = final_piece.map_or_else(|| method_final(op, t), |p| p.name);
        let finals = &mut self.raw[node].finals;
        // A call sends one method: a GET and a POST of one name are two calls.
        match finals.iter_mut().find(|f| {
            f.op == id.op
                && f.name == name
                && f.args == args
                && f.templates
                    .first()
                    .is_some_and(|&ti| op.templates[ti].method == t.method)
        }) {
            Some(f) => f.templates.push(id.template),
            None => finals.push(RawFinal {
                name,
                args,
                op: id.op,
                templates: vec![id.template],
                named_by,
            }),
        }
        self.paths.insert(id, visited);
    }

    /// A function or an action that other templates go on from (`range(address='{a}')/format`,
    /// `reply` to which another page POSTs an extension) is a step everywhere: a template that
    /// ends in it calls the step's `post()` (an action) or what its method names (`get()`);
    /// unless it shipped as a call of its node (`Api::shipped_calls`), which it stays.
    fn promote(&mut self) {
        for n in 0..self.raw.len() {
            let (stay, moved): (Vec<RawFinal>, Vec<RawFinal>) =
                std::mem::take(&mut self.raw[n].finals)
                    .into_iter()
                    .partition(|f| {
                        f.named_by
                            .as_ref()
                            .is_none_or(|(key, _, _)| !self.raw[n].children.contains_key(key))
                            || self.shipped_here(f)
                    });
            self.raw[n].finals = stay;
            for f in moved {
                let Some((key, params, kind)) = &f.named_by else {
                    continue;
                };
                let child = self.raw[n].children[key].0;
                let op = &self.api.operations[f.op];
                let t = &op.templates[f.templates[0]];
                let name = match kind {
                    Kind::Literal if t.method == Method::Post => "post".to_string(),
                    _ => method_final(op, t),
                };
                for &ti in &f.templates {
                    let id = TemplateId {
                        op: f.op,
                        template: ti,
                    };
                    if let Some(v) = self.paths.get_mut(&id) {
                        v.push(child);
                    }
                }
                self.raw[child].finals.push(RawFinal {
                    name,
                    args: f.args.iter().skip(*params).cloned().collect(),
                    named_by: None,
                    ..f
                });
            }
        }
    }

    /// Whether a final shipped as a call of the node it is on: the chain the previous release
    /// named for one of its templates ends there (as many names as nodes on its path).
    fn shipped_here(&self, f: &RawFinal) -> bool {
        let op = &self.api.operations[f.op];
        f.templates.iter().any(|&template| {
            let (Some(t), Some(visited)) = (
                op.templates.get(template),
                self.paths.get(&TemplateId { op: f.op, template }),
            ) else {
                return false;
            };
            self.api
                .shipped_calls
                .get(&(op.id.clone(), t.key()))
                .is_some_and(|c| c.names.len() == visited.len())
        })
    }

    /// The shipped names of each template's steps and final call, where its chain has as many
    /// calls as the previous release named; a step several templates share takes the first one's.
    fn claims(&self) -> Claims {
        let mut claims = Claims::default();
        if self.api.shipped_calls.is_empty() {
            return claims;
        }
        // A request line whose shipped operation no longer documents it (another page now
        // does, under another id): its name goes to the operation that documents it now.
        let documented: BTreeSet<(&str, String)> = self
            .api
            .operations
            .iter()
            .flat_map(|op| op.templates.iter().map(|t| (op.id.as_str(), t.key())))
            .collect();
        let shipped_ops: BTreeSet<&str> = self
            .api
            .shipped_calls
            .keys()
            .map(|(o, _)| o.as_str())
            .collect();
        let mut orphans: BTreeMap<&str, &Vec<String>> = BTreeMap::new();
        for ((op, key), shipped) in &self.api.shipped_calls {
            if !documented.contains(&(op.as_str(), key.clone())) {
                orphans.entry(key.as_str()).or_insert(&shipped.names);
            }
        }
        for (id, visited) in &self.paths {
            let op = &self.api.operations[id.op];
            let t = &op.templates[id.template];
            let key = t.key();
            let own = self
                .api
                .shipped_calls
                .get(&(op.id.clone(), key.clone()))
                .map(|c| &c.names);
            let shipped = shipped_ops.contains(op.id.as_str());
            // An operation that shipped keeps its own names; a new one takes an orphan's.
            let Some(names) = own.or_else(|| {
                (!shipped)
                    .then(|| orphans.get(key.as_str()).copied())
                    .flatten()
            }) else {
                continue;
            };
            let (Some(&last), Some(final_name)) = (visited.last(), names.last()) else {
                continue;
            };
            if names.len() != visited.len() || names.iter().any(String::is_empty) {
                continue;
            }
            for (pair, name) in visited.windows(2).zip(names) {
                if let std::collections::btree_map::Entry::Vacant(e) =
                    claims.steps.entry((pair[0], pair[1]))
                {
                    e.insert(name.clone());
                    claims.at.entry(pair[0]).or_default().insert(name.clone());
                }
            }
            claims.finals.insert(*id, final_name.clone());
            claims
                .at
                .entry(last)
                .or_default()
                .insert(final_name.clone());
        }
        claims
    }

    /// Pass 2: names, unique on each node; a parent comes before its children.
    fn name(
        &self,
        reserved: &BTreeSet<String>,
        claims: &Claims,
    ) -> (Vec<Node>, StepIndex, FinalIndex) {
        let mut nodes: Vec<Node> = Vec::with_capacity(self.raw.len());
        let mut step_of = StepIndex::new();
        let mut final_of = FinalIndex::new();
        // The names the generated operations module imports are not step types.
        let mut used_types: BTreeSet<String> = RESERVED_TYPES
            .concat()
            .iter()
            .map(|s| s.to_string())
            .collect();
        // A step type never takes the name of a model (`operations::User` beside
        // `models::User`): one that would is the model's `...Step`.
        let models: BTreeSet<String> = self
            .api
            .resources
            .iter()
            .map(|r| r.name.as_str())
            .chain(self.api.enums.iter().map(|e| e.name.as_str()))
            .flat_map(|name| [name, name.rsplit('.').next().unwrap_or(name)])
            .map(naming::camel)
            .collect();
        let mut chain_words: Vec<String> = vec![String::new(); self.raw.len()];
        let mut own_name: Vec<String> = vec![String::new(); self.raw.len()];
        for (n, r) in self.raw.iter().enumerate() {
            let mut used: BTreeSet<String> = if n == 0 {
                reserved.clone()
            } else {
                BTreeSet::new()
            };
            // A shipped name is its call's before any rule names the others; the first of
            // two claims of one name wins it.
            let mut granted: BTreeSet<String> = BTreeSet::new();
            for name in claims.at.get(&n).into_iter().flatten() {
                if used.insert(name.clone()) {
                    granted.insert(name.clone());
                }
            }
            let mut naming = NodeNaming {
                used: &mut used,
                granted: &mut granted,
                claims,
                finals: BTreeMap::new(),
            };
            let steps = self.name_steps(
                n,
                &mut naming,
                &mut step_of,
                &mut chain_words,
                &mut own_name,
            );
            let finals = self.name_finals(n, &own_name[n], &mut naming, &mut final_of);
            let type_name = if n == 0 {
                "Client".to_string()
            } else {
                let words = &chain_words[n];
                if models.contains(&limit(words, true)) {
                    fit(&format!("{words}Step"), true, "", &[], &mut used_types)
                } else {
                    fit(words, true, "", &[], &mut used_types)
                }
            };
            nodes.push(Node {
                type_name,
                path: r.path.clone(),
                steps,
                finals,
            });
        }
        (nodes, step_of, final_of)
    }

    /// The steps of node `n`, named; a singleton and a collection of the same name
    /// (`calendar`, `calendars/{id}`) leave the collection's step `calendar_by_id(id)`.
    fn name_steps(
        &self,
        n: usize,
        naming: &mut NodeNaming<'_>,
        step_of: &mut StepIndex,
        chain_words: &mut [String],
        own_name: &mut [String],
    ) -> Vec<Step> {
        let r = &self.raw[n];
        let plain: BTreeSet<&str> = r
            .children
            .values()
            .filter(|(_, p)| matches!(p.kind, Kind::Literal | Kind::Special))
            .map(|(_, p)| p.name.as_str())
            .collect();
        let siblings = r.names();
        let mut steps = Vec::new();
        for (child, piece) in r.children.values() {
            let base = match piece.kind {
                Kind::Keyed if plain.contains(piece.name.as_str()) => {
                    format!("{}_by_id", piece.name)
                }
                // `range(address='{a}')` beside `range`: `range_address(address)`.
                Kind::Function if plain.contains(piece.name.as_str()) => {
                    let args = function_args(&piece.spelling);
                    if args.is_empty() {
                        format!("{}_call", piece.name)
                    } else {
                        format!("{}_{}", piece.name, args.join("_"))
                    }
                }
                _ => piece.name.clone(),
            };
            // A step is never named as a call (`.list(id)` for `/me/todo/lists/{id}`, which
            // reads as a list of the todo): it takes its parent's name (`todo_list(id)`).
            let base = if FINAL_NAMES.contains(&base.as_str()) && !own_name[n].is_empty() {
                format!("{}_{base}", own_name[n].trim_end_matches("_by_id"))
            } else {
                base
            };
            chain_words[*child] = format!("{}{}", chain_words[n], naming::camel(&base));
            let name = naming
                .claim(naming.claims.steps.get(&(n, *child)))
                .unwrap_or_else(|| fit(&base, false, "_", &siblings, naming.used));
            own_name[*child] = base;
            step_of.insert((n, *child), steps.len());
            steps.push(Step {
                named: Named {
                    name,
                    args: Vec::new(),
                },
                to: NodeId(*child),
            });
        }
        steps
    }

    /// The finals of node `n` (whose step is named `step`). Two finals of one name (two pages
    /// that document one request, one function with two sets of arguments): the call on the
    /// base resource, else the page with the shortest file name, keeps it, and the others are
    /// told apart by their own words.
    fn name_finals(
        &self,
        n: usize,
        step: &str,
        naming: &mut NodeNaming<'_>,
        final_of: &mut FinalIndex,
    ) -> Vec<Final> {
        let (api, names, r) = (self.api, &self.names, &self.raw[n]);
        let mut order: Vec<usize> = (0..r.finals.len()).collect();
        order.sort_by_cached_key(|&i| {
            let f = &r.finals[i];
            let op = &api.operations[f.op];
            let on_base = resource(op, names).is_some_and(|res| {
                resource_words(res, step).is_empty()
                    || singular_snake(res) == singular_snake(step.trim_end_matches("_by_id"))
            });
            (
                !on_base,
                op.page.len(),
                op.page.clone(),
                f.args.len(),
                f.templates[0],
            )
        });
        let siblings = r.names();
        let mut holders: BTreeMap<&str, usize> = BTreeMap::new();
        let mut finals: Vec<Final> = Vec::new();
        for i in order {
            let f = &r.finals[i];
            let claim = f
                .templates
                .iter()
                .find_map(|&template| naming.claims.finals.get(&TemplateId { op: f.op, template }));
            // Two pages whose calls shipped as one call of one name stay one call.
            let shared = claim.and_then(|c| naming.finals.get(c)).filter(|&&k| {
                finals
                    .get(k)
                    .is_some_and(|h: &Final| h.named.args == f.args)
            });
            if let Some(&k) = shared {
                for &template in &f.templates {
                    final_of.insert(TemplateId { op: f.op, template }, (n, k));
                }
                continue;
            }
            // A call that shipped under a name of its own keeps it.
            let own = claim.is_some_and(|c| naming.granted.contains(c));
            let holder = holders.get(f.name.as_str()).map(|&h| &r.finals[h]);
            // The same request on another page, answering with the same resource and status,
            // is the same call (a call sends one method).
            let method = |f: &RawFinal| api.operations[f.op].templates[f.templates[0]].method;
            let same = holder.filter(|h| {
                !own && h.args == f.args
                    && method(h) == method(f)
                    && same_request(&api.operations[f.op], &api.operations[h.op], names)
            });
            let held = same.and_then(|h| {
                let id = TemplateId {
                    op: h.op,
                    template: h.templates[0],
                };
                final_of.get(&id).filter(|(hn, _)| *hn == n)
            });
            let index = if let Some(&(_, h_index)) = held {
                h_index
            } else {
                let name = if let Some(name) = naming.claim(claim) {
                    naming.finals.insert(name.clone(), finals.len());
                    holders.entry(&f.name).or_insert(i);
                    name
                } else {
                    // Another final of this name, or a step named so.
                    let base =
                        if holders.contains_key(f.name.as_str()) || naming.used.contains(&f.name) {
                            distinguish(api, f, holder, step, names)
                        } else {
                            holders.insert(&f.name, i);
                            f.name.clone()
                        };
                    fit(&base, false, "_", &siblings, naming.used)
                };
                finals.push(Final {
                    named: Named {
                        name,
                        args: f.args.clone(),
                    },
                    fills: TemplateId {
                        op: f.op,
                        template: f.templates[0],
                    },
                });
                finals.len() - 1
            };
            for &ti in &f.templates {
                let id = TemplateId {
                    op: f.op,
                    template: ti,
                };
                final_of.insert(id, (n, index));
            }
        }
        finals
    }

    /// Each template's chain; a step's arguments are the parameter names of the first template
    /// through it.
    fn chains(
        &self,
        nodes: &mut [Node],
        step_of: &StepIndex,
        final_of: &FinalIndex,
    ) -> Vec<Vec<Chain>> {
        let mut chains: Vec<Vec<Chain>> = self
            .api
            .operations
            .iter()
            .map(|op| Vec::with_capacity(op.templates.len()))
            .collect();
        for (id, visited) in &self.paths {
            let t = &self.api.operations[id.op].templates[id.template];
            let mut params = t.params.iter().map(|p| arg_name(&p.name));
            let mut steps = Vec::new();
            for pair in visited.windows(2) {
                let (from, to) = (pair[0], pair[1]);
                let si = step_of[&(from, to)];
                let wanted = self.raw[from]
                    .children
                    .values()
                    .find(|(c, _)| *c == to)
                    .map_or(0, |(_, p)| p.params);
                let args: Vec<String> = params.by_ref().take(wanted).collect();
                let step = &mut nodes[from].steps[si].named;
                if step.args.len() < args.len() {
                    step.args = args;
                }
                steps.push(StepRef {
                    node: NodeId(from),
                    index: si,
                });
            }
            let (last, final_index) = final_of[id];
            chains[id.op].push(Chain {
                steps,
                last: NodeId(last),
                final_index,
            });
        }
        chains
    }
}

impl Calls {
    /// A template's steps, its final call, and the template the call fills.
    pub(crate) fn chain(&self, op: usize, template: usize) -> Option<CallPath<'_>> {
        let chain = self.chains.get(op)?.get(template)?;
        let steps = chain
            .steps
            .iter()
            .map(|s| self.step(*s).map(|s| &s.named))
            .collect::<Option<Vec<_>>>()?;
        let f = self.final_of(op, template)?;
        Some(CallPath {
            steps,
            call: &f.named,
            fills: f.fills,
        })
    }

    /// A node of the tree.
    pub(crate) fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.0)
    }

    /// Every node, the client first.
    pub(crate) fn each_node(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.nodes.iter().enumerate().map(|(i, n)| (NodeId(i), n))
    }

    /// The step a chain takes.
    pub(crate) fn step(&self, s: StepRef) -> Option<&Step> {
        self.node(s.node)?.steps.get(s.index)
    }

    /// The call a template's chain ends in, with the template whose documented path the call
    /// fills (another page's when two document one request).
    pub(crate) fn final_of(&self, op: usize, template: usize) -> Option<&Final> {
        let chain = self.chains.get(op)?.get(template)?;
        self.node(chain.last)?.finals.get(chain.final_index)
    }

    /// Every name the tree generates: types, steps, finals and their arguments.
    pub(crate) fn identifiers(&self) -> Vec<String> {
        let mut out = BTreeSet::new();
        for node in &self.nodes {
            out.insert(node.type_name.clone());
            let named = node
                .steps
                .iter()
                .map(|s| &s.named)
                .chain(node.finals.iter().map(|f| &f.named));
            for n in named {
                out.insert(n.name.clone());
                out.extend(n.args.iter().cloned());
            }
        }
        out.into_iter().collect()
    }

    /// The call as a user writes it: `client.me().message(id).send()`.
    pub(crate) fn render(&self, op: usize, template: usize) -> Option<String> {
        let path = self.chain(op, template)?;
        let mut out = String::from("client");
        for n in path.steps.into_iter().chain(std::iter::once(path.call)) {
            out.push('.');
            out.push_str(&n.name);
            out.push('(');
            out.push_str(&n.args.join(", "));
            out.push(')');
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::source::{Lang, SourceFile};

    fn page(path: &str, title: &str, lines: &[&str], status: &str) -> SourceFile {
        let md = format!(
            "# {title}\n\n## HTTP request\n\n```http\n{}\n```\n\n## Response\n\nReturns `{status}`.\n",
            lines.join("\n")
        );
        SourceFile::new(path, md, Lang::English)
    }

    fn rendered(files: &[SourceFile]) -> Vec<String> {
        let a = crate::analyze_sources(files);
        let calls = calls(&a.api, &BTreeSet::from(["new".to_string()]));
        let mut out = Vec::new();
        for (oi, op) in a.api.operations.iter().enumerate() {
            for (ti, t) in op.templates.iter().enumerate() {
                out.push(format!(
                    "{} {} -> {}",
                    t.method,
                    t.raw,
                    calls.render(oi, ti).unwrap()
                ));
            }
        }
        out
    }

    fn assert_calls(got: &[String], want: &[&str]) {
        for w in want {
            assert!(
                got.iter().any(|g| g == w),
                "{w}\nnot in\n{}",
                got.join("\n")
            );
        }
    }

    #[test]
    fn calls_mirror_their_templates() {
        let got = rendered(&[
            page(
                "api/message-send.md",
                "message: send",
                &[
                    "POST /me/messages/{id}/send",
                    "POST /users/{id | userPrincipalName}/messages/{id}/send",
                ],
                "202 Accepted",
            ),
            page(
                "api/user-list-transitivememberof.md",
                "List transitiveMemberOf",
                &["GET /users/{id}/transitiveMemberOf/microsoft.graph.group/$count"],
                "200 OK",
            ),
            page(
                "api/range-get.md",
                "Get range",
                &["GET /me/drive/items/{id}/workbook/worksheets('{name}')/range(address='{address}')"],
                "200 OK",
            ),
            page(
                "api/driveitem-put-content.md",
                "Upload",
                &["PUT /me/drive/root:/{item-path}:/content", "PUT /new"],
                "201 Created",
            ),
            page(
                "api/group-delete-member.md",
                "Remove member",
                &["DELETE /groups/{id}/members/{id}/$ref"],
                "204 No Content",
            ),
            page(
                "api/user-post-messages.md",
                "Create message",
                &["POST /me/messages"],
                "201 Created",
            ),
        ]);
        let want = [
            "POST /me/messages/{id}/send -> client.me().message(message_id).send()",
            "POST /users/{id | userPrincipalName}/messages/{id}/send -> client.user(user_id).message(message_id).send()",
            "GET /users/{id}/transitiveMemberOf/microsoft.graph.group/$count -> client.user(user_id).transitive_member_of().as_group().count().get()",
            "GET /me/drive/items/{id}/workbook/worksheets('{name}')/range(address='{address}') -> client.me().drive().item(item_id).workbook().worksheet(name).range(address)",
            "PUT /me/drive/root:/{item-path}:/content -> client.me().drive().root_path(item_path).content().put()",
            "PUT /new -> client.new_2().put()",
            "DELETE /groups/{id}/members/{id}/$ref -> client.group(group_id).member(member_id).reference().delete()",
            "POST /me/messages -> client.me().messages().create()",
        ];
        assert_calls(&got, &want);
    }

    /// `list` only for a call that returns a page (the issue's `GET /me` was `me().list()`,
    /// because `me` is an entity set).
    #[test]
    fn list_is_only_a_call_that_returns_a_page() {
        let list_users = SourceFile::new(
            "api/user-list.md",
            "# List users\n\n## HTTP request\n\n```http\nGET /users\n```\n\n## Response\n\nReturns `200 OK`.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"list_users\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/users\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.user\", \"isCollection\": true} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": [{\"id\": \"1\"}]}\n```\n".to_string(),
            Lang::English,
        );
        let got = rendered(&[
            page(
                "api/user-get.md",
                "Get user",
                &["GET /me", "GET /users/{id}"],
                "200 OK",
            ),
            list_users,
        ]);
        assert_calls(
            &got,
            &[
                "GET /me -> client.me().get()",
                "GET /users/{id} -> client.user(user_id).get()",
                "GET /users -> client.users().list()",
            ],
        );
    }

    #[test]
    fn a_step_is_not_named_as_a_call() {
        let got = rendered(&[page(
            "api/todotasklist-get.md",
            "Get todoTaskList",
            &["GET /me/todo/lists/{todoTaskListId}"],
            "200 OK",
        )]);
        assert_eq!(
            got,
            ["GET /me/todo/lists/{todoTaskListId} -> client.me().todo().todo_list(todo_task_list_id).get()"]
        );
    }

    #[test]
    fn a_step_type_is_not_named_as_a_model() {
        let user = SourceFile::new(
            "resources/user.md",
            "# user resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n\n## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.user\"} -->\n```json\n{}\n```\n".to_string(),
            Lang::English,
        );
        let a = crate::analyze_sources(&[
            user,
            page(
                "api/user-get.md",
                "Get user",
                &["GET /users/{id}"],
                "200 OK",
            ),
            page("api/me-get.md", "Get me", &["GET /me"], "200 OK"),
        ]);
        let calls = calls(&a.api, &BTreeSet::new());
        let types: Vec<&str> = calls.nodes.iter().map(|n| n.type_name.as_str()).collect();
        assert!(types.contains(&"UserStep"), "{types:?}");
        assert!(types.contains(&"Me"), "{types:?}");
        assert!(!types.contains(&"User"), "{types:?}");
    }

    #[test]
    fn names_are_limited_by_their_own_whole_words() {
        assert_eq!(
            limit(
                "windows_information_protection_network_learning_summaries",
                false
            ),
            "windows_information_learning_summaries"
        );
        assert_eq!(
            limit("get_skype_for_business_activity_user_detail", false),
            "get_skype_business_activity_user_detail"
        );
        assert_eq!(
            limit(
                "DeviceManagementDeviceCompliancePolicySettingStateSummary",
                true
            ),
            "DeviceManagementDevicePolicyStateSummary"
        );
        // Every word of a shortening is a whole word of the name, in its order.
        for (name, camel) in [
            ("create_single_value_legacy_extended_property", false),
            (
                "get_skype_for_business_peer_to_peer_activity_minute_counts",
                false,
            ),
            (
                "DeviceManagementDeviceCompliancePolicySettingStateSummary",
                true,
            ),
        ] {
            let words = split_words(name, camel);
            for way in shortenings(name, camel, &|_| 0) {
                assert!(way.len() <= MAX_IDENT, "{way}");
                let mut rest = words.iter();
                for w in split_words(&way, camel) {
                    assert!(rest.any(|x| *x == w), "{w} of {way} is no word of {name}");
                }
            }
        }
        // A sibling that took the first way leaves the next one.
        let mut used = BTreeSet::new();
        let reports = [
            "get_skype_for_business_organizer_activity_minute_counts",
            "get_skype_for_business_participant_activity_minute_counts",
            "get_skype_for_business_activity_counts",
            "get_teams_user_activity_counts",
        ];
        let organizer = fit(reports[0], false, "_", &reports, &mut used);
        let participant = fit(reports[1], false, "_", &reports, &mut used);
        // The words every sibling says go; the ones that tell them apart stay.
        assert_eq!(organizer, "get_skype_organizer_minute_counts");
        assert_eq!(participant, "get_skype_participant_minute_counts");
        // A negation stays with its word (or goes with it).
        assert_eq!(
            limit("get_compliance_policy_non_compliance_summary_report", false),
            "get_compliance_policy_summary_report"
        );
        // A shortening another name took already leaves the next one.
        let mut used = BTreeSet::from(["get_compliance_non_compliance_report".to_string()]);
        assert_eq!(
            fit(
                "get_compliance_setting_non_compliance_report",
                false,
                "_",
                &[],
                &mut used
            ),
            "get_setting_non_compliance_report"
        );
        let long = "a".repeat(30) + "_" + &"b".repeat(30);
        let short = limit(&long, false);
        assert!(short.len() <= MAX_IDENT, "{short}");
        assert_ne!(short, limit(&format!("{long}b"), false));
        assert_eq!(limit("short", false), "short");
    }

    #[test]
    fn shared_names_are_told_apart_by_rule_not_by_number() {
        let got = rendered(&[
            page(
                "api/calendar-get.md",
                "Get calendar",
                &["GET /me/calendar", "GET /me/calendars/{id}"],
                "200 OK",
            ),
            // The same request on two pages is one call.
            page(
                "api/user-list-calendarview.md",
                "List calendarView",
                &["GET /me/calendarView?startDateTime={start}&endDateTime={end}"],
                "200 OK",
            ),
            page(
                "api/calendar-list-calendarview.md",
                "List calendarView",
                &["GET /me/calendarView?startDateTime={start}&endDateTime={end}"],
                "200 OK",
            ),
            // A function others go on from is a step; two quotings are one function.
            page(
                "api/range-get.md",
                "Get range",
                &[
                    "GET /workbook/worksheets/{id}/range(address='{address}')",
                    "GET /workbook/worksheets/{id}/range",
                ],
                "200 OK",
            ),
            page(
                "api/range-format.md",
                "Get format",
                &["GET /workbook/worksheets/{id}/range(address={address})/format"],
                "200 OK",
            ),
            // Drive paths with and without the closing colon are one step.
            page(
                "api/driveitem-get.md",
                "Get item",
                &[
                    "GET /me/drive/root:/{item-path}",
                    "GET /me/drive/root:/{item-path}:/children",
                ],
                "200 OK",
            ),
            page(
                "api/site-getbypath.md",
                "Get site by path",
                &["GET /sites/{hostname}:/{relative-path}"],
                "200 OK",
            ),
        ]);
        let want = [
            "GET /me/calendar -> client.me().calendar().get()",
            "GET /me/calendars/{id} -> client.me().calendar_by_id(calendar_id).get()",
            "GET /me/calendarView?startDateTime={start}&endDateTime={end} -> client.me().calendar_view().get(start, end)",
            "GET /workbook/worksheets/{id}/range(address='{address}') -> client.workbook().worksheet(worksheet_id).range_address(address).get()",
            "GET /workbook/worksheets/{id}/range -> client.workbook().worksheet(worksheet_id).range().get()",
            "GET /workbook/worksheets/{id}/range(address={address})/format -> client.workbook().worksheet(worksheet_id).range_address(address).format().get()",
            "GET /me/drive/root:/{item-path} -> client.me().drive().root_path(item_path).get()",
            "GET /me/drive/root:/{item-path}:/children -> client.me().drive().root_path(item_path).children().get()",
            "GET /sites/{hostname}:/{relative-path} -> client.site_path(hostname, relative_path).get()",
        ];
        assert_calls(&got, &want);
        assert!(
            !got.iter().any(|g| g.contains("_2(")),
            "a numbered name:\n{}",
            got.join("\n")
        );
    }
}
