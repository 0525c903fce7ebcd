//! The emit context: every name the emitters share, decided once before any token is printed
//! (type names, polymorphic bases, per operation its info constant and body struct, and the call
//! shape), so that the client, the models and the conformance tests cannot disagree.

use super::{areas, naming, EmitError, EmitOptions, RUNTIME};
use crate::ir::names::fold;
use crate::ir::{Api, BodyShape};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The names one operation gets (its calls are in `Ctx::calls`).
pub(crate) struct OperationNames {
    /// The name of its `OperationInfo` constant.
    pub info_const: String,
    /// The struct of its request body when its request body table types it
    /// (`message_send` -> `MessageSendBody`).
    pub body: Option<String>,
}

/// What the emitters share: the API and the Rust name of every resource type.
pub(crate) struct Ctx<'a> {
    pub api: &'a Api,
    pub opts: &'a EmitOptions,
    pub index: crate::ir::index::ResourceIndex<'a>,
    /// Lower-cased documented name (resource or enum) -> Rust type name.
    pub types: BTreeMap<String, String>,
    /// Lower-cased names of the documented enums that got a type.
    pub enums: BTreeSet<String>,
    /// Polymorphic bases (lower case): their documented name is the enum of their derived
    /// types, and this is the struct of their own properties (`attachment` -> `AttachmentBase`).
    pub bases: BTreeMap<String, String>,
    /// The names of each operation, in the order of `api.operations`.
    pub ops: Vec<OperationNames>,
    /// The call shape: every template's chain of steps and its final call.
    pub calls: super::steps::Calls,
    /// The cargo feature of each operation and the features that need each type.
    pub areas: areas::Areas,
    /// The generated crates, where each item lives.
    pub crates: super::crates::Crates,
    /// Resources (lower case) whose documented responses carry `@odata.etag`, and the types
    /// derived from them: their models read it as a field.
    pub etags: BTreeSet<String>,
    /// The previous run's formatted chunks: a chunk they hold is not formatted again.
    pub formatted: &'a super::format::FormatCache,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(
        api: &'a Api,
        opts: &'a EmitOptions,
        formatted: &'a super::format::FormatCache,
    ) -> Result<Self, EmitError> {
        // The call shape, the largest part, reads only the API: it is made beside the names.
        let index = crate::ir::index::ResourceIndex::new(api);
        let (calls, names) = rayon::join(
            || client_methods().map(|methods| super::steps::calls(api, &methods)),
            || names(api, &index),
        );
        let calls = calls?;
        let areas = areas::Areas::new(api, &index, &calls);
        let crates = super::crates::Crates::new(&opts.crate_name, &areas.all);
        let etags = etag_carriers(api, &index);
        Ok(Ctx {
            formatted,
            etags,
            api,
            opts,
            index,
            areas,
            types: names.types,
            enums: names.enums,
            bases: names.bases,
            ops: names.ops,
            calls,
            crates,
        })
    }

    /// Whether the model of `resource` has an `odata_etag` field.
    pub fn carries_etag(&self, resource: &str) -> bool {
        self.etags.contains(&fold(resource))
    }

    /// The names of the operation at `op_index` in `api.operations` (none past the end).
    pub fn names(&self, op_index: usize) -> &OperationNames {
        static NONE: OperationNames = OperationNames {
            info_const: String::new(),
            body: None,
        };
        self.ops.get(op_index).unwrap_or(&NONE)
    }

    /// Rust type name of a documented type, if a page documents it.
    pub fn type_name(&self, documented: &str) -> Option<&str> {
        self.types.get(&fold(documented)).map(String::as_str)
    }

    pub fn lib_ident(&self) -> proc_macro2::Ident {
        naming::ident(&self.opts.crate_name.replace('-', "_"))
    }

    /// The Rust type of an operation's request body, if it takes one.
    pub fn request_type(&self, op_index: usize, root: &TokenStream) -> Option<TokenStream> {
        if let Some(name) = self.ops.get(op_index).and_then(|n| n.body.as_ref()) {
            let id = naming::ident(name);
            return Some(quote!(#root::models::#id));
        }
        let shape = self.api.operations.get(op_index)?.request_body.as_ref()?;
        Some(self.body_type(shape, root))
    }

    /// The Rust type of a request or response body, rooted at `root` (`crate` or the crate name).
    pub fn body_type(&self, shape: &BodyShape, root: &TokenStream) -> TokenStream {
        if shape.is_stream() {
            return quote!(::std::vec::Vec<u8>);
        }
        let item = self.item_type(shape, root);
        if shape.collection {
            quote!(#root::Page<#item>)
        } else {
            item
        }
    }

    /// The Rust type of a delta query's response: a page of `Delta`s of its items.
    pub fn delta_type(&self, shape: &BodyShape, root: &TokenStream) -> TokenStream {
        let item = self.item_type(shape, root);
        quote!(#root::Page<#root::Delta<#item>>)
    }

    /// The type of the resource a body holds (one, or each of a collection).
    fn item_type(&self, shape: &BodyShape, root: &TokenStream) -> TokenStream {
        match shape.resource.as_deref().and_then(|r| self.type_name(r)) {
            Some(name) => {
                let id = naming::ident(name);
                quote!(#root::models::#id)
            }
            None => quote!(::serde_json::Value),
        }
    }
}

fn unique(name: String, used: &mut BTreeSet<String>) -> String {
    naming::unique(&name, "_", used)
}

/// The methods of the runtime's `Client` (every inherent `impl Client` block of the runtime
/// templates), which a first step must not shadow: read from the runtime itself, so a method
/// added there renames a clashing step instead of breaking the generated crate.
pub(super) fn client_methods() -> Result<BTreeSet<String>, EmitError> {
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

/// The resources whose documented responses (an object, or the items of a collection) carry
/// `@odata.etag`, with every type derived from one of them, unless a page documents it as a
/// property (its field exists already).
pub(crate) fn etag_carriers(
    api: &Api,
    index: &crate::ir::index::ResourceIndex,
) -> BTreeSet<String> {
    let carries = |v: &serde_json::Value| {
        v.get("@odata.etag").is_some()
            || v.get("value")
                .and_then(|a| a.as_array())
                .is_some_and(|items| items.iter().any(|i| i.get("@odata.etag").is_some()))
    };
    let mut shown = BTreeSet::new();
    for op in &api.operations {
        let Some(resource) = op
            .response_body
            .as_ref()
            .and_then(|b| b.resource.as_deref())
        else {
            continue;
        };
        let any = op
            .examples
            .iter()
            .flat_map(|e| e.response.iter().chain(e.more_responses.iter()))
            .filter_map(|r| r.body.as_ref())
            .any(|b| carries(&b.value));
        if any {
            shown.insert(fold(resource));
        }
    }
    api.resources
        .iter()
        .filter(|r| {
            index
                .chain(r)
                .iter()
                .any(|c| shown.contains(&fold(&c.name)))
        })
        // A page that documents `@odata.etag` as a property has its field already.
        .filter(|r| {
            !index
                .fields(r)
                .iter()
                .any(|p| p.name.eq_ignore_ascii_case("@odata.etag"))
        })
        .map(|r| fold(&r.name))
        .collect()
}

/// Every type's and operation's name, decided once: resources first, then enums a resource
/// does not already name, the structs of polymorphic bases, and each operation's info constant
/// and body struct; names unique.
fn names(api: &Api, index: &crate::ir::index::ResourceIndex) -> Names {
    let mut types = BTreeMap::new();
    let mut used = BTreeSet::new();
    let mut enums = BTreeSet::new();
    let documented = api
        .resources
        .iter()
        .map(|r| (&r.name, false))
        .chain(api.enums.iter().map(|e| (&e.name, true)));
    for (documented, is_enum) in documented {
        let key = fold(documented);
        if types.contains_key(&key) {
            continue;
        }
        let name = naming::unique(&naming::camel(documented), "", &mut used);
        if is_enum {
            enums.insert(key.clone());
        }
        types.insert(key, name);
    }
    // After every documented name, so that no documented type changes its name.
    let mut bases = BTreeMap::new();
    for r in &api.resources {
        let key = fold(&r.name);
        if index.derived_types(&r.name).is_some() && !bases.contains_key(&key) {
            if let Some(name) = types.get(&key) {
                let base = naming::unique(&format!("{name}Base"), "", &mut used);
                bases.insert(key, base);
            }
        }
    }
    let bodies: Vec<Option<String>> = api
        .operations
        .iter()
        .map(|op| {
            index
                .request_body_from_table(op)
                .then(|| naming::unique(&format!("{}Body", naming::camel(&op.id)), "", &mut used))
        })
        .collect();
    let mut used_consts = BTreeSet::new();
    let ops = api
        .operations
        .iter()
        .zip(bodies)
        .map(|(op, body)| OperationNames {
            info_const: unique(naming::shouty(&op.id), &mut used_consts),
            body,
        })
        .collect();
    Names {
        types,
        enums,
        bases,
        ops,
    }
}

/// What [`names`] decides: the fields of [`Ctx`] of the same names.
struct Names {
    types: BTreeMap<String, String>,
    enums: BTreeSet<String>,
    bases: BTreeMap<String, String>,
    ops: Vec<OperationNames>,
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
