//! Coverage report: how much of a docs folder became IR, and what the checks found.

use crate::ir::stats::Found;
use crate::Analysis;
use serde::Serialize;
use std::collections::BTreeMap;

/// What the generator read from a docs folder, as counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Pages read.
    pub pages: usize,
    /// Pages that could not be read.
    pub pages_failed: usize,
    /// Operations modelled.
    pub operations: usize,
    /// Templates the pages write.
    pub path_templates: usize,
    /// Templates the docs imply across pages (`derive`): aliases, mounts, function arguments.
    pub derived_templates: usize,
    /// Resources documented.
    pub resources: usize,
    /// Enums documented.
    pub enums: usize,
    /// Request examples found, and how many the IR keeps.
    pub request_examples: Found,
    /// Response examples found, and how many the IR keeps.
    pub response_examples: Found,
    /// Request examples paired with a response.
    pub pairs: usize,
    /// Count of each diagnostic code that occurred.
    pub diagnostics: BTreeMap<&'static str, usize>,
}

impl Report {
    /// Counts an analysis.
    pub fn new(a: &Analysis) -> Report {
        let mut diagnostics = BTreeMap::new();
        for d in &a.diagnostics {
            *diagnostics.entry(d.code.as_str()).or_insert(0) += 1;
        }
        let templates: Vec<_> = a.api.operations.iter().flat_map(|o| &o.templates).collect();
        Report {
            pages: a.api.pages.len() + a.pages_failed,
            pages_failed: a.pages_failed,
            operations: a.api.operations.len(),
            path_templates: templates.iter().filter(|t| t.derived.is_none()).count(),
            derived_templates: templates.iter().filter(|t| t.derived.is_some()).count(),
            resources: a.api.resources.len(),
            enums: a.api.enums.len(),
            request_examples: a.stats.request_examples,
            response_examples: a.stats.response_examples,
            pairs: a.stats.pairs,
            diagnostics,
        }
    }

    /// The report as text, one count per line.
    pub fn human(&self) -> String {
        let mut out = format!(
            "pages              {} ({} failed)\noperations         {}\npath templates     {} (+{} derived)\nresources          {}\nenums              {}\nrequest examples   {} found, {} parsed ({:.2}%)\nresponse examples  {} found, {} parsed ({:.2}%)\npairs              {}\ndiagnostics\n",
            self.pages,
            self.pages_failed,
            self.operations,
            self.path_templates,
            self.derived_templates,
            self.resources,
            self.enums,
            self.request_examples.found,
            self.request_examples.parsed,
            self.request_examples.percent(),
            self.response_examples.found,
            self.response_examples.parsed,
            self.response_examples.percent(),
            self.pairs,
        );
        for (code, n) in &self.diagnostics {
            out.push_str(&format!("  {n:>6}  {code}\n"));
        }
        out
    }
}
