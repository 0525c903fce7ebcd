//! `cargo xtask diff`: the change between two versions of the docs as a user of the generated
//! crate sees it. Only the language-neutral API counts: the same docs diff as empty whatever
//! their language, prose or row order; a real change is found and classed.

use codegen::diff::{diff, Bump, Kind, Subject};
use codegen::source::Lang;
use std::path::Path;

fn analyze(dir: &Path, lang: Lang) -> codegen::Analysis {
    codegen::analyze(dir, lang).expect("the docs are readable")
}

/// The English reference six months apart: the headline counts are pinned, so a change to
/// them (a reader or a classing rule) must be explained here. (976 operations and 66 types
/// changed, 847 of 2782 changes breaking: relationships are fields of their types, so the
/// relationships the later reference adds or retypes are changes of their types (63 types
/// changed before, 2778 changes); the workbook session header the later reference's examples
/// always send is a required argument (2 changes); one operation fewer changes since both
/// references return what the Response prose links where no example shows it; a row with
/// nothing beside its name (`|**Auditing**|`) heads a group of rows and is no field, so the
/// group headings of the earlier reference's Intune pages (`deviceManagement`, `user`, ...),
/// which the later one no longer writes, are no longer 12 removed fields. Then (#39), 89
/// changes fewer, 50 of them breaking, 7 operations fewer changed: type names compare as the
/// Rust names them, whatever their case (`teamsApp`, `teamsapp`); each call's return type is its
/// own (a cast's template, the cast type), so a new first template of an operation changes
/// nothing; a property or enum member spelled in another case is a wire-name change, not a
/// removal; `'{x}'`, `<x>` and a trailing `/` are one call key with `{x}`.)
#[test]
fn six_months_of_the_english_reference() {
    let (Some(old), Some(new)) = (
        workspace_tests::shared("corpus/graph-v1.0-en-2021-01"),
        workspace_tests::shared("corpus/graph-v1.0-en-2021"),
    ) else {
        return;
    };
    let (old, new) = (
        analyze(&old, Lang::English).api,
        analyze(&new, Lang::English).api,
    );
    let d = diff(&old, &new);
    eprintln!("{}", d.human().lines().next().unwrap_or_default());
    let c = d.counts();
    assert_eq!(
        (
            c.operations_added,
            c.operations_removed,
            c.operations_changed
        ),
        (377, 22, 969),
        "{c:?}"
    );
    assert_eq!(
        (
            c.types_added,
            c.types_removed,
            c.types_renamed,
            c.types_changed
        ),
        (271, 4, 0, 66),
        "{c:?}"
    );
    // One more since a field's type is compared as its code has it: `educationUser.assignments`
    // was untyped (no page documented `educationAssignment`) and is a struct now. 274 fewer
    // since a mount is the evidence of its own operation only: the workbook pages' calls
    // mounted by other pages' examples, which one example calling `/workbook` as a root
    // removed, were never there.
    assert_eq!((c.breaking, c.changes), (524, 2426), "{c:?}");
    assert_eq!(d.bump(), Some(Bump::Major));
    assert_eq!(d.advised_version("0.4.2").as_deref(), Some("0.5.0"));
    assert_eq!(d.advised_version("1.4.2").as_deref(), Some("2.0.0"));
    // Every change is located in the docs that state it.
    assert!(d.changes.iter().all(|c| c.location.line >= 1));
    // The markdown form is a changelog section with each change once.
    let md = d.markdown(Some("0.5.0"));
    assert!(md.starts_with("## 0.5.0\n"));
    assert_eq!(
        md.lines().filter(|l| l.starts_with("- ")).count(),
        c.changes
    );
    // A page new in the later reference is an added operation; the diff the other way round
    // removes it, and so breaks.
    let back = diff(&new, &old);
    assert_eq!(back.counts().operations_removed, c.operations_added);
    assert_eq!(back.counts().operations_added, c.operations_removed);
}

#[test]
fn a_reference_against_itself_and_in_its_other_language_is_no_change() {
    for corpus in ["graph-v1.0-en-2021", "graph-v1.0-pt-BR-2023"] {
        let Some(dir) = workspace_tests::shared(&format!("corpus/{corpus}")) else {
            return;
        };
        let api = analyze(&dir, Lang::English).api;
        let d = diff(&api, &api);
        assert!(d.is_empty(), "{corpus}: {}", d.human());
    }
    // Span pairs: the Chinese text and the English text of the same pages give one API.
    let Some(zh) = workspace_tests::shared("corpus/graph-v1.0-zh-CN-2017") else {
        return;
    };
    let (english, chinese) = (analyze(&zh, Lang::English), analyze(&zh, Lang::Localized));
    let d = diff(&english.api, &chinese.api);
    assert!(d.is_empty(), "{}", d.human());
    // ... while the prose is the Chinese one.
    let translated = |a: &codegen::Analysis| {
        a.api
            .operations
            .iter()
            .filter(|o| o.description.as_deref().is_some_and(|d| !d.is_ascii()))
            .count()
    };
    assert!(translated(&chinese) > 100 && translated(&english) < 10);
}

/// Copies the default docs into a temporary folder, edits one page, and diffs.
fn edited(path: &str, edit: impl Fn(&str) -> String) -> codegen::diff::ApiDiff {
    let root = workspace_tests::root().join("docs");
    let tmp = tempfile::tempdir().expect("temp dir");
    for rel in codegen::list_pages(&root).expect("docs/ lists") {
        let to = tmp.path().join(&rel);
        std::fs::create_dir_all(to.parent().expect("a page is in a folder")).expect("mkdir");
        let text = std::fs::read_to_string(root.join(&rel)).expect("read");
        let text = if rel == path { edit(&text) } else { text };
        std::fs::write(&to, text).expect("write");
    }
    diff(
        &analyze(&root, Lang::English).api,
        &analyze(tmp.path(), Lang::English).api,
    )
}

/// Reverses the body rows of every table of a page.
fn rows_reversed(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut rows: Vec<&str> = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with('|') {
            if in_table {
                rows.push(line);
            } else {
                out.push(line.to_string());
            }
            if line.starts_with("|:") || line.starts_with("|-") || line.starts_with("| :") {
                in_table = true;
            }
            continue;
        }
        out.extend(rows.drain(..).rev().map(str::to_string));
        in_table = false;
        out.push(line.to_string());
    }
    out.extend(rows.drain(..).rev().map(str::to_string));
    out.join("\n") + "\n"
}

#[test]
fn reordered_rows_and_reworded_prose_are_no_change() {
    for page in [
        "api/user-sendmail.md",
        "resources/message.md",
        "resources/enums.md",
    ] {
        let d = edited(page, |t| {
            assert_ne!(rows_reversed(t), t, "{page} has tables of several rows");
            rows_reversed(t)
                .replace("Send the message", "Sends the message")
                .replace("A message", "One message")
        });
        assert!(d.is_empty(), "{page}: {}", d.human());
    }
}

#[test]
fn real_changes_are_found_and_classed() {
    // An enum member more: an addition.
    let d = edited("resources/enums.md", |t| {
        t.replace(
            "| high | The sender marked the message as important. |",
            "| high | The sender marked the message as important. |\n| urgent | Newer. |",
        )
    });
    assert_eq!(d.changes.len(), 1, "{}", d.human());
    let c = &d.changes[0];
    assert_eq!(
        (c.subject, c.kind, c.name.as_str(), c.bump),
        (
            Subject::EnumMember,
            Kind::Added,
            "importance.urgent",
            Bump::Minor
        )
    );
    // A scope more: a value of the crate, no item.
    let d = edited("api/user-sendmail.md", |t| {
        t.replace(
            "|Application | Mail.Send |",
            "|Application | Mail.Send, Mail.ReadWrite |",
        )
    });
    assert_eq!(d.bump(), Some(Bump::Patch), "{}", d.human());
    // A required body member more breaks the body's constructor.
    let d = edited("api/user-sendmail.md", |t| {
        t.replace(
            "| message | [message](../resources/message.md) | Required. The message to send. |",
            "| message | [message](../resources/message.md) | Required. The message to send. |\n| \
             priority | Int32 | Required. How soon. |",
        )
    });
    assert_eq!(d.bump(), Some(Bump::Major), "{}", d.human());
    assert!(d.changes.iter().any(|c| c.detail.contains("priority")));
    // A removed page removes its operation.
    let d = edited("api/message-send.md", |_| "# Nothing here\n".into());
    assert!(d
        .changes
        .iter()
        .any(|c| c.subject == Subject::Operation && c.kind == Kind::Removed));
    assert_eq!(d.bump(), Some(Bump::Major));
}

/// Writes the client of `docs` into `out`.
fn generate(docs: &Path, out: &Path) {
    let analysis = analyze(docs, Lang::English);
    let files =
        codegen::emit::emit(&analysis.api, &codegen::emit::EmitOptions::default()).expect("emit");
    codegen::write::write(out, &files).expect("write");
}

/// Code written against the client of `docs/` as the crate documents its use: a `match` with
/// a wildcard arm, a model built with `..Default::default()`, a field read, a call. Whether it
/// compiles against the client in `client`, and rustc's errors.
fn user_code_compiles(client: &Path) -> (bool, String) {
    let manifest = format!(
        "[package]\nname = \"api-user\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
         [dependencies]\ndocs-client = {{ path = {client:?} }}\n"
    );
    workspace_tests::check_scratch_crate(
        &manifest,
        r#"
use docs_client::models::{Importance, Message};
use docs_client::prelude::*;

pub fn label(i: &Importance) -> &'static str {
    match i {
        Importance::Low => "low",
        Importance::Normal => "normal",
        Importance::High => "high",
        Importance::Unrecognized(_) => "unknown",
        _ => "newer",
    }
}

pub fn draft() -> Message {
    Message {
        subject: "Lunch?".into(),
        importance: Importance::High.into(),
        ..Default::default()
    }
}

pub fn subject(m: &Message) -> Option<&str> {
    m.subject.as_deref()
}

pub async fn send(client: &docs_client::Client) -> Result<(), docs_client::Error> {
    client.me().message("id").send().await
}
"#,
    )
}

/// The compiler agrees with the classes: code written against the client of `docs/` still
/// compiles against the client of docs with changes classed minor, and does not against one
/// with a change classed major that it uses.
#[test]
fn the_compiler_agrees_with_the_classes() {
    let root = workspace_tests::root().join("docs");
    let copy = |edit: &dyn Fn(&str, &str) -> String| {
        let tmp = tempfile::tempdir().expect("temp dir");
        for rel in codegen::list_pages(&root).expect("docs/ lists") {
            let to = tmp.path().join("docs").join(&rel);
            std::fs::create_dir_all(to.parent().expect("a page is in a folder")).expect("mkdir");
            let text = std::fs::read_to_string(root.join(&rel)).expect("read");
            std::fs::write(&to, edit(&rel, &text)).expect("write");
        }
        generate(&tmp.path().join("docs"), &tmp.path().join("client"));
        tmp
    };
    let original = copy(&|_, t| t.to_string());
    let (ok, stderr) = user_code_compiles(&original.path().join("client"));
    assert!(
        ok,
        "the user code compiles against the client it was written for: {stderr}"
    );

    // Minor: one more enum member, one more optional property.
    let minor = copy(&|rel, t| {
        match rel {
        "resources/enums.md" => t.replace(
            "| high | The sender marked the message as important. |",
            "| high | The sender marked the message as important. |\n| urgent | Newer. |",
        ),
        "resources/message.md" => t.replace(
            "| subject | String | The subject line. |",
            "| subject | String | The subject line. |\n| flagged | Boolean | Whether it is flagged. |",
        ),
        _ => t.to_string(),
    }
    });
    let d = diff(
        &analyze(&original.path().join("docs"), Lang::English).api,
        &analyze(&minor.path().join("docs"), Lang::English).api,
    );
    assert_eq!(d.bump(), Some(Bump::Minor), "{}", d.human());
    assert_eq!(d.changes.len(), 2, "{}", d.human());
    // The new client has them as items (a field, a variant), not in `additional_properties`
    // or `Unrecognized`: the proof is about a crate that changed.
    // Every crate's models (the core's and each area's).
    let models = |dir: &tempfile::TempDir| {
        let crates = dir.path().join("client/crates");
        let mut text = String::new();
        for entry in std::fs::read_dir(&crates).expect("the client's crates") {
            let path = entry.expect("an entry").path().join("src/models.rs");
            text.push_str(&std::fs::read_to_string(path).expect("models.rs"));
        }
        text
    };
    for item in ["pub flagged: ", "    Urgent,"] {
        assert!(models(&minor).contains(item), "{item}");
        assert!(!models(&original).contains(item), "{item}");
    }
    let (ok, stderr) = user_code_compiles(&minor.path().join("client"));
    assert!(ok, "a minor change broke the user code: {stderr}");

    // Major: the property the user code reads is gone.
    let major = copy(&|rel, t| match rel {
        "resources/message.md" => t.replace("| subject | String | The subject line. |\n", ""),
        _ => t.to_string(),
    });
    let d = diff(
        &analyze(&original.path().join("docs"), Lang::English).api,
        &analyze(&major.path().join("docs"), Lang::English).api,
    );
    assert!(
        d.changes.iter().any(|c| c.bump == Bump::Major
            && c.subject == Subject::Property
            && c.name == "message.subject"),
        "{}",
        d.human()
    );
    let (ok, stderr) = user_code_compiles(&major.path().join("client"));
    assert!(!ok && stderr.contains("subject"), "{stderr}");
}

/// The lock names every page read: a page edited in prose only leaves the API alone but makes
/// the lock stale, and `codegen --check` shows which page.
#[test]
fn the_lock_is_stale_when_a_page_changes() {
    let root = workspace_tests::root();
    let analysis = analyze(&root.join("docs"), Lang::English);
    let opts = codegen::emit::EmitOptions {
        inputs: analysis.inputs.clone(),
        ..Default::default()
    };
    let files = codegen::emit::emit(&analysis.api, &opts).expect("emit");
    let lock = files
        .iter()
        .find(|f| f.path == codegen::emit::LOCK_FILE)
        .expect("a lock");
    assert!(lock.contents.contains("\"api/message-send.md\" = \""));
    assert_eq!(
        lock.contents.matches(" = \"").count(),
        analysis.inputs.len() + 6,
        "every page, the generator, the options, the version and the API digest: {}",
        lock.contents
    );
    let tmp = tempfile::tempdir().expect("temp dir");
    codegen::write::write(tmp.path(), &files).expect("write");
    assert!(codegen::write::check(tmp.path(), &files).is_empty());
    // The same API from a page reworded.
    let mut inputs = analysis.inputs.clone();
    inputs.insert("api/message-send.md".into(), "0000000000000000".into());
    let reworded = codegen::emit::emit(
        &analysis.api,
        &codegen::emit::EmitOptions {
            inputs,
            ..Default::default()
        },
    )
    .expect("emit");
    let stale = codegen::write::check(tmp.path(), &reworded);
    assert_eq!(stale.len(), 1, "only the lock: {stale:?}");
    assert_eq!(stale[0].path, codegen::emit::LOCK_FILE);
    assert!(stale[0].diff.contains("api/message-send.md"));
}

/// `codegen --bump`: the version the change calls for, and a changelog section for it.
#[test]
fn bump_sets_the_version_and_adds_the_change_to_the_changelog() {
    let root = workspace_tests::root();
    let analysis = analyze(&root.join("docs"), Lang::English);
    let tmp = tempfile::tempdir().expect("temp dir");
    let files =
        codegen::emit::emit(&analysis.api, &codegen::emit::EmitOptions::default()).expect("emit");
    codegen::write::write(tmp.path(), &files).expect("write");
    // Nothing changed: the version stays, with or without `--bump`.
    let same = codegen::release(
        codegen::write::previous(tmp.path(), true),
        &analysis.api,
        true,
    );
    assert_eq!(same.version, "0.1.0");
    assert!(same.change.is_some_and(|c| c.is_empty()));
    // One operation less: a breaking change, 0.1.0 -> 0.2.0.
    let mut fewer = analysis.api.clone();
    let gone = fewer.operations.remove(0).id;
    let next = codegen::release(codegen::write::previous(tmp.path(), true), &fewer, true);
    assert_eq!(next.version, "0.2.0");
    let changelog = next.changelog.expect("a changelog");
    assert!(changelog.starts_with("# Changelog\n"), "{changelog}");
    assert!(changelog.contains("## 0.2.0\n"), "{changelog}");
    assert!(
        changelog.contains(&format!("operation `{gone}` removed")),
        "{changelog}"
    );
    // Without `--bump` the version and the changelog stay as the previous run left them.
    let kept = codegen::release(codegen::write::previous(tmp.path(), true), &fewer, false);
    assert_eq!(kept.version, "0.1.0");
    assert!(kept.change.is_none());
}
