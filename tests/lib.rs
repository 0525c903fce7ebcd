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

/// Runs `cargo check` on a scratch crate (its `Cargo.toml` and `src/lib.rs`) with the
/// workspace's lock file and the shared `target/e2e`, warnings denied, as a user's crate
/// depending on a generated client would build: whether it compiles, and cargo's stderr
/// (`--message-format=short`: one `path:line:col: error[...]` line per error).
pub fn check_scratch_crate(manifest: &str, lib_rs: &str) -> (bool, String) {
    let root = root();
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("Cargo.toml"), manifest).expect("manifest");
    std::fs::create_dir(dir.path().join("src")).expect("src");
    std::fs::write(dir.path().join("src/lib.rs"), lib_rs).expect("lib.rs");
    std::fs::copy(root.join("Cargo.lock"), dir.path().join("Cargo.lock")).expect("lock");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["check", "--offline", "--quiet", "--message-format=short"])
        .current_dir(dir.path())
        .env("CARGO_TARGET_DIR", root.join("target").join("e2e"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
