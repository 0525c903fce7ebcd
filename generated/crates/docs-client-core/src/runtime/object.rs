//! Serde for the generated structs: each documented member by its JSON name, every other member
//! kept in `additional_properties`, an optional member ([`Nullable`]) left out when absent.
//!
//! Written by `object!` rather than derived: serde's derive with a `flatten` field expands to a
//! buffering visitor per struct, which made the derives most of what a build of a large API
//! costs (time and memory). Here a struct's code is one call per field into the generic
//! functions below, which every struct shares. The JSON goes through an object once, as a
//! flattened derive buffers it too.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

// Called only from `object!` expansions: a crate built with areas that have no model (or no
// required member) leaves some of it unused.
#![allow(dead_code)]

use super::Nullable;
use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The members of a JSON object being decoded into a struct: each field takes its own, and what
/// is left is the struct's `additional_properties`.
pub struct Members(Map<String, Value>);

impl Members {
    /// An optional member: absent, `null` or a value.
    pub fn optional<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
    ) -> Result<Nullable<T>, serde_json::Error> {
        match self.0.remove(key) {
            None => Ok(Nullable::Absent),
            Some(v) => serde_json::from_value(v).map_err(|e| in_member(key, e)),
        }
    }

    /// A member the type requires: its absence is an error.
    /// A member whose type an earlier release shipped and the docs have since changed to one
    /// it cannot hold: decoded when it can be, else left as sent among the rest.
    pub fn held<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
    ) -> Result<Nullable<T>, serde_json::Error> {
        match self.0.remove(key) {
            None => Ok(Nullable::Absent),
            Some(v) => match serde_json::from_value(v.clone()) {
                Ok(value) => Ok(value),
                Err(_) => {
                    self.0.insert(key.to_string(), v);
                    Ok(Nullable::Absent)
                }
            },
        }
    }

    pub fn required<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
    ) -> Result<T, serde_json::Error> {
        match self.0.remove(key) {
            None => Err(serde_json::Error::missing_field(key)),
            Some(v) => serde_json::from_value(v).map_err(|e| in_member(key, e)),
        }
    }

    /// The members no field took.
    pub fn rest(&mut self) -> Map<String, Value> {
        std::mem::take(&mut self.0)
    }
}

/// The error of a member's value, prefixed with the member's name (`"size": invalid type ...`),
/// so a nested error reads as a path.
fn in_member(key: &str, e: serde_json::Error) -> serde_json::Error {
    serde_json::Error::custom(format_args!("{key:?}: {e}"))
}

/// Decodes a JSON object and builds the struct from its members: `build` is not generic, so each
/// struct's field list is compiled once whatever the deserializer.
pub fn decode<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    build: fn(&mut Members) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error> {
    let members = Map::<String, Value>::deserialize(deserializer)?;
    build(&mut Members(members)).map_err(D::Error::custom)
}

/// Encodes an optional member, unless it is absent.
pub fn optional<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: &Nullable<T>,
) -> Result<(), M::Error> {
    if value.is_absent() {
        Ok(())
    } else {
        map.serialize_entry(key, value)
    }
}

/// Encodes a required member.
/// A held member (`Members::held`): written as an optional one; a value it could not hold is
/// among the rest.
pub fn held<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: &Nullable<T>,
) -> Result<(), M::Error> {
    optional(map, key, value)
}

pub fn required<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    map.serialize_entry(key, value)
}

/// Encodes the members the struct keeps untyped, after its fields.
pub fn rest<M: SerializeMap>(map: &mut M, rest: &Map<String, Value>) -> Result<(), M::Error> {
    for (k, v) in rest {
        map.serialize_entry(k, v)?;
    }
    Ok(())
}

/// `object!(Type { field = "jsonName" optional, other = "otherName" required, ... })`: `Serialize`
/// and `Deserialize` for a generated struct whose last field is `additional_properties`, members
/// in the order of the fields; `object!(Type = "documentedName" { ... })` also implements
/// [`Untyped`](super::Untyped) (a model; a request body is only sent).
#[doc(hidden)]
#[macro_export]
macro_rules! object {
    ($ty:ident = $wire:literal { $($field:ident = $json:literal $how:ident),* $(,)? }) => {
        $crate::object!($ty { $($field = $json $how),* });

        impl $crate::runtime::Untyped for $ty {
            fn untyped(&self) -> ::std::vec::Vec<(&'static str, &str)> {
                self.additional_properties
                    .keys()
                    .map(|k| ($wire, k.as_str()))
                    .collect()
            }
        }
    };
    ($ty:ident { $($field:ident = $json:literal $how:ident),* $(,)? }) => {
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::None)?;
                $($crate::runtime::object::$how(&mut map, $json, &self.$field)?;)*
                $crate::runtime::object::rest(&mut map, &self.additional_properties)?;
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                // Compiled where a decoder of the type is, like the generic code around it.
                #[inline]
                fn build(
                    members: &mut $crate::runtime::object::Members,
                ) -> ::std::result::Result<$ty, ::serde_json::Error> {
                    ::std::result::Result::Ok($ty {
                        $($field: members.$how($json)?,)*
                        additional_properties: members.rest(),
                    })
                }
                $crate::runtime::object::decode(deserializer, build)
            }
        }
    };
}
