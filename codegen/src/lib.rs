//! Turns a folder of annotated API reference pages into an IR, checks it, and emits a Rust client
//! crate with conformance tests. The flow runs one way: source -> extract -> model -> check -> emit
//! -> write.

pub mod base;
pub mod check;
pub mod conformance;
pub mod derive;
pub mod emit;
pub mod extract;
pub mod http;
pub mod identity;
pub mod ir;
pub mod lenient_json;
pub mod model;
pub mod render;
pub mod report;
pub mod source;
pub mod suppress;
pub mod write;

use base::{Code, Diagnostic, Location};
use ir::{Api, Resource};
use rayon::prelude::*;
use source::{Lang, SourceFile};
use std::path::{Path, PathBuf};

/// The IR of a docs folder with every diagnostic found while reading and checking it.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub api: Api,
    /// Pages that could not be read at all (they are not in `api.pages`).
    pub pages_failed: usize,
    pub stats: report::Stats,
    /// Sorted by location, then code.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == base::Severity::Error)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read docs folder {path}: {source}")]
    DocsFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Emit(#[from] emit::EmitError),
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

/// Every `.md` file below `root`, as paths relative to it with `/` separators, sorted.
pub fn list_pages(root: &Path) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|source| Error::DocsFolder {
            path: dir.clone(),
            source,
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                if let Ok(rel) = path.strip_prefix(root) {
                    let rel: Vec<String> = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    out.push(rel.join("/"));
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads, extracts, models and checks every page below `root`. One bad page yields diagnostics;
/// the others are still read. The result does not depend on the number of threads.
pub fn analyze(root: &Path, lang: Lang) -> Result<Analysis, Error> {
    analyze_with(root, lang, &NoProgress)
}

/// Told how far a run is (a progress bar on a terminal); called from several threads.
pub trait Progress: Sync {
    fn start(&self, _pages: usize) {}
    fn page_done(&self) {}
}

pub struct NoProgress;
impl Progress for NoProgress {}

/// `analyze`, reporting each page as it is done.
pub fn analyze_with(root: &Path, lang: Lang, progress: &dyn Progress) -> Result<Analysis, Error> {
    let pages = list_pages(root)?;
    progress.start(pages.len());
    let models: Vec<model::PageModel> = pages
        .par_iter()
        .inspect(|_| progress.page_done())
        .map(|rel| match std::fs::read(root.join(rel)) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => model::model_page(&SourceFile::new(rel.clone(), text, lang)),
                Err(_) => unreadable(rel, "the page is not valid UTF-8"),
            },
            Err(e) => unreadable(rel, &format!("cannot read the page: {e}")),
        })
        .collect();
    Ok(assemble(models))
}

/// Models pages held in memory (tests, tools that have the text already).
pub fn analyze_sources(sources: &[SourceFile]) -> Analysis {
    assemble(sources.iter().map(model::model_page).collect())
}

fn unreadable(rel: &str, why: &str) -> model::PageModel {
    model::PageModel {
        diagnostics: vec![Diagnostic::new(
            Code::UnreadablePage,
            Location {
                file: rel.to_string(),
                line: 1,
                col: 1,
            },
            why,
        )],
        ..Default::default()
    }
}

fn assemble(models: Vec<model::PageModel>) -> Analysis {
    let mut api = Api::default();
    let mut diagnostics = Vec::new();
    let mut stats = report::Stats::default();
    let mut pages_failed = 0;
    for m in models {
        if m.info.is_none() {
            pages_failed += 1;
        }
        api.pages.extend(m.info);
        api.operations.extend(m.operation);
        api.resources.extend(m.resource);
        api.enums.extend(m.enums);
        stats.add(m.stats);
        diagnostics.extend(m.diagnostics);
    }
    api.enums
        .sort_by(|a, b| (&a.name, &a.page).cmp(&(&b.name, &b.page)));
    api.pages.sort_by(|a, b| a.path.cmp(&b.path));
    api.operations
        .sort_by(|a, b| (&a.id, &a.page).cmp(&(&b.id, &b.page)));
    api.resources
        .sort_by(|a, b| (&a.name, &a.page).cmp(&(&b.name, &b.page)));
    let home_links = identity::merge_resources(&mut api, &mut diagnostics);
    api.resources.sort_by(|a, b| a.name.cmp(&b.name));
    dedup_operations(&mut api, &mut diagnostics, &home_links);
    identity::resolve_type_references(&mut api);
    derive::derive(&mut api);
    diagnostics.extend(check::check(&api));
    diagnostics.sort();
    diagnostics.dedup();
    Analysis {
        api,
        pages_failed,
        stats,
        diagnostics,
    }
}

/// Two pages with the same title: the one a type's home page lists in its Methods table keeps
/// the name (`List users` of `resources/user.md`, not the Intune page's), then the first by
/// path; the others get their file name appended.
fn dedup_operations(
    api: &mut Api,
    diagnostics: &mut Vec<Diagnostic>,
    home_links: &std::collections::BTreeSet<String>,
) {
    api.operations.sort_by(|a, b| {
        let key = |o: &ir::Operation| (o.id.clone(), !home_links.contains(&o.page), o.page.clone());
        key(a).cmp(&key(b))
    });
    let mut seen: std::collections::BTreeMap<String, Location> = Default::default();
    for op in &mut api.operations {
        if let Some(first) = seen.get(&op.id) {
            let stem = op.page.rsplit('/').next().unwrap_or(&op.page);
            let renamed = model::operation_id(
                &format!("{} {}", op.id, stem.trim_end_matches(".md")),
                &op.page,
            );
            diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateOperation,
                    op.location.clone(),
                    format!(
                        "operation `{}` is documented twice; this one is generated as `{renamed}`",
                        op.id
                    ),
                )
                .note(first.clone(), "first documented here"),
            );
            op.id = renamed;
        }
        seen.insert(op.id.clone(), op.location.clone());
    }
    api.operations.sort_by(|a, b| a.id.cmp(&b.id));
}

/// Resources by documented name, ignoring case (`emailAddress`, `emailaddress.md`). Built once
/// per run: a linear search per type reference was a tenth of the report run on the corpus.
pub struct ResourceIndex<'a> {
    resources: std::collections::BTreeMap<String, &'a Resource>,
    enums: std::collections::BTreeSet<String>,
    /// Abstract bases whose derived types the docs list (lower case) -> the concrete ones among
    /// their descendants, by name.
    polymorphic: std::collections::BTreeMap<String, Vec<&'a Resource>>,
}

/// A base with more concrete descendants than this is the universal root (`entity`, the base of
/// 170 types in the English corpus; the next largest, `outlookItem`, has 7): an enum of every
/// entity is no type a user can match on, so its values stay the base struct, which keeps every
/// member it does not list.
const MAX_DERIVED_ARMS: usize = 32;

impl<'a> ResourceIndex<'a> {
    pub fn new(api: &'a Api) -> Self {
        let mut resources = std::collections::BTreeMap::new();
        for r in &api.resources {
            resources.entry(r.name.to_lowercase()).or_insert(r);
        }
        let enums = api.enums.iter().map(|e| e.name.to_lowercase()).collect();
        let mut index = ResourceIndex {
            resources,
            enums,
            polymorphic: Default::default(),
        };
        let mut children: std::collections::BTreeMap<String, Vec<&'a Resource>> =
            Default::default();
        for r in index.resources.values() {
            if let Some(base) = r.base_type.as_deref().map(model::resource_name) {
                children.entry(base.to_lowercase()).or_default().push(r);
            }
        }

        let mut polymorphic = std::collections::BTreeMap::new();
        for (key, r) in &index.resources {
            if !r.is_abstract {
                continue;
            }
            let mut concrete = Vec::new();
            let mut seen = std::collections::BTreeSet::from([key.clone()]);
            let mut stack = vec![key.clone()];
            while let Some(name) = stack.pop() {
                for child in children.get(&name).into_iter().flatten() {
                    let k = child.name.to_lowercase();
                    if seen.insert(k.clone()) {
                        if !child.is_abstract {
                            concrete.push(*child);
                        }
                        stack.push(k);
                    }
                }
            }
            if !concrete.is_empty() && concrete.len() <= MAX_DERIVED_ARMS {
                concrete.sort_by_key(|c| c.name.to_lowercase());
                polymorphic.insert(key.clone(), concrete);
            }
        }
        index.polymorphic = polymorphic;
        index
    }

    /// Whether the operation's request body is typed from its request body table: it takes a
    /// body, the table lists its members, and no documented resource is the body.
    pub fn request_body_from_table(&self, op: &ir::Operation) -> bool {
        op.request_body.as_ref().is_some_and(|b| {
            !b.is_stream() && b.resource.as_deref().and_then(|r| self.get(r)).is_none()
        }) && !op.body_properties.is_empty()
    }

    /// The concrete types a value of `name` may be, by `@odata.type`, when `name` is an abstract
    /// base whose derived types the docs list; `None` for every other type.
    pub fn derived_types(&self, name: &str) -> Option<&[&'a Resource]> {
        self.polymorphic
            .get(&name.to_lowercase())
            .map(Vec::as_slice)
    }

    pub fn get(&self, name: &str) -> Option<&'a Resource> {
        self.resources.get(&name.to_lowercase()).copied()
    }

    /// Whether an enum table documents `name` (and no resource page does).
    pub fn is_enum(&self, name: &str) -> bool {
        let key = name.to_lowercase();
        !self.resources.contains_key(&key) && self.enums.contains(&key)
    }

    /// `r` and its documented base types, nearest first (stops at a cycle or an unknown base).
    pub fn chain(&self, r: &'a Resource) -> Vec<&'a Resource> {
        let mut chain = vec![r];
        while let Some(base) = chain
            .last()
            .and_then(|c| c.base_type.as_deref())
            .map(model::resource_name)
            .and_then(|b| self.get(&b))
        {
            if chain
                .iter()
                .any(|c| c.name.eq_ignore_ascii_case(&base.name))
            {
                break;
            }
            chain.push(base);
        }
        chain
    }

    /// The fields of `r`'s model: its properties and base types' (as `all_properties`), and the
    /// relationships a documented request body carries.
    pub fn fields(&self, r: &'a Resource) -> Vec<&'a ir::Property> {
        let mut out = self.all_properties(r, false);
        for res in self.chain(r).iter().rev() {
            for p in res
                .relationships
                .iter()
                .filter(|p| res.sent_relationships.contains(&p.name))
            {
                if !out.iter().any(|q| q.name == p.name) {
                    out.push(p);
                }
            }
        }
        out
    }

    /// The properties of `r` after those of its base types (a redefinition replaces the base's),
    /// with its relationships too when `relationships` is set.
    pub fn all_properties(&self, r: &'a Resource, relationships: bool) -> Vec<&'a ir::Property> {
        let mut out: Vec<&ir::Property> = Vec::new();
        for res in self.chain(r).iter().rev() {
            let own = res.properties.iter();
            let nav = relationships
                .then_some(res.relationships.iter())
                .into_iter()
                .flatten();
            for p in own.chain(nav) {
                if let Some(i) = out.iter().position(|q| q.name == p.name) {
                    out[i] = p;
                } else {
                    out.push(p);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::source::{Lang, SourceFile};

    fn resource(name: &str, base: Option<&str>, is_abstract: bool) -> SourceFile {
        let base = base
            .map(|b| format!(", \"baseType\": \"microsoft.graph.{b}\""))
            .unwrap_or_default();
        SourceFile::new(
            format!("resources/{}.md", name.to_lowercase()),
            format!(
                "# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"abstract\": {is_abstract}, \"@odata.type\": \"microsoft.graph.{name}\"{base}}} -->\n```json\n{{}}\n```\n"
            ),
            Lang::English,
        )
    }

    #[test]
    fn abstract_bases_with_derived_types_are_polymorphic() {
        let mut sources = vec![
            resource("entity", None, true),
            resource("attachment", Some("entity"), true),
            resource("fileAttachment", Some("attachment"), false),
            resource("fancyAttachment", Some("attachment"), true),
            resource("shinyAttachment", Some("fancyAttachment"), false),
            resource("message", Some("entity"), false),
            resource("event", Some("entity"), false),
            resource("recipient", None, false),
            resource("attendee", Some("recipient"), false),
        ];
        sources.extend(
            (0..super::MAX_DERIVED_ARMS)
                .map(|i| resource(&format!("thing{i}"), Some("entity"), false)),
        );
        let analysis = crate::analyze_sources(&sources);
        let index = crate::ResourceIndex::new(&analysis.api);
        let names = |n: &str| -> Option<Vec<String>> {
            index
                .derived_types(n)
                .map(|d| d.iter().map(|r| r.name.clone()).collect())
        };
        // Concrete descendants, through abstract ones, sorted.
        assert_eq!(
            names("attachment"),
            Some(vec!["fileAttachment".into(), "shinyAttachment".into()])
        );
        assert_eq!(
            names("fancyAttachment"),
            Some(vec!["shinyAttachment".into()])
        );
        // Not abstract: a plain struct that keeps what it does not list.
        assert_eq!(names("recipient"), None);
        // The base of more types than an enum should hold is the universal root.
        assert_eq!(names("entity"), None);
        assert_eq!(names("fileAttachment"), None);
    }
}
