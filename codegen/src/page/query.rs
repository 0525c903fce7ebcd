//! The OData query options an operation supports, from its prose and its query parameter tables.

use crate::ir::*;
use crate::read::extract::{BlockKind, Page};
use crate::read::rules::{self, Section};

/// The resource that the Request body prose links to (`[message](../resources/message.md)`).
/// The OData query options the query parameters section names (`$select`, in prose or in its
/// table). A page that says only that the method "supports the OData query parameters" documents
/// all of them for a collection, and `$select` and `$expand` for a single item; so does one that
/// names some "including" others (an open list: the service takes the rest too).
pub(super) fn query_options(
    page: &Page,
    parameters: &[Parameter],
    response: Option<&BodyShape>,
) -> Vec<QueryOption> {
    let mut named = std::collections::BTreeSet::new();
    let mut generic = false;
    let mut open = false;
    for b in page
        .blocks
        .iter()
        .filter(|b| b.is_in(Section::QueryOptions))
    {
        let BlockKind::Paragraph(p) = &b.kind else {
            continue;
        };
        let lower = p.text.to_ascii_lowercase();
        let mut rest = lower.as_str();
        while let Some(i) = rest.find('$') {
            rest = rest.get(i + 1..).unwrap_or_default();
            let word: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            named.insert(word);
        }
        // Said in English words, or in any language by naming OData with a link to the docs'
        // page on the query parameters (`[OData クエリ パラメーター](/graph/query-parameters)`),
        // both of which translations keep (a link there without the name is about one
        // option: `requires planId [filter](/graph/query-parameters)`).
        let links_concept = lower.contains(rules::ODATA)
            && p.links.iter().any(|l| {
                let l = l.to_ascii_lowercase();
                rules::QUERY_PARAMETERS_PAGE
                    .iter()
                    .any(|page| l.contains(page))
            });
        let supports = (rules::QUERY_SUPPORT_ALL.all().all(|w| lower.contains(w)) || links_concept)
            && !rules::QUERY_SUPPORT_NOT.in_text(&lower);
        generic |= supports;
        open |= supports && rules::QUERY_SUPPORT_OPEN.in_text(&lower);
    }
    for p in parameters {
        named.insert(p.name.trim().trim_start_matches('$').to_ascii_lowercase());
    }
    let collection = response.is_some_and(|r| r.collection);
    QueryOption::ALL
        .into_iter()
        .filter(|o| {
            let all = open || (generic && named.iter().all(|n| QueryOption::parse(n).is_none()));
            named.contains(o.name())
                || (all && (collection || matches!(o, QueryOption::Select | QueryOption::Expand)))
        })
        .collect()
}
