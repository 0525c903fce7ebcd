//! The crates of the generated client, and which one each item lives in.
//!
//! One rustc process compiles one crate, so the API is split: a core crate (the runtime, the
//! query markers, the types and navigation steps that two or more areas reach), a crate per
//! area (the types and steps only it reaches, and all of its calls), and the facade, the crate
//! users depend on, which re-exports them behind a feature per area. Area crates depend on the
//! core only, so they build in parallel and each in the memory of its own part of the API.
//!
//! Generated code names everything through `crate::` paths; an area crate imports the core's
//! root, models and operations into its own (`pub(crate)` globs), so the same tokens compile in
//! any crate. A call of an area on a core step is a method of the area's extension trait of
//! that step, which the facade's `prelude` brings into scope.
//!
//! Why: the English corpus as one crate was a rustc of 2.2 GB (4.3 GB before `object!`), and a
//! reference 2.4 times larger would not build on a laptop. Split, every rustc of the client and
//! its tests is under 1.5 GB and each area's part grows with that area, not with the whole API
//! (numbers in `xtask/src/build_bench.rs`).
//!
//! `Home::of` is the one placement rule: an item reached by one area lives in that area's crate,
//! one reached by more (or none) in the core, under `cfg(any(...))` of those areas (the core has
//! a feature per area, turned on by the area's crate). The placement keeps itself consistent:
//! reach is transitive, so a core item reaches only core items, and an operation's body types
//! are roots of every area whose calls fill its templates (`areas::Areas::calls`), so a call
//! shared by two areas' pages, which lives in the core, names only core types. A step lives in
//! the crate of its areas, and so does each method: a child step's method in the child's crate,
//! a final call in the crate of the areas that reach it and its operation's. Core steps hold
//! their `Step` in a hidden `pub` field, for the area crates' calls on them.
//!
//! Area crates set `test = false` (the conformance tests cover them) and the core's API is
//! `cfg(not(test))`, so no unit-test build compiles the API. The layout is part of what users
//! compile against: code written for the single crate needs the prelude import.

use std::collections::{BTreeMap, BTreeSet};

/// The crate an item lives in.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub(crate) enum Home {
    /// The core: what two or more areas (or none) reach.
    Core,
    /// The crate of one area.
    Area(String),
}

impl Home {
    /// The home of an item that the code of `areas` reaches: the crate of the one area, else
    /// the core.
    pub fn of(areas: &BTreeSet<String>) -> Home {
        match (areas.len(), areas.first()) {
            (1, Some(area)) => Home::Area(area.clone()),
            _ => Home::Core,
        }
    }
}

/// The package names of the generated crates.
#[derive(Debug, Clone)]
pub(crate) struct Crates {
    /// The facade (the crate users depend on): `docs-client`.
    pub facade: String,
    /// The core: `docs-client-core`.
    pub core: String,
    /// Area -> its crate: `docs-client-outlook`.
    pub areas: BTreeMap<String, String>,
}

impl Crates {
    pub fn new(facade: &str, areas: &BTreeSet<String>) -> Crates {
        let core = format!("{facade}-core");
        // Area names are `[a-z0-9-]` (`areas::feature_name`); one named `core` must not take
        // the core's name, nor one named `core-area` the name that one then gets.
        let mut taken = BTreeSet::from([core.clone(), facade.to_string()]);
        let areas = areas
            .iter()
            .map(|a| {
                let mut name = format!("{facade}-{a}");
                while taken.contains(&name) {
                    name.push_str("-area");
                }
                taken.insert(name.clone());
                (a.clone(), name)
            })
            .collect();
        Crates {
            facade: facade.to_string(),
            core,
            areas,
        }
    }

    /// The package of a home.
    pub fn package(&self, home: &Home) -> &str {
        match home {
            Home::Core => &self.core,
            Home::Area(a) => self.areas.get(a).map_or(self.core.as_str(), String::as_str),
        }
    }

    /// The folder of a home's crate in the generated tree (`crates/docs-client-outlook`).
    pub fn dir(&self, home: &Home) -> String {
        format!("crates/{}", self.package(home))
    }

    /// Every home: the core, then the areas in order.
    pub fn homes(&self) -> Vec<Home> {
        std::iter::once(Home::Core)
            .chain(self.areas.keys().map(|a| Home::Area(a.clone())))
            .collect()
    }
}

/// The Rust name of a package (`docs-client-core` -> `docs_client_core`).
pub(crate) fn rust_name(package: &str) -> String {
    package.replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_area_is_its_crate_and_more_are_the_core() {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        assert_eq!(Home::of(&set(&["outlook"])), Home::Area("outlook".into()));
        assert_eq!(Home::of(&set(&["outlook", "files"])), Home::Core);
        assert_eq!(Home::of(&set(&[])), Home::Core);
    }

    #[test]
    fn an_area_named_core_gets_a_crate_of_its_own() {
        let areas = ["core", "outlook"].iter().map(|s| s.to_string()).collect();
        let crates = Crates::new("docs-client", &areas);
        assert_eq!(crates.package(&Home::Core), "docs-client-core");
        assert_eq!(
            crates.package(&Home::Area("core".into())),
            "docs-client-core-area"
        );
        assert_eq!(
            crates.dir(&Home::Area("outlook".into())),
            "crates/docs-client-outlook"
        );
    }
}
