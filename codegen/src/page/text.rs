//! Text helpers every modeller of a page shares: annotations of fences, the preamble's
//! namespace and description, cell names, slugs and operation ids, scope lists. They read only
//! the extracted page, so the modellers depend on them and never on each other for them.

use crate::read::extract::{Annotation, BlockKind, Fence, Page};
use crate::read::rules::{self, Section};
use heck::ToSnakeCase;

/// What kind of page the blocks stand on, as far as reading requests goes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shape {
    /// A resource or concept page (by its `doc_type` or its resource block) without an HTTP
    /// request section: its unannotated request blocks illustrate, they are no examples.
    pub(super) illustrates: bool,
    /// An operation page without an HTTP request section whose bare request lines (outside the
    /// examples) are its templates.
    pub(super) bare_forms: bool,
}

pub(super) fn annotation<'a>(page: &'a Page, fence: &Fence) -> Option<&'a Annotation> {
    fence.annotation.and_then(|i| page.annotations.get(i))
}

/// `Namespace: microsoft.graph` under the title.
pub(super) fn namespace(page: &Page) -> Option<String> {
    page.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Paragraph(p) if b.is_in(Section::Preamble) => {
            let rest = p.text.strip_prefix("Namespace:")?;
            let ns = rest.split_whitespace().next()?;
            Some(ns.trim_end_matches('.').to_string())
        }
        _ => None,
    })
}

/// The first paragraph after the title that is not a `Namespace:` line.
pub(super) fn description(page: &Page) -> Option<String> {
    page.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Paragraph(p)
            if b.is_in(Section::Preamble)
                && !rules::NAMESPACE_START.starts(&p.text.to_lowercase()) =>
        {
            Some(p.text.clone())
        }
        _ => None,
    })
}

pub(super) fn clean_name(cell: &str) -> String {
    cell.trim()
        .trim_matches(|c| c == '*' || c == '`')
        .trim()
        .to_string()
}

/// The name a parameter row documents. A header row may write the value it documents after
/// the header's name (`Prefer: outlook.timezone`, one row per preference): the name is the
/// header's, a word before the colon (a translation may have written the header as a word of
/// its language, `優先: outlook.timezone`, which `rules::translated_header` reads back).
pub(super) fn parameter_name(cell: &str) -> String {
    let name = clean_name(cell);
    match name.split_once(':') {
        Some((header, value))
            if !header.is_empty()
                && !value.trim().is_empty()
                && header.chars().all(|c| c.is_alphanumeric() || c == '-') =>
        {
            header.to_string()
        }
        _ => name,
    }
}

pub(super) fn file_stem(path: &str) -> String {
    crate::ir::names::file_stem(path).to_string()
}

/// The anchor of a heading as the docs' tooling writes it: lower case, letters and digits, runs
/// of spaces and hyphens as one `-`, other characters dropped (`message: send` ->
/// `message-send`).
/// A heading's slug: its English anchor, which a translated heading keeps, else its text's.
pub(super) fn heading_slug(h: &crate::read::extract::Heading) -> String {
    h.anchor.clone().unwrap_or_else(|| slug(&h.text))
}

pub(super) fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        // ASCII first: every heading of every page is slugged, and Unicode case mapping
        // char by char was most of it.
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-') && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let end = out.trim_end_matches('-').len();
    out.truncate(end);
    out
}

/// snake_case of the words (`message: send` -> `message_send`); the file name when they have
/// no ASCII letter (no title, or a title in another script without an anchor).
pub fn operation_id(words: &str, path: &str) -> String {
    let from = if words.is_ascii() && words.chars().any(|c| c.is_ascii_alphabetic()) {
        words.to_string()
    } else {
        file_stem(path)
    };
    from.to_snake_case()
}

pub(super) fn split_scopes(text: &str) -> Vec<String> {
    // `:` ends a label glued to the first scope (`resource:User.Read`).
    text.split([',', ';', ' ', '*', ':', '\u{3001}', '\u{3002}', '\u{ff0c}'])
        .map(|s| s.trim().trim_end_matches('.').trim())
        .filter(|s| {
            !s.is_empty()
                && s.contains('.')
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
        })
        .map(str::to_string)
        .collect()
}

/// Whether `text` holds `word` as a whole word (letters, digits and `-` do not continue it).
pub(super) fn names_word(text: &str, word: &str) -> bool {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '-';
    text.match_indices(word).any(|(i, _)| {
        let before = text
            .get(..i)
            .and_then(|t| t.chars().next_back())
            .is_none_or(|c| !part(c));
        let after = text
            .get(i + word.len()..)
            .unwrap_or_default()
            .chars()
            .next()
            .is_none_or(|c| !part(c));
        before && after
    })
}

#[cfg(test)]
mod tests {
    use super::slug;

    /// The slug as first written: Unicode rules for every char.
    fn slow(title: &str) -> String {
        let mut out = String::new();
        for c in title.chars() {
            if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            } else if (c.is_whitespace() || c == '-') && !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        out.trim_end_matches('-').to_string()
    }

    #[test]
    fn slugs_of_headings() {
        assert_eq!(slug("Update message"), "update-message");
        assert_eq!(slug("  List -- Users (preview)-"), "list-users-preview");
        assert_eq!(slug("Créer un Événement"), "créer-un-événement");
        assert_eq!(slug("获取 用户"), "获取-用户");
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_path_is_the_unicode_rule(title in "(?s).{0,30}") {
            proptest::prop_assert_eq!(slug(&title), slow(&title));
        }

        #[test]
        fn the_ascii_path_is_the_unicode_rule_for_headings(title in r"[a-zA-Z0-9 \t\x0b_()É-]{0,30}") {
            proptest::prop_assert_eq!(slug(&title), slow(&title));
        }
    }
}
