//! The whole pipeline on the page the project started from: the seed documents `202 Accepted`
//! in prose and shows `HTTP/1.1 200 OK` in its example. The run must report that contradiction,
//! and the generated crate must test (and pass) the documented 202 behaviour.

use codegen::base::Code;
use codegen::emit::{emit, EmitOptions};
use codegen::source::Lang;
use std::process::Command;

#[test]
fn seed_is_reported_generated_built_and_its_conformance_test_passes() {
    let Some(seeds) = workspace_tests::shared("seeds") else {
        return;
    };
    let analysis = codegen::analyze(&seeds, Lang::English).expect("seeds are readable");

    // The contradiction, located at both places.
    let mismatch: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::StatusMismatch)
        .collect();
    assert_eq!(mismatch.len(), 1, "{:#?}", analysis.diagnostics);
    let d = mismatch[0];
    assert_eq!(
        (d.location.file.as_str(), d.location.line, d.location.col),
        ("message_send.md", 44, 1)
    );
    assert_eq!(d.notes.len(), 1);
    assert_eq!(
        (d.notes[0].location.line, d.notes[0].location.col),
        (22, 178)
    );
    let rendered = d.render("seeds");
    assert!(
        rendered.starts_with("seeds/message_send.md:44:1: warning[status-mismatch]:"),
        "{rendered}"
    );
    assert!(
        rendered.contains("seeds/message_send.md:22:178"),
        "{rendered}"
    );

    // The IR carries the documented (prose) status and the scope of the prose form.
    let op = &analysis.api.operations[0];
    assert_eq!(op.id, "message_send");
    assert_eq!(op.success.status, Some(202));
    assert_eq!(op.response_body, None);
    assert_eq!(op.scopes.any_of(), vec!["Mail.Send".to_string()]);
    assert_eq!(op.templates.len(), 2);

    // Generate into a temporary folder, then build and run the crate's own tests.
    let out = tempfile::tempdir().expect("temp dir");
    let files = emit(
        &analysis.api,
        &EmitOptions {
            crate_name: "seed-client".into(),
            source_label: "seeds".into(),
            ..Default::default()
        },
    )
    .expect("emit");
    codegen::write::write(out.path(), &files).expect("write");
    let conformance =
        std::fs::read_to_string(out.path().join("tests/conformance/general/cases.rs"))
            .expect("tests");
    assert!(
        conformance.contains("success_status, 202)"),
        "{conformance}"
    );
    assert!(
        conformance.contains("support::replay(202,"),
        "{conformance}"
    );
    // Same dependency versions as the workspace, so the build needs no network.
    let root = workspace_tests::root();
    std::fs::copy(root.join("Cargo.lock"), out.path().join("Cargo.lock")).expect("lock file");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["test", "--offline"])
        .current_dir(out.path())
        .envs(xtask::conformance::BUILD_ENV.iter().copied())
        .env("CARGO_TARGET_DIR", root.join("target").join("e2e"))
        // Generated code must compile without warnings, whatever the caller's flags.
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "generated crate's tests failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("message_send_message_send ... ok"),
        "the 202 conformance test did not run:\n{stdout}"
    );
}

/// `cargo xtask conformance` on the default docs: every example has a passing test.
#[test]
fn conformance_run_accounts_for_every_example_of_the_default_docs() {
    let root = workspace_tests::root();
    let analysis = codegen::analyze(&root.join("docs"), Lang::English).expect("docs/ is readable");
    let work = tempfile::tempdir().expect("temp dir");
    let opts = xtask::conformance::Options {
        work: work.path().join("client"),
        target_dir: root.join("target").join("e2e"),
        lockfile: Some(root.join("Cargo.lock")),
        remove_binaries: false,
        emit: EmitOptions {
            crate_name: "conformance-client".into(),
            source_label: "docs".into(),
            ..Default::default()
        },
    };
    let out = xtask::conformance::run(&analysis, &opts).expect("the run completes");
    // The message pages' examples and those of the pages the README's common tasks call
    // (with an update that clears a property and a delta round with `null` and `@removed`).
    assert_eq!(out.examples, 15);
    assert_eq!(
        (out.generated, out.passed, out.failed),
        (15, 15, 0),
        "{}",
        out.human()
    );
    assert!(out.failures.is_empty(), "{}", out.human());
}
