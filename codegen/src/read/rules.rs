//! The docs' vocabulary: every word list and threshold by which `page` and `resolve` recognize
//! what a page says, in one place: section keys (read only through `Section::holds`, the one rule
//! per role; sections are a closed set of roles), table columns, status and no-body prose,
//! permission labels, query-option prose, and the thresholds of the learned words and of the
//! derivations (alias evidence and margin, shorthand evidence). Each list says which languages it
//! knows (`english`, `chinese`): a list whose `chinese` is empty is read in English only, so on a
//! translated reference the rule does not fire (anchors and code stay English there, so section
//! keys mostly do). Words are matched against lower-cased text unless a list says otherwise.
//!
//! The English words are always tried first; `page::vocabulary` learns a translation's own words
//! from the reference. Per-language lists stay only where the docs carry no signal: standard
//! request headers whose names a translation turned into words (`Autorização`, `承諾`), read as
//! the header and reported (`translated-header-name`).
//!
//! Syntax of the format itself (`://`, `.md`, `Collection(`, content types) is no vocabulary and
//! stays where it is read.

/// Words a rule looks for, by language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Words {
    pub(crate) english: &'static [&'static str],
    pub(crate) chinese: &'static [&'static str],
}

impl Words {
    const fn english(english: &'static [&'static str]) -> Words {
        Words {
            english,
            chinese: &[],
        }
    }

    /// Every word, English first.
    pub(crate) fn all(&self) -> impl Iterator<Item = &'static str> {
        self.english.iter().chain(self.chinese).copied()
    }

    /// Whether the text contains one of the words.
    pub(crate) fn in_text(&self, text: &str) -> bool {
        self.all().any(|w| text.contains(w))
    }

    /// Whether the text starts with one of the words.
    pub(crate) fn starts(&self, text: &str) -> bool {
        self.all().any(|w| text.starts_with(w))
    }

    /// Whether the text is one of the words.
    pub(crate) fn is(&self, text: &str) -> bool {
        self.all().any(|w| text == w)
    }
}

// Sections, by their keys: the anchor when the heading has one, else the lower-cased heading,
// whitespace folded.

/// The key of the section that holds an operation's templates. Every heading whose key starts
/// with it is that section (`HTTP requests`, `HTTP request (to upload a new file)`): pages with
/// one section per form of the request write them so.
pub(crate) const HTTP_REQUEST_KEY: &str = "http request";

const QUERY_PARAMETER_SECTIONS: Words = Words::english(&["query parameter", "query string"]);
const QUERY_OPTION_SECTIONS: Words = Words::english(&["query parameter"]);
const HEADER_SECTIONS: Words = Words::english(&["request header"]);
const FUNCTION_PARAMETER_SECTIONS: Words = Words::english(&[
    "function parameter",
    "path parameter",
    "parameters",
    "request parameter",
]);
const REQUEST_BODY_SECTIONS: Words = Words::english(&["request body"]);
const RESPONSE_SECTIONS: Words = Words::english(&["response"]);
const PROPERTY_SECTIONS: Words = Words::english(&["properties"]);
const RELATIONSHIP_SECTIONS: Words = Words::english(&["relationships"]);
const METHOD_SECTIONS: Words = Words::english(&["methods"]);
const ENUM_MEMBER_SECTIONS: Words = Words::english(&["member"]);
const EXAMPLE_SECTIONS: Words = Words::english(&["example", "request", "response"]);
/// Intune pages put the permissions table under `Prerequisites`.
const PERMISSION_SECTIONS: Words = Words::english(&["permissions", "prerequisites"]);

/// The sections the model reads, each with the rule its key is recognized by. They are roles,
/// not a partition: a key may hold several (`optional query parameters` lists query
/// parameters, and its words also say `parameters`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// Before the page's first `##` heading: the title, the namespace line, the description.
    Preamble,
    /// The operation's path templates.
    HttpRequest,
    /// Tables of query parameters.
    QueryParameters,
    /// Tables and prose naming the OData query options an operation supports.
    QueryOptions,
    /// Tables of request headers.
    RequestHeaders,
    /// Tables of the parameters of a function or a path.
    FunctionParameters,
    /// Tables of a request body's members, and its prose.
    RequestBody,
    /// Prose about the response (its status, its body).
    Response,
    /// A resource's properties table.
    Properties,
    /// A resource's relationships table.
    Relationships,
    /// A resource's methods table.
    Methods,
    /// An enum page's members table.
    EnumMembers,
    /// Examples: their unannotated request blocks are examples, not templates (by the start of
    /// the key).
    Examples,
    /// The permissions table (by its anchor on a translated page).
    Permissions,
}

impl Section {
    /// Whether the section with this key has the role.
    pub(crate) fn holds(self, key: &str) -> bool {
        match self {
            Section::Preamble => key.is_empty(),
            Section::HttpRequest => key == HTTP_REQUEST_KEY,
            Section::QueryParameters => QUERY_PARAMETER_SECTIONS.in_text(key),
            Section::QueryOptions => QUERY_OPTION_SECTIONS.in_text(key),
            Section::RequestHeaders => HEADER_SECTIONS.in_text(key),
            Section::FunctionParameters => FUNCTION_PARAMETER_SECTIONS.in_text(key),
            Section::RequestBody => REQUEST_BODY_SECTIONS.in_text(key),
            Section::Response => RESPONSE_SECTIONS.is(key),
            Section::Properties => PROPERTY_SECTIONS.is(key),
            Section::Relationships => RELATIONSHIP_SECTIONS.is(key),
            Section::Methods => METHOD_SECTIONS.is(key),
            Section::EnumMembers => ENUM_MEMBER_SECTIONS.in_text(key),
            Section::Examples => EXAMPLE_SECTIONS.starts(key),
            Section::Permissions => PERMISSION_SECTIONS.is(key),
        }
    }
}

// Columns of a parameter table (query parameters, headers, body members).

/// The name column; else the first.
pub(crate) const PARAMETER_NAME_COLUMN: Words =
    Words::english(&["name", "parameter", "property", "header"]);
pub(crate) const PARAMETER_TYPE_COLUMN: Words = Words::english(&["type"]);
pub(crate) const PARAMETER_DESCRIPTION_COLUMN: Words = Words::english(&["description", "value"]);
pub(crate) const PARAMETER_REQUIRED_COLUMN: Words = Words::english(&["required"]);
/// Cells of the required column that say yes (the whole cell, lower-cased).
pub(crate) const REQUIRED_VALUES: Words = Words::english(&["yes", "true", "required"]);
/// The start of a description that says the parameter is required (lower-cased).
pub(crate) const REQUIRED_DESCRIPTION_START: Words = Words::english(&["required"]);
/// Said anywhere in a description, as written (not lower-cased).
pub(crate) const REQUIRED_MARK: Words = Words::english(&["Required."]);

/// Words that make a header optional in its row.
pub(crate) const OPTIONAL_WORDS: Words = Words::english(&["optional", "not required"]);

/// The longest sentence of a row that reads as a mark (`Optional.`, `省略可能。`) rather than
/// as a description, in characters.
pub(crate) const MARK_CHARS: usize = 10;

/// Request headers the client sets itself (lower case): no call takes them as arguments.
pub(crate) const CLIENT_HEADERS: Words =
    Words::english(&["authorization", "content-type", "content-length"]);

/// A table whose first header says this is a permissions table, not a parameter table.
pub(crate) const PERMISSION_HEADER: Words = Words::english(&["permission"]);

// Columns of a resource's Properties and Relationships tables. Translated headers without span
// pairs also fall back to the usual column order.

pub(crate) const PROPERTY_NAME_COLUMN: Words = Words {
    english: &["propert", "relationship", "name"],
    chinese: &["属性", "关系", "名称"],
};
pub(crate) const PROPERTY_TYPE_COLUMN: Words = Words {
    english: &["type"],
    chinese: &["类型"],
};
pub(crate) const PROPERTY_DESCRIPTION_COLUMN: Words = Words {
    english: &["description"],
    chinese: &["说明"],
};

// Columns of a resource's Methods table.

pub(crate) const METHOD_RETURN_COLUMN: Words = Words::english(&["return"]);
pub(crate) const METHOD_DESCRIPTION_COLUMN: Words = Words::english(&["description"]);

// The response prose.

/// Words of a sentence that claims a status (`returns a 202 Accepted response code`).
pub(crate) const STATUS_CLAIM: Words = Words {
    english: &["return", "respon"],
    chinese: &["返回", "响应"],
};
/// Phrases that say a response has no body.
/// Words of a Response paragraph that returns many values of the type it links (`a collection
/// of [page] objects`, `[todoTask] collection`).
pub(crate) const COLLECTION_PROSE: Words = Words {
    english: &["collection", "list of", "array of"],
    chinese: &["集合"],
};

/// Prose outside the Request body section that speaks of the request body.
pub(crate) const REQUEST_BODY_PROSE: Words = Words::english(&["request body"]);

pub(crate) const NO_BODY: Words = Words::english(&[
    "not return anything",
    "no response body",
    "returns no content",
]);
/// A sentence that says the operation supports the OData query parameters: all of `all`, none
/// of `not`.
pub(crate) const QUERY_SUPPORT_ALL: Words = Words::english(&["odata query parameter", "support"]);
pub(crate) const QUERY_SUPPORT_NOT: Words = Words::english(&["not support"]);
/// The docs' page on the OData query parameters, as links write it: a sentence of the query
/// parameters section that links to it says the operation supports them, in any language.
pub(crate) const QUERY_PARAMETERS_PAGE: &[&str] = &["query-parameters", "query_parameters"];
/// The protocol's name, which no translation changes (lower-cased).
pub(crate) const ODATA: &str = "odata";
/// Words that make such a sentence's list of options examples, not the whole list
/// (`supports the OData query parameters ..., including $search, $count and $filter`).
pub(crate) const QUERY_SUPPORT_OPEN: Words = Words::english(&["including", "such as"]);

// The permissions table.

/// Cells that say a permission type is not supported (`Not supported.`, `None`).
pub(crate) const NOT_SUPPORTED: Words = Words::english(&["not supported", "not applicable"]);
pub(crate) const NOT_SUPPORTED_START: Words = Words::english(&["none"]);
/// Labels of the permission types.
pub(crate) const DELEGATED: Words = Words::english(&["delegated"]);
pub(crate) const PERSONAL: Words = Words::english(&["personal"]);
pub(crate) const APPLICATION: Words = Words::english(&["application"]);
/// The permission types a permissions table has a row (or a column) for, in the order the docs
/// write them: a translated reference's labels are learned from that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum PermissionType {
    /// Delegated, work or school account.
    DelegatedWork,
    /// Delegated, personal Microsoft account.
    DelegatedPersonal,
    /// Application.
    Application,
}

impl PermissionType {
    /// In the docs' order of rows.
    pub(crate) const ALL: [PermissionType; 3] = [
        PermissionType::DelegatedWork,
        PermissionType::DelegatedPersonal,
        PermissionType::Application,
    ];

    /// The type an English label names (lower-cased), if any.
    pub(crate) fn of_english(label: &str) -> Option<PermissionType> {
        if DELEGATED.in_text(label) && PERSONAL.in_text(label) {
            Some(PermissionType::DelegatedPersonal)
        } else if DELEGATED.in_text(label) {
            Some(PermissionType::DelegatedWork)
        } else if APPLICATION.in_text(label) {
            Some(PermissionType::Application)
        } else {
            None
        }
    }
}

/// A word of a reference's own, learned from its pages (a translated permission label, a
/// `Not supported` cell), counts only when this many places write it so, and when its
/// meaning has at least this share (percent) of its votes.
pub(crate) const MIN_LEARNED_EVIDENCE: usize = 10;
pub(crate) const MIN_LEARNED_SHARE: usize = 80;
/// A learned type word must type at least this many differently named properties (an enum's
/// name types one property of several resources; `String` types hundreds).
pub(crate) const MIN_LEARNED_NAMES: usize = 3;
/// A type word whose JSON shows a type no enum shows (`true`, `"Date"`) needs this many
/// differently named properties.
pub(crate) const MIN_UNAMBIGUOUS_EVIDENCE: usize = 2;

/// The header of a table with one row per permission type.
pub(crate) const PERMISSION_TYPE_HEADER: Words = Words::english(&["permission type"]);
/// A sentence that names the scopes an operation requires (both words).
pub(crate) const SCOPES_REQUIRED: Words = Words::english(&["scopes", "required"]);

// Request headers.

/// Standard request headers as translations have written their names (machine translation
/// turned some into words of the language; a header's name is an HTTP token in every language),
/// by language: (as written, the header).
const TRANSLATED_HEADERS: &[(&str, &str)] = &[
    // Japanese.
    ("承諾", "Accept"),
    ("コンテンツの長さ", "Content-Length"),
    ("優先", "Prefer"),
    // Portuguese.
    ("Autorização", "Authorization"),
    ("Prefira", "Prefer"),
];

/// The header a translated header name stands for, if it is one.
pub(crate) fn translated_header(name: &str) -> Option<&'static str> {
    TRANSLATED_HEADERS
        .iter()
        .find(|(written, _)| *written == name.trim())
        .map(|(_, header)| *header)
}

// Page-level prose.

/// The start of a paragraph that names the page's namespace, not its description.
pub(crate) const NAMESPACE_START: Words = Words::english(&["namespace:"]);

// Thresholds of the derivations across pages.

/// Pages that document both forms of a path for at least this many operations make an alias.
pub(crate) const MIN_ALIAS_EVIDENCE: usize = 10;
/// An alias wins over the next best pair of its root only by this ratio (numerator, denominator):
/// `me`/`users` 228 operations against `me`/`groups` 73 in the English corpus.
pub(crate) const ALIAS_MARGIN: (usize, usize) = (3, 2);
/// Methods-table rows that must write a root for a longer literal path to make a shorthand.
pub(crate) const MIN_SHORTHAND_EVIDENCE: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_in_either_language() {
        assert!(STATUS_CLAIM.in_text("if successful, this method returns 202"));
        assert!(STATUS_CLAIM.in_text("如果成功，此方法返回 202"));
        assert!(!NO_BODY.in_text("returns a message object"));
        assert!(REQUIRED_VALUES.is("yes") && !REQUIRED_VALUES.is("yes, sometimes"));
        assert!(NOT_SUPPORTED_START.starts("none."));
    }

    #[test]
    fn sections_are_roles_recognized_by_their_rule() {
        let roles = |key: &str| {
            use Section::*;
            [
                Preamble,
                HttpRequest,
                QueryParameters,
                QueryOptions,
                RequestHeaders,
                FunctionParameters,
                RequestBody,
                Response,
                Properties,
                Relationships,
                Methods,
                EnumMembers,
                Examples,
                Permissions,
            ]
            .into_iter()
            .filter(|s| s.holds(key))
            .collect::<Vec<_>>()
        };
        use Section::*;
        assert_eq!(roles(""), [Preamble]);
        assert_eq!(roles(HTTP_REQUEST_KEY), [HttpRequest]);
        // One key, three roles: the tables of an optional query parameters section.
        assert_eq!(
            roles("optional query parameters"),
            [QueryParameters, QueryOptions, FunctionParameters]
        );
        // A request line shown under Request body is no template: by the start of its key.
        assert_eq!(roles("request body"), [RequestBody, Examples]);
        // Only the section itself is the response prose; an example's response is an example.
        assert_eq!(roles("response"), [Response, Examples]);
        assert_eq!(roles("example response"), [Examples]);
        assert_eq!(roles("properties"), [Properties]);
        assert_eq!(roles("enum members"), [EnumMembers]);
        assert_eq!(roles("permissions"), [Permissions]);
    }
}
