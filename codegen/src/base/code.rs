//! The diagnostic codes, defined once: each row of `codes!` gives the variant, the stable name users
//! see and suppress, the severity and the catalogue's explanation. The enum, `ALL`, parsing,
//! `as_str`, `severity`, `explain` and CHECKS.md (`catalogue()`, `cargo xtask checks`,
//! stale-tested) all come from this table, so none can drift.

use serde::Serialize;
use std::fmt;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The docs are wrong in a way that makes the generated client wrong; fails `--check`.
    Error,
    /// The docs are likely wrong or incomplete; the client is generated as documented.
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

/// What a check looks for, a minimal case, and how a writer fixes it.
#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    /// When the check fires.
    pub trigger: &'static str,
    /// A minimal case that fires it.
    pub example: &'static str,
    /// What a writer does about it.
    pub fix: &'static str,
}

macro_rules! codes {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $name:literal, $severity:ident,
            trigger: $trigger:literal,
            example: $example:literal,
            fix: $fix:literal;
    )*) => {
        /// Stable diagnostic codes. The string form is what users see and suppress; never rename one.
        /// The order of the variants is the order of diagnostics at one place and of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(into = "&'static str")]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable name (`status-mismatch`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// Errors stop `codegen` with a failing exit; notes never fail a run.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// The catalogue entry of the code.
            pub fn explain(self) -> Explanation {
                match self {
                    $(Code::$variant => Explanation {
                        trigger: $trigger,
                        example: $example,
                        fix: $fix,
                    },)*
                }
            }

            /// The code of a stable name, as users write it in suppressions and `--deny`.
            pub fn parse(name: &str) -> Option<Code> {
                match name {
                    $($name => Some(Code::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

codes! {
    /// The docs folder or a page could not be read.
    UnreadablePage = "unreadable-page", Error,
        trigger: "A page cannot be read (permissions, not UTF-8).",
        example: "a page saved as UTF-16",
        fix: "Save the page as UTF-8.";
    /// An annotation comment is not JSON even after lenient repairs.
    InvalidAnnotationJson = "invalid-annotation-json", Warning,
        trigger: "An `<!-- { ... } -->` annotation is not JSON even after the usual repairs (trailing commas, comments, raw line breaks).",
        example: "`<!-- { \"blockType\": \"request\" \"name\": \"x\" } -->` (missing comma)",
        fix: "Fix the JSON; until then the block below is read as if it had no annotation.";
    /// An annotation names a blockType the generator does not know.
    UnknownBlockType = "unknown-block-type", Warning,
        trigger: "An annotation's `blockType` is none of request, response, ignored, resource, example, samples.",
        example: "`\"blockType\": \"requets\"`",
        fix: "Use one of the known block types.";
    /// An annotation is separated from its fence by prose.
    AnnotationNotBeforeFence = "annotation-not-before-fence", Warning,
        trigger: "Prose stands between an annotation and the code block it describes.",
        example: "`<!-- { \"blockType\": \"ignored\" } -->`, then a caption line, then the fence",
        fix: "Move the prose above the annotation.";
    /// A request block could not be parsed as an HTTP request.
    InvalidRequestBlock = "invalid-request-block", Warning,
        trigger: "A request block does not start with `METHOD URL`.",
        example: "a `request` block starting with `Content-Type: application/json`",
        fix: "Start the block with the request line.";
    /// A response block could not be parsed as an HTTP response.
    InvalidResponseBlock = "invalid-response-block", Warning,
        trigger: "A response block does not start with a status line.",
        example: "a `response` block starting with `POST https://...`",
        fix: "Start the block with `HTTP/1.1 <status> <reason>`.";
    /// An example body is not JSON even after lenient repairs.
    ExampleBodyInvalidJson = "example-body-invalid-json", Warning,
        trigger: "A JSON example body cannot be read even leniently.",
        example: "`{ \"a\": 1 \"b\": 2 }`",
        fix: "Fix the JSON (the location points at the first error).";
    /// A request example has no response example.
    UnpairedRequest = "unpaired-request", Warning,
        trigger: "A request example has no response example.",
        example: "a request block at the end of a page",
        fix: "Add the response, with the request's `name`.";
    /// A response example has no request example.
    UnpairedResponse = "unpaired-response", Warning,
        trigger: "A response example has no request example before it or by name.",
        example: "a response block after an `ignored` request block",
        fix: "Give the response the `name` of its request, or annotate the request as `request`.";
    /// The Response prose and an example response disagree on the success status.
    StatusMismatch = "status-mismatch", Warning,
        trigger: "The Response prose names one success status and an example response shows another. The prose wins: the client and its tests follow it.",
        example: "prose `202 Accepted`, example `HTTP/1.1 200 OK`",
        fix: "Make the example's status line match the prose, or correct the prose.";
    /// No success status is documented in prose or examples.
    MissingSuccessStatus = "missing-success-status", Warning,
        trigger: "Neither the Response prose nor any example names a 2xx status.",
        example: "a Response section that says only `This method returns the item.`",
        fix: "Say which status a success returns, e.g. `200 OK`.";
    /// An example request URL matches none of the page's path templates.
    ExampleUrlMatchesNoTemplate = "example-url-matches-no-template", Warning,
        trigger: "An example request's method and path match none of the page's HTTP request templates; it gets no conformance test.",
        example: "template `GET /me/events/{id}`, example `GET /me/calendar/events/1`",
        fix: "Add the template to the HTTP request block, or fix the example URL.";
    /// The permissions table and another scope source disagree.
    ScopesMismatch = "scopes-mismatch", Warning,
        trigger: "The request annotation's `scopes` (or the older prose form) names a scope the permissions table does not. The table wins.",
        example: "table `Mail.Send`, annotation `\"scopes\": \"mail.readwrite\"`",
        fix: "Make the annotation agree with the table, or drop it.";
    /// An operation documents no scopes at all.
    MissingScopes = "missing-scopes", Warning,
        trigger: "An operation documents no scope in a table, the prose or an annotation.",
        example: "a page without a Permissions section",
        fix: "Add a permissions table with one row per permission type.";
    /// Two pages produce the same operation name.
    DuplicateOperation = "duplicate-operation", Warning,
        trigger: "Two pages have the same title, so their operations would get the same name; the later one gets its file name appended.",
        example: "two pages titled `Get user`",
        fix: "Give the pages distinct titles.";
    /// A page describes an operation but has no usable HTTP request template.
    MissingTemplate = "missing-template", Warning,
        trigger: "A page with examples has no request line in an `HTTP request` section.",
        example: "an overview page with a request example",
        fix: "Add an `HTTP request` section with the path templates.";
    /// A 202/204 example response shows a body.
    ResponseBodyOnNoContent = "response-body-on-no-content", Warning,
        trigger: "A `202` or `204` example response shows a body.",
        example: "`HTTP/1.1 204 No Content` followed by JSON",
        fix: "Remove the body or correct the status.";
    /// A type named in a table or annotation is not documented.
    UnknownTypeReference = "unknown-type-reference", Warning,
        trigger: "A property, relationship or response annotation names a type that no page documents; it is generated as untyped JSON.",
        example: "property type `[dayOfWeek](dayofweek.md)` without a `dayOfWeek` page or enum table",
        fix: "Document the type, or fix the name.";
    /// Two request examples of a page share a name.
    DuplicateExampleName = "duplicate-example-name", Warning,
        trigger: "Two request examples of a page share a `name`, so responses pair ambiguously.",
        example: "three requests named `chat_sendactivitynotification`",
        fix: "Give each example its own name.";
    /// A path template that no example exercises.
    TemplateWithoutExample = "template-without-example", Note,
        trigger: "A path template that no example exercises (a note: generation still tests the request shape).",
        example: "`GET /users/{id}/messages` with examples only for `/me/messages`",
        fix: "Add an example for it, if it behaves differently.";
    /// An example body has a property its resource does not document.
    ExamplePropertyNotInResource = "example-property-not-in-resource", Warning,
        trigger: "An example body has a property that its resource (and base types) does not document, and the resource is not an open type.",
        example: "a `message` response with `\"importanceLevel\": \"high\"`",
        fix: "Document the property or fix the example.";
    /// An example body gives a property a value of another type than documented.
    ExamplePropertyTypeMismatch = "example-property-type-mismatch", Warning,
        trigger: "An example body gives a documented property a value of another JSON kind than its type (`null` always fits).",
        example: "`\"isRead\": \"true\"` where `isRead` is `Boolean`",
        fix: "Fix the example value or the documented type.";
    /// An example request body leaves out a member its request body table says is required.
    ExampleMissingRequiredProperty = "example-missing-required-property", Warning,
        trigger: "An example request body leaves out a member that the request body table marks `Required`. The generated body type makes that member mandatory, so the example does not decode into it.",
        example: "a `sendMail` example without `message`, where the table says `message` is required",
        fix: "Add the member to the example, or correct the table.";
    /// An example request body has a member its request body table does not list.
    ExamplePropertyNotInRequestBody = "example-property-not-in-request-body", Warning,
        trigger: "An example request body has a member that the request body table does not list (annotations such as `x@odata.bind` aside). The generated body type keeps it, but users cannot find it.",
        example: "a `sendMail` example with `\"saveToSentItem\"` where the table lists `saveToSentItems`",
        fix: "List the member in the table, or fix the example.";
    /// An example sets an OData query option that its page does not document.
    UndocumentedQueryOption = "undocumented-query-option", Note,
        trigger: "An example sets an OData query option (`$select`, `$expand`, `$filter`, `$orderby`, `$top`, `$skip`, `$search`, `$count`) that the page's query parameters section does not name. The generated client offers typed builders only for documented options, so users must fall back to `.query()` (a note).",
        example: "an example `GET /me/messages?$top=5` on a page whose section names only `$select`",
        fix: "Name the option in the Optional query parameters section, or drop it from the example.";
    /// A request example sends no body to an operation whose requests carry a JSON body.
    RequestExampleWithoutBody = "request-example-without-body", Warning,
        trigger: "A `POST`, `PUT` or `PATCH` example has nothing after its headers, while the operation's other examples give it a JSON body.",
        example: "`POST .../channels/{id}/members` with nothing after the request line",
        fix: "Show the body the request sends.";
    /// A resource's JSON representation and its properties table disagree.
    ResourceTableJsonMismatch = "resource-table-json-mismatch", Warning,
        trigger: "A resource's JSON representation has a property its tables lack, or a Properties row is missing from the JSON.",
        example: "table row `subject`, JSON representation without `subject`",
        fix: "List the same properties in both.";
    /// A permissions table lacks a permission type or holds a cell that is not scopes.
    ScopesTableMalformed = "scopes-table-malformed", Warning,
        trigger: "A permissions table lacks a permission type or has a cell that is neither scopes nor `Not supported.`",
        example: "an `Application` cell that says `TODO`",
        fix: "One row per permission type, each with scope names or `Not supported.`";
    /// A suppression that silenced nothing.
    UnusedSuppression = "unused-suppression", Warning,
        trigger: "A suppression (in a page annotation's `suppressions`, or in `docgen.toml`) silenced no diagnostic.",
        example: "`\"suppressions\": [\"status-mismatch: fixed upstream\"]` on a page whose statuses agree",
        fix: "Remove the suppression.";
    /// An example calls another host than the API's: a callback or a download, not a call.
    ExampleCallsOtherHost = "example-calls-other-host", Note,
        trigger: "An example request calls another host than the one most examples call (the API's): it shows a callback the service sends or a download URL, not a call of this client, so it gets no conformance test.",
        example: "`POST https://bot.contoso.com/api/calls` in the examples of `call: answer`",
        fix: "Nothing, if the example means to show the callback; otherwise use the API's host.";
    /// A path template holds a concrete id where a placeholder belongs.
    TemplateLiteralId = "template-literal-id", Warning,
        trigger: "A path template holds a concrete GUID where a placeholder belongs. The generator reads it as a placeholder named after the segment before it.",
        example: "`DELETE /education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/{id}`",
        fix: "Write a placeholder, e.g. `/education/classes/{class-id}/assignments/{id}`.";
    /// A success response example shows no body for an operation that returns one.
    ResponseExampleWithoutBody = "response-example-without-body", Warning,
        trigger: "The operation returns a typed body (its response annotation's `@odata.type`, or another example's body), but a success response example shows none, so nothing can check that the body decodes.",
        example: "`@odata.type: microsoft.graph.onenoteOperation` over `HTTP/1.1 202 Accepted` with no body",
        fix: "Show the body, truncated if long (`\"truncated\": true`), or drop `@odata.type` when the response has no body.";
    /// A page's front matter is there but is not `key: value` YAML.
    InvalidFrontMatter = "invalid-front-matter", Warning,
        trigger: "A page starts with a `---` block that is not `key: value` YAML, so its title, `ms.prod` (its area) and `doc_type` are unknown: the page goes to the `general` area.",
        example: "`title: [unclosed` between the `---` lines",
        fix: "Fix the YAML (quote values that hold `:` or start with `[`).";
    /// Several resource pages document the same type: they are merged into one.
    ResourceDocumentedTwice = "resource-documented-twice", Warning,
        trigger: "Two resource pages document the same type (same namespace and name). The generator merges them: the page with more properties is the type's home, and members only the other page lists are added to it.",
        example: "`resources/user.md` and `resources/intune-devices-user.md`, both `microsoft.graph.user`",
        fix: "Document the type on one page and link to it from the other, or give the types distinct names.";
    /// Text in an HTTP request block is not a path template (an elision such as `...`).
    TemplateNotAPath = "template-not-a-path", Warning,
        trigger: "A request line of the HTTP request section holds text that is not a path (an elision `...` or spaces in a segment): no method is generated for it.",
        example: "`GET /sites/{site-id}/.../items`",
        fix: "Write the full path template.";
    /// A request or response annotation that no code block follows.
    AnnotationWithoutBlock = "annotation-without-block", Warning,
        trigger: "A `request` or `response` annotation is followed by no code block (another annotation, a heading or the end of the page comes first): the example it announces is missing.",
        example: "`<!-- { \"blockType\": \"response\" } -->` at the end of a page",
        fix: "Add the example's code block under it, or remove the annotation.";
    /// A translation turned a request header's name into a word of its language.
    TranslatedHeaderName = "translated-header-name", Warning,
        trigger: "A request headers table names a standard header in translation (`Autorização` for `Authorization`, `承諾` for `Accept`); a header's name is the same in every language. The header is read as the one it translates.",
        example: "`| Autorização | {token} de portador. Obrigatório. |`",
        fix: "Write the header's name as HTTP does.";
    /// A translated page documents another API than the English page it was translated from.
    TranslationDiffers = "translation-differs", Warning,
        trigger: "With the English source given (`--source-docs`), a translated page's language-neutral IR (operations, templates, parameters, scopes, status, shapes, properties, types, examples) differs from its English page's.",
        example: "a permissions table that lost its `Application` row in translation",
        fix: "Correct the translation (or the English page) so both document the same API.";
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back_to_its_code() {
        let mut seen = std::collections::BTreeSet::new();
        for &c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{c} twice");
            assert_eq!(Code::parse(c.as_str()), Some(c));
            assert!(!c.explain().trigger.is_empty());
        }
        assert_eq!(Code::parse("no-such-code"), None);
    }

    #[test]
    fn all_is_in_declaration_order() {
        // The derived order (diagnostics at one place sort by it) is the catalogue's order.
        assert!(Code::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(Code::ALL.first(), Some(&Code::UnreadablePage));
    }
}
