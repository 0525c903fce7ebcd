//! Runs: the workflows the command line and the tests call, from a docs folder to an analysis, a
//! report, a generated crate or a conformance account.
//!
//! May import: base, ir, read, page, resolve, check, plan, emit, diff, output.

pub mod analyze;
pub mod conformance;
pub mod floor;
#[doc(hidden)]
pub mod fuzz;
pub mod generate;
pub mod release;
pub mod report;
