//! Criterion benchmarks: index build, index load from bytes, the recognizer's catalog phrases (chosen at build, read
//! stored in the page), and query latency (clean and
//! misspelled, typo and sound-alike on) on the generated WordNet catalogs in `catalog/` at the
//! workspace root (`cargo xtask catalog`). Skipped with a message when they are absent.
//! Besides criterion's means, each query group prints p50/p95 over the 300-query sets.
//!
//! Filters and sorts: WordNet has no prices, so `bench_columns` gives every synset a synthetic,
//! deterministic price (FNV-1a hash of its id → 1.00 … 1000.99) and indexes its `category` as a
//! facet, then times the clean queries with a price bound (under 100), the same sorted by price,
//! the same plus a category filter, and a blank-text browse ("show all under 50, cheapest first"),
//! each as p50/p95 over one pass of the 300 clean queries after a warm-up pass.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use hark_engine::bench_queries::{self, QuerySet};
use hark_engine::phrases::{distinctive_phrases, stored, MAX_PHRASES};
use hark_engine::{parse_catalog, CatalogConfig, Filter, Index, Query, Sort};
use std::ops::Bound::{Excluded, Unbounded};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn catalog_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../catalog")
}

fn bench_catalog(c: &mut Criterion, name: &str) {
    let path = catalog_dir().join(format!("{name}.jsonl"));
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!(
            "skipping {name}: {} not found (run `cargo xtask catalog`)",
            path.display()
        );
        return;
    };
    let cfg = CatalogConfig::default();
    let catalog = parse_catalog(&bytes, &cfg).expect("catalog parses");
    let index = Index::build(&catalog, &cfg);
    let index_bytes = index.to_bytes();

    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .measurement_time(Duration::from_secs(if name == "things" { 5 } else { 15 }));
    g.bench_function("parse catalog", |b| {
        b.iter(|| parse_catalog(&bytes, &cfg).unwrap())
    });
    g.bench_function("build index", |b| b.iter(|| Index::build(&catalog, &cfg)));
    // The recognizer's catalog phrases (issue 10). Chosen once, while the index is built (natively, or in the
    // page's indexing worker): part of "build index", timed alone here with the same rule over the built index.
    g.bench_function("phrases: choose (index build)", |b| {
        b.iter(|| distinctive_phrases(&index, MAX_PHRASES))
    });
    // What the page's main thread does with them: read the stored section (part of "load index") and copy the
    // phrases for the recognizer.
    let section = stored::encode(index.phrases());
    g.bench_function("phrases: read stored (page)", |b| {
        b.iter(|| {
            let phrases = stored::decode(&section).unwrap();
            phrases.into_iter().map(|p| (p.text, p.boost)).collect::<Vec<_>>()
        })
    });
    g.bench_function("load index", |b| {
        b.iter_batched(
            || index_bytes.clone(),
            |v| Index::from_vec(v).unwrap(),
            BatchSize::LargeInput,
        )
    });
    g.finish();

    let queries = bench_queries::generate(&index, 300, 1);
    let mut g = c.benchmark_group(format!("{name} query"));
    g.sample_size(20);
    for set in [QuerySet::Clean, QuerySet::Misspelled] {
        let qs: Vec<Query> = queries
            .iter()
            .filter(|q| q.set == set)
            .map(|q| {
                Query::text(q.query.clone())
                    .with_limit(10)
                    .with_prefix_last_word(false)
            })
            .collect();
        // Percentiles over single queries (criterion reports means).
        let mut times: Vec<f64> = qs
            .iter()
            .map(|q| {
                let t = Instant::now();
                std::hint::black_box(index.search(q));
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let p = |x: f64| times[((times.len() - 1) as f64 * x).round() as usize];
        eprintln!(
            "{name} {set:?}: {} queries, p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
            times.len(),
            p(0.5),
            p(0.95),
            p(1.0)
        );
        let mut i = 0;
        g.bench_function(format!("{set:?}").to_lowercase(), |b| {
            b.iter(|| {
                i = (i + 1) % qs.len();
                index.search(&qs[i])
            })
        });
    }
    g.finish();
}

/// FNV-1a: a tiny, stable hash for the synthetic prices.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The catalog's lines with a synthetic `price` (see the module docs).
fn with_prices(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 8);
    for line in bytes.split(|&b| b == b'\n') {
        let Ok(serde_json::Value::Object(mut obj)) = serde_json::from_slice(line) else {
            continue;
        };
        let id = obj
            .get("id")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_owned();
        let cents = fnv1a(&id) % 100_000 + 100;
        obj.insert("price".into(), serde_json::json!(cents as f64 / 100.0));
        out.extend_from_slice(serde_json::Value::Object(obj).to_string().as_bytes());
        out.push(b'\n');
    }
    out
}

fn p50_p95(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let p = |x: f64| times[((times.len() - 1) as f64 * x).round() as usize];
    (p(0.5), p(0.95))
}

/// A filtered or sorted variant of a benchmark query.
type Variant<'a> = Box<dyn Fn(&Query) -> Query + 'a>;

fn bench_columns(c: &mut Criterion, name: &str) {
    let path = catalog_dir().join(format!("{name}.jsonl"));
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!(
            "skipping {name} filters: {} not found (run `cargo xtask catalog`)",
            path.display()
        );
        return;
    };
    let cfg: CatalogConfig = serde_json::from_str(
        r#"{"facets": {"Category": "category"}, "price": {"field": "price", "currency": "USD"}}"#,
    )
    .expect("bench config");
    let catalog = parse_catalog(&with_prices(&bytes), &cfg).expect("catalog parses");
    let index = Index::build(&catalog, &cfg);
    let top_category = index.facet_counts(0..index.len() as u32)[0].values[0]
        .0
        .clone();
    let under = |max: f64| Filter::range("price", Unbounded, Excluded(max));
    let cheapest = Sort::Number {
        number: "price".into(),
        descending: false,
    };
    let clean: Vec<Query> = bench_queries::generate(&index, 300, 1)
        .into_iter()
        .filter(|q| q.set == QuerySet::Clean)
        .map(|q| {
            Query::text(q.query)
                .with_limit(10)
                .with_prefix_last_word(false)
        })
        .collect();
    let variants: [(&str, Variant); 6] = [
        (
            "price under 100",
            Box::new(|q: &Query| q.clone().with_filter(under(100.0))),
        ),
        (
            "price under 100, cheapest first",
            Box::new(|q: &Query| {
                q.clone()
                    .with_filter(under(100.0))
                    .with_sort(cheapest.clone())
            }),
        ),
        (
            "price under 100 + top category, cheapest first",
            Box::new(|q: &Query| {
                q.clone()
                    .with_filter(under(100.0))
                    .with_filter(Filter::facet("Category", top_category.clone()))
                    .with_sort(cheapest.clone())
            }),
        ),
        // What the page asks for an understood request: every match up to 2,000 ranked, for the Refine counts and
        // the total, of which it shows ten (src/search/local.rs).
        (
            "page answer: 2,000 ranked, all highlighted",
            Box::new(|q: &Query| q.clone().with_limit(2000)),
        ),
        (
            "page answer: 2,000 ranked, 10 highlighted",
            Box::new(|q: &Query| q.clone().with_limit(2000).with_highlight(10)),
        ),
        (
            "blank text: all under 50, cheapest first",
            Box::new(|_: &Query| {
                Query::text("")
                    .with_limit(10)
                    .with_filter(under(50.0))
                    .with_sort(cheapest.clone())
            }),
        ),
    ];
    let mut g = c.benchmark_group(format!("{name} filtered query"));
    g.sample_size(20);
    for (label, make) in &variants {
        let qs: Vec<Query> = clean.iter().map(make).collect();
        for q in &qs {
            std::hint::black_box(index.search(q)); // warm-up pass: caches and the search scratch
        }
        let times = qs
            .iter()
            .map(|q| {
                let t = Instant::now();
                std::hint::black_box(index.search(q));
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        let (p50, p95) = p50_p95(times);
        // On stdout, where `cargo xtask bench` reads criterion's lines, so the report keeps it.
        println!(
            "{name} {label}: {} queries, p50 {p50:.3} ms, p95 {p95:.3} ms",
            qs.len()
        );
        let mut i = 0;
        g.bench_function(*label, |b| {
            b.iter(|| {
                i = (i + 1) % qs.len();
                index.search(&qs[i])
            })
        });
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    bench_catalog(c, "things");
    bench_catalog(c, "wordnet-all");
    bench_columns(c, "wordnet-all");
}

criterion_group!(engine, benches);
criterion_main!(engine);
