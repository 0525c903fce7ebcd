//! Output: the generated crate's files written or compared, what a previous run left read back,
//! and diagnostics rendered for people and tools.
//!
//! May import: base, ir, plan, emit.

pub mod render;
pub mod write;
