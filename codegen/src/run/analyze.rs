//! The pipeline, `analyze` (the only reading of the docs): every page read, hashed (FNV-1a, for
//! the lock) and extracted in parallel with rayon (`read::source`, `read::extract`), the
//! reference's `Vocabulary` learned from all of them, then every page modelled in parallel with
//! it (`page`), merged in path order; then `assemble`: the cross-page passes (`resolve::identity`,
//! operations of the same title told apart by their file name (`duplicate-operation`),
//! `resolve::derive`) and the checks.
//!
//! Span pairs read in the translated language (`--lang localized`) give the API of the English
//! spans and the prose of the translated ones (`graft_prose`: titles and descriptions by page,
//! name and order): names, types, scopes and statuses do not depend on the language, and a
//! translated span may lag behind or misalign a row.

use crate::base::{Code, Diagnostic, Location};
use crate::ir::Api;
use crate::page::Vocabulary;
use crate::read::extract::Page;
use crate::read::source::{Lang, SourceFile};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The IR of a docs folder with every diagnostic found while reading and checking it.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The IR.
    pub api: Api,
    /// Pages that could not be read at all (they are not in `api.pages`).
    pub pages_failed: usize,
    /// What was found on the way: blocks, examples, pairs.
    pub stats: crate::ir::stats::Stats,
    /// Sorted by location, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// Every page read (failed ones too): path -> FNV-1a of its bytes, in hex. The lock of the
    /// generated crate records them.
    pub inputs: std::collections::BTreeMap<String, String>,
}

impl Analysis {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::base::Severity::Error)
    }
}

/// Why a docs folder could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The folder (or one below it) cannot be listed.
    #[error("cannot read docs folder {path}: {source}")]
    DocsFolder {
        /// The folder.
        path: PathBuf,
        /// The error of the file system.
        source: std::io::Error,
    },
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
    /// The run reads this many pages.
    fn start(&self, _pages: usize) {}
    /// One page is read and modelled.
    fn page_done(&self) {}
}

/// No progress is shown.
pub struct NoProgress;
impl Progress for NoProgress {}

/// `analyze`, reporting each page as it is done.
pub fn analyze_with(root: &Path, lang: Lang, progress: &dyn Progress) -> Result<Analysis, Error> {
    let english = analyze_in(root, Lang::English, progress)?;
    if lang == Lang::English || english.api.pages.iter().all(|p| p.span_pairs == 0) {
        return Ok(english);
    }
    // Span pairs in another language: the API is what the English spans say (names, types,
    // scopes, statuses do not depend on the language, and a translation may lag behind or
    // misalign a row); the prose is the chosen language's.
    let localized = analyze_in(root, lang, &NoProgress)?;
    let mut out = english;
    graft_prose(&mut out.api, &localized.api);
    Ok(out)
}

/// Titles and descriptions of `from` on the same items of `api`: pages by path, operations by
/// page and order, resources by page, enums by page and name, their members by name.
fn graft_prose(api: &mut Api, from: &Api) {
    use std::collections::BTreeMap;
    let pages: BTreeMap<&str, &crate::ir::PageInfo> =
        from.pages.iter().map(|p| (p.path.as_str(), p)).collect();
    for p in &mut api.pages {
        if let Some(l) = pages.get(p.path.as_str()) {
            p.title.clone_from(&l.title);
            p.description.clone_from(&l.description);
        }
    }
    let mut ops: BTreeMap<&str, Vec<&crate::ir::Operation>> = BTreeMap::new();
    for op in &from.operations {
        ops.entry(op.page.as_str()).or_default().push(op);
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for op in &mut api.operations {
        let n = seen.entry(op.page.clone()).or_default();
        let Some(l) = ops.get(op.page.as_str()).and_then(|v| v.get(*n)) else {
            continue;
        };
        *n += 1;
        op.title.clone_from(&l.title);
        op.description.clone_from(&l.description);
        for (mine, theirs) in [
            (&mut op.query_parameters, &l.query_parameters),
            (&mut op.headers, &l.headers),
            (&mut op.function_parameters, &l.function_parameters),
            (&mut op.body_properties, &l.body_properties),
        ] {
            for p in mine.iter_mut() {
                if let Some(q) = theirs.iter().find(|q| q.name == p.name) {
                    p.description.clone_from(&q.description);
                }
            }
        }
    }
    let resources: BTreeMap<&str, &crate::ir::Resource> = from
        .resources
        .iter()
        .map(|r| (r.page.as_str(), r))
        .collect();
    for r in &mut api.resources {
        let Some(l) = resources.get(r.page.as_str()) else {
            continue;
        };
        r.title.clone_from(&l.title);
        r.description.clone_from(&l.description);
        for p in r.properties.iter_mut().chain(r.relationships.iter_mut()) {
            if let Some(q) = l
                .properties
                .iter()
                .chain(&l.relationships)
                .find(|q| q.name == p.name)
            {
                p.description.clone_from(&q.description);
            }
        }
    }
    let enums: BTreeMap<(&str, &str), &crate::ir::EnumType> = from
        .enums
        .iter()
        .map(|e| ((e.page.as_str(), e.name.as_str()), e))
        .collect();
    for e in &mut api.enums {
        let Some(l) = enums.get(&(e.page.as_str(), e.name.as_str())) else {
            continue;
        };
        for m in &mut e.members {
            if let Some(q) = l.members.iter().find(|q| q.name == m.name) {
                m.description.clone_from(&q.description);
            }
        }
    }
}

/// A page read and extracted, or the model of a page that could not be read.
type ReadPage = Result<(SourceFile, Page), Box<crate::page::PageModel>>;

fn analyze_in(root: &Path, lang: Lang, progress: &dyn Progress) -> Result<Analysis, Error> {
    let pages = list_pages(root)?;
    progress.start(pages.len());
    // Read and extract every page, learn the reference's words from all of them, then model.
    let read: Vec<(ReadPage, Option<u64>)> = pages
        .par_iter()
        .map(|rel| match std::fs::read(root.join(rel)) {
            Ok(bytes) => {
                let hash = crate::base::fnv1a(&bytes);
                let page = match String::from_utf8(bytes) {
                    Ok(text) => {
                        let src = SourceFile::new(rel.clone(), text, lang);
                        let page = crate::read::extract::extract(&src);
                        Ok((src, page))
                    }
                    Err(_) => Err(Box::new(unreadable(rel, "the page is not valid UTF-8"))),
                };
                (page, Some(hash))
            }
            Err(e) => (
                Err(Box::new(unreadable(
                    rel,
                    &format!("cannot read the page: {e}"),
                ))),
                None,
            ),
        })
        .collect();
    let inputs = pages
        .iter()
        .zip(&read)
        .filter_map(|(rel, (_, hash))| hash.map(|h| (rel.clone(), format!("{h:016x}"))))
        .collect();
    let extracted: Vec<&Page> = read
        .iter()
        .filter_map(|(r, _)| r.as_ref().ok().map(|(_, p)| p))
        .collect();
    let vocab = Vocabulary::learn(&extracted);
    let models: Vec<crate::page::PageModel> = read
        .into_par_iter()
        .inspect(|_| progress.page_done())
        .map(|(r, _)| match r {
            Ok((src, page)) => crate::page::model_page(&src, &page, &vocab),
            Err(unreadable) => *unreadable,
        })
        .collect();
    let mut analysis = assemble(models);
    analysis.inputs = inputs;
    Ok(analysis)
}

/// Models pages held in memory (tests, tools that have the text already).
pub fn analyze_sources(sources: &[SourceFile]) -> Analysis {
    let pages: Vec<Page> = sources.iter().map(crate::read::extract::extract).collect();
    let vocab = Vocabulary::learn(&pages.iter().collect::<Vec<_>>());
    let mut analysis = assemble(
        sources
            .iter()
            .zip(&pages)
            .map(|(src, page)| crate::page::model_page(src, page, &vocab))
            .collect(),
    );
    analysis.inputs = sources
        .iter()
        .map(|s| {
            let hash = crate::base::fnv1a(s.text.as_bytes());
            (s.path.clone(), format!("{hash:016x}"))
        })
        .collect();
    analysis
}

fn unreadable(rel: &str, why: &str) -> crate::page::PageModel {
    crate::page::PageModel {
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

fn assemble(models: Vec<crate::page::PageModel>) -> Analysis {
    let mut api = Api::default();
    let mut diagnostics = Vec::new();
    let mut stats = crate::ir::stats::Stats::default();
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
    crate::resolve::identity::linked_bodies(&mut api);
    let home_links = crate::resolve::identity::merge_resources(&mut api, &mut diagnostics);
    api.resources.sort_by(|a, b| a.name.cmp(&b.name));
    crate::resolve::identity::operation_ids(&mut api);
    dedup_operations(&mut api, &mut diagnostics, &home_links);
    crate::resolve::identity::resolve_type_references(&mut api);
    crate::resolve::derive(&mut api);
    diagnostics.extend(crate::check::check(&api));
    diagnostics.par_sort();
    diagnostics.dedup();
    Analysis {
        api,
        pages_failed,
        stats,
        diagnostics,
        inputs: Default::default(),
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
        (&a.id, !home_links.contains(&a.page), &a.page).cmp(&(
            &b.id,
            !home_links.contains(&b.page),
            &b.page,
        ))
    });
    let mut seen: std::collections::BTreeMap<String, Location> = Default::default();
    for op in &mut api.operations {
        if let Some(first) = seen.get(&op.id) {
            let renamed = crate::ir::names::disambiguated_id(&op.id, &op.page);
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
