//! Helpers shared by the workspace-level tests in `tests/`.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
        .to_path_buf()
}

/// A folder of `../shared` (read in place, never copied). When `CI` is set a missing folder
/// fails the test; on a developer machine without it the caller skips.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = root().join("..").join("shared").join(rel);
    if path.exists() {
        Some(path)
    } else if std::env::var_os("CI").is_some() {
        panic!("{} is missing, and CI needs it", path.display());
    } else {
        eprintln!("skipping: {} is not here", path.display());
        None
    }
}
