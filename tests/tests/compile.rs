//! The generated API compiles when used as README shows, and rejects misuse.

#[test]
fn generated_api_compiles_as_documented_and_rejects_misuse() {
    let t = trybuild::TestCases::new();
    t.pass("trybuild/pass/*.rs");
    t.compile_fail("trybuild/compile_fail/*.rs");
}

/// The README's common tasks are the trybuild case, word for word: the block under "Common
/// tasks" is in `readme_tasks.rs`.
#[test]
fn readme_tasks_are_the_compiled_ones() {
    let root = workspace_tests::root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let case = std::fs::read_to_string(root.join("tests/trybuild/pass/readme_tasks.rs"))
        .expect("readme_tasks.rs");
    let section = readme
        .split_once("### Common tasks")
        .expect("a Common tasks section")
        .1;
    let block = section
        .split_once("```rust\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .expect("a rust block")
        .0;
    assert!(block.contains("async fn"), "{block}");
    assert!(
        case.contains(block),
        "README's Common tasks block differs from tests/trybuild/pass/readme_tasks.rs"
    );
}

/// A call of an area whose feature is off fails with one error at the call that names the
/// feature (not rustc's "no method named ..."), and the rest of its chain adds none; the calls
/// of the enabled area still compile.
#[test]
fn a_call_of_a_disabled_area_names_its_feature() {
    let root = workspace_tests::root();
    let manifest = format!(
        "[package]\nname = \"feature-user\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
         [dependencies]\ndocs-client = {{ path = {:?}, default-features = false, features = [\"outlook\"] }}\n",
        root.join("generated")
    );
    let (compiles, stderr) = workspace_tests::check_scratch_crate(
        &manifest,
        r#"
use docs_client::prelude::*;
pub async fn enabled(client: &docs_client::Client) -> Result<(), docs_client::Error> {
    client.me().message("id").send().await
}

pub async fn sharepoint(client: &docs_client::Client) -> Result<Vec<u8>, docs_client::Error> {
    client.me().drive().item("id").content().get().await
}

pub async fn identity(client: &docs_client::Client) {
    let _ = client.users().list().top(5).await;
}
"#,
    );
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("error[") || l.contains(": error"))
        .collect();
    assert!(!compiles, "{stderr}");
    assert_eq!(
        errors,
        [
            "src/lib.rs:8:17: error[E0277]: this call needs the cargo feature `sharepoint` of `docs-client`: its area is not compiled",
            "src/lib.rs:12:20: error[E0277]: this call needs the cargo feature `microsoft-identity-platform` of `docs-client`: its area is not compiled",
        ],
        "{stderr}"
    );
}
