//! The snippets written out (`cargo xtask snippets`): a file per example, and a `rust` tab beside
//! the other languages' tabs of each example request in its page.
//!
//! A page's tab group is the docs' markup: a `# [HTTP](#tab/http)` heading before the request's
//! annotation, a heading per language after its block (`# [C#](#tab/csharp)` and its code),
//! and a line `---` that closes the group. The `rust` tab goes last in the group, before the
//! `---`; a request without a group gets one (the `HTTP` heading before its annotation, the
//! tab and the `---` after its block); a `rust` tab already there is replaced. Nothing else of
//! the page changes, so inserting again what is there is no change at all. The page is read and
//! written here: this is the one place that writes into the docs folder.

use crate::emit::ExampleSnippet;
use std::path::{Path, PathBuf};

/// A file or folder that could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("cannot {what} {path}: {source}")]
pub struct PagesError {
    what: &'static str,
    path: PathBuf,
    source: std::io::Error,
}

/// The heading of the Rust tab.
const TAB: &str = "# [Rust](#tab/rust)";

/// The name of each snippet's file: the example's name (sanitized), and where two examples
/// share one, the page's too (`message_send`, `message_send-message-send`).
pub fn file_names(snippets: &[ExampleSnippet]) -> Vec<Option<String>> {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    let mut used = std::collections::BTreeSet::new();
    snippets
        .iter()
        .map(|s| {
            s.code.as_ref()?;
            let stem = s
                .page
                .rsplit('/')
                .next()
                .unwrap_or(&s.page)
                .trim_end_matches(".md");
            let name = s.example.as_deref().map_or_else(|| clean(stem), clean);
            let candidates = [
                name.clone(),
                format!("{name}-{}", clean(stem)),
                format!("{name}-{}-{}", clean(stem), s.line),
            ];
            let chosen = candidates
                .into_iter()
                .find(|c| used.insert(c.clone()))
                .unwrap_or_default();
            Some(format!("{chosen}.rs"))
        })
        .collect()
}

/// The text of a snippet's file: where the example is, then the code.
pub fn file_text(s: &ExampleSnippet, code: &str) -> String {
    let test = s
        .test
        .as_deref()
        .map(|t| format!(", compiled and replayed by the conformance test `{t}`"))
        .unwrap_or_default();
    format!(
        "// `{}` at {}:{}{test}.\n{code}",
        s.example.as_deref().unwrap_or("example"),
        s.page,
        s.line
    )
}

/// Writes a file per snippet into `out` (made if missing); the names of the files written.
pub fn write_files(out: &Path, snippets: &[ExampleSnippet]) -> Result<Vec<String>, PagesError> {
    std::fs::create_dir_all(out).map_err(|source| PagesError {
        what: "create",
        path: out.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for (s, name) in snippets.iter().zip(file_names(snippets)) {
        let (Some(code), Some(name)) = (&s.code, name) else {
            continue;
        };
        let path = out.join(&name);
        std::fs::write(&path, file_text(s, code)).map_err(|source| PagesError {
            what: "write",
            path,
            source,
        })?;
        written.push(name);
    }
    Ok(written)
}

/// Adds (or refreshes) the `rust` tab of every snippet in its page under `docs`; the pages
/// whose text changed.
pub fn into_pages(docs: &Path, snippets: &[ExampleSnippet]) -> Result<Vec<String>, PagesError> {
    let mut by_page: std::collections::BTreeMap<&str, Vec<(u32, &str)>> = Default::default();
    for s in snippets {
        if let Some(code) = &s.code {
            by_page.entry(&s.page).or_default().push((s.line, code));
        }
    }
    let mut changed = Vec::new();
    for (page, tabs) in by_page {
        let path = docs.join(page);
        let text = std::fs::read_to_string(&path).map_err(|source| PagesError {
            what: "read",
            path: path.clone(),
            source,
        })?;
        let new = with_rust_tabs(&text, &tabs);
        if new != text {
            std::fs::write(&path, new).map_err(|source| PagesError {
                what: "write",
                path,
                source,
            })?;
            changed.push(page.to_string());
        }
    }
    Ok(changed)
}

/// Whether a line is a tab heading of a group (`# [C#](#tab/csharp)`).
fn is_tab(line: &str) -> bool {
    let l = line.trim();
    l.starts_with("# [") && l.contains("](#tab/")
}

/// Whether a line closes a tab group.
fn is_group_end(line: &str) -> bool {
    line.trim() == "---"
}

/// Whether a line opens or closes a fenced code block: its fence.
fn fence(line: &str) -> Option<&str> {
    let l = line.trim_start();
    let n = l.chars().take_while(|c| *c == '`').count();
    let t = l.chars().take_while(|c| *c == '~').count();
    match (n >= 3, t >= 3) {
        (true, _) => l.get(..n),
        (_, true) => l.get(..t),
        _ => None,
    }
}

/// `text` with a `rust` tab for each `(line, code)`: `line` is the 1-based line of an example
/// request (its block's first line, as the IR locates it; the opening fence also does). A
/// request whose block is not found is left alone.
pub fn with_rust_tabs(text: &str, tabs: &[(u32, &str)]) -> String {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    // From the last request up, so that earlier lines keep their numbers.
    let mut tabs = tabs.to_vec();
    tabs.sort_by_key(|t| std::cmp::Reverse(t.0));
    tabs.dedup_by_key(|t| t.0);
    for (line, code) in tabs {
        let Some(at) = (line as usize).checked_sub(1) else {
            continue;
        };
        // The opening fence: the line itself, or the one before it.
        let is_fence = |i: usize| lines.get(i).and_then(|l| fence(l)).is_some();
        let open = if is_fence(at) {
            at
        } else {
            match at.checked_sub(1) {
                Some(before) if is_fence(before) => before,
                _ => continue,
            }
        };
        insert_tab(&mut lines, open, code, eol);
    }
    lines.concat()
}

fn insert_tab(lines: &mut Vec<String>, open: usize, code: &str, eol: &str) {
    let Some(opening) = lines.get(open).and_then(|l| fence(l)).map(str::to_string) else {
        return;
    };
    // The block's closing fence: a line of the same character only, at least as long.
    let ch = opening.chars().next();
    let Some(close) = (open + 1..lines.len()).find(|&i| {
        lines.get(i).is_some_and(|l| {
            let t = l.trim();
            t.len() >= opening.len() && t.chars().all(|c| Some(c) == ch)
        })
    }) else {
        return;
    };
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest.max(2) + 1);
    let mut tab = vec![format!("{TAB}{eol}"), format!("{ticks}rust{eol}")];
    tab.extend(code.lines().map(|l| format!("{l}{eol}")));
    tab.push(format!("{ticks}{eol}"));
    tab.push(eol.to_string());
    // The group that follows the block, if any: its tabs up to the `---`.
    let mut i = close + 1;
    while lines.get(i).is_some_and(|l| l.trim().is_empty()) {
        i += 1;
    }
    if lines.get(i).is_some_and(|l| is_tab(l)) {
        let Some(end) = (i..lines.len()).find(|&j| lines.get(j).is_some_and(|l| is_group_end(l)))
        else {
            return;
        };
        // A rust tab there already: replaced, up to the next tab or the end of the group.
        let rust = (i..end).find(|&j| lines.get(j).is_some_and(|l| l.trim() == TAB));
        match rust {
            Some(start) => {
                let stop = (start + 1..end)
                    .find(|&j| lines.get(j).is_some_and(|l| is_tab(l)))
                    .unwrap_or(end);
                lines.splice(start..stop, tab);
            }
            None => {
                lines.splice(end..end, tab);
            }
        }
        return;
    }
    // No group: one around the request, from its annotation (the comment before the block).
    let mut after = vec![eol.to_string()];
    after.extend(tab);
    after.push(format!("---{eol}"));
    // The block's last line may have no line break (the page's end).
    if lines.get(close).is_some_and(|l| !l.ends_with('\n')) {
        if let Some(l) = lines.get_mut(close) {
            l.push_str(eol);
        }
    }
    lines.splice(close + 1..close + 1, after);
    let start = annotation_start(lines, open).unwrap_or(open);
    lines.insert(start, format!("# [HTTP](#tab/http){eol}"));
}

/// The first line of the annotation comment right before the block at `open` (blank lines
/// between them allowed), if there is one.
fn annotation_start(lines: &[String], open: usize) -> Option<usize> {
    let mut i = open.checked_sub(1)?;
    while lines.get(i)?.trim().is_empty() {
        i = i.checked_sub(1)?;
    }
    if !lines.get(i)?.trim_end().ends_with("-->") {
        return None;
    }
    loop {
        if lines.get(i)?.trim_start().starts_with("<!--") {
            return Some(i);
        }
        i = i.checked_sub(1)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "# message: send\n\n## Example\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"message_send\"\n}-->\n```http\nPOST /me/messages/1/send\n```\n\n### Response\n";

    const CODE: &str = "client.me().message(\"1\").send().await?;\n";

    #[test]
    fn a_request_without_tabs_gets_a_group_of_its_own() {
        let out = with_rust_tabs(PAGE, &[(10, CODE)]);
        assert_eq!(
            out,
            "# message: send\n\n## Example\n\n# [HTTP](#tab/http)\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"message_send\"\n}-->\n```http\nPOST /me/messages/1/send\n```\n\n# [Rust](#tab/rust)\n```rust\nclient.me().message(\"1\").send().await?;\n```\n\n---\n\n### Response\n"
        );
        // Again: nothing changes.
        let tab_line = out.lines().position(|l| l.starts_with("```http")).unwrap() as u32 + 2;
        assert_eq!(with_rust_tabs(&out, &[(tab_line, CODE)]), out);
    }

    #[test]
    fn the_tab_goes_last_in_an_existing_group_and_is_replaced_there() {
        let page = "# [HTTP](#tab/http)\n<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/snippets/csharp/x.md)]\n\n---\n\nAfter.\n";
        let once = with_rust_tabs(page, &[(4, CODE)]);
        assert_eq!(
            once,
            "# [HTTP](#tab/http)\n<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/snippets/csharp/x.md)]\n\n# [Rust](#tab/rust)\n```rust\nclient.me().message(\"1\").send().await?;\n```\n\n---\n\nAfter.\n"
        );
        assert_eq!(with_rust_tabs(&once, &[(4, CODE)]), once);
        // A new snippet replaces the old tab, and only it.
        let other = with_rust_tabs(&once, &[(4, "client.me().get().await?;\n")]);
        assert_eq!(
            other,
            once.replace(
                "client.me().message(\"1\").send().await?;",
                "client.me().get().await?;"
            )
        );
    }

    #[test]
    fn crlf_pages_keep_their_line_breaks_and_fences_outlast_backticks() {
        let page = PAGE.replace('\n', "\r\n");
        let out = with_rust_tabs(&page, &[(10, "let s = \"```\";\n")]);
        assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
        assert!(
            out.contains("````rust\r\nlet s = \"```\";\r\n````\r\n"),
            "{out:?}"
        );
    }

    #[test]
    fn a_line_that_is_no_fence_changes_nothing() {
        assert_eq!(with_rust_tabs(PAGE, &[(3, CODE), (400, CODE)]), PAGE);
    }
}
