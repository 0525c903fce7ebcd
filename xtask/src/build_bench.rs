//! `cargo xtask bench-build`: what the generated code costs to compile. Builds, in one target
//! folder, a baseline crate with the generated crates' dependencies and no code of its own, then
//! the generated client (its facade, core and area crates) with every area and with one area. Times are quoted as ratios to the
//! baseline measured in the same run (these machines are noisy), cold (dependencies included)
//! and warm (dependencies already built: the crate's own code only); and the tests with every
//! area. Cargo runs this binary as its rustc wrapper (`DOCGEN_RUSTC_PEAKS`), which logs each
//! rustc process's peak memory (`getrusage` of the children, which no std API reports); they
//! are printed largest first.
//!
//! Measured (English corpus, 2 cores; newest last):
//! - One crate: one rustc of 4.3 GB for the library (103 s), 3.5 GB for the conformance test
//!   target, 3.4 GB for the library's unit tests. `-Z time-passes` on the library: macro expansion
//!   (serde's derives) 10.7 s and +1.0 GB, type checking 21.6 s, borrow checking 24.9 s and
//!   +1.4 GB (the derived `Deserialize` visitors among the bodies), LLVM 20.8 s. On the `intune`
//!   area alone (1.8 GB, 35 s): serde stubbed out 0.77 GB; `object!` instead of the derives
//!   1.4 GB; `object!` and `#[inline]` calls 1.1 GB, 11 s; the derives with `#[inline]` calls no
//!   better (1.8 GB): the flattened derive is expanded and checked whether or not it is used.
//! - With `object!`, `#[inline]` calls, a conformance target per area and unit tests without the
//!   API: cold baseline 28.0 s; the full crate 88.6 s = 3.16x (was 4.68x), 60.7 s of its own (was
//!   130.5 s); its library one rustc of 2,193 MiB, 39.3 s; one area (`files`) 334 MiB, 2.5 s of
//!   its own; tests 125 s of their own (was 181 s): 29 conformance targets, the largest `intune`
//!   993 MiB (20.5 s), the unit-test target 446 MiB. Stubbing each part out (2.11 GB): the four
//!   derives of the 1,432 structs ~0.26 GB, their serde ~0.45 GB, the bodies of the 3,447 final
//!   calls only ~0.12 GB; the rest is the items themselves of one crate, so getting under 1.5 GB
//!   was the split into crates, not smaller bodies.
//! - Split (a core and a crate per area, `codegen`'s `plan::crates`): cold baseline 32.2 s; the
//!   full client 82.1 s = 2.55x (was 3.16x), 50.1 s of its own (was 60.7 s): 31 rustc processes,
//!   the largest `intune` 891 MiB (13.6 s), the core 543 MiB (7.7 s), the facade 401 MiB (its
//!   `test_util` data), then `excel` 282 MiB; one area (`files`) 2.7 s of its own (the core for it
//!   299 MiB); tests 134.7 s of their own (the libraries are built again: the tests' tokio
//!   features reach the core), the largest conformance target `intune` 1,014 MiB. Every rustc of
//!   the client and its tests is under 1.5 GB, and each area's part grows with that area.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Options<'a> {
    pub docs: &'a Path,
    pub area: Option<String>,
    pub work: &'a Path,
    pub lockfile: &'a Path,
}

/// Runs cargo with this binary as its rustc wrapper, which logs every rustc's peak memory to
/// `log`.
fn cargo(dir: &Path, target: &Path, log: &Path, args: &[&str]) -> Result<Duration> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let me = std::env::current_exe().context("the xtask binary")?;
    let start = Instant::now();
    let out = Command::new(cargo)
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTC_WRAPPER", me)
        .env(PEAKS_LOG, log)
        .output()
        .with_context(|| format!("running cargo in {}", dir.display()))?;
    if !out.status.success() {
        bail!(
            "cargo {} failed in {}:\n{}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(start.elapsed())
}

pub fn run(opts: &Options) -> Result<String> {
    let analysis = codegen::analyze(opts.docs, codegen::source::Lang::English)
        .with_context(|| format!("reading {}", opts.docs.display()))?;
    let crates = prepare(opts, &analysis)?;
    let times = measure(opts, &crates)?;
    Ok(summary(opts, &analysis, &crates, &times))
}

/// The generated client and a baseline crate with its dependencies and no code, in the work
/// folder, and what to build of them.
struct Prepared {
    client: PathBuf,
    baseline: PathBuf,
    target: PathBuf,
    /// The client's own packages: the facade, the core and a crate per area.
    packages: Vec<String>,
    /// The area built alone.
    area: String,
}

fn prepare(opts: &Options, analysis: &codegen::Analysis) -> Result<Prepared> {
    let emit = codegen::emit::EmitOptions {
        crate_name: "bench-client".into(),
        source_label: "docs".into(),
        ..Default::default()
    };
    let files = codegen::emit::emit(&analysis.api, &emit)?;
    let client = opts.work.join("client");
    let baseline = opts.work.join("baseline");
    let target = opts.work.join("target");
    for dir in [&client, &baseline, &target] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).with_context(|| format!("clearing {}", dir.display()))?;
        }
    }
    codegen::write::write(&client, &files)?;
    // The baseline: the core's manifest (every dependency the client has), a library with no
    // code.
    let manifest = files
        .iter()
        .find(|f| f.path == "crates/bench-client-core/Cargo.toml")
        .map(|f| {
            f.contents
                .replace("name = \"bench-client-core\"", "name = \"bench-baseline\"")
        })
        .context("the generated client has a core crate")?;
    let packages: Vec<String> = std::iter::once("bench-client".to_string())
        .chain(files.iter().filter_map(|f| {
            let rest = f.path.strip_prefix("crates/")?;
            let (package, file) = rest.split_once('/')?;
            (file == "Cargo.toml").then(|| package.to_string())
        }))
        .collect();
    std::fs::create_dir_all(baseline.join("src"))?;
    std::fs::write(baseline.join("Cargo.toml"), manifest)?;
    std::fs::write(
        baseline.join("src/lib.rs"),
        "//! No code: the cost of the dependencies.\n",
    )?;
    for dir in [&client, &baseline] {
        std::fs::copy(opts.lockfile, dir.join("Cargo.lock"))?;
    }
    let area = match &opts.area {
        Some(a) => a.clone(),
        None => smallest_area(&files).context("the crate has no area feature")?,
    };
    Ok(Prepared {
        client,
        baseline,
        target,
        packages,
        area,
    })
}

/// The builds' times, and each rustc's peak memory.
struct Measured {
    cold_baseline: Duration,
    warm_baseline: Duration,
    full: Duration,
    one: Duration,
    tests: Duration,
    deps: Vec<Rustc>,
    full_peaks: Vec<Rustc>,
    one_peaks: Vec<Rustc>,
    test_peaks: Vec<Rustc>,
}

fn measure(opts: &Options, c: &Prepared) -> Result<Measured> {
    let log = opts.work.join("rustc-peaks.log");
    let _ = std::fs::remove_file(&log);
    let step = |dir: &Path, args: &[&str]| cargo(dir, &c.target, &log, args);
    let cold_baseline = step(&c.baseline, &["build", "--lib"])?;
    let warm_baseline = {
        step(&c.baseline, &["clean", "-p", "bench-baseline"])?;
        step(&c.baseline, &["build", "--lib"])?
    };
    let deps = read_peaks(&log);
    std::fs::remove_file(&log)?;
    let full = step(&c.client, &["build", "--lib", "--all-features"])?;
    let full_peaks = read_peaks(&log);
    std::fs::remove_file(&log)?;
    let mut clean = vec!["clean"];
    for p in &c.packages {
        clean.extend(["-p", p.as_str()]);
    }
    step(&c.client, &clean)?;
    let _ = std::fs::remove_file(&log);
    let one = step(
        &c.client,
        &[
            "build",
            "--lib",
            "--no-default-features",
            "--features",
            &c.area,
        ],
    )?;
    let one_peaks = read_peaks(&log);
    std::fs::remove_file(&log)?;
    // The tests with every feature: the library again (as the tests' dependency) and each test
    // target (the conformance tests), over the dependencies already built.
    let tests = step(&c.client, &["test", "--no-run", "--all-features"])?;
    let test_peaks = read_peaks(&log);
    Ok(Measured {
        cold_baseline,
        warm_baseline,
        full,
        one,
        tests,
        deps,
        full_peaks,
        one_peaks,
        test_peaks,
    })
}

fn summary(opts: &Options, analysis: &codegen::Analysis, c: &Prepared, m: &Measured) -> String {
    let secs = |d: Duration| d.as_secs_f64();
    let ops = analysis.api.operations.len();
    let types = analysis.api.resources.len() + analysis.api.enums.len();
    let mib = |kib: u64| kib as f64 / 1024.0;
    let is_own =
        |r: &Rustc| r.name.starts_with("bench_client") || r.name.starts_with("conformance");
    let own = |peaks: &[Rustc]| {
        let mut own: Vec<&Rustc> = peaks.iter().filter(|r| is_own(r)).collect();
        own.sort_by_key(|r| std::cmp::Reverse(r.kib));
        let shown: Vec<String> = own
            .iter()
            .take(OWN_SHOWN)
            .map(|r| format!("{} {} {:.0} MiB {:.1}s", r.name, r.kind, mib(r.kib), r.secs))
            .collect();
        let more = own.len().saturating_sub(OWN_SHOWN);
        if more > 0 {
            format!("{}; and {more} smaller", shown.join("; "))
        } else {
            shown.join("; ")
        }
    };
    let largest_dep = m
        .deps
        .iter()
        .max_by_key(|r| r.kib)
        .map(|r| format!("{} {:.0} MiB", r.name, mib(r.kib)))
        .unwrap_or_default();
    let peak_all = m
        .full_peaks
        .iter()
        .chain(&m.one_peaks)
        .chain(&m.test_peaks)
        .filter(|r| is_own(r))
        .map(|r| r.kib)
        .max()
        .unwrap_or(0);
    let (cold, warm) = (secs(m.cold_baseline), secs(m.warm_baseline));
    format!(
        "docs {} ({ops} operations, {types} types); one area: `{}`\n\
         baseline (dependencies, no code)  cold {:7.1}s   warm {:6.2}s   largest rustc: {largest_dep}\n\
         full crate (--all-features)       {:7.1}s   {:5.2}x the cold baseline, {:6.1}s of its own\n\
         one area                          {:7.1}s   {:5.2}x the cold baseline, {:6.1}s of its own\n\
         tests (--all-features, --no-run)  {:7.1}s of its own\n\
         one area / full, own code only    {:5.2}\n\
         rustc of the crate, largest first: full [{}]; one area [{}]; tests [{}]\n\
         peak memory of one rustc of the crate or its tests: {:.0} MiB\n",
        opts.docs.display(),
        c.area,
        cold,
        warm,
        secs(m.full) + cold - warm,
        (secs(m.full) + cold - warm) / cold,
        secs(m.full),
        secs(m.one) + cold - warm,
        (secs(m.one) + cold - warm) / cold,
        secs(m.one),
        secs(m.tests),
        secs(m.one) / secs(m.full),
        own(&m.full_peaks),
        own(&m.one_peaks),
        own(&m.test_peaks),
        mib(peak_all),
    )
}

/// How many of the client's rustc processes a line names.
const OWN_SHOWN: usize = 6;

/// The area feature whose crate has the fewest calls (`area = ["dep:crate"]` in the facade's
/// features).
fn smallest_area(files: &[codegen::emit::GeneratedFile]) -> Option<String> {
    let manifest = files.iter().find(|f| f.path == "Cargo.toml")?;
    xtask::conformance::area_crates(&manifest.contents)
        .into_iter()
        .filter_map(|(area, package)| {
            let ops = files
                .iter()
                .find(|f| f.path == format!("crates/{package}/src/operations.rs"))?;
            Some((ops.contents.matches(".call(").count(), area))
        })
        .filter(|(n, _)| *n > 0)
        .min()
        .map(|(_, a)| a.to_string())
}

/// The environment variable that makes this binary a rustc wrapper: the file it logs to.
const PEAKS_LOG: &str = "DOCGEN_RUSTC_PEAKS";

/// When cargo runs this binary as `RUSTC_WRAPPER` (with [`PEAKS_LOG`] set), runs the rustc it
/// was given and appends `crate-name target-kind peak-KiB seconds` to the log; else `None`.
pub fn as_rustc_wrapper() -> Option<std::process::ExitCode> {
    let log = std::env::var_os(PEAKS_LOG)?;
    let mut args = std::env::args_os().skip(1);
    let rustc = args.next()?;
    let args: Vec<std::ffi::OsString> = args.collect();
    let start = Instant::now();
    let status = match Command::new(&rustc).args(&args).status() {
        Ok(status) => status,
        Err(e) => {
            eprintln!("error: running {}: {e}", rustc.to_string_lossy());
            return Some(std::process::ExitCode::from(2));
        }
    };
    let arg = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .map(|a| a.to_string_lossy().into_owned())
    };
    if let Some(name) = arg("--crate-name") {
        let kind = if args.iter().any(|a| a == "--test") {
            "test".to_string()
        } else {
            arg("--crate-type").unwrap_or_else(|| "bin".into())
        };
        let line = format!(
            "{name} {kind} {} {:.2}\n",
            children_peak_kib(),
            start.elapsed().as_secs_f64()
        );
        use std::io::Write;
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .and_then(|mut f| f.write_all(line.as_bytes()));
        if let Err(e) = appended {
            eprintln!("warning: cannot log to {}: {e}", log.to_string_lossy());
        }
    }
    Some(match status.code() {
        Some(0) => std::process::ExitCode::SUCCESS,
        Some(c) => std::process::ExitCode::from(u8::try_from(c).unwrap_or(1)),
        None => std::process::ExitCode::FAILURE,
    })
}

/// The largest peak resident memory of the waited-for children, in KiB (Linux's `ru_maxrss`).
#[cfg(unix)]
fn children_peak_kib() -> u64 {
    // SAFETY: getrusage writes the struct it is given and reads nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0;
    if ok {
        u64::try_from(usage.ru_maxrss).unwrap_or(0)
    } else {
        0
    }
}

#[cfg(not(unix))]
fn children_peak_kib() -> u64 {
    0
}

/// One rustc process of a build: which crate and target, its peak memory and time.
#[derive(Debug)]
struct Rustc {
    name: String,
    kind: String,
    kib: u64,
    secs: f64,
}

fn read_peaks(log: &Path) -> Vec<Rustc> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            Some(Rustc {
                name: w.next()?.to_string(),
                kind: w.next()?.to_string(),
                kib: w.next()?.parse().ok()?,
                secs: w.next()?.parse().ok()?,
            })
        })
        .collect()
}
