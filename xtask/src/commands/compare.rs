//! The commands that compare two docs folders: `translation` (a translation against its English
//! source) and `diff` (two versions of the API as a user of the crate sees them).

use crate::cli::{write_stdout, Format, LangArg};
use anyhow::{Context, Result};
use clap::ValueEnum;
use codegen::source::Lang;
use std::path::{Path, PathBuf};

/// Compare a translated reference with the English pages it was translated from, page by
/// page: the language-neutral IR (prose and lines aside) must be the same.
#[derive(clap::Args)]
pub struct TranslationArgs {
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
}

/// The change between two versions of the docs as a user of the generated crate sees it:
/// operations, calls, types, properties and enum members added, removed or changed, each
/// classed breaking or not, and the version bump the whole calls for
#[derive(clap::Args)]
pub struct DiffArgs {
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

pub fn translation(args: TranslationArgs) -> Result<()> {
    let translated = codegen::analyze(&args.docs, Lang::English)
        .with_context(|| format!("reading {}", args.docs.display()))?;
    let english = codegen::analyze(&args.source, Lang::English)
        .with_context(|| format!("reading {}", args.source.display()))?;
    let cmp = codegen::translation::compare(&translated.api, &english.api);
    let diagnostics = codegen::translation::translation_diagnostics(&cmp);
    let root = args.docs.display().to_string();
    let text = match args.format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&cmp)?),
        Format::Sarif => format!("{}\n", codegen::render::sarif(&diagnostics, &root)),
        Format::Human if args.all => {
            let mut text = cmp.human();
            for d in &diagnostics {
                text.push_str(&codegen::render::short(d, &root));
                text.push('\n');
            }
            text
        }
        Format::Human => cmp.human(),
    };
    write_stdout(&text)
}

pub fn diff(args: DiffArgs) -> Result<()> {
    let before = surface(&args.old, args.old_lang.into())?;
    let after = surface(&args.new, args.new_lang.into())?;
    let diff = codegen::diff::diff_surfaces(&before, &after);
    let advised = args
        .version
        .as_deref()
        .and_then(|v| diff.advised_version(v));
    let text = match args.format {
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
            if let (Some(v), Some(a)) = (&args.version, &advised) {
                text.push_str(&format!("\nadvised version: {v} -> {a}\n"));
            }
            text
        }
    };
    write_stdout(&text)
}

/// The API surface of a docs folder, or of a generated crate (its `api.json`).
fn surface(path: &Path, lang: Lang) -> Result<codegen::diff::Surface> {
    let dump = path.join(codegen::emit::SURFACE_FILE);
    if dump.is_file() {
        let text = std::fs::read_to_string(&dump)
            .with_context(|| format!("reading {}", dump.display()))?;
        return codegen::diff::Surface::read(&text)
            .with_context(|| format!("{} is no API surface", dump.display()));
    }
    let analysis =
        codegen::analyze(path, lang).with_context(|| format!("reading {}", path.display()))?;
    Ok(codegen::emit::surface(&analysis.api)?)
}
