//! Printing: the plan becomes token streams (quote), then formatted files (prettyplease). Doc
//! text reaches code only as string literals (`literal`); every identifier goes through
//! `plan::naming`; generated code names std and serde items by full path. This file assembles
//! the crates (`emit`, `emit_incremental`): `Ctx` (the plan) and the API surface are made first,
//! then the conformance tests' plans beside the client's chunks, all formatted in chunks
//! (`format`).
//!
//! The generated client (its layout and why: `plan::crates`):
//! - the facade (the package users depend on): `Cargo.toml` (a feature per area, `full` the
//!   default; `doctest = false`), `src/lib.rs` (re-exports: `models` and `operations` as one
//!   module each, the runtime's public types; `prelude`, every enabled area's extension traits:
//!   `use docs_client::prelude::*;` brings every call into scope; `test_util`; a table of the
//!   areas: each feature, its operations and the two-step beginnings of its calls that the most
//!   templates share, so `client.me().drive()` leads to `sharepoint`), `src/test_util/`
//!   (`documented`), and the conformance tests (`cases`), a test target per area;
//! - `crates/<name>-core`: `src/runtime/` (`templates`), `src/query.rs` (`query`), and the models,
//!   steps and info constants two or more areas reach;
//! - `crates/<name>-<area>`, depending on the core only: `src/models.rs` (`models`),
//!   `src/operations.rs` (`operations`), `src/prelude.rs`; its root imports the core's root, its
//!   `models` the core's models and its `operations` the core's steps and constants
//!   (`pub(crate)` globs), so the same tokens compile in any crate.
//!
//! The crate roots are written as text in rustfmt's style. The unit tests are the runtime's: the
//! core's `models`, `operations` and `query` are `cfg(not(test))`, and the area crates set
//! `test = false`, so no unit-test build compiles the API (the conformance targets test it).
//!
//! Beside the crate: `conformance.json` (`plan::cases::Manifest`), `api.json` (the surface, each
//! call named as the crate names it), `api.ir.json` (the API the crate is made from, without
//! examples: the next run's floor, `run::floor`),
//! `CHANGELOG.md` (`run::release`) and the lock, `docgen.lock`: generator version, crate name,
//! source label, language, version, FNV-1a of `api.json` and of every page read
//! (`Analysis::inputs`). The lock is one more generated file, so `codegen --check` (and CI) fails
//! with a diff naming the page when it is stale.
//!
//! May import: base, ir, plan.

mod cases;
mod cfg;
mod context;
mod documented;
mod format;
mod literal;
mod memo;
mod models;
mod operations;
mod options;
mod query;
mod snippet;
mod templates;
mod usage;

pub use crate::plan::MAX_IDENT;

use crate::ir::Api;
use crate::plan::crates::Home;
use crate::plan::naming;
pub(crate) use context::Ctx;
pub use format::{FormatCache, FormatStats};
pub(crate) use literal::{deprecated, doc, ident, lit, prose};
pub use options::{
    EmitError, EmitOptions, GeneratedFile, CHANGELOG_FILE, IR_FILE, LOCK_FILE, SURFACE_FILE,
};
pub use snippet::{snippets, ExampleSnippet};
use std::collections::BTreeMap;
pub use templates::{RUNTIME, SUPPORT, TEST_UTIL};
pub use usage::{usage, Usage, Used};

/// How one documented template is called in the call shape of the client (`cargo xtask calls`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CallShape {
    /// The page that documents it.
    pub page: String,
    /// `POST /me/messages/{id}/send`.
    pub template: String,
    /// `client.me().message(id).send()`.
    pub call: String,
    /// The documented template the call fills and sends (another page's when two pages
    /// document one request).
    pub fills: String,
    /// Whether the call answers with a page of items (what `list` may name).
    pub returns_page: bool,
}

/// The call shape of a whole API: every template's call, and what the calls are made of.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CallReport {
    /// In the order of the operations and their templates.
    pub calls: Vec<CallShape>,
    /// The types the steps return (the client aside).
    pub step_types: usize,
    /// The final calls (templates of one request on several pages share one).
    pub finals: usize,
    /// Every name the shape generates (steps, final calls, types), sorted and deduplicated.
    pub identifiers: Vec<String>,
}

/// The API surface of `api` (`api.json`), each call named as the crate names it: what `codegen
/// --bump` and `cargo xtask diff` compare, so that a call named otherwise is a change.
pub fn surface(api: &Api) -> Result<crate::plan::surface::Surface, EmitError> {
    let calls = crate::plan::calls::calls(api, &templates::client_methods()?);
    let mut surface = crate::plan::surface::Surface::of(api);
    surface.name_calls(api, &calls);
    Ok(surface)
}

/// The call of every documented template.
pub fn call_shapes(api: &Api) -> Result<CallReport, EmitError> {
    let calls = crate::plan::calls::calls(api, &templates::client_methods()?);
    let mut out = Vec::new();
    for (oi, op) in api.operations.iter().enumerate() {
        for (ti, t) in op.templates.iter().enumerate() {
            let filled = calls.final_of(oi, ti).and_then(|f| {
                let fop = api.operations.get(f.fills.op)?;
                Some((fop, fop.templates.get(f.fills.template)?))
            });
            if let (Some(call), Some((fop, f))) = (calls.render(oi, ti), filled) {
                let returns_page = crate::plan::returns::returns(fop, f).is_page();
                out.push(CallShape {
                    page: op.page.clone(),
                    template: format!("{} {}", t.method, t.raw),
                    call,
                    fills: format!("{} {}", f.method, f.raw),
                    returns_page,
                });
            }
        }
    }
    Ok(CallReport {
        calls: out,
        step_types: calls.nodes.len() - 1,
        finals: calls.nodes.iter().map(|n| n.finals.len()).sum(),
        identifiers: calls.identifiers(),
    })
}

/// A new crate's changelog.
const CHANGELOG_START: &str = "# Changelog\n\nEach `cargo xtask codegen --bump` adds a section: what changed in the API since the\nprevious run, breaking changes first, and the version it calls for.\n";

fn lock(opts: &EmitOptions, surface_json: &str) -> String {
    let mut out = format!(
        "# @generated by `cargo xtask codegen`: what this crate was generated from. Do not edit by hand.\n\
         generator = \"codegen {}\"\n\
         crate-name = {}\n\
         source-label = {}\n\
         lang = \"{}\"\n\
         version = {}\n\
         # FNV-1a of {SURFACE_FILE}: the API this crate exposes.\n\
         api = \"{:016x}\"\n\n\
         # FNV-1a of every page read.\n\
         [pages]\n",
        env!("CARGO_PKG_VERSION"),
        toml_string(&opts.crate_name),
        toml_string(&opts.source_label),
        opts.lang.as_str(),
        toml_string(&opts.version),
        crate::base::fnv1a(surface_json.as_bytes()),
    );
    for (page, hash) in &opts.inputs {
        out.push_str(&format!("{} = \"{hash}\"\n", toml_string(page)));
    }
    out
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

const HEADER: &str = "// @generated by `cargo xtask codegen` from the API reference docs. Do not edit by hand:\n// change the docs (or the generator) and run it again.\n\n";

/// A run of the emitter: the files, and where their formatted chunks are, for the next run's
/// cache.
#[derive(Debug)]
pub struct Emitted {
    /// Every file of the generated crate, in path order.
    pub files: Vec<GeneratedFile>,
    /// Each formatted chunk of this run's files (and only those): its file (an index of
    /// `files`), its key and where its text is.
    spans: Vec<(usize, format::Span)>,
    /// How many chunks were formatted, and how many came from the cache.
    pub stats: FormatStats,
    /// The items of several chunks, by what they are made from (`memo`), for the next run.
    groups: Vec<(format::Key, format::Group)>,
}

impl Emitted {
    /// The formatted chunks, by key, read from the files.
    fn chunks(&self) -> impl Iterator<Item = (&format::Key, Option<&format::Key>, &str)> {
        self.spans.iter().filter_map(|(file, (key, input, range))| {
            let text = self.files.get(*file)?.contents.get(range.clone())?;
            Some((key, input.as_ref(), text))
        })
    }

    /// The formatted chunks of this run's files, for the next run (a copy of them: the next
    /// run's cache is best written with [`Emitted::cache_bytes`], from the files).
    pub fn cache(&self) -> FormatCache {
        FormatCache::of(self.chunks(), &self.groups)
    }

    /// [`Emitted::cache`] as [`FormatCache::to_bytes`] writes it, without a copy of the chunks.
    pub fn cache_bytes(&self) -> Vec<u8> {
        format::cache_bytes(self.chunks(), &self.groups)
    }
}

/// Every file of the generated crate, in path order.
pub fn emit(api: &Api, opts: &EmitOptions) -> Result<Vec<GeneratedFile>, EmitError> {
    Ok(emit_with(api, opts, &FormatCache::new(), false)?.files)
}

/// [`emit`], formatting only the chunks (items) that `cache`, from an earlier run, does not
/// hold: the chunks that the docs changed since reach. The files are those of [`emit`], byte
/// for byte.
pub fn emit_incremental(
    api: &Api,
    opts: &EmitOptions,
    cache: &FormatCache,
) -> Result<Emitted, EmitError> {
    emit_with(api, opts, cache, true)
}

/// The emitter; `keep_cache`: whether [`Emitted`] says where each chunk is, for the next run.
fn emit_with(
    api: &Api,
    opts: &EmitOptions,
    cache: &FormatCache,
    keep_cache: bool,
) -> Result<Emitted, EmitError> {
    // First, while little else is held (its text is megabytes, and made last it was the peak),
    // beside the context: both only read the API, and each ran alone on one thread.
    let (mut surface, ctx) = rayon::join(
        || crate::plan::surface::Surface::of(api),
        || Ctx::new(api, opts, cache),
    );
    let ctx = ctx?;
    surface.name_calls(api, &ctx.calls);
    surface.name_types(&ctx.plan);
    let surface = json_file(&surface);
    let mut fmt = Formatter {
        cache,
        keep_cache,
        spans: BTreeMap::new(),
        stats: FormatStats::default(),
    };
    // The tests' planning is sequential (test names are made unique in order): it runs beside
    // the chunks of the other files, which are made in parallel.
    let ((cases, manifest), (models, (operations, preludes, groups), examples)) = rayon::join(
        || cases::tests(&ctx),
        || {
            (
                models::models(&ctx),
                operations::operations(&ctx),
                documented::examples(&ctx),
            )
        },
    );
    let mut files = crate_files(&ctx, &mut fmt, [models, operations, preludes])?;
    let (tests, test_areas) = test_files(&mut fmt, cases)?;
    let examples = fmt.file("src/test_util/examples.rs", examples)?;
    files.extend(facade_files(
        &ctx,
        &test_areas,
        examples,
        json_file(&manifest),
    ));
    files.extend(tests);
    files.push(GeneratedFile {
        path: LOCK_FILE.into(),
        contents: lock(opts, &surface),
    });
    files.push(GeneratedFile {
        path: SURFACE_FILE.into(),
        contents: surface,
    });
    files.push(GeneratedFile {
        path: IR_FILE.into(),
        contents: ir_file(api),
    });
    files.push(GeneratedFile {
        path: CHANGELOG_FILE.into(),
        contents: opts
            .changelog
            .clone()
            .unwrap_or_else(|| CHANGELOG_START.to_string()),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut spans = fmt.spans;
    let spans = files
        .iter()
        .enumerate()
        .flat_map(|(i, f)| {
            spans
                .remove(&f.path)
                .unwrap_or_default()
                .into_iter()
                .map(move |s| (i, s))
        })
        .collect();
    Ok(Emitted {
        files,
        spans,
        stats: fmt.stats,
        groups,
    })
}

/// Formats files from their chunks, counting what it formats and, for the next run's cache,
/// where each file's chunks are.
struct Formatter<'c> {
    cache: &'c FormatCache,
    keep_cache: bool,
    spans: BTreeMap<String, Vec<format::Span>>,
    stats: FormatStats,
}

impl Formatter<'_> {
    fn file(&mut self, name: &str, chunks: Vec<format::Chunk>) -> Result<String, EmitError> {
        let keep = self
            .keep_cache
            .then(|| self.spans.entry(name.to_string()).or_default());
        format::format_file(name, HEADER, chunks, self.cache, keep, &mut self.stats)
    }
}

/// The files of the core and of each area's crate: models, operations and prelude by the crate
/// their chunks live in, the query markers, each crate's manifest and root, the runtime.
fn crate_files(
    ctx: &Ctx,
    fmt: &mut Formatter,
    [models, operations, preludes]: [Vec<(Home, format::Chunk)>; 3],
) -> Result<Vec<GeneratedFile>, EmitError> {
    let crates = &ctx.crates;
    let mut files = Vec::new();
    for (kind, chunks) in [
        ("models", models),
        ("operations", operations),
        ("prelude", preludes),
    ] {
        let mut by_home: BTreeMap<Home, Vec<format::Chunk>> = BTreeMap::new();
        for (home, c) in chunks {
            by_home.entry(home).or_default().push(c);
        }
        for (home, chunks) in by_home {
            let path = format!("{}/src/{kind}.rs", crates.dir(&home));
            let contents = fmt.file(&path, chunks)?;
            files.push(GeneratedFile { path, contents });
        }
    }
    let core_dir = crates.dir(&Home::Core);
    let query_path = format!("{core_dir}/src/query.rs");
    let query = fmt.file(
        &query_path,
        vec![format::chunk(ctx.formatted, query::module(ctx))],
    )?;
    files.push(GeneratedFile {
        path: query_path,
        contents: query,
    });
    for home in crates.homes() {
        let dir = crates.dir(&home);
        files.push(GeneratedFile {
            path: format!("{dir}/Cargo.toml"),
            contents: crate_toml(ctx, &home),
        });
        files.push(GeneratedFile {
            path: format!("{dir}/src/lib.rs"),
            contents: match &home {
                Home::Core => core_lib_rs(ctx),
                Home::Area(area) => area_lib_rs(ctx, area),
            },
        });
    }
    files.extend(RUNTIME.iter().map(|(path, contents)| GeneratedFile {
        path: format!("{core_dir}/{path}"),
        contents: contents.to_string(),
    }));
    Ok(files)
}

/// Each area's conformance test target (its cases and its root), and the areas that have one.
fn test_files(
    fmt: &mut Formatter,
    cases: Vec<cases::AreaTests>,
) -> Result<(Vec<GeneratedFile>, Vec<String>), EmitError> {
    let mut files = Vec::new();
    let mut areas = Vec::new();
    for area in cases {
        let dir = conformance_dir(&area.area);
        files.push(GeneratedFile {
            path: format!("{dir}/cases.rs"),
            contents: fmt.file(&format!("{dir}/cases.rs"), area.chunks)?,
        });
        files.push(GeneratedFile {
            path: format!("{dir}/main.rs"),
            contents: conformance_main(&area.area),
        });
        areas.push(area.area);
    }
    Ok((files, areas))
}

/// The facade's own files: its manifest and root, the conformance manifest, the test support
/// and the `test-util` module with the documented responses.
fn facade_files(
    ctx: &Ctx,
    test_areas: &[String],
    examples: String,
    manifest: String,
) -> [GeneratedFile; 7] {
    [
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: cargo_toml(ctx, test_areas),
        },
        GeneratedFile {
            path: "src/lib.rs".into(),
            contents: lib_rs(ctx),
        },
        GeneratedFile {
            path: "conformance.json".into(),
            contents: manifest,
        },
        GeneratedFile {
            path: "tests/conformance/support.rs".into(),
            contents: SUPPORT.to_string(),
        },
        GeneratedFile {
            path: "src/test_util/mod.rs".into(),
            contents: TEST_UTIL.to_string(),
        },
        GeneratedFile {
            path: "src/test_util/support.rs".into(),
            contents: SUPPORT.to_string(),
        },
        GeneratedFile {
            path: "src/test_util/examples.rs".into(),
            contents: examples,
        },
    ]
}

/// A JSON file's text: pretty, with a final newline (written in place: the surface of a large
/// API is megabytes, and a copy of it would add to the generator's peak).
fn json_file<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text.shrink_to_fit();
    text
}

/// The API as the next run reads it back (`IR_FILE`): without examples, which only the
/// conformance tests of documented items need, and one item per line, so that a regeneration's
/// diff shows the items that changed.
fn ir_file(api: &Api) -> String {
    fn list<T: serde::Serialize>(out: &mut String, name: &str, items: &[T], last: bool) {
        out.push_str(&format!("\"{name}\":["));
        for (i, item) in items.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&serde_json::to_string(item).unwrap_or_default());
        }
        out.push_str(if last { "\n]}\n" } else { "\n],\n" });
    }
    let operations: Vec<crate::ir::Operation> = api
        .operations
        .iter()
        .map(|op| crate::ir::Operation {
            examples: Vec::new(),
            ..op.clone()
        })
        .collect();
    let mut out = String::from("{");
    list(&mut out, "pages", &api.pages, false);
    list(&mut out, "operations", &operations, false);
    list(&mut out, "resources", &api.resources, false);
    list(&mut out, "enums", &api.enums, false);
    list(&mut out, "deprecated", &api.deprecated, false);
    list(&mut out, "deferred", &api.deferred, true);
    out
}

/// The dependencies every crate of the client has: what the runtime and the generated code
/// name (`::reqwest`, `::serde`, `::serde_json` in the models' and calls' expansions).
const DEPENDENCIES: &str = r#"base64 = "0.22"
chrono = { version = "0.4", default-features = false, features = ["std"] }
futures-util = { version = "0.3", default-features = false, features = ["std"] }
httpdate = "1"
percent-encoding = "2"
reqwest = { version = "0.12", default-features = false, features = ["json", "rustls-tls"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
thiserror = "2"
tokio = { version = "1", features = ["time"] }
tracing = "0.1"
uuid = { version = "1", default-features = false, features = ["std"] }
"#;

/// The dependencies of the crates that run tests against a mock server.
const DEV_DEPENDENCIES: &str = r#"[dev-dependencies]
tokio = { version = "1", features = ["macros", "rt-multi-thread", "test-util", "net", "io-util"] }
wiremock = "0.6"
"#;

/// A dependency on another crate of the client, by path (and version, for publishing).
fn path_dependency(ctx: &Ctx, home: &Home, from_facade: bool, extra: &str) -> String {
    let package = ctx.crates.package(home);
    let path = if from_facade {
        ctx.crates.dir(home)
    } else {
        format!("../{package}")
    };
    format!(
        "{} = {{ path = {}, version = {}{extra} }}\n",
        toml_string(package),
        toml_string(&path),
        toml_string(&ctx.opts.version)
    )
}

/// The facade's `Cargo.toml`: the crate users depend on. `test_areas`: the areas with
/// conformance tests, a test target each.
fn cargo_toml(ctx: &Ctx, test_areas: &[String]) -> String {
    let opts = ctx.opts;
    let mut crates = path_dependency(ctx, &Home::Core, true, "");
    for area in &ctx.areas.all {
        crates.push_str(&path_dependency(
            ctx,
            &Home::Area(area.clone()),
            true,
            ", optional = true",
        ));
    }
    format!(
        r#"# @generated by `cargo xtask codegen`. Do not edit by hand.
[package]
name = {name}
version = {version}
edition = "2021"
rust-version = "1.85"
publish = false
description = "Client generated from API reference docs, with one conformance test per documented example."

[lib]
# Doc text comes from the docs; it is never compiled as a doctest.
doctest = false

[dependencies]
# The core (runtime, and what two or more areas share) and a crate per area: each builds in a
# rustc of its own, in parallel.
{crates}{DEPENDENCIES}# The mock server of `test_util` (feature `test-util`).
wiremock = {{ version = "0.6", optional = true }}

{DEV_DEPENDENCIES}
# One feature per API area (the pages' `ms.prod`): an area compiles its crate, with its
# operations and the types only it reaches, and the shared types it reaches in the core.
{features}
# `test_util`: the documented responses of every operation, replayed by a mock server, to test
# your own code against the API as its docs show it.
test-util = ["dep:wiremock"]
{tests}"#,
        name = toml_string(&opts.crate_name),
        version = toml_string(&opts.version),
        features = cfg::cargo_features(&ctx.areas, &ctx.crates),
        tests = conformance_targets(test_areas),
    )
}

/// The `Cargo.toml` of the core or of an area's crate.
fn crate_toml(ctx: &Ctx, home: &Home) -> String {
    let opts = ctx.opts;
    let package = ctx.crates.package(home);
    let (description, lib, deps, rest) = match home {
        Home::Core => (
            format!(
                "The runtime of `{}`, and the types and steps its areas share.",
                opts.crate_name
            ),
            // The unit tests are the runtime's (the API is `cfg(not(test))`).
            "doctest = false\n".to_string(),
            DEPENDENCIES.to_string(),
            format!(
                "\n{DEV_DEPENDENCIES}\n# One feature per API area, turned on by the area's crate: the shared types and\n# steps of the areas that are on.\n{}",
                cfg::core_features(&ctx.areas)
            ),
        ),
        Home::Area(area) => (
            format!("The `{area}` area of `{}`.", opts.crate_name),
            // Its calls are tested by the client's conformance tests.
            "doctest = false\ntest = false\n".to_string(),
            format!(
                "{}reqwest = {{ version = \"0.12\", default-features = false }}\nserde = \"1\"\nserde_json = \"1\"\n",
                path_dependency(ctx, &Home::Core, false, &format!(", features = [{}]", toml_string(area)))
            ),
            String::new(),
        ),
    };
    format!(
        r#"# @generated by `cargo xtask codegen`. Do not edit by hand.
[package]
name = {name}
version = {version}
edition = "2021"
rust-version = "1.85"
publish = false
description = {description}

[lib]
{lib}
[dependencies]
{deps}{rest}"#,
        name = toml_string(package),
        version = toml_string(&opts.version),
        description = toml_string(&description),
    )
}

/// The conformance tests, a target per area (`cargo test --test 'conformance-*'`): each builds
/// in its own rustc, only with its area's feature.
fn conformance_targets(areas: &[String]) -> String {
    let mut out = String::new();
    if !areas.is_empty() {
        out.push_str("\n# The conformance tests: one per documented example, a target per area.\n");
    }
    for area in areas {
        let name = toml_string(&format!("conformance-{area}"));
        let path = toml_string(&format!("{}/main.rs", conformance_dir(area)));
        let feature = toml_string(area);
        out.push_str(&format!(
            "\n[[test]]\nname = {name}\npath = {path}\nrequired-features = [{feature}]\n"
        ));
    }
    out
}

/// The crate roots are written as text in rustfmt's style, and mark their modules
/// `#[rustfmt::skip]`: `cargo fmt` on a workspace holding the generated crate then leaves the
/// prettyplease output alone, so the stale check stays exact.
fn lib_rs(ctx: &Ctx) -> String {
    let label = source_label(ctx);
    let core = rust_crate(ctx, &Home::Core);
    // A crate may have no types (or calls) of its own.
    let allow = "    #[allow(unused_imports)]\n";
    let mut models = format!("{allow}    pub use {core}::models::*;\n");
    let mut operations = format!("{allow}    pub use {core}::operations::*;\n");
    let mut prelude = String::new();
    for area in &ctx.areas.all {
        let krate = rust_crate(ctx, &Home::Area(area.clone()));
        let cfg = format!("    #[cfg(feature = {})]\n{allow}", toml_string(area));
        models.push_str(&format!("{cfg}    pub use {krate}::models::*;\n"));
        operations.push_str(&format!("{cfg}    pub use {krate}::operations::*;\n"));
        prelude.push_str(&format!("{cfg}    pub use {krate}::prelude::*;\n"));
    }
    format!(
        "{HEADER}//! A client generated from the `{label}` API reference: {ops} operations, {types} resource types, {enums} enums.
//!
//! Calls mirror the documented URLs: `POST /me/messages/{{id}}/send` is
//! `client.me().message(id).send()`, a chain of navigation steps ending in a method that returns
//! a [`Call`]; add query options (a typed builder for each one its page documents, see
//! [`query`]) or headers to it, then `.await` it. What each page
//! documents (scopes, success status, source) is in [`operations`] as an [`OperationInfo`]
//! constant. Bring the calls into scope with `use {facade}::prelude::*;`.
//!
//! Each API area is a cargo feature and a crate of its own, which builds beside the others;
//! `full`, the default, turns them all on. Depend with `default-features = false` and the
//! areas you call to compile only their operations and the types they reach. Where each
//! area's calls start:
//!
//! | feature | operations | calls starting with |
//! |---|---|---|
{area_table}
#![forbid(unsafe_code)]
// What an earlier release exposed and the docs no longer document is deprecated for users
// (`codegen::floor`); the crate itself still builds it.
#![allow(deprecated)]

{exports}

/// The crates whose types the `edm` types' `parse` methods return.
pub use {core}::{{chrono, uuid}};

/// The stream traits, for the combinators on [`Pages`] and [`Items`] (their `next()` needs
/// none), so callers need no other dependency.
pub use {core}::{{Stream, StreamExt}};

/// Resource types, one per documented resource page; enums, one per enum table; and the
/// request bodies that operations' request body tables document: of every area that is on.
pub mod models {{
{models}}}

/// The navigation steps, the calls and what each page documents ([`OperationInfo`]
/// constants), of every area that is on. The calls of an area on a step areas share are
/// methods of the area's extension trait of that step, in the [`prelude`].
pub mod operations {{
{operations}}}

/// `use {facade}::prelude::*;` brings every call into scope: the extension traits by which
/// each area adds its calls to the steps areas share (`client.me()`).
pub mod prelude {{
{prelude}}}

#[cfg(feature = \"test-util\")]
#[rustfmt::skip]
pub mod test_util;
",
        facade = naming::sanitize(&crate::plan::crates::rust_name(&ctx.crates.facade)),
        ops = ctx.api.operations.len(),
        types = ctx.api.resources.len(),
        enums = ctx.enums.len(),
        area_table = area_table(ctx),
        exports = templates::runtime_exports(&core, &["edm", "query"]),
    )
}

/// The documented source label, as doc text of a crate root.
fn source_label(ctx: &Ctx) -> String {
    ctx.opts
        .source_label
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// The Rust name of a crate of the client.
fn rust_crate(ctx: &Ctx, home: &Home) -> String {
    naming::sanitize(&crate::plan::crates::rust_name(ctx.crates.package(home)))
}

/// The core's root: the runtime (hidden: the plumbing of the generated code) and the types and
/// steps its areas share.
fn core_lib_rs(ctx: &Ctx) -> String {
    format!(
        "{HEADER}//! The core of `{facade}`, the client generated from the `{label}` API reference: its
//! runtime, its query options, and the types and navigation steps that two or more of its areas
//! share. Depend on `{facade}`, which re-exports it with the crates of the areas.
#![forbid(unsafe_code)]
// What an earlier release exposed and the docs no longer document is deprecated for users
// (`codegen::floor`); the crate itself still builds it.
#![allow(deprecated)]

// The unit tests are the runtime's: they build without the API, which the conformance tests
// exercise, so that no unit-test build compiles a large API a second time.
#[cfg(not(test))]
#[rustfmt::skip]
pub mod models;
#[cfg(not(test))]
#[rustfmt::skip]
pub mod operations;
#[cfg(not(test))]
#[rustfmt::skip]
pub mod query;
// The plumbing of the generated models and calls of every crate of the client. (Formatted as
// `cargo fmt` does, and not `rustfmt::skip`: that would make its exported macros unreachable
// by path in this crate.)
#[doc(hidden)]
pub mod runtime;

{exports}

/// Typed values of the documented primitives that JSON carries as strings (dates, durations,
/// GUIDs, binary).
pub use runtime::edm;

/// The crates whose types the `edm` types' `parse` methods return.
pub use chrono;
pub use uuid;

/// The stream traits, for the combinators on [`Pages`] and [`Items`] (their `next()` needs
/// none), so callers need no other dependency.
pub use futures_util::stream::{{Stream, StreamExt}};
",
        facade = ctx.opts.crate_name.replace(['`', '\n', '\r'], ""),
        label = source_label(ctx),
        exports = templates::runtime_exports("runtime", &[]),
    )
}

/// An area crate's root: its models and calls, which name the core's as their own.
fn area_lib_rs(ctx: &Ctx, area: &str) -> String {
    format!(
        "{HEADER}//! The `{area}` area of `{facade}`, the client generated from the `{label}` API reference: the
//! types only this area uses, and its calls. Depend on `{facade}` with its feature `{area}`.
#![forbid(unsafe_code)]
// What an earlier release exposed and the docs no longer document is deprecated for users
// (`codegen::floor`); the crate itself still builds it.
#![allow(deprecated)]

// The core's runtime and shared items, named as this crate's own (`crate::Nullable`,
// `crate::runtime`): the generated code is the same in every crate.
#[allow(unused_imports)]
pub(crate) use {core}::*;

#[rustfmt::skip]
pub mod models;
#[rustfmt::skip]
pub mod operations;
#[rustfmt::skip]
pub mod prelude;
",
        facade = ctx.opts.crate_name.replace(['`', '\n', '\r'], ""),
        label = source_label(ctx),
        core = rust_crate(ctx, &Home::Core),
    )
}

/// How many call beginnings the area table shows per area.
const AREA_STARTS: usize = 6;

/// A row per area: its feature, its operations, and the beginnings (two steps) of its calls
/// that the most templates share, so that a reader finds the feature of `client.me().drive()`.
fn area_table(ctx: &Ctx) -> String {
    let mut rows: std::collections::BTreeMap<
        &str,
        (usize, std::collections::BTreeMap<String, usize>),
    > = ctx
        .areas
        .all
        .iter()
        .map(|a| (a.as_str(), Default::default()))
        .collect();
    for (oi, op) in ctx.api.operations.iter().enumerate() {
        let Some(row) = ctx
            .areas
            .operations
            .get(oi)
            .and_then(|a| rows.get_mut(a.as_str()))
        else {
            continue;
        };
        row.0 += 1;
        for ti in 0..op.templates.len() {
            let Some(path) = ctx.calls.chain(oi, ti) else {
                continue;
            };
            let start: String = path
                .steps
                .iter()
                .take(2)
                .map(|s| {
                    let args = if s.args.is_empty() { "" } else { ".." };
                    format!(".{}({args})", s.name)
                })
                .collect();
            if !start.is_empty() {
                *row.1.entry(format!("`client{start}`")).or_default() += 1;
            }
        }
    }
    let mut out = String::new();
    for (area, (ops, starts)) in rows {
        let mut starts: Vec<(String, usize)> = starts.into_iter().collect();
        starts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let shown: Vec<String> = starts
            .iter()
            .take(AREA_STARTS)
            .map(|(s, _)| s.clone())
            .collect();
        let more = if starts.len() > AREA_STARTS {
            ", ..."
        } else {
            ""
        };
        out.push_str(&format!(
            "//! | `{area}` | {ops} | {}{more} |\n",
            shown.join(", ")
        ));
    }
    out
}

/// The folder of an area's conformance test target: its root `main.rs` and its `cases.rs`.
fn conformance_dir(area: &str) -> String {
    format!("tests/conformance/{area}")
}

/// The root of an area's conformance test target, written in rustfmt's style (see `lib_rs`).
fn conformance_main(area: &str) -> String {
    format!(
        "{HEADER}//! Conformance tests of the `{area}` area of the generated client: one per documented
//! example (see `cases.rs`).

#[rustfmt::skip]
mod cases;
#[rustfmt::skip]
#[path = \"../support.rs\"]
mod support;
"
    )
}
