//! `cargo xtask`: the command line. Thin on purpose: it parses arguments and calls `codegen`.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use codegen::base::{Code, Diagnostic, Severity};
use codegen::source::Lang;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod build_bench;

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

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
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

/// How `report` prints.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Coverage as a table.
    Human,
    /// Coverage as JSON.
    Json,
    /// The diagnostics as a SARIF 2.1.0 log.
    Sarif,
}

/// The API surface of a docs folder, or of a generated crate (its `api.json`).
fn surface(path: &Path, lang: Lang) -> Result<codegen::diff::Surface> {
    let dump = path.join(codegen::emit::SURFACE_FILE);
    if dump.is_file() {
        let text = std::fs::read_to_string(&dump)
            .with_context(|| format!("reading {}", dump.display()))?;
        return serde_json::from_str(&text)
            .with_context(|| format!("{} is no API surface", dump.display()));
    }
    let analysis =
        codegen::analyze(path, lang).with_context(|| format!("reading {}", path.display()))?;
    Ok(codegen::diff::Surface::of(&analysis.api))
}

/// How `diff` prints.
#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    /// The headline, then each change, breaking ones first.
    Human,
    /// The changes as JSON, with the counts and the bump.
    Json,
    /// A changelog section.
    Markdown,
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

#[derive(Subcommand)]
enum Command {
    /// Read the docs, report what they get wrong, and write (or check) the client crate.
    Codegen {
        /// Folder of annotated markdown pages.
        #[arg(long, default_value = "docs")]
        docs: PathBuf,
        /// Folder of the generated crate.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Write nothing; fail with a diff when the output folder is not what the docs give.
        #[arg(long)]
        check: bool,
        /// Compare the API with the one the output folder's crate exposes (its `api.json`), set
        /// the version that the change calls for in its `Cargo.toml` and add the change to its
        /// `CHANGELOG.md`. Without it the version and the changelog stay as they are.
        #[arg(long, conflicts_with = "check")]
        bump: bool,
        /// Package name of the generated crate.
        #[arg(long, default_value = "docs-client")]
        crate_name: String,
        #[arg(long, value_enum, default_value = "english")]
        lang: LangArg,
        /// How diagnostics are printed (to stderr; SARIF to stdout).
        #[arg(long, value_enum, default_value = "human")]
        format: DiagFormat,
        /// Fail (exit 1) on these diagnostics too: `warnings`, or codes such as `status-mismatch`.
        #[arg(long, value_delimiter = ',')]
        deny: Vec<String>,
        /// Suppressions by code and path glob (default: `docgen.toml` when there is one).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Format every item again rather than take the unchanged ones from the previous run's
        /// cache (`target/docgen/`); the output is the same bytes either way.
        #[arg(long)]
        no_cache: bool,
    },
    /// Read the docs and print coverage: what became IR, and what the checks found.
    Report {
        #[arg(long, default_value = "docs")]
        docs: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        #[arg(long, value_enum, default_value = "english")]
        lang: LangArg,
        /// Suppressions by code and path glob (default: `docgen.toml` when there is one).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Measure the report run on the corpora (or DIRs) against reading and parsing the markdown.
    Bench {
        /// Docs folders; both corpora in ../shared when none is given.
        dirs: Vec<PathBuf>,
    },
    /// Measure what the generated crate costs to compile: all areas and one area, as ratios to a
    /// crate with the same dependencies and no code.
    BenchBuild {
        #[arg(long, default_value = "docs")]
        docs: PathBuf,
        /// The area feature to build alone (default: the one with the fewest operations).
        #[arg(long)]
        area: Option<String>,
    },
    /// Generate the client and its conformance tests into a work folder, build and run them once,
    /// and account for every documented example.
    Conformance {
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
    },
    /// Print the catalogue of checks (CHECKS.md is this output).
    Checks,
    /// Print how each documented template is called (`client.me().message(id).send()`), the
    /// longest identifier and the number of step types: the call shape the client is moving to, previewed.
    Calls {
        #[arg(long, default_value = "docs")]
        docs: PathBuf,
        #[arg(long, value_enum, default_value = "english")]
        lang: LangArg,
    },
    /// Compare a translated reference with the English pages it was translated from, page by
    /// page: the language-neutral IR (prose and lines aside) must be the same.
    Translation {
        /// The translated pages.
        #[arg(long)]
        docs: PathBuf,
        /// The English pages they were translated from (same paths).
        #[arg(long)]
        source: PathBuf,
        /// Print a `translation-differs` diagnostic for every differing page (else the counts and
        /// the kinds of difference).
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// The change between two versions of the docs as a user of the generated crate sees it:
    /// operations, calls, types, properties and enum members added, removed or changed, each
    /// classed breaking or not, and the version bump the whole calls for
    Diff {
        /// The docs before, or a crate generated from them (its `api.json`).
        #[arg(long)]
        old: PathBuf,
        /// The docs after.
        #[arg(long)]
        new: PathBuf,
        /// How the old docs are read (span-pair pages).
        #[arg(long, value_enum, default_value = "english")]
        old_lang: LangArg,
        /// How the new docs are read (span-pair pages).
        #[arg(long, value_enum, default_value = "english")]
        new_lang: LangArg,
        /// The version published from the old docs: the advised next version is printed too.
        #[arg(long)]
        version: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: DiffFormat,
    },
    /// Print the IR of the docs as JSON.
    Ir {
        #[arg(long, default_value = "docs")]
        docs: PathBuf,
        #[arg(long, value_enum, default_value = "english")]
        lang: LangArg,
    },
}

fn main() -> ExitCode {
    // Under `bench-build`, cargo runs this binary as its rustc wrapper: run rustc, log its peak.
    if let Some(code) = build_bench::as_rustc_wrapper() {
        return code;
    }
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The workspace folder (xtask's parent), for its lock file and target folder.
/// The format cache of an output folder: under `target/`, one per folder (by its absolute path).
fn cache_path(out: &Path) -> PathBuf {
    let abs = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    workspace_root().join("target").join("docgen").join(format!(
        "format-{:016x}.cache",
        codegen::base::fnv1a(abs.to_string_lossy().as_bytes())
    ))
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

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// Reads and checks the docs (with a progress bar on a terminal when `human`), then applies the
/// suppressions; prints unused config suppressions. Returns the analysis and how many
/// diagnostics were suppressed.
fn read_docs(
    docs: &Path,
    lang: LangArg,
    config: Option<&Path>,
    human: bool,
) -> Result<(codegen::Analysis, usize)> {
    let config = load_config(config)?;
    let bar = Bar::new(human);
    let mut analysis = codegen::analyze_with(docs, lang.into(), &bar)
        .with_context(|| format!("reading {}", docs.display()))?;
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
fn print_document(
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
fn write_stdout(text: &str) -> Result<()> {
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

fn label(docs: &Path) -> String {
    docs.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "docs".into())
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Codegen {
            docs,
            out,
            check,
            bump,
            crate_name,
            lang,
            format,
            deny,
            config,
            no_cache,
        } => {
            let denied = denied_codes(&deny)?;
            let docs_dir = docs.clone();
            let human = matches!(format, DiagFormat::Human | DiagFormat::Short);
            let (analysis, suppressed) = read_docs(&docs, lang, config.as_deref(), human)?;
            let root = docs.display().to_string();
            print_diagnostics(&analysis.diagnostics, &root, &docs_dir, format);
            let previous = codegen::write::previous(&out);
            if let Some(pages) = &previous.pages {
                print_page_changes(&codegen::write::PageChanges::between(
                    pages,
                    &analysis.inputs,
                ));
            }
            let had_surface = previous.surface.is_some();
            let release = codegen::release(previous, &analysis.api, bump);
            match &release.change {
                Some(change) => eprintln!(
                    "{}; version {}",
                    change.human().lines().next().unwrap_or_default(),
                    release.version
                ),
                None if bump && !had_surface => eprintln!(
                    "{} has no {}: nothing to compare with, the version stays {}",
                    out.display(),
                    codegen::emit::SURFACE_FILE,
                    release.version
                ),
                None => {}
            }
            let opts = codegen::emit::EmitOptions {
                crate_name,
                source_label: label(&docs_dir),
                version: release.version,
                changelog: release.changelog,
                inputs: analysis.inputs.clone(),
                lang: lang.into(),
            };
            let cache_file = cache_path(&out);
            let cache = if no_cache {
                codegen::emit::FormatCache::new()
            } else {
                codegen::write::read_cache(&cache_file)
            };
            let emitted = codegen::emit::emit_incremental(&analysis.api, &opts, &cache)?;
            let files = &emitted.files;
            eprintln!(
                "items formatted: {}, unchanged ones from the cache: {}",
                emitted.stats.formatted, emitted.stats.reused
            );
            if !no_cache {
                // A cache that cannot be saved costs the next run time, nothing else.
                if let Err(e) = codegen::write::write_cache(&cache_file, &emitted) {
                    eprintln!("warning: {e}");
                }
            }
            let out_dir = out.clone();
            eprintln!(
                "{} pages, {} operations, {} resources, {} diagnostics ({} suppressed)",
                analysis.api.pages.len(),
                analysis.api.operations.len(),
                analysis.api.resources.len(),
                analysis.diagnostics.len(),
                suppressed
            );
            if check {
                let diffs = codegen::write::check(&out_dir, files);
                if !diffs.is_empty() {
                    for d in &diffs {
                        eprintln!("{}", d.diff);
                    }
                    bail!(
                        "{} is stale ({} files differ): run `cargo xtask codegen` and commit the result",
                        out.display(),
                        diffs.len()
                    );
                }
                eprintln!("{} is up to date", out.display());
            } else {
                let changed = codegen::write::write(&out_dir, files)?;
                eprintln!(
                    "wrote {} of {} files to {}",
                    changed.len(),
                    files.len(),
                    out.display()
                );
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
        Command::Report {
            docs,
            format,
            lang,
            config,
        } => {
            let (analysis, _) = read_docs(
                &docs,
                lang,
                config.as_deref(),
                matches!(format, Format::Human),
            )?;
            let report = codegen::report::Report::new(&analysis);
            print_document(format, &report.human(), &report, &analysis, &docs)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { dirs } => {
            // Benchmarks need an optimized build: hand over to cargo's bench profile.
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let status = std::process::Command::new(cargo)
                .args([
                    "bench", "--quiet", "-p", "codegen", "--bench", "corpus", "--",
                ])
                // cargo runs the bench in the package's folder: the paths must not be relative.
                .args(
                    dirs.iter()
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
        Command::BenchBuild { docs, area } => {
            let root = workspace_root();
            let docs = docs.clone();
            let work = root.join("target").join("bench-build").join(label(&docs));
            let out = build_bench::run(&build_bench::Options {
                docs: &docs,
                area,
                work: &work,
                lockfile: &root.join("Cargo.lock"),
            })?;
            print!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Conformance {
            docs,
            work,
            format,
            lang,
            config,
        } => {
            let docs_dir = docs.clone();
            let (analysis, _) = read_docs(&docs, lang, config.as_deref(), false)?;
            let workspace = workspace_root();
            let label = label(&docs_dir);
            let opts = xtask::conformance::Options {
                work: work.unwrap_or_else(|| workspace.join("target/conformance").join(&label)),
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
            print_document(format, &outcome.human(), &outcome, &analysis, &docs)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Checks => {
            write_stdout(&codegen::base::catalogue())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Calls { docs, lang } => {
            let analysis = codegen::analyze(&docs.clone(), lang.into())?;
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
            write_stdout(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Translation {
            docs,
            source,
            all,
            format,
        } => {
            let translated = codegen::analyze(&docs, Lang::English)
                .with_context(|| format!("reading {}", docs.display()))?;
            let english = codegen::analyze(&source, Lang::English)
                .with_context(|| format!("reading {}", source.display()))?;
            let cmp = codegen::translation::compare(&translated.api, &english.api);
            let diagnostics = codegen::translation::translation_diagnostics(&cmp);
            let root = docs.display().to_string();
            let text = match format {
                Format::Json => format!("{}\n", serde_json::to_string_pretty(&cmp)?),
                Format::Sarif => format!("{}\n", codegen::render::sarif(&diagnostics, &root)),
                Format::Human if all => {
                    let mut text = cmp.human();
                    for d in &diagnostics {
                        text.push_str(&codegen::render::short(d, &root));
                        text.push('\n');
                    }
                    text
                }
                Format::Human => cmp.human(),
            };
            write_stdout(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            old,
            new,
            old_lang,
            new_lang,
            version,
            format,
        } => {
            let before = surface(&old, old_lang.into())?;
            let after = surface(&new, new_lang.into())?;
            let diff = codegen::diff::diff_surfaces(&before, &after);
            let advised = version.as_deref().and_then(|v| diff.advised_version(v));
            let text = match format {
                DiffFormat::Json => format!(
                    "{}\n",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "counts": diff.counts(),
                        "bump": diff.bump(),
                        "advised_version": advised,
                        "changes": diff.changes,
                    }))?
                ),
                DiffFormat::Markdown => diff.markdown(advised.as_deref()),
                DiffFormat::Human => {
                    let mut text = diff.human();
                    if let (Some(v), Some(a)) = (&version, &advised) {
                        text.push_str(&format!("\nadvised version: {v} -> {a}\n"));
                    }
                    text
                }
            };
            write_stdout(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ir { docs, lang } => {
            let analysis = codegen::analyze(&docs.clone(), lang.into())?;
            write_stdout(&format!(
                "{}\n",
                serde_json::to_string_pretty(&analysis.api)?
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
