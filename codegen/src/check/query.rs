//! OData query options an example uses that the page does not document.

use crate::base::{Code, Diagnostic};
use crate::ir::Operation;
use crate::ir::QueryOption;

/// An example that sets an OData query option its page does not document: the generated client
/// has no typed builder for it (the test sets it with `.query()`).
pub(super) fn undocumented_query_options(op: &Operation, out: &mut Vec<Diagnostic>) {
    for ex in &op.examples {
        let mut seen = std::collections::BTreeSet::new();
        for (name, _) in &ex.request.query {
            let Some(option) = name.strip_prefix('$').map(str::to_ascii_lowercase) else {
                continue;
            };
            let Some(known) = QueryOption::parse(&option) else {
                continue;
            };
            if op.query_options.contains(&known) || !seen.insert(known) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Code::UndocumentedQueryOption,
                    ex.request.location.clone(),
                    format!(
                        "the example sets `${option}`, which the page does not say the operation supports"
                    ),
                )
                .help("name the option in the Optional query parameters section"),
            );
        }
    }
}
