//! What a decoded value kept untyped: the members of its JSON that its type has no field for,
//! which it keeps in `additional_properties` so that a round trip loses nothing.
//!
//! Copied verbatim by the generator from `codegen/templates/runtime/`.

use super::Page;

/// Members a decoded value keeps in `additional_properties`, with the documented type it was
/// decoded as (`("user", "newProperty")`): for the value itself, and for each item of a page or
/// a list. A member the docs document but the type lacks shows here; so does one the service
/// added after the docs were written.
pub trait Untyped {
    fn untyped(&self) -> Vec<(&'static str, &str)>;
}

impl<T: Untyped> Untyped for Page<T> {
    fn untyped(&self) -> Vec<(&'static str, &str)> {
        self.value.iter().flat_map(Untyped::untyped).collect()
    }
}

impl<T: Untyped> Untyped for Vec<T> {
    fn untyped(&self) -> Vec<(&'static str, &str)> {
        self.iter().flat_map(Untyped::untyped).collect()
    }
}

impl<T: Untyped + ?Sized> Untyped for Box<T> {
    fn untyped(&self) -> Vec<(&'static str, &str)> {
        (**self).untyped()
    }
}
