//! The three states of an optional JSON member: absent, explicitly `null`, or a value.
//!
//! A Graph update sends only the members that change, and `null` clears one; a delta response
//! shows `null` for a property that was cleared. `Option<T>` has two states, so a client built on
//! it either cannot clear a property or cannot tell "cleared" from "unchanged". Every optional
//! member of a generated model or body is a [`Nullable`].
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional member: [`Absent`](Nullable::Absent) is not sent (and is what a response that
/// leaves the member out decodes to), [`Null`](Nullable::Null) is sent as `null` (to clear the
/// property; a response that shows `null` decodes to it), [`Value`](Nullable::Value) is sent as
/// the value.
///
/// A generated struct's serde (`object!`) leaves an absent member out and decodes a missing one
/// as absent, which is what makes the first state "absent" rather than `null`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// The member is not in the JSON.
    #[default]
    Absent,
    /// The member is `null`.
    Null,
    /// The member has a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the member is not in the JSON.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Whether the member is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if there is one (absent and `null` both give `None`).
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, mutably, if there is one.
    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, if there is one, by value.
    pub fn into_value(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value as its dereferenced type (`&str` of a `String`), if there is one.
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.value().map(|v| &**v)
    }

    /// A reference to the value, in the same state.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(v),
        }
    }

    /// The value mapped, in the same state.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(f(v)),
        }
    }

    /// `Value` of `Some`, `Absent` of `None`: a member left out unless it has a value. (A
    /// `None` that should clear the property is [`Nullable::Null`]; say so explicitly.)
    pub fn or_absent(value: Option<T>) -> Self {
        value.map_or(Nullable::Absent, Nullable::Value)
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

/// The value, if there is one (as `Option` iterates): `names.extend(file.name)`.
impl<T> IntoIterator for Nullable<T> {
    type Item = T;
    type IntoIter = std::option::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_value().into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Nullable<T> {
    type Item = &'a T;
    type IntoIter = std::option::IntoIter<&'a T>;
    fn into_iter(self) -> Self::IntoIter {
        self.value().into_iter()
    }
}

/// `subject: "Lunch?".into()`.
impl From<&str> for Nullable<String> {
    fn from(value: &str) -> Self {
        Nullable::Value(value.to_string())
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Only reached without `skip_serializing_if`: the closest JSON has is `null`.
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
            Nullable::Value(v) => serializer.serialize_some(v),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A member that is present: `null` or a value. Absence is the field's `default`.
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Nullable;

    #[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Update {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        subject: Nullable<String>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        location: Nullable<String>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        body: Nullable<serde_json::Value>,
    }

    #[test]
    fn absent_is_left_out_null_is_sent_and_values_are_sent() {
        let u = Update {
            subject: "Moved".to_string().into(),
            location: Nullable::Null,
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&u).unwrap(),
            r#"{"subject":"Moved","location":null}"#
        );
        assert_eq!(serde_json::to_string(&Update::default()).unwrap(), "{}");
    }

    #[test]
    fn decoding_keeps_null_apart_from_absent() {
        let u: Update = serde_json::from_str(r#"{"location": null, "body": {"a": 1}}"#).unwrap();
        assert!(u.subject.is_absent());
        assert!(u.location.is_null());
        assert_eq!(u.body.value(), Some(&serde_json::json!({"a": 1})));
        // An untyped member's `null` is the member's state, not a JSON value inside it.
        let u: Update = serde_json::from_str(r#"{"body": null}"#).unwrap();
        assert!(u.body.is_null());
    }

    #[test]
    fn a_round_trip_keeps_all_three_states() {
        let text = r#"{"subject":"Hi","location":null}"#;
        let u: Update = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&u).unwrap(), text);
    }

    #[test]
    fn readers_see_only_values() {
        let s: Nullable<String> = "x".into();
        assert_eq!(s.as_deref(), Some("x"));
        assert_eq!(Nullable::<String>::Null.as_deref(), None);
        assert_eq!(Nullable::or_absent(None::<u8>), Nullable::Absent);
        assert_eq!(
            Nullable::or_absent(Some(2)).map(|v| v * 2),
            Nullable::Value(4)
        );
        let all: Vec<u8> = [Nullable::Value(1), Nullable::Null, Nullable::Absent]
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(all, [1]);
    }
}
