//! Write layer: puts generated files on disk (only the changed ones), or compares them with what
//! is there and returns unified diffs (`--check`). It removes generated files no longer produced
//! (marked `@generated`, the runtime's copies by their "copied verbatim" line, anything in the
//! single-crate layout's `src/runtime/`) and the folders that leaves empty (an area's crate that
//! is gone); a hand-written file stays. `previous` reads what a previous run left: version,
//! changelog, `api.json`, the lock's page hashes, and the `PageChanges` between those and this
//! run's. It reads and writes the format cache (a missing or unreadable one is empty; written
//! beside and renamed into place).

use crate::emit::{FormatCache, GeneratedFile};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why the generated files could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file or folder could not be written or removed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The error of the file system.
        source: std::io::Error,
    },
}

/// Writes every file whose contents changed, and removes files of an earlier run that the
/// generator no longer produces (only files it marks as its own: the generated header, or the
/// runtime's "copied verbatim" line), and the folders that leaves empty. Returns the paths
/// written or removed.
pub fn write(out: &Path, files: &[GeneratedFile]) -> Result<Vec<String>, WriteError> {
    let mut changed = Vec::new();
    for f in files {
        let path = out.join(&f.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(f.contents.as_str()) {
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| WriteError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, &f.contents).map_err(|source| WriteError::Io {
            path: path.clone(),
            source,
        })?;
        changed.push(f.path.clone());
    }
    for stale in stale_files(out, files) {
        let path = out.join(&stale);
        std::fs::remove_file(&path).map_err(|source| WriteError::Io { path, source })?;
        // A crate of an area that is gone leaves its folders: remove them while empty.
        let mut dir = Path::new(&stale).parent();
        while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
            if std::fs::remove_dir(out.join(d)).is_err() {
                break;
            }
            dir = d.parent();
        }
        changed.push(stale);
    }
    Ok(changed)
}

/// What a previous run left in the output folder that the next one carries on: the crate's
/// version, its changelog, and the API surface it exposed (for `--bump`).
#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// `package.version` of its `Cargo.toml`.
    pub version: Option<String>,
    /// Its `CHANGELOG.md`.
    pub changelog: Option<String>,
    /// The API it was generated from (`api.ir.json`), or why that does not read as one.
    pub shipped: Option<Result<crate::ir::Api, String>>,
    /// Its `api.json`, when it reads as one.
    pub surface: Option<crate::plan::surface::Surface>,
    /// The hash of every page it read, from its lock's `[pages]`.
    pub pages: Option<BTreeMap<String, String>>,
}

/// The pages whose hash differs from the lock's: what a run has to bring into the crate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageChanges {
    /// Pages read by both runs, with other bytes now.
    pub changed: Vec<String>,
    /// Pages the lock does not name.
    pub added: Vec<String>,
    /// Pages the lock names that this run did not read.
    pub removed: Vec<String>,
}

impl PageChanges {
    /// The pages that differ between a lock's hashes and this run's (`Analysis::inputs`).
    pub fn between(lock: &BTreeMap<String, String>, now: &BTreeMap<String, String>) -> PageChanges {
        let mut c = PageChanges::default();
        for (page, hash) in now {
            match lock.get(page) {
                None => c.added.push(page.clone()),
                Some(h) if h != hash => c.changed.push(page.clone()),
                Some(_) => {}
            }
        }
        c.removed = lock
            .keys()
            .filter(|p| !now.contains_key(*p))
            .cloned()
            .collect();
        c
    }

    /// How many pages differ.
    pub fn len(&self) -> usize {
        self.changed.len() + self.added.len() + self.removed.len()
    }

    /// Whether no page differs.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Reads what a previous run wrote to `out`; anything missing or unreadable is `None` (a first
/// run, or a crate of a generator that wrote no surface yet). The API surface (megabytes of
/// JSON) is read only `with_surface`, for a run that compares APIs.
pub fn previous(out: &Path, with_surface: bool) -> Previous {
    let read = |name: &str| std::fs::read_to_string(out.join(name)).ok();
    let version = read("Cargo.toml")
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| {
            t.get("package")?
                .get("version")?
                .as_str()
                .map(str::to_string)
        });
    // The API and its surface are megabytes of JSON each: parsed side by side.
    let (shipped, surface) = rayon::join(
        || {
            read(crate::emit::IR_FILE).map(|t| {
                serde_json::from_str(&t).map_err(|e| format!("{}: {e}", crate::emit::IR_FILE))
            })
        },
        // The floor keeps the names of its calls (`api.json`) when the API reads back.
        || {
            (with_surface || out.join(crate::emit::IR_FILE).is_file())
                .then(|| read(crate::emit::SURFACE_FILE))
                .flatten()
                .and_then(|t| crate::plan::surface::Surface::read(&t).ok())
        },
    );
    Previous {
        version,
        changelog: read(crate::emit::CHANGELOG_FILE),
        shipped,
        surface,
        pages: read(crate::emit::LOCK_FILE)
            .and_then(|t| t.parse::<toml::Table>().ok())
            .and_then(|t| {
                let pages = t.get("pages")?.as_table()?;
                Some(
                    pages
                        .iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                        .collect(),
                )
            }),
    }
}

/// The formatted chunks of an earlier run, from `path`; a missing or unreadable file is an
/// empty cache (it only saves time).
pub fn read_cache(path: &Path) -> FormatCache {
    std::fs::read(path)
        .map(|bytes| FormatCache::from_bytes(&bytes))
        .unwrap_or_default()
}

/// Saves the cache of a run's formatted chunks for the next run, from its files: written
/// beside and renamed into place, so that a run that stops half way, or two at once, leave a
/// whole file.
pub fn write_cache(path: &Path, emitted: &crate::emit::Emitted) -> Result<(), WriteError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError::Io { path, source }
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io(dir))?;
    std::io::Write::write_all(&mut tmp, &emitted.cache_bytes()).map_err(io(tmp.path()))?;
    tmp.persist(path).map_err(|e| WriteError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// One difference between what the generator produces and what is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The file, relative to the output folder.
    pub path: String,
    /// A unified diff from the file on disk to the generated one (empty for a removed file).
    pub diff: String,
}

/// Compares without writing. An empty result means `out` is up to date.
pub fn check(out: &Path, files: &[GeneratedFile]) -> Vec<Difference> {
    let mut diffs = Vec::new();
    for f in files {
        let on_disk = std::fs::read_to_string(out.join(&f.path)).unwrap_or_default();
        if on_disk != f.contents {
            let diff = similar::TextDiff::from_lines(&on_disk, &f.contents)
                .unified_diff()
                .context_radius(2)
                .header(
                    &format!("{} (on disk)", f.path),
                    &format!("{} (generated)", f.path),
                )
                .to_string();
            diffs.push(Difference {
                path: f.path.clone(),
                diff,
            });
        }
    }
    for stale in stale_files(out, files) {
        diffs.push(Difference {
            path: stale,
            diff: "file is no longer generated\n".into(),
        });
    }
    diffs
}

/// Generated files (by their header) under `src/` and `tests/` that this run does not produce.
fn stale_files(out: &Path, files: &[GeneratedFile]) -> Vec<String> {
    let mut found = Vec::new();
    for dir in ["src", "tests", "crates"] {
        collect(&out.join(dir), dir, &mut found);
    }
    found.retain(|rel| {
        !files.iter().any(|f| &f.path == rel)
            && (rel.starts_with(LEGACY_RUNTIME)
                || std::fs::read_to_string(out.join(rel))
                    .map(|t| generators(&t))
                    .unwrap_or(false))
    });
    found.sort();
    found
}

/// The runtime's folder of the single-crate client (before the core crate held it): the
/// generator wrote all of it, and some of its copies carry no mark of their own.
const LEGACY_RUNTIME: &str = "src/runtime/";

/// Whether a file is the generator's: a generated file (Rust or TOML), or a copy of a runtime
/// template.
fn generators(text: &str) -> bool {
    text.starts_with("// @generated")
        || text.starts_with("# @generated")
        || text
            .get(..text.len().min(2000))
            .or(Some(text))
            .is_some_and(|head| head.contains("Copied verbatim by the generator"))
}

fn collect(dir: &Path, rel: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        let rel = format!("{rel}/{name}");
        if path.is_dir() {
            collect(&path, &rel, out);
        } else {
            out.push(rel);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn write_then_check_is_clean_and_edits_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![file("src/lib.rs", "// @generated\nfn a() {}\n")];
        assert_eq!(write(dir.path(), &files).unwrap(), vec!["src/lib.rs"]);
        assert!(check(dir.path(), &files).is_empty());
        assert!(
            write(dir.path(), &files).unwrap().is_empty(),
            "unchanged files are not rewritten"
        );
        std::fs::write(dir.path().join("src/lib.rs"), "// @generated\nfn b() {}\n").unwrap();
        let d = check(dir.path(), &files);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].diff.contains("-fn b() {}") && d[0].diff.contains("+fn a() {}"),
            "{}",
            d[0].diff
        );
    }

    #[test]
    fn page_changes_are_read_from_the_lock_a_run_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(p, h)| (p.to_string(), h.to_string()))
                .collect()
        };
        let opts = crate::emit::EmitOptions {
            inputs: inputs(&[
                ("api/a.md", "1"),
                ("api/b \"c\".md", "2"),
                ("api/d.md", "3"),
            ]),
            ..Default::default()
        };
        let files = crate::emit::emit(&crate::ir::Api::default(), &opts).unwrap();
        write(dir.path(), &files).unwrap();
        let lock = previous(dir.path(), false)
            .pages
            .expect("the lock names its pages");
        assert_eq!(lock, opts.inputs);
        let now = inputs(&[
            ("api/a.md", "1"),
            ("api/b \"c\".md", "9"),
            ("api/e.md", "4"),
        ]);
        let c = PageChanges::between(&lock, &now);
        assert_eq!(c.changed, vec!["api/b \"c\".md"]);
        assert_eq!(c.added, vec!["api/e.md"]);
        assert_eq!(c.removed, vec!["api/d.md"]);
        assert_eq!(c.len(), 3);
        assert!(PageChanges::between(&lock, &lock).is_empty());
    }

    #[test]
    fn a_cache_file_reads_back_and_a_bad_one_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/format.cache");
        assert!(read_cache(&path).is_empty(), "missing: empty");
        let emitted = crate::emit::emit_incremental(
            &crate::ir::Api::default(),
            &Default::default(),
            &FormatCache::new(),
        )
        .unwrap();
        assert!(!emitted.cache().is_empty());
        write_cache(&path, &emitted).unwrap();
        assert_eq!(read_cache(&path), emitted.cache());
        std::fs::write(&path, b"\xff\x00garbage").unwrap();
        assert!(read_cache(&path).is_empty(), "garbage: empty");
    }

    #[test]
    fn stale_generated_files_are_reported_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/old.rs"), "// @generated\n").unwrap();
        std::fs::write(dir.path().join("src/mine.rs"), "fn hand_written() {}\n").unwrap();
        let files = vec![file("src/lib.rs", "// @generated\n")];
        let d = check(dir.path(), &files);
        assert_eq!(
            d.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(),
            vec!["src/lib.rs", "src/old.rs"]
        );
        write(dir.path(), &files).unwrap();
        assert!(!dir.path().join("src/old.rs").exists());
        assert!(dir.path().join("src/mine.rs").exists());
    }

    #[test]
    fn the_crate_of_an_area_that_is_gone_and_old_runtime_copies_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("crates/docs-client-gone/src");
        std::fs::create_dir_all(&gone).unwrap();
        std::fs::create_dir_all(dir.path().join("src/runtime")).unwrap();
        std::fs::write(gone.join("lib.rs"), "// @generated\n").unwrap();
        std::fs::write(
            dir.path().join("crates/docs-client-gone/Cargo.toml"),
            "# @generated\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("src/runtime/auth.rs"),
            "//! Tokens.\n//!\n//! Copied verbatim by the generator from `codegen/templates/runtime/`.\n",
        )
        .unwrap();
        // An older copy without the mark: the single-crate client's runtime folder was all
        // the generator's.
        std::fs::write(dir.path().join("src/runtime/edm.rs"), "//! Edm.\n").unwrap();
        // A user's file in the crate of another area that is gone: kept, and its folders.
        let kept = dir.path().join("crates/docs-client-old/src");
        std::fs::create_dir_all(&kept).unwrap();
        std::fs::write(kept.join("lib.rs"), "// @generated\n").unwrap();
        std::fs::write(kept.join("mine.rs"), "fn hand_written() {}\n").unwrap();
        let files = vec![file("src/lib.rs", "// @generated\n")];
        write(dir.path(), &files).unwrap();
        assert!(
            !dir.path().join("crates/docs-client-gone").exists(),
            "empty folders go"
        );
        assert!(!kept.join("lib.rs").exists());
        assert!(kept.join("mine.rs").exists(), "a hand-written file stays");
        assert!(!dir.path().join("src/runtime").exists());
        assert!(dir.path().join("src/lib.rs").exists());
    }
}
