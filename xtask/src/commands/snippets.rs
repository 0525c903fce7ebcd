//! `cargo xtask snippets`: the Rust snippet of every documented example (the call its
//! conformance test makes), as a file per example and, with `--into-pages`, as a `rust` tab in
//! the pages beside the other languages' (`codegen::pages`).

use crate::cli::{label, read_docs, Docs};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Write the Rust snippet of every documented example request.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    docs: Docs,
    /// Folder for the snippet files, one per example, named by the example's name.
    #[arg(long)]
    out: PathBuf,
    /// The generated crate the snippets call: its previous release is the floor of the names,
    /// as `cargo xtask codegen --out` has it.
    #[arg(long = "crate", default_value = "generated")]
    crate_dir: PathBuf,
    /// Package name of the generated crate.
    #[arg(long, default_value = "docs-client")]
    crate_name: String,
    /// Also add (or refresh) a `rust` tab beside each example request's tabs in its page.
    #[arg(long)]
    into_pages: bool,
}

pub fn run(args: Args) -> Result<()> {
    let (analysis, _) = read_docs(&args.docs, false)?;
    let snippets = codegen::generate::snippets(
        &analysis,
        &args.crate_dir,
        &args.crate_name,
        &label(&args.docs.docs),
    )?;
    let written = codegen::pages::write_files(&args.out, &snippets)
        .with_context(|| format!("writing {}", args.out.display()))?;
    let total = snippets.len();
    println!(
        "{total} example requests: {} with a snippet ({:.1}%), written to {}",
        written.len(),
        100.0 * written.len() as f64 / total.max(1) as f64,
        args.out.display()
    );
    let mut why: BTreeMap<String, usize> = BTreeMap::new();
    for s in &snippets {
        if let Some(r) = &s.reason {
            // The reason's kind: its text with each quoted value left out.
            let kind: String = r
                .split('`')
                .enumerate()
                .map(|(i, part)| if i % 2 == 1 { "`..`" } else { part })
                .collect();
            *why.entry(kind).or_default() += 1;
        }
    }
    let mut why: Vec<(String, usize)> = why.into_iter().collect();
    why.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (reason, n) in why {
        println!("  {n:>5} without a snippet: {reason}");
    }
    if args.into_pages {
        let changed = codegen::pages::into_pages(&args.docs.docs, &snippets)?;
        println!("{} pages given a rust tab or a new one", changed.len());
    }
    Ok(())
}
