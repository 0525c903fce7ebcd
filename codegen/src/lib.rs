//! Turns a folder of annotated API reference pages into an IR, checks it, and emits a Rust client
//! crate with conformance tests. The folders follow the flow, each importing only those before it
//! (`tests/layers.rs` holds this): base, ir, read -> page -> resolve -> check -> plan -> emit ->
//! diff -> output -> run. ARCHITECTURE.md is the map.
//!
//! This file only declares the folders and re-exports the public paths: the modules `base`, `ir`,
//! `emit` and `diff`, and `source`, `render`, `write`, `suppress`, `translation`, `report`,
//! `conformance`, `fuzz` (doc-hidden, public for the fuzz targets), `generate`, `analyze` and
//! `release`. Everything public is documented (`missing_docs` is denied); the rest is private,
//! so rustc reports dead code. No I/O but reading the docs (`run/analyze.rs`) and the generated
//! folder and format cache (`output/write.rs`); no process is started.

#![deny(missing_docs)]
// Input-derived data never panics the run: no unwrap, expect or slice indexing outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

pub mod base;
mod check;
pub mod diff;
pub mod emit;
pub mod ir;
mod output;
mod page;
mod plan;
mod read;
mod resolve;
mod run;

// The public API: the folders above stay private where only some of their modules are public.
pub use check::{suppress, translation};
pub use output::{pages, render, write};
pub use read::source;
pub use run::analyze::{
    analyze, analyze_sources, analyze_with, list_pages, Analysis, Error, NoProgress, Progress,
};
pub use run::release::{changelog, release, Release};
pub use run::{conformance, floor, fuzz, generate, report};
