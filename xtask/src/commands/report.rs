//! `cargo xtask report`: coverage of the docs, what became IR and what the checks found.

use crate::cli::{print_document, read_docs, Format, LangArg};
use anyhow::Result;
use std::path::PathBuf;

/// Read the docs and print coverage: what became IR, and what the checks found.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "docs")]
    docs: PathBuf,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    #[arg(long, value_enum, default_value = "english")]
    lang: LangArg,
    /// Suppressions by code and path glob (default: `docgen.toml` when there is one).
    #[arg(long)]
    config: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let human = matches!(args.format, Format::Human);
    let (analysis, _) = read_docs(&args.docs, args.lang, args.config.as_deref(), human)?;
    let report = codegen::report::Report::new(&analysis);
    print_document(args.format, &report.human(), &report, &analysis, &args.docs)
}
