//! A page's text (as `run::analyze` read it) with its localized span pairs resolved into one
//! language: English (the default) or the translation (`Lang`). Each pair's extent is found
//! textually, so offsets are known; a side holding entities or markup is read by scraper, plain
//! text is taken as written (scraper on all 24k pairs of the localized corpus made the report run
//! 3x slower). An anchor table maps every offset of the resolved text back to the page on disk, so
//! diagnostics point at the original line and character column.

use crate::base::Location;
use scraper::{Html, Selector};

pub use crate::base::Lang;

/// One page, with its text resolved to one language.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the docs root, with `/` separators (stable across machines).
    pub path: String,
    /// The resolved markdown that the extract layer parses.
    pub text: String,
    /// Number of localized span pairs that were resolved.
    pub span_pairs: usize,
    /// (offset in `text`, offset in the original) at the start of every stretch that maps linearly.
    anchors: Vec<(usize, usize)>,
    /// Byte offset of the start of every line of the original.
    line_starts: Vec<usize>,
    /// The original text when it differs from `text` (a localized page), to turn byte offsets
    /// into character columns; a plain page is not copied.
    original: Option<String>,
}

impl SourceFile {
    /// Resolves `original` (the page as read from disk) into `lang`.
    pub fn new(path: impl Into<String>, original: String, lang: Lang) -> Self {
        // memchr's vectorized searches: every page is scanned twice here, before it is parsed.
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', original.as_bytes()).map(|i| i + 1));
        let spans = memchr::memmem::find(original.as_bytes(), TTU_OPEN.as_bytes()).is_some();
        let (text, anchors, span_pairs, original) = if spans {
            let (text, anchors, pairs) = resolve_spans(&original, lang);
            (text, anchors, pairs, Some(original))
        } else {
            (original, vec![(0, 0)], 0, None)
        };
        SourceFile {
            path: path.into(),
            text,
            span_pairs,
            anchors,
            line_starts,
            original,
        }
    }

    fn original(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }

    /// Offset in the original page of an offset in the resolved text.
    pub fn original_offset(&self, resolved: usize) -> usize {
        let i = self.anchors.partition_point(|&(r, _)| r <= resolved);
        match i.checked_sub(1).and_then(|i| self.anchors.get(i)) {
            Some(&(r, o)) => (o + (resolved - r)).min(self.original().len()),
            None => resolved.min(self.original().len()),
        }
    }

    /// File, 1-based line and 1-based column (in characters) of an offset in the resolved text.
    pub fn locate(&self, resolved: usize) -> Location {
        let off = self.original_offset(resolved);
        let line = self.line_starts.partition_point(|&s| s <= off).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let col = self
            .original()
            .get(start..off)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        Location {
            file: self.path.clone(),
            line: line as u32,
            col: col as u32 + 1,
        }
    }
}

const TTU_OPEN: &str = "<span data-ttu-id=";
const PAIR_CLOSE: &str = "</span></span>";

/// Replaces each `<span data-ttu-id=..>T</span><span class="sxs-lookup"><span data-stu-id=..>E</span></span>`
/// by E (or T). Text that is not a well-formed pair is kept as written.
fn resolve_spans(original: &str, lang: Lang) -> (String, Vec<(usize, usize)>, usize) {
    let mut out = String::with_capacity(original.len());
    let mut anchors = vec![(0, 0)];
    let mut pos = 0;
    let mut pairs = 0;
    while let Some(found) = original.get(pos..).and_then(|r| r.find(TTU_OPEN)) {
        let start = pos + found;
        let Some(pair) = parse_pair(original, start) else {
            // Not a pair: copy the opening bracket (`<`, one byte) and look further on.
            out.push_str(original.get(pos..start + 1).unwrap_or_default());
            pos = start + 1;
            continue;
        };
        out.push_str(original.get(pos..start).unwrap_or_default());
        let (chosen, chosen_at) = match lang {
            Lang::English => (pair.english, pair.english_at),
            Lang::Localized => (pair.translation, pair.translation_at),
        };
        anchors.push((out.len(), chosen_at));
        out.push_str(&chosen);
        anchors.push((out.len(), pair.end));
        pos = pair.end;
        pairs += 1;
    }
    out.push_str(original.get(pos..).unwrap_or_default());
    (out, anchors, pairs)
}

struct Pair {
    translation: String,
    translation_at: usize,
    english: String,
    english_at: usize,
    end: usize,
}

/// Finds the extent of one span pair textually (so offsets are known), then lets an HTML parser
/// read the text of each side (so entities and nested markup are handled as a browser would).
fn parse_pair(s: &str, start: usize) -> Option<Pair> {
    // `get` throughout: a malformed pair (a `</span>` before the opening tag's `>`) must read as
    // no pair, not cut the text backwards.
    let rest = s.get(start..)?;
    let open_end = rest.find('>')? + 1;
    let ttu_close = rest.find("</span>")?;
    let after_ttu = ttu_close + "</span>".len();
    let sxs = rest.get(after_ttu..)?.trim_start_matches([' ', '\t']);
    if !sxs.starts_with("<span class=\"sxs-lookup\">") {
        return None;
    }
    let sxs_start = rest.len() - sxs.len();
    let close = sxs.find(PAIR_CLOSE)?;
    let end = sxs_start + close + PAIR_CLOSE.len();
    let fragment = rest.get(..end)?;
    let inner_open = sxs.find("<span data-stu-id=")?;
    let english_at = start + sxs_start + inner_open + sxs.get(inner_open..)?.find('>')? + 1;

    // Most pairs hold plain text: take it as written. Entities or markup go to the HTML parser.
    let translation_raw = rest.get(open_end..ttu_close)?;
    let english_raw = s.get(english_at..)?.split("</span>").next().unwrap_or("");
    let plain = |t: &str| !t.contains(['<', '&']);
    if plain(translation_raw) && plain(english_raw) {
        return Some(Pair {
            translation: translation_raw.to_string(),
            translation_at: start + open_end,
            english: english_raw.to_string(),
            english_at,
            end: start + end,
        });
    }
    let html = Html::parse_fragment(fragment);
    let text_of = |sel: &str| -> Option<String> {
        let selector = Selector::parse(sel).ok()?;
        let el = html.select(&selector).next()?;
        Some(el.text().collect::<String>())
    };
    Some(Pair {
        translation: text_of("span[data-ttu-id]")?,
        translation_at: start + open_end,
        english: text_of("span.sxs-lookup")?,
        english_at,
        end: start + end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "# <span data-ttu-id=\"1-101\">邮件：发送</span><span class=\"sxs-lookup\"><span data-stu-id=\"1-101\">message: send</span></span>\n\nplain `202` line\n<span data-ttu-id=\"1-2\">返回 `202`。</span><span class=\"sxs-lookup\"><span data-stu-id=\"1-2\">Returns `202` &amp; done.</span></span>\n";

    /// Found by the `page` and `spans` fuzz targets: an opening tag whose `>` comes only after
    /// the `</span>` cut the translation backwards (a panic).
    #[test]
    fn a_pair_whose_opening_tag_never_closes_is_kept_as_written() {
        let text = "a <span data-ttu-id=\"1\"</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">E</span></span> b";
        for lang in [Lang::English, Lang::Localized] {
            let f = SourceFile::new("api/x.md", text.to_string(), lang);
            assert_eq!(f.span_pairs, 0);
            assert_eq!(f.text, text);
        }
    }

    #[test]
    fn resolves_english_and_maps_back_to_original_columns() {
        let f = SourceFile::new("api/x.md", PAGE.to_string(), Lang::English);
        assert_eq!(
            f.text,
            "# message: send\n\nplain `202` line\nReturns `202` & done.\n"
        );
        assert_eq!(f.span_pairs, 2);
        // "message" in the resolved text points into the sxs-lookup span on line 1.
        let at = f.locate(2);
        assert_eq!(
            (at.line, at.col),
            (
                1,
                1 + PAGE
                    .lines()
                    .next()
                    .unwrap()
                    .find("message")
                    .map(|b| PAGE[..b].chars().count())
                    .unwrap() as u32
            )
        );
        // A plain line keeps its own position.
        let plain = f.text.find("plain").unwrap();
        assert_eq!((f.locate(plain).line, f.locate(plain).col), (3, 1));
        // "202" on the localized line points at the English 202.
        let code = f.text.find("Returns `202").unwrap() + "Returns `".len();
        let line4 = PAGE.lines().nth(3).unwrap();
        let want = line4[..line4.find("Returns `202").unwrap() + 9]
            .chars()
            .count() as u32
            + 1;
        assert_eq!((f.locate(code).line, f.locate(code).col), (4, want));
    }

    #[test]
    fn localized_text_on_request() {
        let f = SourceFile::new("api/x.md", PAGE.to_string(), Lang::Localized);
        assert!(f.text.starts_with("# 邮件：发送\n"));
        assert!(f.text.contains("返回 `202`。"));
    }

    #[test]
    fn broken_pair_is_kept_as_written() {
        let page = "<span data-ttu-id=\"1\">only</span> rest\n";
        let f = SourceFile::new("a.md", page.to_string(), Lang::English);
        assert_eq!(f.text, page);
        assert_eq!(f.span_pairs, 0);
    }
}
