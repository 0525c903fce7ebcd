//! A translated reference against the English pages it was translated from: page by page, the
//! language-neutral IR (what a client is made of) must be the same; only prose may differ. The
//! neutral view drops titles, descriptions, Methods-row names and locations' lines; a
//! difference is `translation-differs` (`cargo xtask translation`).
//! `tests/tests/corpus_translation.rs` runs it on `graph-v1.0-ja-JP-2019` against
//! `graph-v1.0-ja-JP-2019-source`, and holds the untyped-field and unscoped-operation shares of
//! the translated corpora against the English one's.

use crate::base::{Code, Diagnostic, Location};
use crate::ir::{Api, EnumType, Operation, Resource};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// What one page documents, prose and places aside: its operation, resources and enums with
/// titles, descriptions and the names of Methods-table rows blanked, and every location reduced
/// to its page (a translation moves lines).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeutralPage {
    /// The page kind, namespace and the front matter keys that are not prose (`ms.prod`,
    /// `doc_type`).
    pub page: Value,
    /// The operations documented on the page.
    pub operations: Vec<Value>,
    /// The resources documented on the page.
    pub resources: Vec<Value>,
    /// The enums documented on the page.
    pub enums: Vec<Value>,
}

/// Front matter keys that say what a page is, in every language.
const NEUTRAL_FRONT_MATTER: &[&str] = &["ms.prod", "doc_type"];

/// Every page's neutral IR, by path.
pub fn neutral_pages(api: &Api) -> BTreeMap<String, NeutralPage> {
    let mut out: BTreeMap<String, NeutralPage> = api
        .pages
        .iter()
        .map(|p| {
            let front: BTreeMap<&str, &str> = p
                .front_matter
                .iter()
                .filter(|(k, _)| NEUTRAL_FRONT_MATTER.contains(&k.as_str()))
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let page = serde_json::json!({
                "kind": p.kind,
                "namespace": p.namespace,
                "front_matter": front,
                "suppressions": p.suppressions.len(),
            });
            (p.path.clone(), NeutralPage { page, ..empty() })
        })
        .collect();
    for (page, items) in items_by_page(api) {
        let entry = out.entry(page.to_string()).or_insert_with(empty);
        entry.operations = items.operations.into_iter().map(placeless).collect();
        entry.resources = items.resources.into_iter().map(placeless).collect();
        entry.enums = items.enums.into_iter().map(placeless).collect();
    }
    out
}

fn empty() -> NeutralPage {
    NeutralPage {
        page: Value::Null,
        operations: Vec::new(),
        resources: Vec::new(),
        enums: Vec::new(),
    }
}

fn neutral_operation(op: &Operation) -> Value {
    let mut op = op.clone();
    op.title.clear();
    op.description = None;
    for p in op
        .query_parameters
        .iter_mut()
        .chain(&mut op.headers)
        .chain(&mut op.function_parameters)
        .chain(&mut op.body_properties)
    {
        p.description.clear();
    }
    for problem in &mut op.scopes.table_problems {
        problem.value.clear();
    }
    for e in &mut op.examples {
        for r in e.response.iter_mut().chain(&mut e.more_responses) {
            r.reason.clear();
        }
    }
    serde_json::to_value(&op).unwrap_or(Value::Null)
}

fn neutral_resource(r: &Resource) -> Value {
    let mut r = r.clone();
    r.title.clear();
    r.description = None;
    for p in r.properties.iter_mut().chain(&mut r.relationships) {
        p.description.clear();
    }
    for m in &mut r.methods {
        m.name.clear();
        m.return_type.clear();
        m.description.clear();
    }
    serde_json::to_value(&r).unwrap_or(Value::Null)
}

fn neutral_enum(e: &EnumType) -> Value {
    let mut e = e.clone();
    for m in &mut e.members {
        m.description.clear();
    }
    serde_json::to_value(&e).unwrap_or(Value::Null)
}

/// Each page's items as the neutral view has them, still with their locations (the page info
/// left out).
fn items_by_page(api: &Api) -> BTreeMap<&str, NeutralPage> {
    let mut out: BTreeMap<&str, NeutralPage> = BTreeMap::new();
    for op in &api.operations {
        out.entry(&op.page)
            .or_insert_with(empty)
            .operations
            .push(neutral_operation(op));
    }
    for r in &api.resources {
        out.entry(&r.page)
            .or_insert_with(empty)
            .resources
            .push(neutral_resource(r));
    }
    for e in &api.enums {
        out.entry(&e.page)
            .or_insert_with(empty)
            .enums
            .push(neutral_enum(e));
    }
    out
}

/// Each page's items with their locations, as JSON: where a difference is.
fn located_pages(api: &Api) -> BTreeMap<&str, Value> {
    items_by_page(api)
        .into_iter()
        .map(|(page, items)| (page, serde_json::to_value(items).unwrap_or(Value::Null)))
        .collect()
}

/// The location of the innermost located object on a JSON path (`/resources/0/properties/3`).
fn nearest_location(mut v: &Value, path: &str) -> Option<Location> {
    let mut found = None;
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if let Some(l) = v.get("location").and_then(as_location) {
            found = Some(l);
        }
        v = match v {
            Value::Array(items) => match seg.parse::<usize>().ok().and_then(|i| items.get(i)) {
                Some(item) => item,
                None => break,
            },
            other => match other.get(seg) {
                Some(x) => x,
                None => break,
            },
        };
    }
    v.get("location").and_then(as_location).or(found)
}

fn as_location(v: &Value) -> Option<Location> {
    Some(Location {
        file: v.get("file")?.as_str()?.to_string(),
        line: u32::try_from(v.get("line")?.as_u64()?).ok()?,
        col: u32::try_from(v.get("col")?.as_u64()?).ok()?,
    })
}

/// Every serialized `Location` (`{file, line, col}`) becomes its file.
fn placeless(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let is_location = map.len() == 3
                && map.contains_key("file")
                && map.contains_key("line")
                && map.contains_key("col");
            if is_location {
                return map.get("file").cloned().unwrap_or(Value::Null);
            }
            Value::Object(map.into_iter().map(|(k, v)| (k, placeless(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(placeless).collect()),
        other => other,
    }
}

/// How a translated reference compares with its English source, page by page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Comparison {
    /// Pages in both.
    pub compared: usize,
    /// Pages in both whose neutral IR is the same.
    pub identical: usize,
    /// The pages that differ, each with the first places where (JSON paths, translated value,
    /// English value).
    pub differences: BTreeMap<String, Vec<Difference>>,
    /// Pages only in the translated reference.
    pub only_translated: Vec<String>,
    /// Pages only in the English one.
    pub only_english: Vec<String>,
}

/// One place where a page's neutral IR differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// JSON path in the page's neutral IR (`operations/0/scopes/application`).
    pub path: String,
    /// Where the translated page writes the item that differs (the nearest located one: a
    /// property's row, a template, the operation's title).
    pub location: Option<Location>,
    /// The translated page's value there.
    pub translated: Value,
    /// The English page's value there.
    pub english: Value,
}

/// How many differences of a page are kept.
const DIFFERENCES_KEPT: usize = 8;

/// Compares the neutral IR of each page that both references have.
pub fn compare(translated: &Api, english: &Api) -> Comparison {
    let located = located_pages(translated);
    let a = neutral_pages(translated);
    let b = neutral_pages(english);
    let mut out = Comparison::default();
    for (path, ta) in &a {
        let Some(tb) = b.get(path) else {
            out.only_translated.push(path.clone());
            continue;
        };
        out.compared += 1;
        if ta == tb {
            out.identical += 1;
            continue;
        }
        let mut diffs = Vec::new();
        let va = serde_json::to_value(ta).unwrap_or(Value::Null);
        let vb = serde_json::to_value(tb).unwrap_or(Value::Null);
        differences(&va, &vb, String::new(), &mut diffs);
        for d in &mut diffs {
            d.location = located
                .get(path.as_str())
                .and_then(|v| nearest_location(v, &d.path));
        }
        out.differences.insert(path.clone(), diffs);
    }
    out.only_english = b.keys().filter(|p| !a.contains_key(*p)).cloned().collect();
    out
}

fn differences(a: &Value, b: &Value, path: String, out: &mut Vec<Difference>) {
    if out.len() >= DIFFERENCES_KEPT || a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let (va, vb) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                differences(va, vb, format!("{path}/{k}"), out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                differences(va, vb, format!("{path}/{i}"), out);
            }
        }
        _ => out.push(Difference {
            path,
            location: None,
            translated: a.clone(),
            english: b.clone(),
        }),
    }
}

/// A diagnostic per translated page whose API differs from its English source's, at the first
/// place that differs, naming the others.
pub fn translation_diagnostics(comparison: &Comparison) -> Vec<Diagnostic> {
    let says = |d: &Difference| {
        format!(
            "`{}` is {} here, {} in English",
            d.path.trim_start_matches('/'),
            d.translated,
            d.english
        )
    };
    comparison
        .differences
        .iter()
        .filter_map(|(page, diffs)| {
            let first = diffs.first()?;
            let at = |d: &Difference| {
                d.location.clone().unwrap_or_else(|| Location {
                    file: page.clone(),
                    line: 1,
                    col: 1,
                })
            };
            let mut diag = Diagnostic::new(
                Code::TranslationDiffers,
                at(first),
                format!(
                    "the translation documents another API than its English page: {}",
                    says(first)
                ),
            );
            for d in diffs.iter().skip(1) {
                diag = diag.note(at(d), says(d));
            }
            Some(diag.help("correct the translation: names, types, values and scopes are the same in every language"))
        })
        .collect()
}

impl Comparison {
    /// Identical pages per compared page, in percent (100 when none is compared).
    pub fn identical_percent(&self) -> f64 {
        if self.compared == 0 {
            100.0
        } else {
            self.identical as f64 * 100.0 / self.compared as f64
        }
    }

    /// The counts, then where pages differ: each IR path (indices folded to `*`) with how
    /// many pages differ there and one of them (`translation_diagnostics` locates each page's).
    pub fn human(&self) -> String {
        let mut out = format!(
            "pages compared     {}\nidentical          {} ({:.2}%)\nonly translated    {}\nonly English       {}\n",
            self.compared,
            self.identical,
            self.identical_percent(),
            self.only_translated.len(),
            self.only_english.len()
        );
        let mut kinds: BTreeMap<String, (usize, &str)> = BTreeMap::new();
        for (page, diffs) in &self.differences {
            let mut seen = std::collections::BTreeSet::new();
            for d in diffs {
                let folded: Vec<&str> = d
                    .path
                    .split('/')
                    .map(|s| if s.parse::<usize>().is_ok() { "*" } else { s })
                    .collect();
                let folded = folded.join("/");
                if seen.insert(folded.clone()) {
                    let e = kinds.entry(folded).or_insert((0, page));
                    e.0 += 1;
                }
            }
        }
        let mut kinds: Vec<_> = kinds.into_iter().collect();
        kinds.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
        out.push_str("differences (pages, IR path, e.g.)\n");
        for (path, (n, page)) in kinds {
            out.push_str(&format!("{n:>6}  {path}  {page}\n"));
        }
        out
    }
}
