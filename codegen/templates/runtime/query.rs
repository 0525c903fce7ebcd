//! Typed OData query options. Each operation's call carries a marker type (`crate::query::*`,
//! generated) that implements one trait here per option its page documents, so `.top(5)` compiles
//! only on an operation whose page says it supports `$top`. [`Call::query`] still sets anything.

use super::Call;

/// The marker of an operation whose page documents no query option.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoOptions;

/// The page documents `$select`.
pub trait Select {}
/// The page documents `$expand`.
pub trait Expand {}
/// The page documents `$filter`.
pub trait Filter {}
/// The page documents `$orderby`.
pub trait OrderBy {}
/// The page documents `$top`.
pub trait Top {}
/// The page documents `$skip`.
pub trait Skip {}
/// The page documents `$search`.
pub trait Search {}
/// The page documents `$count`.
pub trait Count {}

/// `a,b,c`: the items of a list option, in order.
fn list<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let items: Vec<String> = items.into_iter().map(|s| s.as_ref().to_string()).collect();
    items.join(",")
}

impl<'a, T, Q: Select> Call<'a, T, Q> {
    /// `$select`: only these properties in the response (`["subject", "isRead"]`).
    pub fn select<I, S>(self, properties: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.query("$select", list(properties))
    }
}

impl<'a, T, Q: Expand> Call<'a, T, Q> {
    /// `$expand`: these relationships inline (`["members($select=id)"]`).
    pub fn expand<I, S>(self, relationships: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.query("$expand", list(relationships))
    }
}

impl<'a, T, Q: Filter> Call<'a, T, Q> {
    /// `$filter`: an OData filter expression (`"isRead eq false"`).
    pub fn filter(self, expression: impl Into<String>) -> Self {
        self.query("$filter", expression)
    }
}

impl<'a, T, Q: OrderBy> Call<'a, T, Q> {
    /// `$orderby`: sort keys, each optionally followed by `asc` or `desc`
    /// (`["receivedDateTime desc"]`).
    pub fn order_by<I, S>(self, keys: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.query("$orderby", list(keys))
    }
}

impl<'a, T, Q: Top> Call<'a, T, Q> {
    /// `$top`: at most this many items in a page.
    pub fn top(self, count: u32) -> Self {
        self.query("$top", count.to_string())
    }
}

impl<'a, T, Q: Skip> Call<'a, T, Q> {
    /// `$skip`: leave out this many items first.
    pub fn skip(self, count: u32) -> Self {
        self.query("$skip", count.to_string())
    }
}

impl<'a, T, Q: Search> Call<'a, T, Q> {
    /// `$search`: a search expression, quoted as the service expects (`"\"pizza\""`).
    pub fn search(self, expression: impl Into<String>) -> Self {
        self.query("$search", expression)
    }
}

impl<'a, T, Q: Count> Call<'a, T, Q> {
    /// `$count`: whether the response says how many items the whole collection has.
    pub fn count(self, include: bool) -> Self {
        self.query("$count", include.to_string())
    }
}
