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
    /// Worth knowing, not a defect (`template-without-example`); never fails a run.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
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
    /// Two request examples of a page share a name.
    DuplicateExampleName,
    /// A path template that no example exercises.
    TemplateWithoutExample,
    /// An example body has a property its resource does not document.
    ExamplePropertyNotInResource,
    /// An example body gives a property a value of another type than documented.
    ExamplePropertyTypeMismatch,
    /// An example request body leaves out a member its request body table says is required.
    ExampleMissingRequiredProperty,
    /// An example request body has a member its request body table does not list.
    ExamplePropertyNotInRequestBody,
    /// An example sets an OData query option that its page does not document.
    UndocumentedQueryOption,
    /// A request example sends no body to an operation whose requests carry a JSON body.
    RequestExampleWithoutBody,
    /// A resource's JSON representation and its properties table disagree.
    ResourceTableJsonMismatch,
    /// A permissions table lacks a permission type or holds a cell that is not scopes.
    ScopesTableMalformed,
    /// A suppression that silenced nothing.
    UnusedSuppression,
    /// An example calls another host than the API's: a callback or a download, not a call.
    ExampleCallsOtherHost,
    /// A path template holds a concrete id where a placeholder belongs.
    TemplateLiteralId,
    /// A success response example shows no body for an operation that returns one.
    ResponseExampleWithoutBody,
    /// A page's front matter is there but is not `key: value` YAML.
    InvalidFrontMatter,
    /// Several resource pages document the same type: they are merged into one.
    ResourceDocumentedTwice,
    /// Text in an HTTP request block is not a path template (an elision such as `...`).
    TemplateNotAPath,
    /// A request or response annotation that no code block follows.
    AnnotationWithoutBlock,
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
        Code::DuplicateExampleName,
        Code::TemplateWithoutExample,
        Code::ExamplePropertyNotInResource,
        Code::ExamplePropertyTypeMismatch,
        Code::ExampleMissingRequiredProperty,
        Code::ExamplePropertyNotInRequestBody,
        Code::UndocumentedQueryOption,
        Code::RequestExampleWithoutBody,
        Code::ResourceTableJsonMismatch,
        Code::ScopesTableMalformed,
        Code::UnusedSuppression,
        Code::ExampleCallsOtherHost,
        Code::TemplateLiteralId,
        Code::ResponseExampleWithoutBody,
        Code::InvalidFrontMatter,
        Code::ResourceDocumentedTwice,
        Code::TemplateNotAPath,
        Code::AnnotationWithoutBlock,
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
            Code::ExampleCallsOtherHost => "example-calls-other-host",
            Code::TemplateLiteralId => "template-literal-id",
            Code::ResponseExampleWithoutBody => "response-example-without-body",
            Code::ScopesMismatch => "scopes-mismatch",
            Code::MissingScopes => "missing-scopes",
            Code::DuplicateOperation => "duplicate-operation",
            Code::MissingTemplate => "missing-template",
            Code::ResponseBodyOnNoContent => "response-body-on-no-content",
            Code::UnknownTypeReference => "unknown-type-reference",
            Code::DuplicateExampleName => "duplicate-example-name",
            Code::TemplateWithoutExample => "template-without-example",
            Code::ExamplePropertyNotInResource => "example-property-not-in-resource",
            Code::ExamplePropertyTypeMismatch => "example-property-type-mismatch",
            Code::ExampleMissingRequiredProperty => "example-missing-required-property",
            Code::ExamplePropertyNotInRequestBody => "example-property-not-in-request-body",
            Code::UndocumentedQueryOption => "undocumented-query-option",
            Code::RequestExampleWithoutBody => "request-example-without-body",
            Code::ResourceTableJsonMismatch => "resource-table-json-mismatch",
            Code::ScopesTableMalformed => "scopes-table-malformed",
            Code::UnusedSuppression => "unused-suppression",
            Code::InvalidFrontMatter => "invalid-front-matter",
            Code::ResourceDocumentedTwice => "resource-documented-twice",
            Code::TemplateNotAPath => "template-not-a-path",
            Code::AnnotationWithoutBlock => "annotation-without-block",
        }
    }

    /// Errors stop `codegen` with a failing exit; everything else is a warning.
    pub fn severity(self) -> Severity {
        match self {
            Code::UnreadablePage => Severity::Error,
            Code::TemplateWithoutExample
            | Code::ExampleCallsOtherHost
            | Code::UndocumentedQueryOption => Severity::Note,
            _ => Severity::Warning,
        }
    }
}

/// What a check looks for, a minimal case, and how a writer fixes it.
#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    pub trigger: &'static str,
    pub example: &'static str,
    pub fix: &'static str,
}

impl Code {
    pub fn explain(self) -> Explanation {
        let (trigger, example, fix) = match self {
            Code::UnreadablePage => (
                "A page cannot be read (permissions, not UTF-8).",
                "a page saved as UTF-16",
                "Save the page as UTF-8.",
            ),
            Code::InvalidAnnotationJson => (
                "An `<!-- { ... } -->` annotation is not JSON even after the usual repairs (trailing commas, comments, raw line breaks).",
                "`<!-- { \"blockType\": \"request\" \"name\": \"x\" } -->` (missing comma)",
                "Fix the JSON; until then the block below is read as if it had no annotation.",
            ),
            Code::UnknownBlockType => (
                "An annotation's `blockType` is none of request, response, ignored, resource, example, samples.",
                "`\"blockType\": \"requets\"`",
                "Use one of the known block types.",
            ),
            Code::AnnotationNotBeforeFence => (
                "Prose stands between an annotation and the code block it describes.",
                "`<!-- { \"blockType\": \"ignored\" } -->`, then a caption line, then the fence",
                "Move the prose above the annotation.",
            ),
            Code::InvalidRequestBlock => (
                "A request block does not start with `METHOD URL`.",
                "a `request` block starting with `Content-Type: application/json`",
                "Start the block with the request line.",
            ),
            Code::InvalidResponseBlock => (
                "A response block does not start with a status line.",
                "a `response` block starting with `POST https://...`",
                "Start the block with `HTTP/1.1 <status> <reason>`.",
            ),
            Code::ExampleBodyInvalidJson => (
                "A JSON example body cannot be read even leniently.",
                "`{ \"a\": 1 \"b\": 2 }`",
                "Fix the JSON (the location points at the first error).",
            ),
            Code::UnpairedRequest => (
                "A request example has no response example.",
                "a request block at the end of a page",
                "Add the response, with the request's `name`.",
            ),
            Code::UnpairedResponse => (
                "A response example has no request example before it or by name.",
                "a response block after an `ignored` request block",
                "Give the response the `name` of its request, or annotate the request as `request`.",
            ),
            Code::StatusMismatch => (
                "The Response prose names one success status and an example response shows another. The prose wins: the client and its tests follow it.",
                "prose `202 Accepted`, example `HTTP/1.1 200 OK`",
                "Make the example's status line match the prose, or correct the prose.",
            ),
            Code::MissingSuccessStatus => (
                "Neither the Response prose nor any example names a 2xx status.",
                "a Response section that says only `This method returns the item.`",
                "Say which status a success returns, e.g. `200 OK`.",
            ),
            Code::ExampleUrlMatchesNoTemplate => (
                "An example request's method and path match none of the page's HTTP request templates; it gets no conformance test.",
                "template `GET /me/events/{id}`, example `GET /me/calendar/events/1`",
                "Add the template to the HTTP request block, or fix the example URL.",
            ),
            Code::ExampleCallsOtherHost => (
                "An example request calls another host than the one most examples call (the API's): it shows a callback the service sends or a download URL, not a call of this client, so it gets no conformance test.",
                "`POST https://bot.contoso.com/api/calls` in the examples of `call: answer`",
                "Nothing, if the example means to show the callback; otherwise use the API's host.",
            ),
            Code::TemplateLiteralId => (
                "A path template holds a concrete GUID where a placeholder belongs. The generator reads it as a placeholder named after the segment before it.",
                "`DELETE /education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/{id}`",
                "Write a placeholder, e.g. `/education/classes/{class-id}/assignments/{id}`.",
            ),
            Code::ResponseExampleWithoutBody => (
                "The operation returns a typed body (its response annotation's `@odata.type`, or another example's body), but a success response example shows none, so nothing can check that the body decodes.",
                "`@odata.type: microsoft.graph.onenoteOperation` over `HTTP/1.1 202 Accepted` with no body",
                "Show the body, truncated if long (`\"truncated\": true`), or drop `@odata.type` when the response has no body.",
            ),
            Code::ScopesMismatch => (
                "The request annotation's `scopes` (or the older prose form) names a scope the permissions table does not. The table wins.",
                "table `Mail.Send`, annotation `\"scopes\": \"mail.readwrite\"`",
                "Make the annotation agree with the table, or drop it.",
            ),
            Code::MissingScopes => (
                "An operation documents no scope in a table, the prose or an annotation.",
                "a page without a Permissions section",
                "Add a permissions table with one row per permission type.",
            ),
            Code::DuplicateOperation => (
                "Two pages have the same title, so their operations would get the same name; the later one gets its file name appended.",
                "two pages titled `Get user`",
                "Give the pages distinct titles.",
            ),
            Code::MissingTemplate => (
                "A page with examples has no request line in an `HTTP request` section.",
                "an overview page with a request example",
                "Add an `HTTP request` section with the path templates.",
            ),
            Code::ResponseBodyOnNoContent => (
                "A `202` or `204` example response shows a body.",
                "`HTTP/1.1 204 No Content` followed by JSON",
                "Remove the body or correct the status.",
            ),
            Code::UnknownTypeReference => (
                "A property, relationship or response annotation names a type that no page documents; it is generated as untyped JSON.",
                "property type `[dayOfWeek](dayofweek.md)` without a `dayOfWeek` page or enum table",
                "Document the type, or fix the name.",
            ),
            Code::DuplicateExampleName => (
                "Two request examples of a page share a `name`, so responses pair ambiguously.",
                "three requests named `chat_sendactivitynotification`",
                "Give each example its own name.",
            ),
            Code::TemplateWithoutExample => (
                "A path template that no example exercises (a note: generation still tests the request shape).",
                "`GET /users/{id}/messages` with examples only for `/me/messages`",
                "Add an example for it, if it behaves differently.",
            ),
            Code::ExamplePropertyNotInResource => (
                "An example body has a property that its resource (and base types) does not document, and the resource is not an open type.",
                "a `message` response with `\"importanceLevel\": \"high\"`",
                "Document the property or fix the example.",
            ),
            Code::ExamplePropertyTypeMismatch => (
                "An example body gives a documented property a value of another JSON kind than its type (`null` always fits).",
                "`\"isRead\": \"true\"` where `isRead` is `Boolean`",
                "Fix the example value or the documented type.",
            ),
            Code::ExampleMissingRequiredProperty => (
                "An example request body leaves out a member that the request body table marks `Required`. The generated body type makes that member mandatory, so the example does not decode into it.",
                "a `sendMail` example without `message`, where the table says `message` is required",
                "Add the member to the example, or correct the table.",
            ),
            Code::ExamplePropertyNotInRequestBody => (
                "An example request body has a member that the request body table does not list (annotations such as `x@odata.bind` aside). The generated body type keeps it, but users cannot find it.",
                "a `sendMail` example with `\"saveToSentItem\"` where the table lists `saveToSentItems`",
                "List the member in the table, or fix the example.",
            ),
            Code::UndocumentedQueryOption => (
                "An example sets an OData query option (`$select`, `$expand`, `$filter`, `$orderby`, `$top`, `$skip`, `$search`, `$count`) that the page's query parameters section does not name. The generated client offers typed builders only for documented options, so users must fall back to `.query()` (a note).",
                "an example `GET /me/messages?$top=5` on a page whose section names only `$select`",
                "Name the option in the Optional query parameters section, or drop it from the example.",
            ),
            Code::RequestExampleWithoutBody => (
                "A `POST`, `PUT` or `PATCH` example has nothing after its headers, while the operation's other examples give it a JSON body.",
                "`POST .../channels/{id}/members` with nothing after the request line",
                "Show the body the request sends.",
            ),
            Code::ResourceTableJsonMismatch => (
                "A resource's JSON representation has a property its tables lack, or a Properties row is missing from the JSON.",
                "table row `subject`, JSON representation without `subject`",
                "List the same properties in both.",
            ),
            Code::ScopesTableMalformed => (
                "A permissions table lacks a permission type or has a cell that is neither scopes nor `Not supported.`",
                "an `Application` cell that says `TODO`",
                "One row per permission type, each with scope names or `Not supported.`",
            ),
            Code::UnusedSuppression => (
                "A suppression (in a page annotation's `suppressions`, or in `docgen.toml`) silenced no diagnostic.",
                "`\"suppressions\": [\"status-mismatch: fixed upstream\"]` on a page whose statuses agree",
                "Remove the suppression.",
            ),
            Code::InvalidFrontMatter => (
                "A page starts with a `---` block that is not `key: value` YAML, so its title, `ms.prod` (its area) and `doc_type` are unknown: the page goes to the `general` area.",
                "`title: [unclosed` between the `---` lines",
                "Fix the YAML (quote values that hold `:` or start with `[`).",
            ),
            Code::ResourceDocumentedTwice => (
                "Two resource pages document the same type (same namespace and name). The generator merges them: the page with more properties is the type's home, and members only the other page lists are added to it.",
                "`resources/user.md` and `resources/intune-devices-user.md`, both `microsoft.graph.user`",
                "Document the type on one page and link to it from the other, or give the types distinct names.",
            ),
            Code::TemplateNotAPath => (
                "A request line of the HTTP request section holds text that is not a path (an elision `...` or spaces in a segment): no method is generated for it.",
                "`GET /sites/{site-id}/.../items`",
                "Write the full path template.",
            ),
            Code::AnnotationWithoutBlock => (
                "A `request` or `response` annotation is followed by no code block (another annotation, a heading or the end of the page comes first): the example it announces is missing.",
                "`<!-- { \"blockType\": \"response\" } -->` at the end of a page",
                "Add the example's code block under it, or remove the annotation.",
            ),
        };
        Explanation {
            trigger,
            example,
            fix,
        }
    }
}

/// The catalogue of every check, as markdown: generated from the code, so it cannot drift.
pub fn catalogue() -> String {
    let mut out = String::from(
        "# Checks\n\n<!-- Generated by `cargo xtask checks > CHECKS.md`; a test fails when it is stale. -->\n\nEvery diagnostic has a stable code. `error` fails `cargo xtask codegen`; `warning` does with `--deny warnings`; `note` never does.\n\n| code | severity | triggered when | example | fix |\n|---|---|---|---|---|\n",
    );
    for c in Code::ALL {
        let e = c.explain();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            c.as_str(),
            c.severity(),
            e.trigger,
            e.example,
            e.fix
        ));
    }
    out
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
