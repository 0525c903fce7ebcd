//! An operation page: its id, its parameter tables (path, query, headers, body) and the resource its
//! request body names.

use super::examples::examples;
use super::query::query_options;
use super::scopes::scopes;
use super::status::{response_prose_page, response_says_no_body, success};
use super::templates::{templates, templates_from_examples};
use super::{description, Shape};
use crate::base::Diagnostic;
use crate::extract::{self, Page};
use crate::ir::names::resource_name;
use crate::ir::stats::Stats;
use crate::ir::*;
use crate::rules::{self, Section, Words};
use crate::source::SourceFile;
use heck::ToSnakeCase;

pub(super) fn model_operation(
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
    let table = |wanted: Section| -> Vec<Parameter> {
        page.tables()
            .filter(|(b, _)| b.is_in(wanted))
            .flat_map(|(_, t)| parameter_rows(src, t))
            .collect()
    };
    let query_parameters = table(Section::QueryParameters);
    let headers = table(Section::RequestHeaders);
    let function_parameters = table(Section::FunctionParameters)
        .into_iter()
        .filter(|p| !query_parameters.iter().any(|q| q.location == p.location))
        .collect();
    let body_properties = table(Section::RequestBody);
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
    let col = |want: Words| header.iter().position(|h| want.in_text(h));
    let name_col = col(rules::PARAMETER_NAME_COLUMN).unwrap_or(0);
    let type_col = col(rules::PARAMETER_TYPE_COLUMN).filter(|&c| c != name_col);
    let desc_col = col(rules::PARAMETER_DESCRIPTION_COLUMN).filter(|&c| c != name_col);
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
                .is_some_and(|v| rules::REQUIRED_VALUES.is(&v.to_lowercase()))
                || rules::REQUIRED_DESCRIPTION_START
                    .starts(&description.trim_start().to_lowercase())
                || rules::REQUIRED_MARK.in_text(&description);
            Some(Parameter {
                name,
                ty: type_col
                    .and_then(|c| r.cells.get(c))
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| TypeRef::parse(t))
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

pub(super) fn clean_name(cell: &str) -> String {
    cell.trim()
        .trim_matches(|c| c == '*' || c == '`')
        .trim()
        .to_string()
}

pub(super) fn file_stem(path: &str) -> String {
    crate::ir::names::file_stem(path).to_string()
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

fn request_body_resource(page: &Page) -> Option<String> {
    page.paragraphs_in(Section::RequestBody)
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
