//! `cargo xtask`: Hark's task runner.
//!
//! - `cargo xtask serve [--port N] [--release] [--no-open] [--remote URL] [--reload]`: set up, build the default catalog, serve
//!   on 127.0.0.1 (with `--remote`, `/search-proxy/` goes to an OpenSearch/Elasticsearch cluster).
//! - `cargo xtask site --config hark.json [--out DIR] [--public-url URL] [--dist DIR]`: a deployable folder for a
//!   site (the release app, its config, catalog and prebuilt index, pre-compressed `.gz`/`.br`).
//! - `cargo xtask test`: set up, then run every test layer (native, wasm in headless Chromium, end-to-end) and end
//!   with one totals line, `N passed, M failed`.
//! - `cargo xtask setup [--no-browser]`: only install what is missing.
//! - `cargo xtask catalog [--if-missing] [--things]`: build the default catalog from WordNet.
//! - `cargo xtask catalog --upload URL INDEX [--config hark.json] [--catalog FILE]`: load a catalog into
//!   OpenSearch/Elasticsearch under its own field names.
//! - `cargo xtask catalog --shop [--if-missing]`: build the shop demo catalog (Vendure's sample products, MIT).
//! - `cargo xtask fuzz [--minutes N] [--runs N] [--target NAME]`: run the fuzz targets and report per target.

mod bench;
mod catalog;
mod eval;
mod fuzz;
mod osmem;
mod proc;
mod serve;
mod setup;
mod shop;
mod site;
mod static_server;
mod test;
mod upload;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((task, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let result = match task.as_str() {
        "setup" => setup::run(&setup::Needs::from_args(rest)),
        "serve" => serve::run(rest),
        "site" => site::run(rest).map_err(|message| format!("site: {message}")),
        "test" => test::run(rest),
        "bench" => bench::run(rest),
        "eval" => eval::run(rest).map_err(|message| format!("eval: {message}")),
        "fuzz" => fuzz::run(rest),
        "catalog" if rest.iter().any(|arg| arg == "--upload") => {
            setup::run(&setup::Needs { browser: false, e2e_packages: false, wasm_tools: false })
                .and_then(|()| upload::run(rest).map_err(|message| format!("catalog --upload: {message}")))
        }
        "catalog" if rest.iter().any(|arg| arg == "--shop") => {
            shop::run(rest).map_err(|message| format!("catalog --shop: {message}"))
        }
        "catalog" => setup::run(&setup::Needs { browser: false, e2e_packages: false, wasm_tools: false })
            .and_then(|()| catalog::run(rest).map_err(|message| format!("catalog: {message}"))),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown task `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: cargo xtask <task>
  serve [--port N] [--release] [--no-open] [--remote URL] [--reload]
                                             set up, build the catalog, serve Hark on http://127.0.0.1:8080
                                             (--remote: proxy /search-proxy/ to a cluster, open ?config=hark.remote.json)
                                             strict CSP; --reload: trunk's live reload (script-src adds 'unsafe-inline')
  serve --config path/to/hark.json [--port N] [--release] [--dist DIR]
                                             build that site (as `site` does) and serve it on http://127.0.0.1:8080
  site --config path/to/hark.json [--out DIR] [--public-url URL] [--dist DIR]
                                             a deployable folder (default site/): release app, config as hark.json,
                                             catalog, prebuilt index, .gz/.br beside each file; prints gzip sizes
  test                                       set up, then run every test layer; ends with `N passed, M failed`
  setup [--no-browser]                       install what is missing (wasm target, trunk, wasm-bindgen, wasm-opt, Chromium, npm packages)
  catalog [--if-missing] [--things]          build the default WordNet catalog into catalog/
  catalog --shop [--if-missing]              build the shop demo catalog (catalog/shop.*, see hark.shop.json)
  catalog --upload URL INDEX [--config hark.json] [--catalog FILE] [--batch N] [--header \"Name: value\"] [--recreate]
                                             load a catalog into OpenSearch/Elasticsearch (_bulk, with the mapping)
  bench [--no-criterion]                     measure (native, and in Chromium against MiniSearch and FlexSearch); writes bench-report/REPORT.md
  bench --only page [--no-build]             just the page benchmarks (first load, spoken → painted vs plain JS, big catalog)
                                             on the release dist/, and the page wasm's size by crate; writes bench-report/PAGE.md
  bench --only size                          the page wasm as trunk builds it (gzip) and its bytes by crate (twiggy); writes bench-report/SIZE.md
  eval [--typed N] [--spoken N] [--misses N] relevance on real catalogs, typed and spoken (flite → pocketsphinx), against MiniSearch; writes eval-report/REPORT.md
  fuzz [--minutes N] [--runs N] [--target NAME]
                                             run every fuzz target (cargo-fuzz, nightly) for N minutes or N executions
                                             each (default 5 minutes); prints executions, crashes and corpus size";
