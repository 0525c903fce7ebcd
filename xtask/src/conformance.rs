//! The conformance run: the process and file work around the library's accounting. The client
//! and its tests are generated into a work folder, cargo builds and runs them once (offline,
//! with the workspace's lock file), and `codegen::conformance::account` reads the results.

use codegen::conformance::{self, Outcome};
use codegen::emit::{emit, EmitOptions};
use codegen::Analysis;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where a conformance run builds.
#[derive(Debug, Clone)]
pub struct Options {
    /// Folder the crate is generated into (replaced on every run).
    pub work: PathBuf,
    /// Cargo's target folder for the build (kept between runs, so rebuilds are incremental).
    pub target_dir: PathBuf,
    /// A lock file to build with (the workspace's), so the run needs no network.
    pub lockfile: Option<PathBuf>,
    pub emit: EmitOptions,
    /// Remove the test binaries once they ran: a corpus's are gigabytes (a binary per area,
    /// each linking every dependency), which a one-off run (the workspace tests) never reads
    /// again; a user's rerun links them anew.
    pub remove_binaries: bool,
}

/// Why a conformance run could not account for the examples.
#[derive(Debug, thiserror::Error)]
pub enum ConformanceError {
    #[error(transparent)]
    Emit(#[from] codegen::emit::EmitError),
    #[error(transparent)]
    Write(#[from] codegen::write::WriteError),
    #[error("cannot prepare {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the generated tests did not build:\n{0}")]
    Build(String),
}

/// The areas of a generated client and their crates, read from its facade's `Cargo.toml`
/// (`area = ["dep:its-crate"]` under `[features]`).
pub fn area_crates(manifest: &str) -> Vec<(&str, &str)> {
    manifest
        .lines()
        .skip_while(|l| *l != "[features]")
        .take_while(|l| !l.starts_with("[["))
        .filter_map(|l| {
            let (area, rest) = l.split_once(" = [\"dep:")?;
            Some((area, rest.strip_suffix("\"]")?))
        })
        .collect()
}

/// The environment of a one-off build of a generated crate's tests: no debug info and no
/// incremental state, which would otherwise fill gigabytes per corpus (a test binary per area,
/// each linking every dependency) and that no one reads.
pub const BUILD_ENV: &[(&str, &str)] =
    &[("CARGO_PROFILE_DEV_DEBUG", "0"), ("CARGO_INCREMENTAL", "0")];

/// Generates the client and its conformance tests into `opts.work` (replaced), builds and runs
/// the tests once, and accounts for every example.
pub fn run(analysis: &Analysis, opts: &Options) -> Result<Outcome, ConformanceError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ConformanceError::Io { path, source }
    };
    let files = emit(&analysis.api, &opts.emit)?;
    if opts.work.exists() {
        std::fs::remove_dir_all(&opts.work).map_err(io(&opts.work))?;
    }
    codegen::write::write(&opts.work, &files)?;
    if let Some(lock) = &opts.lockfile {
        std::fs::copy(lock, opts.work.join("Cargo.lock")).map_err(io(lock))?;
    }
    let manifest = conformance::manifest(&files);
    // A target per area with tests: an API without any has none for cargo to match.
    if manifest.tests.is_empty() && manifest.shapes.is_empty() {
        return Ok(conformance::account(&analysis.diagnostics, &manifest, ""));
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args([
        "test",
        "--test",
        "conformance-*",
        "--no-fail-fast",
        "--all-features",
    ])
    .current_dir(&opts.work)
    .envs(BUILD_ENV.iter().copied())
    .env("CARGO_TARGET_DIR", &opts.target_dir)
    .env("RUSTFLAGS", "-D warnings");
    if opts.lockfile.is_some() {
        cmd.arg("--offline");
    }
    let output = cmd.output().map_err(io(&opts.work))?;
    if opts.remove_binaries {
        remove_binaries(&String::from_utf8_lossy(&output.stderr), opts);
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !stdout.contains("test result:") {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(40).collect();
        return Err(ConformanceError::Build(
            tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
        ));
    }
    Ok(conformance::account(
        &analysis.diagnostics,
        &manifest,
        &stdout,
    ))
}

/// Removes the test binaries cargo says it ran (`Running tests/.. (PATH)`), those under the
/// run's target folder only. A binary that cannot be removed is left: it costs disk, nothing
/// else.
fn remove_binaries(stderr: &str, opts: &Options) {
    for line in stderr.lines() {
        let Some(path) = line
            .trim_start()
            .strip_prefix("Running ")
            .and_then(|rest| rest.rsplit_once(" ("))
            .and_then(|(_, p)| p.strip_suffix(')'))
        else {
            continue;
        };
        let path = opts.work.join(path);
        if path.starts_with(&opts.target_dir) {
            let _ = std::fs::remove_file(&path);
        }
    }
}
