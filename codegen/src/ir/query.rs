//! The OData query options a client sets with typed builders: a closed set, in a fixed order.

use serde::Serialize;

/// An OData system query option, named without its `$`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
}
