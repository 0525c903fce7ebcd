//! `cargo xtask`: the command line. Thin on purpose: each command (`commands/`) parses its
//! arguments, calls `codegen` and prints; `cli.rs` holds what they share.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod build_bench;
mod cli;
mod commands;

use commands::{bench, codegen, compare, conformance, inspect, report, snippets};

// A corpus run allocates many small strings; mimalloc makes it about 15% faster than glibc's
// allocator (measured with `cargo xtask bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Generate a Rust client from API reference docs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read the docs, report what they get wrong, and write (or check) the client crate.
    Codegen(codegen::Args),
    /// Read the docs and print coverage: what became IR, and what the checks found.
    Report(report::Args),
    /// Measure the report run on the corpora (or DIRs) against reading and parsing the markdown.
    Bench(bench::Args),
    /// Measure what the generated crate costs to compile: all areas and one area, as ratios to a
    /// crate with the same dependencies and no code.
    BenchBuild(bench::BuildArgs),
    /// Generate the client and its conformance tests into a work folder, build and run them once,
    /// and account for every documented example.
    Conformance(conformance::Args),
    /// Print the catalogue of checks (CHECKS.md is this output).
    Checks,
    /// Print how each documented template is called (`client.me().message(id).send()`), the
    /// longest identifier and the number of step types: the call shape the client is moving to, previewed.
    Calls(inspect::Args),
    /// Compare a translated reference with the English pages it was translated from, page by
    /// page: the language-neutral IR (prose and lines aside) must be the same.
    Translation(compare::TranslationArgs),
    /// The change between two versions of the docs as a user of the generated crate sees it:
    /// operations, calls, types, properties and enum members added, removed or changed, each
    /// classed breaking or not, and the version bump the whole calls for
    Diff(compare::DiffArgs),
    /// Print the IR of the docs as JSON.
    Ir(inspect::Args),
    /// Write the Rust snippet of every documented example request (the call its conformance
    /// test makes): a file each, and with `--into-pages` a `rust` tab in its page.
    Snippets(snippets::Args),
}

fn main() -> ExitCode {
    // Under `bench-build`, cargo runs this binary as its rustc wrapper: run rustc, log its peak.
    if let Some(code) = build_bench::as_rustc_wrapper() {
        return code;
    }
    let done = |r: anyhow::Result<()>| r.map(|()| ExitCode::SUCCESS);
    let result = match Cli::parse().command {
        Command::Codegen(args) => codegen::run(args),
        Command::Report(args) => done(report::run(args)),
        Command::Bench(args) => bench::run(args),
        Command::BenchBuild(args) => done(bench::run_build(args)),
        Command::Conformance(args) => done(conformance::run(args)),
        Command::Checks => done(inspect::checks()),
        Command::Calls(args) => done(inspect::calls(args)),
        Command::Translation(args) => done(compare::translation(args)),
        Command::Diff(args) => done(compare::diff(args)),
        Command::Ir(args) => done(inspect::ir(args)),
        Command::Snippets(args) => done(snippets::run(args)),
    };
    result.unwrap_or_else(|e| {
        eprintln!("error: {e:#}");
        ExitCode::from(2)
    })
}
