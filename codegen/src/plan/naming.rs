//! Rust names derived from documented names: deterministic, ASCII, never a keyword. Every
//! identifier of the generated code goes through here (`sanitize`, `snake`, `camel`, `shouty`,
//! `unique`): ASCII only, no leading digit, keywords get a trailing `_`, collisions numbered in
//! the (sorted) order names are asked for.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

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

/// `base`, or `base<sep>2`, `base<sep>3`... : the first not in `used`, which it is added to. A
/// keyword's trailing `_` goes before the number (`self_` -> `self_2`, `Self_` -> `Self2`), so
/// the name keeps its case style.
pub fn unique(base: &str, sep: &str, used: &mut std::collections::BTreeSet<String>) -> String {
    let mut name = base.to_string();
    let stem = base
        .strip_suffix('_')
        .filter(|s| !s.is_empty())
        .unwrap_or(base);
    let mut n = 2;
    while !used.insert(name.clone()) {
        name = format!("{stem}{sep}{n}");
        n += 1;
    }
    name
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

/// The names of the members of one generated type, unique among themselves and the runtime's
/// own: the one rule for a model's or a body's fields and an enum's variants and arms.
pub struct Members {
    used: BTreeSet<String>,
}

impl Members {
    /// The fields of a struct: `additional_properties` is the runtime's (`object!`).
    pub fn of_struct() -> Members {
        Members {
            used: BTreeSet::from(["additional_properties".to_string()]),
        }
    }

    /// The variants of an enum table: `Unrecognized` is the runtime's (`string_enum!`).
    pub fn of_enum() -> Members {
        Members {
            used: BTreeSet::from(["Unrecognized".to_string()]),
        }
    }

    /// The arms of a polymorphic base's enum: each derived type's name.
    pub fn of_arms() -> Members {
        Members {
            used: BTreeSet::new(),
        }
    }

    /// A documented member's field: snake case, numbered after one of the same name.
    pub fn field(&mut self, documented: &str) -> String {
        unique(&snake(documented), "_", &mut self.used)
    }

    /// A documented member's variant: camel case, numbered after one of the same name.
    pub fn variant(&mut self, documented: &str) -> String {
        unique(&camel(documented), "", &mut self.used)
    }

    /// A name the generator adds (`odata_etag`, `Other`), numbered like the others.
    pub fn added(&mut self, name: &str, sep: &str) -> String {
        unique(name, sep, &mut self.used)
    }

    /// Takes `name` as it is (an arm named by its type); `false` when it is taken already.
    pub fn take(&mut self, name: &str) -> bool {
        self.used.insert(name.to_string())
    }
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
        assert_eq!(snake("move"), "move_");
    }

    #[test]
    fn numbered_names_keep_their_case_style() {
        let mut used = std::collections::BTreeSet::new();
        assert_eq!(unique(&snake("self"), "_", &mut used), "self_");
        assert_eq!(unique(&snake("Self"), "_", &mut used), "self_2");
        assert_eq!(unique(&camel("self"), "", &mut used), "Self_");
        assert_eq!(unique(&camel("Self"), "", &mut used), "Self2");
        assert_eq!(unique("a", "_", &mut used), "a");
        assert_eq!(unique("a", "_", &mut used), "a_2");
    }
}
