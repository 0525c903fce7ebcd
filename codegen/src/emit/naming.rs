//! Rust names derived from documented names: deterministic, ASCII, never a keyword.

use crate::http::Part;
use crate::ir::{Operation, PathTemplate};
use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keeps `[A-Za-z0-9_]`, folds every other run of characters into one `_`, never starts with a
/// digit, never is empty, and gets a trailing `_` when it would be a keyword.
pub fn sanitize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out.trim_matches('_');
    let mut out = if trimmed.is_empty() {
        "x".to_string()
    } else {
        trimmed.to_string()
    };
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

pub fn ident(name: &str) -> Ident {
    Ident::new(&sanitize(name), Span::call_site())
}

pub fn snake(name: &str) -> String {
    sanitize(&sanitize(name).to_snake_case())
}

pub fn camel(name: &str) -> String {
    sanitize(&sanitize(name).to_upper_camel_case())
}

pub fn shouty(name: &str) -> String {
    sanitize(&sanitize(name).to_shouty_snake_case())
}

/// One client method per path template: the first template gets the operation's name, the others
/// add what sets them apart (`/users/{id}/messages/{id}/send` -> `message_send_for_user`).
pub fn method_names(op: &Operation) -> Vec<String> {
    let base = snake(&op.id);
    let mut names: Vec<String> = Vec::new();
    for (i, t) in op.templates.iter().enumerate() {
        let mut name = if i == 0 {
            base.clone()
        } else {
            let words = distinguishing_words(t, &op.templates[0]);
            if words.is_empty() {
                format!("{base}_{}", i + 1)
            } else {
                format!("{base}_for_{words}")
            }
        };
        if names.contains(&name) {
            name = format!("{name}_{}", i + 1);
        }
        names.push(name);
    }
    names
}

fn shape(seg: &[Part]) -> String {
    seg.iter()
        .map(|p| match p {
            Part::Literal(l) => l.to_lowercase(),
            Part::Param(_) => "{}".to_string(),
        })
        .collect()
}

/// Literal segments of `t` before the tail it shares with `first`; a collection followed by a
/// parameter is named in the singular (`users/{id}` -> `user`).
fn distinguishing_words(t: &PathTemplate, first: &PathTemplate) -> String {
    let common = t
        .segments
        .iter()
        .rev()
        .zip(first.segments.iter().rev())
        .take_while(|(a, b)| shape(a) == shape(b))
        .count();
    let prefix = &t.segments[..t.segments.len() - common];
    let mut words = Vec::new();
    for (i, seg) in prefix.iter().enumerate() {
        let Some(Part::Literal(l)) = seg.first() else {
            continue;
        };
        if seg.len() != 1 {
            continue;
        }
        let followed_by_param = prefix
            .get(i + 1)
            .is_some_and(|n| matches!(n.as_slice(), [Part::Param(_)]));
        let w = snake(l);
        words.push(if followed_by_param {
            w.strip_suffix('s').map(str::to_string).unwrap_or(w)
        } else {
            w
        });
    }
    words.join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_documented_names() {
        assert_eq!(snake("@odata.type"), "odata_type");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(camel("emailAddress"), "EmailAddress");
        assert_eq!(snake("123abc"), "_123abc");
        assert_eq!(snake("名前"), "x");
        assert_eq!(shouty("message_send"), "MESSAGE_SEND");
    }
}
