//! Criterion benchmarks: index build, index load from bytes, and query latency (clean and
//! misspelled, typo and sound-alike on) on the generated WordNet catalogs in `catalog/` at the
//! workspace root (`cargo xtask catalog`). Skipped with a message when they are absent.
//! Besides criterion's means, each query group prints p50/p95 over the 300-query sets.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use hark_engine::bench_queries::{self, QuerySet};
use hark_engine::{parse_catalog, CatalogConfig, Index, Query};
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

fn benches(c: &mut Criterion) {
    bench_catalog(c, "things");
    bench_catalog(c, "wordnet-all");
}

criterion_group!(engine, benches);
criterion_main!(engine);
