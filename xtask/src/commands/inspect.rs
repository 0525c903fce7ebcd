//! The commands that print what the library makes of a docs folder: `ir`, `calls`, `checks`.

use crate::cli::{write_stdout, LangArg};
use anyhow::Result;
use std::path::PathBuf;

/// A docs folder and how its span-pair pages are read.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "docs")]
    docs: PathBuf,
    #[arg(long, value_enum, default_value = "english")]
    lang: LangArg,
}

/// The IR as JSON.
pub fn ir(args: Args) -> Result<()> {
    let analysis = codegen::analyze(&args.docs, args.lang.into())?;
    write_stdout(&format!(
        "{}\n",
        serde_json::to_string_pretty(&analysis.api)?
    ))
}

/// Every template's call in the call shape, and the counts.
pub fn calls(args: Args) -> Result<()> {
    let analysis = codegen::analyze(&args.docs, args.lang.into())?;
    let report = codegen::emit::call_shapes(&analysis.api)?;
    let mut out = String::new();
    for c in &report.calls {
        out.push_str(&format!("{}  {}  ({})\n", c.template, c.call, c.page));
    }
    let longest = report
        .identifiers
        .iter()
        .max_by_key(|i| i.len())
        .map_or(0, String::len);
    out.push_str(&format!(
        "{} calls, {} final calls, through {} step types; longest identifier {longest} characters\n",
        report.calls.len(),
        report.finals,
        report.step_types,
    ));
    write_stdout(&out)
}

/// The catalogue of checks (CHECKS.md).
pub fn checks() -> Result<()> {
    write_stdout(&codegen::base::catalogue())
}
