//! `cargo xtask bench-build`: what the generated code costs to compile. Builds, in one target
//! folder, a baseline crate with the generated crate's dependencies and no code of its own, then
//! the generated crate with every area and with one area. Times are quoted as ratios to the
//! baseline measured in the same run (these machines are noisy), cold (dependencies included)
//! and warm (dependencies already built: the crate's own code only).

use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Options<'a> {
    pub docs: &'a Path,
    pub area: Option<String>,
    pub work: &'a Path,
    pub lockfile: &'a Path,
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<Duration> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let start = Instant::now();
    let out = Command::new(cargo)
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
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
    // The baseline: the same manifest and dependencies, a library with no code.
    let manifest = files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .map(|f| {
            f.contents
                .replace("name = \"bench-client\"", "name = \"bench-baseline\"")
        })
        .context("the generated crate has a Cargo.toml")?;
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
    let cold_baseline = cargo(&baseline, &target, &["build", "--lib"])?;
    let warm_baseline = {
        cargo(&baseline, &target, &["clean", "-p", "bench-baseline"])?;
        cargo(&baseline, &target, &["build", "--lib"])?
    };
    let full = { cargo(&client, &target, &["build", "--lib", "--all-features"])? };
    cargo(&client, &target, &["clean", "-p", "bench-client"])?;
    let one = cargo(
        &client,
        &target,
        &[
            "build",
            "--lib",
            "--no-default-features",
            "--features",
            &area,
        ],
    )?;
    let secs = |d: Duration| d.as_secs_f64();
    let ops = analysis.api.operations.len();
    let types = analysis.api.resources.len() + analysis.api.enums.len();
    Ok(format!(
        "docs {} ({ops} operations, {types} types); one area: `{area}`\n\
         baseline (dependencies, no code)  cold {:7.1}s   warm {:6.2}s\n\
         full crate (--all-features)       {:7.1}s   {:5.2}x the cold baseline, {:6.1}s of its own\n\
         one area                          {:7.1}s   {:5.2}x the cold baseline, {:6.1}s of its own\n\
         one area / full, own code only    {:5.2}\n",
        opts.docs.display(),
        secs(cold_baseline),
        secs(warm_baseline),
        secs(full) + secs(cold_baseline) - secs(warm_baseline),
        (secs(full) + secs(cold_baseline) - secs(warm_baseline)) / secs(cold_baseline),
        secs(full),
        secs(one) + secs(cold_baseline) - secs(warm_baseline),
        (secs(one) + secs(cold_baseline) - secs(warm_baseline)) / secs(cold_baseline),
        secs(one),
        secs(one) / secs(full),
    ))
}

/// The area feature with the fewest operations in the generated `operations.rs`.
fn smallest_area(files: &[codegen::emit::GeneratedFile]) -> Option<String> {
    let ops = files.iter().find(|f| f.path == "src/operations.rs")?;
    let manifest = files.iter().find(|f| f.path == "Cargo.toml")?;
    let areas: Vec<&str> = manifest
        .contents
        .lines()
        .skip_while(|l| !l.starts_with("[features]"))
        .filter_map(|l| l.strip_suffix(" = []"))
        .collect();
    areas
        .into_iter()
        .map(|a| {
            let n = ops
                .contents
                .matches(&format!("#[cfg(feature = \"{a}\")]"))
                .count();
            (n, a)
        })
        .filter(|(n, _)| *n > 0)
        .min()
        .map(|(_, a)| a.to_string())
}
