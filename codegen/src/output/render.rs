//! Diagnostics for people and tools: one line per finding (`short`:
//! `path:line:col: warning[code]: message`), rustc-style with the source quoted (`human`: that
//! line, then the source with carets under every place involved and the help, by
//! annotate-snippets), JSON lines (`json`) and SARIF 2.1.0 for code-scanning tools (`sarif`).
//! `human_all` renders a run's diagnostics in parallel, in order, reading each page once.

use crate::base::{Code, Diagnostic, Location, Note, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde_json::{json, Value};

/// `path:line:col: warning[code]: message`, the `short` form and the first line of `human`.
pub fn short(d: &Diagnostic, root: &str) -> String {
    d.render(root)
}

/// Byte range of the token at a 1-based line and character column of `text`.
fn span(text: &str, at: &Location) -> Option<std::ops::Range<usize>> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take((at.line as usize).checked_sub(1)?)
        .map(str::len)
        .sum();
    let line = text.get(line_start..)?.lines().next()?;
    let col = line
        .char_indices()
        .nth((at.col as usize).saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    let rest = line.get(col..).unwrap_or_default();
    let len = rest
        .find(char::is_whitespace)
        .unwrap_or(rest.len())
        .clamp(1, 60);
    let end = (col + len).min(line.len());
    let end = (end..=line.len())
        .find(|&e| line.is_char_boundary(e))
        .unwrap_or(line.len());
    Some(line_start + col..line_start + end.max(col))
}

/// The one-line header, then the source lines with carets under every place involved (the
/// other side of a contradiction too) and the help. `read` gives a page's text by its path.
pub fn human(
    d: &Diagnostic,
    root: &str,
    read: &dyn Fn(&str) -> Option<String>,
    color: bool,
) -> String {
    let mut out = short(d, root).lines().next().unwrap_or("").to_string();
    let level = level(d.severity);
    let path = |l: &Location| shown_path(root, l);
    let primary_text = read(&d.location.file);
    let mut group = Group::with_level(level);
    if let Some(text) = &primary_text {
        if let Some(range) = span(text, &d.location) {
            let mut snippet = Snippet::source(text.as_str())
                .path(path(&d.location))
                .fold(true)
                .annotation(AnnotationKind::Primary.span(range));
            for n in d
                .notes
                .iter()
                .filter(|n| n.location.file == d.location.file)
            {
                if let Some(r) = span(text, &n.location) {
                    snippet = snippet
                        .annotation(AnnotationKind::Context.span(r).label(n.message.as_str()));
                }
            }
            group = group.element(snippet);
        }
    }
    let other_texts: Vec<(&Note, Option<String>)> = d
        .notes
        .iter()
        .filter(|n| n.location.file != d.location.file)
        .map(|n| (n, read(&n.location.file)))
        .collect();
    for (n, text) in &other_texts {
        match text
            .as_deref()
            .and_then(|t| span(t, &n.location).map(|r| (t, r)))
        {
            Some((t, r)) => {
                group = group.element(
                    Snippet::source(t)
                        .path(path(&n.location))
                        .fold(true)
                        .annotation(AnnotationKind::Context.span(r).label(n.message.as_str())),
                )
            }
            None => {
                group = group.element(Level::NOTE.message(format!(
                    "{}: {}",
                    path(&n.location),
                    n.message
                )))
            }
        }
    }
    if let Some(h) = &d.help {
        group = group.element(Level::HELP.message(h.as_str()));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let body = renderer.render(&[group]);
    if !body.trim().is_empty() {
        out.push('\n');
        out.push_str(body.trim_end());
    }
    out
}

/// annotate-snippets' level of a severity.
fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

/// A place's file as the diagnostic shows it: under the docs folder's name.
fn shown_path(root: &str, l: &Location) -> String {
    if root.is_empty() {
        l.file.clone()
    } else {
        format!("{}/{}", root.trim_end_matches('/'), l.file)
    }
}

/// Every diagnostic as [`human`] renders it, in their order, rendered in parallel; `read` is
/// asked once for each page that a run of diagnostics points into (they come sorted by
/// location), and again only for a note on another page.
pub fn human_all(
    diags: &[Diagnostic],
    root: &str,
    read: &(dyn Fn(&str) -> Option<String> + Sync),
    color: bool,
) -> Vec<String> {
    use rayon::prelude::*;
    diags
        .par_chunk_by(|a, b| a.location.file == b.location.file)
        .flat_map_iter(|run| {
            let file = run
                .first()
                .map(|d| d.location.file.as_str())
                .unwrap_or_default();
            let text = read(file);
            let local = |f: &str| if f == file { text.clone() } else { read(f) };
            run.iter()
                .map(|d| human(d, root, &local, color))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// One JSON object per line.
pub fn json_line(d: &Diagnostic) -> String {
    serde_json::to_string(d).unwrap_or_default()
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn sarif_location(root: &str, l: &Location, message: Option<&str>) -> Value {
    let uri = if root.is_empty() {
        l.file.clone()
    } else {
        format!("{}/{}", root.trim_end_matches('/'), l.file)
    };
    let mut v = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": { "startLine": l.line, "startColumn": l.col }
        }
    });
    if let (Some(m), Some(obj)) = (message, v.as_object_mut()) {
        obj.insert("message".into(), json!({ "text": m }));
    }
    v
}

/// A SARIF 2.1.0 log with every check as a rule, so code-scanning tools annotate pull requests.
pub fn sarif(diags: &[Diagnostic], root: &str) -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|c| {
            let e = c.explain();
            json!({
                "id": c.as_str(),
                "shortDescription": { "text": e.trigger },
                "help": { "text": e.fix },
                "defaultConfiguration": { "level": sarif_level(c.severity()) }
            })
        })
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut r = json!({
                "ruleId": d.code.as_str(),
                "level": sarif_level(d.severity),
                "message": { "text": match &d.help {
                    Some(h) => format!("{} ({h})", d.message),
                    None => d.message.clone(),
                } },
                "locations": [sarif_location(root, &d.location, None)],
            });
            if let (false, Some(obj)) = (d.notes.is_empty(), r.as_object_mut()) {
                obj.insert(
                    "relatedLocations".into(),
                    Value::Array(
                        d.notes
                            .iter()
                            .map(|n| sarif_location(root, &n.location, Some(&n.message)))
                            .collect(),
                    ),
                );
            }
            r
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "docgen",
                "informationUri": "https://github.com/",
                "rules": rules
            } },
            "results": results
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag() -> Diagnostic {
        let at = |line, col| Location {
            file: "api/x.md".into(),
            line,
            col,
        };
        Diagnostic::new(Code::StatusMismatch, at(3, 10), "example says 200")
            .note(at(1, 22), "the prose documents 202")
            .help("make them agree")
    }

    const PAGE: &str = "If successful, returns `202 Accepted`.\n\nHTTP/1.1 200 OK\n";

    #[test]
    fn human_quotes_both_places_with_carets() {
        let d = Diagnostic {
            location: Location {
                col: 10,
                ..diag().location
            },
            ..diag()
        };
        let out = human(&d, "docs", &|_| Some(PAGE.to_string()), false);
        assert!(
            out.starts_with("docs/api/x.md:3:10: warning[status-mismatch]: example says 200"),
            "{out}"
        );
        assert!(out.contains("HTTP/1.1 200 OK"), "{out}");
        assert!(
            out.contains("If successful, returns `202 Accepted`."),
            "{out}"
        );
        assert!(out.contains("^^^"), "{out}");
        assert!(out.contains("the prose documents 202"), "{out}");
        assert!(out.contains("help: make them agree"), "{out}");
    }

    #[test]
    fn human_all_is_human_of_each_in_order_reading_each_page_once() {
        let on = |file: &str, line| {
            let mut d = diag();
            d.location.file = file.into();
            d.location.line = line;
            d.notes[0].location.file = file.into();
            d
        };
        // Sorted by location, as a run's diagnostics are; each note on its diagnostic's page.
        let diags = [
            on("api/a.md", 1),
            on("api/a.md", 3),
            on("api/x.md", 3),
            on("api/z.md", 2),
        ];
        let reads = std::sync::Mutex::new(Vec::new());
        let read = |file: &str| {
            reads.lock().unwrap().push(file.to_string());
            Some(format!("{file}\n{PAGE}"))
        };
        let all = human_all(&diags, "docs", &read, false);
        let each: Vec<String> = diags
            .iter()
            .map(|d| human(d, "docs", &|f| Some(format!("{f}\n{PAGE}")), false))
            .collect();
        assert_eq!(all, each);
        let mut reads = reads.into_inner().unwrap();
        reads.sort();
        assert_eq!(reads, ["api/a.md", "api/x.md", "api/z.md"]);
    }

    #[test]
    fn human_without_the_page_is_the_short_line_and_notes() {
        let out = human(&diag(), "docs", &|_| None, false);
        assert!(
            out.starts_with("docs/api/x.md:3:10: warning[status-mismatch]"),
            "{out}"
        );
    }

    #[test]
    fn sarif_has_rules_results_and_related_locations() {
        let log: Value = serde_json::from_str(&sarif(&[diag()], "docs")).unwrap();
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            Code::ALL.len()
        );
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "status-mismatch");
        assert_eq!(r["level"], "warning");
        assert_eq!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            3
        );
        assert_eq!(
            r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "docs/api/x.md"
        );
    }

    #[test]
    fn json_lines_are_objects_with_the_code() {
        let v: Value = serde_json::from_str(&json_line(&diag())).unwrap();
        assert_eq!(v["code"], "status-mismatch");
        assert_eq!(v["location"]["line"], 3);
    }
}
