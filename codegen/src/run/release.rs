//! The release decision of a crate generated again: its version and changelog, from what the
//! previous run left (`output::write::previous`: its `Cargo.toml` version, `CHANGELOG.md`,
//! `api.json`) and, when asked (`codegen --bump`), the API change (`diff`): the advised version
//! and a changelog section for it. Without `--bump` both are kept; the first version is `0.1.0`.
//! Above `diff` and `output`, so neither imports the other.

use crate::diff::{diff_surfaces, ApiDiff};
use crate::ir::Api;
use crate::output::write::Previous;
use crate::plan::surface::Surface;

/// The version and changelog of a crate generated again: what the previous run left, and with
/// `bump`, the version its API change calls for and a changelog section for it.
#[derive(Debug, Clone)]
pub struct Release {
    /// The crate's version.
    pub version: String,
    /// The crate's changelog (`None`: a new one).
    pub changelog: Option<String>,
    /// The change, when `bump` compared the API with the previous one.
    pub change: Option<ApiDiff>,
}

/// See `Release`. The first version is `0.1.0`; a previous run that left no surface has nothing
/// to compare with, and the version stays.
pub fn release(previous: Previous, api: &Api, bump: bool) -> Release {
    let mut version = previous.version.unwrap_or_else(|| "0.1.0".into());
    let mut changelog = previous.changelog;
    let change = match (&previous.surface, bump) {
        // The calls named as the crate names them, so that a renamed call is a change.
        (Some(old), true) => {
            let new = crate::emit::surface(api).unwrap_or_else(|_| Surface::of(api));
            Some(diff_surfaces(old, &new))
        }
        _ => None,
    };
    if let Some(next) = change.as_ref().and_then(|c| c.advised_version(&version)) {
        let mut section = change
            .as_ref()
            .map(|c| c.markdown(Some(&next)))
            .unwrap_or_default();
        section.push_str(&held_back(api));
        changelog = Some(self::changelog(&section, changelog.as_deref()));
        version = next;
    }
    Release {
        version,
        changelog,
        change,
    }
}

/// The changelog's list of what the docs changed in place and the crate holds back until a
/// major release (`Api::deferred`, `floor`): empty when nothing is.
pub fn held_back(api: &Api) -> String {
    if api.deferred.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "### Next major release

Held back, the shipped shape kept ({}; `codegen --bump major` applies them):

",
        api.deferred.len()
    );
    for d in &api.deferred {
        out.push_str(&format!(
            "- `{}` {} ({}:{})\n",
            d.item, d.change, d.at.file, d.at.line
        ));
    }
    out.push('\n');
    out
}

/// A changelog with `section` as its newest entry: after the title of `previous`, or under a
/// new title.
pub fn changelog(section: &str, previous: Option<&str>) -> String {
    let previous = previous.unwrap_or("# Changelog\n");
    let section = section.trim_end();
    match previous.split_once("\n## ") {
        Some((head, older)) => format!("{}\n\n{section}\n\n## {older}", head.trim_end()),
        None => format!("{}\n\n{section}\n", previous.trim_end()),
    }
}
