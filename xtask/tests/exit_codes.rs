//! The exit codes README promises for `cargo xtask codegen`: 0 on success, 1 for a finding (a
//! stale `--check`, a denied diagnostic), 2 when it could not run.

use std::path::Path;
use std::process::Command;

fn codegen(args: &[&str]) -> (Option<i32>, String) {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("codegen")
        .arg("--docs")
        .arg(&docs)
        .args(["--no-cache", "--format", "short"])
        .args(args)
        .output()
        .expect("xtask runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn codegen_exits_as_documented() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("client");
    let out = out.to_str().expect("utf-8 path");
    let (code, err) = codegen(&["--out", out]);
    assert_eq!(code, Some(0), "a first run writes the crate:\n{err}");
    let (code, err) = codegen(&["--out", out, "--check"]);
    assert_eq!(
        code,
        Some(0),
        "the crate just written is up to date:\n{err}"
    );
    // A generated file edited by hand: the check finds it, a finding is 1.
    let lib = Path::new(out).join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).expect("lib.rs");
    std::fs::write(&lib, format!("{text}\n// edited\n")).expect("edit");
    let (code, err) = codegen(&["--out", out, "--check"]);
    assert_eq!(code, Some(1), "a stale crate is a finding:\n{err}");
    assert!(err.contains("is stale (1 files differ)"), "{err}");
    // The notes of docs/ are no warning; a denied code that fires is a finding.
    let (code, err) = codegen(&["--out", out, "--deny", "template-without-example"]);
    assert_eq!(code, Some(1), "a denied diagnostic is a finding:\n{err}");
    // A run that cannot be made: 2.
    let (code, err) = codegen(&["--out", out, "--deny", "no-such-check"]);
    assert_eq!(code, Some(2), "an unknown code cannot run:\n{err}");
}
