//! Type names as the docs write them (`String`, `microsoft.graph.message collection`) read into
//! type references.

use crate::ir::*;

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
