//! Regenerating as a user does (#39): the English reference of five dates, each generated into the
//! crate the previous date left (`codegen --bump`), so that each release keeps what the previous
//! one shipped (`codegen::floor`). Then a major release across all five, which applies what was
//! held back and drops what was kept deprecated: every breaking change it lists names the page
//! and line of the docs that changed.

use codegen::diff::{ApiDiff, Bump, Change, Kind, Subject};
use codegen::emit::Used;
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

/// The code a user of the client in `out` writes (`codegen::emit::usage`): every call, model,
/// field and enum member, named as that crate names them (its API, and the call names its
/// `api.json` shipped, which its own run kept from the release before).
fn user_code(out: &Path) -> codegen::emit::Usage {
    let previous = codegen::write::previous(out, true);
    let mut api = match previous.shipped {
        Some(Ok(api)) => api,
        other => panic!("the release's API does not read back: {other:?}"),
    };
    if let Some(surface) = &previous.surface {
        surface.keep_names(&mut api);
    }
    let opts = codegen::emit::EmitOptions {
        crate_name: "graph".into(),
        ..Default::default()
    };
    codegen::emit::usage(&api, &opts).expect("the user code is made")
}

/// What rustc rejected in the user code: an item of it, or a line that names none.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Broken {
    Item(Used),
    Other(String),
}

/// Whether `user` compiles against the client in `out`; the items of the lines rustc rejects.
fn compiles(user: &codegen::emit::Usage, out: &Path) -> (bool, Vec<Broken>) {
    let manifest = format!(
        "[package]\nname = \"api-user\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
         [dependencies]\ngraph = {{ path = {out:?} }}\nserde_json = \"1\"\n"
    );
    let (ok, stderr) = workspace_tests::check_scratch_crate(&manifest, &user.source);
    let mut broken = Vec::new();
    for line in stderr.lines() {
        // `src/lib.rs:LINE:COL: error...` (`--message-format=short`).
        let at = line
            .strip_prefix("src/lib.rs:")
            .and_then(|rest| rest.split(':').next())
            .and_then(|l| l.parse::<usize>().ok());
        match at.map(|l| (l, user.at(l))) {
            Some((_, Some(used))) => broken.push(Broken::Item(used.clone())),
            Some((l, None)) => broken.push(Broken::Other(format!("line {l}: {line}"))),
            None if line.contains("error") && !line.starts_with("error: could not compile") => {
                broken.push(Broken::Other(line.to_string()))
            }
            None => {}
        }
    }
    broken.dedup();
    (ok, broken)
}

/// An error `compiles` traced to an item of the user code (not the client's own build).
fn an_item(broken: &Broken) -> bool {
    matches!(broken, Broken::Item(_))
}

/// The breaking change of `d` that accounts for `used` no longer compiling: the item itself
/// removed or changed, or what holds it (its operation, type or enum).
fn justification<'d>(used: &Used, d: &'d ApiDiff) -> Option<&'d Change> {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    let major = |c: &&Change| c.bump == Bump::Major;
    let of = |subject: Subject, name: &str| {
        d.changes
            .iter()
            .filter(major)
            .find(|c| c.subject == subject && same(&c.name, name))
    };
    match used {
        Used::Call(op, key) => of(Subject::Operation, op).or_else(|| {
            d.changes.iter().filter(major).find(|c| {
                c.subject == Subject::Call
                    && c.name
                        .strip_prefix(op.as_str())
                        .and_then(|r| r.strip_prefix(": "))
                        .is_some_and(|line| {
                            let (method, raw) = line.split_once(' ').unwrap_or((line, ""));
                            codegen::base::Method::parse(method)
                                .is_some_and(|m| codegen::ir::template::call_key(m, raw) == *key)
                        })
            })
        }),
        Used::Model(t) => of(Subject::Type, t),
        Used::Field(t, f) => {
            of(Subject::Property, &format!("{t}.{f}")).or_else(|| of(Subject::Type, t))
        }
        Used::Member(e, m) => {
            of(Subject::EnumMember, &format!("{e}.{m}")).or_else(|| of(Subject::Enum, e))
        }
    }
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
    // Deprecated items per step, as measured; a step may keep more, never fewer.
    let floors = [8, 4, 58, 401];
    for (dir, deprecated) in dirs[1..].iter().zip(floors) {
        let user = user_code(&out);
        let (d, kept) = release(dir, &out, false);
        // The proof by the compiler: the code written against the previous release compiles
        // against this one.
        let (ok, broken) = compiles(&user, &out);
        eprintln!(
            "the previous release's user code ({} items): {} do not compile {broken:#?}",
            user.lines.len(),
            broken.len()
        );
        assert!(
            ok && broken.is_empty(),
            "{}: code written against the previous release breaks ({} of {} items): {:#?}",
            dir.display(),
            broken.len(),
            user.lines.len(),
            &broken[..broken.len().min(40)]
        );
        assert!(user.lines.len() > 1000, "the user code uses the client");
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
            .filter(|c| c.bump == Bump::Major)
            .map(|c| {
                format!(
                    "{:?} {} {}: {}",
                    c.subject, c.name, c.detail, c.location.file
                )
            })
            .collect();
        assert!(changed.is_empty(), "breaking changes: {changed:#?}");
        assert_eq!(c.breaking, 0, "{}", d.human());
        assert_ne!(
            d.bump(),
            Some(Bump::Major),
            "a regeneration is a minor release"
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

    // The same docs again change nothing: a floor that kept a call its operation still
    // documents added a copy of it at every run.
    let analysis = codegen::analyze(&dirs[4], Lang::English).expect("the docs are readable");
    let again = generate(
        &analysis,
        &Options {
            crate_name: "graph".into(),
            ..Options::new(&out)
        },
    )
    .expect("the crate is written");
    match again.outcome {
        codegen::generate::Outcome::Written(files) => {
            assert!(files.is_empty(), "the same docs again rewrote {files:?}")
        }
        codegen::generate::Outcome::Checked(_) => unreachable!("a write run"),
    }

    // The major release across all five: what was kept goes, what was held back applies, and
    // each breaking change names where the docs changed.
    let user = user_code(&out);
    let (d, kept) = release(&dirs[4], &out, true);
    let (ok, broken) = compiles(&user, &out);
    eprintln!(
        "major release: {} of {} items of the previous release's user code do not compile",
        broken.len(),
        user.lines.len()
    );
    // It drops what was kept deprecated: code that uses it no longer compiles, at lines that
    // name the items.
    assert!(
        !ok && !broken.is_empty(),
        "the major release breaks: {broken:#?}"
    );
    assert!(
        broken.iter().all(an_item),
        "every error is at an item's line: {broken:#?}"
    );
    // Each item that breaks is a breaking change the diff lists, with the page and line of the
    // docs that changed.
    let mut why: std::collections::BTreeMap<String, usize> = Default::default();
    let mut unjustified = Vec::new();
    for b in &broken {
        let Broken::Item(used) = b else { continue };
        match justification(used, &d) {
            Some(c) => {
                *why.entry(format!("{:?} {:?}", c.subject, c.kind))
                    .or_default() += 1
            }
            None => unjustified.push(used),
        }
    }
    eprintln!("major release: broken items by the change that accounts for them: {why:?}; unaccounted: {}", unjustified.len());
    assert!(
        unjustified.is_empty(),
        "{} items break with no breaking change in the diff: {:#?}",
        unjustified.len(),
        &unjustified[..unjustified.len().min(40)]
    );
    assert_eq!(
        (kept.total(), kept.deferred),
        (0, 0),
        "a major release keeps nothing but names"
    );
    let renamed = count(&d, Subject::Call, Kind::Renamed);
    assert_eq!(renamed, 0, "a major release keeps the names: {}", d.human());
    assert_eq!(d.bump(), Some(Bump::Major));
    let c = d.counts();
    assert!(c.breaking > 500, "{}", d.human());
    for ch in d.changes.iter().filter(|c| c.bump == Bump::Major) {
        assert!(
            !ch.location.file.is_empty() && ch.location.line > 0,
            "a breaking change with no page: {ch:?}"
        );
    }
}
