//! The accounting of a conformance run: given the manifest of the generated tests and libtest's
//! output (the run itself, cargo in a work folder, is `xtask::conformance`), every example is
//! passed, failed as a doc defect (with the diagnostic that explains it), failed or skipped as a
//! generator limitation (with the reason), or not a call (another host).
//!
//! A doc defect is one whose cause the docs show: each skip reason of `plan::cases` names the
//! codes that cause it (no template matched: `example-url-matches-no-template` or
//! `missing-template`; no response: `unpaired-request`; ...), a failed test's panic names them (a
//! body that does not decode: a type mismatch or a missing required member), and the first of
//! those found at the example is its code; any other finding at the example does not make it a
//! defect. The pass rate is over pairs: examples with a request and a response that call the API.

use crate::base::{Code, Diagnostic};
use crate::emit::GeneratedFile;
pub use crate::plan::cases::{Manifest, ManifestEntry, ShapeEntry};
use serde::Serialize;
use std::collections::BTreeMap;

/// What an example without a passing test says about the docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// The docs contradict themselves; `code` names the diagnostic at the example.
    DocDefect,
    /// The generator cannot (yet) turn this example into a passing test.
    GeneratorLimitation,
    /// The example is not a call of this API (it calls another host): nothing to test.
    NotACall,
}

/// An example that got no test, or whose test failed.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The test's path in the test binary, when the example got one.
    pub test: Option<String>,
    /// The id of the operation the example calls.
    pub operation: String,
    /// The page the example is written on.
    pub page: String,
    /// The line of its request block.
    pub line: u32,
    /// Whose the failure is.
    pub class: Class,
    /// The code of the diagnostic that explains it, for a doc defect.
    pub code: Option<&'static str>,
    /// Why it failed or got no test (the panic message, or the skip reason).
    pub reason: String,
}

/// The account of a conformance run: every documented example, passed, failed or without a test.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outcome {
    /// Documented request examples.
    pub examples: usize,
    /// Examples that got a test.
    pub generated: usize,
    /// Generated tests that passed.
    pub passed: usize,
    /// Generated tests that failed.
    pub failed: usize,
    /// Examples with a request and a response that call the API: the pass rate's base.
    pub pairs: usize,
    /// Those of `pairs` whose test passed.
    pub pairs_passed: usize,
    /// Request-shape tests (templates that no example exercises), and how many passed.
    pub shapes: usize,
    /// Request-shape tests that passed.
    pub shapes_passed: usize,
    /// Every failed test and every example without a test, with its class.
    pub failures: Vec<Failure>,
}

impl Outcome {
    /// Passed pairs per documented pair, in percent.
    pub fn pass_rate(&self) -> f64 {
        if self.pairs == 0 {
            return 100.0;
        }
        self.pairs_passed as f64 * 100.0 / self.pairs as f64
    }

    /// The account as text: the counts, the failures by class and code, then each failure.
    pub fn human(&self) -> String {
        let mut out = format!(
            "examples   {}\ngenerated  {}\npassed     {}\nfailed     {}\nwithout a test {}\npairs      {} ({} passed: {:.1}%)\nshapes     {} ({} passed)\n",
            self.examples,
            self.generated,
            self.passed,
            self.failed,
            self.examples - self.generated,
            self.pairs,
            self.pairs_passed,
            self.pass_rate(),
            self.shapes,
            self.shapes_passed
        );
        let mut by: BTreeMap<(Class, &str), usize> = BTreeMap::new();
        for f in &self.failures {
            let key = f.code.unwrap_or(match f.class {
                Class::DocDefect => "doc defect",
                Class::GeneratorLimitation => "generator limitation",
                Class::NotACall => "not a call",
            });
            *by.entry((f.class, key)).or_insert(0) += 1;
        }
        out.push_str("by class\n");
        for ((class, key), n) in &by {
            out.push_str(&format!("  {n:>6}  {class:?} {key}\n"));
        }
        for f in &self.failures {
            out.push_str(&format!(
                "{}:{}: {:?}{}: {}\n",
                f.page,
                f.line,
                f.class,
                f.code.map(|c| format!("[{c}]")).unwrap_or_default(),
                f.reason
            ));
        }
        out
    }
}

/// The manifest the emitter wrote among the generated files (`conformance.json`).
pub fn manifest(files: &[GeneratedFile]) -> Manifest {
    files
        .iter()
        .find(|f| f.path == "conformance.json")
        .and_then(|f| serde_json::from_str(&f.contents).ok())
        .unwrap_or_default()
}

/// Reads libtest's output: which tests failed, and the panic message of each.
fn parse_results(stdout: &str) -> (BTreeMap<String, bool>, BTreeMap<String, String>) {
    let mut results = BTreeMap::new();
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("test ") {
            if let Some((name, status)) = rest.rsplit_once(" ... ") {
                match status.trim() {
                    "ok" => results.insert(name.to_string(), true),
                    "FAILED" => results.insert(name.to_string(), false),
                    _ => None,
                };
            }
        }
    }
    let mut messages = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut lines = stdout.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            current = Some(name.to_string());
        } else if line.starts_with("thread '") && line.contains("panicked at") {
            if let (Some(name), Some(next)) = (&current, lines.peek()) {
                messages
                    .entry(name.clone())
                    .or_insert_with(|| next.trim().to_string());
            }
        }
    }
    (results, messages)
}

/// The findings that can make a generated test fail, by what its panic says: only a body that
/// does not decode into its type is the docs' doing (a value of another kind than documented, a
/// required member left out). Any other failure is the generator's until it handles the case.
fn runtime_causes(message: &str) -> &'static [Code] {
    if message.contains("documented body does not decode into the model") {
        // The request body, decoded into the operation's request type.
        &[
            Code::ExamplePropertyTypeMismatch,
            Code::ExampleMissingRequiredProperty,
        ]
    } else if message.contains("documented response does not decode into the model") {
        // The response body, decoded by the client.
        &[Code::ExamplePropertyTypeMismatch]
    } else {
        &[]
    }
}

/// The first of `causes` that the docs' findings show at the example (about its request or
/// response block; a page-level code anywhere on its page): the diagnostic that is the reason the
/// example has no passing test.
fn explain(diags: &[Diagnostic], e: &ManifestEntry, causes: &[Code]) -> Option<Code> {
    let blocks = e.blocks();
    let at = |d: &Diagnostic| {
        if matches!(d.code, Code::MissingTemplate | Code::MissingSuccessStatus) {
            return d.location.file == e.page;
        }
        d.block.as_ref().is_some_and(|b| blocks.contains(b))
    };
    causes
        .iter()
        .copied()
        .find(|c| diags.iter().any(|d| d.code == *c && at(d)))
}

/// A failed or skipped example, classed by the diagnostic that explains it, if any.
fn failure(
    diags: &[Diagnostic],
    e: &ManifestEntry,
    test: Option<String>,
    reason: String,
) -> Failure {
    let causes: Vec<Code> = match &test {
        Some(_) => runtime_causes(&reason).to_vec(),
        None => e.causes.iter().filter_map(|c| Code::parse(c)).collect(),
    };
    let code = explain(diags, e, &causes);
    Failure {
        test,
        operation: e.operation.clone(),
        page: e.page.clone(),
        line: e.request_line,
        class: match code {
            Some(Code::ExampleCallsOtherHost) => Class::NotACall,
            Some(_) => Class::DocDefect,
            None => Class::GeneratorLimitation,
        },
        code: code.map(Code::as_str),
        reason,
    }
}

/// Accounts for every example of the manifest from libtest's output of the generated tests:
/// passed, failed or without a test, each failure classed by the diagnostic that explains it.
pub fn account(diags: &[Diagnostic], manifest: &Manifest, stdout: &str) -> Outcome {
    let (results, messages) = parse_results(stdout);
    let mut out = Outcome {
        examples: manifest.tests.len() + manifest.skipped.len(),
        generated: manifest.tests.len(),
        ..Outcome::default()
    };
    for e in &manifest.tests {
        let Some(test) = &e.test else { continue };
        if e.response_line.is_some() {
            out.pairs += 1;
        }
        if results.get(test) == Some(&true) {
            out.passed += 1;
            if e.response_line.is_some() {
                out.pairs_passed += 1;
            }
            continue;
        }
        out.failed += 1;
        let reason = messages
            .get(test)
            .cloned()
            .unwrap_or_else(|| "the test did not run".into());
        out.failures
            .push(failure(diags, e, Some(test.clone()), reason));
    }
    for e in &manifest.skipped {
        let reason = e.reason.clone().unwrap_or_default();
        let f = failure(diags, e, None, reason);
        if e.response_line.is_some() && f.class != Class::NotACall {
            out.pairs += 1;
        }
        out.failures.push(f);
    }
    for shape in &manifest.shapes {
        out.shapes += 1;
        if results.get(&shape.test) == Some(&true) {
            out.shapes_passed += 1;
            continue;
        }
        out.failures.push(Failure {
            test: Some(shape.test.clone()),
            operation: shape.operation.clone(),
            page: shape.page.clone(),
            line: shape.line,
            class: Class::GeneratorLimitation,
            code: None,
            reason: format!(
                "request shape of `{}`: {}",
                shape.request,
                messages
                    .get(&shape.test)
                    .map(String::as_str)
                    .unwrap_or("the test did not run")
            ),
        });
    }
    out.failures
        .sort_by(|a, b| (a.class, &a.page, a.line).cmp(&(b.class, &b.page, b.line)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::Location;

    const STDOUT: &str = "running 3 tests\ntest cases::a ... ok\ntest cases::b ... FAILED\ntest cases::c ... FAILED\n\nfailures:\n\n---- cases::b stdout ----\n\nthread 'cases::b' (1) panicked at tests/conformance/support.rs:9:5:\nthe documented body does not decode into the model: invalid type\nnote: run with `RUST_BACKTRACE=1`\n\n---- cases::c stdout ----\n\nthread 'cases::c' (2) panicked at tests/conformance/cases.rs:1:1:\nrequest path (percent-encoded)\n\nfailures:\n    cases::b\n    cases::c\n\ntest result: FAILED. 1 passed; 2 failed; 0 ignored\n";

    fn entry(test: Option<&str>, line: u32, reason: Option<&str>) -> ManifestEntry {
        ManifestEntry {
            test: test.map(str::to_string),
            operation: "op".into(),
            example: None,
            page: "api/x.md".into(),
            request_line: line,
            response_line: Some(line + 10),
            reason: reason.map(str::to_string),
            causes: Vec::new(),
        }
    }

    #[test]
    fn every_example_is_passed_or_classified() {
        let manifest = Manifest {
            tests: vec![
                entry(Some("cases::a"), 10, None),
                entry(Some("cases::b"), 30, None),
                entry(Some("cases::c"), 50, None),
            ],
            skipped: vec![
                ManifestEntry {
                    causes: vec!["example-url-matches-no-template".into()],
                    ..entry(
                        None,
                        70,
                        Some("the example URL matches no documented path template"),
                    )
                },
                // A finding at the example that is not the cause does not make it a defect.
                ManifestEntry {
                    causes: vec!["missing-success-status".into()],
                    ..entry(None, 90, Some("no success status is documented"))
                },
                ManifestEntry {
                    causes: vec!["example-body-invalid-json".into()],
                    ..entry(None, 110, Some("the response body is not JSON"))
                },
                ManifestEntry {
                    causes: vec!["example-url-matches-no-template".into()],
                    ..entry(None, 130, Some("the example URL matches no template"))
                },
            ],
            shapes: vec![ShapeEntry {
                test: "cases::a".into(),
                operation: "op".into(),
                page: "api/x.md".into(),
                line: 5,
                request: "GET /x".into(),
            }],
        };
        let at = |line| Location {
            file: "api/x.md".into(),
            line,
            col: 1,
        };
        let block = |line, start| {
            move |d: Diagnostic| Diagnostic {
                location: at(line),
                ..d.in_block(&at(start))
            }
        };
        let diags = vec![
            block(40, 40)(Diagnostic::new(
                Code::ExamplePropertyTypeMismatch,
                at(0),
                "bad",
            )),
            block(70, 70)(Diagnostic::new(
                Code::ExampleUrlMatchesNoTemplate,
                at(0),
                "no",
            )),
            block(90, 90)(Diagnostic::new(
                Code::ExampleUrlMatchesNoTemplate,
                at(0),
                "not the cause",
            )),
            // Inside c's request block (lines 50 to 59): its body is not JSON, but c failed on
            // its path, which that does not explain.
            block(54, 50)(Diagnostic::new(
                Code::ExampleBodyInvalidJson,
                at(0),
                "not JSON",
            )),
            // Inside the skipped example's response block: the block, not the line, joins it.
            block(124, 120)(Diagnostic::new(
                Code::ExampleBodyInvalidJson,
                at(0),
                "not JSON",
            )),
            // At the line of an example's block but about no block (a template's finding):
            // it explains nothing.
            Diagnostic::new(Code::ExampleUrlMatchesNoTemplate, at(130), "a template"),
        ];
        let out = account(&diags, &manifest, STDOUT);
        assert_eq!(
            (out.examples, out.generated, out.passed, out.failed),
            (7, 3, 1, 2)
        );
        assert_eq!(out.failures.len(), 6);
        let b = out
            .failures
            .iter()
            .find(|f| f.test.as_deref() == Some("cases::b"))
            .unwrap();
        assert_eq!(
            (b.class, b.code),
            (Class::DocDefect, Some("example-property-type-mismatch"))
        );
        assert!(b.reason.contains("does not decode"), "{}", b.reason);
        let c = out
            .failures
            .iter()
            .find(|f| f.test.as_deref() == Some("cases::c"))
            .unwrap();
        assert_eq!((c.class, c.code), (Class::GeneratorLimitation, None));
        let skipped: Vec<_> = out
            .failures
            .iter()
            .filter(|f| f.test.is_none())
            .map(|f| (f.class, f.code))
            .collect();
        assert!(skipped.contains(&(Class::DocDefect, Some("example-url-matches-no-template"))));
        assert!(skipped.contains(&(Class::DocDefect, Some("example-body-invalid-json"))));
        assert_eq!(
            skipped
                .iter()
                .filter(|s| **s == (Class::GeneratorLimitation, None))
                .count(),
            2
        );
        assert!(out.human().contains("passed     1"));
        assert_eq!((out.shapes, out.shapes_passed), (1, 1));
        // Pairs: every tested example with a response, and the skipped ones that call the API.
        assert_eq!((out.pairs, out.pairs_passed), (7, 1));
    }
}
