//! `cargo xtask codegen`: read the docs, print what they get wrong, and write (or check) the
//! client crate through the library's front door (`codegen::generate`).

use crate::cli::{label, read_docs, workspace_root, write_stdout, Docs};
use anyhow::{bail, Result};
use clap::ValueEnum;
use codegen::base::{Code, Diagnostic, Severity};
use codegen::generate::{Generated, Mode, Outcome};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Read the docs, report what they get wrong, and write (or check) the client crate.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    docs: Docs,
    /// Folder of the generated crate.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Write nothing; fail with a diff when the output folder is not what the docs give.
    #[arg(long)]
    check: bool,
    /// Compare the API with the one the output folder's crate exposes (its `api.json`), set
    /// the version that the change calls for in its `Cargo.toml` and add the change to its
    /// `CHANGELOG.md`. Without it the version and the changelog stay as they are. `--bump
    /// major` makes a major release: what the previous release exposed and the docs no longer
    /// document is left out, not kept deprecated.
    #[arg(long, conflicts_with = "check", num_args = 0..=1, default_missing_value = "auto", value_enum)]
    bump: Option<BumpArg>,
    /// Package name of the generated crate.
    #[arg(long, default_value = "docs-client")]
    crate_name: String,
    /// How diagnostics are printed (to stderr; SARIF to stdout).
    #[arg(long, value_enum, default_value = "human")]
    format: DiagFormat,
    /// Fail (exit 1) on these diagnostics too: `warnings`, or codes such as `status-mismatch`.
    #[arg(long, value_delimiter = ',')]
    deny: Vec<String>,
    /// Format every item again rather than take the unchanged ones from the previous run's
    /// cache (`target/docgen/`); the output is the same bytes either way.
    #[arg(long)]
    no_cache: bool,
}

/// What `--bump` releases.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum BumpArg {
    /// The version the change calls for; breaking changes wait (kept deprecated).
    Auto,
    /// A major release: everything the docs changed applies at once.
    Major,
}

/// How `codegen` prints diagnostics.
#[derive(Clone, Copy, ValueEnum)]
enum DiagFormat {
    /// `path:line:col: warning[code]: message`, then the source with carets and the help.
    Human,
    /// The first line of `human`, with the other places and the help as indented lines.
    Short,
    /// One JSON object per line.
    Json,
    /// A SARIF 2.1.0 log on standard output (for code scanning).
    Sarif,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let denied = denied_codes(&args.deny)?;
    let human = matches!(args.format, DiagFormat::Human | DiagFormat::Short);
    let (analysis, suppressed) = read_docs(&args.docs, human)?;
    let root = args.docs.docs.display().to_string();
    print_diagnostics(&analysis.diagnostics, &root, &args.docs.docs, args.format);
    let opts = codegen::generate::Options {
        crate_name: args.crate_name.clone(),
        source_label: label(&args.docs.docs),
        lang: args.docs.lang.into(),
        mode: if args.check { Mode::Check } else { Mode::Write },
        bump: args.bump.is_some(),
        major: args.bump == Some(BumpArg::Major),
        cache: (!args.no_cache)
            .then(|| codegen::generate::cache_path(&workspace_root().join("target"), &args.out)),
        ..codegen::generate::Options::new(&args.out)
    };
    let generated = codegen::generate::generate(&analysis, &opts)?;
    print_run(&generated, &args);
    eprintln!(
        "{} pages, {} operations, {} resources, {} diagnostics ({} suppressed)",
        analysis.api.pages.len(),
        analysis.api.operations.len(),
        analysis.api.resources.len(),
        analysis.diagnostics.len(),
        suppressed
    );
    match &generated.outcome {
        Outcome::Checked(diffs) if !diffs.is_empty() => {
            for d in diffs {
                eprintln!("{}", d.diff);
            }
            // A stale folder is a finding, exit 1 as README says; 2 is for a run that could not
            // be made.
            eprintln!(
                "error: {} is stale ({} files differ): run `cargo xtask codegen` and commit the result",
                args.out.display(),
                diffs.len()
            );
            return Ok(ExitCode::FAILURE);
        }
        Outcome::Checked(_) => eprintln!("{} is up to date", args.out.display()),
        Outcome::Written(changed) => eprintln!(
            "wrote {} of {} files to {}",
            changed.len(),
            generated.files,
            args.out.display()
        ),
    }
    let failing = analysis.diagnostics.iter().any(|d| {
        d.severity == Severity::Error
            || denied.iter().any(|c| match c {
                None => d.severity == Severity::Warning,
                Some(code) => *code == d.code,
            })
    });
    Ok(if failing {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What changed since the previous run, the release, and the cache.
fn print_run(g: &Generated, args: &Args) {
    if let Some(c) = &g.page_changes {
        print_page_changes(c);
    }
    match &g.release.change {
        Some(change) => eprintln!(
            "{}; version {}",
            change.human().lines().next().unwrap_or_default(),
            g.release.version
        ),
        None if args.bump.is_some() && !g.had_surface => eprintln!(
            "{} has no {}: nothing to compare with, the version stays {}",
            args.out.display(),
            codegen::emit::SURFACE_FILE,
            g.release.version
        ),
        None => {}
    }
    match &g.kept {
        Some(Ok(k)) if k.total() > 0 || k.deferred > 0 || !k.renamed.is_empty() => eprintln!(
            "kept from the previous release, deprecated (the docs no longer document them): \
             {} operations, {} calls, {} types, {} fields, {} enums, {} members; \
             {} operations whose calls another one now has; {} ids kept; \
             {} changes held back for the next major release (`--bump major` applies them)",
            k.operations,
            k.calls,
            k.types,
            k.fields,
            k.enums,
            k.members,
            k.moved.len(),
            k.renamed.len(),
            k.deferred
        ),
        Some(Err(e)) => eprintln!(
            "warning: the previous release's API is unreadable, nothing of it is kept: {e}"
        ),
        _ => {}
    }
    eprintln!(
        "items formatted: {}, unchanged ones from the cache: {} ({} of them not made again)",
        g.stats.formatted, g.stats.reused, g.stats.skipped
    );
    if let Some(e) = &g.cache_error {
        eprintln!("warning: {e}");
    }
}

/// What the lock says changed in the docs since the crate was generated.
fn print_page_changes(c: &codegen::write::PageChanges) {
    if c.is_empty() {
        eprintln!("no page changed since {}", codegen::emit::LOCK_FILE);
        return;
    }
    const SHOWN: usize = 5;
    let mut names: Vec<String> = Vec::new();
    names.extend(c.changed.iter().map(|p| format!("~{p}")));
    names.extend(c.added.iter().map(|p| format!("+{p}")));
    names.extend(c.removed.iter().map(|p| format!("-{p}")));
    let more = names.len().saturating_sub(SHOWN);
    names.truncate(SHOWN);
    eprintln!(
        "{} pages differ from {} ({} changed, {} added, {} removed): {}{}",
        c.len(),
        codegen::emit::LOCK_FILE,
        c.changed.len(),
        c.added.len(),
        c.removed.len(),
        names.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    );
}

/// `--deny` values: `None` for `warnings`, else a code.
fn denied_codes(deny: &[String]) -> Result<Vec<Option<Code>>> {
    deny.iter()
        .map(|d| {
            if d == "warnings" {
                return Ok(None);
            }
            match Code::parse(d) {
                Some(c) => Ok(Some(c)),
                None => bail!("--deny {d}: not `warnings` nor a check code (see CHECKS.md)"),
            }
        })
        .collect()
}

fn print_diagnostics(diags: &[Diagnostic], root: &str, docs_dir: &Path, format: DiagFormat) {
    use std::io::IsTerminal;
    match format {
        DiagFormat::Sarif => {
            let _ = write_stdout(&format!("{}\n", codegen::render::sarif(diags, root)));
        }
        DiagFormat::Json => diags
            .iter()
            .for_each(|d| eprintln!("{}", codegen::render::json_line(d))),
        DiagFormat::Short => diags
            .iter()
            .for_each(|d| eprintln!("{}", codegen::render::short(d, root))),
        DiagFormat::Human => {
            let color = std::io::stderr().is_terminal();
            let read = |file: &str| std::fs::read_to_string(docs_dir.join(file)).ok();
            for text in codegen::render::human_all(diags, root, &read, color) {
                eprintln!("{text}\n");
            }
        }
    }
}
