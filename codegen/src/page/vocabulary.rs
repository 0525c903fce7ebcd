//! What a reference's own pages teach about its words, before any page is modelled. A
//! translated reference writes its labels in its language; where the docs' structure says what
//! a label means whatever the language (the rows of a permissions table come in one order), the
//! labels are learned from it, so that a language no list in `rules` knows is read too. The
//! English words of `rules` stay the first answer.
//!
//! Docs in any language: a translated page keeps its code, anchors and links in English and
//! translates the rest (headings, tables, type names, prose). The reader prefers, in this order:
//! - what does not depend on the language: section keys from the headings' English anchors
//!   (`read::extract`); the operation id from the title's anchor (`page::operation`); a status
//!   claimed with its HTTP reason phrase (`200 OK`); the OData support sentence by its link to
//!   the query parameters page and the word OData; a type cell's link (the linked page's type);
//!   columns of a translated table by position (name, type, description), a type column only
//!   when its cells read as types (an enum's table of values under Properties does not); a
//!   property's type from its resource's JSON representation where its row's words name no
//!   documented type (`page::resource`); rows under a permission type whose cell is empty give it
//!   their scopes; a scope as the reference writes it most often (scopes do not depend on case:
//!   a translation's `Directory.accessasuser.all` is `Directory.AccessAsUser.All`);
//! - what the reference teaches about its own words (this file, learned from all pages before
//!   any is modelled, each word needing `rules::MIN_LEARNED_EVIDENCE` places and a
//!   `MIN_LEARNED_SHARE` of its votes): permission-type labels from the order of the rows of the
//!   three-row permissions tables; `Not supported` cells, as many typed rows of tables that name
//!   scopes write them; the sentence that marks a parameter required, as the `Authorization`
//!   header's description ends; the type words of Type cells (`Cadeia de caracteres`, `文字列`)
//!   from the type the resource pages' JSON shows for the same property, from at least
//!   `MIN_LEARNED_NAMES` differently named properties (so an enum's name, whose JSON also says
//!   `"String"`, is not taken for `String`), and the words around a link (`Coleção {}`,
//!   `{} コレクション`, also inside the link's text, `[coleção settingValue](...)`) from whether
//!   the JSON shows an array; those words then read around a type's name without a link too
//!   (`Coleção riskLevel`);
//! - the English words of `rules`, always tried first, and its per-language lists where the docs
//!   carry no signal (translated header names).

use crate::ir::names::resource_name;
use crate::ir::{Primitive, TypeRef};
use crate::read::extract::{BlockType, Page};
use crate::read::rules::{self, PermissionType, Section};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The words learned from one reference.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Normalized label -> the permission type it names.
    permission_types: BTreeMap<String, PermissionType>,
    /// Normalized cells that say a permission type is not supported.
    not_supported: BTreeSet<String>,
    /// The words of a Type cell without a link (`cadeia de caracteres`, `文字列`) -> the type the
    /// resource pages' JSON shows for the properties it types.
    type_words: BTreeMap<String, TypeRef>,
    /// The words around a Type cell's link (`coleção {}`, `{} コレクション`) -> whether they say a
    /// collection of the linked type.
    type_frames: BTreeMap<String, bool>,
    /// Normalized sentences that mark a parameter required (`obrigatório`, `必須`): how the
    /// `Authorization` header's description ends (`Bearer {token}. Required.`), which every
    /// operation page documents.
    required: BTreeSet<String>,
    /// The names of the types the reference documents, lower case: the `@odata.type` of its
    /// resource representations, the enums its `... values` headings and enum pages name.
    type_names: BTreeSet<String>,
    /// Lower-case scope -> how the reference writes it most often (`Directory.AccessAsUser.All`
    /// for a translation's `Directory.accessasuser.all`): scopes do not depend on case.
    scopes: BTreeMap<String, String>,
}

/// A label or cell as compared: lower case, white space folded, without end punctuation.
fn normalize(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    folded
        .trim_end_matches(['.', ':', ';', '。', '：', '；'])
        .trim()
        .to_lowercase()
}

/// The normalized sentences of a text (split at `.` and `。`).
fn sentences(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(['.', '。'])
        .map(normalize)
        .filter(|s| !s.is_empty())
}

/// Whether a cell names scopes (`Mail.Send`), not a word.
fn names_scopes(cell: &str) -> bool {
    !super::text::split_scopes(cell).is_empty()
}

/// Votes of one reference, merged from its pages.
#[derive(Debug, Default)]
struct Votes {
    labels: BTreeMap<String, BTreeMap<PermissionType, usize>>,
    /// Type words -> type -> the (page, property) rows it typed so.
    type_words: BTreeMap<String, BTreeMap<TypeRef, BTreeSet<(usize, String)>>>,
    type_frames: BTreeMap<String, BTreeMap<bool, BTreeSet<(usize, String)>>>,
    required: BTreeMap<String, usize>,
    scopes: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Vocabulary {
    /// Learns from the pages: the labels of the permissions tables with one row per permission
    /// type (three rows, in the docs' order), then the cells without scopes of the rows those
    /// labels name that many tables write (`Not supported.` and its translations).
    pub fn learn(pages: &[&Page]) -> Vocabulary {
        // Each page votes alone, in parallel; the votes are sums and unions, so merging them
        // in any order gives the same words.
        let (votes, type_names) = pages
            .par_iter()
            .enumerate()
            .map(|(at, page)| {
                let mut votes = Votes::default();
                let mut type_names = BTreeSet::new();
                page_votes(at, page, &mut votes);
                documented_types(page, &mut type_names);
                (votes, type_names)
            })
            .reduce(
                || (Votes::default(), BTreeSet::new()),
                |(mut votes, mut names), (more, more_names)| {
                    votes.merge(more);
                    names.extend(more_names);
                    (votes, names)
                },
            );
        let mut out = Vocabulary {
            required: votes
                .required
                .into_iter()
                .filter(|(_, n)| *n >= rules::MIN_LEARNED_EVIDENCE)
                .map(|(s, _)| s)
                .collect(),
            type_names,
            // The most frequent spelling; of as many, the first in order.
            scopes: votes
                .scopes
                .into_iter()
                .filter_map(|(lower, spellings)| {
                    let best = spellings
                        .into_iter()
                        .rev()
                        .max_by_key(|(_, n)| *n)
                        .map(|(s, _)| s)?;
                    Some((lower, best))
                })
                .collect(),
            ..Vocabulary::default()
        };
        out.type_words = type_words(votes.type_words);
        for (frame, by_shape) in votes.type_frames {
            if let Some(collection) = decided_by_names(
                &by_shape,
                rules::MIN_LEARNED_EVIDENCE,
                rules::MIN_LEARNED_NAMES,
            ) {
                out.type_frames.insert(frame, collection);
            }
        }
        for (label, by_type) in votes.labels {
            if let Some(ty) = decided(&by_type) {
                out.permission_types.insert(label, ty);
            }
        }
        out.not_supported = not_supported(pages, &out);
        out
    }

    /// The permission type a row label or column header names: by the English words, else as
    /// the reference's own tables use it.
    pub(crate) fn permission_type(&self, label: &str) -> Option<PermissionType> {
        PermissionType::of_english(&label.to_lowercase())
            .or_else(|| self.permission_types.get(&normalize(label)).copied())
    }

    /// Whether a cell without scopes says the permission type is not supported: by the English
    /// words, else as many of the reference's tables write it.
    pub(crate) fn not_supported(&self, cell: &str) -> bool {
        let lower = cell.to_lowercase();
        rules::NOT_SUPPORTED.in_text(&lower)
            || rules::NOT_SUPPORTED_START.starts(&lower)
            || self.not_supported.contains(&normalize(cell))
    }
}

/// The type each type word stands for, where the votes decide it.
fn type_words(
    votes: BTreeMap<String, BTreeMap<TypeRef, BTreeSet<(usize, String)>>>,
) -> BTreeMap<String, TypeRef> {
    let mut out = BTreeMap::new();
    for (words, by_type) in votes {
        // A value the JSON shows as no enum could (`true`, `"Date"`, `"Int32"`) needs less
        // evidence than `"String"`, which an enum's values show too.
        let unambiguous = |t: &TypeRef| {
            let inner = match t {
                TypeRef::Collection(inner) => inner.as_ref(),
                t => t,
            };
            matches!(inner, TypeRef::Primitive(p) if *p != Primitive::String)
        };
        let ty = decided_by_names(
            &by_type,
            rules::MIN_LEARNED_EVIDENCE,
            rules::MIN_LEARNED_NAMES,
        )
        .or_else(|| {
            decided_by_names(
                &by_type,
                rules::MIN_UNAMBIGUOUS_EVIDENCE,
                rules::MIN_UNAMBIGUOUS_EVIDENCE,
            )
            .filter(unambiguous)
        });
        if let Some(ty) = ty {
            out.insert(words, ty);
        }
    }
    out
}

/// The cells that say a permission type is not supported: those that name no scope in tables
/// whose other rows do, often enough.
fn not_supported(pages: &[&Page], vocab: &Vocabulary) -> BTreeSet<String> {
    // A table in which no row names a scope says nothing of what a word means (a
    // translation that mangled every scope name).
    let cells = pages
        .par_iter()
        .map(|page| {
            let mut cells = BTreeMap::new();
            for t in permission_tables(page).filter(|t| {
                t.rows
                    .iter()
                    .any(|r| r.cells.iter().skip(1).any(|c| names_scopes(c)))
            }) {
                for row in &t.rows {
                    let typed = row
                        .cells
                        .first()
                        .is_some_and(|l| vocab.permission_type(l).is_some());
                    for cell in row.cells.iter().skip(1).filter(|_| typed) {
                        if !names_scopes(cell) && !cell.trim().is_empty() {
                            *cells.entry(normalize(cell)).or_default() += 1;
                        }
                    }
                }
            }
            cells
        })
        .reduce(BTreeMap::new, |mut a, b| {
            add_counts(&mut a, b);
            a
        });
    cells
        .into_iter()
        .filter(|(_, n)| *n >= rules::MIN_LEARNED_EVIDENCE)
        .map(|(c, _)| c)
        .collect()
}

impl Vocabulary {
    /// Whether a parameter's description marks it required: by the English words, else by a
    /// sentence the reference marks required parameters with.
    pub(crate) fn required(&self, description: &str) -> bool {
        rules::REQUIRED_DESCRIPTION_START.starts(&description.trim_start().to_lowercase())
            || rules::REQUIRED_MARK.in_text(description)
            || sentences(description).any(|s| self.required.contains(&s))
    }

    /// A scope as the reference writes it most often.
    pub(crate) fn scope(&self, scope: String) -> String {
        match self.scopes.get(&scope.to_lowercase()) {
            Some(best) => best.clone(),
            None => scope,
        }
    }

    /// The type of a property: its row's, unless that names no type and the JSON
    /// representation shows one.
    pub(crate) fn property_type(&self, table: TypeRef, json: Option<TypeRef>) -> TypeRef {
        match json {
            Some(j) if json_replaces(&self.type_names, &table, &j) => j,
            _ => table,
        }
    }

    /// Whether prose says "a collection of" in the reference's words: the English ones
    /// (`rules::COLLECTION_PROSE`), or the words that make a Type cell a collection in its
    /// tables (`Coleção {}`, `{} コレクション`).
    pub(crate) fn says_collection(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        rules::COLLECTION_PROSE.in_text(&lower)
            || self
                .type_frames
                .iter()
                .filter(|(_, &collection)| collection)
                .map(|(frame, _)| frame.replace("{}", " "))
                .any(|words| {
                    let words = words.trim();
                    words.chars().count() > 2 && lower.contains(words)
                })
    }

    /// The type a Type cell names (`cell` its text, `frame` its text outside links with `{}`
    /// for each, `links` their targets): as the English words read it (`String`,
    /// `recipient collection`), else as the reference's words were learned (`Coleção
    /// [recipient](recipient.md)` is a collection of `recipient`, the linked page's type, and
    /// `Cadeia de caracteres` a `String`), else the words as a name.
    pub(crate) fn type_of(&self, cell: &str, frame: &str, links: &[String]) -> TypeRef {
        let english = TypeRef::parse(cell);
        let named = match &english {
            TypeRef::Named(n) => Some(n),
            TypeRef::Collection(inner) => match inner.as_ref() {
                TypeRef::Named(n) => Some(n),
                _ => None,
            },
            TypeRef::Primitive(_) => None,
        };
        // Read in English: a primitive, or a name that is an identifier.
        let Some(named) = named else { return english };
        let identifier = named.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
        let key = normalize(frame);
        if let Some(target) = links
            .iter()
            .find(|l| l.ends_with(".md") || l.contains(".md#"))
        {
            let linked = linked_frame(cell, frame, target);
            // A link alone is its page's type, in any language.
            let Some(&collection) = self
                .type_frames
                .get(&linked.key)
                .or_else(|| self.type_frames.get(&key))
                .or((linked.key == "{}").then_some(&false))
            else {
                return english;
            };
            // The linked page's type: the identifier the link's text names, else the linked
            // file's name (a translated `[evento](event.md)`, `[anexo](attachment.md)`: a word
            // no page documents as a type, where the file's name is one).
            let file = target.split('#').next().unwrap_or(target);
            let stem = crate::ir::names::file_stem(file);
            let documented = |n: &str| self.type_names.contains(&crate::ir::names::fold(n));
            let inner = match linked.name {
                Some(n) if documented(&n) || !documented(stem) => n,
                _ => stem.to_string(),
            };
            let inner = TypeRef::Named(inner);
            return if collection {
                TypeRef::Collection(Box::new(inner))
            } else {
                inner
            };
        }
        if identifier && !self.type_words.contains_key(&key) {
            return english;
        }
        if let Some(ty) = self.type_words.get(&key) {
            return ty.clone();
        }
        // A primitive or a type's name in translated words (`Guid コレクション`, `Coleção
        // riskLevel`, a link without its definition `Coleção [permission][]`): the words around
        // it as around a link.
        let words = frame.replace(['[', ']'], " ");
        for word in cell.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.')) {
            let word = word.trim_matches('.');
            if !type_identifier(word) {
                continue;
            }
            let around = normalize(&words.replacen(word, "{}", 1));
            // A bare identifier is its own type (read in English above), no frame.
            let Some(&collection) = self.type_frames.get(&around).filter(|_| around != "{}") else {
                continue;
            };
            let inner = match TypeRef::parse(word) {
                t @ TypeRef::Primitive(_) => t,
                _ => TypeRef::Named(word.to_string()),
            };
            return if collection {
                TypeRef::Collection(Box::new(inner))
            } else {
                inner
            };
        }
        // English in parentheses (`文字列型 (String)`).
        let inside = cell
            .split_once('(')
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(inside, _)| TypeRef::parse(inside));
        match inside {
            Some(t @ TypeRef::Primitive(_)) => t,
            _ => english,
        }
    }
}

/// The Type cells of a page's resource table with the type its JSON representation shows
/// for the same property (`"isRead": true` -> `Boolean`, `[{"@odata.type": ...}]` -> a
/// collection), as votes.
/// One page's votes: its permissions tables' scopes and row labels, its property rows' type
/// words, and how its `Authorization` header's description ends.
fn page_votes(at: usize, page: &Page, votes: &mut Votes) {
    for t in permission_tables(page) {
        for cell in t.rows.iter().flat_map(|r| r.cells.iter().skip(1)) {
            for scope in super::text::split_scopes(cell) {
                *votes
                    .scopes
                    .entry(scope.to_lowercase())
                    .or_default()
                    .entry(scope)
                    .or_default() += 1;
            }
        }
        if t.rows.len() != PermissionType::ALL.len() {
            continue;
        }
        for (row, ty) in t.rows.iter().zip(PermissionType::ALL) {
            if let Some(label) = row.cells.first() {
                *votes
                    .labels
                    .entry(normalize(label))
                    .or_default()
                    .entry(ty)
                    .or_default() += 1;
            }
        }
    }
    type_votes(at, page, votes);
    for (b, t) in page.tables() {
        if !b.is_in(Section::RequestHeaders) {
            continue;
        }
        for row in &t.rows {
            let authorization = row
                .cells
                .first()
                .is_some_and(|n| super::text::clean_name(n).eq_ignore_ascii_case("authorization"));
            let last = row.cells.last().and_then(|d| sentences(d).last());
            if let (true, Some(last)) = (authorization, last) {
                *votes.required.entry(last).or_default() += 1;
            }
        }
    }
}

/// Adds counts of `more` to `into`.
fn add_counts<K: Ord>(into: &mut BTreeMap<K, usize>, more: BTreeMap<K, usize>) {
    for (k, n) in more {
        *into.entry(k).or_default() += n;
    }
}

/// Unites the voters of `more` with those of `into`.
fn add_voters<K: Ord, V: Ord>(
    into: &mut BTreeMap<String, BTreeMap<K, BTreeSet<V>>>,
    more: BTreeMap<String, BTreeMap<K, BTreeSet<V>>>,
) {
    for (words, by) in more {
        let slot = into.entry(words).or_default();
        for (k, voters) in by {
            slot.entry(k).or_default().extend(voters);
        }
    }
}

impl Votes {
    /// Adds the votes of other pages: sums and unions, so the order of merging does not matter.
    fn merge(&mut self, more: Votes) {
        for (label, by) in more.labels {
            add_counts(self.labels.entry(label).or_default(), by);
        }
        add_voters(&mut self.type_words, more.type_words);
        add_voters(&mut self.type_frames, more.type_frames);
        add_counts(&mut self.required, more.required);
        for (lower, spellings) in more.scopes {
            add_counts(self.scopes.entry(lower).or_default(), spellings);
        }
    }
}

fn type_votes(at: usize, page: &Page, votes: &mut Votes) {
    let json = page.fences().find_map(|(_, f)| {
        let a = f.annotation.and_then(|i| page.annotations.get(i))?;
        (a.block_type() == Some(BlockType::Resource))
            .then(|| crate::read::lenient_json::parse(&f.content).ok())
            .flatten()
    });
    let Some(Value::Object(json)) = json.map(|(v, _)| v) else {
        return;
    };
    for (b, t) in page.tables() {
        if !b.is_in(Section::Properties) && !b.is_in(Section::Relationships) {
            continue;
        }
        for row in &t.rows {
            let (Some(name), Some(frame)) = (row.cells.first(), row.frames.get(1)) else {
                continue;
            };
            let name = super::text::clean_name(name);
            let Some(value) = json.get(&name) else {
                continue;
            };
            let target = row.links.get(1).and_then(|l| l.first());
            let key = match (target, row.cells.get(1)) {
                (Some(target), Some(cell)) => linked_frame(cell, frame, target).key,
                _ => normalize(frame),
            };
            if target.is_some() {
                let shape = match value {
                    Value::Array(_) => true,
                    Value::Object(_) => false,
                    _ => continue,
                };
                votes
                    .type_frames
                    .entry(key)
                    .or_default()
                    .entry(shape)
                    .or_default()
                    .insert((at, name));
            } else if let Some(ty) = json_type(value) {
                votes
                    .type_words
                    .entry(key)
                    .or_default()
                    .entry(ty)
                    .or_default()
                    .insert((at, name));
            }
        }
    }
}

/// Whether the JSON representation's type for a property replaces the type its table row
/// names: the row's words are no identifier (`recurso itemAnalytics`, `添付ファイル`), or an
/// identifier of no documented type where the JSON shows a primitive (`Booleano` where it shows
/// `true`). A type the reference documents stays: the JSON may show a type derived from it.
/// A JSON `"string"` replaces nothing.
fn json_replaces(type_names: &BTreeSet<String>, table: &TypeRef, json: &TypeRef) -> bool {
    let named = match table {
        TypeRef::Named(n) => Some(n),
        TypeRef::Collection(inner) => match inner.as_ref() {
            TypeRef::Named(n) => Some(n),
            _ => None,
        },
        TypeRef::Primitive(_) => None,
    };
    let Some(name) = named else {
        return false;
    };
    let identifier = type_identifier(name);
    // `"string"` is what the representations write for an enum's value, and for any value
    // they do not type (`"maximum": "string"` of a number-or-string `object`).
    let string = match json {
        TypeRef::Collection(inner) => **inner == TypeRef::Primitive(Primitive::String),
        t => *t == TypeRef::Primitive(Primitive::String),
    };
    if string {
        return false;
    }
    if !identifier {
        return true;
    }
    // An identifier the reference documents no type of, where the JSON shows a primitive
    // (`Booleano`, `Timestamp`); a type the JSON names may be one the page links without a
    // definition, or a representation's mistake (an array for one item).
    let last = name.rsplit('.').next().unwrap_or(name).to_lowercase();
    let primitive = match json {
        TypeRef::Collection(inner) => matches!(**inner, TypeRef::Primitive(_)),
        t => matches!(t, TypeRef::Primitive(_)),
    };
    primitive && !type_names.contains(&last)
}

/// The types a page documents: its resource representation's `@odata.type`, the enums of its
/// `... values` headings (by their anchors, which translations keep), an enum page's title.
fn documented_types(page: &Page, out: &mut BTreeSet<String>) {
    let last = |n: &str| n.rsplit('.').next().unwrap_or(n).to_lowercase();
    for a in &page.annotations {
        if a.block_type() == Some(BlockType::Resource) {
            if let Some(t) = a.str_key("@odata.type").or_else(|| a.str_key("@type")) {
                out.insert(last(t));
            }
        }
    }
    let slug = super::text::heading_slug;
    for h in &page.headings {
        if let Some(key) = slug(h).strip_suffix("-values") {
            out.insert(key.to_string());
        }
    }
    if page.front_matter.get("doc_type").map(String::as_str) == Some("enumPageType") {
        if let Some(key) = page.title().map(slug) {
            out.insert(key.split('-').next().unwrap_or_default().to_string());
        }
    }
}

/// The words around the type a Type cell links, as a learned frame's key, and the type's name
/// where the link's text writes it. The link's text may hold words of the frame
/// (`[coleção settingValue](settingvalue.md)` reads as `coleção {}`, like
/// `Coleção [settingValue](settingvalue.md)`); a link's text that is one identifier, or that
/// does not name the linked page (`[evento](event.md)`), is the `{}` of the frame.
struct LinkedFrame {
    key: String,
    name: Option<String>,
}

fn linked_frame(cell: &str, frame: &str, target: &str) -> LinkedFrame {
    let link_text = frame
        .split_once("{}")
        .and_then(|(before, after)| {
            cell.trim()
                .strip_prefix(before.trim())?
                .strip_suffix(after.trim())
        })
        .map(str::trim)
        .unwrap_or_default();
    let identifier = type_identifier;
    if identifier(link_text) {
        return LinkedFrame {
            key: normalize(frame),
            name: Some(link_text.to_string()),
        };
    }
    let file = target.split('#').next().unwrap_or(target);
    let stem = crate::ir::names::file_stem(file).to_lowercase();
    let named = link_text.split_whitespace().find(|w| {
        let lower = w.to_lowercase();
        // The file may carry a prefix of its area (`intune-mam-managedappflaggedreason.md`).
        let last = stem.rsplit('-').next().unwrap_or(&stem);
        identifier(w) && (lower == last || lower.ends_with(&format!(".{last}")))
    });
    match named {
        Some(word) => LinkedFrame {
            key: normalize(&frame.replacen("{}", &link_text.replacen(word, "{}", 1), 1)),
            name: Some(word.to_string()),
        },
        None => LinkedFrame {
            key: normalize(frame),
            name: None,
        },
    }
}

/// Whether words are a type's name as code writes it: a letter, then letters, digits and dots
/// (`recipient`, `microsoft.graph.callRecords.session`).
fn type_identifier(words: &str) -> bool {
    words
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && words.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}

/// Whether a Type cell reads as a type: a primitive, a link to a page, a learned word, or an
/// identifier (a type's name); not a value (`0`, `1`: an enum's table in a Properties section).
pub(crate) fn reads_as_type(vocab: &Vocabulary, cell: &str, frame: &str, links: &[String]) -> bool {
    !links.is_empty()
        || matches!(
            vocab.type_of(cell, frame, links),
            TypeRef::Primitive(_) | TypeRef::Collection(_)
        )
        || type_identifier(cell.trim())
}

/// The type a value of a JSON representation shows, where it shows one: `true`, `"String"`,
/// `"String (timestamp)"`, `["String"]`, `{"@odata.type": "microsoft.graph.x"}`. Numbers show
/// no type (`1024` is any integer).
pub(super) fn json_type(value: &Value) -> Option<TypeRef> {
    match value {
        Value::Bool(_) => Some(TypeRef::Primitive(Primitive::Boolean)),
        Value::String(s) => {
            let lower = s.to_lowercase();
            if lower.contains("timestamp") {
                return Some(TypeRef::Primitive(Primitive::DateTimeOffset));
            }
            if lower.contains("duration") {
                return Some(TypeRef::Primitive(Primitive::Duration));
            }
            match TypeRef::parse(s.split(" (").next().unwrap_or(s)) {
                t @ TypeRef::Primitive(_) => Some(t),
                _ => None,
            }
        }
        Value::Array(items) => items
            .first()
            .and_then(json_type)
            .map(|t| TypeRef::Collection(Box::new(t))),
        Value::Object(o) => o
            .get("@odata.type")
            .and_then(Value::as_str)
            .map(|t| TypeRef::Named(resource_name(t.trim_start_matches('#')))),
        _ => None,
    }
}

/// Whether a JSON representation's value can be of a row's type: an array for a collection and
/// only for one, no object for a primitive. A row is named from a JSON key only where they agree.
pub(super) fn json_agrees(row: &TypeRef, value: &Value) -> bool {
    match (row, value) {
        (TypeRef::Primitive(Primitive::Json), _) | (_, Value::Null) => true,
        (TypeRef::Collection(_), v) => v.is_array(),
        (_, Value::Array(_)) => false,
        (TypeRef::Primitive(_), Value::Object(_)) => false,
        _ => true,
    }
}

/// The meaning that enough rows vote for, with a large enough share of them, and from several
/// properties: a primitive types many properties; an enum's name, whose JSON also shows
/// `"String"`, types one property of several resources.
fn decided_by_names<T: Clone + Ord>(
    votes: &BTreeMap<T, BTreeSet<(usize, String)>>,
    min_rows: usize,
    min_names: usize,
) -> Option<T> {
    let total: usize = votes.values().map(BTreeSet::len).sum();
    let (best, rows) = votes.iter().max_by_key(|(_, n)| n.len())?;
    let n = rows.len();
    let names: BTreeSet<&str> = rows.iter().map(|(_, name)| name.as_str()).collect();
    // As many pages as names: two rows of one page may share one mistake.
    let pages: BTreeSet<usize> = rows.iter().map(|(at, _)| *at).collect();
    (n >= min_rows
        && names.len() >= min_names
        && pages.len() >= min_names.min(rules::MIN_UNAMBIGUOUS_EVIDENCE)
        && n * 100 >= total * rules::MIN_LEARNED_SHARE)
        .then(|| best.clone())
}

/// The tables of a page's permissions section, or headed as one anywhere.
fn permission_tables(page: &Page) -> impl Iterator<Item = &crate::read::extract::Table> {
    page.tables()
        .filter(|(b, t)| {
            b.is_in(Section::Permissions)
                || t.header
                    .first()
                    .is_some_and(|h| rules::PERMISSION_TYPE_HEADER.in_text(&h.to_lowercase()))
        })
        .map(|(_, t)| t)
}

/// The meaning with enough votes and a large enough share of them.
fn decided<T: Copy>(votes: &BTreeMap<T, usize>) -> Option<T> {
    let total: usize = votes.values().sum();
    let (best, n) = votes.iter().max_by_key(|(_, n)| **n)?;
    (*n >= rules::MIN_LEARNED_EVIDENCE && n * 100 >= total * rules::MIN_LEARNED_SHARE)
        .then_some(*best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::source::{Lang, SourceFile};

    fn page(md: &str) -> Page {
        crate::read::extract::extract(&SourceFile::new("api/x.md", md.to_string(), Lang::English))
    }

    #[test]
    fn labels_are_learned_from_the_order_of_the_rows() {
        let table = |work: &str, personal: &str, app: &str| {
            page(&format!(
                "# x\n\n## <a name=\"permissions\"></a>Permissões\n\n| Tipo | Permissões |\n|:--|:--|\n\
                 | {work} | Mail.Send |\n| {personal} | Sem suporte. |\n| {app} | Mail.Send |\n"
            ))
        };
        let mut pages: Vec<Page> = (0..rules::MIN_LEARNED_EVIDENCE)
            .map(|_| table("Delegado (trabalho)", "Delegado (pessoal)", "Aplicativo"))
            .collect();
        // Too few to learn from, or to outvote the others: a table whose rows are in another
        // order.
        pages.push(table(
            "Aplicativo x",
            "Delegado (trabalho)",
            "Delegado (pessoal)",
        ));
        let v = Vocabulary::learn(&pages.iter().collect::<Vec<_>>());
        assert_eq!(
            v.permission_type("Delegado  (trabalho)"),
            Some(PermissionType::DelegatedWork)
        );
        assert_eq!(
            v.permission_type("Delegado (pessoal)."),
            Some(PermissionType::DelegatedPersonal)
        );
        assert_eq!(
            v.permission_type("aplicativo"),
            Some(PermissionType::Application)
        );
        assert_eq!(v.permission_type("Aplicativo x"), None);
        // English labels need no learning.
        assert_eq!(
            Vocabulary::default().permission_type("Delegated (personal Microsoft account)"),
            Some(PermissionType::DelegatedPersonal)
        );
        assert!(v.not_supported("Sem suporte"));
        assert!(!v.not_supported("Veja abaixo"));
        assert!(Vocabulary::default().not_supported("Not supported."));
    }

    /// Resource pages whose rows type a property `words` and whose JSON shows `json` for it,
    /// one property name per page so that enough distinct names vote.
    fn resources(words: &str, json: &str) -> Vec<Page> {
        (0..rules::MIN_LEARNED_EVIDENCE)
            .map(|i| {
                page(&format!(
                    "# r{i}\n\n## <a name=\"properties\"></a>Propriedades\n\n| Propriedade | Tipo | Descrição |\n|:--|:--|:--|\n\
                     | p{i} | {words} | d |\n\n<!-- {{\"blockType\": \"resource\", \"@odata.type\": \
                     \"microsoft.graph.r{i}\"}} -->\n```json\n{{\"p{i}\": {json}}}\n```\n"
                ))
            })
            .collect()
    }

    #[test]
    fn collection_words_inside_a_link_are_learned_as_around_it() {
        let pages = resources(
            "[coleção recipient](recipient.md)",
            "[{\"@odata.type\": \"microsoft.graph.recipient\"}]",
        );
        let v = Vocabulary::learn(&pages.iter().collect::<Vec<_>>());
        let collection_of = |n: &str| TypeRef::Collection(Box::new(TypeRef::Named(n.into())));
        // The link's text names the type; its other words are the frame.
        assert_eq!(
            v.type_of(
                "coleção settingValue",
                "{}",
                &["settingvalue.md".to_string()]
            ),
            collection_of("settingValue")
        );
        // The same words with the type outside the link, or with no link at all.
        assert_eq!(
            v.type_of("coleção riskLevel", "coleção riskLevel", &[]),
            collection_of("riskLevel")
        );
        assert_eq!(
            v.type_of("Coleção [permission][]", "Coleção [permission][]", &[]),
            collection_of("permission")
        );
        // Unlearned words around an identifier stay what the English reading says.
        assert_eq!(
            v.type_of("conjunto riskLevel", "conjunto riskLevel", &[]),
            TypeRef::Named("conjunto riskLevel".into())
        );
        // A link whose text is one identifier keeps the frame around the link.
        assert_eq!(
            v.type_of("user", "{}", &["user.md".into()]),
            TypeRef::Named("user".into())
        );
        // A translated word no page documents as a type, linking a page named as one that is
        // (`r1.md` documents `r1`): the linked page's type.
        assert_eq!(
            v.type_of("coleção anexo", "coleção {}", &["r1.md".into()]),
            collection_of("r1")
        );
        assert_eq!(
            v.type_of("anexo", "{}", &["r1.md".into()]),
            TypeRef::Named("r1".into())
        );
        // The frame's words inside a link to a file named with its area's prefix.
        assert_eq!(
            v.type_of(
                "coleção managedAppFlaggedReason",
                "{}",
                &["../resources/intune-mam-managedappflaggedreason.md".into()]
            ),
            collection_of("managedAppFlaggedReason")
        );
    }

    #[test]
    fn the_json_representation_types_what_the_row_does_not() {
        let mut pages = resources("Cadeia de caracteres", "\"String\"");
        pages.push(page(
            "# e\n\n### <a name=\"risklevel-values\"></a>Valores\n\n| Membro | Valor |\n|:--|:--|\n| low | 0 |\n",
        ));
        let v = Vocabulary::learn(&pages.iter().collect::<Vec<_>>());
        let boolean = TypeRef::Primitive(Primitive::Boolean);
        let attachment = TypeRef::Named("attachment".into());
        // Words that are no identifier: the JSON's type, whatever it is.
        assert_eq!(
            v.property_type(
                TypeRef::Named("recurso anexo".into()),
                Some(attachment.clone())
            ),
            attachment
        );
        // An identifier of no documented type: the JSON's primitive, not the type it names
        // (a page may link a type without a definition, or its JSON show an array for one).
        assert_eq!(
            v.property_type(TypeRef::Named("Booleano".into()), Some(boolean.clone())),
            boolean
        );
        let anexo = TypeRef::Named("anexo".into());
        assert_eq!(
            v.property_type(anexo.clone(), Some(attachment.clone())),
            anexo
        );
        // `"string"` is any value the representation does not type, or an enum's.
        let words = TypeRef::Named("Objeto JSON".into());
        let string = TypeRef::Primitive(Primitive::String);
        assert_eq!(v.property_type(words.clone(), Some(string.clone())), words);
        // A documented type stays (the JSON may show one derived from it), and so does a
        // primitive.
        for documented in ["r3", "riskLevel", "microsoft.graph.r1"] {
            let ty = TypeRef::Named(documented.into());
            assert_eq!(v.property_type(ty.clone(), Some(boolean.clone())), ty);
        }
        assert_eq!(v.property_type(string.clone(), Some(boolean)), string);
        // No JSON, no change.
        let words = TypeRef::Named("Booleano".into());
        assert_eq!(v.property_type(words.clone(), None), words);
    }

    #[test]
    fn scopes_take_the_case_the_reference_writes_most() {
        let table = |scope: &str| {
            page(&format!(
                "# x\n\n## Permissions\n\n| Permission type | Permissions |\n|:--|:--|\n\
                 | Delegated (work or school account) | {scope} |\n"
            ))
        };
        let pages = [
            table("Directory.AccessAsUser.All"),
            table("Directory.AccessAsUser.All"),
            table("Directory.accessasuser.all"),
        ];
        let v = Vocabulary::learn(&pages.iter().collect::<Vec<_>>());
        assert_eq!(
            v.scope("directory.accessasuser.ALL".into()),
            "Directory.AccessAsUser.All"
        );
        assert_eq!(v.scope("Mail.Send".into()), "Mail.Send");
    }

    #[test]
    fn a_type_no_enum_shows_is_learned_from_two_pages() {
        let date = TypeRef::Primitive(Primitive::Date);
        let two_pages: Vec<Page> = resources("Data", "\"Date\"").into_iter().take(2).collect();
        let v = Vocabulary::learn(&two_pages.iter().collect::<Vec<_>>());
        assert_eq!(v.type_of("Data", "Data", &[]), date);
        // Two rows of one page may share one mistake (`Integer` where the JSON shows a date).
        let one_page = page(
            "# r\n\n## <a name=\"properties\"></a>Propriedades\n\n| Propriedade | Tipo | Descrição |\n|:--|:--|:--|\n\
             | a | Inteiro | d |\n| b | Inteiro | d |\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \
             \"microsoft.graph.r\"} -->\n```json\n{\"a\": \"Date\", \"b\": \"Date\"}\n```\n",
        );
        let v = Vocabulary::learn(&[one_page].iter().collect::<Vec<_>>());
        assert_eq!(
            v.type_of("Inteiro", "Inteiro", &[]),
            TypeRef::Named("Inteiro".into())
        );
        // `"String"` is what enums show too: two pages are not enough.
        let strings: Vec<Page> = resources("Texto", "\"String\"")
            .into_iter()
            .take(2)
            .collect();
        let v = Vocabulary::learn(&strings.iter().collect::<Vec<_>>());
        assert_eq!(
            v.type_of("Texto", "Texto", &[]),
            TypeRef::Named("Texto".into())
        );
    }
}
