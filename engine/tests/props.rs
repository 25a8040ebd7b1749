//! Property tests: the parsers never panic on arbitrary bytes, and an index answers the same
//! after a round trip through its bytes.

use hark_engine::{parse_catalog, CatalogConfig, Index, Query};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

/// A small catalog from generated titles and descriptions.
fn catalog_json(items: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (t, d)) in items.iter().enumerate() {
        let t = if t.trim().is_empty() {
            format!("item {i}")
        } else {
            t.clone()
        };
        out.push_str(
            &serde_json::json!({"id": i.to_string(), "title": t, "description": d}).to_string(),
        );
        out.push('\n');
    }
    out
}

const WORDS: &[&str] = &[
    "fork", "tuning", "espresso", "maker", "cheddar", "knight", "night", "light", "café", "crème",
    "phone", "fone", "the", "a", "of", "Straße", "ÉCOLE", "<b>", "x", "12", "東京", "don't",
    "walk", "walked", "walking",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..6).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn catalog_parser_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_catalog(&bytes, &CatalogConfig::default());
    }

    #[test]
    fn catalog_parser_never_panics_on_jsonish_text(s in "[\\[\\]{}\",:0-9a-z \\n\\\\]{0,200}") {
        let _ = parse_catalog(s.as_bytes(), &CatalogConfig::default());
        let _ = parse_catalog(format!("[{s}]").as_bytes(), &CatalogConfig::default());
        let _ = parse_catalog(format!("{{\"title\":{s}}}").as_bytes(), &CatalogConfig::default());
    }

    #[test]
    fn index_parser_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = Index::from_bytes(&bytes);
        let mut with_magic = hark_engine::MAGIC.to_vec();
        with_magic.extend_from_slice(&hark_engine::FORMAT_VERSION.to_le_bytes());
        with_magic.extend_from_slice(&bytes);
        let _ = Index::from_bytes(&with_magic);
    }

    #[test]
    fn damaged_index_bytes_give_errors_not_panics(items in prop::collection::vec((text(), text()), 1..6), at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>()) {
        let cfg = CatalogConfig::default();
        let idx = Index::build(&parse_catalog(catalog_json(&items).as_bytes(), &cfg).unwrap(), &cfg);
        let bytes = idx.to_bytes();
        let mut flipped = bytes.clone();
        let i = at.index(flipped.len());
        flipped[i] ^= byte | 1;
        prop_assert!(Index::from_bytes(&flipped).is_err());
        let c = cut.index(bytes.len());
        prop_assert!(Index::from_bytes(&bytes[..c]).is_err());
    }

    #[test]
    fn round_trip_answers_identically(items in prop::collection::vec((text(), text()), 0..12), queries in prop::collection::vec(text(), 1..6)) {
        let cfg = CatalogConfig::default();
        let built = Index::build(&parse_catalog(catalog_json(&items).as_bytes(), &cfg).unwrap_or_default(), &cfg);
        let loaded = Index::from_bytes(&built.to_bytes()).unwrap();
        prop_assert_eq!(built.to_bytes(), loaded.to_bytes());
        for q in &queries {
            for query in [Query::text(q.clone()), Query::text(q.clone()).with_prefix_last_word(false), Query::alternatives([(q.clone(), 0.7), ("fork".to_owned(), 0.2)])] {
                let a = built.search(&query);
                let b = loaded.search(&query);
                prop_assert_eq!(&a, &b);
                // Highlights are valid byte ranges of the original strings.
                for h in &a {
                    let d = loaded.doc(h.doc).unwrap();
                    for r in &h.title_spans { prop_assert!(d.title.get(r.clone()).is_some()); }
                    for r in &h.description_spans { prop_assert!(d.description.get(r.clone()).is_some()); }
                }
            }
            let _ = loaded.suggest(q);
        }
    }
}
