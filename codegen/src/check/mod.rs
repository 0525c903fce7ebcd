//! Checks: pure functions over the IR that find contradictions and gaps in the docs. They read
//! only the IR; every finding has a location and a stable code (`base::code`). One concern per
//! file: `templates`, `examples`, `bodies` (request bodies against their table, bodies against
//! their resource, a resource's table against its JSON), `status`, `scopes`, `query`, `types`;
//! one unit test per code from a minimal page in `tests`. `suppress` applies suppressions after
//! the checks, before printing; `translation` compares a translated reference with its source.
//!
//! May import: base, ir.

use self::bodies::{example_properties, resource_table_json};
use self::examples::{duplicate_example_names, requests_without_body};
use self::query::undocumented_query_options;
use self::scopes::scopes_table;
use self::status::{body_on_no_content, status_mismatch};
use self::templates::{example_urls, missing_template, templates_without_example};
use self::types::unknown_types;
use crate::base::Diagnostic;
use crate::ir::Api;
use rayon::prelude::*;

pub fn check(api: &Api) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let index = crate::ir::index::ResourceIndex::new(api);
    let operation_pages: std::collections::BTreeSet<&str> = api
        .pages
        .iter()
        .filter(|p| p.kind == crate::ir::PageKind::Operation)
        .map(|p| p.path.as_str())
        .collect();
    // Each operation and resource is checked alone, in parallel; the findings keep the order
    // of the items.
    let per_operation: Vec<Vec<Diagnostic>> = api
        .operations
        .par_iter()
        .map(|op| {
            let mut out = Vec::new();
            let own_page = operation_pages.contains(op.page.as_str());
            if own_page {
                missing_template(op, &mut out);
            }
            status_mismatch(op, &mut out);
            status::missing_success_status(op, &mut out);
            scopes::scopes(op, &mut out);
            scopes_table(op, &mut out);
            example_urls(op, own_page, &mut out);
            templates_without_example(op, &mut out);
            duplicate_example_names(op, &mut out);
            body_on_no_content(op, &mut out);
            example_properties(&index, op, &mut out);
            undocumented_query_options(op, &mut out);
            requests_without_body(op, &mut out);
            out
        })
        .collect();
    out.extend(per_operation.into_iter().flatten());
    let per_resource: Vec<Vec<Diagnostic>> = api
        .resources
        .par_iter()
        .map(|r| {
            let mut out = Vec::new();
            resource_table_json(r, &mut out);
            out
        })
        .collect();
    out.extend(per_resource.into_iter().flatten());
    unknown_types(api, &index, &mut out);
    out
}

mod bodies;
mod examples;
mod query;
mod scopes;
mod status;
pub mod suppress;
mod templates;
#[cfg(test)]
mod tests;
pub mod translation;
mod types;
