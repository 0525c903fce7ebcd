//! JSON as written in docs: strict first, then with the repairs that real pages need (trailing
//! commas, comments, raw control characters in strings, `...` elisions, truncated documents,
//! quotes a translation escaped as `&quot;` around a colon),
//! each repair recorded as a `Leniency` so later stages know that a body was not exactly what the
//! page said.
//!
//! Hand-written because no JSON crate accepts this mix: json5 takes comments and trailing commas but
//! rejects raw newlines in strings, `...` elisions and documents cut off mid-way.

pub use crate::ir::Leniency;
use serde_json::Value;

/// A JSON text that could not be read even leniently; line and column are 1-based in the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (line {line}, column {column})")]
pub struct JsonError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// Parses `text`, strictly if it can, else after repairs. The repairs are listed in the order of
/// `Leniency`, each once.
pub fn parse(text: &str) -> Result<(Value, Vec<Leniency>), JsonError> {
    match serde_json::from_str(text) {
        Ok(v) => Ok((v, Vec::new())),
        Err(strict) => {
            let (repaired, mut kinds) = repair(text);
            kinds.sort();
            kinds.dedup();
            if kinds.is_empty() {
                return Err(to_error(&strict));
            }
            serde_json::from_str(&repaired)
                .map(|v| (v, kinds))
                // Report the strict error: its position is in the text the writer sees.
                .map_err(|_| to_error(&strict))
        }
    }
}

fn to_error(e: &serde_json::Error) -> JsonError {
    JsonError {
        message: e.to_string(),
        line: e.line(),
        column: e.column(),
    }
}

fn repair(text: &str) -> (String, Vec<Leniency>) {
    let chars: Vec<char> = text.chars().collect();
    let mut r = Repair {
        chars: &chars,
        i: 0,
        out: String::with_capacity(text.len()),
        kinds: Vec::new(),
        stack: Vec::new(),
        in_string: false,
    };
    while let Some(&c) = chars.get(r.i) {
        if r.in_string {
            r.in_string_char(c);
        } else {
            r.outside_string(c);
        }
    }
    if r.in_string || !r.stack.is_empty() {
        r.close_truncated();
    }
    (r.out, r.kinds)
}

/// A quote as an HTML entity.
const QUOT: &str = "&quot;";

/// The repair of one text: a pass over its characters that writes strict JSON.
struct Repair<'c> {
    chars: &'c [char],
    /// The next character to read.
    i: usize,
    out: String,
    kinds: Vec<Leniency>,
    /// The closing brackets of what is open.
    stack: Vec<char>,
    in_string: bool,
}

impl Repair<'_> {
    fn at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.i + offset).copied()
    }

    /// A character inside a string: escapes are kept, raw control characters escaped.
    fn in_string_char(&mut self, c: char) {
        match c {
            '\\' => {
                self.out.push(c);
                if let Some(n) = self.at(1) {
                    self.out.push(n);
                }
                self.i += 2;
                return;
            }
            '"' => self.in_string = false,
            // `"key&quot;: ` closes the key: only before a colon, so that an HTML value's own
            // `&quot;` (`"<p class=&quot;x&quot;>"`) stays text.
            '&' if self.escaped_quote() && self.colon_after(QUOT.len()) => {
                self.kinds.push(Leniency::EscapedQuotes);
                self.in_string = false;
                self.out.push('"');
                self.i += QUOT.len();
                return;
            }
            c if (c as u32) < 0x20 => {
                self.kinds.push(Leniency::ControlCharInString);
                self.out.push_str(&format!("\\u{:04x}", c as u32));
                self.i += 1;
                return;
            }
            _ => {}
        }
        self.out.push(c);
        self.i += 1;
    }

    /// Whether `&quot;` starts at the next character.
    fn escaped_quote(&self) -> bool {
        QUOT.chars().enumerate().all(|(k, q)| self.at(k) == Some(q))
    }

    /// Whether a colon follows `offset` characters on, past white space.
    fn colon_after(&self, offset: usize) -> bool {
        let mut k = offset;
        while self.at(k).is_some_and(|c| c == ' ' || c == '\t') {
            k += 1;
        }
        self.at(k) == Some(':')
    }

    /// A character outside strings: comments and elisions dropped, trailing commas too.
    fn outside_string(&mut self, c: char) {
        match c {
            '"' => {
                self.in_string = true;
                self.out.push(c);
            }
            '&' if self.escaped_quote() => {
                self.kinds.push(Leniency::EscapedQuotes);
                self.in_string = true;
                self.out.push('"');
                self.i += QUOT.len();
                return;
            }
            '/' if self.at(1) == Some('/') => {
                self.kinds.push(Leniency::Comments);
                while self.at(0).is_some_and(|c| c != '\n') {
                    self.i += 1;
                }
                return;
            }
            '/' if self.at(1) == Some('*') => {
                self.kinds.push(Leniency::Comments);
                self.i += 2;
                while self
                    .at(0)
                    .is_some_and(|c| !(c == '*' && self.at(1) == Some('/')))
                {
                    self.i += 1;
                }
                self.i += 2;
                return;
            }
            '.' if self.at(1) == Some('.') && self.at(2) == Some('.') => {
                self.elision(3);
                return;
            }
            '…' => {
                self.elision(1);
                return;
            }
            ',' => {
                let mut j = self.i + 1;
                while self.chars.get(j).is_some_and(|c| c.is_whitespace()) {
                    j += 1;
                }
                if matches!(self.chars.get(j), Some('}') | Some(']')) || j == self.chars.len() {
                    self.kinds.push(Leniency::TrailingComma);
                } else {
                    self.out.push(c);
                }
            }
            '{' | '[' => {
                self.stack.push(if c == '{' { '}' } else { ']' });
                self.out.push(c);
            }
            '}' | ']' => {
                self.stack.pop();
                self.out.push(c);
            }
            _ => self.out.push(c),
        }
        self.i += 1;
    }

    /// An elision of `len` characters (`...` or `…`), with what belongs to it.
    fn elision(&mut self, len: usize) {
        self.kinds.push(Leniency::Elision);
        self.i += len;
        skip_elision_tail(self.chars, &mut self.i, &mut self.out);
    }

    /// A text cut off mid-way: its open string and brackets are closed, a key with no value
    /// yet dropped.
    fn close_truncated(&mut self) {
        let out = &mut self.out;
        self.kinds.push(Leniency::Truncated);
        if self.in_string {
            out.push('"');
        }
        let trimmed = out.trim_end().trim_end_matches(',').len();
        out.truncate(trimmed);
        // A key with no value yet: drop it so the object can close.
        if out.ends_with(':') {
            let key = out.strip_suffix(':').unwrap_or_default();
            if let Some(q) = key.trim_end().strip_suffix('"') {
                if let Some(open) = q.rfind('"') {
                    out.truncate(open);
                    let t = out.trim_end().trim_end_matches(',').len();
                    out.truncate(t);
                }
            }
        }
        while let Some(close) = self.stack.pop() {
            out.push(close);
        }
    }
}

/// After `...`, a following comma belongs to the elided element; before a closing bracket, so
/// does the comma already written.
fn skip_elision_tail(chars: &[char], i: &mut usize, out: &mut String) {
    let mut j = *i;
    while matches!(chars.get(j), Some('.' | '…')) {
        j += 1;
    }
    while matches!(chars.get(j), Some(' ' | '\t')) {
        j += 1;
    }
    if chars.get(j) == Some(&',') {
        j += 1;
    }
    *i = j;
    let next = chars.iter().skip(j).find(|c| !c.is_whitespace());
    if matches!(next, Some('}') | Some(']') | None) {
        let keep = out.trim_end().trim_end_matches(',').len();
        out.truncate(keep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strict_json_has_no_leniency() {
        assert_eq!(
            parse(r#"{"a": [1, 2]}"#).unwrap(),
            (json!({"a": [1, 2]}), vec![])
        );
    }

    #[test]
    fn trailing_commas_comments_and_raw_newlines() {
        let (v, k) = parse("{\n \"a\": 1, // one\n \"b\": \"x\ny\",\n}").unwrap();
        assert_eq!(v, json!({"a": 1, "b": "x\ny"}));
        assert_eq!(
            k,
            vec![
                Leniency::TrailingComma,
                Leniency::Comments,
                Leniency::ControlCharInString
            ]
        );
    }

    #[test]
    fn elisions_in_arrays_and_objects() {
        let (v, k) = parse("{\"value\": [ {\"id\": \"1\"}, ... ], ...\n}").unwrap();
        assert_eq!(v, json!({"value": [{"id": "1"}]}));
        assert!(k.contains(&Leniency::Elision));
    }

    #[test]
    fn truncated_document_is_closed() {
        let (v, k) = parse("{\"value\": [ {\"id\": \"1\", \"name\":").unwrap();
        assert_eq!(v, json!({"value": [{"id": "1"}]}));
        assert_eq!(k, vec![Leniency::Truncated]);
    }

    #[test]
    fn garbage_is_an_error_with_a_position() {
        let e = parse("{\n  \"a\" 1\n}").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn quotes_escaped_around_a_colon_are_quotes() {
        let (v, k) = parse(
            "{\"blockType\": \"resource\", \"@odata.type&quot;: &quot;microsoft.graph.listItem\"}",
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"blockType": "resource", "@odata.type": "microsoft.graph.listItem"})
        );
        assert_eq!(k, vec![Leniency::EscapedQuotes]);
        // An HTML value's own entities stay text, whatever else the body needs repaired.
        let (v, _) = parse("{\"content\": \"<p class=&quot;x&quot;>\",}").unwrap();
        assert_eq!(v, json!({"content": "<p class=&quot;x&quot;>"}));
    }

    #[test]
    fn dots_inside_strings_are_kept() {
        let (v, k) = parse(r#"{"a": "wait..."}"#).unwrap();
        assert_eq!(v, json!({"a": "wait..."}));
        assert!(k.is_empty());
    }
}
