//! The path templates of an operation and its named path parameters: its HTTP request section;
//! on an operation page without one, bare host-less request lines outside the examples (as
//! `chat-post-members` and `site-get` write them); and an annotated request written as a
//! template that matches none (as `drive-list` writes one form per section). A line that is not
//! a path is `template-not-a-path`.

use super::text::{annotation, Shape};
use crate::base::{Code, Diagnostic};
use crate::ir::{template, *};
use crate::read::extract::BlockType;
use crate::read::extract::{self, Fence, Page};
use crate::read::http;
use crate::read::rules::Section;
use crate::read::source::SourceFile;

/// Whether a fence writes request lines the way a template does: every line a request line whose
/// target has no host, no headers and no body.
pub(super) fn writes_templates(fence: &Fence) -> bool {
    let mut lines = fence.content.lines().filter(|l| !l.trim().is_empty());
    lines.clone().next().is_some()
        && lines.all(|l| http::request_line(l).is_some_and(|(_, target)| !target.contains("://")))
}

/// A fence that documents the form of the request outside an HTTP request section: on a page that
/// has none, a block of host-less request lines (unannotated or `ignored`) that is not in the
/// examples (`POST /chats/{chat-id}/members` under Permissions; `site-get`'s one section per form).
pub(super) fn bare_template_block(page: &Page, block: &extract::Block, fence: &Fence) -> bool {
    let block_type = annotation(page, fence).and_then(|a| a.block_type());
    !block.is_in(Section::HttpRequest)
        && matches!(block_type, None | Some(BlockType::Ignored))
        && !block.is_in(Section::Examples)
        && writes_templates(fence)
}

pub(super) fn templates(
    src: &SourceFile,
    page: &Page,
    shape: Shape,
    diags: &mut Vec<Diagnostic>,
) -> Vec<PathTemplate> {
    let mut out = Vec::new();
    for (block, fence) in page.fences() {
        let documents_form = block.is_in(Section::HttpRequest)
            || (shape.bare_forms && bare_template_block(page, block, fence));
        if !documents_form {
            continue;
        }
        let mut offset = fence.content_offset;
        for line in fence.content.split_inclusive('\n') {
            if let Some((method, target)) = http::request_line(line) {
                let lead = line.len() - line.trim_start().len();
                let location = src.locate(offset + lead);
                match PathTemplate::parse(method, &target, location.clone()) {
                    Ok(t) => out.push(t),
                    Err(what) => diags.push(
                        Diagnostic::new(
                            Code::TemplateNotAPath,
                            location,
                            format!("`{what}` in `{}` is not a path segment; no method is generated for this line", target.trim()),
                        )
                        .help("write the whole path, with a placeholder for each part that varies"),
                    ),
                }
            }
            offset += line.len();
        }
    }
    out
}

/// An annotated request example written as a template (no host, its placeholders kept) that
/// matches no template documents a form of its own: pages with one section per form show each so
/// (`drive-list`: `GET /groups/{groupId}/drives`, `GET /sites/{siteId}/drives`, ...).
pub(super) fn templates_from_examples(templates: &mut Vec<PathTemplate>, examples: &mut [Example]) {
    for ex in examples.iter_mut() {
        let r = &mut ex.request;
        let as_template = r.annotated
            && r.template.is_none()
            && !r.target.contains("://")
            && r.path.contains('{');
        if !as_template {
            continue;
        }
        let segments = template::parse_path(&r.path);
        r.template = template::find_template(templates, r.method, &segments, &r.query);
        if r.template.is_some() {
            continue;
        }
        let Ok(t) = PathTemplate::parse(r.method, &r.target, r.location.clone()) else {
            continue;
        };
        templates.push(t);
        r.template = template::find_template(templates, r.method, &segments, &r.query);
    }
}
