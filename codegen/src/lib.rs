//! Turns a folder of annotated API reference pages into an IR, checks it, and emits a Rust client
//! crate with conformance tests. The flow runs one way: source -> extract -> model -> check -> emit
//! -> write.

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
pub mod conformance;
mod derive;
pub mod diff;
pub mod emit;
mod extract;
#[doc(hidden)]
pub mod fuzz;
mod http;
pub mod identity;
pub mod ir;
mod lenient_json;
mod model;
mod pipeline;
pub mod render;
pub mod report;
mod rules;
pub mod source;
pub mod suppress;
pub mod write;

pub use check::translation;
pub use pipeline::{
    analyze, analyze_sources, analyze_with, list_pages, Analysis, Error, NoProgress, Progress,
};
