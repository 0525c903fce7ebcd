//! Examples: which fences are requests and responses (annotated, or inferred from the first
//! line), their messages and bodies, and how requests and responses pair up: by `name`, else by
//! position; a response whose annotation names several requests answers each, and further
//! responses to one request are `more_responses`. Unannotated request blocks on resource pages,
//! and host-less ones outside the examples, are illustrations, not examples. Annotated
//! responses in no example are counted, so no block vanishes unaccounted.

use super::annotations::offset_of_line_col;
use super::templates::writes_templates;
use super::text::{annotation, Shape};
use crate::base::{Code, Diagnostic};
use crate::ir::names::resource_name;
use crate::ir::stats::Stats;
use crate::ir::{template, *};
use crate::read::extract::BlockType;
use crate::read::extract::{self, Fence, Page};
use crate::read::rules::Section;
use crate::read::source::SourceFile;
use crate::read::{http, lenient_json};
use percent_encoding::percent_decode_str;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ExampleKind {
    Request,
    Response,
}

/// Whether a fence is a request or response example: by its annotation, else by its first line.
/// An unannotated block of request lines is no example when it shows the form of a request
/// (host-less lines outside the examples: a template or an illustration of a query option) or
/// stands on a resource page (an illustration of how the resource is addressed).
pub(super) fn example_kind(
    page: &Page,
    block: &extract::Block,
    fence: &Fence,
    shape: Shape,
) -> Option<ExampleKind> {
    let ann = annotation(page, fence).filter(|a| a.json.is_ok());
    let first = fence.content.lines().find(|l| !l.trim().is_empty());
    let illustration =
        shape.illustrates || (writes_templates(fence) && !block.is_in(Section::Examples));
    match ann.and_then(|a| a.block_type()) {
        Some(BlockType::Request) => Some(ExampleKind::Request),
        Some(BlockType::Response) => Some(ExampleKind::Response),
        Some(
            BlockType::Ignored
            | BlockType::Resource
            | BlockType::Example
            | BlockType::Samples
            | BlockType::SimulatedResponse
            | BlockType::TestParams
            | BlockType::Permissions
            | BlockType::Unknown,
        ) => None,
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

pub(super) fn examples(
    src: &SourceFile,
    page: &Page,
    shape: Shape,
    templates: &[PathTemplate],
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Example>, Vec<ExampleResponse>, Stats) {
    let mut found = Vec::new();
    let mut stats = Stats::default();
    for (block, fence) in page.fences() {
        let ann = annotation(page, fence).filter(|a| a.json.is_ok());
        // The HTTP request section holds templates; a block there annotated as a request is
        // also an example (pages that document one variant per section write it so).
        if block.is_in(Section::HttpRequest)
            && ann.and_then(|a| a.block_type()) != Some(BlockType::Request)
        {
            continue;
        }
        let Some(kind) = example_kind(page, block, fence, shape) else {
            let first = fence.content.lines().find(|l| !l.trim().is_empty());
            if ann.and_then(|a| a.block_type()) == Some(BlockType::Ignored)
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
        let names = ann.map(|a| a.names()).unwrap_or_default();
        let example = if kind == ExampleKind::Request {
            request(src, fence, ann, templates, diags).map(|r| Found::Request(Box::new(r), names))
        } else {
            response(src, fence, ann, diags).map(|r| Found::Response(Box::new(r), names))
        };
        found.extend(example);
        if found.len() > parsed_before {
            counter.parsed += 1;
        }
    }
    let (examples, untested) = pair(found, diags);
    stats.responses_untested = untested.iter().filter(|r| r.annotated).count();
    stats.pairs = examples.iter().filter(|e| e.response.is_some()).count();
    (examples, untested, stats)
}

/// A request example from its block: the request line, headers and body as written, and the
/// template it matches; `None` (with a diagnostic) when the block is no request.
fn request(
    src: &SourceFile,
    fence: &Fence,
    ann: Option<&extract::Annotation>,
    templates: &[PathTemplate],
    diags: &mut Vec<Diagnostic>,
) -> Option<ExampleRequest> {
    let location = src.locate(fence.content_offset);
    match http::parse_request(&fence.content) {
        Some(r) => {
            let body = json_body(src, fence, &r.message, diags);
            let raw_body = raw_body(&r.message);
            let (path, query) = template::split_target(&r.target);
            let segments = template::parse_path(&path);
            let query = parse_query(query.as_deref());
            let template = template::find_template(templates, r.method, &segments, &query);
            let scopes = ann
                .and_then(|a| a.str_key("scopes"))
                .map(|s| s.split_whitespace().map(str::to_string).collect::<Vec<_>>());
            Some(ExampleRequest {
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
            })
        }
        None => {
            diags.push(Diagnostic::new(
                Code::InvalidRequestBlock,
                location,
                "request block does not start with `METHOD URL`",
            ));
            None
        }
    }
}

/// A response example from its block: status, headers, body, and what its annotation says of
/// it; `None` (with a diagnostic) when the block is no response.
fn response(
    src: &SourceFile,
    fence: &Fence,
    ann: Option<&extract::Annotation>,
    diags: &mut Vec<Diagnostic>,
) -> Option<ExampleResponse> {
    let location = src.locate(fence.content_offset);
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
            Some(ExampleResponse {
                location,
                annotated: ann.is_some(),
                status: r.status,
                reason: r.reason,
                headers: r.message.headers,
                body,
                odata_type,
                collection,
                truncated: ann.and_then(|a| a.bool_key("truncated")).unwrap_or(false),
                expect_error: ann.and_then(|a| a.bool_key("expectError")).unwrap_or(false),
                is_empty: ann.and_then(|a| a.bool_key("isEmpty")).unwrap_or(false),
            })
        }
        None => {
            diags.push(Diagnostic::new(
                Code::InvalidResponseBlock,
                location,
                "response block does not start with a status line such as `HTTP/1.1 200 OK`",
            ));
            None
        }
    }
}

/// A response pairs with the request of the same name, else with the request right above it.
/// A request may have several responses (alternatives, later states): the first is its
/// `response`, the others `more_responses`. Also returns the responses in no example (answering
/// an ignored request, or unpaired): no block vanishes unaccounted, and they still show what the
/// operation returns.
fn pair(found: Vec<Found>, diags: &mut Vec<Diagnostic>) -> (Vec<Example>, Vec<ExampleResponse>) {
    let mut examples: Vec<(Example, Vec<String>)> = Vec::new();
    let mut after_ignored = false;
    let mut untested = Vec::new();
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
                match answer(&mut examples, &names, r, after_ignored) {
                    Answered::All => after_ignored = false,
                    Answered::One => {}
                    Answered::Ignored(r) => {
                        after_ignored = false;
                        untested.push(*r);
                    }
                    Answered::Nothing(r) => {
                        diags.push(
                            Diagnostic::new(
                                Code::UnpairedResponse,
                                r.location.clone(),
                                "response example has no request example to pair with",
                            )
                            .help("give it the `name` of its request, or put it right after the request"),
                        );
                        untested.push(*r);
                    }
                }
            }
        }
    }
    for (e, _) in &examples {
        if e.response.is_none() {
            diags.push(
                Diagnostic::new(
                    Code::UnpairedRequest,
                    e.request.location.clone(),
                    "request example has no response example",
                )
                .in_block(&e.request.location),
            );
        }
    }
    (examples.into_iter().map(|(e, _)| e).collect(), untested)
}

/// What a response example answers.
enum Answered {
    /// Every request of its names that waited for one.
    All,
    /// One request (or it is a further response of one).
    One,
    /// The ignored request right above it.
    Ignored(Box<ExampleResponse>),
    /// No request: it is unpaired.
    Nothing(Box<ExampleResponse>),
}

/// Pairs a response (`names`: its annotation's) with the requests found so far.
fn answer(
    examples: &mut [(Example, Vec<String>)],
    names: &[String],
    r: Box<ExampleResponse>,
    after_ignored: bool,
) -> Answered {
    // One response for several requests, on purpose: every named request that still waits
    // gets it (`drive-list`: one answer for its four forms).
    if names.len() > 1 {
        let mut waiting = examples
            .iter_mut()
            .filter(|(e, en)| e.response.is_none() && names.iter().any(|n| en.contains(n)))
            .peekable();
        if waiting.peek().is_some() {
            for (e, _) in waiting {
                e.response = Some((*r).clone());
            }
            return Answered::All;
        }
    }
    let named = |examples: &[(Example, Vec<String>)], free: bool| {
        examples.iter().position(|(e, en)| {
            e.response.is_none() == free && names.iter().any(|n| en.contains(n))
        })
    };
    let last = examples.len().checked_sub(1);
    let free_last = last.filter(|&i| examples.get(i).is_some_and(|(e, _)| e.response.is_none()));
    if after_ignored && names.is_empty() && free_last.is_none() {
        // The response of the ignored request right above; a request still waiting (one
        // shown two ways, the second ignored) takes it instead.
        return Answered::Ignored(r);
    }
    // The request of the same name; else the request just above when it still waits for its
    // response (names are often copied wrong); else a further response of the named request,
    // or of the request just above.
    let target = named(examples, true)
        .or(free_last)
        .or_else(|| named(examples, false))
        .or(last.filter(|_| names.is_empty()));
    match target.and_then(|i| examples.get_mut(i)) {
        Some((e, _)) if e.response.is_none() => e.response = Some(*r),
        Some((e, _)) => e.more_responses.push(*r),
        None => return Answered::Nothing(r),
    }
    Answered::One
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
            diags.push(
                Diagnostic::new(
                    Code::ExampleBodyInvalidJson,
                    src.locate(fence.content_offset + message.body_offset + at),
                    format!("example body is not JSON: {}", e.message),
                )
                .in_block(&src.locate(fence.content_offset)),
            );
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
