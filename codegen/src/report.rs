//! Coverage report: how much of a docs folder became IR, and what the checks found.

use crate::Analysis;
use serde::Serialize;
use std::collections::BTreeMap;

/// Blocks of one kind: `found` when a fence is annotated (or inferred) as that block type,
/// `parsed` when it produced an IR item without error.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Found {
    pub found: usize,
    pub parsed: usize,
}

impl Found {
    pub fn add(&mut self, other: Found) {
        self.found += other.found;
        self.parsed += other.parsed;
    }

    /// Parsed share in percent (100 when nothing was found).
    pub fn percent(&self) -> f64 {
        if self.found == 0 {
            100.0
        } else {
            self.parsed as f64 * 100.0 / self.found as f64
        }
    }
}

/// Counts gathered while modelling pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub request_examples: Found,
    pub response_examples: Found,
    /// Request examples that have a response example.
    pub pairs: usize,
    /// Annotated response examples in no example of the IR: those that answer a request
    /// annotated `ignored` (shown, not tested) and those with no request (`unpaired-response`).
    pub responses_untested: usize,
}

impl Stats {
    pub fn add(&mut self, other: Stats) {
        self.request_examples.add(other.request_examples);
        self.response_examples.add(other.response_examples);
        self.pairs += other.pairs;
        self.responses_untested += other.responses_untested;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub pages: usize,
    pub pages_failed: usize,
    pub operations: usize,
    /// Templates the pages write.
    pub path_templates: usize,
    /// Templates the docs imply across pages (`derive`): aliases, mounts, function arguments.
    pub derived_templates: usize,
    pub resources: usize,
    pub enums: usize,
    pub request_examples: Found,
    pub response_examples: Found,
    pub pairs: usize,
    /// Count of each diagnostic code that occurred.
    pub diagnostics: BTreeMap<&'static str, usize>,
}

impl Report {
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
