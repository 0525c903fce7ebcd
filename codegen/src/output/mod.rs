//! Output: the generated crate's files written or compared, what a previous run left read back,
//! diagnostics rendered for people and tools, and the snippets of the examples written out (a
//! file each, a `rust` tab in each page).
//!
//! May import: base, ir, plan, emit.

pub mod pages;
pub mod render;
pub mod write;
