//! The Rust snippets of the English reference (`cargo xtask snippets`): one for every example
//! request that has a conformance test (the test's call is the snippet, so the conformance run
//! compiles and replays each), and `--into-pages` on a copy of the corpus, which adds the `rust`
//! tabs and nothing else, reads back as the same examples, and changes nothing when run again.

use codegen::emit::{EmitOptions, ExampleSnippet};
use codegen::source::Lang;
use std::collections::BTreeMap;
use std::path::Path;

fn snippets(docs: &Path) -> Vec<ExampleSnippet> {
    let analysis = codegen::analyze(docs, Lang::English).expect("the corpus is readable");
    let opts = EmitOptions {
        crate_name: "graph".into(),
        source_label: "corpus".into(),
        ..Default::default()
    };
    codegen::emit::snippets(&analysis.api, &opts).expect("snippets")
}

/// Copies the pages of `from` into `to` (the docs are data: a test may only read them in place,
/// so the copy is a temporary folder).
fn copy_pages(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("the corpus") {
        let entry = entry.expect("an entry");
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            std::fs::create_dir_all(&target).expect("a folder");
            copy_pages(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("a page");
        }
    }
}

#[test]
fn every_tested_example_request_has_a_snippet_and_the_pages_get_only_their_tabs() {
    let Some(corpus) = workspace_tests::shared("corpus/graph-v1.0-en-2021") else {
        return;
    };
    let all = snippets(&corpus);
    let with = all.iter().filter(|s| s.code.is_some()).count();
    let tested = all.iter().filter(|s| s.test.is_some()).count();
    eprintln!(
        "{} example requests, {tested} with a conformance test, {with} with a snippet",
        all.len()
    );
    // Every example without a snippet says why; a tested one without is a body no literal of
    // its model gives.
    assert!(all.iter().all(|s| s.code.is_some() != s.reason.is_some()));
    let tested_without: Vec<&str> = all
        .iter()
        .filter(|s| s.test.is_some() && s.code.is_none())
        .filter_map(|s| s.reason.as_deref())
        .collect();
    assert!(tested_without.len() <= 10, "{tested_without:#?}");
    // 2217 of 2335 (94.9%): 2227 have a test; 10 bodies hold a value their documented type
    // cannot (a number where a string is documented, and the like), which their tests fail on
    // too (`example-property-type-mismatch`).
    assert!(with >= 2217, "{with}");
    // No index or hash in a snippet's names, and no JSON where a model exists: a body of a
    // model is its struct literal.
    let code = |name: &str| {
        all.iter()
            .find(|s| s.example.as_deref() == Some(name))
            .and_then(|s| s.code.as_deref())
            .unwrap_or_else(|| panic!("no snippet of {name}"))
    };
    let message = code("create_message_from_user");
    assert!(message.contains("let body = Message {"), "{message}");
    assert!(!message.contains("json!"), "{message}");
    let event = code("create_event_from_calendar");
    assert!(event.contains("let body = Event {"), "{event}");
    for s in all.iter().filter_map(|s| s.code.as_deref()) {
        assert!(
            !s.contains("_2(") && !s.contains("_3("),
            "a numbered name: {s}"
        );
    }

    // `--into-pages` on a copy.
    let copy = tempfile::tempdir().expect("temp dir");
    copy_pages(&corpus, copy.path());
    let changed = codegen::pages::into_pages(copy.path(), &all).expect("tabs added");
    let mut per_page: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in &all {
        if let Some(code) = &s.code {
            per_page.entry(&s.page).or_default().push(code);
        }
    }
    assert_eq!(
        changed.len(),
        per_page.len(),
        "every page with a snippet changed"
    );
    for page in &changed {
        let old = std::fs::read_to_string(corpus.join(page)).expect("the page");
        let new = std::fs::read_to_string(copy.path().join(page)).expect("the copy");
        let codes = &per_page[page.as_str()];
        only_tabs_inserted(page, &old, &new, codes);
    }
    // The pages read back as the same examples, with the same snippets.
    let again = snippets(copy.path());
    let code_of = |v: &[ExampleSnippet]| -> Vec<(Option<String>, String, Option<String>)> {
        v.iter()
            .map(|s| (s.example.clone(), s.page.clone(), s.code.clone()))
            .collect()
    };
    assert_eq!(code_of(&again), code_of(&all));
    // Each tab is its own example's, the first one after its request.
    for s in &again {
        let Some(code) = &s.code else { continue };
        let text = std::fs::read_to_string(copy.path().join(&s.page)).expect("the copy");
        let after: String = text
            .lines()
            .skip(s.line as usize)
            .collect::<Vec<_>>()
            .join("\n");
        let tab = after
            .split_once("# [Rust](#tab/rust)\n")
            .and_then(|(_, rest)| rest.split_once("rust\n"))
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        assert!(
            tab.starts_with(code.as_str()),
            "{}:{}: the first rust tab after the request is not its snippet",
            s.page,
            s.line
        );
    }
    // A second run changes nothing.
    let twice = codegen::pages::into_pages(copy.path(), &again).expect("tabs again");
    assert!(twice.is_empty(), "{twice:?}");
}

/// `old`'s lines are all in `new`, in order; every other line of `new` belongs to a tab the
/// tool adds: a tab heading, a fence, the group's end, a blank line or a line of a snippet.
fn only_tabs_inserted(page: &str, old: &str, new: &str, codes: &[&str]) {
    let mut old_lines = old.lines().peekable();
    let code_lines: std::collections::BTreeSet<&str> =
        codes.iter().flat_map(|c| c.lines()).collect();
    let mut inserted = 0;
    for line in new.lines() {
        if old_lines.peek() == Some(&line) {
            old_lines.next();
            continue;
        }
        inserted += 1;
        let t = line.trim();
        let allowed = t.is_empty()
            || t == "# [HTTP](#tab/http)"
            || t == "# [Rust](#tab/rust)"
            || t == "---"
            || t.trim_start_matches('`').is_empty()
            || t.trim_start_matches('`') == "rust"
            || code_lines.contains(line);
        assert!(allowed, "{page}: the line `{line}` is not part of a tab");
    }
    assert_eq!(old_lines.next(), None, "{page}: a line of the page is gone");
    assert_eq!(
        new.matches("# [Rust](#tab/rust)").count(),
        old.matches("# [Rust](#tab/rust)").count() + codes.len(),
        "{page}: a tab per snippet"
    );
    assert!(inserted > 0);
}

/// The README's snippet is the one `docs/` gives, word for word.
#[test]
fn the_readme_shows_the_snippet_of_its_example() {
    let root = workspace_tests::root();
    let analysis = codegen::analyze(&root.join("docs"), Lang::English).expect("docs/");
    let all =
        codegen::generate::snippets(&analysis, &root.join("generated"), "docs-client", "docs")
            .expect("snippets");
    assert!(
        all.iter().all(|s| s.code.is_some()),
        "every example of docs/ has a snippet: {all:#?}"
    );
    let shown = all
        .iter()
        .find(|s| s.example.as_deref() == Some("update_event_clear_body"))
        .and_then(|s| s.code.clone())
        .expect("the README's example");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let block = readme
        .split_once("### A Rust snippet for every example")
        .and_then(|(_, rest)| rest.split_once("```rust\n"))
        .and_then(|(_, rest)| rest.split_once("```\n"))
        .map(|(block, _)| block)
        .expect("the README's snippet block");
    assert_eq!(block, shown);
}
