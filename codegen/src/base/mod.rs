//! The base layer every other may use: places in the docs, diagnostics and their codes, a
//! stable hash.

mod code;
mod diagnostic;
mod hash;
mod location;
mod method;

pub use code::{catalogue, Code, Explanation};
pub use diagnostic::{BlockId, Diagnostic, Note, Severity};
pub use hash::fnv1a;
pub use location::{Located, Location};
pub use method::Method;
