//! `cargo xtask bench` (or `cargo bench -p codegen --bench corpus -- [DIR...]`): the cost of the
//! report run (source -> extract -> model -> check) over a whole corpus, as a ratio to a baseline
//! measured in the same run: reading the same files and parsing them with pulldown-cmark, with
//! the same parallelism. Rounds alternate baseline and full run so machine noise hits both.

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
    }
}
