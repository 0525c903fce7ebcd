//! Which text of a span-pair page is read: a closed set every layer may name (the reader picks
//! the text, the lock records it).

use serde::Serialize;

/// Which text of a localized span pair the rest of the pipeline reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// The English original kept in the `sxs-lookup` span (the default: code names come from it).
    #[default]
    English,
    /// The translation in the `data-ttu-id` span.
    Localized,
}

impl Lang {
    /// `english`, `localized`: as `--lang` and the lock write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::English => "english",
            Lang::Localized => "localized",
        }
    }
}
