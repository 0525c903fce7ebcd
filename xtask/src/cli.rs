//! What the commands share: the argument types, reading the docs with the suppressions and a
//! progress bar, and printing to standard output.

use anyhow::{Context, Result};
use clap::ValueEnum;
use codegen::source::Lang;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// The English text of localized pages (the `sxs-lookup` spans).
    English,
    /// The translated text of localized pages.
    Localized,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::English => Lang::English,
            LangArg::Localized => Lang::Localized,
        }
    }
}

/// How `report`, `conformance` and `translation` print.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// Coverage as a table.
    Human,
    /// Coverage as JSON.
    Json,
    /// The diagnostics as a SARIF 2.1.0 log.
    Sarif,
}

/// A docs folder to read, how its span-pair pages are read, and the suppressions.
#[derive(clap::Args)]
pub struct Docs {
    /// Folder of annotated markdown pages.
    #[arg(long, default_value = "docs")]
    pub docs: PathBuf,
    /// Which text of span-pair pages to read.
    #[arg(long, value_enum, default_value = "english")]
    pub lang: LangArg,
    /// Suppressions by code and path glob (default: `docgen.toml` when there is one).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

/// The workspace folder (xtask's parent), for its lock file and target folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// How generated docs name a docs folder: its last component.
pub fn label(docs: &Path) -> String {
    docs.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "docs".into())
}

/// Reads and checks the docs (with a progress bar on a terminal when `human`), then applies the
/// suppressions; prints unused config suppressions. Returns the analysis and how many
/// diagnostics were suppressed.
pub fn read_docs(d: &Docs, human: bool) -> Result<(codegen::Analysis, usize)> {
    let config = load_config(d.config.as_deref())?;
    let bar = Bar::new(human);
    let mut analysis = codegen::analyze_with(&d.docs, d.lang.into(), &bar)
        .with_context(|| format!("reading {}", d.docs.display()))?;
    bar.finish();
    let outcome = codegen::suppress::apply(
        std::mem::take(&mut analysis.diagnostics),
        &analysis.api.pages,
        config.as_ref(),
    );
    analysis.diagnostics = outcome.diagnostics;
    print_unused_config(config.as_ref(), &outcome.unused_config);
    Ok((analysis, outcome.suppressed))
}

/// A `report` or `conformance` result: as text, as JSON, or the diagnostics as SARIF.
pub fn print_document(
    format: Format,
    human: &str,
    json: &impl serde::Serialize,
    analysis: &codegen::Analysis,
    docs: &Path,
) -> Result<()> {
    let text = match format {
        Format::Human => human.to_string(),
        Format::Json => format!("{}\n", serde_json::to_string_pretty(json)?),
        Format::Sarif => format!(
            "{}\n",
            codegen::render::sarif(&analysis.diagnostics, &docs.display().to_string())
        ),
    };
    write_stdout(&text)
}

/// Standard output closed early (`| head`) is not an error.
pub fn write_stdout(text: &str) -> Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// `--config FILE`, else `docgen.toml` in the current folder when it exists.
fn load_config(path: Option<&Path>) -> Result<Option<codegen::suppress::Config>> {
    let path = match path {
        Some(p) => p.to_path_buf(),
        None if Path::new("docgen.toml").exists() => PathBuf::from("docgen.toml"),
        None => return Ok(None),
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Some(codegen::suppress::Config::parse(&path, &text)?))
}

fn print_unused_config(config: Option<&codegen::suppress::Config>, unused: &[(usize, String)]) {
    if let Some(c) = config {
        for (line, message) in unused {
            eprintln!(
                "{}:{line}:1: warning[unused-suppression]: {message}",
                c.path.display()
            );
        }
    }
}

/// A progress bar over pages, only on a terminal (never in CI logs or machine-readable output).
struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    fn new(human: bool) -> Bar {
        use std::io::IsTerminal;
        Bar((human && std::io::stderr().is_terminal()).then(indicatif::ProgressBar::hidden))
    }

    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

impl codegen::Progress for Bar {
    fn start(&self, pages: usize) {
        if let Some(b) = &self.0 {
            b.set_length(pages as u64);
            b.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn page_done(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }
}
