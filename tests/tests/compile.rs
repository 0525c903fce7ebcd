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
