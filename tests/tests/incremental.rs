//! Incremental runs (#16): a run that takes the unchanged items from the previous run's format
//! cache writes the bytes a full run writes, over a sequence of edits and over a real update of
//! the English reference; it formats only the items an edit reaches; and the output is the same
//! for one thread and for many.

use codegen::emit::{emit, emit_incremental, EmitOptions, FormatCache, GeneratedFile};
use codegen::source::Lang;
use std::path::Path;

/// Copies the markdown pages under `from` (whose relative path `keep` accepts) into `to`.
fn copy_pages(from: &Path, to: &Path, keep: &dyn Fn(&str) -> bool) -> usize {
    let mut copied = 0;
    for page in codegen::list_pages(from).expect("readable docs") {
        if !keep(&page) {
            continue;
        }
        let target = to.join(&page);
        std::fs::create_dir_all(target.parent().expect("a page is in a folder")).expect("mkdir");
        std::fs::copy(from.join(&page), &target).expect("copy");
        copied += 1;
    }
    copied
}

/// Whether the file name of `page` starts with one of `prefixes`.
fn named(page: &str, prefixes: &[&str]) -> bool {
    let name = page.rsplit('/').next().unwrap_or(page);
    prefixes.iter().any(|p| name.starts_with(p))
}

fn edit(dir: &Path, page: &str, from: &str, to: &str) {
    let path = dir.join(page);
    let text = std::fs::read_to_string(&path).expect("page");
    assert!(text.contains(from), "{page} no longer contains {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

fn options(analysis: &codegen::Analysis) -> EmitOptions {
    // Every chunk the memo takes from the cache is made anyway and compared (`audit`): a key
    // that misses an input fails here.
    EmitOptions {
        inputs: analysis.inputs.clone(),
        audit: true,
        ..EmitOptions::default()
    }
}

/// The full run and the incremental one from `cache` agree byte for byte; returns the
/// incremental run's cache (through a file, as between two runs) and how many items it
/// formatted, of how many.
fn run_both(dir: &Path, cache: &FormatCache, step: &str) -> (FormatCache, usize, usize) {
    let (cache, stats) = run_both_stats(dir, cache, step);
    (cache, stats.formatted, stats.formatted + stats.reused)
}

/// [`run_both`], with the incremental run's counts.
fn run_both_stats(
    dir: &Path,
    cache: &FormatCache,
    step: &str,
) -> (FormatCache, codegen::emit::FormatStats) {
    let analysis = codegen::analyze(dir, Lang::English).expect("docs are readable");
    let opts = options(&analysis);
    let full = emit(&analysis.api, &opts).expect("full run");
    let inc = emit_incremental(&analysis.api, &opts, cache).expect("incremental run");
    assert_same(&full, &inc.files, step);
    let total = inc.stats.formatted + inc.stats.reused;
    let cache = inc.cache();
    assert!(
        cache.len() <= total,
        "{step}: the cache holds this run's items only"
    );
    let file = tempfile::NamedTempFile::new().expect("temp file");
    codegen::write::write_cache(file.path(), &inc).expect("write cache");
    let back = codegen::write::read_cache(file.path());
    assert_eq!(back, cache, "{step}: the cache reads back as written");
    (back, inc.stats)
}

fn assert_same(full: &[GeneratedFile], inc: &[GeneratedFile], step: &str) {
    let paths = |f: &[GeneratedFile]| f.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(full), paths(inc), "{step}: the same files");
    for (a, b) in full.iter().zip(inc) {
        assert!(
            a.contents == b.contents,
            "{step}: {} differs between the full and the incremental run",
            a.path
        );
    }
}

const NEW_PAGE: &str = r#"---
title: "Move message"
doc_type: apiPageType
ms.prod: "outlook"
---

# Move message

Move a message to another folder.

## Permissions

| Permission type | Permissions (from least to most privileged) |
|:---|:---|
| Delegated (work or school account) | Mail.ReadWrite |
| Delegated (personal Microsoft account) | Mail.ReadWrite |
| Application | Mail.ReadWrite |

## HTTP request
<!-- { "blockType": "ignored" } -->
```http
POST /me/messages/{id}/move
```

## Request headers
| Name | Description |
|:---|:---|
| Authorization | Bearer {token}. Required. |

## Request body

| Parameter | Type | Description |
|:---|:---|:---|
| destinationId | String | The folder to move the message to. Required. |

## Response

If successful, this method returns a `201 Created` response code and a [message](../resources/message.md) object in the response body.

## Example

### Request
<!-- { "blockType": "request", "name": "message_move" } -->
```http
POST https://graph.microsoft.com/v1.0/me/messages/AAMk1/move
Content-type: application/json

{
  "destinationId": "deleteditems"
}
```

### Response
<!-- { "blockType": "response", "truncated": true, "@odata.type": "microsoft.graph.message" } -->
```http
HTTP/1.1 201 Created
Content-type: application/json

{
  "id": "AAMk2",
  "subject": "Moved"
}
```
"#;

#[test]
fn an_edit_sequence_gives_the_bytes_of_full_runs_and_formats_only_what_it_reaches() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    copy_pages(&workspace_tests::root().join("docs"), dir, &|_| true);
    let (mut cache, formatted, total) = run_both(dir, &FormatCache::new(), "first run");
    assert_eq!(formatted, total, "a first run formats everything");
    assert!(total > 50, "the docs make {total} items");

    type Edit = Box<dyn Fn(&Path)>;
    let steps: Vec<(&str, Edit)> = vec![
        ("nothing changed", Box::new(|_| {})),
        (
            "a property's description reworded",
            Box::new(|d| {
                edit(
                    d,
                    "resources/message.md",
                    "The subject line.",
                    "The subject line of the message.",
                )
            }),
        ),
        (
            "a property added",
            Box::new(|d| {
                edit(
                    d,
                    "resources/message.md",
                    "| subject | String |",
                    "| sentDateTime | DateTimeOffset | When it was sent. |\n| subject | String |",
                )
            }),
        ),
        (
            "a property retyped",
            Box::new(|d| {
                edit(
                    d,
                    "resources/message.md",
                    "| isRead | Boolean |",
                    "| isRead | String |",
                )
            }),
        ),
        (
            "a documented status changed",
            Box::new(|d| {
                let page = "api/message-delete.md";
                edit(d, page, "returns a `204 No Content`", "returns a `200 OK`");
                edit(d, page, "HTTP/1.1 204 No Content", "HTTP/1.1 200 OK");
            }),
        ),
        (
            "a page added",
            Box::new(|d| std::fs::write(d.join("api/message-move.md"), NEW_PAGE).expect("write")),
        ),
        (
            "a page removed",
            Box::new(|d| std::fs::remove_file(d.join("api/user-delta.md")).expect("remove")),
        ),
        (
            "a scope changed",
            Box::new(|d| {
                edit(
                    d,
                    "api/message-move.md",
                    "| Application | Mail.ReadWrite |",
                    "| Application | Mail.ReadWrite.All |",
                )
            }),
        ),
    ];
    for (step, apply) in steps {
        apply(dir);
        let (next, formatted, total) = run_both(dir, &cache, step);
        eprintln!("{step}: formatted {formatted} of {total} items");
        if step == "nothing changed" {
            assert_eq!(formatted, 0, "{step}: nothing to format");
        } else {
            assert!(formatted > 0, "{step}: the edit reaches some item");
            assert!(
                formatted * 4 < total,
                "{step}: formatted {formatted} of {total} items, more than one edit reaches"
            );
        }
        cache = next;
    }
}

/// Appends ` (edited N)` to the last cell of every table row of `text` (the descriptions; `N`
/// counts rows, so that the reference does not learn the words as a mark of its rows) and a
/// sentence to the page's first paragraph (an operation's or resource's description), and with
/// `shift` adds a line after the title, so that every line below moves.
fn reword(text: &str, shift: bool, n: &mut usize) -> String {
    let mut out = String::with_capacity(text.len() + 1024);
    let mut shifted = !shift;
    let (mut titled, mut described) = (false, false);
    for line in text.split_inclusive('\n') {
        let row = line.trim_end();
        titled |= row.starts_with("# ");
        if titled
            && !described
            && row.starts_with(char::is_alphabetic)
            && !row.starts_with("Namespace")
        {
            described = true;
            *n += 1;
            out.push_str(row);
            out.push_str(&format!(" Edited {n}."));
            out.push_str(&line[row.len()..]);
            continue;
        }
        if !shifted && row.starts_with("# ") {
            out.push_str(line);
            out.push('\n');
            shifted = true;
            continue;
        }
        let separator = row.contains("--") && !row.contains(char::is_alphanumeric);
        match row.strip_suffix('|') {
            Some(cells) if row.starts_with('|') && !separator && cells.matches('|').count() > 1 => {
                *n += 1;
                out.push_str(cells.trim_end());
                out.push_str(&format!(" (edited {n}) |"));
                out.push_str(&line[row.len()..]);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// The memo (`codegen::emit` keys chunks by what they are made from) takes the chunks that an
/// edit of prose and lines does not reach without making them, and is right about each: with
/// `audit` every chunk it would take is made anyway and compared, on edits of the descriptions
/// of a third of the pages of the mail area (resources, their base types, operations), then of
/// the lines of every resource page.
#[test]
fn chunks_of_unchanged_inputs_are_not_made_again_and_are_right() {
    let Some(docs) = workspace_tests::shared("corpus/graph-v1.0-en-2021") else {
        return;
    };
    // The mail area with the base types of its resources and the enums.
    let mail = |page: &str| {
        named(
            page,
            &[
                "message",
                "mailfolder",
                "user",
                "outlookitem",
                "entity",
                "directoryobject",
                "attachment",
                "recipient",
                "itembody",
                "enums",
            ],
        )
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    assert!(copy_pages(&docs, dir, &mail) > 100);
    let (cache, _) = run_both_stats(dir, &FormatCache::new(), "first run");
    let pages = codegen::list_pages(dir).expect("readable");
    let mut n = 0;
    let mut rewrite = |keep: &dyn Fn(usize, &str) -> bool, shift: bool| {
        for (_, page) in pages.iter().enumerate().filter(|(i, p)| keep(*i, p)) {
            let path = dir.join(page);
            let text = std::fs::read_to_string(&path).expect("page");
            std::fs::write(&path, reword(&text, shift, &mut n)).expect("write");
        }
    };
    rewrite(
        &|i, p| i % 3 == 0 || p.contains("entity") || p.contains("outlookitem"),
        false,
    );
    let (cache, stats) = run_both_stats(dir, &cache, "descriptions reworded");
    eprintln!("descriptions reworded: {stats:?}");
    assert!(
        stats.formatted > 0,
        "the edit reaches some items: {stats:?}"
    );
    assert!(
        stats.skipped * 2 > stats.formatted + stats.reused,
        "most items are not made again: {stats:?}"
    );
    rewrite(&|_, p| p.starts_with("resources/"), true);
    let (_, stats) = run_both_stats(dir, &cache, "resource pages' lines moved");
    eprintln!("resource pages' lines moved: {stats:?}");
    assert!(
        stats.formatted > 0,
        "the edit reaches some items: {stats:?}"
    );
    assert!(
        stats.skipped > 0,
        "some items are not made again: {stats:?}"
    );
}

/// The update of the English reference over six months, on the pages of the mail area: the
/// incremental run from the older snapshot's cache is the full run of the newer one.
#[test]
fn a_real_update_of_the_reference_runs_incrementally_as_a_full_run() {
    let (Some(old), Some(new)) = (
        workspace_tests::shared("corpus/graph-v1.0-en-2021-01"),
        workspace_tests::shared("corpus/graph-v1.0-en-2021"),
    ) else {
        return;
    };
    let mail = |page: &str| {
        named(
            page,
            &[
                "message",
                "mailfolder",
                "user-",
                "user.md",
                "attachment",
                "recipient",
                "itembody",
            ],
        )
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let before = copy_pages(&old, tmp.path(), &mail);
    assert!(before > 80, "{before} pages of the mail area");
    let (cache, _, _) = run_both(tmp.path(), &FormatCache::new(), "en-2021-01");
    std::fs::remove_dir_all(tmp.path().join("api")).expect("clear");
    std::fs::remove_dir_all(tmp.path().join("resources")).expect("clear");
    copy_pages(&new, tmp.path(), &mail);
    let (_, formatted, total) = run_both(tmp.path(), &cache, "en-2021");
    eprintln!("en-2021-01 -> en-2021, mail area: formatted {formatted} of {total} items");
    assert!(
        formatted > 0 && formatted < total,
        "six months of changes reformat {formatted} of {total} items"
    );
}

#[test]
fn the_output_is_the_same_for_one_thread_and_many() {
    let analysis = codegen::analyze(&workspace_tests::root().join("docs"), Lang::English)
        .expect("docs/ is readable");
    let opts = options(&analysis);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool")
        .install(|| emit(&analysis.api, &opts).expect("emit"));
    let many = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .expect("pool")
        .install(|| emit(&analysis.api, &opts).expect("emit"));
    assert_same(&one, &many, "1 vs 4 threads");
}
