//! Names of the API as the docs spell them: qualified type names relative to the root namespace
//! `microsoft.graph`, and English plurals: `singular` is the one rule for every name made from a
//! collection segment (parameters, method words, steps).

/// The namespace that type names are relative to: the format's annotations and every Graph
/// reference qualify types with it (`microsoft.graph.message`); a type of a namespace below it
/// keeps the rest (`microsoft.graph.callRecords.mediaStream` is `callRecords.mediaStream`).
pub const ROOT_NAMESPACE: &str = "microsoft.graph";

/// `microsoft.graph.message` -> `message`; `Collection(microsoft.graph.message)` -> `message`;
/// `#microsoft.graph.callRecords.session` -> `callRecords.session`; `Edm.String` -> `String`.
pub fn resource_name(odata_type: &str) -> String {
    let t = odata_type.trim();
    let t = t
        .strip_prefix("Collection(")
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(t)
        .trim()
        .trim_start_matches('#');
    let root = t
        .get(..ROOT_NAMESPACE.len() + 1)
        .filter(|p| p.eq_ignore_ascii_case(&format!("{ROOT_NAMESPACE}.")));
    match root {
        Some(prefix) => t.get(prefix.len()..).unwrap_or_default().to_string(),
        None => t.rsplit('.').next().unwrap_or(t).to_string(),
    }
}

/// A type's name from its namespace and its short name: `callRecords.session` for `session`
/// in `microsoft.graph.callRecords`.
pub fn qualified(namespace: Option<&str>, name: &str) -> String {
    match namespace {
        Some(ns) => resource_name(&format!("{ns}.{name}")),
        None => name.to_string(),
    }
}

/// A page's file name without its folder and `.md` (`api/message-send.md` -> `message-send`):
/// what operation ids, resource titles and call names fall back to.
pub fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// The id of an operation whose id another operation has: its page's file name appended
/// (`create_mail_folder_user_post_mailfolders`).
pub fn disambiguated_id(id: &str, page: &str) -> String {
    use heck::ToSnakeCase;
    format!("{id} {}", file_stem(page)).to_snake_case()
}

/// A type's name as a key: type names are one name whatever their case (`emailAddress`, the
/// page `emailaddress.md`, the annotation `microsoft.graph.EmailAddress`). The one rule of type
/// name identity; `NameKey` compares by it without folding into a new string.
pub fn fold(name: &str) -> String {
    name.to_lowercase()
}

/// A borrowed type name that compares, orders and looks up as its `fold`: maps keyed by it
/// iterate in the order of the folded names, and a lookup allocates nothing.
#[derive(Debug, Clone, Copy)]
pub struct NameKey<'a>(pub &'a str);

impl<'a> Ord for NameKey<'a> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Type names are ASCII but for a few translated ones: compare ASCII bytes folded, and
        // only from the first non-ASCII byte on by the full fold. An ASCII byte is one char
        // whose fold is one byte, so the equal prefix ends on a char boundary of both.
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        let mut i = 0;
        for (x, y) in a.iter().zip(b) {
            if !x.is_ascii() || !y.is_ascii() {
                break;
            }
            match x.to_ascii_lowercase().cmp(&y.to_ascii_lowercase()) {
                std::cmp::Ordering::Equal => i += 1,
                unequal => return unequal,
            }
        }
        let rest = |s: &'a str| {
            s.get(i..)
                .unwrap_or_default()
                .chars()
                .flat_map(char::to_lowercase)
        };
        rest(self.0).cmp(rest(other.0))
    }
}

impl PartialOrd for NameKey<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for NameKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for NameKey<'_> {}

/// The singular of an English plural (`policies` -> `policy`, `classes` -> `class`, `boxes` ->
/// `box`, `messages` -> `message`): the one rule for every name made from a collection's segment.
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    // Latin and Greek words: `series` is its own singular, `statuses` and `aliases` drop `es`.
    if lower.ends_with("series") {
        return word.to_string();
    }
    if lower.ends_with("tuses") || lower.ends_with("iases") {
        return word.get(..word.len() - 2).unwrap_or(word).to_string();
    }
    if let Some(s) = word.strip_suffix("ies") {
        format!("{s}y")
    } else if word.ends_with("ss") {
        word.to_string()
    } else if let Some((stem, kept)) =
        [("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")]
            .iter()
            .find_map(|(end, kept)| word.strip_suffix(end).map(|stem| (stem, kept)))
    {
        format!("{stem}{kept}")
    } else if let Some(s) = word.strip_suffix('s') {
        s.to_string()
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{fold, singular, NameKey};

    #[test]
    fn name_keys_compare_as_their_fold() {
        let names = [
            "emailAddress",
            "EMAILADDRESS",
            "email",
            "Emailaddresses",
            "É",
            "émail",
            "Émailaddress",
            "emailÉ",
            "e",
            "",
            "Z",
        ];
        for a in names {
            for b in names {
                assert_eq!(
                    NameKey(a).cmp(&NameKey(b)),
                    fold(a).cmp(&fold(b)),
                    "{a} {b}"
                );
            }
        }
        assert_eq!(NameKey("emailAddress"), NameKey("emailaddress"));
        assert_ne!(NameKey("email"), NameKey("emailaddress"));
    }

    #[test]
    fn plurals_of_segments_become_singular() {
        for (plural, one) in [
            ("policies", "policy"),
            ("messages", "message"),
            ("classes", "class"),
            ("addresses", "address"),
            ("mailboxes", "mailbox"),
            ("batches", "batch"),
            ("pushes", "push"),
            ("access", "access"),
            ("me", "me"),
            ("userStatuses", "userStatus"),
            ("aliases", "alias"),
            ("series", "series"),
            ("timeSeries", "timeSeries"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
        }
    }
}
