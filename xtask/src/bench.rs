//! `cargo xtask bench`: measure Hark and write `bench-report/REPORT.md` (plus the raw JSON).
//!
//! 1. Native (the `hark-engine` CLI built with `--profile native-bench`): index build and load times, recall@10 and
//!    query p50/p95 on the default (~14k) and the full WordNet (117,791) catalogs; then the criterion benches
//!    (among them the recognizer phrases: `phrases: choose (index build)`, the build-time cost, and `phrases: read
//!    stored (page)`, the page's main-thread cost).
//! 2. In one headless Chromium (e2e/bench/run.mjs), each engine in a fresh page on the same 117k catalog and the same
//!    300 clean + 300 misspelled queries: Hark's engine (wasm; prebuilt index, and indexing in the page),
//!    MiniSearch 7.2.0 (prefix + fuzzy 0.2) and FlexSearch 0.8.212: time until searchable, heap, p50/p95, recall@10.
//! 3. The page benchmarks (e2e/bench/page_bench.mjs, [`page`]) on the release `dist/`: first load (gzip -9 of what
//!    the page fetches until ready), spoken final → results painted against a plain-JS MiniSearch page, and the
//!    117k JSONL without an index loading in the page. `--only page` runs just these (`--no-build` reuses `dist/`)
//!    and writes `bench-report/PAGE.md`.
//! 4. Where the page wasm's bytes go ([`size`]): the wasm as trunk builds it (size, gzip -9), and twiggy's sizes on a
//!    build that keeps names, summed by crate; beside it the Leptos floor (`bench/leptos-floor`, the UI contract and
//!    nothing else) built the same way. Part of the full run and of `--only page`; `--only size` runs just this and
//!    writes `bench-report/SIZE.md`.

mod page;
mod size;

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::proc::{checked, command, shown, timed, workspace_root};
use crate::setup::{self, Needs};

/// Phrases said in the spoken → painted benchmark.
const PHRASES: usize = 100;

/// What `cargo xtask bench` was asked to do.
#[derive(Debug, Default, PartialEq)]
struct Options {
    /// `--no-criterion`: skip the criterion benches.
    skip_criterion: bool,
    /// `--only page`: only the page benchmarks (and the size profile).
    only_page: bool,
    /// `--only size`: only the size profile of the page wasm.
    only_size: bool,
    /// `--no-build`: measure the `dist/` already built.
    no_build: bool,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-criterion" => options.skip_criterion = true,
            "--no-build" => options.no_build = true,
            "--only" => match args.next().map(String::as_str) {
                Some("page") => options.only_page = true,
                Some("size") => options.only_size = true,
                other => return Err(format!("bench: --only takes `page` or `size`, not {other:?}")),
            },
            unknown => return Err(format!("bench: unknown option `{unknown}`")),
        }
    }
    Ok(options)
}

/// Run the benchmarks and write the report.
pub fn run(args: &[String]) -> Result<(), String> {
    let options = options(args)?;
    setup::run(&Needs { browser: true, e2e_packages: true, wasm_tools: true })?;
    let root = workspace_root();
    let out = root.join("bench-report");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create bench-report/: {e}"))?;
    crate::catalog::run(&["--if-missing".to_string()]).map_err(|message| format!("catalog: {message}"))?;
    if options.only_size {
        let mut report = format!("# Hark page wasm size\n\nProduced by `cargo xtask bench --only size` on {} — {}.\n\n", today(), machine());
        report.push_str(&size_section()?);
        return write_report(&out, "SIZE.md", &report);
    }
    if options.only_page {
        build_app(&options)?;
        let mut report = format!("# Hark page benchmarks\n\nProduced by `cargo xtask bench --only page` on {} — {}.\n\n", today(), machine());
        report.push_str(&page_sections(&root, &out)?);
        report.push_str(&size_section()?);
        return write_report(&out, "PAGE.md", &report);
    }

    timed("build the native CLI (profile native-bench)", || {
        checked(command("cargo", &["build", "--quiet", "--profile", "native-bench", "-p", "hark-engine", "--features", "cli"]))
    })?;
    let cli = root.join("target/native-bench/hark-engine").display().to_string();
    let mut report = String::new();
    let _ = writeln!(report, "# Hark benchmark report\n");
    let _ = writeln!(report, "Produced by `cargo xtask bench` on {} — {}.\n", today(), machine());

    let _ = writeln!(report, "## Native engine (hark-engine CLI, this machine)\n");
    for (name, catalog) in [("default catalog (WordNet things)", "things"), ("full WordNet (117,791 synsets)", "wordnet-all")] {
        let jsonl = format!("catalog/{catalog}.jsonl");
        let hidx = format!("catalog/{catalog}.hidx");
        let queries = format!("bench-report/queries-{catalog}.json");
        let built = capture(command(&cli, &["index", &jsonl, "-o", &format!("bench-report/{catalog}.hidx")]))?;
        capture(command(&cli, &["queries", &hidx, "-o", &queries]))?;
        let eval = capture(command(&cli, &["eval", &hidx, &queries]))?;
        let _ = writeln!(report, "**{name}**\n\n```\n{}\n{}\n```\n", built.trim(), eval.trim());
    }

    if !options.skip_criterion {
        let criterion = timed("criterion benches (cargo bench -p hark-engine)", || {
            capture(command(
                "cargo",
                &["bench", "--quiet", "-p", "hark-engine", "--bench", "engine", "--", "--warm-up-time", "1", "--measurement-time", "3"],
            ))
        })?;
        let summary = criterion_summary(&criterion);
        let _ = writeln!(report, "**criterion** (`cargo bench -p hark-engine --bench engine`)\n\n```\n{summary}\n```\n");
    }

    timed("build the engine for the browser (hark-bench-wasm)", || {
        checked(command("cargo", &["build", "--quiet", "--release", "--target", "wasm32-unknown-unknown", "-p", "hark-bench-wasm"]))?;
        checked(command(
            "wasm-bindgen",
            &["--target", "web", "--out-dir", "target/bench-web", "target/wasm32-unknown-unknown/release/hark_bench_wasm.wasm"],
        ))
    })?;
    build_app(&options)?;

    let browser_json = timed("browser: Hark vs MiniSearch vs FlexSearch (e2e/bench/run.mjs)", || {
        let mut run = command(
            "node",
            &[
                "bench/run.mjs",
                "--hark", "../target/bench-web",
                "--catalog", "../catalog/wordnet-all.jsonl",
                "--index", "../catalog/wordnet-all.hidx",
                "--queries", "../bench-report/queries-wordnet-all.json",
                "--app", "../dist",
                "--speak-runs", "30",
            ],
        );
        run.current_dir(root.join("e2e"));
        capture(run)
    })?;
    std::fs::write(out.join("browser.json"), &browser_json).map_err(|e| format!("cannot write browser.json: {e}"))?;
    report.push_str(&browser_section(&browser_json));
    report.push_str(&page_sections(&root, &out)?);
    report.push_str(&size_section()?);
    write_report(&out, "REPORT.md", &report)
}

/// The size profile of the page wasm ([`size`]).
fn size_section() -> Result<String, String> {
    let profile = timed("page wasm size by part, and the Leptos floor (release builds, wasm-opt, twiggy)", size::measure)?;
    Ok(size::section(&profile))
}

/// The release app in `dist/`, unless `--no-build` (then `dist/` must exist).
fn build_app(options: &Options) -> Result<(), String> {
    if options.no_build {
        return if workspace_root().join("dist/index.html").is_file() {
            Ok(())
        } else {
            Err("bench --no-build: there is no dist/index.html; run once without --no-build".into())
        };
    }
    timed("build the app (trunk build --release)", || checked(command("trunk", &["build", "--release"])))
}

/// Run the page benchmarks, keep their JSON in `page.json`, and return their report sections.
fn page_sections(root: &Path, out: &Path) -> Result<String, String> {
    let json = timed("page: first load, spoken → painted vs plain JS, big catalog (e2e/bench/page_bench.mjs)", || page::measure(PHRASES))?;
    std::fs::write(out.join("page.json"), &json).map_err(|e| format!("cannot write page.json: {e}"))?;
    Ok(page::sections(&json, &root.join("dist")))
}

fn write_report(out: &Path, name: &str, report: &str) -> Result<(), String> {
    std::fs::write(out.join(name), report).map_err(|e| format!("cannot write {name}: {e}"))?;
    println!("\n{report}");
    println!("==> wrote bench-report/{name} (raw numbers: bench-report/*.json)");
    Ok(())
}

/// The `name  time: [low mid high]` lines of criterion's output; a long name is printed on a line of its own, with
/// `time:` on the next. Percentile lines the benches print themselves (`…: 300 queries, p50 … ms, p95 … ms`) are kept.
fn criterion_summary(output: &str) -> String {
    let mut lines = Vec::new();
    let mut previous = "";
    for line in output.lines() {
        if line.contains(" queries, p50 ") {
            lines.push(line.trim().to_string());
        }
        if let Some(at) = line.find("time:") {
            let name = line[..at].trim();
            let name = if name.is_empty() { previous.trim() } else { name };
            lines.push(format!("{name:<32} {}", line[at..].trim()));
        }
        if !line.trim().is_empty() {
            previous = line;
        }
    }
    if lines.is_empty() { output.trim().to_string() } else { lines.join("\n") }
}

/// Run and return stdout (stderr passes through); fails with the command's name.
fn capture(mut command: Command) -> Result<String, String> {
    let shown = shown(&command);
    let output = command.stderr(Stdio::inherit()).output().map_err(|e| format!("could not run {shown}: {e}"))?;
    if !output.status.success() {
        return Err(format!("{shown} failed ({})", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn browser_section(json: &str) -> String {
    let report: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let mut out = String::from("## In the browser: 117,791 WordNet synsets, one headless Chromium, side by side\n\n");
    let chromium = report["chromium"].as_str().unwrap_or_default();
    let _ = writeln!(
        out,
        "Chromium {chromium}, each engine in a fresh page. *Ready*: from the bytes having arrived to searchable. *Heap*: JS heap growth \
         plus wasm memory, after two forced collections. p50/p95 over 300 + 300 queries (after one warm-up pass; the browser's \
         clock has 0.1 ms resolution), recall@10: the intended document in the top 10.\n"
    );
    let _ = writeln!(out, "| engine | ready (ms) | heap (MB) | p50 / p95 clean (ms) | p50 / p95 misspelled (ms) | recall@10 clean | recall@10 misspelled |");
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|");
    for result in report["results"].as_array().into_iter().flatten() {
        let label = match result["engine"].as_str().unwrap_or_default() {
            "hark" => "**Hark** (wasm, prebuilt index)",
            "hark-in-page" => "Hark (wasm, indexing the JSONL in the page)",
            "minisearch" => "MiniSearch 7.2.0 (prefix, fuzzy 0.2)",
            "flexsearch" => "FlexSearch 0.8.212 (Document, tokenize forward)",
            other => other,
        };
        if let Some(error) = result["error"].as_str() {
            let _ = writeln!(out, "| {label} | failed: {error} | | | | | |");
            continue;
        }
        let number = |value: &serde_json::Value| value.as_f64().unwrap_or(f64::NAN);
        let sets = &result["sets"];
        let _ = writeln!(
            out,
            "| {label} | {:.0} | {:.1} | {:.1} / {:.1} | {:.1} / {:.1} | {:.3} | {:.3} |",
            number(&result["readyMs"]),
            number(&result["heapBytes"]) / 1e6,
            number(&sets["clean"]["p50"]),
            number(&sets["clean"]["p95"]),
            number(&sets["misspelled"]["p50"]),
            number(&sets["misspelled"]["p95"]),
            number(&sets["clean"]["recall"]),
            number(&sets["misspelled"]["recall"]),
        );
    }
    if !report["speak"].is_null() {
        match (report["speak"]["p50"].as_f64(), report["speak"]["p95"].as_f64()) {
            (Some(p50), Some(p95)) => {
                let _ = writeln!(out, "\nFinal transcript → first `speechSynthesis.speak()` in the app (fake speech, 30 runs): p50 {p50:.1} ms, p95 {p95:.1} ms (target ≤ 50 ms).");
            }
            _ => {
                let _ = writeln!(out, "\nFinal transcript → first `speak()`: not measured in this build.");
            }
        }
    }
    out.push('\n');
    out
}

fn gzip_size(path: &Path) -> Result<u64, String> {
    let output = Command::new("gzip").arg("-9c").arg(path).output().map_err(|e| format!("gzip: {e}"))?;
    Ok(output.stdout.len() as u64)
}

fn today() -> String {
    Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]).output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default()
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo.lines().find_map(|l| l.strip_prefix("model name")).map(|l| l.trim_start_matches([' ', '\t', ':']).to_string()).unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_gib = meminfo.lines().find_map(|l| l.strip_prefix("MemTotal:")).and_then(|l| l.trim().trim_end_matches("kB").trim().parse::<f64>().ok()).map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    format!("{model}, {cores} cores, {mem_gib:.0} GiB")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse_and_reject_unknown_ones() {
        let args = |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        assert_eq!(options(&args(&[])), Ok(Options::default()));
        assert_eq!(
            options(&args(&["--only", "page", "--no-build"])),
            Ok(Options { only_page: true, no_build: true, ..Options::default() })
        );
        assert_eq!(options(&args(&["--only", "size"])), Ok(Options { only_size: true, ..Options::default() }));
        assert!(options(&args(&["--only", "engines"])).is_err());
        assert!(options(&args(&["--only"])).is_err());
        assert!(options(&args(&["--fast"])).is_err());
    }

    #[test]
    fn criterion_names_on_their_own_line_are_kept() {
        let output = "things/load index       time:   [1.67 ms 1.68 ms 1.69 ms]\nwordnet-all/parse catalog\n                        time:   [288 ms 292 ms 295 ms]\n";
        let summary = criterion_summary(output);
        assert!(summary.contains("things/load index"), "{summary}");
        assert!(summary.lines().nth(1).is_some_and(|l| l.starts_with("wordnet-all/parse catalog") && l.contains("292 ms")), "{summary}");
        let with_percentiles = format!("wordnet-all price under 100: 300 queries, p50 0.3 ms, p95 0.9 ms\n{output}");
        assert!(criterion_summary(&with_percentiles).starts_with("wordnet-all price under 100: 300 queries"));
    }

    #[test]
    fn renders_a_row_per_engine_and_failures_in_place() {
        let json = r#"{"chromium": "156", "results": [
            {"engine": "hark", "readyMs": 47.5, "heapBytes": 25600000,
             "sets": {"clean": {"p50": 0.7, "p95": 1.2, "recall": 1}, "misspelled": {"p50": 0.8, "p95": 1.4, "recall": 0.983}}},
            {"engine": "x", "error": "boom"}], "speak": {"p50": 1.5, "p95": 3.0}}"#;
        let section = browser_section(json);
        assert!(section.contains("Chromium 156"), "{section}");
        assert!(section.contains("| **Hark** (wasm, prebuilt index) | 48 | 25.6 | 0.7 / 1.2 | 0.8 / 1.4 | 1.000 | 0.983 |"), "{section}");
        assert!(section.contains("| x | failed: boom |"), "{section}");
        assert!(section.contains("p50 1.5 ms, p95 3.0 ms"), "{section}");
    }
}
