//! Reading: a page's text as written, its blocks and the words the docs are read by. Nothing here
//! decides what a block means, and every offset maps back to the page on disk. `source` resolves
//! span pairs, `extract` turns pulldown-cmark events into blocks, `lenient_json` and `http` read
//! bodies and request and status lines, `rules` holds the docs' words by language.
//!
//! May import: base, ir.

pub mod extract;
pub mod http;
pub mod lenient_json;
pub mod rules;
pub mod source;
