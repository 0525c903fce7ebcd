//! Reading: a page's text as written, its blocks and the words the docs are read by. Nothing here
//! decides what a block means.
//!
//! May import: base, ir.

pub mod extract;
pub mod http;
pub mod lenient_json;
pub mod rules;
pub mod source;
