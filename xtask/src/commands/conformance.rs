//! `cargo xtask conformance`: generate the client and its tests into a work folder, build and
//! run them once, and account for every documented example (`xtask::conformance`).

use crate::cli::{label, print_document, read_docs, workspace_root, Docs, Format};
use anyhow::Result;
use std::path::PathBuf;

/// Generate the client and its conformance tests into a work folder, build and run them once,
/// and account for every documented example.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    docs: Docs,
    /// Work folder (default: target/conformance/<docs folder name>).
    #[arg(long)]
    work: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

pub fn run(args: Args) -> Result<()> {
    let (analysis, _) = read_docs(&args.docs, false)?;
    let workspace = workspace_root();
    let label = label(&args.docs.docs);
    let opts = xtask::conformance::Options {
        work: args
            .work
            .unwrap_or_else(|| workspace.join("target/conformance").join(&label)),
        // Shared with the seed test: the dependencies are built once.
        target_dir: workspace.join("target/e2e"),
        lockfile: Some(workspace.join("Cargo.lock")),
        remove_binaries: false,
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
        &args.docs.docs,
    )
}
