//! `cargo xtask bench` (or `cargo bench -p codegen --bench corpus -- [DIR...]`), over every
//! corpus of `../shared/corpus` (or the DIRs), each as a ratio to a baseline measured in the same
//! run (reading the same files and parsing them with pulldown-cmark, with the same parallelism):
//! - the report run (`codegen::analyze`: read -> page -> resolve -> check);
//! - the whole codegen (that, then `codegen::generate`: plan, emit, format and write the crate),
//!   with no format cache;
//! - the codegen after a one-page change, from the previous run's format cache (as
//!   `cargo xtask codegen` runs after an edit), also as a ratio to the whole codegen;
//! - the peak memory of a whole codegen (in a fresh process), against the size of the pages;
//! - how the report run and the whole codegen grow from 10% to 50% to 100% of the pages.
//!
//! Rounds alternate the runs so machine noise hits all of them (medians of 7, 2 threads).
//! `--once floor|report|codegen DIR` runs one of them once, for callgrind (with
//! `RAYON_NUM_THREADS=1`: instruction counts are steady on a noisy machine; or
//! `cargo build --profile profiling -p xtask` and callgrind over the command line).
//!
//! Measured on the English corpus (each performance commit quotes its bench line):
//! - Report run: at first 2.1 G instructions: pulldown-cmark ~0.45 G of extract's 0.8 G; per-page
//!   modelling 0.48 G (examples 0.11 G, templates 0.07 G, scopes 0.06 G, parameter rows 0.07 G:
//!   no single hot spot); the whole-API part (`assemble`) 0.39 G, of which the derivations
//!   0.14 G are sequential. The vocabulary pass (0.18 G), the checks and the operation ids now
//!   run per page or item in parallel, headings are slugged on an ASCII path (70 M saved):
//!   2.08 G, wall time 6.9x -> 5.7x the floor (the gain is parallelism).
//! - Whole codegen: at first 16.6 G: syn's parse of the generated tokens 5.2 G, proc-macro2
//!   lexing the tokens' text back 1.6 G (gone: chunks are parsed from their tokens as made),
//!   prettyplease 1.6 G, doc attributes 1.8 G (halved: no `String` per character, no raw-string
//!   search for one-line docs), printing tokens for the cache key 0.7 G, `Ctx::new` 0.44 G (now
//!   `Plan::new`, the call tree beside the names) and the tests' planning 0.2 G (now beside the
//!   client's chunks): 13.6 G (-18%; 36x -> 30x). The split into crates added the extension
//!   traits: 14.3 G (syn 5.2 G, prettyplease 1.5 G, the conformance tests' chunks 3.3 G). String
//!   literals (escaped, then read back, char by char) were 1.5 G of 13.9 G: one-line docs raw and
//!   plain ASCII as written (`emit::literal`) made 12.46 G, output identical; diagnostics are
//!   rendered in parallel (`render::human_all`: 0.46 G off the main thread).
//! - The budget now (one thread): the floor 0.56 G, the report run 2.08 G (3.7x: extract 0.83 G,
//!   most of it pulldown-cmark's own parse; per-page modelling 0.47 G; `assemble` 0.30 G,
//!   sequential; the rest a flat profile of many small functions), the whole codegen 11.9 G
//!   (21x): syn's parse 4.67 G and prettyplease 1.22 G, 10.6x the floor for parsing and printing
//!   21 MB of Rust alone. Within syn, statement and expression parsing of function bodies is most
//!   (the conformance tests' statements outnumber the client's), and `peek_keyword` (0.93 G)
//!   clones an identifier for every keyword it peeks. An 8x whole codegen is out of reach while
//!   every chunk goes through syn and prettyplease; the ways there are fewer tokens (not bytes:
//!   raw literals cost a copy; method bodies that fill a template in the runtime, shared doc
//!   text, which would also shorten the users' builds) or building syn's tree without parsing
//!   tokens (prettyplease alone is 2.2x the floor).
//! - Growth is linear: ms per MiB of pages is flat from 10% to 50% to 100% of every corpus.
//! - Peak memory of a whole codegen: was ~210 MiB for 12.6 MiB of pages (the report run alone
//!   ~115 MiB; mimalloc's eager arena commit kept ~50 MiB of freed pages resident:
//!   `MIMALLOC_ARENA_EAGER_COMMIT=0` gave 171 MiB, same time). Now 128-136 MiB = 10.2-10.8x the
//!   pages (massif on a system-allocator build: heap peak 134 -> 87 MB), from mimalloc without
//!   transparent huge pages (223 -> 161 MiB), files sized once (`format_file` grew them by
//!   doubling: up to twice their 21 MB), chunk texts shrunk to fit while they wait for their
//!   file, the next run's cache written from the files' text (`Emitted::cache_bytes`) instead of
//!   a second copy of every chunk (~22 MB), and the API surface (`api.json`, 4.8 MB, grown to
//!   8 MiB while written) made first, while little else is held. The peak is now while the chunks
//!   wait for their files: their texts (17 MB), the IR (examples' JSON values, strings, ~50 MB)
//!   and the allocator's per-thread heaps. The files replace the chunks one by one, so building
//!   files as their chunks come would not lower it; only writing finished files out by phase
//!   would, at the cost of the tests' planning no longer running beside the client's chunks.
//!   Resident memory above the heap is mostly mimalloc keeping freed pages for its purge delay
//!   (1 s in v3): `MIMALLOC_PURGE_DELAY=0` gives 104 MiB instead of ~135 MiB but ~20% more wall
//!   time, 100 ms ~123 MiB for ~10%; mimalloc v2 (10 ms) 124-129 MiB at the same speed within
//!   the noise. Not changed: memory trades against the speed targets.
//!
//! Incremental runs: `codegen/src/emit/format.rs`. The generated crate's build:
//! `xtask/src/build_bench.rs`.

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

/// A codegen run as `cargo xtask codegen` makes it, through the same front door: read and check
/// the docs, emit (from `cache` when there is one, and then save the new one), write the crate.
fn codegen(docs: &Path, out: &Path, cache: Option<&Path>) -> usize {
    let a = codegen::analyze(docs, Lang::English).expect("corpus is readable");
    let opts = codegen::generate::Options {
        cache: cache.map(Path::to_path_buf),
        ..codegen::generate::Options::new(out)
    };
    let generated = codegen::generate::generate(&a, &opts).expect("output is writable");
    assert!(generated.cache_error.is_none(), "cache is writable");
    match generated.outcome {
        codegen::generate::Outcome::Written(files) => files.len(),
        codegen::generate::Outcome::Checked(_) => unreachable!("a write run"),
    }
}

/// The one-page change: the rows of the tables of the resource page that has the most of them,
/// each with a word added to its last cell (a reworded page: its descriptions), one way and
/// back in turns. Found by the table syntax alone, so it works in any language. A row of one
/// cell is left alone: that cell is a name (an enum's member), and renaming is another change.
struct Edit {
    page: PathBuf,
    text: String,
    edited: String,
    on: bool,
}

/// A table's body rows: lines starting with `|` after a separator row (`|---|---|`).
fn edit_rows(text: &str) -> String {
    let separator =
        |l: &str| l.starts_with('|') && l.contains("--") && !l.contains(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len() + 1024);
    let mut in_body = false;
    for line in text.split_inclusive('\n') {
        let row = line.trim_end();
        if separator(row) {
            in_body = true;
        } else if !row.starts_with('|') {
            in_body = false;
        } else if in_body && row.matches('|').count() > 2 {
            if let Some(cells) = row.strip_suffix('|') {
                out.push_str(cells.trim_end());
                out.push_str(" (edited) |");
                out.push_str(&line[row.len()..]);
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

impl Edit {
    fn new(docs: &Path, pages: &[String]) -> Edit {
        let rows = |t: &str| t.lines().filter(|l| l.starts_with('|')).count();
        let page = pages
            .iter()
            .filter(|p| p.starts_with("resources/"))
            .max_by_key(|p| rows(&std::fs::read_to_string(docs.join(p)).unwrap_or_default()))
            .expect("a resource page");
        let path = docs.join(page);
        let text = std::fs::read_to_string(&path).expect("page");
        let edited = edit_rows(&text);
        assert_ne!(edited, text, "{page} has table rows");
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
    // `--peak DIR`: one codegen of DIR in this fresh process, then its peak resident memory.
    // `--once floor|report|codegen DIR`: one run of that, for a profiler (callgrind counts the
    // floor's instructions as steadily as the generator's).
    let all: Vec<String> = std::env::args().collect();
    if let Some([what, dir]) = all
        .iter()
        .position(|a| a == "--once")
        .and_then(|i| all.get(i + 1..i + 3))
    {
        let dir = Path::new(dir);
        let pages = codegen::list_pages(dir).expect("corpus is readable");
        let tmp = tempfile::tempdir().expect("temp dir");
        let n = match what.as_str() {
            "floor" => baseline(dir, &pages),
            "report" => full(dir),
            "codegen" => codegen(dir, &tmp.path().join("out"), None),
            other => panic!("--once floor|report|codegen, not {other}"),
        };
        println!("{n}");
        return;
    }
    if let Some(dir) = all
        .iter()
        .position(|a| a == "--peak")
        .and_then(|i| all.get(i + 1))
    {
        let tmp = tempfile::tempdir().expect("temp dir");
        codegen(Path::new(dir), &tmp.path().join("out"), None);
        println!("{}", peak_rss_kib().expect("/proc/self/status has VmHWM"));
        return;
    }
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let dirs: Vec<PathBuf> = if args.is_empty() {
        // Every corpus of ../shared/corpus.
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&shared)
            .expect("../shared/corpus is readable")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        dirs
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
        peak_memory(&dir, &pages);
        scaling(&dir, &pages);
    }
}

/// The peak resident memory of this process (Linux: `VmHWM`), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn corpus_bytes(dir: &Path, pages: &[String]) -> u64 {
    pages
        .iter()
        .filter_map(|p| std::fs::metadata(dir.join(p)).ok())
        .map(|m| m.len())
        .sum()
}

/// The whole codegen's peak memory, in a process of its own (this one has run many), against
/// the size of the pages it read.
fn peak_memory(dir: &Path, pages: &[String]) {
    let exe = std::env::current_exe().expect("the bench binary");
    let out = std::process::Command::new(exe)
        .arg("--peak")
        .arg(dir)
        .output()
        .expect("the bench runs itself");
    let kib: u64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("the peak in KiB");
    let bytes = corpus_bytes(dir, pages);
    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    println!(
        "  peak memory of a whole codegen: {:.0} MiB = {:.1}x the pages read ({:.1} MiB)",
        mib(kib * 1024),
        (kib * 1024) as f64 / bytes as f64,
        mib(bytes)
    );
}

/// How the cost grows with the reference: every tenth page, every second page and all of them
/// (the same pages in each larger set), as time per MiB of pages read; linear growth keeps it
/// flat.
fn scaling(dir: &Path, pages: &[String]) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut line = String::from("  scaling (ms per MiB of pages; report run / whole codegen):");
    for (label, every) in [("10%", 10), ("50%", 2), ("100%", 1)] {
        let part: Vec<String> = pages.iter().step_by(every).cloned().collect();
        let docs = tmp.path().join(label);
        for p in &part {
            let to = docs.join(p);
            std::fs::create_dir_all(to.parent().expect("a page is in a folder")).expect("mkdir");
            std::fs::copy(dir.join(p), to).expect("copy");
        }
        let out = tmp.path().join(format!("{label}-out"));
        std::hint::black_box(full(&docs));
        let (mut report, mut whole) = (Vec::new(), Vec::new());
        for _ in 0..3 {
            let t = Instant::now();
            std::hint::black_box(full(&docs));
            report.push(t.elapsed());
            let t = Instant::now();
            std::hint::black_box(codegen(&docs, &out, None));
            whole.push(t.elapsed());
        }
        let mib = corpus_bytes(&docs, &part) as f64 / (1024.0 * 1024.0);
        let per = |d: Duration| d.as_secs_f64() * 1e3 / mib;
        line.push_str(&format!(
            " | {label} ({} pages, {mib:.1} MiB): {:.1} / {:.1}",
            part.len(),
            per(median(report)),
            per(median(whole))
        ));
    }
    println!("{line}");
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
    let reference = tmp.path().join("reference");
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
        // The state the last incremental run starts from, for a full run to start from too.
        copy_tree(&out, &reference);
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
    // Neither run may be faster by being wrong: the last incremental output is what a full run
    // from the same previous release writes (the floor reads it), byte for byte.
    codegen(&docs, &reference, None);
    let differ = differing_files(&out, &reference);
    assert!(
        differ.is_empty(),
        "the incremental output is the full run's; these differ: {differ:?}"
    );
}

/// Copies the tree `from` over `to` (which is emptied first).
fn copy_tree(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    for file in files(from) {
        let dest = to.join(file.strip_prefix(from).expect("under from"));
        std::fs::create_dir_all(dest.parent().expect("a file is in a folder")).expect("mkdir");
        std::fs::copy(&file, dest).expect("copy");
    }
}

/// Every file under `dir`, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("a readable folder") {
            let path = e.expect("an entry").path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The files of `a` and `b` (relative) that one lacks or that differ.
fn differing_files(a: &Path, b: &Path) -> Vec<PathBuf> {
    let rel = |root: &Path| -> std::collections::BTreeSet<PathBuf> {
        files(root)
            .into_iter()
            .map(|f| f.strip_prefix(root).expect("under root").to_path_buf())
            .collect()
    };
    let (ra, rb) = (rel(a), rel(b));
    ra.symmetric_difference(&rb)
        .cloned()
        .chain(
            ra.intersection(&rb)
                .filter(|f| std::fs::read(a.join(f)).ok() != std::fs::read(b.join(f)).ok())
                .cloned(),
        )
        .collect()
}
