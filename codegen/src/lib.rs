//! Turns a folder of annotated API reference pages into an IR, checks it, and emits a Rust client
//! crate with conformance tests. The flow runs one way: source -> extract -> model -> check -> emit
//! -> write.

pub mod base;
pub mod check;
pub mod conformance;
pub mod derive;
pub mod emit;
pub mod extract;
pub mod http;
pub mod identity;
pub mod ir;
pub mod lenient_json;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod report;
mod rules;
pub mod source;
pub mod suppress;
pub mod write;

pub use pipeline::{
    analyze, analyze_sources, analyze_with, list_pages, Analysis, Error, NoProgress, Progress,
};
