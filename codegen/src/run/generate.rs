//! The front door: "generate this analysis into this crate, or check it", as `cargo xtask
//! codegen`, the workspace's stale test and the benchmark all run it: what the previous run left,
//! the release decision, emission (from the previous run's format cache when there is one), then
//! writing or comparing the files. `Options::cache` names the cache file (`cargo xtask codegen`
//! keeps one per output folder in `target/docgen/`; `--no-cache` passes none); the bytes
//! written do not depend on it.

use super::analyze::Analysis;
use super::floor::{floor, Kept, Release as FloorRelease};
use super::release::{release, Release};
use crate::base::Lang;
use crate::emit::{emit_incremental, EmitError, EmitOptions, FormatCache, FormatStats};
use crate::output::write::{self, Difference, PageChanges, WriteError};
use std::path::{Path, PathBuf};

/// What to generate, where, and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder of the generated crate.
    pub out: PathBuf,
    /// Package name of the generated crate.
    pub crate_name: String,
    /// How generated docs name the docs folder (`docs` in `docs/api/x.md:12`).
    pub source_label: String,
    /// How span-pair pages were read, for the lock.
    pub lang: Lang,
    /// Write the crate, or only compare it with what is on disk.
    pub mode: Mode,
    /// Compare the API with the crate's previous `api.json`, set the version the change calls
    /// for and add it to the changelog; else the version and the changelog stay.
    pub bump: bool,
    /// A major release: what the previous release exposed and the docs no longer document is
    /// left out, not kept deprecated, and what they changed in place applies (`floor`); the
    /// shipped names stay.
    pub major: bool,
    /// The format cache file: read before emitting, written after. `None` formats every item.
    pub cache: Option<PathBuf>,
}

impl Options {
    /// Options for the crate in `out`, with the defaults of `cargo xtask codegen`.
    pub fn new(out: impl Into<PathBuf>) -> Options {
        let defaults = EmitOptions::default();
        Options {
            out: out.into(),
            crate_name: defaults.crate_name,
            source_label: defaults.source_label,
            lang: defaults.lang,
            mode: Mode::Write,
            bump: false,
            major: false,
            cache: None,
        }
    }
}

/// Whether a run writes the crate or compares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the files that changed and remove the generated ones no longer made.
    Write,
    /// Write nothing: return how the folder differs.
    Check,
}

/// What a run did.
#[derive(Debug)]
pub struct Generated {
    /// The pages that differ from the previous run's lock (`None` without a lock).
    pub page_changes: Option<PageChanges>,
    /// Whether the folder held an API surface to compare with (read only with `bump`).
    pub had_surface: bool,
    /// The version and changelog written, and the API change when `bump` compared.
    pub release: Release,
    /// What the previous release exposed and the docs no longer document, kept deprecated
    /// (nothing in a major release; `None`: no previous release); or why its API did not read.
    pub kept: Option<Result<Kept, String>>,
    /// How many items were formatted, and how many came from the cache.
    pub stats: FormatStats,
    /// How many files the crate has.
    pub files: usize,
    /// In `Write` mode, the files written; in `Check` mode, the files that differ.
    pub outcome: Outcome,
    /// A format cache that could not be saved: it costs the next run time, nothing else.
    pub cache_error: Option<WriteError>,
}

/// The files a run wrote, or how the folder differs.
#[derive(Debug)]
pub enum Outcome {
    /// The files written (relative to the folder).
    Written(Vec<String>),
    /// The files that differ; none when the folder is up to date.
    Checked(Vec<Difference>),
}

/// Why a crate could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The crate could not be emitted.
    #[error(transparent)]
    Emit(#[from] EmitError),
    /// The crate could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Generates the crate of `analysis` into `opts.out`, or checks it (see the module docs).
pub fn generate(analysis: &Analysis, opts: &Options) -> Result<Generated, Error> {
    // The previous run's crate and its format cache, read side by side (both are files of
    // megabytes, parsed).
    let (previous, cache) = rayon::join(
        || write::previous(&opts.out, opts.bump),
        || match &opts.cache {
            Some(path) => write::read_cache(path),
            None => FormatCache::new(),
        },
    );
    let page_changes = previous
        .pages
        .as_ref()
        .map(|pages| PageChanges::between(pages, &analysis.inputs));
    let had_surface = previous.surface.is_some();
    let (floored, kept) = on_floor(analysis, &previous, opts.major);
    let api = floored.as_ref().unwrap_or(&analysis.api);
    let release = release(previous, api, opts.bump);
    let emit_opts = EmitOptions {
        crate_name: opts.crate_name.clone(),
        source_label: opts.source_label.clone(),
        version: release.version.clone(),
        changelog: release.changelog.clone(),
        inputs: analysis.inputs.clone(),
        lang: opts.lang,
        audit: false,
    };
    let emitted = emit_incremental(api, &emit_opts, &cache)?;
    drop(cache);
    // The next run's cache is written beside the crate.
    let (cache_error, outcome) = rayon::join(
        || match &opts.cache {
            Some(path) => write::write_cache(path, &emitted).err(),
            None => None,
        },
        || match opts.mode {
            Mode::Write => write::write(&opts.out, &emitted.files).map(Outcome::Written),
            Mode::Check => Ok(Outcome::Checked(write::check(&opts.out, &emitted.files))),
        },
    );
    let outcome = outcome?;
    Ok(Generated {
        page_changes,
        had_surface,
        release,
        kept,
        stats: emitted.stats,
        files: emitted.files.len(),
        outcome,
        cache_error,
    })
}

/// The API a crate is made from: the docs', on the floor of the previous release (`floor`; in
/// a major release, only its names), and what the floor kept; the docs' own API (`None`)
/// without a previous release.
fn on_floor(
    analysis: &Analysis,
    previous: &write::Previous,
    major: bool,
) -> (Option<crate::ir::Api>, Option<Result<Kept, String>>) {
    match previous.shipped.as_ref() {
        Some(Ok(shipped)) => {
            let mut api = analysis.api.clone();
            let from = previous.version.as_deref().unwrap_or("0.1.0");
            let release = if major {
                FloorRelease::Major
            } else {
                FloorRelease::Minor
            };
            if let Some(surface) = &previous.surface {
                surface.keep_names(&mut api);
            }
            let kept = floor(&mut api, shipped, from, release);
            (Some(api), Some(Ok(kept)))
        }
        Some(Err(e)) => (None, Some(Err(e.clone()))),
        None => (None, None),
    }
}

/// The snippet of every documented example (`emit::snippets`) of the crate that
/// `cargo xtask codegen` makes of `analysis` into `out`: on the floor of the release there,
/// so that each snippet names what that crate names.
pub fn snippets(
    analysis: &Analysis,
    out: &Path,
    crate_name: &str,
    source_label: &str,
) -> Result<Vec<crate::emit::ExampleSnippet>, EmitError> {
    let previous = write::previous(out, false);
    let (floored, _) = on_floor(analysis, &previous, false);
    let api = floored.as_ref().unwrap_or(&analysis.api);
    let opts = EmitOptions {
        crate_name: crate_name.to_string(),
        source_label: source_label.to_string(),
        ..Default::default()
    };
    crate::emit::snippets(api, &opts)
}

/// The format cache of an output folder under `target`: one per folder, by its absolute path.
pub fn cache_path(target: &Path, out: &Path) -> PathBuf {
    let abs = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    target.join("docgen").join(format!(
        "format-{:016x}.cache",
        crate::base::fnv1a(abs.to_string_lossy().as_bytes())
    ))
}
