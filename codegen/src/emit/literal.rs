//! The one way doc text reaches generated code: as string literals (`lit`) and `#[doc]`
//! attributes built from them (`doc`); identifiers only through `ident` (`plan::naming`). No
//! text of a page is ever parsed as tokens.
//! - A literal is raw when the text has quotes, backslashes or line breaks (it reads better), with
//!   a delimiter chosen so the text cannot end it; plain ASCII text is taken as written (no
//!   char-by-char escaping).
//! - Doc comments are `#[doc = "..."]` attributes with code fences defused (the generated crate
//!   also sets `doctest = false`); a one-line doc is a raw literal, since it prints as `///`
//!   whatever its form (both cut the generator's instructions: 13.9 G -> 12.46 G, output the same).
//! - Bidirectional controls, which rustc denies, are escaped in literals and named (`\u{202e}`)
//!   in doc comments.
//!
//! The tests parse the tokens back with syn for text with quotes, hashes, backslashes, line
//! breaks, fences and code-like text, and require exactly the text back;
//! `tests/tests/hostile_docs.rs` walks every generated file's tokens.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// A string literal for any text. Raw when the text has quotes or line breaks, for readability;
/// either way the text cannot end the literal early.
pub(crate) fn lit(text: &str) -> TokenStream {
    // Codepoints that reorder how text shows are denied in literals (rustc's
    // `text_direction_codepoint_in_literal`): such a text gets an escaped literal instead.
    if has_reordering(text) {
        let mut escaped = String::with_capacity(text.len() + 16);
        escaped.push('"');
        for c in text.chars() {
            push_named(&mut escaped, c, |out, c| out.extend(c.escape_debug()));
        }
        escaped.push('"');
        if let Ok(l) = escaped.parse::<Literal>() {
            return quote!(#l);
        }
    }
    if text.contains(['"', '\n', '\\']) {
        if let Some(l) = raw(text) {
            return quote!(#l);
        }
    }
    let l = plain(text);
    quote!(#l)
}

/// `text` as a raw literal, `r#"text"#` with as few `#` as it needs (at least one); none when
/// a raw literal cannot hold it (a carriage return).
fn raw(text: &str) -> Option<Literal> {
    if text.contains('\r') {
        return None;
    }
    // A `"` followed by n `#` would end a literal of n hashes: one more than the longest run.
    let hashes = text
        .match_indices('"')
        .map(|(at, _)| {
            let after = text.get(at + 1..).unwrap_or_default();
            after.len() - after.trim_start_matches('#').len() + 1
        })
        .max()
        .unwrap_or(1);
    let mut repr = String::with_capacity(text.len() + 2 * hashes + 3);
    repr.push('r');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.push('"');
    repr.push_str(text);
    repr.push('"');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.parse().ok()
}

/// `text` as a `"..."` literal, escaped as [`Literal::string`] escapes it. Printable ASCII
/// without a quote or a backslash needs no escape, so its literal is taken as written
/// (escaping char by char cost a whole codegen a twentieth of its instructions).
fn plain(text: &str) -> Literal {
    if text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
    {
        let mut repr = String::with_capacity(text.len() + 2);
        repr.push('"');
        repr.push_str(text);
        repr.push('"');
        if let Ok(l) = repr.parse() {
            return l;
        }
    }
    Literal::string(text)
}

/// Whether `text` holds a reordering control (each is three bytes, the first 0xE2).
fn has_reordering(text: &str) -> bool {
    text.as_bytes().contains(&0xE2) && text.chars().any(reorders)
}

/// Doc text as `#[doc = "..."]` lines. Fences are defused so that no doc text becomes a doctest.
pub(crate) fn doc(lines: &[String]) -> TokenStream {
    doc_attrs(lines, false)
}

/// `#[deprecated(note = "..")]` for an item the docs no longer document (`floor`), else nothing.
pub(crate) fn deprecated(d: Option<&crate::ir::Deprecated>) -> TokenStream {
    match d {
        Some(d) => {
            let note = lit(&d.note());
            quote!(#[deprecated(note = #note)])
        }
        None => TokenStream::new(),
    }
}

/// A page's prose made inert for rustdoc: outside code spans, brackets and angle brackets are
/// escaped (so `[s]` is no intra-doc link and `<id>` no HTML tag) and bare URLs become autolinks.
/// The text reads the same; only the generator's own lines link.
pub(crate) fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_code = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !in_code && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let end = rest
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '[' | ']' | '(' | ')')
                })
                .unwrap_or(rest.len());
            let url = rest
                .get(..end)
                .unwrap_or(rest)
                .trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = rest.get(url.len()..).unwrap_or_default();
            continue;
        }
        match c {
            '`' => in_code = !in_code,
            '[' | ']' | '<' | '>' if !in_code => out.push('\\'),
            _ => {}
        }
        out.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    out
}

/// Unicode bidirectional controls (U+202A-U+202E, U+2066-U+2069), which can make code read
/// otherwise than it compiles.
fn reorders(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Appends `c` to `out`: a reordering control as its name (`\u{202e}`), any other character
/// as `plain` writes it.
fn push_named(out: &mut String, c: char, plain: impl FnOnce(&mut String, char)) {
    if reorders(c) {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    } else {
        plain(out, c);
    }
}

pub(crate) fn doc_attrs(lines: &[String], inner: bool) -> TokenStream {
    attrs(lines, inner, true)
}

/// A code block of generated code in a doc comment (a snippet), its fence longer than any run
/// of backticks in `code`, so that no text in its literals closes the block.
pub(crate) fn doc_code(info: &str, code: &str) -> TokenStream {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let mut lines = vec![format!("{fence}{info}")];
    lines.extend(code.lines().map(str::to_string));
    lines.push(fence);
    attrs(&lines, false, false)
}

/// Doc attributes of lines; `inert`: a fence in them opens no code block (page text).
fn attrs(lines: &[String], inner: bool, inert: bool) -> TokenStream {
    let mut out = TokenStream::new();
    for line in lines {
        // A doc comment shows its text as written, so reordering controls are named instead.
        let mut shown = String::with_capacity(line.len() + 1);
        shown.push(' ');
        if has_reordering(line) {
            for c in line.chars() {
                push_named(&mut shown, c, String::push);
            }
        } else {
            shown.push_str(line);
        }
        let clean = if inert && (shown.contains("```") || shown.contains("~~~")) {
            shown.replace("```", "'''").replace("~~~", "'''")
        } else {
            shown
        };
        // A one-line value prints as `/// text` whatever its literal's form, so it is raw
        // when it can be: neither escaped when made nor unescaped char by char when syn and
        // then the printer read it. A value with a line break keeps `lit`'s form.
        let l = if clean.contains('\n') {
            lit(&clean)
        } else {
            let l = raw(&clean).unwrap_or_else(|| plain(&clean));
            quote!(#l)
        };
        out.extend(if inner {
            quote!(#![doc = #l])
        } else {
            quote!(#[doc = #l])
        });
    }
    out
}

/// The identifier of a name: sanitized (`plan::naming`), so no doc text becomes code.
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(&crate::plan::naming::sanitize(name), Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts a page could hold that would break out of a naive literal or doc comment.
    const HOSTILE: &[&str] = &[
        "",
        "plain",
        "a \"quoted\" word",
        "ends with a quote\"",
        "\"#",
        "\"## and \"### hashes",
        "back\\slash \\n not a newline",
        "two\nlines\r\nand CRLF",
        "\"); std::process::exit(1); (\"",
        "*/ fn evil() {} /*",
        "]  #[cfg(any())] ",
        "```rust\nfn doctest() {}\n```",
        "~~~\nfenced\n~~~",
        "tab\there, nul \u{0}, bell \u{7}",
        "unicode: 邮件 — \u{202e}rtl \u{feff}",
        "r#\"raw\"#",
    ];

    fn literal_value(tokens: &TokenStream) -> String {
        syn::parse2::<syn::LitStr>(tokens.clone())
            .unwrap_or_else(|e| panic!("{tokens} is no string literal: {e}"))
            .value()
    }

    #[test]
    fn every_text_is_one_literal_of_exactly_that_text() {
        for text in HOSTILE {
            let tokens = lit(text);
            assert_eq!(tokens.clone().into_iter().count(), 1, "{tokens}");
            assert_eq!(&literal_value(&tokens), text);
            // What shows in the source never reorders: the control is escaped.
            assert!(!tokens.to_string().chars().any(reorders), "{tokens}");
        }
    }

    /// The fast forms are the slow ones' bytes: `plain` is `Literal::string`'s literal, and a
    /// raw literal holds the text with the fewest hashes (`lit`'s raw form before it).
    fn fast_forms_hold(text: &str) {
        assert_eq!(
            plain(text).to_string(),
            Literal::string(text).to_string(),
            "{text:?}"
        );
        if let Some(l) = raw(text) {
            let tokens = quote!(#l);
            assert_eq!(literal_value(&tokens), text);
            let mut hashes = String::from("#");
            while text.contains(&format!("\"{hashes}")) {
                hashes.push('#');
            }
            assert_eq!(l.to_string(), format!("r{hashes}\"{text}\"{hashes}"));
        } else {
            assert!(text.contains('\r'), "{text:?} has a raw form");
        }
    }

    #[test]
    fn fast_literals_are_the_escaped_ones() {
        for text in HOSTILE {
            fast_forms_hold(text);
        }
        for text in ["a\"#\"##b", "\"", "x'y", "~ ", "\u{7f}", "é"] {
            fast_forms_hold(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_literals_are_the_escaped_ones_for_any_text(text in "(?s).{0,40}") {
            fast_forms_hold(&text);
        }

        #[test]
        fn fast_literals_hold_quotes_and_hashes(text in "[a#\"\\\\\r\n ]{0,24}") {
            fast_forms_hold(&text);
        }
    }

    #[test]
    fn doc_lines_are_attributes_that_keep_the_text_and_defuse_fences() {
        for text in HOSTILE {
            let lines = vec![text.to_string(), "next".to_string()];
            let file = syn::parse2::<syn::File>({
                let attrs = doc(&lines);
                quote!(#attrs struct S;)
            })
            .unwrap_or_else(|e| panic!("doc of {text:?} does not parse: {e}"));
            let syn::Item::Struct(s) = &file.items[0] else {
                panic!("not a struct")
            };
            assert_eq!(s.attrs.len(), 2, "one attribute per line");
            let values: Vec<String> = s
                .attrs
                .iter()
                .map(|a| match &a.meta {
                    syn::Meta::NameValue(nv) => match &nv.value {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(l),
                            ..
                        }) => l.value(),
                        _ => panic!("not a string literal"),
                    },
                    _ => panic!("not #[doc = ...]"),
                })
                .collect();
            let expected = format!(
                " {}",
                text.replace("```", "'''")
                    .replace("~~~", "'''")
                    .replace('\u{202e}', "\\u{202e}")
            );
            assert_eq!(values[0], expected);
            assert_eq!(values[1], " next");
            assert!(!values[0].contains("```") && !values[0].contains("~~~"));
        }
    }

    #[test]
    fn prose_links_nothing_but_its_urls() {
        assert_eq!(prose("see [s] and <id>"), "see \\[s\\] and \\<id\\>");
        assert_eq!(prose("code `a<b>[c]` stays"), "code `a<b>[c]` stays");
        assert_eq!(
            prose("at https://graph.microsoft.com/v1.0/me. Then"),
            "at <https://graph.microsoft.com/v1.0/me>. Then"
        );
        assert_eq!(prose("(https://x.y/z)"), "(<https://x.y/z>)");
        assert_eq!(prose("邮件 [x]"), "邮件 \\[x\\]");
    }

    #[test]
    fn inner_doc_attributes_are_inner() {
        let attrs = doc_attrs(&["crate \"docs\"".to_string()], true);
        let file = syn::parse2::<syn::File>(attrs).unwrap();
        assert_eq!(file.attrs.len(), 1);
        assert!(matches!(file.attrs[0].style, syn::AttrStyle::Inner(_)));
    }
}
