//! The IR: plain, serializable data describing the API as the docs state it. Every item carries the
//! location it came from; collections are sorted so the same docs give the same bytes. No
//! behaviour but its own algebra: path templates (`template`), type references (`types`), names
//! (`names`), the resource index (`index`); closed sets are enums (`Primitive`, `QueryOption`,
//! `TypedHeader`, `base::Method`), serialized as the docs write them. `stats` holds the counts the
//! report prints.
//!
//! May import: base.

use crate::base::{Located, Location, Method};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

pub mod index;
pub mod names;
pub mod pairing;
pub mod query;
pub mod stats;
pub mod template;
pub mod types;

pub use query::{QueryOption, TypedHeader};
pub use types::{Primitive, TypeRef};

pub use template::{Part, PathParam, PathTemplate, QueryPart};

/// The whole API the docs describe: its pages, operations, resources and enums.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Api {
    /// Every page read, by path.
    pub pages: Vec<PageInfo>,
    /// Every operation, by `id`.
    pub operations: Vec<Operation>,
    /// Every resource, by `name`.
    pub resources: Vec<Resource>,
    /// Every enumeration, by name, then page.
    pub enums: Vec<EnumType>,
    /// What an earlier release of the crate exposed and these docs no longer document: still
    /// in the API above, each with why (`floor`), sorted by item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deprecated: Vec<Deprecated>,
    /// Changes of these docs that would break code in place, held back until a major release:
    /// the API above keeps the shape an earlier release shipped (`floor`), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deferred: Vec<Deferred>,
    /// How the previous release named each call, by operation id and `template::call_key`:
    /// the call shape keeps a name that has shipped where it still fits (`floor`; not stored,
    /// read from the previous `api.json`).
    #[serde(skip)]
    pub shipped_calls: BTreeMap<(String, String), ShippedCall>,
    /// The Rust names of the previous release's types: a type keeps its name where the docs
    /// respell it (`teamsasyncoperation` -> `teamsAsyncOperation`); not stored, read from the
    /// previous `api.json`.
    #[serde(skip)]
    pub shipped_types: ShippedTypes,
}

/// A call as a release shipped it (`Api::shipped_calls`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShippedCall {
    /// Its chain of method names (`["me", "message", "send"]`).
    pub names: Vec<String>,
    /// The request body its method took (`plan::surface::request_type` of the operation whose
    /// method it was); empty when the release did not say.
    pub request: String,
}

impl From<Vec<String>> for ShippedCall {
    fn from(names: Vec<String>) -> ShippedCall {
        ShippedCall {
            names,
            request: String::new(),
        }
    }
}

/// The Rust names a release gave its types (`Api::shipped_types`), by folded documented name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShippedTypes {
    /// Each type's and enum's name (`Message`).
    pub types: BTreeMap<String, String>,
    /// The struct of a polymorphic base's own fields (`AttachmentBase`).
    pub bases: BTreeMap<String, String>,
}

/// A change of the docs that would break code written against an earlier release in place (a
/// property's type made precise, a body member or query option no longer documented): the
/// shipped shape stays until a major release.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Deferred {
    /// What kind of change.
    pub kind: DeferredKind,
    /// The item, as the changelog names it (`call.direction`, `list_users`).
    pub item: String,
    /// What the docs changed (`type: String -> callDirection`).
    pub change: String,
    /// Where the docs state it now.
    pub at: Location,
}

/// An item an earlier release of the generated crate exposed that the docs no longer document:
/// kept in the API, deprecated, until a major release.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Deprecated {
    /// What is deprecated.
    pub item: Shipped,
    /// Where the docs last documented it.
    pub last_documented: Location,
    /// The version of the crate whose docs last documented it.
    pub version: String,
    /// What the docs document instead, when they name it (a request: `POST /me/...`).
    pub replacement: Option<String>,
}

/// What a held-back change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeferredKind {
    /// A property's type.
    PropertyType,
    /// A property's type that the shipped one cannot hold (a scalar that became a
    /// collection): the field keeps its shipped type, decodes a value when it can, and keeps
    /// any other as sent, in `additional_properties`.
    PropertyHeld,
    /// A resource's base type (which fields it inherits, which enum it is an arm of).
    BaseType,
    /// A query option of an operation.
    QueryOption,
    /// A documented header of an operation.
    Header,
    /// A member of an operation's own body struct.
    BodyMember,
    /// What an operation's calls return.
    Returns,
    /// What an operation's calls send.
    Request,
}

impl Api {
    /// Whether property `property` of `resource` keeps a shipped type that cannot hold what the
    /// docs now document (`DeferredKind::PropertyHeld`).
    pub fn held(&self, resource: &str, property: &str) -> bool {
        self.deferred.iter().any(|d| {
            d.kind == DeferredKind::PropertyHeld
                && d.item
                    .strip_prefix(resource)
                    .and_then(|rest| rest.strip_prefix('.'))
                    == Some(property)
        })
    }

    /// Whether the shape of operation `id`'s calls (what they return or send) is the shipped
    /// one, held back from what its docs now say: its examples get no test.
    pub fn shape_deferred(&self, id: &str) -> Option<&Deferred> {
        self.deferred.iter().find(|d| {
            d.item == id && matches!(d.kind, DeferredKind::Returns | DeferredKind::Request)
        })
    }
}

/// An item of a generated crate, by what identifies it in the API.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Shipped {
    /// An operation (its info constant, body struct and calls).
    Operation {
        /// Its id.
        id: String,
    },
    /// One call of an operation.
    Call {
        /// The operation's id.
        operation: String,
        /// The call's key (`template::call_key`).
        key: String,
    },
    /// A resource type.
    Type {
        /// Its folded name.
        name: String,
    },
    /// A property of a resource type.
    Field {
        /// The type's folded name.
        ty: String,
        /// The property's wire name.
        name: String,
    },
    /// An enum.
    Enum {
        /// Its folded name.
        name: String,
    },
    /// A member of an enum.
    Member {
        /// The enum's folded name.
        ty: String,
        /// The member's wire name.
        name: String,
    },
}

impl Deprecated {
    /// What a user reads: where the docs last documented the item, and what they document
    /// instead when they name it.
    pub fn note(&self) -> String {
        let mut text = format!(
            "no longer documented: kept from version {} (documented at {}:{}) until the next major release",
            self.version, self.last_documented.file, self.last_documented.line
        );
        if let Some(to) = &self.replacement {
            text.push_str(&format!("; the docs now document `{to}`"));
        }
        text
    }
}

impl Api {
    /// Why `item` is deprecated, when it is.
    pub fn deprecation(&self, item: &Shipped) -> Option<&Deprecated> {
        self.deprecated
            .binary_search_by(|d| d.item.cmp(item))
            .ok()
            .and_then(|i| self.deprecated.get(i))
    }
}

/// What a page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// An operation: the page has an HTTP request section, or request examples of its own.
    Operation,
    /// A resource: a resource block or `doc_type: resourcePageType`, and no HTTP request section.
    Resource,
    /// Neither: a concept or enum page, for instance.
    Other,
}

/// What the IR keeps of every page read, whatever it documents.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageInfo {
    /// The page, relative to the docs root, with `/` separators.
    pub path: String,
    /// What the page documents.
    pub kind: PageKind,
    /// The text of the page's `#` heading, when it has one.
    pub title: Option<String>,
    /// The YAML front matter (`ms.prod`, `doc_type`); empty when missing or not YAML.
    pub front_matter: BTreeMap<String, String>,
    /// From the `Namespace: microsoft.graph` line.
    pub namespace: Option<String>,
    /// The first paragraph under the title.
    pub description: Option<String>,
    /// Codes the page annotation's `suppressions` silences on this page (`"code: reason"`).
    pub suppressions: Vec<Located<String>>,
    /// Localized span pairs resolved on this page (0 for a plain page).
    pub span_pairs: usize,
    /// Annotated response examples of this page in no example of the IR (they answer a request
    /// annotated `ignored`, or are unpaired): what accounts for every annotated block.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub responses_untested: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// An operation of the API, as its page documents it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Operation {
    /// snake_case name, unique in the API: the slug's words as the docs' code cases them
    /// (`list_calendar_view`), the same in every language.
    pub id: String,
    /// The anchor of the title: the slug of the English title (`list-calendarview`), which a
    /// translated page writes on its translated title.
    pub slug: String,
    /// The page title (`message: send`), else the page's file stem.
    pub title: String,
    /// The first paragraph under the title.
    pub description: Option<String>,
    /// The operation page, relative to the docs root.
    pub page: String,
    /// Where the page title is (the page start when it has none).
    pub location: Location,
    /// The path templates: those the page writes, then those `derive` adds.
    pub templates: Vec<PathTemplate>,
    /// The permissions the page documents.
    pub scopes: Scopes,
    /// The success status the page documents.
    pub success: Success,
    /// What the request body holds, when the call sends one.
    pub request_body: Option<BodyShape>,
    /// What the success response body holds, when it has one (never for `204`).
    pub response_body: Option<BodyShape>,
    /// From the query parameters table(s).
    pub query_parameters: Vec<Parameter>,
    /// The OData query options the page says the operation supports, without `$`, in the order
    /// of [`QueryOption::ALL`] (`select`, `top`).
    pub query_options: Vec<QueryOption>,
    /// From the request headers table.
    pub headers: Vec<Parameter>,
    /// From the function or path parameters table.
    pub function_parameters: Vec<Parameter>,
    /// From the request body table.
    pub body_properties: Vec<Parameter>,
    /// The resource page the Response prose links to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_prose_page: Option<String>,
    /// The page's request examples, each with its responses (none in the API a crate keeps
    /// for its next release, `api.ir.json`).
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// A row of a parameter, header or request-body table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Parameter {
    /// The Name cell, without emphasis or backticks.
    pub name: String,
    /// The type the Type cell names, when the row has one.
    pub ty: Option<TypeRef>,
    /// The Description cell; empty when the table has none.
    pub description: String,
    /// The row says `Required` (in a column or at the start of its description).
    pub required: bool,
    /// Where the row is.
    pub location: Location,
}

/// What the docs say about one permission type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "scopes")]
pub enum Permission {
    /// Any one of these scopes is enough (least privileged first, as documented).
    Scopes(Vec<String>),
    /// The docs say this permission type is not supported.
    NotSupported,
    /// The docs say nothing for this permission type.
    #[default]
    Undocumented,
}

/// The permissions an operation documents: its permissions table, the older prose, or the
/// `scopes` of a request annotation.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Scopes {
    /// Rows or cells of the permissions table that could not be read, with why.
    pub table_problems: Vec<Located<String>>,
    /// The `Delegated (work or school account)` permission type.
    pub delegated_work: Permission,
    /// The `Delegated (personal Microsoft account)` permission type.
    pub delegated_personal: Permission,
    /// The `Application` permission type.
    pub application: Permission,
    /// Where the permissions table is, when there is one.
    pub table: Option<Location>,
    /// The older prose form: "One of the following **scopes** is required ...: *Mail.Send*".
    pub prose: Option<Located<Vec<String>>>,
    /// The `scopes` key of a request annotation.
    pub annotation: Option<Located<Vec<String>>>,
}

impl Scopes {
    /// Every documented scope, any one of which may authorize the call, without repeats.
    /// The table wins; the other sources count only when there is no table.
    pub fn any_of(&self) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        let mut add = |s: &[String]| {
            for x in s {
                if !all.contains(x) {
                    all.push(x.clone());
                }
            }
        };
        if self.table.is_some() {
            for p in [
                &self.delegated_work,
                &self.delegated_personal,
                &self.application,
            ] {
                if let Permission::Scopes(s) = p {
                    add(s);
                }
            }
        } else if let Some(p) = &self.prose {
            add(&p.value);
        } else if let Some(a) = &self.annotation {
            add(&a.value);
        }
        all
    }
}

/// A success status the page states, with where it states it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatusClaim {
    /// The HTTP status code.
    pub status: u16,
    /// Where the Response prose writes its digits, or where the example response is.
    pub location: Location,
}

/// The success status of an operation: what the Response prose claims and what the
/// examples show.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Success {
    /// The documented success status: the Response prose when it names one (it is normative),
    /// else the first 2xx example response.
    pub status: Option<u16>,
    /// The 2xx status the Response prose names.
    pub prose: Option<StatusClaim>,
    /// The statuses of the 2xx example responses, in page order.
    pub examples: Vec<StatusClaim>,
    /// A `202 Accepted` that says where to follow the operation it started: the header an
    /// example response shows, else the one the Response prose names. Set too where the
    /// success is another status but the page documents a `202` beside it (`createSession`:
    /// `201 Created` with the session, or `202 Accepted` and a `Location` when it takes long).
    pub follow: Option<FollowHeader>,
}

impl Success {
    /// A download: the documented success is a redirect (`302` + Location) to the content.
    pub fn is_redirect(&self) -> bool {
        self.status.is_some_and(|s| (300..400).contains(&s))
    }

    /// A long-running operation: `202 Accepted` with a header that says where to follow it.
    pub fn is_accepted(&self) -> bool {
        self.status == Some(202) && self.follow.is_some()
    }

    /// An operation that answers with its documented success or, when it goes on in the
    /// background, with a `202 Accepted` that says where to follow it.
    pub fn may_be_accepted(&self) -> bool {
        self.status
            .is_some_and(|s| (200..300).contains(&s) && s != 202)
            && self.follow.is_some()
    }
}

/// The header of a `202 Accepted` that locates the operation's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowHeader {
    /// `Location` (Teams, drive copies, schema creation).
    Location,
    /// `Operation-Location` (OneNote copies, printers).
    OperationLocation,
}

impl FollowHeader {
    /// Every header, the more specific first (`Operation-Location` contains `Location`).
    pub const ALL: [FollowHeader; 2] = [FollowHeader::OperationLocation, FollowHeader::Location];

    /// The header's name, as HTTP writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            FollowHeader::Location => "Location",
            FollowHeader::OperationLocation => "Operation-Location",
        }
    }
}

/// What a request or response body holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyShape {
    /// Resource name as documented (`message`), when the docs name one.
    pub resource: Option<String>,
    /// The body holds a collection of the resource, not one.
    pub collection: bool,
    /// What a request body is when it is no resource's JSON.
    #[serde(default, skip_serializing_if = "BodyForm::is_json")]
    pub form: BodyForm,
}

/// The form of a request body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyForm {
    /// JSON: the resource's, or the members the page documents.
    #[default]
    Json,
    /// Always the empty object `{}`: the page documents no member and every example sends `{}`
    /// (`closeSession`: "does not require any request body").
    Empty,
    /// A reference to an entity, `{"@odata.id": url}`: what a `POST` or `PUT` of `.../$ref`
    /// sends (add an owner, set a manager).
    Reference,
}

impl BodyForm {
    /// Whether the body is JSON of a resource or of documented members.
    pub fn is_json(&self) -> bool {
        *self == BodyForm::Json
    }
}

impl BodyShape {
    /// The body is the bytes of a file (`@odata.type` `stream` or `Edm.Stream`), not JSON.
    pub fn is_stream(&self) -> bool {
        !self.collection
            && self.resource.as_deref().is_some_and(|r| {
                r.eq_ignore_ascii_case("stream") || r.eq_ignore_ascii_case("edm.stream")
            })
    }
}

/// The JSON body of an example block, read leniently.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JsonBody {
    /// The JSON value read.
    pub value: Value,
    /// Repairs needed to read it; empty for strict JSON.
    pub leniency: Vec<Leniency>,
}

/// A request example with the responses documented for it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Example {
    /// The first `name` of the request's annotation.
    pub name: Option<String>,
    /// The request block.
    pub request: ExampleRequest,
    /// The first response paired with it (by `name`, else the block right after it).
    pub response: Option<ExampleResponse>,
    /// Further responses documented for the same request (alternatives, later states).
    pub more_responses: Vec<ExampleResponse>,
}

/// A request example block, as read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExampleRequest {
    /// Where the block's content starts.
    pub location: Location,
    /// The block has an annotation whose JSON reads.
    pub annotated: bool,
    /// The HTTP method of the request line.
    pub method: Method,
    /// The URL as written.
    pub target: String,
    /// Path without host and version, as written.
    pub path: String,
    /// Query pairs, percent-decoded, in order.
    pub query: Vec<(String, String)>,
    /// Headers as written, in order.
    pub headers: Vec<(String, String)>,
    /// The body, when it is JSON that reads.
    pub body: Option<JsonBody>,
    /// The block has text after its headers, JSON or not (`body` is `None` for text that is
    /// not JSON: an image placeholder, or JSON too broken to read).
    pub writes_body: bool,
    /// The body as written when its content type says it is not JSON (`text/plain` file
    /// content): the bytes an upload sends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_body: Option<String>,
    /// Index of the page template the URL matches, with the example text for each placeholder.
    pub template: Option<(usize, Vec<String>)>,
    /// The `scopes` key of the annotation, split at whitespace.
    pub scopes: Option<Vec<String>>,
    /// The host, when the URL calls another host than the API's (a callback or a download the
    /// docs show, not a call of this API).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_host: Option<String>,
    /// The path as matched, when the example addresses an entity with the OData key syntax
    /// (`/me/events('AAMk=')`) and the template with a segment (`/me/events/{id}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_syntax_path: Option<String>,
}

/// A response example block, as read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExampleResponse {
    /// Where the block's content starts.
    pub location: Location,
    /// The block has an annotation whose JSON reads.
    pub annotated: bool,
    /// The status code of the status line.
    pub status: u16,
    /// The reason phrase of the status line (`OK`), as written.
    pub reason: String,
    /// Headers as written, in order.
    pub headers: Vec<(String, String)>,
    /// The body, when it is JSON that reads.
    pub body: Option<JsonBody>,
    /// The annotation's `@odata.type` (or `@type`) as written, e.g.
    /// `Collection(microsoft.graph.message)`; `None` for `microsoft.graph.none`.
    pub odata_type: Option<String>,
    /// The body is a collection: the annotation says `isCollection`, or its type is
    /// `Collection(...)`.
    pub collection: bool,
    /// The example shows only part of the real response: compare as a subset.
    pub truncated: bool,
    /// The annotation says the body is an error (`expectError`).
    pub expect_error: bool,
    /// The annotation says the collection is empty (`isEmpty`).
    pub is_empty: bool,
}

/// A resource or complex type, as its resource page documents it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Resource {
    /// Name as documented, relative to the root namespace `microsoft.graph` (`message`,
    /// `emailAddress`; `callRecords.mediaStream` for a type of `microsoft.graph.callRecords`).
    pub name: String,
    /// The resource annotation's `@odata.type` (`microsoft.graph.message`).
    pub odata_type: Option<String>,
    /// The page title, else the page's file stem.
    pub title: String,
    /// The first paragraph under the title.
    pub description: Option<String>,
    /// The resource page (the home page when several document it), relative to the docs root.
    pub page: String,
    /// Where the page title is (the page start when it has none).
    pub location: Location,
    /// The annotation's `baseType`, as written (`microsoft.graph.entity`).
    pub base_type: Option<String>,
    /// The annotation's `openType`: a value may hold members the docs do not list.
    pub open_type: bool,
    /// The annotation's `abstract`: every value is of a type derived from it.
    pub is_abstract: bool,
    /// The annotation's `keyProperty` (`id`).
    pub key_property: Option<String>,
    /// Properties the annotation says need not appear in responses.
    pub optional_properties: Vec<String>,
    /// From the Properties table.
    pub properties: Vec<Property>,
    /// From the Relationships table (navigation properties).
    pub relationships: Vec<Property>,
    /// From the Methods table.
    pub methods: Vec<MethodRef>,
    /// Top-level members of the JSON representation, with where it is.
    pub json_properties: Vec<String>,
    /// Where the content of the JSON representation block starts.
    pub json_location: Option<Location>,
}

/// A row of a resource's Methods table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MethodRef {
    /// The text of the row's first cell (`Get widget`).
    pub name: String,
    /// The operation page the row links to, relative to the docs root.
    pub page: Option<String>,
    /// The Return type cell, as written; empty when the table has none.
    pub return_type: String,
    /// The Description cell; empty when the table has none.
    pub description: String,
    /// The request the row writes out, when it has one (`GET /drive/root`).
    pub path: Option<String>,
}

/// A row of a resource's Properties or Relationships table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Property {
    /// The Name cell, without emphasis or backticks.
    pub name: String,
    /// The type the Type cell names.
    pub ty: TypeRef,
    /// The Description cell; empty when the table has none.
    pub description: String,
    /// Where the row is.
    pub location: Location,
    /// The page the Type cell links to (`resources/callrecords-mediastream.md`), which names the
    /// type when two namespaces document the same name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ty_page: Option<String>,
}

/// An enumeration from an enum table (`### bodyType values`) or an enum page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnumType {
    /// The name the heading gives (`bodyType`), or the first word of the enum page's title.
    pub name: String,
    /// The page, relative to the docs root.
    pub page: String,
    /// Where the table is.
    pub location: Location,
    /// The table's rows, in order.
    pub members: Vec<EnumMember>,
}

/// A row of an enum table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnumMember {
    /// The member as the wire spells it: the first cell, without backticks.
    pub name: String,
    /// The numeric value when the table gives one.
    pub value: Option<String>,
    /// The Description cell; empty when the table has none.
    pub description: String,
}

impl Operation {
    /// The typed headers its header table documents, in their fixed order.
    pub fn typed_headers(&self) -> Vec<TypedHeader> {
        let mut out: Vec<TypedHeader> = self
            .headers
            .iter()
            .filter_map(|h| TypedHeader::parse(&h.name))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The typed headers its header table marks required: arguments of its call, so that
    /// leaving one out does not compile (Planner's `If-Match`).
    pub fn required_headers(&self) -> Vec<TypedHeader> {
        let mut out: Vec<TypedHeader> = self
            .headers
            .iter()
            .filter(|h| h.required)
            .filter_map(|h| TypedHeader::parse(&h.name))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Whether the operation changes an existing resource (`PATCH` or `PUT`): its request body
    /// table then lists what may change, and no member of it is required.
    pub fn updates(&self) -> bool {
        updates(&self.templates)
    }

    /// The members of the request body table: the first row of each name (a page with a table
    /// per variant repeats some).
    pub fn body_members(&self) -> Vec<&Parameter> {
        let mut seen = std::collections::BTreeSet::new();
        self.body_properties
            .iter()
            .filter(|p| !p.name.is_empty() && seen.insert(p.name.as_str()))
            .collect()
    }

    /// Whether a request body member must be sent: its table row says `Required`, and the
    /// operation is not an update.
    pub fn requires(&self, member: &Parameter) -> bool {
        member.required && !self.updates()
    }
}

/// Whether any of these templates is a `PATCH` or `PUT`.
pub fn updates(templates: &[PathTemplate]) -> bool {
    templates
        .iter()
        .any(|t| matches!(t.method, Method::Patch | Method::Put))
}

/// One kind of repair applied to a JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Leniency {
    /// A comma before `}` or `]`, dropped.
    TrailingComma,
    /// `//` or `/* */` comments, dropped.
    Comments,
    /// A raw control character (a newline) in a string, escaped.
    ControlCharInString,
    /// An elision (`...` or `…`) of members or items, dropped.
    Elision,
    /// A text cut off mid-way: its open string and brackets are closed.
    Truncated,
    /// Quotes written as the HTML entity `&quot;` around a colon (`"key&quot;: &quot;value"`, as a
    /// translation pipeline escapes them): read as quotes.
    EscapedQuotes,
}

/// The usual reason phrase of a status, for help texts.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        _ => "",
    }
}
