//! Arbitrary query text, alternatives, confidences and options against a small fixed index
//! built from a real catalog (`tests/fixtures/parity.jsonl`): search, suggestions and the
//! analysis functions must never panic, and hits must be well formed.
//!
//! Checks: nothing panics; at most `limit` hits, each a document of the index with a finite,
//! positive score and highlight spans that are slices of its title and description; word
//! ranges are slices of the text.
//!
//! Input: byte 0 = option bits (prefix, typo, phonetic, strip filler), byte 1 = limit, the rest
//! UTF-8 (lossy) text, one alternative per line, each optionally ending in `=CONFIDENCE`.
#![no_main]

use hark_engine::analysis::{edit_distance, fold_text, phonetic_codes, strip_filler, word_ranges};
use hark_engine::{parse_catalog, CatalogConfig, Index, Query};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static CATALOG: &[u8] = include_bytes!("../../../tests/fixtures/parity.jsonl");

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let cfg = CatalogConfig::default();
        let catalog = parse_catalog(CATALOG, &cfg).expect("the fixture catalog parses");
        Index::build(&catalog, &cfg)
    })
}

fuzz_target!(|data: &[u8]| {
    let (flags, limit, text) = match data {
        [f, l, rest @ ..] => (*f, usize::from(*l), String::from_utf8_lossy(rest)),
        _ => return,
    };
    let alternatives: Vec<(String, f32)> = text
        .split('\n')
        .map(|line| match line.rsplit_once('=') {
            Some((t, c)) => (t.to_owned(), c.trim().parse().unwrap_or(1.0)),
            None => (line.to_owned(), 1.0),
        })
        .collect();
    let index = index();
    let q = Query::alternatives(alternatives.iter().cloned())
        .with_prefix_last_word(flags & 1 != 0)
        .with_typo_tolerance(flags & 2 != 0)
        .with_phonetic(flags & 4 != 0)
        .with_strip_filler(flags & 8 != 0)
        .with_limit(limit);
    let hits = index.search(&q);
    assert!(hits.len() <= limit);
    for h in &hits {
        let d = index.doc(h.doc).expect("a hit is a document");
        assert!(h.score.is_finite() && h.score > 0.0, "score {}", h.score);
        for r in &h.title_spans {
            assert!(d.title.get(r.clone()).is_some(), "title span {r:?} is not a slice of the title");
        }
        for r in &h.description_spans {
            assert!(d.description.get(r.clone()).is_some(), "description span {r:?}");
        }
    }
    if let Some((first, _)) = alternatives.first() {
        let _ = index.suggest(first);
    }
    for r in word_ranges(&text) {
        assert!(text.get(r).is_some());
    }
    let words = fold_text(&text);
    let _ = strip_filler(&words);
    for w in words.iter().take(8) {
        let _ = phonetic_codes(w);
    }
    if let [a, b, ..] = words.as_slice() {
        // At most 64 characters each (as query words are): the distance is quadratic.
        let cut = |w: &str| w.char_indices().nth(64).map_or(w.len(), |(i, _)| i);
        let _ = edit_distance(&a[..cut(a)], &b[..cut(b)]);
    }
});
