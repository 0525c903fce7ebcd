//! `generated/` must be exactly what the generator makes of `docs/`: a test fails when it is stale.

use codegen::emit::{emit, EmitOptions};
use codegen::generate::{generate, Mode, Options, Outcome};
use codegen::source::Lang;

#[test]
fn generated_crate_matches_the_docs() {
    let root = workspace_tests::root();
    let analysis = codegen::analyze(&root.join("docs"), Lang::English).expect("docs/ is readable");
    assert!(
        !analysis.has_errors(),
        "docs/ has errors: {:#?}",
        analysis.diagnostics
    );
    // Through the front door `cargo xtask codegen --check` uses: the lock names every page
    // read, and the version and the changelog are the ones the crate has.
    let opts = Options {
        mode: Mode::Check,
        ..Options::new(root.join("generated"))
    };
    let generated = generate(&analysis, &opts).expect("generate");
    let Outcome::Checked(diffs) = generated.outcome else {
        panic!("a check writes nothing");
    };
    let shown: Vec<String> = diffs.iter().map(|d| d.diff.clone()).collect();
    assert!(
        diffs.is_empty(),
        "generated/ is stale: run `cargo xtask codegen` and commit.\n{}",
        shown.join("\n")
    );
}

#[test]
fn generation_is_byte_identical_from_run_to_run() {
    let root = workspace_tests::root();
    let once = || {
        let a = codegen::analyze(&root.join("docs"), Lang::English).expect("docs/ is readable");
        emit(&a.api, &EmitOptions::default()).expect("emit")
    };
    assert_eq!(once(), once());
}

#[test]
fn check_catalogue_is_current() {
    let on_disk =
        std::fs::read_to_string(workspace_tests::root().join("CHECKS.md")).unwrap_or_default();
    assert!(
        on_disk == codegen::base::catalogue(),
        "CHECKS.md is stale: run `cargo xtask checks > CHECKS.md`"
    );
}

#[test]
fn default_docs_have_no_findings() {
    let root = workspace_tests::root();
    let a = codegen::analyze(&root.join("docs"), Lang::English).expect("docs/ is readable");
    // Notes (a template without an example of its own) are fine; warnings are not.
    let rendered: Vec<String> = a
        .diagnostics
        .iter()
        .filter(|d| d.severity != codegen::base::Severity::Note)
        .map(|d| d.render("docs"))
        .collect();
    assert!(rendered.is_empty(), "{}", rendered.join("\n"));
    // The message pages, and those the README's common tasks call (users, delta, a drive
    // item's content, an event update, a team's archiving: a long-running operation, a planner
    // task's update with a required `If-Match`).
    assert_eq!(a.api.operations.len(), 13);
    assert_eq!(a.api.resources.len(), 12);
    // The localized page reads as its English original.
    let get = a
        .api
        .operations
        .iter()
        .find(|o| o.id == "get_message")
        .expect("get_message");
    assert_eq!(get.title, "Get message");
    assert_eq!(get.success.status, Some(200));
}
