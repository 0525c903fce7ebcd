//! `cargo xtask conformance`: generate the client and its tests into a work folder, build and
//! run them once, and account for every documented example (`xtask::conformance`).

use crate::cli::{label, print_document, read_docs, workspace_root, Format, LangArg};
use anyhow::Result;
use std::path::PathBuf;

/// Generate the client and its conformance tests into a work folder, build and run them once,
/// and account for every documented example.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "docs")]
    docs: PathBuf,
    /// Work folder (default: target/conformance/<docs folder name>).
    #[arg(long)]
    work: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    #[arg(long, value_enum, default_value = "english")]
    lang: LangArg,
    /// Suppressions by code and path glob (default: `docgen.toml` when there is one).
    #[arg(long)]
    config: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let (analysis, _) = read_docs(&args.docs, args.lang, args.config.as_deref(), false)?;
    let workspace = workspace_root();
    let label = label(&args.docs);
    let opts = xtask::conformance::Options {
        work: args
            .work
            .unwrap_or_else(|| workspace.join("target/conformance").join(&label)),
        // Shared with the seed test: the dependencies are built once.
        target_dir: workspace.join("target/e2e"),
        lockfile: Some(workspace.join("Cargo.lock")),
        emit: codegen::emit::EmitOptions {
            crate_name: "conformance-client".into(),
            source_label: label,
            ..Default::default()
        },
    };
    eprintln!(
        "building and running the conformance tests in {}",
        opts.work.display()
    );
    let outcome = xtask::conformance::run(&analysis, &opts)?;
    print_document(
        args.format,
        &outcome.human(),
        &outcome,
        &analysis,
        &args.docs,
    )
}
