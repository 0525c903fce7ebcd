//! `cargo xtask bench` and `cargo xtask bench-build`: the generator's speed against reading the
//! pages, and the generated crate's build against a crate with no code.

use crate::cli::{label, workspace_root};
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;

/// Measure the report run on the corpora (or DIRs) against reading and parsing the markdown.
#[derive(clap::Args)]
pub struct Args {
    /// Docs folders; both corpora in ../shared when none is given.
    dirs: Vec<PathBuf>,
}

/// Measure what the generated crate costs to compile: all areas and one area, as ratios to a
/// crate with the same dependencies and no code.
#[derive(clap::Args)]
pub struct BuildArgs {
    #[arg(long, default_value = "docs")]
    docs: PathBuf,
    /// The area feature to build alone (default: the one with the fewest operations).
    #[arg(long)]
    area: Option<String>,
}

/// Benchmarks need an optimized build: hands over to cargo's bench profile.
pub fn run(args: Args) -> Result<ExitCode> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args([
            "bench", "--quiet", "-p", "codegen", "--bench", "corpus", "--",
        ])
        // cargo runs the bench in the package's folder: the paths must not be relative.
        .args(
            args.dirs
                .iter()
                .map(|d| std::path::absolute(d).unwrap_or_else(|_| d.clone())),
        )
        .status()
        .context("running cargo bench")?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub fn run_build(args: BuildArgs) -> Result<()> {
    let root = workspace_root();
    let work = root
        .join("target")
        .join("bench-build")
        .join(label(&args.docs));
    let out = crate::build_bench::run(&crate::build_bench::Options {
        docs: &args.docs,
        area: args.area,
        work: &work,
        lockfile: &root.join("Cargo.lock"),
    })?;
    print!("{out}");
    Ok(())
}
