//! Regenerating as a user does (#39): the English reference of five dates, each generated into the
//! crate the previous date left (`codegen --bump`), so that each release keeps what the previous
//! one shipped (`codegen::floor`). Then a major release across all five, which applies what was
//! held back and drops what was kept deprecated: every breaking change it lists names the page
//! and line of the docs that changed.

use codegen::diff::{ApiDiff, Bump, Kind, Subject};
use codegen::generate::{generate, Options};
use codegen::source::Lang;
use std::path::{Path, PathBuf};

const DATES: [&str; 5] = [
    "history/graph-v1.0-en-2019-09",
    "history/graph-v1.0-en-2019-12",
    "history/graph-v1.0-en-2020-03",
    "corpus/graph-v1.0-en-2021-01",
    "corpus/graph-v1.0-en-2021",
];

fn release(docs: &Path, out: &Path, major: bool) -> (ApiDiff, codegen::floor::Kept) {
    let analysis = codegen::analyze(docs, Lang::English).expect("the docs are readable");
    let opts = Options {
        crate_name: "graph".into(),
        bump: true,
        major,
        ..Options::new(out)
    };
    let g = generate(&analysis, &opts).expect("the crate is written");
    let kept = match g.kept {
        Some(Ok(k)) => k,
        None => Default::default(),
        Some(Err(e)) => panic!("the previous release's API does not read back: {e}"),
    };
    (g.release.change.unwrap_or_default(), kept)
}

fn count(d: &ApiDiff, subject: Subject, kind: Kind) -> usize {
    d.changes
        .iter()
        .filter(|c| c.subject == subject && c.kind == kind)
        .count()
}

#[test]
fn five_dates_regenerated_as_a_user_does() {
    let dirs: Option<Vec<PathBuf>> = DATES.iter().map(|d| workspace_tests::shared(d)).collect();
    let Some(dirs) = dirs else {
        return;
    };
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().join("graph");
    release(&dirs[0], &out, false);
    // (breaking, deprecated) per step, as measured; a step may do better, never worse.
    let floors = [(0, 8), (0, 0), (0, 355), (1, 674)];
    for (dir, (breaking, deprecated)) in dirs[1..].iter().zip(floors) {
        let (d, kept) = release(dir, &out, false);
        let c = d.counts();
        eprintln!(
            "{}: {} | held back {}",
            dir.display(),
            d.human().lines().next().unwrap_or_default(),
            kept.deferred
        );
        // Nothing the previous release exposed is gone: no operation, call, type, field or
        // member removed, no operation renamed (its info constant and body struct keep their
        // names), no return or body type changed in place.
        for subject in [
            Subject::Operation,
            Subject::Call,
            Subject::Type,
            Subject::Property,
            Subject::Enum,
            Subject::EnumMember,
        ] {
            assert_eq!(
                count(&d, subject, Kind::Removed),
                0,
                "{subject:?} removed: {}",
                d.human()
            );
        }
        let changed: Vec<String> = d
            .changes
            .iter()
            .filter(|c| c.bump == Bump::Major && c.kind != Kind::Renamed)
            .map(|c| format!("{} {}: {}", c.name, c.detail, c.location.file))
            .collect();
        assert!(
            changed.is_empty(),
            "breaking changes in place: {changed:#?}"
        );
        // What is left breaking is calls the call shape names otherwise (#39's next step).
        assert!(
            c.breaking <= breaking,
            "{} breaking, at most {breaking} expected: {}",
            c.breaking,
            d.human()
        );
        assert!(
            c.deprecated >= deprecated,
            "{} deprecated, {deprecated} before: the docs' removals are kept",
            c.deprecated
        );
        // What the diff calls newly deprecated is among what the floor kept (which counts what
        // earlier releases deprecated too).
        assert!(
            c.deprecated <= kept.total(),
            "{} deprecated in the diff, {} kept",
            c.deprecated,
            kept.total()
        );
    }

    // The major release across all five: what was kept goes, what was held back applies, and
    // each breaking change names where the docs changed.
    let (d, kept) = release(&dirs[4], &out, true);
    assert_eq!(
        (kept.total(), kept.deferred),
        (0, 0),
        "a major release keeps nothing but names"
    );
    let renamed = count(&d, Subject::Call, Kind::Renamed);
    assert_eq!(renamed, 0, "a major release keeps the names: {}", d.human());
    assert_eq!(d.bump(), Some(Bump::Major));
    let c = d.counts();
    assert!(c.breaking > 600, "{}", d.human());
    for ch in d.changes.iter().filter(|c| c.bump == Bump::Major) {
        assert!(
            !ch.location.file.is_empty() && ch.location.line > 0,
            "a breaking change with no page: {ch:?}"
        );
    }
}
