//! The base layer every other may use: places in the docs, diagnostics and their codes, a
//! stable hash.
//!
//! May import: nothing.

mod code;
mod diagnostic;
mod hash;
mod lang;
mod location;
mod method;

pub use code::{catalogue, Code, Explanation, Severity};
pub use diagnostic::{BlockId, Diagnostic, Note};
pub use hash::fnv1a;
pub use lang::Lang;
pub use location::{Located, Location};
pub use method::Method;
