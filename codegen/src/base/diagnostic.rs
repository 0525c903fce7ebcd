//! Diagnostics: located findings with stable codes, rendered like rustc.

use super::{Code, Location};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing, not a defect (`template-without-example`); never fails a run.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// A second place that takes part in a finding (the other side of a contradiction).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Note {
    pub location: Location,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub location: Location,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub notes: Vec<Note>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            code,
            severity: code.severity(),
            message: message.into(),
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn note(mut self, location: Location, message: impl Into<String>) -> Self {
        self.notes.push(Note {
            location,
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `root/path:line:col: warning[code]: message`, then one indented line per note and help.
    /// `root` is the docs folder as the user named it, so the locations open in an editor.
    pub fn render(&self, root: &str) -> String {
        let join = |l: &Location| {
            if root.is_empty() {
                l.to_string()
            } else {
                format!("{}/{}", root.trim_end_matches('/'), l)
            }
        };
        let mut out = format!(
            "{}: {}[{}]: {}",
            join(&self.location),
            self.severity,
            self.code,
            self.message
        );
        for n in &self.notes {
            out.push_str(&format!(
                "\n  --> {}: note: {}",
                join(&n.location),
                n.message
            ));
        }
        if let Some(h) = &self.help {
            out.push_str(&format!("\n  = help: {h}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rustc_style_with_notes() {
        let at = |line| Location {
            file: "api/x.md".into(),
            line,
            col: 3,
        };
        let d = Diagnostic::new(Code::StatusMismatch, at(44), "example says 200")
            .note(at(22), "prose says 202")
            .help("make them agree");
        assert_eq!(
            d.render("docs"),
            "docs/api/x.md:44:3: warning[status-mismatch]: example says 200\n  --> docs/api/x.md:22:3: note: prose says 202\n  = help: make them agree"
        );
    }
}
