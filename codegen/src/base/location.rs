//! Places in the docs.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A place in a docs page: the page path relative to the docs root, 1-based line and column
/// in the page as written on disk (before localized spans are resolved).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    /// The page, relative to the docs root, with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// A value with the place it was read from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Located<T> {
    /// The value read.
    pub value: T,
    /// Where it was read.
    pub location: Location,
}
