//! `cargo xtask bench` (or `cargo bench -p codegen --bench corpus -- [DIR...]`), over a whole
//! corpus, each as a ratio to a baseline measured in the same run (reading the same files and
//! parsing them with pulldown-cmark, with the same parallelism):
//! - the report run (source -> extract -> model -> check);
//! - the whole codegen (that, then emit, format and write the crate), with no format cache;
//! - the codegen after a one-page change, from the previous run's format cache (as
//!   `cargo xtask codegen` runs after an edit), also as a ratio to the whole codegen.
//!
//! Rounds alternate the runs so machine noise hits all of them.

use codegen::source::Lang;
use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// The allocator the command line uses too (xtask): the run allocates many small strings.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROUNDS: usize = 7;

fn baseline(dir: &Path, pages: &[String]) -> usize {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    pages
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(dir.join(p)).unwrap_or_default();
            Parser::new_ext(&text, opts).into_offset_iter().count()
        })
        .sum()
}

fn full(dir: &Path) -> usize {
    let a = codegen::analyze(dir, Lang::English).expect("corpus is readable");
    let r = codegen::report::Report::new(&a);
    r.operations + a.diagnostics.len()
}

/// A codegen run as `cargo xtask codegen` makes it: read and check the docs, emit (from `cache`
/// when there is one, and then save the new one), write the crate.
fn codegen(docs: &Path, out: &Path, cache: Option<&Path>) -> usize {
    let a = codegen::analyze(docs, Lang::English).expect("corpus is readable");
    let opts = codegen::emit::EmitOptions {
        inputs: a.inputs.clone(),
        ..Default::default()
    };
    let old = cache.map(codegen::write::read_cache).unwrap_or_default();
    let emitted = codegen::emit::emit_incremental(&a.api, &opts, &old).expect("emit");
    if let Some(path) = cache {
        codegen::write::write_cache(path, &emitted.cache).expect("cache is writable");
    }
    codegen::write::write(out, &emitted.files)
        .expect("output is writable")
        .len()
}

/// The one-page change: the description of a property of the page that documents the most of
/// them, reworded one way and back in turns.
struct Edit {
    page: PathBuf,
    text: String,
    edited: String,
    on: bool,
}

impl Edit {
    fn new(docs: &Path, pages: &[String]) -> Edit {
        let rows = |t: &str| t.lines().filter(|l| l.starts_with("| ")).count();
        let page = pages
            .iter()
            .filter(|p| p.starts_with("resources/"))
            .max_by_key(|p| rows(&std::fs::read_to_string(docs.join(p)).unwrap_or_default()))
            .expect("a resource page");
        let path = docs.join(page);
        let text = std::fs::read_to_string(&path).expect("page");
        let row = text
            .lines()
            .find(|l| l.starts_with("| ") && l.trim_end().ends_with(". |"))
            .expect("a property row");
        let edited = text.replacen(row, &row.replace(". |", ", as documented. |"), 1);
        Edit {
            page: path,
            text,
            edited,
            on: false,
        }
    }

    fn toggle(&mut self) {
        self.on = !self.on;
        let text = if self.on { &self.edited } else { &self.text };
        std::fs::write(&self.page, text).expect("page is writable");
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let dirs: Vec<PathBuf> = if args.is_empty() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
        ["graph-v1.0-en-2021", "graph-v1.0-zh-CN-2017"]
            .iter()
            .map(|c| shared.join(c))
            .collect()
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    println!("threads: {}", rayon::current_num_threads());
    for dir in dirs {
        let pages = codegen::list_pages(&dir).expect("corpus is readable");
        // Warm the page cache and both code paths.
        std::hint::black_box(baseline(&dir, &pages));
        std::hint::black_box(full(&dir));
        let (mut base, mut report) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            let t = Instant::now();
            std::hint::black_box(baseline(&dir, &pages));
            base.push(t.elapsed());
            let t = Instant::now();
            std::hint::black_box(full(&dir));
            report.push(t.elapsed());
        }
        let (b, r) = (median(base), median(report));
        println!(
            "{}: {} pages | read+pulldown-cmark {:.1} ms | report run {:.1} ms | ratio {:.2}x (median of {ROUNDS})",
            dir.display(),
            pages.len(),
            b.as_secs_f64() * 1e3,
            r.as_secs_f64() * 1e3,
            r.as_secs_f64() / b.as_secs_f64()
        );
        codegen_rounds(&dir, &pages);
    }
}

/// The whole codegen and the one-page change, on a copy of the corpus (the edit writes to it).
fn codegen_rounds(dir: &Path, pages: &[String]) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let docs = tmp.path().join("docs");
    for p in pages {
        let to = docs.join(p);
        std::fs::create_dir_all(to.parent().expect("a page is in a folder")).expect("mkdir");
        std::fs::copy(dir.join(p), to).expect("copy");
    }
    let (out, cache) = (tmp.path().join("out"), tmp.path().join("format.cache"));
    let mut edit = Edit::new(&docs, pages);
    // The previous run that the incremental ones start from.
    codegen(&docs, &out, Some(&cache));
    let (mut base, mut full, mut one) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let t = Instant::now();
        std::hint::black_box(baseline(&docs, pages));
        base.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(codegen(&docs, &out, None));
        full.push(t.elapsed());
        edit.toggle();
        let t = Instant::now();
        let written = codegen(&docs, &out, Some(&cache));
        one.push(t.elapsed());
        assert!(written > 0, "the edit changes the crate");
    }
    let (b, f, o) = (median(base), median(full), median(one));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "  codegen, whole: {:.1} ms ({:.1}x the floor) | after a one-page change ({}): {:.1} ms ({:.1}x the floor, {:.2} of the whole codegen)",
        ms(f),
        f.as_secs_f64() / b.as_secs_f64(),
        edit.page.strip_prefix(&docs).unwrap_or(&edit.page).display(),
        ms(o),
        o.as_secs_f64() / b.as_secs_f64(),
        o.as_secs_f64() / f.as_secs_f64()
    );
    // Neither run may be faster by being wrong: the last incremental output is the full one's.
    let a = codegen::analyze(&docs, Lang::English).expect("corpus is readable");
    let opts = codegen::emit::EmitOptions {
        inputs: a.inputs.clone(),
        ..Default::default()
    };
    let files = codegen::emit::emit(&a.api, &opts).expect("emit");
    assert!(
        codegen::write::check(&out, &files).is_empty(),
        "the incremental output is the full run's"
    );
}
