//! One module per command (or per group of small ones): its arguments and its run.

pub mod bench;
pub mod codegen;
pub mod compare;
pub mod conformance;
pub mod inspect;
pub mod report;
pub mod snippets;
