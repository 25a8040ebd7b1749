//! `hark-engine`: build an index ahead of time, generate benchmark queries, evaluate, search.

use hark_engine::bench_queries::{self, BenchQuery};
use hark_engine::{parse_catalog, CatalogConfig, Index, Query, MAGIC};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage:
  hark-engine index CATALOG -o INDEX [--config hark.json]
      Build a binary index from a JSON / JSON Lines catalog.
  hark-engine queries CATALOG|INDEX -o queries.json [--config hark.json] [--count 300] [--seed 1]
      Write the deterministic benchmark query set (clean + misspelled).
  hark-engine eval CATALOG|INDEX QUERIES [--config hark.json] [-k 10] [--no-typo] [--no-phonetic] [--misses N]
      Print recall@k and latency p50/p95 per query set.
  hark-engine search CATALOG|INDEX QUERY [--alt TEXT=CONFIDENCE]... [-k 10] [--no-prefix]
      Print the results of one query.";

struct Args {
    positional: Vec<String>,
    output: Option<String>,
    config: Option<String>,
    count: usize,
    seed: u64,
    k: usize,
    typo: bool,
    phonetic: bool,
    prefix: bool,
    misses: usize,
    alts: Vec<(String, f32)>,
}

fn parse_args(raw: &[String]) -> Result<Args, String> {
    let mut a = Args {
        positional: Vec::new(),
        output: None,
        config: None,
        count: 300,
        seed: 1,
        k: 10,
        typo: true,
        phonetic: true,
        prefix: true,
        misses: 0,
        alts: Vec::new(),
    };
    let mut it = raw.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "-o" | "--output" => a.output = Some(value(arg)?),
            "--config" => a.config = Some(value(arg)?),
            "--count" => a.count = value(arg)?.parse().map_err(|e| format!("--count: {e}"))?,
            "--seed" => a.seed = value(arg)?.parse().map_err(|e| format!("--seed: {e}"))?,
            "-k" | "--limit" => a.k = value(arg)?.parse().map_err(|e| format!("-k: {e}"))?,
            "--misses" => a.misses = value(arg)?.parse().map_err(|e| format!("--misses: {e}"))?,
            "--no-typo" => a.typo = false,
            "--no-phonetic" => a.phonetic = false,
            "--no-prefix" => a.prefix = false,
            "--alt" => {
                let v = value(arg)?;
                let (text, conf) = v.rsplit_once('=').ok_or("--alt wants TEXT=CONFIDENCE")?;
                a.alts.push((
                    text.to_owned(),
                    conf.parse().map_err(|e| format!("--alt confidence: {e}"))?,
                ));
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("unknown option {s}\n{USAGE}"))
            }
            _ => a.positional.push(arg.clone()),
        }
    }
    Ok(a)
}

fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{path}: {e}"))
}

fn config(a: &Args) -> Result<CatalogConfig, String> {
    match &a.config {
        None => Ok(CatalogConfig::default()),
        Some(p) => {
            let cfg: CatalogConfig =
                serde_json::from_slice(&read(p)?).map_err(|e| format!("{p}: {e}"))?;
            cfg.validate().map_err(|e| format!("{p}: {e}"))?;
            Ok(cfg)
        }
    }
}

/// Loads an index file, or parses and indexes a catalog.
fn load(path: &str, a: &Args) -> Result<Index, String> {
    let bytes = read(path)?;
    let t = Instant::now();
    if bytes.starts_with(MAGIC) {
        let index = Index::from_vec(bytes).map_err(|e| format!("{path}: {e}"))?;
        eprintln!(
            "loaded {path}: {} documents in {:.1} ms",
            index.len(),
            ms(t)
        );
        Ok(index)
    } else {
        let cfg = config(a)?;
        let catalog = parse_catalog(&bytes, &cfg).map_err(|e| format!("{path}: {e}"))?;
        for w in &catalog.warnings {
            eprintln!("warning: {path}: {w}");
        }
        let index = Index::build(&catalog, &cfg);
        eprintln!(
            "indexed {path}: {} documents in {:.1} ms",
            index.len(),
            ms(t)
        );
        Ok(index)
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn run(raw: &[String]) -> Result<(), String> {
    let (cmd, rest) = raw.split_first().ok_or(USAGE)?;
    let a = parse_args(rest)?;
    let need = |n: usize| {
        if a.positional.len() == n {
            Ok(())
        } else {
            Err(format!("{cmd}: wrong arguments\n{USAGE}"))
        }
    };
    match cmd.as_str() {
        "index" => {
            need(1)?;
            let out = a.output.as_deref().ok_or("index: -o INDEX is required")?;
            let path = &a.positional[0];
            let cfg = config(&a)?;
            let t = Instant::now();
            let bytes = read(path)?;
            let catalog = parse_catalog(&bytes, &cfg).map_err(|e| format!("{path}: {e}"))?;
            let parsed = ms(t);
            for w in &catalog.warnings {
                eprintln!("warning: {path}: {w}");
            }
            let t = Instant::now();
            let index = Index::build(&catalog, &cfg);
            let built = ms(t);
            let bytes = index.to_bytes();
            std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
            println!(
                "{out}: {} documents, {} words, {} bytes (parse {parsed:.0} ms, build {built:.0} ms)",
                index.len(),
                index.vocabulary_len(),
                bytes.len()
            );
        }
        "queries" => {
            need(1)?;
            let out = a.output.as_deref().ok_or("queries: -o FILE is required")?;
            let index = load(&a.positional[0], &a)?;
            let qs = bench_queries::generate(&index, a.count, a.seed);
            let json = serde_json::to_string_pretty(&qs).map_err(|e| e.to_string())?;
            std::fs::write(out, json).map_err(|e| format!("{out}: {e}"))?;
            println!("{out}: {} queries", qs.len());
        }
        "eval" => {
            need(2)?;
            let index = load(&a.positional[0], &a)?;
            let qs: Vec<BenchQuery> = serde_json::from_slice(&read(&a.positional[1])?)
                .map_err(|e| format!("{}: {e}", a.positional[1]))?;
            let start = Instant::now();
            let (typo, phonetic) = (a.typo, a.phonetic);
            let reports = bench_queries::evaluate(
                &index,
                &qs,
                a.k,
                |q| {
                    q.with_typo_tolerance(typo)
                        .with_phonetic(phonetic)
                        .with_prefix_last_word(false)
                },
                || start.elapsed().as_secs_f64() * 1e3,
            );
            for r in reports {
                println!(
                    "{:<10} {:>4} queries  recall@{} {:.3}  p50 {:.3} ms  p95 {:.3} ms  max {:.3} ms",
                    format!("{:?}", r.set).to_lowercase(),
                    r.queries,
                    a.k,
                    r.recall,
                    r.p50_ms,
                    r.p95_ms,
                    r.max_ms
                );
                for (q, expected, got) in r.misses.iter().take(a.misses) {
                    println!("  miss: {q:?} wanted {expected:?}, got {got:?}");
                }
            }
        }
        "search" => {
            need(2)?;
            let index = load(&a.positional[0], &a)?;
            let mut alts = vec![(a.positional[1].clone(), 1.0)];
            alts.extend(a.alts.iter().cloned());
            let q = Query::alternatives(alts)
                .with_limit(a.k)
                .with_typo_tolerance(a.typo)
                .with_phonetic(a.phonetic)
                .with_prefix_last_word(a.prefix);
            let t = Instant::now();
            let hits = index.search(&q);
            let took = ms(t);
            for h in &hits {
                if let Some(d) = index.doc(h.doc) {
                    println!(
                        "{:>8.3}  {:<40} {:<24} {}  {:?}",
                        h.score, d.title, d.category, d.id, h.title_spans
                    );
                }
            }
            if hits.is_empty() {
                println!(
                    "no results{}",
                    index
                        .suggest(&a.positional[1])
                        .map(|s| format!("; did you mean {s:?}?"))
                        .unwrap_or_default()
                );
            }
            eprintln!("{} hits in {took:.3} ms", hits.len());
        }
        "-h" | "--help" | "help" => println!("{USAGE}"),
        other => return Err(format!("unknown command {other:?}\n{USAGE}")),
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hark-engine: {e}");
            ExitCode::FAILURE
        }
    }
}
