//! Items of a delta query: the changed resource, or the mark that it was removed.
//!
//! A delta response lists changes, not resources: an item may carry `@removed` (the resource was
//! deleted, or left the tracked set) and shows a cleared property as `null`. Its fields are
//! [`Nullable`](super::Nullable), so a cleared property stays apart from an unchanged (absent) one.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use super::members::Untyped;

/// One item of a delta page: the resource's members that changed, and `@removed` when it was
/// removed. It dereferences to the resource, so `item.id` reads as on the resource.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Delta<T> {
    /// `@removed`: the resource is gone from the tracked set, and why.
    #[serde(rename = "@removed", default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<Removed>,
    /// The resource's members this item shows.
    #[serde(flatten)]
    pub item: T,
}

/// Why a delta item was removed (`{"reason": "deleted"}`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Removed {
    /// `changed` (it left the tracked set, and may come back) or `deleted`, as the service
    /// writes it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Members the docs do not list.
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

impl<T> Delta<T> {
    /// Whether the item says the resource was removed.
    pub fn is_removed(&self) -> bool {
        self.removed.is_some()
    }

    /// Whether the resource was deleted for good (`@removed` with reason `deleted`).
    pub fn is_deleted(&self) -> bool {
        self.removed
            .as_ref()
            .is_some_and(|r| r.reason.eq_ignore_ascii_case("deleted"))
    }

    /// The resource, without the delta mark.
    pub fn into_item(self) -> T {
        self.item
    }
}

impl<T> std::ops::Deref for Delta<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.item
    }
}

impl<T> std::ops::DerefMut for Delta<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.item
    }
}

impl<T: Untyped> Untyped for Delta<T> {
    fn untyped(&self) -> Vec<(&'static str, &str)> {
        self.item.untyped()
    }
}

#[cfg(test)]
mod tests {
    use super::Delta;
    use crate::runtime::Nullable;

    #[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
    struct User {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        id: Nullable<String>,
        #[serde(
            rename = "officeLocation",
            default,
            skip_serializing_if = "Nullable::is_absent"
        )]
        office_location: Nullable<String>,
        #[serde(flatten)]
        additional_properties: serde_json::Map<String, serde_json::Value>,
    }

    #[test]
    fn removed_items_cleared_and_unchanged_members_are_told_apart() {
        let page: crate::Page<Delta<User>> = serde_json::from_str(
            r#"{"value": [
                {"id": "1", "officeLocation": null},
                {"id": "2"},
                {"id": "3", "@removed": {"reason": "deleted"}}
            ]}"#,
        )
        .unwrap();
        let [cleared, unchanged, gone] = &page.value[..] else {
            panic!("three items")
        };
        assert!(cleared.office_location.is_null() && !cleared.is_removed());
        assert!(unchanged.office_location.is_absent());
        assert!(gone.is_deleted() && gone.removed.as_ref().unwrap().reason == "deleted");
        // `@removed` is the delta's, not an unknown member of the resource.
        assert!(gone.additional_properties.is_empty());
        assert_eq!(gone.id.as_deref(), Some("3"));
    }

    #[test]
    fn a_delta_item_encodes_back_as_documented() {
        let text = r#"{"@removed":{"reason":"changed"},"id":"3","officeLocation":null}"#;
        let item: Delta<User> = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&item).unwrap(), text);
    }
}
