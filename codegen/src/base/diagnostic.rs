//! Diagnostics: located findings with stable codes, rendered like rustc.

use super::{Code, Location, Severity};
use serde::Serialize;

/// A second place that takes part in a finding (the other side of a contradiction).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Note {
    /// Where the other side is.
    pub location: Location,
    /// What it says there.
    pub message: String,
}

/// One finding in the docs, rustc-style: a code, a place, a message, the places that take part,
/// and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// Where the finding is.
    pub location: Location,
    /// The stable code (`status-mismatch`).
    pub code: Code,
    /// The severity, the code's unless configured otherwise.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The other places that take part.
    pub notes: Vec<Note>,
    /// How to fix the docs.
    pub help: Option<String>,
    /// The example block the finding is about, when it is about one: what joins a failed
    /// conformance test to the finding that explains it. Not rendered.
    #[serde(skip)]
    pub block: Option<BlockId>,
}

/// The identity of an example block (a request or a response): its page and the line its
/// content starts on. The IR's example blocks, the diagnostics about them and the conformance
/// manifest's entries all name a block by it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BlockId {
    /// The page, relative to the docs root.
    pub page: String,
    /// The 1-based line the block's content starts on.
    pub line: u32,
}

impl BlockId {
    /// The block whose content starts at `start`.
    pub fn at(start: &Location) -> Self {
        BlockId {
            page: start.file.clone(),
            line: start.line,
        }
    }
}

impl Diagnostic {
    /// A finding with the code's severity.
    pub fn new(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            code,
            severity: code.severity(),
            message: message.into(),
            notes: Vec::new(),
            help: None,
            block: None,
        }
    }

    /// Adds a place that takes part in the finding.
    pub fn note(mut self, location: Location, message: impl Into<String>) -> Self {
        self.notes.push(Note {
            location,
            message: message.into(),
        });
        self
    }

    /// Says which example block the finding is about: the block that starts at `start`.
    pub fn in_block(mut self, start: &Location) -> Self {
        self.block = Some(BlockId::at(start));
        self
    }

    /// Says how to fix the docs.
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
