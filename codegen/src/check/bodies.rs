//! Example bodies against the tables that document them: request bodies against the request body
//! table, bodies against the resource's properties, a resource's table against its JSON block.

use crate::base::{Code, Diagnostic};
use crate::ir::Primitive;
use crate::ir::{Operation, Resource, TypeRef};
use serde_json::Value;

/// Response (and request) bodies against the resource their annotation or the prose names.
pub(super) fn example_properties(
    index: &crate::ir::index::ResourceIndex,
    op: &Operation,
    out: &mut Vec<Diagnostic>,
) {
    for ex in &op.examples {
        for r in ex.response.iter().chain(&ex.more_responses) {
            let (Some(t), Some(body)) = (&r.odata_type, &r.body) else {
                continue;
            };
            if r.expect_error || !(200..300).contains(&r.status) {
                continue;
            }
            let Some(resource) = index.get(&crate::ir::names::resource_name(t)) else {
                continue;
            };
            let items: Vec<&Value> = if r.collection {
                body.value
                    .get("value")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().collect())
                    .unwrap_or_default()
            } else {
                vec![&body.value]
            };
            for item in items {
                body_against_resource(index, resource, item, &r.location, 0, out);
            }
        }
        if let (Some(body), Some(shape)) = (&ex.request.body, &op.request_body) {
            if let Some(resource) = shape.resource.as_deref().and_then(|n| index.get(n)) {
                body_against_resource(index, resource, &body.value, &ex.request.location, 0, out);
            } else if index.request_body_from_table(op) {
                body_against_table(index, op, &body.value, &ex.request.location, out);
            }
        }
    }
}

/// A request body against the request body table that types it: required members present,
/// every member listed, values of the documented kind (and objects of documented resources
/// checked against them).
fn body_against_table(
    index: &crate::ir::index::ResourceIndex,
    op: &Operation,
    body: &Value,
    at: &crate::base::Location,
    out: &mut Vec<Diagnostic>,
) {
    let Some(obj) = body.as_object() else { return };
    let members = op.body_members();
    for row in &members {
        if op.requires(row) && !obj.contains_key(&row.name) {
            out.push(
                Diagnostic::new(
                    Code::ExampleMissingRequiredProperty,
                    at.clone(),
                    format!(
                        "the example's body leaves out `{}`, which the request body table says is required",
                        row.name
                    ),
                )
                .note(row.location.clone(), "documented as required here")
                .help("add the member to the example, or correct the table")
                .in_block(at),
            );
        }
    }
    for (key, value) in obj {
        if key.contains('@') {
            continue;
        }
        let Some(row) = members.iter().find(|r| &r.name == key) else {
            let mut d = Diagnostic::new(
                Code::ExamplePropertyNotInRequestBody,
                at.clone(),
                format!(
                    "the example's body has `{key}`, which the request body table does not list"
                ),
            )
            .help("list the member in the table, or fix the example");
            if let Some(first) = members.first() {
                d = d.note(first.location.clone(), "the request body table is here");
            }
            out.push(d);
            continue;
        };
        let Some(ty) = &row.ty else { continue };
        if let Some(expected) = type_mismatch(index, ty, value) {
            out.push(mismatch(
                at,
                key,
                value,
                "the request body table",
                &expected,
                &row.location,
            ));
        } else if let TypeRef::Named(n) = ty {
            if let Some(resource) = index.get(n) {
                body_against_resource(index, resource, value, at, 0, out);
            }
        }
    }
}

/// An example's JSON value against the resource that types it, and each member that holds
/// documented resources (an object, or an array of them) against theirs, a few levels deep.
fn body_against_resource(
    index: &crate::ir::index::ResourceIndex,
    resource: &Resource,
    body: &Value,
    at: &crate::base::Location,
    depth: usize,
    out: &mut Vec<Diagnostic>,
) {
    const DEPTH: usize = 4;
    let Some(obj) = body.as_object() else { return };
    // A body may name a derived type; its properties are then documented on that type.
    let resource = obj
        .get("@odata.type")
        .and_then(Value::as_str)
        .and_then(|t| index.get(&crate::ir::names::resource_name(t)))
        .unwrap_or(resource);
    let props = index.all_properties(resource, true);
    let open = index.chain(resource).iter().any(|r| r.open_type);
    for (key, value) in obj {
        if key.contains('@') {
            continue;
        }
        match props.iter().find(|p| p.name.eq_ignore_ascii_case(key)) {
            None if !open => out.push(
                Diagnostic::new(
                    Code::ExamplePropertyNotInResource,
                    at.clone(),
                    format!(
                        "the example's `{key}` is not a documented property of `{}`",
                        resource.name
                    ),
                )
                .note(
                    resource.location.clone(),
                    format!("`{}` is documented here", resource.name),
                )
                .help("document the property in the resource's table, or fix the example"),
            ),
            None => {}
            Some(p) => {
                if let Some(expected) = type_mismatch(index, &p.ty, value) {
                    let owner = format!("`{}`", resource.name);
                    out.push(mismatch(at, key, value, &owner, &expected, &p.location));
                } else if depth < DEPTH {
                    let inner = p.ty.named().and_then(|n| index.get(n));
                    let values: Vec<&Value> = match value {
                        Value::Array(items) => items.iter().collect(),
                        v => vec![v],
                    };
                    for (r, v) in inner
                        .into_iter()
                        .flat_map(|r| values.iter().map(move |v| (r, *v)))
                    {
                        body_against_resource(index, r, v, at, depth + 1, out);
                    }
                }
            }
        }
    }
}

/// An example value of another kind than the type `documenter` (a resource, or a request body
/// table) gives the member at `documented`.
fn mismatch(
    at: &crate::base::Location,
    key: &str,
    value: &Value,
    documenter: &str,
    expected: &str,
    documented: &crate::base::Location,
) -> Diagnostic {
    Diagnostic::new(
        Code::ExamplePropertyTypeMismatch,
        at.clone(),
        format!(
            "the example gives `{key}` the value {}, but {documenter} documents it as {expected}",
            short(value)
        ),
    )
    .note(documented.clone(), "documented here")
    .in_block(at)
}

/// What the documented type expects, when `value` is not of that kind (`null` always fits).
fn type_mismatch(
    index: &crate::ir::index::ResourceIndex,
    ty: &TypeRef,
    value: &Value,
) -> Option<String> {
    if value.is_null() {
        return None;
    }
    let ok = match ty {
        TypeRef::Collection(_) => value.is_array(),
        TypeRef::Primitive(p) => match p {
            // Any JSON value decodes as these (a stream property may be media annotations).
            Primitive::Json | Primitive::Stream => true,
            Primitive::Boolean => value.is_boolean(),
            Primitive::Int16
            | Primitive::Int32
            | Primitive::Int64
            | Primitive::Byte
            | Primitive::SByte => value.is_i64() || value.is_u64(),
            // Edm.Double and Decimal may be sent as strings ("NaN", big decimals).
            Primitive::Double | Primitive::Single | Primitive::Decimal => {
                value.is_number() || value.is_string()
            }
            Primitive::String
            | Primitive::Guid
            | Primitive::DateTimeOffset
            | Primitive::Date
            | Primitive::TimeOfDay
            | Primitive::Duration
            | Primitive::Binary => value.is_string(),
        },
        TypeRef::Named(n) => match index.get(n) {
            Some(_) => value.is_object(),
            None if index.is_enum(n) => value.is_string(),
            // An enum or an undocumented type: a string or an object are both plausible.
            None => !value.is_array(),
        },
    };
    (!ok).then(|| match ty {
        TypeRef::Collection(_) => "a collection".to_string(),
        TypeRef::Primitive(p) => format!("`{p}`"),
        TypeRef::Named(n) if index.is_enum(n) => format!("a member of the enum `{n}`"),
        TypeRef::Named(n) => format!("an object of type `{n}`"),
    })
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}...", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

/// The JSON representation and the tables of a resource page list the same properties.
pub(super) fn resource_table_json(r: &Resource, out: &mut Vec<Diagnostic>) {
    let Some(json_at) = &r.json_location else {
        return;
    };
    if r.properties.is_empty() {
        return;
    }
    let in_tables = |k: &str| {
        r.properties
            .iter()
            .chain(&r.relationships)
            .any(|p| p.name.eq_ignore_ascii_case(k))
    };
    let missing_in_tables: Vec<&String> = r
        .json_properties
        .iter()
        .filter(|k| !k.contains('@') && !in_tables(k))
        .collect();
    if !missing_in_tables.is_empty() {
        out.push(
            Diagnostic::new(
                Code::ResourceTableJsonMismatch,
                json_at.clone(),
                format!(
                    "the JSON representation of `{}` has {} that no table documents",
                    r.name,
                    list(&missing_in_tables)
                ),
            )
            .help(
                "add them to the Properties or Relationships table, or remove them from the JSON",
            ),
        );
    }
    for p in &r.properties {
        if !r
            .json_properties
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&p.name))
        {
            out.push(
                Diagnostic::new(
                    Code::ResourceTableJsonMismatch,
                    p.location.clone(),
                    format!(
                        "property `{}` of `{}` is missing from its JSON representation",
                        p.name, r.name
                    ),
                )
                .note(json_at.clone(), "the JSON representation"),
            );
        }
    }
}

fn list(names: &[&String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
