//! Rust names derived from documented names: deterministic, ASCII, never a keyword.

use crate::ir::template::Part;
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

/// `base`, or `base<sep>2`, `base<sep>3`... : the first not in `used`, which it is added to.
pub fn unique(base: &str, sep: &str, used: &mut std::collections::BTreeSet<String>) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while !used.insert(name.clone()) {
        name = format!("{base}{sep}{n}");
        n += 1;
    }
    name
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

const CRUD: &[&str] = &[
    "list", "get", "create", "update", "delete", "add", "remove", "replace", "upsert",
];
const ARTICLES: &[&str] = &["a", "an", "the"];

use crate::ir::names::singular as singular_word;

/// The resource an operation acts on and what it does, as a reader of the docs would guess them:
/// `message: send` -> (`message`, `send`); `List messages` -> (`message`, `list`); otherwise the
/// page's file name, `driveitem-get-content` -> (`driveitem`, `get_content`). `resource` names a
/// documented resource (any case, singular or plural) when there is one, so groups use the
/// resource's own spelling.
pub fn group_and_action(
    op: &Operation,
    resource: impl Fn(&str) -> Option<String>,
) -> (String, String) {
    let title = op.title.trim();
    let known = |name: &str| {
        let joined: String = name.split_whitespace().collect();
        resource(&joined).or_else(|| resource(&singular_word(&joined)))
    };
    if let Some((group, action)) = title.split_once(':') {
        let group = group.trim();
        // `user: sendMail` names its resource even where no page documents `user`.
        let word = !group.is_empty() && group.chars().all(|c| c.is_ascii_alphanumeric());
        if let Some(g) = known(group).or_else(|| word.then(|| group.to_string())) {
            if !action.trim().is_empty() {
                return (snake(&g), snake(action.trim()));
            }
        }
    }
    let words: Vec<&str> = title
        .split_whitespace()
        .filter(|w| !ARTICLES.contains(&w.to_ascii_lowercase().as_str()))
        .collect();
    if let Some((verb, rest)) = words.split_first() {
        let verb = verb.to_ascii_lowercase();
        if CRUD.contains(&verb.as_str()) && !rest.is_empty() && rest.len() <= 2 {
            if let Some(g) = known(&rest.join(" ")) {
                return (snake(&g), verb);
            }
        }
    }
    let stem = op
        .page
        .rsplit('/')
        .next()
        .unwrap_or(&op.page)
        .trim_end_matches(".md");
    let (first, rest) = stem.split_once(['-', '_']).unwrap_or((stem, "get"));
    let group = known(first).unwrap_or_else(|| first.to_string());
    (snake(&group), snake(rest))
}

/// One client method per path template: the first template gets the operation's action, the
/// others add what sets them apart (`/users/{id}/messages/{id}/send` -> `send_for_user`).
pub fn method_names(op: &Operation, action: &str) -> Vec<String> {
    // `move` is sanitized to `move_`; its variants are `move_for_user`, not `move__for_user`.
    let base = action.trim_end_matches('_');
    let mut names: Vec<String> = Vec::new();
    for (i, t) in op.templates.iter().enumerate() {
        let mut name = if i == 0 {
            action.to_string()
        } else {
            let words = distinguishing_words(t, &op.templates[0]);
            if words.is_empty() {
                format!("{base}_{}", i + 1)
            } else {
                format!("{base}_for_{words}")
            }
        };
        if names.contains(&name) {
            name = format!("{}_{}", name.trim_end_matches('_'), i + 1);
        }
        names.push(sanitize(&name));
    }
    names
}

/// Literal segments of `t` before the tail it shares with `first`; a collection followed by a
/// parameter is named in the singular (`users/{id}` -> `user`).
fn distinguishing_words(t: &PathTemplate, first: &PathTemplate) -> String {
    let common = t
        .segments
        .iter()
        .rev()
        .zip(first.segments.iter().rev())
        .take_while(|(a, b)| {
            crate::ir::template::segment_shape(a) == crate::ir::template::segment_shape(b)
        })
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
            singular_word(&w)
        } else {
            w
        });
    }
    words.join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(title: &str, page: &str) -> Operation {
        Operation {
            id: snake(title),
            title: title.into(),
            description: None,
            page: page.into(),
            location: crate::base::Location {
                file: page.into(),
                line: 1,
                col: 1,
            },
            templates: Vec::new(),
            scopes: Default::default(),
            success: Default::default(),
            request_body: None,
            response_body: None,
            query_parameters: Vec::new(),
            query_options: Vec::new(),
            headers: Vec::new(),
            function_parameters: Vec::new(),
            body_properties: Vec::new(),
            response_prose_page: None,
            examples: Vec::new(),
        }
    }

    #[test]
    fn groups_and_actions_come_from_titles_then_file_names() {
        let resources = |name: &str| {
            ["message", "driveItem", "user"]
                .iter()
                .find(|r| r.eq_ignore_ascii_case(name))
                .map(|r| r.to_string())
        };
        let cases = [
            ("message: send", "api/message-send.md", ("message", "send")),
            (
                "List messages",
                "api/user-list-messages.md",
                ("message", "list"),
            ),
            ("Get a message", "api/message-get.md", ("message", "get")),
            (
                "user: sendMail",
                "api/user-sendmail.md",
                ("user", "send_mail"),
            ),
            (
                "Download a file",
                "api/driveitem-get-content.md",
                ("drive_item", "get_content"),
            ),
            ("Frobnicate", "api/widget-frob.md", ("widget", "frob")),
        ];
        for (title, page, (group, action)) in cases {
            assert_eq!(
                group_and_action(&op(title, page), resources),
                (group.to_string(), action.to_string()),
                "{title}"
            );
        }
    }

    #[test]
    fn sanitizes_documented_names() {
        assert_eq!(snake("@odata.type"), "odata_type");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(camel("emailAddress"), "EmailAddress");
        assert_eq!(snake("123abc"), "_123abc");
        assert_eq!(snake("名前"), "x");
        assert_eq!(shouty("message_send"), "MESSAGE_SEND");
        let mut o = op("driveItem: move", "api/driveitem-move.md");
        o.templates = ["/me/drive/items/{id}", "/users/{id}/drive/items/{id}"]
            .iter()
            .map(|raw| crate::ir::PathTemplate {
                method: crate::base::Method::Patch,
                raw: raw.to_string(),
                segments: crate::ir::template::parse_template(raw),
                query: Vec::new(),
                params: Vec::new(),
                location: o.location.clone(),
                derived: None,
            })
            .collect();
        assert_eq!(method_names(&o, &snake("move")), ["move_", "move_for_user"]);
    }
}
