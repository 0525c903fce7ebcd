//! The hand-written files copied into every generated crate (`codegen/templates/`), and what the
//! emitter reads of them.

use super::options::EmitError;
use std::collections::BTreeSet;

/// The hand-written runtime, copied into every generated crate (see ARCHITECTURE.md):
/// (path in the generated crate, contents).
pub const RUNTIME: &[(&str, &str)] = &[
    (
        "src/runtime/auth.rs",
        include_str!("../../templates/runtime/auth.rs"),
    ),
    (
        "src/runtime/batch.rs",
        include_str!("../../templates/runtime/batch.rs"),
    ),
    (
        "src/runtime/cloud.rs",
        include_str!("../../templates/runtime/cloud.rs"),
    ),
    (
        "src/runtime/delta.rs",
        include_str!("../../templates/runtime/delta.rs"),
    ),
    (
        "src/runtime/download.rs",
        include_str!("../../templates/runtime/download.rs"),
    ),
    (
        "src/runtime/edm.rs",
        include_str!("../../templates/runtime/edm.rs"),
    ),
    (
        "src/runtime/enums.rs",
        include_str!("../../templates/runtime/enums.rs"),
    ),
    (
        "src/runtime/lro.rs",
        include_str!("../../templates/runtime/lro.rs"),
    ),
    (
        "src/runtime/members.rs",
        include_str!("../../templates/runtime/members.rs"),
    ),
    (
        "src/runtime/mod.rs",
        include_str!("../../templates/runtime/mod.rs"),
    ),
    (
        "src/runtime/nullable.rs",
        include_str!("../../templates/runtime/nullable.rs"),
    ),
    (
        "src/runtime/object.rs",
        include_str!("../../templates/runtime/object.rs"),
    ),
    (
        "src/runtime/paging.rs",
        include_str!("../../templates/runtime/paging.rs"),
    ),
    (
        "src/runtime/polymorphism.rs",
        include_str!("../../templates/runtime/polymorphism.rs"),
    ),
    (
        "src/runtime/query.rs",
        include_str!("../../templates/runtime/query.rs"),
    ),
    (
        "src/runtime/retry.rs",
        include_str!("../../templates/runtime/retry.rs"),
    ),
    (
        "src/runtime/tests.rs",
        include_str!("../../templates/runtime/tests.rs"),
    ),
    (
        "src/runtime/upload.rs",
        include_str!("../../templates/runtime/upload.rs"),
    ),
];
/// Helpers of the generated conformance tests, also the crate's `test_util` (feature
/// `test-util`).
pub const SUPPORT: &str = include_str!("../../templates/support.rs");
/// The crate's `test_util` module: the documented responses, and `SUPPORT`.
pub const TEST_UTIL: &str = include_str!("../../templates/test_util.rs");

/// The methods of the runtime's `Client` (every inherent `impl Client` block of the runtime
/// templates), which a first step must not shadow: read from the runtime itself, so a method
/// added there renames a clashing step instead of breaking the generated crate.
pub(crate) fn client_methods() -> Result<BTreeSet<String>, EmitError> {
    let mut out = BTreeSet::new();
    for (path, text) in RUNTIME {
        let file = syn::parse_file(text).map_err(|e| EmitError::InvalidTokens {
            file: path.to_string(),
            message: e.to_string(),
        })?;
        for item in file.items {
            let syn::Item::Impl(imp) = item else { continue };
            let is_client = matches!(&*imp.self_ty, syn::Type::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "Client"));
            if imp.trait_.is_some() || !is_client {
                continue;
            }
            for it in imp.items {
                if let syn::ImplItem::Fn(f) = it {
                    out.insert(f.sig.ident.to_string());
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_methods_are_read_from_the_runtime() {
        let methods = client_methods().unwrap();
        for m in ["new", "with_base_url", "base_url", "call", "page_from_link"] {
            assert!(methods.contains(m), "{m} missing from {methods:?}");
        }
        // Trait impls (`Debug for Client`) and other types' methods are not the client's.
        assert!(!methods.contains("fmt") && !methods.contains("send"));
    }
}
