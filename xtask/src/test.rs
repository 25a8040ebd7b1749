//! `cargo xtask test`: set up, then every test layer, then one totals line `N passed, M failed`.
//!
//! Layers: native `cargo test` (pure logic, engine), wasm-bindgen-test in headless Chromium (the engine in the
//! browser), the speech hooks' crate `leptos-speech` on its own rows (native unit tests and doctests, then its
//! browser tests in Chromium), and end-to-end tests (playwright-core + Chromium, `node --test`) against the release build served
//! on 127.0.0.1. The app is built once per run. For the remote engine's e2e tests an osmem-server (OpenSearch API)
//! runs on a free 127.0.0.1 port during the e2e layer; its URL reaches them as `HARK_OPENSEARCH_URL` (without it
//! they fail, never skip).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::proc::{command, checked, timed, workspace_root};
use crate::setup::{self, Needs, CHROMEDRIVER};

/// Counts from one layer.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Self) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Run every layer; fails when any test failed or a layer could not run.
pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(unknown) = args.first() {
        return Err(format!("test: unknown option `{unknown}`"));
    }
    setup::run(&Needs { browser: true, e2e_packages: true, wasm_tools: true })?;
    let mut layers: Vec<(&str, Counts, Option<String>)> = Vec::new();

    let native = layer("native: cargo test --workspace", || {
        counted(command("cargo", &["test", "--workspace", "--exclude", SPEECH, "--no-fail-fast"]), parse_cargo)
    });
    layers.push(("native (cargo test)", native.0, native.1));
    let speech = layer("leptos-speech: unit tests and doctests", || {
        counted(command("cargo", &["test", "-p", SPEECH, "--no-fail-fast"]), parse_cargo)
    });
    layers.push(("leptos-speech (native, doctests)", speech.0, speech.1));

    let wasm = layer("wasm: wasm-bindgen-test in headless Chromium", || counted(browser_tests("hark"), parse_cargo));
    layers.push(("wasm (wasm-bindgen-test, Chromium)", wasm.0, wasm.1));
    let speech_wasm = layer("leptos-speech: wasm-bindgen-test in headless Chromium", || {
        counted(browser_tests(SPEECH), parse_cargo)
    });
    layers.push(("leptos-speech (wasm, Chromium)", speech_wasm.0, speech_wasm.1));

    let built = timed("build: catalog and release app (trunk build --release)", || {
        crate::catalog::run(&["--if-missing".to_string()]).map_err(|message| format!("catalog: {message}"))?;
        crate::shop::run(&["--shop".to_string(), "--if-missing".to_string()])
            .map_err(|message| format!("catalog --shop: {message}"))?;
        checked(command("trunk", &["build", "--release"]))
    });
    // Stopped when `opensearch` is dropped at the end of this function, whatever happened in between.
    let opensearch = crate::osmem::install().and_then(|bin| crate::osmem::Osmem::start(&bin));
    match &opensearch {
        Ok(server) => println!("==> osmem-server (OpenSearch API) at {}", server.url),
        Err(error) => println!("    ! {error}
    ! the remote engine's e2e tests will fail"),
    }
    let e2e = match built {
        Ok(()) => layer("e2e: node --test (playwright-core + Chromium)", || {
            let mut test = command("node", &["--test", "--test-concurrency=1"]);
            test.current_dir(workspace_root().join("e2e"))
                .env("HARK_DIST", workspace_root().join("dist"))
                .env("CHROMIUM", setup::CHROMIUM);
            if let Ok(server) = &opensearch {
                test.env("HARK_OPENSEARCH_URL", &server.url);
            }
            counted(test, parse_node)
        }),
        Err(error) => (Counts { passed: 0, failed: 1 }, Some(format!("the app did not build: {error}"))),
    };
    drop(opensearch);
    layers.push(("e2e (node --test, Chromium)", e2e.0, e2e.1));

    println!();
    println!("Test layers:");
    let mut total = Counts::default();
    for (name, counts, problem) in &layers {
        println!("  {name:<38} {:>5} passed, {:>3} failed", counts.passed, counts.failed);
        if let Some(problem) = problem {
            println!("      ! {problem}");
        }
        total += *counts;
    }
    println!("{} passed, {} failed", total.passed, total.failed);
    if total.failed > 0 {
        Err(format!("{} test(s) failed", total.failed))
    } else {
        Ok(())
    }
}

/// The speech hooks' crate (crates/leptos-speech), tested on rows of its own.
const SPEECH: &str = "leptos-speech";

/// `cargo test` of `package`'s tests for wasm32, run by wasm-bindgen-test-runner in headless Chromium.
fn browser_tests(package: &str) -> Command {
    // `--quiet` would reach wasm-bindgen-test-runner, which rejects it.
    let mut test =
        command("cargo", &["test", "--no-fail-fast", "-p", package, "--target", "wasm32-unknown-unknown", "--tests"]);
    test.env("CHROMEDRIVER", CHROMEDRIVER).env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    test
}

/// Run a layer; a layer that could not run counts as one failure so the totals never hide it.
fn layer(name: &str, body: impl FnOnce() -> Result<Counts, String>) -> (Counts, Option<String>) {
    match timed(name, body) {
        Ok(counts) => (counts, None),
        Err(error) => (Counts { passed: 0, failed: 1 }, Some(error)),
    }
}

/// Run `command`, echo its stdout, and add up the counts `parse` finds in it.
fn counted(mut command: Command, parse: fn(&str) -> Option<Counts>) -> Result<Counts, String> {
    let shown = crate::proc::shown(&command);
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| format!("could not run {shown}: {error}"))?;
    let mut counts = Counts::default();
    let mut seen = false;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(found) = parse(&line) {
                counts += found;
                seen = true;
            }
        }
    }
    let status = child.wait().map_err(|error| format!("{shown}: {error}"))?;
    if !seen {
        return Err(format!("{shown} reported no test results ({status})"));
    }
    if !status.success() && counts.failed == 0 {
        counts.failed += 1;
        println!("    ! {shown} exited with {status} although no test failed");
    }
    Ok(counts)
}

/// `test result: ok. 12 passed; 0 failed; ...` (cargo test and wasm-bindgen-test-runner).
pub fn parse_cargo(line: &str) -> Option<Counts> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let number_before = |word: &str| -> Option<u64> {
        rest.split(';').find_map(|part| part.trim().trim_start_matches(|c: char| !c.is_ascii_digit()).strip_suffix(word)?.trim().parse().ok())
    };
    Some(Counts { passed: number_before("passed")?, failed: number_before("failed")? })
}

/// node's TAP summary: `# pass 17` and `# fail 0` come on separate lines.
pub fn parse_node(line: &str) -> Option<Counts> {
    let line = line.trim();
    if let Some(n) = line.strip_prefix("# pass ") {
        return Some(Counts { passed: n.trim().parse().ok()?, failed: 0 });
    }
    if let Some(n) = line.strip_prefix("# fail ") {
        return Some(Counts { passed: 0, failed: n.trim().parse().ok()? });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cargo_summaries() {
        let ok = "test result: ok. 32 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.12s";
        assert_eq!(parse_cargo(ok), Some(Counts { passed: 32, failed: 0 }));
        let bad = "test result: FAILED. 31 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(parse_cargo(bad), Some(Counts { passed: 31, failed: 1 }));
        assert_eq!(parse_cargo("running 3 tests"), None);
    }

    #[test]
    fn parses_node_tap_summaries() {
        assert_eq!(parse_node("# pass 17"), Some(Counts { passed: 17, failed: 0 }));
        assert_eq!(parse_node("# fail 2"), Some(Counts { passed: 0, failed: 2 }));
        assert_eq!(parse_node("# tests 19"), None);
    }
}
