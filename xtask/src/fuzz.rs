//! `cargo xtask fuzz [--minutes N] [--runs N] [--fast] [--target NAME]...`: run the engine's cargo-fuzz
//! targets one after the other and report executions, exec/s, crashes and corpus size per target.
//!
//! - `--minutes N` stops each target after N minutes, `--runs N` after N executions (e.g.
//!   `--runs 10000000` for the 10 million the hardening issue asks); with both, whichever comes
//!   first; with neither, 5 minutes.
//! - `--fast` builds without libFuzzer's comparison tracing (`cargo fuzz --no-trace-compares`, in its
//!   own `target/fuzz-fast` so the two builds do not rebuild each other). Each execution costs about
//!   half as much; the target's dictionary (below) gives back the keywords that tracing would have
//!   found. The default keeps tracing.
//! - A target's dictionary, `engine/fuzz/dict/NAME.dict` (libFuzzer `-dict`), lists the words its
//!   parser looks for: JSON punctuation, field and config keys, the words of spoken filters.
//! - Each target's inputs are capped at a length (libFuzzer `-max_len`, see [`max_len`]) that
//!   covers every structure it parses, so the run spends its time on new shapes, not on
//!   ever-longer copies of the same one.
//! - Installs cargo-fuzz (`cargo install cargo-fuzz --locked`) when `cargo fuzz` is missing.
//! - Uses the machine's nightly toolchain (`cargo +nightly fuzz`) when rustup has one, else the
//!   stable one with `RUSTC_BOOTSTRAP=1` (cargo-fuzz needs nightly flags).
//! - Builds with debug assertions (so integer overflow panics too) and without a sanitizer: the
//!   engine has no `unsafe` code, and the targets look for panics, hangs and runaway memory,
//!   which libFuzzer reports by itself (`-timeout`, `-rss_limit_mb`, `-malloc_limit_mb`).
//! - Each target starts from its committed seeds (`engine/fuzz/corpus/NAME`, read only) and
//!   grows a working corpus in `target/fuzz/corpus/NAME`; crash inputs are written to
//!   `target/fuzz/artifacts/NAME/`, and the full libFuzzer log to `target/fuzz/NAME.log`.
//!
//! A crash fails the task; its input belongs in `engine/tests/fuzz_regressions.rs`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

use crate::proc::{checked, command, output_of, shown, timed, workspace_root};

/// Minutes per target when `--minutes` is not given.
const DEFAULT_MINUTES: f64 = 5.0;
/// Seconds one input may take before libFuzzer reports it as a hang.
const TIMEOUT_SECS: u32 = 10;
/// Memory (MB) a run, or a single allocation, may use before libFuzzer reports it.
const MEMORY_LIMIT_MB: u32 = 2048;

/// What was asked on the command line.
#[derive(Debug, Clone, PartialEq)]
struct Options {
    /// Time per target, when limited by time.
    minutes: Option<f64>,
    /// Executions per target, when limited by count.
    runs: Option<u64>,
    /// `--fast`: build without comparison tracing.
    fast: bool,
    targets: Vec<String>,
}

impl Options {
    /// "5 min", "10,000,000 runs" or "10,000,000 runs or 30 min, whichever comes first".
    fn describe(&self) -> String {
        let stop = match (self.minutes, self.runs) {
            (Some(m), Some(r)) => format!("{} runs or {m} min per target, whichever comes first", thousands(r)),
            (None, Some(r)) => format!("{} runs per target", thousands(r)),
            (m, None) => format!("{} min per target", m.unwrap_or(DEFAULT_MINUTES)),
        };
        if self.fast {
            format!("{stop}, without comparison tracing (--fast)")
        } else {
            stop
        }
    }

    /// Build flags shared by the build and the run: release, debug assertions, no sanitizer, and
    /// with `--fast` no comparison tracing, built in its own target directory.
    fn build_flags(&self, root: &Path) -> Vec<String> {
        let mut flags: Vec<String> = ["--debug-assertions", "--sanitizer", "none"].map(str::to_owned).into();
        if self.fast {
            flags.push("--no-trace-compares".to_owned());
            flags.push("--target-dir".to_owned());
            flags.push(root.join("target/fuzz-fast").display().to_string());
        }
        flags
    }

    /// libFuzzer's stop conditions: `-max_total_time` (0 = none) and `-runs` (-1 = none).
    fn stop_flags(&self) -> [String; 2] {
        let minutes = match (self.minutes, self.runs) {
            (None, None) => Some(DEFAULT_MINUTES),
            (m, _) => m,
        };
        let seconds = minutes.map_or(0, |m| (m * 60.0).round().max(1.0) as u64);
        let runs = self.runs.map_or_else(|| "-1".to_owned(), |r| r.to_string());
        [format!("-max_total_time={seconds}"), format!("-runs={runs}")]
    }
}

/// The longest input (bytes) libFuzzer makes for `target`: long enough for every structure the
/// target parses, short enough that each execution stays fast. `None`: libFuzzer's own default
/// (the longest seed, at least 4096), which `index_parser` keeps (its seeds are whole indexes).
/// - catalogs and `hark.json`: 2 KB holds several items with every field, or every config key;
/// - queries: 1,280 bytes passes the engine's 1,024-byte query cap (`MAX_QUERY_BYTES`), so the
///   cut is fuzzed too, and holds the 16 alternatives it searches;
/// - utterances: 1 KB, far longer than anything said;
/// - remote answers: 4 KB holds a page of hits with highlights and facet counts.
fn max_len(target: &str) -> Option<usize> {
    match target {
        "catalog_parser" | "config_parser" => Some(2048),
        "query_analysis" => Some(1280),
        "understanding" => Some(1024),
        "remote_response" => Some(4096),
        _ => None,
    }
}

/// One target's outcome, read from libFuzzer's final statistics.
#[derive(Debug, Clone, Default, PartialEq)]
struct Outcome {
    executions: u64,
    crashes: u32,
    corpus: usize,
    seconds: f64,
    peak_rss_mb: u64,
    crash_note: Option<String>,
}

/// Run the fuzz targets and print the table.
pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_args(args)?;
    let root = workspace_root();
    let fuzz_dir = root.join("engine/fuzz");
    let available = targets(&fuzz_dir)?;
    let chosen = if options.targets.is_empty() { available.clone() } else { options.targets.clone() };
    if let Some(unknown) = chosen.iter().find(|t| !available.contains(t)) {
        return Err(format!("fuzz: no target `{unknown}` (there are: {})", available.join(", ")));
    }
    ensure_cargo_fuzz()?;
    let toolchain = Toolchain::detect();
    println!("==> fuzzing with {}, {}", toolchain.describe(), options.describe());
    let out = root.join("target/fuzz");
    let mut results = Vec::new();
    for target in &chosen {
        let outcome =
            timed(&format!("fuzz {target}"), || fuzz_one(&toolchain, &root, &fuzz_dir, &out, target, &options))?;
        results.push((target.clone(), outcome));
    }
    println!("\n{}", table(&results));
    let crashed: Vec<String> = results
        .iter()
        .filter(|(_, o)| o.crashes > 0)
        .map(|(t, o)| format!("{t}: {}", o.crash_note.as_deref().unwrap_or("crashed")))
        .collect();
    if crashed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzz: crashes found (add each input to engine/tests/fuzz_regressions.rs):\n  {}",
            crashed.join("\n  ")
        ))
    }
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options { minutes: None, runs: None, fast: false, targets: Vec::new() };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--minutes" => {
                let value = it.next().ok_or("fuzz: --minutes needs a value")?;
                options.minutes = Some(
                    value
                        .parse::<f64>()
                        .ok()
                        .filter(|m| m.is_finite() && *m > 0.0)
                        .ok_or_else(|| format!("fuzz: --minutes wants a positive number, not `{value}`"))?,
                );
            }
            "--runs" => {
                let value = it.next().ok_or("fuzz: --runs needs a value")?;
                let digits = value.replace(['_', ','], "");
                options.runs = Some(
                    digits
                        .parse::<u64>()
                        .ok()
                        .filter(|r| *r > 0 && *r <= i64::MAX as u64)
                        .ok_or_else(|| format!("fuzz: --runs wants a positive whole number, not `{value}`"))?,
                );
            }
            "--fast" => options.fast = true,
            "--target" => options.targets.push(it.next().ok_or("fuzz: --target needs a name")?.clone()),
            other => return Err(format!("fuzz: unknown option `{other}`")),
        }
    }
    Ok(options)
}

/// The fuzz targets: one file per target in `fuzz_targets/`, sorted.
fn targets(fuzz_dir: &Path) -> Result<Vec<String>, String> {
    let dir = fuzz_dir.join("fuzz_targets");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("fuzz: cannot list {}: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".rs")).map(str::to_owned))
        .collect();
    names.sort();
    Ok(names)
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    if output_of("cargo", &["fuzz", "--version"]).is_some() {
        return Ok(());
    }
    timed("cargo install cargo-fuzz --locked (about 2 minutes)", || {
        checked(command("cargo", &["install", "cargo-fuzz", "--locked"]))
    })
}

/// How to get nightly features: rustup's nightly, or the stable compiler told to allow them.
#[derive(Debug, Clone, PartialEq)]
enum Toolchain {
    Nightly(String),
    Bootstrap,
}

impl Toolchain {
    fn detect() -> Toolchain {
        match output_of("rustup", &["run", "nightly", "rustc", "--version"]) {
            Some(version) => Toolchain::Nightly(version),
            None => Toolchain::Bootstrap,
        }
    }

    fn describe(&self) -> String {
        match self {
            Toolchain::Nightly(version) => format!("`cargo +nightly fuzz` ({version})"),
            Toolchain::Bootstrap => "`RUSTC_BOOTSTRAP=1 cargo fuzz` (no nightly toolchain found)".to_owned(),
        }
    }

    /// `cargo [+nightly] fuzz <args>` run from `dir`.
    fn cargo_fuzz(&self, dir: &Path, args: &[&str]) -> std::process::Command {
        let mut all: Vec<&str> = Vec::new();
        if matches!(self, Toolchain::Nightly(_)) {
            all.push("+nightly");
        }
        all.push("fuzz");
        all.extend_from_slice(args);
        let mut cmd = command("cargo", &all);
        cmd.current_dir(dir);
        if *self == Toolchain::Bootstrap {
            cmd.env("RUSTC_BOOTSTRAP", "1");
        }
        cmd
    }
}

fn fuzz_one(
    toolchain: &Toolchain,
    root: &Path,
    fuzz_dir: &Path,
    out: &Path,
    target: &str,
    options: &Options,
) -> Result<Outcome, String> {
    let build_flags = options.build_flags(root);
    let mut build = vec!["build"];
    build.extend(build_flags.iter().map(String::as_str));
    build.push(target);
    checked(toolchain.cargo_fuzz(fuzz_dir, &build))?;

    let corpus = out.join("corpus").join(target);
    let artifacts = out.join("artifacts").join(target);
    for dir in [&corpus, &artifacts] {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let seeds = fuzz_dir.join("corpus").join(target);
    let (corpus_arg, seeds_arg) = (corpus.display().to_string(), seeds.display().to_string());
    let mut flags: Vec<String> = options.stop_flags().into();
    flags.extend(max_len(target).map(|n| format!("-max_len={n}")));
    let dict = fuzz_dir.join("dict").join(format!("{target}.dict"));
    if dict.is_file() {
        flags.push(format!("-dict={}", dict.display()));
    }
    flags.extend([
        "-print_final_stats=1".to_owned(),
        format!("-timeout={TIMEOUT_SECS}"),
        format!("-rss_limit_mb={MEMORY_LIMIT_MB}"),
        format!("-malloc_limit_mb={MEMORY_LIMIT_MB}"),
        format!("-artifact_prefix={}/", artifacts.display()),
    ]);
    let mut args = vec!["run"];
    args.extend(build_flags.iter().map(String::as_str));
    args.extend([target, corpus_arg.as_str()]);
    if seeds.is_dir() {
        args.push(seeds_arg.as_str());
    }
    args.push("--");
    args.extend(flags.iter().map(String::as_str));

    let log_path = out.join(format!("{target}.log"));
    let log = std::fs::File::create(&log_path).map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
    let mut cmd = toolchain.cargo_fuzz(fuzz_dir, &args);
    let shown = shown(&cmd);
    println!("    {shown}\n    log: {}", log_path.display());
    let started = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(log)
        .status()
        .map_err(|e| format!("could not run {shown}: {e}"))?;
    let text = std::fs::read_to_string(&log_path).map_err(|e| format!("cannot read {}: {e}", log_path.display()))?;
    let mut outcome = parse_log(&text);
    outcome.seconds = started.elapsed().as_secs_f64();
    outcome.corpus = count_files(&corpus);
    if !status.success() && outcome.crashes == 0 {
        // Not a finding libFuzzer reported (e.g. a build failure): show the end of the log.
        let tail: Vec<&str> = text.lines().rev().take(15).collect::<Vec<_>>().into_iter().rev().collect();
        return Err(format!("{shown} failed ({status}):\n{}", tail.join("\n")));
    }
    Ok(outcome)
}

/// Executions, crashes and peak memory from a libFuzzer log (`-print_final_stats=1`).
fn parse_log(log: &str) -> Outcome {
    let mut outcome = Outcome::default();
    for line in log.lines() {
        let stat = |name: &str| line.strip_prefix(name).and_then(|v| v.trim().parse::<u64>().ok());
        if let Some(n) = stat("stat::number_of_executed_units:") {
            outcome.executions = n;
        } else if let Some(n) = stat("stat::peak_rss_mb:") {
            outcome.peak_rss_mb = n;
        } else if line.contains("ERROR: libFuzzer:") {
            outcome.crashes += 1;
            outcome.crash_note = Some(line.trim().to_owned());
        } else if let Some(path) = line.split("Test unit written to ").nth(1) {
            let note = outcome.crash_note.take().unwrap_or_default();
            outcome.crash_note = Some(format!("{note} → {}", path.trim()));
        }
    }
    outcome
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|entries| entries.filter_map(|e| e.ok()).filter(|e| e.path().is_file()).count()).unwrap_or(0)
}

/// The per-target table printed at the end.
fn table(results: &[(String, Outcome)]) -> String {
    let mut out = String::from(
        "| target | executions | exec/s | crashes | corpus | peak RSS | time |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for (target, o) in results {
        let rate = if o.seconds > 0.0 { o.executions as f64 / o.seconds } else { 0.0 };
        let _ = writeln!(
            out,
            "| {target} | {} | {rate:.0} | {} | {} | {} MB | {:.0} s |",
            thousands(o.executions),
            o.crashes,
            o.corpus,
            o.peak_rss_mb,
            o.seconds
        );
    }
    out
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options() {
        assert_eq!(parse_args(&[]).unwrap(), Options { minutes: None, runs: None, fast: false, targets: vec![] });
        let o = parse_args(&args(&["--minutes", "0.5", "--target", "index_parser", "--target", "catalog_parser"])).unwrap();
        assert_eq!(o, Options { minutes: Some(0.5), runs: None, fast: false, targets: args(&["index_parser", "catalog_parser"]) });
        let o = parse_args(&args(&["--runs", "10_000_000"])).unwrap();
        assert_eq!(o, Options { minutes: None, runs: Some(10_000_000), fast: false, targets: vec![] });
        for bad in [
            &["--minutes"][..],
            &["--minutes", "-1"],
            &["--minutes", "soon"],
            &["--runs"],
            &["--runs", "0"],
            &["--runs", "1.5"],
            &["--runs", "-3"],
            &["--target"],
            &["--jobs", "2"],
        ] {
            assert!(parse_args(&args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn stops_by_time_by_count_or_by_whichever_comes_first() {
        let stop = |m, r| Options { minutes: m, runs: r, fast: false, targets: vec![] }.stop_flags();
        assert_eq!(stop(None, None), ["-max_total_time=300".to_owned(), "-runs=-1".to_owned()]);
        assert_eq!(stop(Some(0.5), None), ["-max_total_time=30".to_owned(), "-runs=-1".to_owned()]);
        assert_eq!(stop(None, Some(10_000_000)), ["-max_total_time=0".to_owned(), "-runs=10000000".to_owned()]);
        assert_eq!(stop(Some(30.0), Some(5)), ["-max_total_time=1800".to_owned(), "-runs=5".to_owned()]);
        assert_eq!(Options { minutes: None, runs: Some(10_000_000), fast: false, targets: vec![] }.describe(), "10,000,000 runs per target");
    }

    #[test]
    fn fast_drops_comparison_tracing_in_its_own_target_dir() {
        let root = Path::new("/repo");
        let slow = parse_args(&[]).unwrap();
        assert_eq!(slow.build_flags(root), args(&["--debug-assertions", "--sanitizer", "none"]));
        let fast = parse_args(&args(&["--fast", "--runs", "5"])).unwrap();
        assert!(fast.fast);
        assert_eq!(
            fast.build_flags(root),
            args(&["--debug-assertions", "--sanitizer", "none", "--no-trace-compares", "--target-dir", "/repo/target/fuzz-fast"])
        );
        assert_eq!(fast.describe(), "5 runs per target, without comparison tracing (--fast)");
    }

    #[test]
    fn every_dictionary_is_one_libfuzzer_can_read() {
        // libFuzzer refuses a dictionary with a line that is not `name="..."`, `"..."` or a comment.
        let root = workspace_root().join("engine/fuzz");
        let names = targets(&root).unwrap();
        for entry in std::fs::read_dir(root.join("dict")).unwrap().filter_map(|e| e.ok()) {
            let path = entry.path();
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            assert!(names.contains(&stem), "{} is not named after a target", path.display());
            let text = std::fs::read_to_string(&path).unwrap();
            let mut words = 0;
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                let quoted = if line.starts_with('"') { line } else { line.split_once('=').map_or(line, |(_, q)| q) };
                let printable = quoted.bytes().all(|b| (32..127).contains(&b));
                let ok = quoted.len() >= 2 && quoted.starts_with('"') && quoted.ends_with('"') && printable;
                assert!(ok, "{}: {line}", path.display());
                words += 1;
            }
            assert!(words > 5, "{} has {words} words", path.display());
        }
    }

    #[test]
    fn length_caps_keep_every_committed_seed_whole() {
        let root = workspace_root().join("engine/fuzz");
        for name in targets(&root).unwrap() {
            let Some(cap) = max_len(&name) else { continue };
            let dir = root.join("corpus").join(&name);
            for entry in std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()) {
                let len = entry.metadata().unwrap().len() as usize;
                assert!(len <= cap, "{}: {len} bytes, over {name}'s -max_len={cap}", entry.path().display());
            }
        }
    }

    #[test]
    fn reads_final_stats_and_crashes_from_a_libfuzzer_log() {
        let clean = "INFO: Seed: 1\n#2048\tpulse  cov: 900 ft: 2000 corp: 40/3Kb exec/s: 1024 rss: 60Mb\n\
                     Done 1234567 runs in 61 second(s)\nstat::number_of_executed_units: 1234567\n\
                     stat::average_exec_per_sec:     20238\nstat::new_units_added:          311\n\
                     stat::slowest_unit_time_sec:    0\nstat::peak_rss_mb:              71\n";
        let o = parse_log(clean);
        assert_eq!((o.executions, o.crashes, o.peak_rss_mb, o.crash_note), (1_234_567, 0, 71, None));

        let crash = "thread '<unnamed>' panicked at src/index.rs:10:5:\nindex out of bounds\n\
                     ==9584== ERROR: libFuzzer: deadly signal\nSUMMARY: libFuzzer: deadly signal\n\
                     artifact_prefix='/t/'; Test unit written to /t/crash-abc\n\
                     stat::number_of_executed_units: 42\n";
        let o = parse_log(crash);
        assert_eq!((o.executions, o.crashes), (42, 1));
        assert!(o.crash_note.unwrap().ends_with("→ /t/crash-abc"));
    }

    #[test]
    fn every_target_has_committed_seeds() {
        let names = targets(&workspace_root().join("engine/fuzz")).unwrap();
        assert!(names.len() >= 6, "{names:?}");
        for name in &names {
            let seeds = count_files(&workspace_root().join("engine/fuzz/corpus").join(name));
            assert!(seeds > 0, "{name} has no seeds in engine/fuzz/corpus/{name}");
        }
    }

    #[test]
    fn table_lists_each_target() {
        let o = Outcome { executions: 10_500_000, crashes: 0, corpus: 812, seconds: 600.0, peak_rss_mb: 80, crash_note: None };
        let t = table(&[("index_parser".into(), o)]);
        assert!(t.contains("| index_parser | 10,500,000 | 17500 | 0 | 812 | 80 MB | 600 s |"), "{t}");
    }
}
