//! Diagnostics: located findings with stable codes, rendered like rustc.

use serde::Serialize;
use std::fmt;

/// A place in a docs page: the page path relative to the docs root, 1-based line and column
/// in the page as written on disk (before localized spans are resolved).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub col: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// Stable diagnostic codes. The string form is what users see and suppress; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "&'static str")]
pub enum Code {
    /// The docs folder or a page could not be read.
    UnreadablePage,
    /// An annotation comment is not JSON even after lenient repairs.
    InvalidAnnotationJson,
    /// An annotation names a blockType the generator does not know.
    UnknownBlockType,
    /// An annotation is separated from its fence by prose.
    AnnotationNotBeforeFence,
    /// A request block could not be parsed as an HTTP request.
    InvalidRequestBlock,
    /// A response block could not be parsed as an HTTP response.
    InvalidResponseBlock,
    /// An example body is not JSON even after lenient repairs.
    ExampleBodyInvalidJson,
    /// A request example has no response example.
    UnpairedRequest,
    /// A response example has no request example.
    UnpairedResponse,
    /// The Response prose and an example response disagree on the success status.
    StatusMismatch,
    /// No success status is documented in prose or examples.
    MissingSuccessStatus,
    /// An example request URL matches none of the page's path templates.
    ExampleUrlMatchesNoTemplate,
    /// The permissions table and another scope source disagree.
    ScopesMismatch,
    /// An operation documents no scopes at all.
    MissingScopes,
    /// Two pages produce the same operation name.
    DuplicateOperation,
    /// A page describes an operation but has no usable HTTP request template.
    MissingTemplate,
    /// A 202/204 example response shows a body.
    ResponseBodyOnNoContent,
    /// A type named in a table or annotation is not documented.
    UnknownTypeReference,
}

impl Code {
    pub const ALL: &'static [Code] = &[
        Code::UnreadablePage,
        Code::InvalidAnnotationJson,
        Code::UnknownBlockType,
        Code::AnnotationNotBeforeFence,
        Code::InvalidRequestBlock,
        Code::InvalidResponseBlock,
        Code::ExampleBodyInvalidJson,
        Code::UnpairedRequest,
        Code::UnpairedResponse,
        Code::StatusMismatch,
        Code::MissingSuccessStatus,
        Code::ExampleUrlMatchesNoTemplate,
        Code::ScopesMismatch,
        Code::MissingScopes,
        Code::DuplicateOperation,
        Code::MissingTemplate,
        Code::ResponseBodyOnNoContent,
        Code::UnknownTypeReference,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnreadablePage => "unreadable-page",
            Code::InvalidAnnotationJson => "invalid-annotation-json",
            Code::UnknownBlockType => "unknown-block-type",
            Code::AnnotationNotBeforeFence => "annotation-not-before-fence",
            Code::InvalidRequestBlock => "invalid-request-block",
            Code::InvalidResponseBlock => "invalid-response-block",
            Code::ExampleBodyInvalidJson => "example-body-invalid-json",
            Code::UnpairedRequest => "unpaired-request",
            Code::UnpairedResponse => "unpaired-response",
            Code::StatusMismatch => "status-mismatch",
            Code::MissingSuccessStatus => "missing-success-status",
            Code::ExampleUrlMatchesNoTemplate => "example-url-matches-no-template",
            Code::ScopesMismatch => "scopes-mismatch",
            Code::MissingScopes => "missing-scopes",
            Code::DuplicateOperation => "duplicate-operation",
            Code::MissingTemplate => "missing-template",
            Code::ResponseBodyOnNoContent => "response-body-on-no-content",
            Code::UnknownTypeReference => "unknown-type-reference",
        }
    }

    /// Errors stop `codegen` with a failing exit; everything else is a warning.
    pub fn severity(self) -> Severity {
        match self {
            Code::UnreadablePage => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

impl From<Code> for &'static str {
    fn from(c: Code) -> Self {
        c.as_str()
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A second place that takes part in a finding (the other side of a contradiction).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Note {
    pub location: Location,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub location: Location,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub notes: Vec<Note>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            code,
            severity: code.severity(),
            message: message.into(),
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn note(mut self, location: Location, message: impl Into<String>) -> Self {
        self.notes.push(Note {
            location,
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `root/path:line:col: warning[code]: message`, then one indented line per note and help.
    /// `root` is the docs folder as the user named it, so the locations open in an editor.
    pub fn render(&self, root: &str) -> String {
        let join = |l: &Location| {
            if root.is_empty() {
                l.to_string()
            } else {
                format!("{}/{}", root.trim_end_matches('/'), l)
            }
        };
        let mut out = format!(
            "{}: {}[{}]: {}",
            join(&self.location),
            self.severity,
            self.code,
            self.message
        );
        for n in &self.notes {
            out.push_str(&format!(
                "\n  --> {}: note: {}",
                join(&n.location),
                n.message
            ));
        }
        if let Some(h) = &self.help {
            out.push_str(&format!("\n  = help: {h}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rustc_style_with_notes() {
        let at = |line| Location {
            file: "api/x.md".into(),
            line,
            col: 3,
        };
        let d = Diagnostic::new(Code::StatusMismatch, at(44), "example says 200")
            .note(at(22), "prose says 202")
            .help("make them agree");
        assert_eq!(
            d.render("docs"),
            "docs/api/x.md:44:3: warning[status-mismatch]: example says 200\n  --> docs/api/x.md:22:3: note: prose says 202\n  = help: make them agree"
        );
    }

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{c} twice");
        }
    }
}
