//! Abstract bases whose derived types the docs list (`attachment`: `fileAttachment`,
//! `itemAttachment`, ...) are enums chosen by the value's `@odata.type`. A type the docs do not
//! list decodes into the base's own struct, which keeps every member it does not know, so a new
//! derived type never breaks a call and encodes back unchanged.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

/// The type name of an `@odata.type` (`#microsoft.graph.fileAttachment` -> `fileAttachment`).
// Called only from `polymorphic!` expansions: an API without polymorphic bases leaves it unused.
#[allow(dead_code)]
pub fn type_name(odata_type: &str) -> &str {
    odata_type
        .rsplit('.')
        .next()
        .unwrap_or(odata_type)
        .trim_start_matches('#')
}

/// `polymorphic!(Name, Other(Base) = "baseTypeName" { Derived = "derivedTypeName", ... })` for an
/// enum whose arms box the derived types' structs and whose last arm `Other` boxes the base's
/// struct: serde by `@odata.type` (case-insensitive, with or without its namespace),
/// `odata_type()`, `documented_type()` and `From`.
#[doc(hidden)]
#[macro_export]
macro_rules! polymorphic {
    ($name:ident, $other:ident($base:ident) = $base_wire:literal { $($arm:ident = $wire:literal),* $(,)? }) => {
        impl $name {
            /// The documented type the value was decoded as: a derived type's name, or the base's
            /// for a type the docs do not list.
            pub fn documented_type(&self) -> &'static str {
                match self {
                    $(Self::$arm(_) => $wire,)*
                    Self::$other(_) => $base_wire,
                }
            }

            /// The `@odata.type` the value carries, if any.
            pub fn odata_type(&self) -> ::std::option::Option<&str> {
                let extra = match self {
                    $(Self::$arm(v) => &v.additional_properties,)*
                    Self::$other(v) => &v.additional_properties,
                };
                extra.get("@odata.type").and_then(|t| t.as_str())
            }
        }

        impl $crate::runtime::Untyped for $name {
            fn untyped(&self) -> ::std::vec::Vec<(&'static str, &str)> {
                match self {
                    $(Self::$arm(v) => $crate::runtime::Untyped::untyped(&**v),)*
                    Self::$other(v) => $crate::runtime::Untyped::untyped(&**v),
                }
            }
        }

        $(
            impl ::std::convert::From<$arm> for $name {
                fn from(value: $arm) -> Self {
                    Self::$arm(::std::boxed::Box::new(value))
                }
            }
        )*

        impl ::std::convert::From<$base> for $name {
            fn from(value: $base) -> Self {
                Self::$other(::std::boxed::Box::new(value))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$arm(v) => v.serialize(serializer),)*
                    Self::$other(v) => v.serialize(serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let members = <::serde_json::Map<::std::string::String, ::serde_json::Value> as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = members
                    .get("@odata.type")
                    .and_then(|t| t.as_str())
                    .map(|t| $crate::runtime::polymorphism::type_name(t).to_string());
                let value = ::serde_json::Value::Object(members);
                let decoded = match tag.as_deref() {
                    $(::std::option::Option::Some(t) if t.eq_ignore_ascii_case($wire) => {
                        ::serde_json::from_value(value).map(|v| Self::$arm(::std::boxed::Box::new(v)))
                    })*
                    _ => ::serde_json::from_value(value).map(|v| Self::$other(::std::boxed::Box::new(v))),
                };
                decoded.map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
}
