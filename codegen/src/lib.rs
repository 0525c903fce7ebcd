//! Turns a folder of annotated API reference pages into an IR, checks it, and emits a Rust client
//! crate with conformance tests. The flow runs one way: source -> extract -> model -> check -> emit
//! -> write.

pub mod check;
pub mod conformance;
pub mod derive;
pub mod diag;
pub mod emit;
pub mod extract;
pub mod http;
pub mod ir;
pub mod lenient_json;
pub mod model;
pub mod render;
pub mod report;
pub mod source;
pub mod suppress;
pub mod write;

use diag::{Code, Diagnostic, Location};
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
            .any(|d| d.severity == diag::Severity::Error)
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
    dedup_operations(&mut api, &mut diagnostics);
    derive::derive(&mut api);
    api.resources
        .sort_by(|a, b| (&a.name, &a.page).cmp(&(&b.name, &b.page)));
    api.resources
        .dedup_by(|later, first| later.name == first.name);
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

/// Two pages with the same title: the later page (by path) gets its file name appended.
fn dedup_operations(api: &mut Api, diagnostics: &mut Vec<Diagnostic>) {
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
}

impl<'a> ResourceIndex<'a> {
    pub fn new(api: &'a Api) -> Self {
        let mut resources = std::collections::BTreeMap::new();
        for r in &api.resources {
            resources.entry(r.name.to_lowercase()).or_insert(r);
        }
        let enums = api.enums.iter().map(|e| e.name.to_lowercase()).collect();
        ResourceIndex { resources, enums }
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
