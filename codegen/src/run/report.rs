//! Coverage report (`cargo xtask report`): how much of a docs folder became IR, and what the checks
//! found: pages, operations, templates, resources, enums, request and response examples found and
//! parsed, pairs, diagnostics by code.

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
    /// Fields of the resources' models (properties and relationships, inherited ones too).
    pub fields: usize,
    /// Of those, the fields whose type no page documents (nor a primitive names): decoded as
    /// untyped JSON.
    pub untyped_fields: usize,
    /// Operations whose page documents no scope for any permission type.
    pub operations_without_scopes: usize,
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
        let index = crate::ir::index::ResourceIndex::new(&a.api);
        let enums: std::collections::BTreeSet<crate::ir::names::NameKey> = a
            .api
            .enums
            .iter()
            .map(|e| crate::ir::names::NameKey(&e.name))
            .collect();
        let typed = |mut ty: &crate::ir::TypeRef| loop {
            match ty {
                crate::ir::TypeRef::Collection(inner) => ty = inner,
                crate::ir::TypeRef::Primitive(p) => break *p != crate::ir::Primitive::Json,
                crate::ir::TypeRef::Named(n) => {
                    break index.get(n).is_some() || enums.contains(&crate::ir::names::NameKey(n))
                }
            }
        };
        let fields: Vec<&crate::ir::Property> = a
            .api
            .resources
            .iter()
            .flat_map(|r| index.fields(r))
            .collect();
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
            fields: fields.len(),
            untyped_fields: fields.iter().filter(|p| !typed(&p.ty)).count(),
            operations_without_scopes: a
                .api
                .operations
                .iter()
                .filter(|o| o.scopes.any_of().is_empty())
                .count(),
            diagnostics,
        }
    }

    /// Untyped fields per field, in percent.
    pub fn untyped_percent(&self) -> f64 {
        percent(self.untyped_fields, self.fields)
    }

    /// Operations without scopes per operation, in percent.
    pub fn without_scopes_percent(&self) -> f64 {
        percent(self.operations_without_scopes, self.operations)
    }

    /// The report as text, one count per line.
    pub fn human(&self) -> String {
        let mut out = format!(
            "pages              {} ({} failed)\noperations         {}\npath templates     {} (+{} derived)\nresources          {}\nenums              {}\nrequest examples   {} found, {} parsed ({:.2}%)\nresponse examples  {} found, {} parsed ({:.2}%)\npairs              {}\nfields             {} ({} untyped, {:.2}%)\nscopes             {} operations without ({:.2}%)\ndiagnostics\n",
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
            self.fields,
            self.untyped_fields,
            self.untyped_percent(),
            self.operations_without_scopes,
            self.without_scopes_percent(),
        );
        for (code, n) in &self.diagnostics {
            out.push_str(&format!("  {n:>6}  {code}\n"));
        }
        out
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}
