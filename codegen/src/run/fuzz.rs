//! The entry points of the fuzz targets (`fuzz/`, cargo-fuzz) and of the short property-based
//! run in the test command: each takes any input and must return, whatever it is, without a
//! panic. They reach the parsers that read page text directly: a whole page through the
//! pipeline, the HTTP block parser, the lenient JSON reader and the span-pair resolver (the
//! targets `page`, `http_block`, `lenient_json`, `spans`). The targets run outside CI and the
//! workspace, on nightly (`cargo +nightly fuzz run page corpus/page ../docs/api` in `fuzz/`);
//! the test command runs each here with proptest, from strategies that build pages from real and
//! broken pieces, with shrinking. A crash becomes a unit test next to the code it broke.

use crate::read::source::{Lang, SourceFile};

/// A whole page, read in both languages, through source, extract, model and check.
pub fn page(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes).into_owned();
    for lang in [Lang::English, Lang::Localized] {
        let src = SourceFile::new("api/fuzz.md", text.clone(), lang);
        let analysis = crate::analyze_sources(&[src]);
        // Every finding points into the page.
        debug_assert!(analysis
            .diagnostics
            .iter()
            .all(|d| d.location.file == "api/fuzz.md" && d.location.line >= 1));
    }
}

/// An HTTP example block: request and response parsers and their line readers.
pub fn http_block(text: &str) {
    let _ = crate::read::http::parse_request(text);
    let _ = crate::read::http::parse_response(text);
    for line in text.lines().take(4) {
        let _ = crate::read::http::request_line(line);
        let _ = crate::read::http::status_line(line);
    }
}

/// The lenient JSON reader of example bodies.
pub fn lenient_json(text: &str) {
    let _ = crate::read::lenient_json::parse(text);
}

/// The span-pair resolver, and its map from resolved offsets back to lines and columns.
pub fn spans(text: &str) {
    for lang in [Lang::English, Lang::Localized] {
        let src = SourceFile::new("api/fuzz.md", text.to_string(), lang);
        let len = src.text.len();
        for at in [0, len / 3, len / 2, len.saturating_sub(1), len, len + 7] {
            let l = src.locate(at);
            debug_assert!(l.line >= 1 && l.col >= 1);
        }
    }
}

#[cfg(test)]
mod tests {
    //! A short property-based run of the fuzz targets: pages made of the constructs the parsers
    //! meet, mangled (cut anywhere, bytes inserted), and arbitrary text.

    use super::*;
    use proptest::prelude::*;

    /// Pieces of real pages and of broken ones.
    const PIECES: &[&str] = &[
        "---\ntitle: \"Get message\"\ndoc_type: apiPageType\n---\n",
        "# message: send\n",
        "## HTTP request\n",
        "<!-- { \"blockType\": \"ignored\" } -->\n```http\nPOST /me/messages/{id}/send\n```\n",
        "<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"x\"\n}-->\n```http\nGET https://graph.microsoft.com/v1.0/me/messages?$top=2\nPrefer: a\n\n{\"a\": [1, 2,], // c\n ...}\n```\n",
        "<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.message\", \"truncated\": true } -->\n```http\nHTTP/1.1 202 Accepted\nLocation: https://x/y\n\n{\"value\": [{\"id\": \"1\", \"@removed\": {}}]}\n```\n",
        "| Permission type | Permissions |\n|:---|:---|\n| Delegated (work or school account) | Mail.Send |\n",
        "| Property | Type | Description |\n|:--|:--|:--|\n| subject | String | The subject. |\n| to | [recipient](recipient.md) collection | x |\n",
        "If successful, this method returns a `202 Accepted` response code.\n",
        "<span data-ttu-id=\"a1\">翻訳</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1\">English</span></span>",
        "<span data-ttu-id=\"a2\">未完",
        "```json\n{\"a\": {\"b\": [",
        "<!-- [1, 2] -->\n",
        "<!-- 42 -->\n",
        "```\n",
        "| a |\n",
        "\u{202e}\u{feff}名前\r\n",
    ];

    fn page_text() -> impl Strategy<Value = Vec<u8>> {
        (
            prop::collection::vec(prop::sample::select(PIECES), 0..12),
            prop::collection::vec((any::<usize>(), any::<u8>()), 0..6),
            any::<Option<usize>>(),
        )
            .prop_map(|(pieces, inserts, cut)| {
                let mut bytes = pieces.concat().into_bytes();
                for (at, b) in inserts {
                    let at = at % (bytes.len() + 1);
                    bytes.insert(at, b);
                }
                if let Some(cut) = cut {
                    bytes.truncate(cut % (bytes.len() + 1));
                }
                bytes
            })
    }

    /// Found by the `page` fuzz target: an example whose last segment has a multi-byte
    /// character where the `microsoft.graph.` prefix of a cast would end (a byte slice inside it).
    #[test]
    fn a_cast_like_segment_with_a_wide_character_is_no_cast() {
        // The page `docs/api/user-list-messages.md` with its example URL mangled as the fuzzer did.
        let page_text = include_str!("../../../docs/api/user-list-messages.md").replace(
            "v1.0/me/messages?$select",
            "v1.0/me/messag\u{fffd}\u{fffd}\u{fffd}\u{fffd}select",
        );
        page(page_text.as_bytes());
        // And a type `collection of` a letter whose lower case is shorter (the Kelvin sign).
        let ty = crate::ir::TypeRef::parse("Collection of \u{212a}\u{e9}");
        assert!(matches!(ty, crate::ir::TypeRef::Collection(_)), "{ty:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn any_page_is_read_without_a_panic(bytes in page_text()) {
            page(&bytes);
        }

        #[test]
        fn any_http_block_is_read_without_a_panic(text in "(GET|POST|HTTP/1.1 |[A-Za-z-]{1,8}: |[ -~]|\\n|é|\u{202e}){0,80}") {
            http_block(&text);
        }

        #[test]
        fn any_json_is_read_without_a_panic(text in "([{}\\[\\],:\"]|//|/\\*|\\*/|\\.\\.\\.|…|[0-9a-z ]|\\n|\\\\){0,80}") {
            lenient_json(&text);
        }

        #[test]
        fn any_span_text_is_resolved_without_a_panic(bytes in page_text()) {
            spans(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn arbitrary_text_is_harmless(text in any::<String>()) {
            page(text.as_bytes());
            http_block(&text);
            lenient_json(&text);
        }
    }
}
