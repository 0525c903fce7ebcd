//! Typed OData query options and headers. Each operation's call carries a marker type
//! (`crate::query::*`, generated) that implements one trait here per option or header its page
//! documents, so `.top(5)` compiles only on an operation whose page says it supports `$top`, and
//! `.if_match(etag)` only where its header table lists `If-Match`. [`Call::query`] and
//! [`Call::header`] still set anything.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use super::Call;

/// The marker of an operation whose page documents no query option.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoOptions;

/// The page documents `$select`.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document `$select`",
    label = "`.select()` is offered only where the page documents `$select`",
    note = "to send it anyway: `.query(\"$select\", ...)`"
)]
pub trait Select {}
/// The page documents `$expand`.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document `$expand`",
    label = "`.expand()` is offered only where the page documents `$expand`",
    note = "to send it anyway: `.query(\"$expand\", ...)`"
)]
pub trait Expand {}
/// The page documents `$filter`.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document `$filter`",
    label = "`.filter()` is offered only where the page documents `$filter`",
    note = "to send it anyway: `.query(\"$filter\", ...)`"
)]
pub trait Filter {}
/// The page documents `$orderby`.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document `$orderby`",
    label = "`.order_by()` is offered only where the page documents `$orderby`",
    note = "to send it anyway: `.query(\"$orderby\", ...)`"
)]
pub trait OrderBy {}
/// The page documents `$top`.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document `$top`",
    label = "`.top()` is offered only where the page documents `$top`",
    note = "to send it anyway: `.query(\"$top\", ...)`"
)]
pub trait Top {}
/// The page documents `$skip`.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document `$skip`",
    label = "`.skip()` is offered only where the page documents `$skip`",
    note = "to send it anyway: `.query(\"$skip\", ...)`"
)]
pub trait Skip {}
/// The page documents `$search`.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document `$search`",
    label = "`.search()` is offered only where the page documents `$search`",
    note = "to send it anyway: `.query(\"$search\", ...)`"
)]
pub trait Search {}
/// The page documents `$count`.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document `$count`",
    label = "`.count()` is offered only where the page documents `$count`",
    note = "to send it anyway: `.query(\"$count\", ...)`"
)]
pub trait Count {}

/// The page documents the `ConsistencyLevel` header.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document the `ConsistencyLevel` header",
    label = "`.consistency_level_eventual()` is offered only where the page's header table lists `ConsistencyLevel`",
    note = "to send it anyway: `.header(\"ConsistencyLevel\", ...)`"
)]
pub trait ConsistencyLevel {}
/// The page documents the `If-Match` header.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document the `If-Match` header",
    label = "`.if_match()` is offered only where the page's header table lists `If-Match`",
    note = "to send it anyway: `.header(\"If-Match\", ...)`"
)]
pub trait IfMatch {}
/// The page documents the `If-None-Match` header.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document the `If-None-Match` header",
    label = "`.if_none_match()` is offered only where the page's header table lists `If-None-Match`",
    note = "to send it anyway: `.header(\"If-None-Match\", ...)`"
)]
pub trait IfNoneMatch {}
/// The page documents the `Prefer` header.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document the `Prefer` header",
    label = "`.prefer()` is offered only where the page's header table lists `Prefer`",
    note = "to send it anyway: `.header(\"Prefer\", ...)`"
)]
pub trait Prefer {}
/// The page documents the `Workbook-Session-Id` header.
#[diagnostic::on_unimplemented(
    message = "the page of this operation does not document the `Workbook-Session-Id` header",
    label = "`.workbook_session_id()` is offered only where the page's header table lists `Workbook-Session-Id`",
    note = "to send it anyway: `.header(\"Workbook-Session-Id\", ...)`"
)]
pub trait WorkbookSessionId {}

/// `a,b,c`: the items of a list option, in order.
fn list<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let items: Vec<String> = items.into_iter().map(|s| s.as_ref().to_string()).collect();
    items.join(",")
}

// The builders exist on every call and require the option's trait where they are called, so a
// call of an option the page does not document is the trait's own message (not a method
// shadowed by `StreamExt::filter` or a list of unsatisfied bounds).
impl<'a, T, Q> Call<'a, T, Q> {
    /// `$select`: only these properties in the response (`["subject", "isRead"]`).
    pub fn select<I, S>(self, properties: I) -> Self
    where
        Q: Select,
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.query("$select", list(properties))
    }

    /// `$expand`: these relationships inline (`["members($select=id)"]`).
    pub fn expand<I, S>(self, relationships: I) -> Self
    where
        Q: Expand,
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.query("$expand", list(relationships))
    }

    /// `$filter`: an OData filter expression (`"isRead eq false"`).
    pub fn filter(self, expression: impl Into<String>) -> Self
    where
        Q: Filter,
    {
        self.query("$filter", expression)
    }

    /// `$orderby`: sort keys, each optionally followed by `asc` or `desc`
    /// (`["receivedDateTime desc"]`).
    pub fn order_by<I, S>(self, keys: I) -> Self
    where
        Q: OrderBy,
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.query("$orderby", list(keys))
    }

    /// `$top`: at most this many items in a page.
    pub fn top(self, count: u32) -> Self
    where
        Q: Top,
    {
        self.query("$top", count.to_string())
    }

    /// `$skip`: leave out this many items first.
    pub fn skip(self, count: u32) -> Self
    where
        Q: Skip,
    {
        self.query("$skip", count.to_string())
    }

    /// `$search`: a search expression, quoted as the service expects (`"\"pizza\""`).
    pub fn search(self, expression: impl Into<String>) -> Self
    where
        Q: Search,
    {
        self.query("$search", expression)
    }

    /// `$count`: whether the response says how many items the whole collection has.
    pub fn count(self, include: bool) -> Self
    where
        Q: Count,
    {
        self.query("$count", include.to_string())
    }

    /// `ConsistencyLevel: eventual`: what advanced queries (`$count`, `$search`, `$filter`
    /// with `endsWith`, ...) need; sent on every page of a paged call.
    pub fn consistency_level_eventual(self) -> Self
    where
        Q: ConsistencyLevel,
    {
        self.header("ConsistencyLevel", "eventual")
    }

    /// `If-Match`: act only if the resource is still at this version (its `@odata.etag`);
    /// else the service answers `412 Precondition Failed`.
    pub fn if_match(self, etag: &str) -> Self
    where
        Q: IfMatch,
    {
        self.header("If-Match", etag)
    }

    /// `If-None-Match`: answer only if the resource is no longer at this version (else `304`).
    pub fn if_none_match(self, etag: &str) -> Self
    where
        Q: IfNoneMatch,
    {
        self.header("If-None-Match", etag)
    }

    /// `Prefer`: a preference, such as `return=minimal` or `outlook.timezone="Pacific
    /// Standard Time"`; several calls send several preferences.
    pub fn prefer(self, preference: &str) -> Self
    where
        Q: Prefer,
    {
        self.header("Prefer", preference)
    }

    /// `Workbook-Session-Id`: the workbook session (from `createSession`) the call belongs to.
    pub fn workbook_session_id(self, session: &str) -> Self
    where
        Q: WorkbookSessionId,
    {
        self.header("Workbook-Session-Id", session)
    }
}
