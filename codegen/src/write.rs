//! Write layer: puts generated files on disk, or compares them with what is there (`--check`).

use crate::emit::GeneratedFile;
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
/// generator no longer produces (only files carrying the generated header). Returns the paths
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
    /// Its `api.json`, when it reads as one.
    pub surface: Option<crate::diff::Surface>,
}

/// Reads what a previous run wrote to `out`; anything missing or unreadable is `None` (a first
/// run, or a crate of a generator that wrote no surface yet).
pub fn previous(out: &Path) -> Previous {
    let read = |name: &str| std::fs::read_to_string(out.join(name)).ok();
    let version = read("Cargo.toml")
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| {
            t.get("package")?
                .get("version")?
                .as_str()
                .map(str::to_string)
        });
    Previous {
        version,
        changelog: read(crate::emit::CHANGELOG_FILE),
        surface: read(crate::emit::SURFACE_FILE).and_then(|t| serde_json::from_str(&t).ok()),
    }
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
    for dir in ["src", "tests"] {
        collect(&out.join(dir), dir, &mut found);
    }
    found.retain(|rel| {
        !files.iter().any(|f| &f.path == rel)
            && std::fs::read_to_string(out.join(rel))
                .map(|t| t.starts_with("// @generated"))
                .unwrap_or(false)
    });
    found.sort();
    found
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
}
