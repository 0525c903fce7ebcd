//! The generated client is the API its docs describe, on every corpus of `../shared/corpus`:
//! every method targets a template its page writes at the recorded line (or a derived one that
//! says why), and no annotated example block vanishes between the page and the IR.

use codegen::base::Code;
use codegen::ir::template;
use codegen::source::{Lang, SourceFile};
use std::collections::BTreeMap;
use std::path::Path;

const CORPORA: &[&str] = &[
    "graph-v1.0-en-2021",
    "graph-v1.0-en-2021-01",
    "graph-v1.0-zh-CN-2017",
    "graph-v1.0-pt-BR-2023",
    "graph-v1.0-ja-JP-2019",
    "graph-v1.0-ja-JP-2019-source",
];

/// The path and query of a request line as a reader takes them, read here without the
/// generator's target parser: the method and `HTTP/1.1` off, then a scheme and host at the start
/// only, then the version.
fn documented_target(line: &str) -> Option<(String, Vec<String>)> {
    let line = line.trim();
    let (_, rest) = line.split_once(char::is_whitespace)?;
    let mut target = rest.trim();
    if let Some((t, v)) = target.rsplit_once(' ') {
        if v.starts_with("HTTP/") {
            target = t.trim_end();
        }
    }
    for scheme in ["https://", "http://"] {
        if target.len() > scheme.len() && target[..scheme.len()].eq_ignore_ascii_case(scheme) {
            let after = &target[scheme.len()..];
            target = after.find(['/', '?']).map_or("/", |i| &after[i..]);
        }
    }
    for version in ["/v1.0", "/beta"] {
        if target.len() >= version.len()
            && target.is_char_boundary(version.len())
            && target[..version.len()].eq_ignore_ascii_case(version)
            && target[version.len()..].starts_with(['/', '?'])
        {
            target = &target[version.len()..];
        }
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let names = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split('=').next().unwrap_or(p).trim().to_string())
        .collect();
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    Some((path, names))
}

struct Lines(BTreeMap<String, Vec<String>>);

impl Lines {
    fn line(&mut self, root: &Path, page: &str, n: u32) -> String {
        let lines = self.0.entry(page.to_string()).or_insert_with(|| {
            std::fs::read_to_string(root.join(page))
                .map(|t| t.lines().map(str::to_string).collect())
                .unwrap_or_default()
        });
        lines
            .get(n.saturating_sub(1) as usize)
            .cloned()
            .unwrap_or_default()
    }
}

/// Counts the `<!-- { ... "blockType": "<kind>" ... } -->` annotations of every page; with an
/// empty `kind`, the annotations that name an example but give no block type (its first line
/// then says what the block is).
fn raw_annotations(root: &Path, pages: &[String], kind: &str) -> usize {
    let wanted = format!("\"{kind}\"");
    pages
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(root.join(p)).unwrap_or_default();
            let mut n = 0;
            let mut rest = text.as_str();
            while let Some(start) = rest.find("<!--") {
                let body = &rest[start + 4..];
                let end = body.find("-->").unwrap_or(body.len());
                let comment = &body[..end];
                match comment.find("\"blockType\"") {
                    Some(at) => {
                        let value = comment[at + "\"blockType\"".len()..]
                            .trim_start()
                            .trim_start_matches(':')
                            .trim_start();
                        if !kind.is_empty() && value.starts_with(&wanted) {
                            n += 1;
                        }
                    }
                    None if kind.is_empty()
                        && comment.trim_start().starts_with('{')
                        && comment.contains("\"name\"") =>
                    {
                        n += 1
                    }
                    None => {}
                }
                rest = &body[end..];
            }
            n
        })
        .sum()
}

fn check(name: &str) {
    let Some(root) = workspace_tests::shared(&format!("corpus/{name}")) else {
        return;
    };
    let a = codegen::analyze(&root, Lang::English).expect("corpus is readable");
    let mut lines = Lines(BTreeMap::new());
    let mut wrong = Vec::new();
    let mut methods = 0;
    for op in &a.api.operations {
        for t in &op.templates {
            methods += 1;
            if let Some(why) = &t.derived {
                if why.trim().is_empty() {
                    wrong.push(format!("{}: derived `{}` gives no reason", op.page, t.raw));
                }
                continue;
            }
            let line = lines.line(&root, &t.location.file, t.location.line);
            let Some((path, names)) = documented_target(&line) else {
                wrong.push(format!(
                    "{}: `{}` is not at line {}",
                    op.page, t.raw, t.location.line
                ));
                continue;
            };
            let documented = template::render_path(&template::parse_template(&path));
            let generated = template::render_path(&t.segments);
            let query_documented = t.query.iter().all(|q| names.contains(&q.name));
            if documented != generated || !query_documented || line.trim().is_empty() {
                wrong.push(format!(
                    "{}:{}: the method targets `{generated}` but the page documents `{}`",
                    t.location.file,
                    t.location.line,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{name}: {} of {methods} methods target what their page does not document:\n{}",
        wrong.len(),
        wrong.join("\n")
    );

    // Every annotated request and response block of a page is an example of the IR, or has a
    // located diagnostic on that page that says why not (invalid, unpaired, without block), or
    // answers a request the page marks `ignored`. Only an annotation that is not JSON, or one
    // with no block, may leave its block uncounted (it is reported).
    // Blocks by where they stand: an example that shows another page's call is that operation's
    // and still this page's block; a response shared by several requests is one block.
    let mut requests_at = std::collections::BTreeSet::new();
    let mut responses_at = std::collections::BTreeSet::new();
    for op in &a.api.operations {
        for e in &op.examples {
            if e.request.annotated {
                requests_at.insert((e.request.location.file.as_str(), e.request.location.line));
            }
            for r in e.response.iter().chain(&e.more_responses) {
                if r.annotated {
                    responses_at.insert((r.location.file.as_str(), r.location.line));
                }
            }
        }
    }
    let mut in_ir: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (file, _) in &requests_at {
        in_ir.entry(file).or_default().0 += 1;
    }
    for (file, _) in &responses_at {
        in_ir.entry(file).or_default().1 += 1;
    }
    let mut diagnosed: BTreeMap<(&str, Code), usize> = BTreeMap::new();
    for d in &a.diagnostics {
        *diagnosed
            .entry((d.location.file.as_str(), d.code))
            .or_default() += 1;
    }
    let on = |page: &str, c: Code| diagnosed.get(&(page, c)).copied().unwrap_or(0);
    let (mut raw_requests, mut raw_responses) = (0, 0);
    let mut lost = Vec::new();
    for page in &a.api.pages {
        let p = page.path.as_str();
        let one = [page.path.clone()];
        let (requests, responses) = in_ir.get(p).copied().unwrap_or_default();
        let (rq, rs) = (
            raw_annotations(&root, &one, "request"),
            raw_annotations(&root, &one, "response"),
        );
        raw_requests += rq;
        raw_responses += rs;
        let untyped = raw_annotations(&root, &one, "");
        let unread = on(p, Code::InvalidAnnotationJson) + on(p, Code::AnnotationWithoutBlock);
        let requests = requests + on(p, Code::InvalidRequestBlock);
        let responses = responses + on(p, Code::InvalidResponseBlock) + page.responses_untested;
        let fits =
            |accounted: usize, raw: usize| accounted <= raw + untyped && accounted + unread >= raw;
        if !fits(requests, rq) || !fits(responses, rs) {
            lost.push(format!(
                "{p}: {rq} request and {rs} response annotations, {requests} and {responses} in the IR or diagnosed"
            ));
        }
    }
    assert!(
        lost.is_empty(),
        "{name}: annotated blocks lost on {} pages:\n{}",
        lost.len(),
        lost.join("\n")
    );
    // No resource page's properties are dropped: each page is modelled alone again, and every
    // property it documents is a property of the API's resource of that name (merged pages
    // have a `resource-documented-twice` of their own, which says so; it does not excuse a loss).
    let mut dropped = Vec::new();
    let mut documented = 0;
    for page in a
        .api
        .pages
        .iter()
        .filter(|p| p.path.starts_with("resources/"))
    {
        let text = std::fs::read_to_string(root.join(&page.path)).unwrap_or_default();
        let alone =
            codegen::analyze_sources(&[SourceFile::new(page.path.clone(), text, Lang::English)]);
        let Some(r) = alone.api.resources.first() else {
            continue;
        };
        let Some(api_r) = a
            .api
            .resources
            .iter()
            .find(|x| x.name.eq_ignore_ascii_case(&r.name))
        else {
            dropped.push(format!(
                "{}: the type `{}` is not in the API",
                page.path, r.name
            ));
            continue;
        };
        for p in &r.properties {
            documented += 1;
            // By its row: a translated name the page alone cannot read back (`Estágios`) is
            // the JSON's (`stages`) once the reference's words are learned.
            if !api_r
                .properties
                .iter()
                .any(|q| q.name == p.name || q.location == p.location)
            {
                dropped.push(format!(
                    "{}:{}: `{}.{}`",
                    page.path, p.location.line, r.name, p.name
                ));
            }
        }
    }
    assert!(
        dropped.is_empty(),
        "{name}: {} documented properties are not in the API:\n{}",
        dropped.len(),
        dropped.join("\n")
    );
    eprintln!(
        "{name}: {methods} methods, all documented or derived; {raw_requests} request and {raw_responses} response annotations accounted for; {documented} resource-page properties all in the API"
    );
}

#[test]
fn every_method_targets_a_documented_template_and_no_example_vanishes() {
    for name in CORPORA {
        check(name);
    }
}

#[test]
fn documented_targets_are_read_without_the_generator() {
    assert_eq!(
        documented_target("DELETE /groups/{id}/acceptedSenders/$ref?$id=https://graph.microsoft.com/v1.0/users/{user-id}"),
        Some(("/groups/{id}/acceptedSenders/$ref".into(), vec!["$id".into()]))
    );
    assert_eq!(
        documented_target("GET https://graph.microsoft.com/v1.0/me/messages HTTP/1.1"),
        Some(("/me/messages".into(), vec![]))
    );
}
