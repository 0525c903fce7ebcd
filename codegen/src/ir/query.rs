//! What a client sets on a call with typed builders, each a closed set in a fixed order: the
//! OData query options, and the request headers that change what a call does.

use serde::{Deserialize, Serialize};

/// An OData system query option, named without its `$`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QueryOption {
    /// `$select`: the properties to return.
    Select,
    /// `$expand`: the relationships to return inline.
    Expand,
    /// `$filter`: a condition on the items.
    Filter,
    /// `$orderby`: the order of the items.
    OrderBy,
    /// `$top`: how many items to return.
    Top,
    /// `$skip`: how many items to skip.
    Skip,
    /// `$search`: a search expression.
    Search,
    /// `$count`: whether to return the number of items.
    Count,
}

impl QueryOption {
    /// Every option, in the fixed order the IR lists them in.
    pub const ALL: [QueryOption; 8] = [
        QueryOption::Select,
        QueryOption::Expand,
        QueryOption::Filter,
        QueryOption::OrderBy,
        QueryOption::Top,
        QueryOption::Skip,
        QueryOption::Search,
        QueryOption::Count,
    ];

    /// The name without `$`, lower case (`orderby`).
    pub fn name(self) -> &'static str {
        match self {
            QueryOption::Select => "select",
            QueryOption::Expand => "expand",
            QueryOption::Filter => "filter",
            QueryOption::OrderBy => "orderby",
            QueryOption::Top => "top",
            QueryOption::Skip => "skip",
            QueryOption::Search => "search",
            QueryOption::Count => "count",
        }
    }

    /// The option a name stands for, without `$`, whatever its case (`orderBy`).
    pub fn parse(name: &str) -> Option<QueryOption> {
        QueryOption::ALL
            .into_iter()
            .find(|o| o.name().eq_ignore_ascii_case(name))
    }
}

impl std::fmt::Display for QueryOption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A request header that a call gets a typed setter for where its page's header table
/// documents it: the ones that change what the call does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TypedHeader {
    /// `ConsistencyLevel: eventual`, which advanced queries (`$count`, `$search`, ...) need.
    ConsistencyLevel,
    /// `If-Match`: change only that version (an etag).
    IfMatch,
    /// `If-None-Match`: answer only if the version changed.
    IfNoneMatch,
    /// `Prefer`: preferences such as `return=minimal` or `outlook.timezone`.
    Prefer,
    /// `Workbook-Session-Id`: the workbook session the call belongs to.
    WorkbookSessionId,
}

impl TypedHeader {
    /// Every typed header, in a fixed order.
    pub const ALL: [TypedHeader; 5] = [
        TypedHeader::ConsistencyLevel,
        TypedHeader::IfMatch,
        TypedHeader::IfNoneMatch,
        TypedHeader::Prefer,
        TypedHeader::WorkbookSessionId,
    ];

    /// The header's name as HTTP writes it.
    pub fn name(self) -> &'static str {
        match self {
            TypedHeader::ConsistencyLevel => "ConsistencyLevel",
            TypedHeader::IfMatch => "If-Match",
            TypedHeader::IfNoneMatch => "If-None-Match",
            TypedHeader::Prefer => "Prefer",
            TypedHeader::WorkbookSessionId => "Workbook-Session-Id",
        }
    }

    /// The header a table row names (any case; a row may write a value after a colon,
    /// `Prefer: return=minimal`, or the name as code).
    pub fn parse(row: &str) -> Option<TypedHeader> {
        let name = row.split(':').next().unwrap_or_default();
        let name = name.trim().trim_matches('`').trim();
        TypedHeader::ALL
            .into_iter()
            .find(|h| h.name().eq_ignore_ascii_case(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_parses_back_and_serializes_by_name() {
        for o in QueryOption::ALL {
            assert_eq!(QueryOption::parse(o.name()), Some(o));
            assert_eq!(QueryOption::parse(&o.name().to_uppercase()), Some(o));
            assert_eq!(
                serde_json::to_value(o).unwrap(),
                serde_json::Value::from(o.name())
            );
        }
        assert_eq!(QueryOption::parse("skiptoken"), None);
        let mut sorted = QueryOption::ALL;
        sorted.sort();
        assert_eq!(sorted, QueryOption::ALL, "the order of ALL is the enum's");
    }

    #[test]
    fn typed_headers_are_read_as_the_tables_write_them() {
        for h in TypedHeader::ALL {
            assert_eq!(TypedHeader::parse(h.name()), Some(h));
            assert_eq!(TypedHeader::parse(&h.name().to_lowercase()), Some(h));
        }
        assert_eq!(
            TypedHeader::parse("Prefer: return=minimal"),
            Some(TypedHeader::Prefer)
        );
        assert_eq!(TypedHeader::parse("`If-Match`"), Some(TypedHeader::IfMatch));
        assert_eq!(TypedHeader::parse("Authorization"), None);
        assert_eq!(TypedHeader::parse("If-Match-Extra"), None);
        let mut sorted = TypedHeader::ALL;
        sorted.sort();
        assert_eq!(sorted, TypedHeader::ALL);
    }
}
