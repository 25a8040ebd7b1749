//! Queries no person types: huge, long-worded, many alternatives, every script. Each must come
//! back quickly with sane hits (the limits are `analysis::MAX_QUERY_*` and `MAX_ALTERNATIVES`).

use hark_engine::analysis::{MAX_ALTERNATIVES, MAX_QUERY_BYTES, MAX_QUERY_WORDS};
use hark_engine::{parse_catalog, CatalogConfig, Index, Query};
use std::time::{Duration, Instant};

fn index() -> Index {
    let cfg = CatalogConfig::default();
    let catalog = parse_catalog(
        concat!(
            r#"{"id":"1","title":"Tuning fork","description":"Two-pronged steel device"}"#,
            "\n",
            r#"{"id":"2","title":"東京タワー","description":"電波塔 ☕ مرحبا"}"#,
            "\n",
            r#"{"id":"3","title":"Espresso maker","description":"A coffee maker"}"#,
            "\n"
        )
        .as_bytes(),
        &cfg,
    )
    .unwrap();
    Index::build(&catalog, &cfg)
}

/// Runs a search and a suggestion, checking the hits and that both took less than `limit`
/// (generous: this guards against blow-ups, which take seconds or minutes, not against noise).
fn bounded(index: &Index, q: &Query, limit: Duration) -> Vec<u32> {
    let t = Instant::now();
    let hits = index.search(q);
    let _ = index.suggest(&q.alternatives[0].0);
    let took = t.elapsed();
    assert!(
        took < limit,
        "{took:?} for a {}-byte query",
        q.alternatives[0].0.len()
    );
    for h in &hits {
        assert!(h.score.is_finite());
        assert!(index.doc(h.doc).is_some());
    }
    hits.into_iter().map(|h| h.doc).collect()
}

#[test]
fn ten_thousand_character_queries_are_quick() {
    let index = index();
    let limit = Duration::from_secs(2);
    let words = "tunning forc espreso ".repeat(500);
    assert!(words.len() > 10_000);
    assert_eq!(
        bounded(&index, &Query::text(&words[..10_000]), limit)[..2],
        [0, 2]
    );
    for text in [
        "f".repeat(10_000),
        "forkfork".repeat(1250),
        "東京".repeat(5000),
        "☕\u{200b}".repeat(2500),
        "مرحبا ".repeat(1700),
        "a\u{301}".repeat(5000),
    ] {
        bounded(&index, &Query::text(text), limit);
    }
}

#[test]
fn only_the_first_words_and_alternatives_are_searched() {
    let index = index();
    let filler: Vec<String> = (0..MAX_QUERY_WORDS).map(|i| format!("zq{i}")).collect();
    let late = format!("{} fork", filler.join(" "));
    assert!(late.len() < MAX_QUERY_BYTES);
    assert!(
        bounded(&index, &Query::text(late), Duration::from_secs(2)).is_empty(),
        "word 33 is ignored"
    );
    let early = format!("fork {}", filler[1..].join(" "));
    assert_eq!(
        bounded(&index, &Query::text(early), Duration::from_secs(2)),
        [0]
    );

    let mut alts: Vec<(String, f32)> = (0..1000).map(|i| (format!("zq{i}"), 1.0)).collect();
    alts[MAX_ALTERNATIVES - 1].0 = "espresso".into();
    assert_eq!(
        bounded(
            &index,
            &Query::alternatives(alts.clone()),
            Duration::from_secs(2)
        ),
        [2]
    );
    alts[MAX_ALTERNATIVES - 1].0 = "zz".into();
    alts[MAX_ALTERNATIVES].0 = "espresso".into();
    assert!(bounded(&index, &Query::alternatives(alts), Duration::from_secs(2)).is_empty());
}

#[test]
fn odd_confidences_and_limits_are_harmless() {
    let index = index();
    for c in [
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        -1.0,
        0.0,
        f32::MIN_POSITIVE,
    ] {
        let q = Query::alternatives([("fork", c), ("espresso", 0.5)]);
        bounded(&index, &q, Duration::from_secs(2));
    }
    assert!(index.search(&Query::text("fork").with_limit(0)).is_empty());
    assert_eq!(
        index
            .search(&Query::text("fork").with_limit(usize::MAX))
            .len(),
        1
    );
    assert!(index.search(&Query::text("")).is_empty());
    assert!(index
        .search(&Query::alternatives(Vec::<(String, f32)>::new()))
        .is_empty());
}
