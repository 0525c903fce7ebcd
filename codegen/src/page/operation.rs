//! An operation page: its id (from the title's anchor, the slug of the English title in every
//! language), its parameter tables (path, query, headers, request body, with `Required`) and the
//! body shapes: the resource its request body prose links to, and what it returns; an update
//! without a linked body resource sends the resource it returns (`resolve::bodies` then falls back
//! to the one its title names).

use super::examples::examples;
use super::query::query_options;
use super::scopes::scopes;
use super::status::{response_prose_page, response_prose_shape, response_says_no_body, success};
use super::templates::{templates, templates_from_examples};
use super::text::{description, file_stem, operation_id, parameter_name, slug, Shape};
use crate::base::Diagnostic;
use crate::ir::names::resource_name;
use crate::ir::stats::Stats;
use crate::ir::*;
use crate::read::extract::{self, Page};
use crate::read::rules::{self, Section, Words};
use crate::read::source::SourceFile;

pub(super) fn model_operation(
    src: &SourceFile,
    page: &Page,
    shape: Shape,
    vocab: &super::Vocabulary,
    diags: &mut Vec<Diagnostic>,
) -> (Operation, Stats) {
    let title_heading = page.title();
    let title = title_heading
        .map(|h| h.text.clone())
        .unwrap_or_else(|| file_stem(&src.path));
    let location = src.locate(title_heading.map(|h| h.offset).unwrap_or(0));
    let mut templates = templates(src, page, shape, diags);
    let (mut examples, untested, stats) = examples(src, page, shape, &templates, diags);
    if !shape.illustrates {
        templates_from_examples(&mut templates, &mut examples);
    }
    let success = success(src, page, &examples);
    let scopes = scopes(src, page, &examples, vocab);
    let no_body = response_says_no_body(page) || success.status == Some(204);
    // The examples' type, else the one the Response prose links (the prose is normative).
    let prose = || {
        success
            .status
            .filter(|s| matches!(s, 200 | 201 | 203 | 206))
            .and_then(|s| response_prose_shape(src, page, s, vocab))
    };
    let response_body = match response_shape(&examples, &untested) {
        _ if no_body => None,
        // An example without a type: the prose's type, as many as the example shows.
        Some(shown) if shown.resource.is_none() => prose()
            .map(|p| BodyShape {
                collection: shown.collection,
                ..p
            })
            .or(Some(shown)),
        Some(shown) => Some(shown),
        None => prose(),
    };
    let table = |wanted: Section| -> Vec<Parameter> {
        page.tables()
            .filter(|(b, _)| b.is_in(wanted))
            .flat_map(|(_, t)| parameter_rows(src, t, vocab))
            .collect()
    };
    let query_parameters = table(Section::QueryParameters);
    let mut headers = table(Section::RequestHeaders);
    untranslate_headers(&mut headers, diags);
    required_by_examples(&examples, &mut headers);
    let mut function_parameters: Vec<Parameter> = table(Section::FunctionParameters)
        .into_iter()
        .filter(|p| !query_parameters.iter().any(|q| q.location == p.location))
        .collect();
    let mut body_properties = table(Section::RequestBody);
    if body_properties.is_empty() && sends_parameters(&examples, &function_parameters) {
        body_properties = std::mem::take(&mut function_parameters);
    }
    rows_from_sent_body(&mut body_properties, &examples);
    let request_body = request_shape(
        page,
        &examples,
        &templates,
        response_body.as_ref(),
        &body_properties,
    );
    let query_options = query_options(page, &query_parameters, response_body.as_ref());
    let slug = title_slug(page, &title);
    let op = Operation {
        // Cased as the whole API's code writes the words by `identity::operation_ids`.
        id: operation_id(&slug, &src.path),
        slug,
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

/// The shape of the request body: the resource the Request body prose links, else, for an
/// update, the one it returns; the bytes of a file when the examples send another content
/// type than JSON and the page lists no members.
fn request_shape(
    page: &Page,
    examples: &[Example],
    templates: &[PathTemplate],
    response_body: Option<&BodyShape>,
    body_properties: &[Parameter],
) -> Option<BodyShape> {
    // An update sends the resource it returns, when the Request body prose links none.
    let updates = crate::ir::updates(templates);
    // What the examples of the page's own requests send (an example of another operation's
    // method, shown on the page, says nothing of this one's body).
    let own: Vec<&Example> = examples
        .iter()
        .filter(|e| templates.iter().any(|t| t.method == e.request.method))
        .collect();
    let sent: Vec<&serde_json::Value> = own
        .iter()
        .filter_map(|e| e.request.body.as_ref().map(|b| &b.value))
        .collect();
    let linked = request_body_resource(page);
    let members = |keys: &[&str]| {
        sent.iter().all(|v| {
            v.as_object()
                .is_some_and(|o| o.len() == keys.len() && keys.iter().all(|k| o.contains_key(*k)))
        })
    };
    let to_ref = |t: &PathTemplate| {
        t.segments
            .last()
            .and_then(|s| template::single_literal(s))
            .is_some_and(|l| l.eq_ignore_ascii_case("$ref"))
    };
    let mut sending = templates.iter().filter(|t| t.method.sends_body());
    let form = if body_properties.is_empty() && linked.is_none() && members(&[]) {
        BodyForm::Empty
    } else if sending.clone().next().is_some() && sending.all(to_ref) && members(&["@odata.id"]) {
        BodyForm::Reference
    } else {
        BodyForm::Json
    };
    let request_body = (!sent.is_empty()).then(|| BodyShape {
        resource: linked
            .or_else(|| {
                response_body
                    .filter(|r| updates && !r.collection)
                    .and_then(|r| r.resource.clone())
            })
            .filter(|_| form.is_json()),
        collection: false,
        form,
    });
    // A body of another content type than JSON (the content of a file), on a page whose
    // Request body section lists no members, is bytes.
    let bytes_body = request_body.is_none()
        && body_properties.is_empty()
        && own.iter().any(|e| e.request.raw_body.is_some());
    if bytes_body {
        Some(BodyShape {
            resource: Some("stream".into()),
            ..BodyShape::default()
        })
    } else {
        request_body
    }
}

/// A header row that says neither required nor optional is required where every example of
/// the page's requests sends it (`| workbook-session-id | Workbook session Id to be closed |`,
/// each `closeSession` example with `workbook-session-id: {session-id}`): what the examples
/// show, in any language. The client sets `Authorization`, `Content-Type` and `Content-Length`
/// itself.
fn required_by_examples(examples: &[Example], headers: &mut [Parameter]) {
    let own: Vec<&Example> = examples
        .iter()
        .filter(|e| e.request.template.is_some())
        .collect();
    if own.is_empty() {
        return;
    }
    for h in headers.iter_mut().filter(|h| !h.required) {
        let name = h.name.to_ascii_lowercase();
        if rules::CLIENT_HEADERS.is(&name) || marked(&h.description) {
            continue;
        }
        h.required = own.iter().all(|e| {
            e.request
                .headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case(&h.name))
        });
    }
}

/// Whether a row's description says required or optional, in any language: a word of its own
/// (`Optional.`, `省略可能。`, `Opcional.`), the way rows mark it, or the English words.
fn marked(description: &str) -> bool {
    rules::OPTIONAL_WORDS.in_text(&description.to_lowercase())
        || description
            .split(['.', '\u{3002}'])
            .map(|s| s.trim().trim_matches('*'))
            .any(|s| !s.is_empty() && s.chars().count() <= rules::MARK_CHARS)
}

/// Whether the members the examples send are rows of a Parameters table (`createUploadSession`
/// documents `item` and `deferCommit` under `## Parameters`): then the table documents the
/// request body, which no template's path takes.
fn sends_parameters(examples: &[Example], parameters: &[Parameter]) -> bool {
    let mut keys = examples
        .iter()
        .filter_map(|e| e.request.body.as_ref()?.value.as_object())
        .flat_map(|o| o.keys())
        .filter(|k| !k.contains('@'))
        .peekable();
    keys.peek().is_some() && keys.all(|k| parameters.iter().any(|p| p.name == *k))
}

/// The shape of the response: the first successful example response's, else one that answers
/// no tested request (after an `ignored` request, or unpaired) but still shows what comes back.
fn response_shape(examples: &[Example], untested: &[ExampleResponse]) -> Option<BodyShape> {
    examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .chain(untested)
        .filter(|r| (200..300).contains(&r.status))
        .find(|r| r.body.is_some() || r.odata_type.is_some())
        .map(|r| BodyShape {
            resource: r.odata_type.as_deref().map(resource_name),
            // Without `isCollection`, a body of `value` items is a page of them.
            collection: r.collection
                || (r.odata_type.is_none()
                    && r.body
                        .as_ref()
                        .is_some_and(|b| b.value.get("value").is_some_and(|v| v.is_array()))),
            ..BodyShape::default()
        })
}

/// A header's name is the same in every language; a translation that turned one into a word
/// is read as the header and reported.
fn untranslate_headers(headers: &mut [Parameter], diags: &mut Vec<Diagnostic>) {
    for h in headers {
        if let Some(header) = rules::translated_header(&h.name) {
            diags.push(
                Diagnostic::new(
                    crate::base::Code::TranslatedHeaderName,
                    h.location.clone(),
                    format!(
                        "the request header `{}` is a translation of `{header}`: a header's name is the same in every language",
                        h.name
                    ),
                )
                .help(format!("write `{header}`")),
            );
            h.name = header.to_string();
        }
    }
}

/// The members an example sends name the body table's rows that a translation renamed.
fn rows_from_sent_body(body_properties: &mut [Parameter], examples: &[Example]) {
    if let Some(serde_json::Value::Object(sent)) = examples
        .iter()
        .find_map(|e| e.request.body.as_ref().map(|b| &b.value))
    {
        super::resource::names_from_json(
            sent,
            body_properties
                .iter_mut()
                .map(|p| super::resource::Row::property(&mut p.name, p.ty.as_ref()))
                .collect(),
        );
    }
}

/// Rows of a parameter-like table: the name column (`Name`, `Parameter`, `Property`, `Header`,
/// else the first), the type column when there is one, the description, and whether required.
fn parameter_rows(
    src: &SourceFile,
    t: &extract::Table,
    vocab: &super::Vocabulary,
) -> Vec<Parameter> {
    let header: Vec<String> = t.header.iter().map(|h| h.to_lowercase()).collect();
    let col = |want: Words| header.iter().position(|h| want.in_text(h));
    // A translated header names no column in English: the columns are then taken in the order
    // the docs write them (name, type, description; or name, description).
    let translated = t.header.iter().any(|h| !h.is_ascii());
    let name_col = col(rules::PARAMETER_NAME_COLUMN).unwrap_or(0);
    let last = t
        .header
        .len()
        .checked_sub(1)
        .filter(|&l| translated && l > 0);
    let type_col = col(rules::PARAMETER_TYPE_COLUMN)
        .or_else(|| last.filter(|&l| l >= 2).map(|_| 1))
        .filter(|&c| c != name_col);
    let desc_col = col(rules::PARAMETER_DESCRIPTION_COLUMN)
        .or(last)
        .filter(|&c| c != name_col);
    let required_col = col(rules::PARAMETER_REQUIRED_COLUMN);
    // A permissions table is not a parameter table.
    if header
        .first()
        .is_some_and(|h| rules::PERMISSION_HEADER.in_text(h))
    {
        return Vec::new();
    }
    t.rows
        .iter()
        .filter_map(|r| {
            let name = parameter_name(r.cells.get(name_col)?);
            if name.is_empty() || name.contains(' ') {
                return None;
            }
            let description = desc_col
                .and_then(|c| r.cells.get(c))
                .cloned()
                .unwrap_or_default();
            let required = required_col
                .and_then(|c| r.cells.get(c))
                .is_some_and(|v| rules::REQUIRED_VALUES.is(&v.to_lowercase()))
                || vocab.required(&description);
            Some(Parameter {
                name,
                ty: type_col
                    .and_then(|c| Some((c, r.cells.get(c)?)))
                    .filter(|(_, t)| !t.trim().is_empty())
                    .map(|(c, t)| {
                        vocab.type_of(
                            t,
                            r.frames.get(c).map_or("", String::as_str),
                            r.links.get(c).map_or(&[][..], Vec::as_slice),
                        )
                    })
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
pub(super) fn collection_by_description(ty: TypeRef, description: &str) -> TypeRef {
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

/// The title's anchor, the same in every language: a translated page writes the slug of the
/// English title on its own (`get-alert` on `# <a name="get-alert"></a>アラートを取得する`); an
/// English page's is the slug of its title.
fn title_slug(page: &Page, title: &str) -> String {
    page.title()
        .and_then(|h| h.anchor.clone())
        .filter(|a| a.is_ascii())
        .unwrap_or_else(|| slug(title))
}

/// The resource the Request body prose links, else one linked where another section's prose
/// speaks of the request body (`In the request body, supply a JSON representation of a
/// [subscription](...)` under the example).
fn request_body_resource(page: &Page) -> Option<String> {
    let said = page.blocks.iter().filter_map(|b| match &b.kind {
        crate::read::extract::BlockKind::Paragraph(p)
            if !b.is_in(Section::Response)
                && rules::REQUEST_BODY_PROSE.in_text(&p.text.to_lowercase()) =>
        {
            Some(p)
        }
        _ => None,
    });
    page.paragraphs_in(Section::RequestBody)
        .chain(said)
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
