//! Model layer: turns extracted pages into the IR. Problems met on the way (unreadable blocks,
//! unpaired examples) become diagnostics; nothing here fails the run.

use crate::base::Located;
use crate::base::{Code, Diagnostic};
use crate::extract::{self, Annotation, BlockKind, Fence, Page, HTTP_REQUEST};
use crate::http;
use crate::ir::names::{qualified, resource_name};
use crate::ir::stats::Stats;
use crate::ir::template;
use crate::ir::*;
use crate::lenient_json;
use crate::source::SourceFile;
use heck::ToSnakeCase;
use percent_encoding::percent_decode_str;

/// Block types the generator knows (from the format's annotation schema).
const BLOCK_TYPES: &[&str] = &[
    "request",
    "response",
    "ignored",
    "resource",
    "example",
    "samples",
    "simulatedResponse",
    "testParams",
    "permissions",
];

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

pub fn model_page(src: &SourceFile) -> PageModel {
    let page = extract::extract(src);
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
    check_annotations(src, &page, &mut out.diagnostics);

    let title = page.title().map(|h| h.text.clone());
    let resource_fence = page.fences().find(|(_, f)| {
        annotation(&page, f).and_then(|a| a.str_key("blockType")) == Some("resource")
    });
    let is_resource = resource_fence.is_some()
        || page.front_matter.get("doc_type").map(String::as_str) == Some("resourcePageType");
    let documented_section = page.fences().any(|(b, _)| b.section == HTTP_REQUEST);
    // A page whose front matter says it is a concept or a resource page shows requests as
    // illustrations; only an operation page's bare request lines are its templates.
    let doc_type = page.front_matter.get("doc_type").map(String::as_str);
    let may_document_forms =
        matches!(doc_type, None | Some("apiPageType")) && resource_fence.is_none();
    let bare_forms = !documented_section
        && may_document_forms
        && page.fences().any(|(b, f)| bare_template_block(&page, b, f));
    let has_http_section = documented_section || bare_forms;
    let is_resource = is_resource && !has_http_section;
    // Illustrations, not examples: the unannotated request blocks of a resource or concept page.
    let shape = Shape {
        illustrates: !has_http_section && !may_document_forms,
        bare_forms,
    };
    // Examples make a page an operation page even when its HTTP request section is missing.
    let has_examples = page.fences().any(|(b, f)| {
        b.section != HTTP_REQUEST && example_kind(&page, b, f, shape) == Some(ExampleKind::Request)
    });
    // A resource page may show request examples too: they are modelled (and reported) as an
    // operation of their own, so no example is lost.
    if has_http_section || has_examples {
        let (op, stats) = model_operation(src, &page, shape, &mut out.diagnostics);
        out.operation = Some(op);
        out.stats = stats;
    }
    if is_resource {
        out.resource = model_resource(src, &page);
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
    out.enums = model_enums(src, &page);
    out.info = Some(PageInfo {
        path: src.path.clone(),
        kind,
        title,
        front_matter: page.front_matter.clone(),
        namespace: namespace(&page),
        description: description(&page),
        suppressions: suppressions(src, &page),
        span_pairs: src.span_pairs,
        responses_untested: out.stats.responses_untested,
    });
    out
}

/// What kind of page the blocks stand on, as far as reading requests goes.
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// A resource or concept page (by its `doc_type` or its resource block) without an HTTP
    /// request section: its unannotated request blocks illustrate, they are no examples.
    illustrates: bool,
    /// An operation page without an HTTP request section whose bare request lines (outside the
    /// examples) are its templates.
    bare_forms: bool,
}

fn annotation<'a>(page: &'a Page, fence: &Fence) -> Option<&'a Annotation> {
    fence.annotation.and_then(|i| page.annotations.get(i))
}

fn check_annotations(src: &SourceFile, page: &Page, diags: &mut Vec<Diagnostic>) {
    for (_, f) in page.fences() {
        if let (true, Some(a)) = (f.annotation_detached, annotation(page, f)) {
            diags.push(
                Diagnostic::new(
                    Code::AnnotationNotBeforeFence,
                    src.locate(a.offset),
                    "prose stands between this annotation and the code block it describes",
                )
                .note(src.locate(f.offset), "the code block")
                .help("move the text above the annotation, so that the annotation comes right before its block"),
            );
        }
    }
    let attached: std::collections::BTreeSet<usize> =
        page.fences().filter_map(|(_, f)| f.annotation).collect();
    for (i, a) in page.annotations.iter().enumerate() {
        let example = matches!(a.str_key("blockType"), Some("request" | "response"));
        if example && !attached.contains(&i) {
            diags.push(
                Diagnostic::new(
                    Code::AnnotationWithoutBlock,
                    src.locate(a.offset),
                    "this annotation announces an example, but no code block follows it",
                )
                .help("add the example's code block right under the annotation, or remove it"),
            );
        }
        match &a.json {
            Err(e) => {
                let at = offset_of_line_col(&a.body, e.line, e.column).map(|o| a.body_offset + o);
                diags.push(
                    Diagnostic::new(
                        Code::InvalidAnnotationJson,
                        src.locate(at.unwrap_or(a.offset)),
                        format!("annotation is not JSON: {}", e.message),
                    )
                    .help(
                        "fix the JSON in this HTML comment; the block below it is read without it",
                    ),
                );
            }
            Ok(_) => {
                if let Some(bt) = a.str_key("blockType") {
                    if !BLOCK_TYPES.contains(&bt) {
                        diags.push(Diagnostic::new(
                            Code::UnknownBlockType,
                            src.locate(a.offset),
                            format!("unknown blockType `{bt}`"),
                        ));
                    }
                }
            }
        }
    }
}

fn offset_of_line_col(text: &str, line: usize, col: usize) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    Some(start + col.saturating_sub(1)).filter(|&o| o <= text.len())
}

/// `"suppressions": ["status-mismatch: the service really returns 200"]` in the page annotation.
/// Entries that name no check code (the older validator's format) are not ours and are skipped.
fn suppressions(src: &SourceFile, page: &Page) -> Vec<Located<String>> {
    let mut out = Vec::new();
    for a in &page.annotations {
        if a.str_key("type") != Some("#page.annotation") {
            continue;
        }
        let Some(list) = a
            .object()
            .and_then(|o| o.get("suppressions"))
            .and_then(|v| v.as_array())
        else {
            continue;
        };
        for entry in list.iter().filter_map(|v| v.as_str()) {
            let code = entry.split(':').next().unwrap_or("").trim();
            if Code::parse(code).is_some() {
                out.push(Located {
                    value: code.to_string(),
                    location: src.locate(a.offset),
                });
            }
        }
    }
    out
}

/// `Namespace: microsoft.graph` under the title.
fn namespace(page: &Page) -> Option<String> {
    page.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Paragraph(p) if b.section.is_empty() => {
            let rest = p.text.strip_prefix("Namespace:")?;
            let ns = rest.split_whitespace().next()?;
            Some(ns.trim_end_matches('.').to_string())
        }
        _ => None,
    })
}

/// The first paragraph after the title that is not a `Namespace:` line.
fn description(page: &Page) -> Option<String> {
    page.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Paragraph(p)
            if b.section.is_empty() && !p.text.to_lowercase().starts_with("namespace:") =>
        {
            Some(p.text.clone())
        }
        _ => None,
    })
}

fn model_operation(
    src: &SourceFile,
    page: &Page,
    shape: Shape,
    diags: &mut Vec<Diagnostic>,
) -> (Operation, Stats) {
    let title_heading = page.title();
    let title = title_heading
        .map(|h| h.text.clone())
        .unwrap_or_else(|| file_stem(&src.path));
    let location = src.locate(title_heading.map(|h| h.offset).unwrap_or(0));
    let mut templates = templates(src, page, shape, diags);
    let (mut examples, stats) = examples(src, page, shape, &templates, diags);
    if !shape.illustrates {
        templates_from_examples(&mut templates, &mut examples);
    }
    let success = success(src, page, &examples);
    let scopes = scopes(src, page, &examples);
    let no_body = response_says_no_body(page) || success.status == Some(204);
    let response_body = if no_body {
        None
    } else {
        examples
            .iter()
            .filter_map(|e| e.response.as_ref())
            .filter(|r| (200..300).contains(&r.status))
            .find(|r| r.body.is_some() || r.odata_type.is_some())
            .map(|r| BodyShape {
                resource: r.odata_type.as_deref().map(resource_name),
                collection: r.collection,
            })
    };
    // An update sends the resource it returns, when the Request body prose links none.
    let updates = crate::ir::updates(&templates);
    let request_body = examples
        .iter()
        .any(|e| e.request.body.is_some())
        .then(|| BodyShape {
            resource: request_body_resource(page).or_else(|| {
                response_body
                    .as_ref()
                    .filter(|r| updates && !r.collection)
                    .and_then(|r| r.resource.clone())
            }),
            collection: false,
        });
    let table = |wanted: &[&str]| -> Vec<Parameter> {
        page.tables()
            .filter(|(b, _)| wanted.iter().any(|w| b.section.contains(w)))
            .flat_map(|(_, t)| parameter_rows(src, t))
            .collect()
    };
    let query_parameters = table(&["query parameter", "query string"]);
    let headers = table(&["request header"]);
    let function_parameters = table(&[
        "function parameter",
        "path parameter",
        "parameters",
        "request parameter",
    ])
    .into_iter()
    .filter(|p| !query_parameters.iter().any(|q| q.location == p.location))
    .collect();
    let body_properties = table(&["request body"]);
    // A body of another content type than JSON (the content of a file), on a page whose
    // Request body section lists no members, is bytes.
    let bytes_body = request_body.is_none()
        && body_properties.is_empty()
        && examples.iter().any(|e| e.request.raw_body.is_some());
    let request_body = if bytes_body {
        Some(BodyShape {
            resource: Some("stream".into()),
            collection: false,
        })
    } else {
        request_body
    };
    let query_options = query_options(page, &query_parameters, response_body.as_ref());
    let op = Operation {
        id: operation_id(&title, &src.path),
        title,
        description: description(page),
        page: src.path.clone(),
        location,
        templates,
        scopes,
        success,
        request_body,
        response_body,
        query_parameters,
        query_options,
        headers,
        function_parameters,
        body_properties,
        response_prose_page: response_prose_page(src, page),
        examples,
    };
    (op, stats)
}

/// Rows of a parameter-like table: the name column (`Name`, `Parameter`, `Property`, `Header`,
/// else the first), the type column when there is one, the description, and whether required.
fn parameter_rows(src: &SourceFile, t: &extract::Table) -> Vec<Parameter> {
    let header: Vec<String> = t.header.iter().map(|h| h.to_lowercase()).collect();
    let col = |want: &[&str]| {
        header
            .iter()
            .position(|h| want.iter().any(|w| h.contains(w)))
    };
    let name_col = col(&["name", "parameter", "property", "header"]).unwrap_or(0);
    let type_col = col(&["type"]).filter(|&c| c != name_col);
    let desc_col = col(&["description", "value"]).filter(|&c| c != name_col);
    let required_col = col(&["required"]);
    // A permissions table is not a parameter table.
    if header.first().is_some_and(|h| h.contains("permission")) {
        return Vec::new();
    }
    t.rows
        .iter()
        .filter_map(|r| {
            let name = clean_name(r.cells.get(name_col)?);
            if name.is_empty() || name.contains(' ') {
                return None;
            }
            let description = desc_col
                .and_then(|c| r.cells.get(c))
                .cloned()
                .unwrap_or_default();
            let required = required_col
                .and_then(|c| r.cells.get(c))
                .is_some_and(|v| matches!(v.to_lowercase().as_str(), "yes" | "true" | "required"))
                || description
                    .trim_start()
                    .to_lowercase()
                    .starts_with("required")
                || description.contains("Required.");
            Some(Parameter {
                name,
                ty: type_col
                    .and_then(|c| r.cells.get(c))
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| parse_type(t))
                    .map(|t| collection_by_description(t, &description)),
                description,
                required,
                location: src.locate(r.offset),
            })
        })
        .collect()
}

/// A row whose Type cell names one value while its description starts by saying it is a
/// collection (`String` | "A collection that contains the object IDs ..."): the Type cell names
/// the item type, as a reader takes it.
fn collection_by_description(ty: TypeRef, description: &str) -> TypeRef {
    if matches!(ty, TypeRef::Collection(_)) {
        return ty;
    }
    let lower = description.trim().to_lowercase();
    let first = lower
        .trim_start_matches("required.")
        .trim_start_matches("optional.")
        .trim_start();
    const OPENINGS: &[&str] = &[
        "a collection",
        "the collection",
        "collection of",
        "an array",
        "array of",
        "a list of",
        "the list of",
        "list of",
        "a set of",
        "the set of",
        "the updated set of",
    ];
    if OPENINGS.iter().any(|o| first.starts_with(o)) {
        TypeRef::Collection(Box::new(ty))
    } else {
        ty
    }
}

fn clean_name(cell: &str) -> String {
    cell.trim()
        .trim_matches(|c| c == '*' || c == '`')
        .trim()
        .to_string()
}

fn file_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

/// snake_case of the English title (`message: send` -> `message_send`); the file name when the
/// title is not ASCII (a localized page read in its translation).
pub fn operation_id(title: &str, path: &str) -> String {
    let from = if title.is_ascii() && title.chars().any(|c| c.is_ascii_alphabetic()) {
        title.to_string()
    } else {
        file_stem(path)
    };
    from.to_snake_case()
}

/// Whether a fence writes request lines the way a template does: every line a request line whose
/// target has no host, no headers and no body.
fn writes_templates(fence: &Fence) -> bool {
    let mut lines = fence.content.lines().filter(|l| !l.trim().is_empty());
    lines.clone().next().is_some()
        && lines.all(|l| http::request_line(l).is_some_and(|(_, target)| !target.contains("://")))
}

/// Sections whose blocks are examples, not the documentation of the request's form.
fn is_example_section(section: &str) -> bool {
    ["example", "request", "response"]
        .iter()
        .any(|w| section.starts_with(w))
}

/// A fence that documents the form of the request outside an HTTP request section: on a page that
/// has none, a block of host-less request lines (unannotated or `ignored`) that is not in the
/// examples (`POST /chats/{chat-id}/members` under Permissions; `site-get`'s one section per form).
fn bare_template_block(page: &Page, block: &extract::Block, fence: &Fence) -> bool {
    let block_type = annotation(page, fence).and_then(|a| a.str_key("blockType"));
    block.section != HTTP_REQUEST
        && matches!(block_type, None | Some("ignored"))
        && !is_example_section(&block.section)
        && writes_templates(fence)
}

fn templates(
    src: &SourceFile,
    page: &Page,
    shape: Shape,
    diags: &mut Vec<Diagnostic>,
) -> Vec<PathTemplate> {
    let mut out = Vec::new();
    for (block, fence) in page.fences() {
        let documents_form = block.section == HTTP_REQUEST
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
fn templates_from_examples(templates: &mut Vec<PathTemplate>, examples: &mut [Example]) {
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
        r.template = template::find_template(templates, &r.method, &segments, &r.query);
        if r.template.is_some() {
            continue;
        }
        let Ok(t) = PathTemplate::parse(r.method.clone(), &r.target, r.location.clone()) else {
            continue;
        };
        templates.push(t);
        r.template = template::find_template(templates, &r.method, &segments, &r.query);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ExampleKind {
    Request,
    Response,
}

/// Whether a fence is a request or response example: by its annotation, else by its first line.
/// An unannotated block of request lines is no example when it shows the form of a request
/// (host-less lines outside the examples: a template or an illustration of a query option) or
/// stands on a resource page (an illustration of how the resource is addressed).
fn example_kind(
    page: &Page,
    block: &extract::Block,
    fence: &Fence,
    shape: Shape,
) -> Option<ExampleKind> {
    let ann = annotation(page, fence).filter(|a| a.json.is_ok());
    let first = fence.content.lines().find(|l| !l.trim().is_empty());
    let illustration =
        shape.illustrates || (writes_templates(fence) && !is_example_section(&block.section));
    match ann.and_then(|a| a.str_key("blockType")) {
        Some("request") => Some(ExampleKind::Request),
        Some("response") => Some(ExampleKind::Response),
        Some(_) => None,
        None if illustration => None,
        None if first.and_then(http::request_line).is_some() => Some(ExampleKind::Request),
        None if first.and_then(http::status_line).is_some() => Some(ExampleKind::Response),
        None => None,
    }
}

enum Found {
    Request(Box<ExampleRequest>, Vec<String>),
    Response(Box<ExampleResponse>, Vec<String>),
    /// A request block annotated `ignored` (a call the page shows but does not test): the
    /// unnamed response after it answers it, not the example above.
    Ignored,
}

fn examples(
    src: &SourceFile,
    page: &Page,
    shape: Shape,
    templates: &[PathTemplate],
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Example>, Stats) {
    let mut found = Vec::new();
    let mut stats = Stats::default();
    for (block, fence) in page.fences() {
        let ann = annotation(page, fence).filter(|a| a.json.is_ok());
        // The HTTP request section holds templates; a block there annotated as a request is
        // also an example (pages that document one variant per section write it so).
        if block.section == HTTP_REQUEST
            && ann.and_then(|a| a.str_key("blockType")) != Some("request")
        {
            continue;
        }
        let Some(kind) = example_kind(page, block, fence, shape) else {
            let first = fence.content.lines().find(|l| !l.trim().is_empty());
            if ann.and_then(|a| a.str_key("blockType")) == Some("ignored")
                && first.and_then(http::request_line).is_some()
            {
                found.push(Found::Ignored);
            }
            continue;
        };
        let counter = match kind {
            ExampleKind::Request => &mut stats.request_examples,
            ExampleKind::Response => &mut stats.response_examples,
        };
        counter.found += 1;
        let parsed_before = found.len();
        let location = src.locate(fence.content_offset);
        let names = ann.map(|a| a.names()).unwrap_or_default();
        if kind == ExampleKind::Request {
            match http::parse_request(&fence.content) {
                Some(r) => {
                    let body = json_body(src, fence, &r.message, diags);
                    let raw_body = raw_body(&r.message);
                    let (path, query) = template::split_target(&r.target);
                    let segments = template::parse_path(&path);
                    let query = parse_query(query.as_deref());
                    let template = template::find_template(templates, &r.method, &segments, &query);
                    let scopes = ann
                        .and_then(|a| a.str_key("scopes"))
                        .map(|s| s.split_whitespace().map(str::to_string).collect::<Vec<_>>());
                    found.push(Found::Request(
                        Box::new(ExampleRequest {
                            location,
                            annotated: ann.is_some(),
                            method: r.method,
                            target: r.target,
                            path,
                            query,
                            headers: r.message.headers,
                            writes_body: !r.message.body.trim().is_empty(),
                            raw_body,
                            body,
                            template,
                            scopes,
                            other_host: None,
                            key_syntax_path: None,
                        }),
                        names,
                    ));
                }
                None => diags.push(Diagnostic::new(
                    Code::InvalidRequestBlock,
                    location,
                    "request block does not start with `METHOD URL`",
                )),
            }
        } else {
            match http::parse_response(&fence.content) {
                Some(r) => {
                    let body = json_body(src, fence, &r.message, diags);
                    // `microsoft.graph.none` is how some pages say the response has no body.
                    let odata_type = ann
                        .and_then(|a| a.str_key("@odata.type").or_else(|| a.str_key("@type")))
                        .filter(|t| !resource_name(t).eq_ignore_ascii_case("none"))
                        .map(str::to_string);
                    let collection = ann
                        .and_then(|a| a.bool_key("isCollection"))
                        .unwrap_or(false)
                        || odata_type
                            .as_deref()
                            .is_some_and(|t| t.starts_with("Collection("));
                    found.push(Found::Response(
                        Box::new(ExampleResponse {
                            location,
                            annotated: ann.is_some(),
                            status: r.status,
                            reason: r.reason,
                            headers: r.message.headers,
                            body,
                            odata_type,
                            collection,
                            truncated: ann.and_then(|a| a.bool_key("truncated")).unwrap_or(false),
                            expect_error: ann
                                .and_then(|a| a.bool_key("expectError"))
                                .unwrap_or(false),
                            is_empty: ann.and_then(|a| a.bool_key("isEmpty")).unwrap_or(false),
                        }),
                        names,
                    ));
                }
                None => diags.push(Diagnostic::new(
                    Code::InvalidResponseBlock,
                    location,
                    "response block does not start with a status line such as `HTTP/1.1 200 OK`",
                )),
            }
        }
        if found.len() > parsed_before {
            counter.parsed += 1;
        }
    }
    let (examples, responses_untested) = pair(found, diags);
    stats.responses_untested = responses_untested;
    stats.pairs = examples.iter().filter(|e| e.response.is_some()).count();
    (examples, stats)
}

/// A response pairs with the request of the same name, else with the request right above it.
/// A request may have several responses (alternatives, later states): the first is its
/// `response`, the others `more_responses`. Also returns how many annotated responses are in no
/// example (answering an ignored request, or unpaired), so that no block vanishes unaccounted.
fn pair(found: Vec<Found>, diags: &mut Vec<Diagnostic>) -> (Vec<Example>, usize) {
    let mut examples: Vec<(Example, Vec<String>)> = Vec::new();
    let mut after_ignored = false;
    let mut of_ignored = 0;
    for f in found {
        match f {
            Found::Ignored => after_ignored = true,
            Found::Request(r, names) => {
                after_ignored = false;
                examples.push((
                    Example {
                        name: names.first().cloned(),
                        request: *r,
                        response: None,
                        more_responses: Vec::new(),
                    },
                    names,
                ));
            }
            Found::Response(r, names) => {
                // One response for several requests, on purpose: every named request that
                // still waits gets it (`drive-list`: one answer for its four forms).
                if names.len() > 1 {
                    let waiting: Vec<usize> = examples
                        .iter()
                        .enumerate()
                        .filter(|(_, (e, en))| {
                            e.response.is_none() && names.iter().any(|n| en.contains(n))
                        })
                        .map(|(i, _)| i)
                        .collect();
                    if !waiting.is_empty() {
                        for i in waiting {
                            examples[i].0.response = Some((*r).clone());
                        }
                        after_ignored = false;
                        continue;
                    }
                }
                let named = |free: bool| {
                    examples.iter().position(|(e, en)| {
                        e.response.is_none() == free && names.iter().any(|n| en.contains(n))
                    })
                };
                let last = examples.len().checked_sub(1);
                let free_last = last.filter(|&i| examples[i].0.response.is_none());
                if after_ignored && names.is_empty() && free_last.is_none() {
                    // The response of the ignored request right above; a request still
                    // waiting (one shown two ways, the second ignored) takes it instead.
                    after_ignored = false;
                    of_ignored += usize::from(r.annotated);
                    continue;
                }
                // The request of the same name; else the request just above when it still
                // waits for its response (names are often copied wrong); else a further
                // response of the named request, or of the request just above.
                let target = named(true)
                    .or(free_last)
                    .or_else(|| named(false))
                    .or(last.filter(|_| names.is_empty()));
                match target {
                    Some(i) => {
                        let e = &mut examples[i].0;
                        if e.response.is_none() {
                            e.response = Some(*r);
                        } else {
                            e.more_responses.push(*r);
                        }
                    }
                    None => {
                        of_ignored += usize::from(r.annotated);
                        diags.push(
                        Diagnostic::new(
                            Code::UnpairedResponse,
                            r.location.clone(),
                            "response example has no request example to pair with",
                        )
                        .help(
                            "give it the `name` of its request, or put it right after the request",
                        ),
                    )
                    }
                }
            }
        }
    }
    for (e, _) in &examples {
        if e.response.is_none() {
            diags.push(Diagnostic::new(
                Code::UnpairedRequest,
                e.request.location.clone(),
                "request example has no response example",
            ));
        }
    }
    (examples.into_iter().map(|(e, _)| e).collect(), of_ignored)
}

fn json_body(
    src: &SourceFile,
    fence: &Fence,
    message: &http::Message,
    diags: &mut Vec<Diagnostic>,
) -> Option<JsonBody> {
    let body = message.body.as_str();
    if body.is_empty() {
        return None;
    }
    let declared_json = message
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.to_ascii_lowercase().contains("json"));
    let looks_json = body.starts_with('{') || body.starts_with('[');
    if declared_json == Some(false) || !looks_json {
        return None;
    }
    match lenient_json::parse(body) {
        Ok((value, leniency)) => Some(JsonBody { value, leniency }),
        Err(e) => {
            let at = offset_of_line_col(body, e.line, e.column).unwrap_or(0);
            diags.push(Diagnostic::new(
                Code::ExampleBodyInvalidJson,
                src.locate(fence.content_offset + message.body_offset + at),
                format!("example body is not JSON: {}", e.message),
            ));
            None
        }
    }
}

/// A request body whose declared content type is not JSON, as written.
fn raw_body(message: &http::Message) -> Option<String> {
    let declared = message
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.to_ascii_lowercase())?;
    (!declared.contains("json") && !message.body.trim().is_empty()).then(|| message.body.clone())
}

fn parse_query(query: Option<&str>) -> Vec<(String, String)> {
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// The success status the Response prose names, with the location of its digits.
fn prose_status(src: &SourceFile, page: &Page) -> Option<StatusClaim> {
    for p in page.paragraphs_in("response") {
        let raw = src.text.get(p.raw.clone())?;
        let lower = raw.to_lowercase();
        // English, and the words of the localized pages read in their translation.
        let claims = ["return", "respon", "返回", "响应"];
        if !claims.iter().any(|w| lower.contains(w)) {
            continue;
        }
        let bytes = raw.as_bytes();
        for (i, w) in bytes.windows(3).enumerate() {
            let boundary_before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
            let boundary_after = bytes.get(i + 3).is_none_or(|b| !b.is_ascii_alphanumeric());
            if w[0] == b'2'
                && w[1].is_ascii_digit()
                && w[2].is_ascii_digit()
                && boundary_before
                && boundary_after
            {
                let status =
                    (w[0] - b'0') as u16 * 100 + (w[1] - b'0') as u16 * 10 + (w[2] - b'0') as u16;
                return Some(StatusClaim {
                    status,
                    location: src.locate(p.raw.start + i),
                });
            }
        }
    }
    None
}

fn response_says_no_body(page: &Page) -> bool {
    page.paragraphs_in("response").any(|p| {
        let t = p.text.to_lowercase();
        t.contains("not return anything")
            || t.contains("no response body")
            || t.contains("returns no content")
    })
}

fn success(src: &SourceFile, page: &Page, all: &[Example]) -> Success {
    let prose = prose_status(src, page);
    let examples = all;
    let examples: Vec<StatusClaim> = examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .filter(|r| (200..300).contains(&r.status))
        .map(|r| StatusClaim {
            status: r.status,
            location: r.location.clone(),
        })
        .collect();
    // Downloads document their success as a redirect to the content (`302 Found` + Location).
    let redirect = || {
        all.iter()
            .filter_map(|e| e.response.as_ref())
            .find(|r| {
                (300..400).contains(&r.status)
                    && !r.expect_error
                    && r.headers
                        .iter()
                        .any(|(k, _)| k.eq_ignore_ascii_case("location"))
            })
            .map(|r| r.status)
    };
    Success {
        status: prose
            .as_ref()
            .map(|p| p.status)
            .or_else(|| examples.first().map(|e| e.status))
            .or_else(redirect),
        prose,
        examples,
    }
}

/// The resource that the Request body prose links to (`[message](../resources/message.md)`).
/// The OData query options the query parameters section names (`$select`, in prose or in its
/// table). A page that says only that the method "supports the OData query parameters" documents
/// all of them for a collection, and `$select` and `$expand` for a single item.
fn query_options(
    page: &Page,
    parameters: &[Parameter],
    response: Option<&BodyShape>,
) -> Vec<String> {
    let mut named = std::collections::BTreeSet::new();
    let mut generic = false;
    for b in page
        .blocks
        .iter()
        .filter(|b| b.section.contains("query parameter"))
    {
        let BlockKind::Paragraph(p) = &b.kind else {
            continue;
        };
        let lower = p.text.to_ascii_lowercase();
        let mut rest = lower.as_str();
        while let Some(i) = rest.find('$') {
            rest = &rest[i + 1..];
            let word: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            named.insert(word);
        }
        generic |= lower.contains("odata query parameter")
            && lower.contains("support")
            && !lower.contains("not support");
    }
    for p in parameters {
        named.insert(p.name.trim().trim_start_matches('$').to_ascii_lowercase());
    }
    let collection = response.is_some_and(|r| r.collection);
    QUERY_OPTIONS
        .iter()
        .filter(|o| {
            named.contains(**o)
                || (generic
                    && named.iter().all(|n| !QUERY_OPTIONS.contains(&n.as_str()))
                    && (collection || matches!(**o, "select" | "expand")))
        })
        .map(|o| o.to_string())
        .collect()
}

/// A Methods-table cell that writes a request (`` `GET /drive/root` ``), without its backticks.
fn method_row_request(cell: &str) -> Option<String> {
    let text = cell.trim().trim_matches('`').trim();
    let (method, path) = text.split_once(' ')?;
    let known = ["GET", "POST", "PATCH", "PUT", "DELETE"];
    (known.contains(&method) && path.trim_start().starts_with('/'))
        .then(|| format!("{method} {}", path.trim()))
}

/// The resource page the Response prose links to (`collection of [attachment](../resources/attachment.md)
/// objects`), relative to the docs root.
fn response_prose_page(src: &SourceFile, page: &Page) -> Option<String> {
    page.paragraphs_in("response")
        .flat_map(|p| p.links.iter())
        .map(|l| resolve_link(&src.path, l))
        .find(|l| l.starts_with("resources/") && l.ends_with(".md"))
}

fn request_body_resource(page: &Page) -> Option<String> {
    page.paragraphs_in("request body")
        .flat_map(|p| p.links.iter())
        .find_map(|l| {
            let path = l.split('#').next()?;
            if !path.contains("resources/") {
                return None;
            }
            let file = path.rsplit('/').next()?;
            file.strip_suffix(".md").map(str::to_string)
        })
}

fn split_scopes(text: &str) -> Vec<String> {
    text.split([',', ';', ' ', '*', '\u{3001}', '\u{ff0c}'])
        .map(|s| s.trim().trim_end_matches('.').trim())
        .filter(|s| {
            !s.is_empty()
                && s.contains('.')
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
        })
        .map(str::to_string)
        .collect()
}

fn permission(cell: &str) -> Permission {
    let lower = cell.to_lowercase();
    let scopes = split_scopes(cell);
    if !scopes.is_empty() {
        Permission::Scopes(scopes)
    } else if lower.contains("not supported")
        || lower.contains("not applicable")
        || lower.starts_with("none")
    {
        Permission::NotSupported
    } else {
        Permission::Undocumented
    }
}

/// The permission type a row label or column header names.
fn permission_slot<'a>(s: &'a mut Scopes, label: &str) -> Option<&'a mut Permission> {
    let label = label.to_lowercase();
    if label.contains("delegated") && label.contains("personal") {
        Some(&mut s.delegated_personal)
    } else if label.contains("delegated") {
        Some(&mut s.delegated_work)
    } else if label.contains("application") {
        Some(&mut s.application)
    } else {
        None
    }
}

fn scopes(src: &SourceFile, page: &Page, examples: &[Example]) -> Scopes {
    let mut s = Scopes {
        table_problems: Vec::new(),
        delegated_work: Permission::Undocumented,
        delegated_personal: Permission::Undocumented,
        application: Permission::Undocumented,
        table: None,
        prose: None,
        annotation: None,
    };
    for (_, t) in page.tables() {
        if s.table.is_some() {
            break;
        }
        let header: Vec<String> = t.header.iter().map(|h| h.to_lowercase()).collect();
        if header
            .first()
            .is_some_and(|h| h.contains("permission type"))
        {
            s.table = Some(src.locate(t.offset));
            for row in &t.rows {
                let (Some(label), Some(cell)) = (row.cells.first(), row.cells.get(1)) else {
                    continue;
                };
                let value = permission(cell);
                if value == Permission::Undocumented {
                    s.table_problems.push(Located {
                        value: format!("the `{}` cell `{cell}` names no scope", label.trim()),
                        location: src.locate(row.offset),
                    });
                }
                match permission_slot(&mut s, label) {
                    Some(slot) => *slot = value,
                    None => s.table_problems.push(Located {
                        value: format!("row `{}` is not a permission type", label.trim()),
                        location: src.locate(row.offset),
                    }),
                }
            }
            let missing: Vec<&str> = [
                (&s.delegated_work, "Delegated (work or school account)"),
                (
                    &s.delegated_personal,
                    "Delegated (personal Microsoft account)",
                ),
                (&s.application, "Application"),
            ]
            .into_iter()
            .filter(|(p, _)| **p == Permission::Undocumented)
            .map(|(_, name)| name)
            .collect();
            if !missing.is_empty() {
                s.table_problems.push(Located {
                    value: format!("no usable row for {}", missing.join(", ")),
                    location: src.locate(t.offset),
                });
            }
        } else if header.iter().skip(1).any(|h| h.contains("delegated")) {
            // Transposed: one column per permission type, one row per resource. Any row's
            // scopes authorize the call for that resource, so the columns are merged.
            s.table = Some(src.locate(t.offset));
            for (c, label) in t.header.iter().enumerate().skip(1) {
                let mut merged: Vec<String> = Vec::new();
                let mut not_supported = false;
                for row in &t.rows {
                    match row.cells.get(c).map(|cell| permission(cell)) {
                        Some(Permission::Scopes(v)) => {
                            for x in v {
                                if !merged.contains(&x) {
                                    merged.push(x);
                                }
                            }
                        }
                        Some(Permission::NotSupported) => not_supported = true,
                        _ => {}
                    }
                }
                let value = if !merged.is_empty() {
                    Permission::Scopes(merged)
                } else if not_supported {
                    Permission::NotSupported
                } else {
                    Permission::Undocumented
                };
                if let Some(slot) = permission_slot(&mut s, label) {
                    *slot = value;
                }
            }
        }
    }
    for b in &page.blocks {
        let BlockKind::Paragraph(p) = &b.kind else {
            continue;
        };
        let lower = p.text.to_lowercase();
        if lower.contains("scopes") && lower.contains("required") {
            if let Some((_, list)) = p.text.split_once(':') {
                let scopes = split_scopes(list);
                if !scopes.is_empty() && s.prose.is_none() {
                    s.prose = Some(Located {
                        value: scopes,
                        location: src.locate(p.raw.start),
                    });
                }
            }
        }
    }
    s.annotation = examples.iter().find_map(|e| {
        e.request.scopes.clone().map(|value| Located {
            value,
            location: e.request.location.clone(),
        })
    });
    s
}

fn model_resource(src: &SourceFile, page: &Page) -> Option<Resource> {
    let title_heading = page.title();
    let title = title_heading
        .map(|h| h.text.clone())
        .unwrap_or_else(|| file_stem(&src.path));
    let resource_fence = page
        .fences()
        .find(|(_, f)| annotation(page, f).and_then(|a| a.str_key("blockType")) == Some("resource"))
        .map(|(_, f)| f);
    let ann = resource_fence.and_then(|f| annotation(page, f));
    let json_properties = resource_fence
        .and_then(|f| lenient_json::parse(&f.content).ok())
        .and_then(|(v, _)| v.as_object().map(|o| o.keys().cloned().collect()))
        .unwrap_or_default();
    let json_location = resource_fence.map(|f| src.locate(f.content_offset));
    let odata_type = ann
        .and_then(|a| a.str_key("@odata.type").or_else(|| a.str_key("@type")))
        .map(str::to_string);
    let name = odata_type.as_deref().map(resource_name).or_else(|| {
        let word = title.split_whitespace().next()?;
        Some(qualified(namespace(page).as_deref(), word))
    })?;
    let properties = property_rows(src, page, "properties");
    let relationships = property_rows(src, page, "relationships");
    let methods = page
        .tables()
        .filter(|(b, _)| b.section == "methods")
        .flat_map(|(_, t)| {
            let ret = t
                .header
                .iter()
                .position(|h| h.to_lowercase().contains("return"));
            let desc = t
                .header
                .iter()
                .position(|h| h.to_lowercase().contains("description"));
            t.rows.iter().filter_map(move |r| {
                let name = r.cells.first()?.trim().to_string();
                (!name.is_empty()).then(|| MethodRef {
                    page: r
                        .links
                        .first()
                        .and_then(|l| l.first())
                        .map(|l| resolve_link(&src.path, l)),
                    name,
                    return_type: ret
                        .and_then(|c| r.cells.get(c))
                        .cloned()
                        .unwrap_or_default(),
                    description: desc
                        .and_then(|c| r.cells.get(c))
                        .cloned()
                        .unwrap_or_default(),
                    path: r.cells.iter().skip(1).find_map(|c| method_row_request(c)),
                })
            })
        })
        .collect();
    let optional_properties = ann
        .and_then(|a| a.object())
        .and_then(|o| o.get("optionalProperties"))
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Some(Resource {
        name,
        odata_type,
        title,
        description: description(page),
        page: src.path.clone(),
        location: src.locate(title_heading.map(|h| h.offset).unwrap_or(0)),
        base_type: ann.and_then(|a| a.str_key("baseType")).map(str::to_string),
        open_type: ann.and_then(|a| a.bool_key("openType")).unwrap_or(false),
        is_abstract: ann.and_then(|a| a.bool_key("abstract")).unwrap_or(false),
        key_property: ann
            .and_then(|a| a.str_key("keyProperty"))
            .map(str::to_string),
        optional_properties,
        properties,
        relationships,
        methods,
        json_properties,
        json_location,
        sent_relationships: Vec::new(),
    })
}

/// Rows of the Properties (or Relationships) tables: name, type and description.
fn property_rows(src: &SourceFile, page: &Page, section: &str) -> Vec<Property> {
    let mut out = Vec::new();
    for (b, t) in page.tables() {
        if b.section != section {
            continue;
        }
        let col = |want: &[&str]| {
            t.header
                .iter()
                .position(|h| want.iter().any(|w| h.to_lowercase().contains(w)))
        };
        // Headers may be translated without span pairs (`| 属性 | 类型 | 说明 |`): the columns are
        // then taken in their usual order.
        let translated = t.header.iter().any(|h| !h.is_ascii());
        let positional = |i: usize| (translated && t.header.len() > i).then_some(i);
        let Some(type_col) = col(&["type", "类型"]).or(positional(1)) else {
            continue;
        };
        let name_col =
            col(&["propert", "relationship", "name", "属性", "关系", "名称"]).unwrap_or(0);
        // A table whose only `type` column is its first names values, not properties (the
        // `type property | Type of recurrence range | ...` table of recurrenceRange's values).
        if type_col == name_col {
            continue;
        }
        let desc_col = col(&["description", "说明"]).or(positional(2));
        for row in &t.rows {
            let (Some(n), Some(ty)) = (row.cells.get(name_col), row.cells.get(type_col)) else {
                continue;
            };
            let n = clean_name(n);
            // The first row of a name is the property; a later table repeating it explains it.
            if n.is_empty() || n.contains(' ') || out.iter().any(|p: &Property| p.name == n) {
                continue;
            }
            let ty_page = row
                .links
                .get(type_col)
                .and_then(|l| l.first())
                .map(|l| resolve_link(&src.path, l))
                .filter(|l| l.ends_with(".md"));
            out.push(Property {
                name: n,
                ty: parse_type(ty),
                description: desc_col
                    .and_then(|c| row.cells.get(c))
                    .cloned()
                    .unwrap_or_default(),
                location: src.locate(row.offset),
                ty_page,
            });
        }
    }
    out
}

/// A link of a page, as a path relative to the docs root (`../api/x.md` from `resources/y.md`).
fn resolve_link(page: &str, link: &str) -> String {
    let link = link.split('#').next().unwrap_or(link);
    if link.contains("://") {
        return link.to_string();
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Enum tables: under a `### <name> values` heading, or the members table of an enum page.
fn model_enums(src: &SourceFile, page: &Page) -> Vec<EnumType> {
    let enum_page = page.front_matter.get("doc_type").map(String::as_str) == Some("enumPageType");
    let mut out = Vec::new();
    for (b, t) in page.tables() {
        let heading = b.heading.and_then(|h| page.headings.get(h));
        let from_heading = heading.and_then(|h| {
            let text = h.text.trim();
            let lower = text.to_lowercase();
            lower
                .strip_suffix(" values")
                .map(|_| text[..text.len() - " values".len()].trim())
                .filter(|n| !n.is_empty() && !n.contains(' '))
                .map(str::to_string)
        });
        let name = match from_heading {
            Some(n) => n,
            None if enum_page && b.section.contains("member") => {
                match page.title().and_then(|t| t.text.split_whitespace().next()) {
                    Some(n) => n.to_string(),
                    None => continue,
                }
            }
            None => continue,
        };
        let col = |want: &str| {
            t.header
                .iter()
                .position(|h| h.to_lowercase().contains(want))
        };
        let value_col = col("value").filter(|&c| c != 0);
        let desc_col = col("description");
        let members = t
            .rows
            .iter()
            .filter_map(|r| {
                let name = r.cells.first()?.trim().trim_matches('`').trim();
                (!name.is_empty()).then(|| EnumMember {
                    name: name.to_string(),
                    value: value_col
                        .and_then(|c| r.cells.get(c))
                        .filter(|v| !v.is_empty())
                        .cloned(),
                    description: desc_col
                        .and_then(|c| r.cells.get(c))
                        .cloned()
                        .unwrap_or_default(),
                })
            })
            .collect::<Vec<_>>();
        if !members.is_empty() {
            out.push(EnumType {
                name,
                page: src.path.clone(),
                location: src.locate(t.offset),
                members,
            });
        }
    }
    out
}

/// Edm primitives, and `Json`: the workbook APIs' type for any JSON value (its page documents
/// no properties; examples hold strings, numbers and nested arrays in it).
const PRIMITIVES: &[&str] = &[
    "Json",
    "String",
    "Boolean",
    "Int16",
    "Int32",
    "Int64",
    "Byte",
    "SByte",
    "Double",
    "Single",
    "Decimal",
    "Guid",
    "DateTimeOffset",
    "Date",
    "TimeOfDay",
    "Duration",
    "Binary",
    "Stream",
];

/// `String`, `Collection(recipient)`, `recipient collection`, `Edm.Int32`, `String collection`.
pub fn parse_type(text: &str) -> TypeRef {
    let t = text.trim();
    if let Some(inner) = t
        .strip_prefix("Collection(")
        .or_else(|| t.strip_prefix("collection("))
        .and_then(|s| s.strip_suffix(')'))
    {
        return TypeRef::Collection(Box::new(parse_type(inner)));
    }
    let lower = t.to_lowercase();
    if let Some(rest) = lower.strip_prefix("collection of ") {
        return TypeRef::Collection(Box::new(parse_type(&t[t.len() - rest.len()..])));
    }
    for suffix in [" collection", " array"] {
        if lower.ends_with(suffix) {
            return TypeRef::Collection(Box::new(parse_type(&t[..t.len() - suffix.len()])));
        }
    }
    let bare = t.strip_prefix("Edm.").unwrap_or(t);
    let bare = bare.rsplit('.').next().unwrap_or(bare).trim();
    match PRIMITIVES.iter().find(|p| p.eq_ignore_ascii_case(bare)) {
        Some(p) => TypeRef::Primitive((*p).to_string()),
        None if bare.eq_ignore_ascii_case("bool") => TypeRef::Primitive("Boolean".into()),
        None if bare.eq_ignore_ascii_case("int") => TypeRef::Primitive("Int32".into()),
        None if bare.eq_ignore_ascii_case("datetime") => {
            TypeRef::Primitive("DateTimeOffset".into())
        }
        None => TypeRef::Named(bare.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::names::qualified;
    use crate::ir::names::resource_name;

    #[test]
    fn ids_and_names() {
        assert_eq!(operation_id("message: send", "api/x.md"), "message_send");
        assert_eq!(operation_id("List messages", "api/x.md"), "list_messages");
        assert_eq!(
            operation_id("邮件：发送", "api/message-send.md"),
            "message_send"
        );
        assert_eq!(resource_name("microsoft.graph.message"), "message");
        assert_eq!(
            resource_name("Collection(microsoft.graph.message)"),
            "message"
        );
        assert_eq!(
            resource_name("#microsoft.graph.callRecords.mediaStream"),
            "callRecords.mediaStream"
        );
        assert_eq!(resource_name("Edm.String"), "String");
        assert_eq!(
            qualified(Some("microsoft.graph.callRecords"), "session"),
            "callRecords.session"
        );
        assert_eq!(qualified(Some("microsoft.graph"), "user"), "user");
    }

    #[test]
    fn types() {
        assert_eq!(parse_type("String"), TypeRef::Primitive("String".into()));
        assert_eq!(
            parse_type("recipient collection"),
            TypeRef::Collection(Box::new(TypeRef::Named("recipient".into())))
        );
        assert_eq!(
            parse_type("Collection of String"),
            TypeRef::Collection(Box::new(TypeRef::Primitive("String".into())))
        );
        assert_eq!(
            parse_type("Collection(Edm.String)"),
            TypeRef::Collection(Box::new(TypeRef::Primitive("String".into())))
        );
    }

    #[test]
    fn a_row_described_as_a_collection_is_one() {
        let string = || TypeRef::Primitive("String".into());
        let many = TypeRef::Collection(Box::new(string()));
        for d in [
            "A collection that contains the object IDs of the groups.",
            "Required. An array of permission types.",
            "The list of conditions to sort on.",
        ] {
            assert_eq!(collection_by_description(string(), d), many, "{d}");
        }
        for d in ["The ID of the collection.", "Optional. A name."] {
            assert_eq!(collection_by_description(string(), d), string(), "{d}");
        }
        assert_eq!(
            collection_by_description(many.clone(), "A collection of IDs."),
            many
        );
    }

    #[test]
    fn scopes_from_cells() {
        assert_eq!(
            permission("Mail.Send, Mail.ReadWrite"),
            Permission::Scopes(vec!["Mail.Send".into(), "Mail.ReadWrite".into()])
        );
        assert_eq!(permission("Not supported."), Permission::NotSupported);
        assert_eq!(split_scopes("*Mail.Send*"), vec!["Mail.Send"]);
    }
}

#[cfg(test)]
mod page_tests {
    use super::*;
    use crate::source::Lang;

    fn model(path: &str, md: &str) -> PageModel {
        model_page(&SourceFile::new(path, md.to_string(), Lang::English))
    }

    #[test]
    fn parameter_tables_of_an_operation() {
        let m = model(
            "api/x.md",
            "# Get report\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nGET /reports/getX(period='{period_value}')\n```\n\n## Function parameters\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| period | string | Required. The length of time. |\n\n## Optional query parameters\n\n| Name | Description |\n|:--|:--|\n| `$top` | How many. |\n\n## Request headers\n\n| Name | Description |\n|:--|:--|\n| Authorization | Bearer {token}. Required. |\n| Prefer | Optional. |\n",
        );
        let op = m.operation.expect("operation");
        assert_eq!(op.function_parameters.len(), 1);
        assert_eq!(op.function_parameters[0].name, "period");
        assert!(op.function_parameters[0].required);
        assert_eq!(
            op.function_parameters[0].ty,
            Some(TypeRef::Primitive("String".into()))
        );
        assert_eq!(op.query_parameters[0].name, "$top");
        let headers: Vec<(&str, bool)> = op
            .headers
            .iter()
            .map(|h| (h.name.as_str(), h.required))
            .collect();
        assert_eq!(headers, vec![("Authorization", true), ("Prefer", false)]);
        assert_eq!(op.templates[0].params[0].name, "period_value");
        assert_eq!(
            m.info.and_then(|i| i.namespace).as_deref(),
            Some("microsoft.graph")
        );
    }

    #[test]
    fn query_options_from_prose_and_tables() {
        let options = |section: &str, response: &str| -> Vec<String> {
            let md = format!("# List things\n\n## HTTP request\n\n```http\nGET /things\n```\n\n## Optional query parameters\n\n{section}\n\n## Response\n\nReturns `200 OK`.\n\n## Example\n\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n\n<!-- {{\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\"{response}}} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{}}\n```\n");
            model("api/x.md", &md)
                .operation
                .expect("operation")
                .query_options
        };
        let list = ", \"isCollection\": true";
        assert_eq!(
            options("This method supports the `$top`, `$select` and `$skipToken` OData query parameters.", list),
            vec!["select", "top"]
        );
        assert_eq!(
            options(
                "| Name | Description |\n|:--|:--|\n| `$filter` | Which. |",
                list
            ),
            vec!["filter"]
        );
        // Only the general sentence: every option for a collection, select and expand for one.
        let general = "This method supports the [OData query parameters](https://x) to help customize the response.";
        assert_eq!(options(general, list).len(), crate::ir::QUERY_OPTIONS.len());
        assert_eq!(options(general, ""), vec!["select", "expand"]);
        assert!(options(
            "This method does not support the OData query parameters.",
            list
        )
        .is_empty());
    }

    #[test]
    fn the_response_of_an_ignored_request_is_not_a_further_response() {
        let md = "# List things\n\n## HTTP request\n\n```http\nGET /things\n```\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 200 OK\n```\n\n<!-- {\"blockType\": \"ignored\", \"name\": \"count\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/things/$count\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 200 OK\nContent-type: text/plain\n\n294\n```\n";
        let op = model("api/x.md", md).operation.expect("operation");
        assert_eq!(op.examples.len(), 1);
        assert!(op.examples[0].response.is_some());
        assert!(op.examples[0].more_responses.is_empty());
        // A request shown twice, the second ignored: the response is the first one's.
        let twice = md.replacen(
            "<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 200 OK\n```\n\n",
            "",
            1,
        );
        let op = model("api/x.md", &twice).operation.expect("operation");
        assert_eq!(
            op.examples[0].response.as_ref().map(|r| r.body.is_some()),
            Some(false)
        );
        assert_eq!(
            op.examples[0].response.as_ref().map(|r| r.status),
            Some(200)
        );
    }

    #[test]
    fn transposed_permissions_table_merges_columns() {
        let m = model(
            "api/x.md",
            "# Get thing\n\n## Permissions\n\n| Supported resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n|:--|:--|:--|:--|\n| a | A.Read | Not supported | A.Read.All |\n| b | B.Read | Not supported | Not supported |\n\n## HTTP request\n\n```http\nGET /things\n```\n",
        );
        let s = m.operation.expect("operation").scopes;
        assert_eq!(
            s.delegated_work,
            Permission::Scopes(vec!["A.Read".into(), "B.Read".into()])
        );
        assert_eq!(s.delegated_personal, Permission::NotSupported);
        assert_eq!(s.application, Permission::Scopes(vec!["A.Read.All".into()]));
    }

    #[test]
    fn several_responses_for_one_request() {
        let m = model(
            "api/x.md",
            "# Get thing\n\n## HTTP request\n\n```http\nGET /things\n```\n\n## Example\n\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n\n```http\nHTTP/1.1 302 Found\nLocation: https://x\n```\n\n<!-- {\"blockType\": \"response\", \"expectError\": true} -->\n```http\nHTTP/1.1 404 Not Found\n```\n",
        );
        let op = m.operation.expect("operation");
        assert_eq!(op.examples.len(), 1);
        assert_eq!(
            op.examples[0].response.as_ref().map(|r| r.status),
            Some(302)
        );
        assert_eq!(op.examples[0].more_responses.len(), 1);
        assert!(op.examples[0].more_responses[0].expect_error);
        assert_eq!(m.stats.response_examples.found, 2);
        assert_eq!(m.stats.pairs, 1);
    }

    #[test]
    fn resource_tables_and_annotation() {
        let m = model(
            "resources/widget.md",
            "# widget resource type\n\n## Methods\n\n| Method | Return type | Description |\n|:--|:--|:--|\n| [Get widget](../api/widget-get.md) | [widget](widget.md) | Read it. |\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n| parts | [part](part.md) collection | Its parts. |\n\n## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\", \"keyProperty\": \"id\", \"abstract\": true, \"optionalProperties\": [\"id\"], \"baseType\": \"microsoft.graph.entity\"} -->\n```json\n{}\n```\n",
        );
        let r = m.resource.expect("resource");
        assert_eq!(r.methods[0].page.as_deref(), Some("api/widget-get.md"));
        assert_eq!(r.methods[0].name, "Get widget");
        assert_eq!(
            r.relationships[0].ty,
            TypeRef::Collection(Box::new(TypeRef::Named("part".into())))
        );
        assert_eq!(r.key_property.as_deref(), Some("id"));
        assert!(r.is_abstract);
        assert_eq!(r.optional_properties, vec!["id"]);
        assert_eq!(r.base_type.as_deref(), Some("microsoft.graph.entity"));
    }

    #[test]
    fn a_values_table_under_properties_is_no_property_table() {
        let m = model(
            "resources/recurrencerange.md",
            "# recurrenceRange resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| endDate | Date | The end. |\n| type | recurrenceRangeType | The kind. |\n\n| type property | Type of recurrence range | Description |\n|:--|:--|:--|\n| `endDate` | Range with end date | Ends. |\n\n## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.recurrenceRange\"} -->\n```json\n{}\n```\n",
        );
        let r = m.resource.expect("resource");
        let props: Vec<(&str, &TypeRef)> = r
            .properties
            .iter()
            .map(|p| (p.name.as_str(), &p.ty))
            .collect();
        assert_eq!(
            props,
            [
                ("endDate", &TypeRef::Primitive("Date".into())),
                ("type", &TypeRef::Named("recurrenceRangeType".into()))
            ]
        );
    }

    #[test]
    fn enum_tables() {
        let m = model(
            "resources/enums.md",
            "# Enum values\n\n### bodyType values\n\n| Member |\n|:--|\n| text |\n| html |\n",
        );
        assert_eq!(m.enums.len(), 1);
        assert_eq!(m.enums[0].name, "bodyType");
        let names: Vec<&str> = m.enums[0].members.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, vec!["text", "html"]);
    }
}
