//! Type references: the Edm primitives as a closed set, documented types by name, collections;
//! and the one reader of type names as the docs write them.

use serde::{Deserialize, Serialize};

/// A type as a property, parameter or response names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum TypeRef {
    /// An Edm primitive.
    Primitive(Primitive),
    /// A documented resource or complex type.
    Named(String),
    /// A collection of the inner type (`Collection(recipient)`, `String collection`).
    Collection(Box<TypeRef>),
}

/// The Edm primitives, and `Json`: the workbook APIs' type for any JSON value (its page documents
/// no properties; examples hold strings, numbers and nested arrays in it). Serialized by their
/// documented names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Primitive {
    /// `Json`: any JSON value.
    Json,
    /// `Edm.String`: text.
    String,
    /// `Edm.Boolean`: `true` or `false`.
    Boolean,
    /// `Edm.Int16`: a signed 16-bit integer.
    Int16,
    /// `Edm.Int32`: a signed 32-bit integer.
    Int32,
    /// `Edm.Int64`: a signed 64-bit integer.
    Int64,
    /// `Edm.Byte`: an unsigned 8-bit integer.
    Byte,
    /// `Edm.SByte`: a signed 8-bit integer.
    SByte,
    /// `Edm.Double`: a 64-bit floating-point number.
    Double,
    /// `Edm.Single`: a 32-bit floating-point number.
    Single,
    /// `Edm.Decimal`: a decimal number.
    Decimal,
    /// `Edm.Guid`: a GUID, as text.
    Guid,
    /// `Edm.DateTimeOffset`: a date and time with a time-zone offset (ISO 8601).
    DateTimeOffset,
    /// `Edm.Date`: a date without a time (`2024-01-31`).
    Date,
    /// `Edm.TimeOfDay`: a time without a date (`13:30:00`).
    TimeOfDay,
    /// `Edm.Duration`: a length of time (ISO 8601, `PT1H`).
    Duration,
    /// `Edm.Binary`: bytes, base64-encoded in JSON.
    Binary,
    /// `Edm.Stream`: the bytes of a file, sent as they are, not in JSON.
    Stream,
}

impl Primitive {
    /// Every primitive, in the order a name is looked up.
    pub const ALL: [Primitive; 18] = [
        Primitive::Json,
        Primitive::String,
        Primitive::Boolean,
        Primitive::Int16,
        Primitive::Int32,
        Primitive::Int64,
        Primitive::Byte,
        Primitive::SByte,
        Primitive::Double,
        Primitive::Single,
        Primitive::Decimal,
        Primitive::Guid,
        Primitive::DateTimeOffset,
        Primitive::Date,
        Primitive::TimeOfDay,
        Primitive::Duration,
        Primitive::Binary,
        Primitive::Stream,
    ];

    /// The documented name (`Int32`).
    pub fn name(self) -> &'static str {
        match self {
            Primitive::Json => "Json",
            Primitive::String => "String",
            Primitive::Boolean => "Boolean",
            Primitive::Int16 => "Int16",
            Primitive::Int32 => "Int32",
            Primitive::Int64 => "Int64",
            Primitive::Byte => "Byte",
            Primitive::SByte => "SByte",
            Primitive::Double => "Double",
            Primitive::Single => "Single",
            Primitive::Decimal => "Decimal",
            Primitive::Guid => "Guid",
            Primitive::DateTimeOffset => "DateTimeOffset",
            Primitive::Date => "Date",
            Primitive::TimeOfDay => "TimeOfDay",
            Primitive::Duration => "Duration",
            Primitive::Binary => "Binary",
            Primitive::Stream => "Stream",
        }
    }

    /// The primitive a bare name (no `Edm.`) stands for, whatever its case; also the short
    /// spellings pages use (`bool`, `int`, `datetime`).
    pub fn parse(bare: &str) -> Option<Primitive> {
        if let Some(p) = Primitive::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(bare))
        {
            return Some(p);
        }
        [
            ("bool", Primitive::Boolean),
            ("int", Primitive::Int32),
            ("datetime", Primitive::DateTimeOffset),
        ]
        .into_iter()
        .find(|(short, _)| short.eq_ignore_ascii_case(bare))
        .map(|(_, p)| p)
    }
}

impl std::fmt::Display for Primitive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// As the docs' `Collection(...)` notation writes it: `String`, `message`,
/// `Collection(recipient)`.
impl std::fmt::Display for TypeRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeRef::Primitive(p) => write!(f, "{p}"),
            TypeRef::Named(n) => f.write_str(n),
            TypeRef::Collection(inner) => write!(f, "Collection({inner})"),
        }
    }
}

impl TypeRef {
    /// `String`, `Collection(recipient)`, `recipient collection`, `Edm.Int32`, `String collection`.
    pub fn parse(text: &str) -> TypeRef {
        let t = text.trim();
        if let Some(inner) = t
            .strip_prefix("Collection(")
            .or_else(|| t.strip_prefix("collection("))
            .and_then(|s| s.strip_suffix(')'))
        {
            return TypeRef::Collection(Box::new(TypeRef::parse(inner)));
        }
        // Matched on `t` itself (ASCII case folded): lower-casing other letters may change
        // their length, and offsets taken in the lower-cased text would not fit `t`.
        const OF: &str = "collection of ";
        if let Some(rest) = t
            .get(..OF.len())
            .filter(|head| head.eq_ignore_ascii_case(OF))
            .and_then(|_| t.get(OF.len()..))
        {
            return TypeRef::Collection(Box::new(TypeRef::parse(rest)));
        }
        for suffix in [" collection", " array"] {
            let at = t.len().saturating_sub(suffix.len());
            if let (Some(item), Some(tail)) = (t.get(..at), t.get(at..)) {
                if t.len() > suffix.len() && tail.eq_ignore_ascii_case(suffix) {
                    return TypeRef::Collection(Box::new(TypeRef::parse(item)));
                }
            }
        }
        // A primitive with a note on its values (`string (url)`, `String (identifier)`).
        if let Some((head, _)) = t.split_once(" (").filter(|_| t.ends_with(')')) {
            if let Some(p) = Primitive::parse(head.trim().strip_prefix("Edm.").unwrap_or(head)) {
                return TypeRef::Primitive(p);
            }
        }
        let bare = t.strip_prefix("Edm.").unwrap_or(t);
        let bare = bare.rsplit('.').next().unwrap_or(bare).trim();
        match Primitive::parse(bare) {
            Some(p) => TypeRef::Primitive(p),
            None => TypeRef::Named(bare.to_string()),
        }
    }

    /// Whether a type name (as a response annotation writes it) is a primitive.
    pub fn is_primitive(name: &str) -> bool {
        matches!(TypeRef::parse(name), TypeRef::Primitive(_))
    }

    /// The documented type the reference ends in (`recipient` of `recipient collection`), none
    /// for a primitive.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(n) => Some(n),
            TypeRef::Collection(inner) => inner.named(),
            TypeRef::Primitive(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_primitive_parses_back_from_its_name() {
        for p in Primitive::ALL {
            assert_eq!(Primitive::parse(p.name()), Some(p));
            assert_eq!(Primitive::parse(&p.name().to_lowercase()), Some(p));
            assert_eq!(
                serde_json::to_value(p).unwrap(),
                serde_json::Value::from(p.name())
            );
        }
        assert_eq!(Primitive::parse("bool"), Some(Primitive::Boolean));
        assert_eq!(Primitive::parse("message"), None);
        assert_eq!(
            TypeRef::parse("string (url)"),
            TypeRef::Primitive(Primitive::String)
        );
    }
}
