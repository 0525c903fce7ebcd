//! `cargo xtask report`: coverage of the docs, what became IR and what the checks found.

use crate::cli::{print_document, read_docs, Docs, Format};
use anyhow::Result;

/// Read the docs and print coverage: what became IR, and what the checks found.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    docs: Docs,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

pub fn run(args: Args) -> Result<()> {
    let human = matches!(args.format, Format::Human);
    let (analysis, _) = read_docs(&args.docs, human)?;
    let report = codegen::report::Report::new(&analysis);
    print_document(
        args.format,
        &report.human(),
        &report,
        &analysis,
        &args.docs.docs,
    )
}
