//! The page's JSON annotations: known block types, annotations that do not parse, and the
//! suppressions an annotation carries.

use super::text::annotation;
use crate::base::{Code, Diagnostic, Located};
use crate::read::extract::{BlockType, Page};
use crate::read::source::SourceFile;

pub(super) fn check_annotations(src: &SourceFile, page: &Page, diags: &mut Vec<Diagnostic>) {
    for (_, f) in page.fences() {
        if let (true, Some(a)) = (f.annotation_detached, annotation(page, f)) {
            diags.push(
                Diagnostic::new(
                    Code::AnnotationNotBeforeFence,
                    src.locate(a.offset),
                    "prose stands between this annotation and the code block it describes",
                )
                .note(src.locate(f.offset), "the code block")
                .help("move the text above the annotation, so that the annotation comes right before its block"),
            );
        }
    }
    let attached: std::collections::BTreeSet<usize> =
        page.fences().filter_map(|(_, f)| f.annotation).collect();
    for (i, a) in page.annotations.iter().enumerate() {
        let example = matches!(
            a.block_type(),
            Some(BlockType::Request | BlockType::Response)
        );
        if example && !attached.contains(&i) {
            diags.push(
                Diagnostic::new(
                    Code::AnnotationWithoutBlock,
                    src.locate(a.offset),
                    "this annotation announces an example, but no code block follows it",
                )
                .help("add the example's code block right under the annotation, or remove it"),
            );
        }
        match &a.json {
            Err(e) => {
                let at = offset_of_line_col(&a.body, e.line, e.column).map(|o| a.body_offset + o);
                diags.push(
                    Diagnostic::new(
                        Code::InvalidAnnotationJson,
                        src.locate(at.unwrap_or(a.offset)),
                        format!("annotation is not JSON: {}", e.message),
                    )
                    .help(
                        "fix the JSON in this HTML comment; the block below it is read without it",
                    ),
                );
            }
            Ok(_) => {
                if let Some(bt) = a.str_key("blockType") {
                    if BlockType::parse(bt) == BlockType::Unknown {
                        diags.push(Diagnostic::new(
                            Code::UnknownBlockType,
                            src.locate(a.offset),
                            format!("unknown blockType `{bt}`"),
                        ));
                    }
                }
            }
        }
    }
}

pub(super) fn offset_of_line_col(text: &str, line: usize, col: usize) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    Some(start + col.saturating_sub(1)).filter(|&o| o <= text.len())
}

/// `"suppressions": ["status-mismatch: the service really returns 200"]` in the page annotation.
/// Entries that name no check code (the older validator's format) are not ours and are skipped.
pub(super) fn suppressions(src: &SourceFile, page: &Page) -> Vec<Located<String>> {
    let mut out = Vec::new();
    for a in &page.annotations {
        if a.str_key("type") != Some("#page.annotation") {
            continue;
        }
        let Some(list) = a
            .object()
            .and_then(|o| o.get("suppressions"))
            .and_then(|v| v.as_array())
        else {
            continue;
        };
        for entry in list.iter().filter_map(|v| v.as_str()) {
            let code = entry.split(':').next().unwrap_or("").trim();
            if Code::parse(code).is_some() {
                out.push(Located {
                    value: code.to_string(),
                    location: src.locate(a.offset),
                });
            }
        }
    }
    out
}
