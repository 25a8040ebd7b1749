//! `hark-engine`: build an index ahead of time, generate benchmark queries, evaluate, search.
//!
//! Arguments are parsed with `clap` (derive), which comes with the `cli` feature only, so the
//! wasm builds of the library never link it. `--help` on the tool or any command prints every
//! option and the catalog field names a site config can change.

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use hark_engine::bench_queries::{self, BenchQuery};
use hark_engine::{parse_catalog, CatalogConfig, FieldNames, Index, Query, MAGIC};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Hark's search engine: build an index ahead of time, generate benchmark queries, evaluate
/// recall and latency, or run one search.
#[derive(Debug, Parser)]
#[command(name = "hark-engine", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build a binary index from a JSON / JSON Lines catalog.
    Index {
        /// The catalog (a JSON array or JSON Lines of objects).
        catalog: PathBuf,
        /// Where to write the index.
        #[arg(short, long, value_name = "INDEX")]
        output: PathBuf,
        #[command(flatten)]
        config: ConfigArg,
    },
    /// Write the deterministic benchmark query set (clean + misspelled).
    Queries {
        /// A catalog, or an index built by `hark-engine index`.
        source: PathBuf,
        /// Where to write the queries (JSON).
        #[arg(short, long, value_name = "QUERIES")]
        output: PathBuf,
        #[command(flatten)]
        config: ConfigArg,
        /// How many queries per set.
        #[arg(long, default_value_t = 300)]
        count: usize,
        /// Random seed (the same seed gives the same queries).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print recall@k and latency p50/p95 per query set.
    Eval {
        /// A catalog, or an index built by `hark-engine index`.
        source: PathBuf,
        /// Queries written by `hark-engine queries`.
        queries: PathBuf,
        #[command(flatten)]
        config: ConfigArg,
        #[command(flatten)]
        matching: Matching,
        /// Results per query.
        #[arg(short = 'k', long = "limit", default_value_t = 10)]
        k: usize,
        /// Print this many missed queries per set.
        #[arg(long, value_name = "N", default_value_t = 0)]
        misses: usize,
    },
    /// Print the results of one query.
    Search {
        /// A catalog, or an index built by `hark-engine index`.
        source: PathBuf,
        /// The query text (the first recognizer alternative, confidence 1).
        query: String,
        /// Another recognizer alternative with its confidence; repeatable.
        #[arg(long = "alt", value_name = "TEXT=CONFIDENCE", value_parser = alternative)]
        alts: Vec<(String, f32)>,
        #[command(flatten)]
        config: ConfigArg,
        #[command(flatten)]
        matching: Matching,
        /// Results to show.
        #[arg(short = 'k', long = "limit", default_value_t = 10)]
        k: usize,
        /// Do not treat the last word as unfinished (no completions).
        #[arg(long)]
        no_prefix: bool,
    },
}

/// The site configuration option shared by every command.
#[derive(Debug, Args)]
struct ConfigArg {
    /// Site config (`hark.json`): its "fields" name the catalog's keys, and its "language",
    /// "ranking" and "max_results" are used when indexing (see the field names below).
    #[arg(long, value_name = "hark.json")]
    config: Option<PathBuf>,
}

/// Match kinds that can be switched off.
#[derive(Debug, Args)]
struct Matching {
    /// No typo tolerance.
    #[arg(long)]
    no_typo: bool,
    /// No sound-alike matching.
    #[arg(long)]
    no_phonetic: bool,
}

/// Parses `TEXT=CONFIDENCE` (the last `=` splits, so the text may contain one).
fn alternative(value: &str) -> Result<(String, f32), String> {
    let (text, conf) = value.rsplit_once('=').ok_or("expected TEXT=CONFIDENCE")?;
    let conf = conf
        .parse()
        .map_err(|e| format!("confidence {conf:?}: {e}"))?;
    Ok((text.to_owned(), conf))
}

/// The help text listing the catalog field names a config's "fields" can change, from the
/// defaults the library uses.
fn field_names_help() -> String {
    let f = FieldNames::default();
    format!(
        "Catalog field names (change them with --config: {{\"fields\": {{\"title\": \"name\", …}}}}):\n  \
         id: \"{}\"  title: \"{}\" (required)  description: \"{}\"  category: \"{}\"  url: \"{}\"\n  \
         keywords: {}",
        f.id,
        f.title,
        f.description,
        f.category,
        f.url,
        f.keywords
            .iter()
            .map(|k| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Every command with all its arguments and options on one line each (for the tool's help),
/// read from the clap definitions so it never drifts from them.
fn commands_help(cmd: &clap::Command) -> String {
    let mut out =
        String::from("Every command and option (`hark-engine <COMMAND> --help` explains each):");
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        out.push_str("\n  hark-engine ");
        out.push_str(sub.get_name());
        for arg in sub.get_arguments().filter(|a| a.get_id() != "help") {
            let value = arg
                .get_value_names()
                .and_then(|v| v.first())
                .map_or_else(|| arg.get_id().as_str().to_uppercase(), |v| v.to_string());
            let takes_value = arg.get_action().takes_values();
            let text = match (arg.get_long(), arg.get_short()) {
                (None, None) => format!("<{value}>"),
                (long, short) => {
                    let name = long.map_or_else(
                        || format!("-{}", short.unwrap_or('?')),
                        |l| format!("--{l}"),
                    );
                    if takes_value {
                        format!("{name} <{value}>")
                    } else {
                        name
                    }
                }
            };
            let required = arg.is_required_set() || arg.is_positional();
            out.push(' ');
            out.push_str(&if required { text } else { format!("[{text}]") });
        }
    }
    out
}

/// The clap command: the tool's help lists every command's options, and every help ends with
/// the default catalog field names.
fn command() -> clap::Command {
    let fields = field_names_help();
    let mut cmd = Cli::command();
    let summary = commands_help(&cmd);
    cmd = cmd.after_help(format!("{summary}\n\n{fields}"));
    for name in ["index", "queries", "eval", "search"] {
        cmd = cmd.mut_subcommand(name, |s| s.after_help(fields.clone()));
    }
    cmd
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn config(arg: &ConfigArg) -> Result<CatalogConfig, String> {
    match &arg.config {
        None => Ok(CatalogConfig::default()),
        Some(p) => {
            hark_engine::parse_site_config(&read(p)?).map_err(|e| format!("{}: {e}", p.display()))
        }
    }
}

/// Loads an index file, or parses and indexes a catalog.
fn load(path: &Path, arg: &ConfigArg) -> Result<Index, String> {
    let bytes = read(path)?;
    let shown = path.display();
    let t = Instant::now();
    if bytes.starts_with(MAGIC) {
        let index = Index::from_vec(bytes).map_err(|e| format!("{shown}: {e}"))?;
        eprintln!(
            "loaded {shown}: {} documents in {:.1} ms",
            index.len(),
            ms(t)
        );
        Ok(index)
    } else {
        let cfg = config(arg)?;
        let catalog = parse_catalog(&bytes, &cfg).map_err(|e| format!("{shown}: {e}"))?;
        for w in &catalog.warnings {
            eprintln!("warning: {shown}: {w}");
        }
        let index = Index::build(&catalog, &cfg);
        eprintln!(
            "indexed {shown}: {} documents in {:.1} ms",
            index.len(),
            ms(t)
        );
        Ok(index)
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Index {
            catalog,
            output,
            config: arg,
        } => {
            let cfg = config(&arg)?;
            let t = Instant::now();
            let bytes = read(&catalog)?;
            let shown = catalog.display();
            let mut parsed_catalog =
                parse_catalog(&bytes, &cfg).map_err(|e| format!("{shown}: {e}"))?;
            // Recorded in the index, so a page can tell an index built from another catalog.
            parsed_catalog.source.catalog = catalog
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let parsed = ms(t);
            for w in &parsed_catalog.warnings {
                eprintln!("warning: {shown}: {w}");
            }
            let t = Instant::now();
            let index = Index::build(&parsed_catalog, &cfg);
            let built = ms(t);
            let bytes = index.to_bytes();
            let out = output.display();
            std::fs::write(&output, &bytes).map_err(|e| format!("{out}: {e}"))?;
            println!(
                "{out}: {} documents, {} words, {} recognizer phrases, {} bytes (parse {parsed:.0} ms, build {built:.0} ms)",
                index.len(),
                index.vocabulary_len(),
                index.phrases().len(),
                bytes.len()
            );
        }
        Command::Queries {
            source,
            output,
            config: arg,
            count,
            seed,
        } => {
            let index = load(&source, &arg)?;
            let qs = bench_queries::generate(&index, count, seed);
            let json = serde_json::to_string_pretty(&qs).map_err(|e| e.to_string())?;
            let out = output.display();
            std::fs::write(&output, json).map_err(|e| format!("{out}: {e}"))?;
            println!("{out}: {} queries", qs.len());
        }
        Command::Eval {
            source,
            queries,
            config: arg,
            matching,
            k,
            misses,
        } => {
            let index = load(&source, &arg)?;
            let qs: Vec<BenchQuery> = serde_json::from_slice(&read(&queries)?)
                .map_err(|e| format!("{}: {e}", queries.display()))?;
            let start = Instant::now();
            let (typo, phonetic) = (!matching.no_typo, !matching.no_phonetic);
            let reports = bench_queries::evaluate(
                &index,
                &qs,
                k,
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
                    k,
                    r.recall,
                    r.p50_ms,
                    r.p95_ms,
                    r.max_ms
                );
                for (q, expected, got) in r.misses.iter().take(misses) {
                    println!("  miss: {q:?} wanted {expected:?}, got {got:?}");
                }
            }
        }
        Command::Search {
            source,
            query,
            alts,
            config: arg,
            matching,
            k,
            no_prefix,
        } => {
            let index = load(&source, &arg)?;
            let mut all = vec![(query.clone(), 1.0)];
            all.extend(alts);
            let q = Query::alternatives(all)
                .with_limit(k)
                .with_typo_tolerance(!matching.no_typo)
                .with_phonetic(!matching.no_phonetic)
                .with_prefix_last_word(!no_prefix);
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
                        .suggest(&query)
                        .map(|s| format!("; did you mean {s:?}?"))
                        .unwrap_or_default()
                );
            }
            eprintln!("{} hits in {took:.3} ms", hits.len());
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    // Help and version go to stdout with exit 0, usage errors to stderr with exit 2 (clap's).
    let cli = match command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hark-engine: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_definition_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn alternatives_split_at_the_last_equals_sign() {
        assert_eq!(alternative("a=b=0.5"), Ok(("a=b".to_owned(), 0.5)));
        assert!(alternative("no confidence").is_err());
        assert!(alternative("x=high").is_err());
    }

    #[test]
    fn options_parse_in_any_order() {
        let m = command()
            .try_get_matches_from([
                "hark-engine",
                "search",
                "-k",
                "3",
                "cat.jsonl",
                "fork",
                "--alt",
                "folk=0.4",
                "--no-typo",
            ])
            .unwrap();
        let Command::Search {
            source,
            query,
            alts,
            k,
            matching,
            no_prefix,
            ..
        } = Cli::from_arg_matches(&m).unwrap().command
        else {
            panic!("not a search");
        };
        assert_eq!(
            (source, query.as_str(), k),
            (PathBuf::from("cat.jsonl"), "fork", 3)
        );
        assert_eq!(alts, [("folk".to_owned(), 0.4)]);
        assert!(matching.no_typo && !matching.no_phonetic && !no_prefix);
    }
}
