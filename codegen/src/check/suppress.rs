//! Suppressions: a page annotation's `suppressions` list silences codes on that page; a project
//! config file (`docgen.toml`) silences a code for path globs, each with a reason. Suppressions
//! that silence nothing are reported, so they cannot rot. Applied after the checks, before
//! anything is printed.

use crate::base::{Code, Diagnostic};
use crate::ir::PageInfo;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    suppress: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    code: toml::Spanned<String>,
    /// Globs over page paths relative to the docs root; none means every page.
    #[serde(default)]
    paths: Vec<String>,
    reason: String,
}

/// Why the config file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The text is no valid config.
    #[error("{path}: {message}")]
    Invalid {
        /// The config file.
        path: PathBuf,
        /// What is wrong, with its line.
        message: String,
    },
}

/// One `[[suppress]]` entry of the config file.
#[derive(Debug)]
pub struct Rule {
    /// The code it silences.
    pub code: Code,
    /// The pages it applies to; none for every page.
    pub globs: Option<GlobSet>,
    /// Why the finding is accepted.
    pub reason: String,
    /// 1-based line of the entry's `code`, to report it unused.
    pub line: usize,
}

/// The project config (`docgen.toml`): its suppressions.
#[derive(Debug, Default)]
pub struct Config {
    /// Where the config was read from, for messages.
    pub path: PathBuf,
    /// The `[[suppress]]` entries, in file order.
    pub rules: Vec<Rule>,
}

impl Config {
    /// Reads the config text (`path` names it in messages).
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let file: ConfigFile = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let mut rules = Vec::new();
        for e in file.suppress {
            let line = text
                .get(..e.code.span().start)
                .unwrap_or(text)
                .matches('\n')
                .count()
                + 1;
            let name = e.code.get_ref();
            let code = Code::parse(name).ok_or_else(|| {
                invalid(format!(
                    "line {line}: `{name}` is not a check code (see CHECKS.md)"
                ))
            })?;
            if e.reason.trim().is_empty() {
                return Err(invalid(format!(
                    "line {line}: a suppression needs a reason"
                )));
            }
            let globs = if e.paths.is_empty() {
                None
            } else {
                let mut b = GlobSetBuilder::new();
                for p in &e.paths {
                    b.add(Glob::new(p).map_err(|err| invalid(format!("line {line}: {err}")))?);
                }
                Some(
                    b.build()
                        .map_err(|err| invalid(format!("line {line}: {err}")))?,
                )
            };
            rules.push(Rule {
                code,
                globs,
                reason: e.reason,
                line,
            });
        }
        Ok(Config {
            path: path.to_path_buf(),
            rules,
        })
    }
}

/// What is left after suppressions.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Diagnostics not suppressed, plus `unused-suppression` for page suppressions.
    pub diagnostics: Vec<Diagnostic>,
    /// How many diagnostics were silenced.
    pub suppressed: usize,
    /// `(line, message)` for config entries that silenced nothing.
    pub unused_config: Vec<(usize, String)>,
}

/// Silences the diagnostics that page annotations and the config suppress, and reports the
/// suppressions that silence nothing.
pub fn apply(diags: Vec<Diagnostic>, pages: &[PageInfo], config: Option<&Config>) -> Outcome {
    let page_rules: Vec<(&str, &crate::base::Located<String>)> = pages
        .iter()
        .flat_map(|p| p.suppressions.iter().map(move |s| (p.path.as_str(), s)))
        .collect();
    let mut page_used = vec![false; page_rules.len()];
    let rules = config.map(|c| c.rules.as_slice()).unwrap_or(&[]);
    let mut rule_used = vec![false; rules.len()];
    let mut out = Outcome::default();
    for d in diags {
        let by_page = page_rules
            .iter()
            .position(|(file, s)| *file == d.location.file && s.value == d.code.as_str());
        if let Some(used) = by_page.and_then(|i| page_used.get_mut(i)) {
            *used = true;
            out.suppressed += 1;
            continue;
        }
        let by_rule = rules.iter().position(|r| {
            r.code == d.code
                && r.globs
                    .as_ref()
                    .is_none_or(|g| g.is_match(&d.location.file))
        });
        if let Some(used) = by_rule.and_then(|i| rule_used.get_mut(i)) {
            *used = true;
            out.suppressed += 1;
            continue;
        }
        out.diagnostics.push(d);
    }
    for ((_, s), used) in page_rules.iter().zip(&page_used) {
        if !used {
            out.diagnostics.push(
                Diagnostic::new(
                    Code::UnusedSuppression,
                    s.location.clone(),
                    format!(
                        "the page suppresses `{}`, which it does not trigger",
                        s.value
                    ),
                )
                .help("remove it from the page annotation's `suppressions`"),
            );
        }
    }
    for (r, used) in rules.iter().zip(&rule_used) {
        if !used {
            out.unused_config.push((
                r.line,
                format!(
                    "suppression of `{}` silenced nothing (reason: {})",
                    r.code, r.reason
                ),
            ));
        }
    }
    out.diagnostics.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::source::{Lang, SourceFile};

    const PAGE: &str = "# thing: do\n\n## HTTP request\n\n```http\nPOST /things\n```\n\n## Response\n\nReturns `202 Accepted`.\n\n## Example\n\n```http\nPOST https://graph.microsoft.com/v1.0/things\n```\n\n```http\nHTTP/1.1 200 OK\n```\n\n<!-- {\"type\": \"#page.annotation\", \"suppressions\": [SUPP]} -->\n";

    fn run(suppressions: &str, config: Option<&str>) -> (Outcome, Vec<Code>) {
        let md = PAGE.replace("SUPP", suppressions);
        let a = crate::analyze_sources(&[SourceFile::new("api/x.md", md, Lang::English)]);
        let before: Vec<Code> = a.diagnostics.iter().map(|d| d.code).collect();
        let cfg = config.map(|c| Config::parse(Path::new("docgen.toml"), c).expect("config"));
        (apply(a.diagnostics, &a.api.pages, cfg.as_ref()), before)
    }

    #[test]
    fn page_suppressions_silence_their_page_and_unused_ones_are_reported() {
        let (out, before) = run(
            "\"status-mismatch: the service returns 200\", \"Warning: older validator format\"",
            None,
        );
        assert!(before.contains(&Code::StatusMismatch));
        let codes: Vec<Code> = out.diagnostics.iter().map(|d| d.code).collect();
        assert!(!codes.contains(&Code::StatusMismatch), "{codes:?}");
        assert_eq!(out.suppressed, 1);
        assert!(!codes.contains(&Code::UnusedSuppression), "{codes:?}");

        let (out, _) = run("\"response-body-on-no-content\"", None);
        let unused: Vec<_> = out
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::UnusedSuppression)
            .collect();
        assert_eq!(unused.len(), 1);
    }

    #[test]
    fn config_suppressions_by_glob_with_a_reason() {
        let cfg = "[[suppress]]\ncode = \"missing-scopes\"\npaths = [\"api/*.md\"]\nreason = \"scopes are documented elsewhere\"\n\n[[suppress]]\ncode = \"status-mismatch\"\npaths = [\"resources/**\"]\nreason = \"not this page\"\n";
        let (out, before) = run("", Some(cfg));
        assert!(before.contains(&Code::MissingScopes));
        let codes: Vec<Code> = out.diagnostics.iter().map(|d| d.code).collect();
        assert!(!codes.contains(&Code::MissingScopes));
        assert!(
            codes.contains(&Code::StatusMismatch),
            "the glob does not match api/x.md"
        );
        assert_eq!(out.unused_config.len(), 1);
        assert_eq!(out.unused_config[0].0, 7);
    }

    #[test]
    fn config_errors_are_located() {
        let e = Config::parse(
            Path::new("docgen.toml"),
            "[[suppress]]\ncode = \"no-such-check\"\nreason = \"x\"\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        let e = Config::parse(
            Path::new("docgen.toml"),
            "[[suppress]]\ncode = \"missing-scopes\"\nreason = \" \"\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("needs a reason"), "{e}");
        assert!(Config::parse(
            Path::new("docgen.toml"),
            "[[suppress]]\ncode = \"missing-scopes\"\n"
        )
        .is_err());
    }
}
