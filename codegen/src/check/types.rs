//! Type references that name no documented resource, enum or primitive.

use crate::base::{Code, Diagnostic};
use crate::ir::{Api, TypeRef};

pub(super) fn unknown_types(
    api: &Api,
    index: &crate::ir::index::ResourceIndex,
    out: &mut Vec<Diagnostic>,
) {
    for r in &api.resources {
        for p in r.properties.iter().chain(&r.relationships) {
            let mut ty = &p.ty;
            while let TypeRef::Collection(inner) = ty {
                ty = inner;
            }
            if let TypeRef::Named(n) = ty {
                if index.get(n).is_none() && !index.is_enum(n) {
                    out.push(Diagnostic::new(
                        Code::UnknownTypeReference,
                        p.location.clone(),
                        format!("property `{}` has type `{n}`, which no page documents; it is generated as untyped JSON", p.name),
                    ));
                }
            }
        }
    }
    for op in &api.operations {
        for ex in &op.examples {
            for r in ex.response.iter().chain(&ex.more_responses) {
                let Some(t) = &r.odata_type else { continue };
                let name = crate::ir::names::resource_name(t);
                if index.get(&name).is_none() && !TypeRef::is_primitive(&name) {
                    out.push(Diagnostic::new(
                        Code::UnknownTypeReference,
                        r.location.clone(),
                        format!(
                            "the response annotation names type `{t}`, which no page documents"
                        ),
                    ));
                }
            }
        }
    }
}
