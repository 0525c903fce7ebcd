//! One page at a time: turns an extracted page into its part of the IR (an operation, a resource,
//! enums). Problems met on the way (unreadable blocks,
//! unpaired examples) become diagnostics; nothing here fails the run. Pages are modelled in
//! parallel, each with the `Vocabulary` learned from all of them first (`vocabulary`); every word
//! list and threshold comes from `read::rules`.
//!
//! One file per concern: this file decides the page kind; `annotations` (block types,
//! unparsable annotations, page suppressions), `operation` (ids, parameter tables, request
//! bodies), `templates`, `examples`, `status`, `query`, `scopes`, `resource` (properties,
//! Methods rows, enums); `text` holds the helpers they share. Identity across pages is
//! `resolve`'s.
//!
//! May import: base, ir, read.

use self::annotations::{check_annotations, suppressions};
use self::examples::{example_kind, ExampleKind};
use self::operation::model_operation;
use self::resource::{model_enums, model_resource};
use self::templates::bare_template_block;
use self::text::{annotation, description, namespace, Shape};
use crate::base::{Code, Diagnostic};
use crate::ir::stats::Stats;
use crate::ir::*;
use crate::read::extract::BlockType;
use crate::read::extract::Page;
use crate::read::rules::Section;
use crate::read::source::SourceFile;

/// What one page contributes to the API.
#[derive(Debug, Default)]
pub struct PageModel {
    pub info: Option<PageInfo>,
    pub operation: Option<Operation>,
    pub resource: Option<Resource>,
    pub enums: Vec<EnumType>,
    pub stats: Stats,
    pub diagnostics: Vec<Diagnostic>,
}

/// Models one page, extracted from `src`, with the words its reference taught.
pub fn model_page(src: &SourceFile, page: &Page, vocab: &Vocabulary) -> PageModel {
    let mut out = PageModel::default();
    if let Some((at, why)) = &page.front_matter_error {
        out.diagnostics.push(
            Diagnostic::new(
                Code::InvalidFrontMatter,
                src.locate(*at),
                format!("the front matter is not YAML: {why}"),
            )
            .help("fix it; until then the page has no title, `ms.prod` or `doc_type` from it"),
        );
    }
    check_annotations(src, page, &mut out.diagnostics);

    let title = page.title().map(|h| h.text.clone());
    let resource_fence = page.fences().find(|(_, f)| {
        annotation(page, f).and_then(|a| a.block_type()) == Some(BlockType::Resource)
    });
    let is_resource = resource_fence.is_some()
        || page.front_matter.get("doc_type").map(String::as_str) == Some("resourcePageType");
    let documented_section = page.fences().any(|(b, _)| b.is_in(Section::HttpRequest));
    // A page whose front matter says it is a concept or a resource page shows requests as
    // illustrations; only an operation page's bare request lines are its templates.
    let doc_type = page.front_matter.get("doc_type").map(String::as_str);
    let may_document_forms =
        matches!(doc_type, None | Some("apiPageType")) && resource_fence.is_none();
    let bare_forms = !documented_section
        && may_document_forms
        && page.fences().any(|(b, f)| bare_template_block(page, b, f));
    let has_http_section = documented_section || bare_forms;
    let is_resource = is_resource && !has_http_section;
    // Illustrations, not examples: the unannotated request blocks of a resource or concept page.
    let shape = Shape {
        illustrates: !has_http_section && !may_document_forms,
        bare_forms,
    };
    // Examples make a page an operation page even when its HTTP request section is missing.
    let has_examples = page.fences().any(|(b, f)| {
        !b.is_in(Section::HttpRequest)
            && example_kind(page, b, f, shape) == Some(ExampleKind::Request)
    });
    // A resource page may show request examples too: they are modelled (and reported) as an
    // operation of their own, so no example is lost.
    if has_http_section || has_examples {
        let (op, stats) = model_operation(src, page, shape, vocab, &mut out.diagnostics);
        out.operation = Some(op);
        out.stats = stats;
    }
    if is_resource {
        out.resource = model_resource(src, page, vocab);
    }
    // A concept page's examples call other pages' operations: it documents none itself.
    let kind = if has_http_section {
        PageKind::Operation
    } else if is_resource {
        PageKind::Resource
    } else if has_examples && may_document_forms {
        PageKind::Operation
    } else {
        PageKind::Other
    };
    out.enums = model_enums(src, page);
    out.info = Some(PageInfo {
        path: src.path.clone(),
        kind,
        title,
        front_matter: page.front_matter.clone(),
        namespace: namespace(page),
        description: description(page),
        suppressions: suppressions(src, page),
        span_pairs: src.span_pairs,
        responses_untested: out.stats.responses_untested,
    });
    out
}

mod annotations;
mod examples;
mod operation;
mod query;
mod resource;
mod scopes;
mod status;
mod templates;
#[cfg(test)]
pub(super) mod tests;
mod text;
mod vocabulary;

pub use text::operation_id;
pub use vocabulary::Vocabulary;
