//! Planning: every decision about the generated crate, made from the IR before any token is
//! printed, so that the printers, the API surface and the tests cannot disagree: the call tree
//! and its names (`calls`, `naming`), what each call returns and sends (`returns`), the names of
//! types and operations (`names`) and of the traits beside the steps (`traits`), areas, where
//! each part of the call tree is reached and lives, and crates (`areas`, `crates`), the
//! conformance tests (`cases`) and the API surface that `api.json` holds and `diff` compares
//! (`surface`). The names of a model's fields and an enum's variants depend only on that type's
//! members: `naming::Members` is their rule, which the printer applies.
//!
//! `Plan::new` builds it once per run (the call tree beside the names, in parallel); the
//! runtime `Client`'s methods, which a first step must not shadow, are handed in by the emitter,
//! which reads them from the runtime template. `emit::Ctx` derefs to the plan. The conformance
//! test plans (`cases::plan`) are made from it beside the client's chunks.
//!
//! May import: base, ir.

pub mod areas;
pub mod calls;
pub mod cases;
pub mod crates;
pub mod names;
pub mod naming;
pub mod returns;
pub mod surface;
pub mod traits;

use crate::ir::index::ResourceIndex;
use crate::ir::names::fold;
use crate::ir::Api;
use names::OperationNames;
use std::collections::{BTreeMap, BTreeSet};

/// Longest identifier the generator emits: every name is held to it (`calls::limit`).
pub use calls::MAX_IDENT;

/// The type of an operation's request body.
pub enum RequestType<'a> {
    /// The struct of its request body table (`MessageSendBody`).
    Struct(&'a str),
    /// The resource (or JSON) its body's shape names.
    Shape(&'a crate::ir::BodyShape),
}

/// The decisions about one crate, in the order the printers read them.
pub struct Plan<'a> {
    /// The API the crate is made from.
    pub api: &'a Api,
    /// Resources by name, base types, derived types.
    pub index: ResourceIndex<'a>,
    /// How the generated code cites a page: `<source label>/<page>:<line>`.
    pub source_label: &'a str,
    /// Lower-cased documented name (resource or enum) -> Rust type name.
    pub types: BTreeMap<String, String>,
    /// Lower-cased names of the documented enums that got a type.
    pub enums: BTreeSet<String>,
    /// Polymorphic bases (lower case): their documented name is the enum of their derived
    /// types, and this is the struct of their own properties (`attachment` -> `AttachmentBase`).
    pub bases: BTreeMap<String, String>,
    /// Another name of a type (lower case): a shipped name the type no longer has, such as the
    /// struct of a base whose derived types the docs no longer list (`AttachmentBase`).
    pub aliases: BTreeMap<String, String>,
    /// The names of each operation, in the order of `api.operations`.
    pub ops: Vec<OperationNames>,
    /// The call shape: every template's chain of steps and its final call.
    pub calls: calls::Calls,
    /// The cargo feature of each operation and the features that need each type.
    pub areas: areas::Areas,
    /// The areas that reach each part of the call tree, and the crate of each step.
    pub reach: areas::Reach,
    /// The extension traits of the steps areas share, and the gates of calls of areas that
    /// are off.
    pub extensions: traits::Extensions,
    pub gates: traits::Gates,
    /// The generated crates, where each item lives.
    pub crates: crates::Crates,
    /// Resources (lower case) whose documented responses carry `@odata.etag`, and the types
    /// derived from them: their models read it as a field.
    pub etags: BTreeSet<String>,
}

impl<'a> Plan<'a> {
    /// Plans the crate `crate_name` of `api`. `client_methods` gives the methods of the runtime's
    /// `Client`, which a first step must not shadow; it runs beside the names.
    pub fn new<E: Send>(
        api: &'a Api,
        crate_name: &str,
        source_label: &'a str,
        client_methods: impl FnOnce() -> Result<BTreeSet<String>, E> + Send,
    ) -> Result<Self, E> {
        // The call shape, the largest part, reads only the API: it is made beside the names.
        let index = ResourceIndex::new(api);
        let (calls, names) = rayon::join(
            || client_methods().map(|methods| calls::calls(api, &methods)),
            || names::names(api, &index),
        );
        let calls = calls?;
        let areas = areas::Areas::new(api, &index, &calls);
        let reach = areas::Reach::new(api, &calls, &areas);
        let extensions = traits::Extensions::new(&calls, &areas, &reach);
        let gates = traits::Gates::new(api, &calls, &areas, &reach);
        let crates = crates::Crates::new(crate_name, &areas.all);
        let etags = names::etag_carriers(api, &index);
        Ok(Plan {
            api,
            index,
            source_label,
            types: names.types,
            enums: names.enums,
            bases: names.bases,
            aliases: names.aliases,
            ops: names.ops,
            calls,
            areas,
            reach,
            extensions,
            gates,
            crates,
            etags,
        })
    }

    /// Whether field `p` of `r`'s model keeps a shipped type that cannot hold what the docs now
    /// document (`ir::DeferredKind::PropertyHeld`): it decodes a value when it can.
    pub fn held(&self, r: &crate::ir::Resource, p: &crate::ir::Property) -> bool {
        !self.api.deferred.is_empty()
            && self
                .index
                .chain(r)
                .iter()
                .any(|c| self.api.held(&c.name, &p.name))
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

    /// The type of the request body of the operation at `op_index`, if it takes one: the
    /// struct of its request body table, else its body's documented shape.
    pub fn request_type(&self, op_index: usize) -> Option<RequestType<'_>> {
        if let Some(name) = self.ops.get(op_index).and_then(|n| n.body.as_deref()) {
            return Some(RequestType::Struct(name));
        }
        let shape = self.api.operations.get(op_index)?.request_body.as_ref()?;
        Some(RequestType::Shape(shape))
    }

    /// Where the generated code says an operation is documented: `<label>/<page>:<line>`.
    pub fn source(&self, op: &crate::ir::Operation) -> String {
        self.cite(&op.page, op.location.line)
    }

    /// A place in the docs as the generated code cites it: `<label>/<file>:<line>`.
    pub fn cite(&self, file: &str, line: u32) -> String {
        format!("{}:{line}", self.cite_page(file))
    }

    /// A page as the generated code cites it: `<label>/<file>`.
    pub fn cite_page(&self, file: &str) -> String {
        format!("{}/{file}", self.source_label)
    }
}
