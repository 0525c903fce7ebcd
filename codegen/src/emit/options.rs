//! What the emitter is asked for and what it gives back: its options, its files, its error, and
//! the names of the files beside the crate that the next run reads.

/// How the generated crate is named and labelled.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// Package name of the generated crate, e.g. `docs-client`.
    pub crate_name: String,
    /// How generated docs name the docs folder, e.g. `docs` (so `docs/api/x.md:12`).
    pub source_label: String,
    /// The crate's version (kept from the previous run, or advised by `--bump`).
    pub version: String,
    /// The crate's `CHANGELOG.md` (kept from the previous run, with a section per `--bump`);
    /// `None` for a new one.
    pub changelog: Option<String>,
    /// Every page read: path -> hash of its bytes (`Analysis::inputs`), for the lock.
    pub inputs: std::collections::BTreeMap<String, String>,
    /// How span-pair pages were read (their prose), for the lock.
    pub lang: crate::base::Lang,
    /// Make every chunk that the previous run's cache holds by its inputs (`emit::memo`) anyway,
    /// and fail when its tokens differ: the check of the memo's keys that the incremental tests
    /// run. The files are the same either way.
    pub audit: bool,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            crate_name: "docs-client".into(),
            source_label: "docs".into(),
            version: "0.1.0".into(),
            changelog: None,
            inputs: Default::default(),
            lang: crate::base::Lang::English,
            audit: false,
        }
    }
}

/// The lock beside the generated crate: what it was generated from, by what and how (the
/// options), and a digest
/// of the API it exposes (`api.json`, the surface `cargo xtask diff` compares). `codegen
/// --check` fails when any of it is stale.
pub const LOCK_FILE: &str = "docgen.lock";
/// The API surface of the generated crate, which the next `codegen --bump` compares against.
pub const SURFACE_FILE: &str = "api.json";
/// The API the generated crate exposes, as the IR without examples, one item per line: what the
/// next run keeps as its floor (`codegen::floor`).
pub const IR_FILE: &str = "api.ir.json";
/// The changelog of the generated crate.
pub const CHANGELOG_FILE: &str = "CHANGELOG.md";

/// A file of the generated crate, relative to its root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path in the generated crate, with `/` separators.
    pub path: String,
    /// The file's text.
    pub contents: String,
}

/// Why the emitter could not produce the crate: always a generator bug.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    /// Emitted tokens that do not parse as a Rust file: a generator bug, never a docs problem.
    #[error("generated {file} is not valid Rust ({message}); please report this generator bug")]
    InvalidTokens {
        /// The generated file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// A chunk whose inputs did not change made other tokens than the run that cached it
    /// (`EmitOptions::audit`): its key misses something it reads.
    #[error("a chunk of {file} made from the same inputs differs from the cached one ({message}); please report this generator bug")]
    StaleMemo {
        /// The generated file.
        file: String,
        /// Which chunk.
        message: String,
    },
}
