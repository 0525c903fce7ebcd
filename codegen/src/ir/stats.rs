//! Counts gathered while modelling pages, which the report prints.

use serde::Serialize;

/// Blocks of one kind: `found` when a fence is annotated (or inferred) as that block type,
/// `parsed` when it produced an IR item without error.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Found {
    /// Blocks of the kind found.
    pub found: usize,
    /// Those of them that produced an IR item.
    pub parsed: usize,
}

impl Found {
    /// Adds the counts of `other`.
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
    /// Request example blocks.
    pub request_examples: Found,
    /// Response example blocks.
    pub response_examples: Found,
    /// Request examples that have a response example.
    pub pairs: usize,
    /// Annotated response examples in no example of the IR: those that answer a request
    /// annotated `ignored` (shown, not tested) and those with no request (`unpaired-response`).
    pub responses_untested: usize,
}

impl Stats {
    /// Adds the counts of `other` (another page's).
    pub fn add(&mut self, other: Stats) {
        self.request_examples.add(other.request_examples);
        self.response_examples.add(other.response_examples);
        self.pairs += other.pairs;
        self.responses_untested += other.responses_untested;
    }
}
