//! Facet and number columns: filters, sorts, browsing, facet counts, and the index format.

mod support;
use support::crc32;

use hark_engine::{
    parse_catalog, CatalogConfig, Filter, Hit, Index, IndexError, Query, Sort, FORMAT_VERSION,
    MAGIC,
};
use std::ops::Bound::{Excluded, Included, Unbounded};

const CONFIG: &str = r#"{
    "facets": {"Category": "category", "Brand": "brand", "Color": "color"},
    "price": {"field": "price", "currency": "USD"},
    "numbers": {"rating": {"field": "stars"}, "year": {"field": "year"}}
}"#;

const SHOP: &str = r#"{"id":"1","title":"Office chair","category":"Chairs","brand":"Acme","color":"black","price":120,"stars":4.5,"year":2021}
{"id":"2","title":"Desk chair","category":"Chairs","brand":"Seatco","color":["black","red"],"price":80,"stars":3.9,"year":2023}
{"id":"3","title":"Garden chair","category":"Chairs","brand":"Acme","color":"green","price":"30.00","stars":4.8,"year":2019}
{"id":"4","title":"Red running shoes","category":"Shoes","brand":"Under Armour","color":"red","price":45,"stars":4.1,"year":2024}
{"id":"5","title":"Trail running shoes","category":"Shoes","brand":"Nike","color":["black"],"price":95}
{"id":"6","title":"Desk lamp","category":"Lamps","brand":"Acme","color":"white","description":"a lamp for a desk beside a chair"}
"#;

fn shop() -> Index {
    let cfg: CatalogConfig = serde_json::from_str(CONFIG).unwrap();
    cfg.validate().unwrap();
    let catalog = parse_catalog(SHOP.as_bytes(), &cfg).unwrap();
    assert!(catalog.warnings.is_empty(), "{:?}", catalog.warnings);
    let bytes = Index::build(&catalog, &cfg).to_bytes();
    Index::from_bytes(&bytes).unwrap()
}

fn ids(idx: &Index, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| idx.doc(h.doc).unwrap().id.to_owned())
        .collect()
}

fn price_sort(descending: bool) -> Sort {
    Sort::Number {
        number: "price".into(),
        descending,
    }
}

#[test]
fn a_price_bound_filters_the_text_results() {
    let idx = shop();
    let under_100 = Filter::range("price", Unbounded, Excluded(100.0));
    let hits = idx.search(&Query::text("chair").with_filter(under_100));
    let mut got = ids(&idx, &hits);
    got.sort();
    assert_eq!(
        got,
        ["2", "3"],
        "the lamp has no price, the office chair costs 120"
    );
    let between = Filter::range("price", Included(30.0), Included(80.0));
    assert_eq!(
        ids(
            &idx,
            &idx.search(
                &Query::text("chair")
                    .with_filter(between)
                    .with_sort(price_sort(false))
            )
        ),
        ["3", "2"],
        "bounds are inclusive when asked"
    );
}

#[test]
fn facet_filters_are_case_blind_and_or_within_and_across() {
    let idx = shop();
    let black = Filter::facet("Color", "Black");
    let mut got = ids(
        &idx,
        &idx.search(&Query::text("chair").with_filter(black.clone())),
    );
    got.sort();
    assert_eq!(got, ["1", "2"]);
    let black_or_green = Filter::Facet {
        facet: "color".into(),
        values: vec!["black".into(), "GREEN".into()],
    };
    assert_eq!(
        idx.search(&Query::text("chair").with_filter(black_or_green))
            .len(),
        3
    );
    let acme_black = Query::text("chair")
        .with_filter(black)
        .with_filter(Filter::facet("Brand", "acme"));
    assert_eq!(ids(&idx, &idx.search(&acme_black)), ["1"]);
}

#[test]
fn unknown_facets_values_and_numbers_match_nothing() {
    let idx = shop();
    for f in [
        Filter::facet("Color", "purple"),
        Filter::facet("Size", "XL"),
        Filter::range("weight", Unbounded, Excluded(3.0)),
    ] {
        assert!(
            idx.search(&Query::text("chair").with_filter(f.clone()))
                .is_empty(),
            "{f:?}"
        );
    }
}

#[test]
fn sorting_by_price_puts_missing_prices_last() {
    let idx = shop();
    let all = |sort| ids(&idx, &idx.search(&Query::text("").with_sort(sort)));
    assert_eq!(all(price_sort(false)), ["3", "4", "2", "5", "1", "6"]);
    assert_eq!(all(price_sort(true)), ["1", "5", "2", "4", "3", "6"]);
    let newest = Sort::Number {
        number: "year".into(),
        descending: true,
    };
    assert_eq!(all(newest)[..2], ["4", "2"]);
}

#[test]
fn sorted_text_queries_keep_only_relevant_hits() {
    let idx = shop();
    // "chair" is also in the lamp's description; sorted by price the lamp (no price) would be
    // last anyway, but the weak description match is dropped, not sorted among the chairs.
    let hits = idx.search(&Query::text("chair").with_sort(price_sort(false)));
    assert_eq!(ids(&idx, &hits), ["3", "2", "1"]);
}

#[test]
fn browsing_blank_text_with_filters_and_limits() {
    let idx = shop();
    let q = Query::text("")
        .with_filter(Filter::range("price", Unbounded, Excluded(50.0)))
        .with_limit(1)
        .with_sort(price_sort(false));
    assert_eq!(ids(&idx, &idx.search(&q)), ["3"]);
    assert!(
        idx.search(&Query::text("  ")).is_empty(),
        "blank text alone finds nothing"
    );
    let shoes = Query::text(" ").with_filter(Filter::facet("Category", "shoes"));
    assert_eq!(ids(&idx, &idx.search(&shoes)), ["4", "5"], "catalog order");
}

#[test]
fn browse_all_lists_everything_for_blank_text_only() {
    let idx = shop();
    let everything = Query::text("").with_browse_all(true).with_limit(100);
    assert_eq!(ids(&idx, &idx.search(&everything)), ["1", "2", "3", "4", "5", "6"], "catalog order");
    assert_eq!(ids(&idx, &idx.search(&everything.clone().with_limit(2))), ["1", "2"]);
    // With text it is an ordinary search.
    let chair = idx.search(&Query::text("chair").with_browse_all(true));
    assert_eq!(ids(&idx, &chair), ids(&idx, &idx.search(&Query::text("chair"))));
}

#[test]
fn facet_counts_and_accessors() {
    let idx = shop();
    let hits = idx.search(&Query::text("chair").with_limit(1000));
    let counts = idx.facet_counts(hits.iter().map(|h| h.doc));
    let names: Vec<&str> = counts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Category", "Brand", "Color"], "configuration order");
    assert_eq!(
        counts[2].values,
        [
            ("black".to_string(), 2),
            ("green".into(), 1),
            ("red".into(), 1),
            ("white".into(), 1)
        ]
    );
    let all = idx.facet_counts(0..idx.len() as u32);
    assert_eq!(all[1].values[0], ("Acme".to_string(), 3));
    assert_eq!(idx.currency(), Some("USD"));
    assert_eq!(idx.price(2), Some(30.0));
    assert_eq!(idx.price(5), None);
    assert_eq!(idx.number(0, "rating"), Some(4.5));
    assert_eq!(idx.number(0, "stars"), Some(4.5), "by field too");
    assert_eq!(idx.facet_values(1, "Color"), ["black", "red"]);
    let names: Vec<&str> = idx.numbers().iter().map(|n| n.name).collect();
    assert_eq!(names, ["price", "rating", "year"]);
}

#[test]
fn a_catalog_without_columns_still_works() {
    let cfg = CatalogConfig::default();
    let idx = Index::build(&parse_catalog(SHOP.as_bytes(), &cfg).unwrap(), &cfg);
    assert_eq!(idx.currency(), None);
    assert!(idx.facet_counts(0..6).is_empty());
    assert!(idx
        .search(&Query::text("chair").with_filter(Filter::facet("Color", "red")))
        .is_empty());
    assert_eq!(
        idx.search(&Query::text("chair").with_sort(price_sort(false)))
            .len(),
        4
    );
}

#[test]
fn an_index_from_an_older_hark_says_to_rebuild() {
    let mut v = shop().to_bytes();
    v[8..12].copy_from_slice(&1u32.to_le_bytes());
    let e = Index::from_bytes(&v).unwrap_err();
    assert_eq!(
        e,
        IndexError::OldVersion {
            found: 1,
            expected: FORMAT_VERSION
        }
    );
    assert!(
        e.to_string()
            .starts_with("this index was built by an older Hark"),
        "{e}"
    );
    assert!(v.starts_with(MAGIC));
}

#[test]
fn hostile_column_sections_fail_to_load_without_panicking() {
    let bytes = shop().to_bytes();
    let mut rng = hark_engine::bench_queries::Rng::new(11);
    for _ in 0..3000 {
        // Damage the tail (where the columns are), then fix the checksum so loading gets past it.
        let mut v = bytes[..bytes.len() - 4].to_vec();
        let span = v.len().min(400);
        let at = v.len() - 1 - rng.below(span);
        v[at] = rng.next_u64() as u8;
        let crc = crc32(&v);
        v.extend_from_slice(&crc.to_le_bytes());
        if let Ok(idx) = Index::from_bytes(&v) {
            let _ = idx.search(&Query::text("chair").with_sort(price_sort(true)));
            let _ = idx.facet_counts(0..idx.len() as u32);
        }
    }
}


#[test]
fn number_and_config_errors_name_the_field() {
    let cfg: CatalogConfig = serde_json::from_str(CONFIG).unwrap();
    let cat = parse_catalog(br#"{"title":"x","price":"call us"}"#, &cfg).unwrap();
    assert_eq!(
        cat.warnings[0].to_string(),
        "line 1: field \"price\" is not a number: the item has no value for it"
    );
    let e = parse_catalog(br#"{"title":"x","color":{"r":1}}"#, &cfg).unwrap_err();
    assert!(e.to_string().contains("\"color\""), "{e}");
}

fn repo_file(path: &str) -> Vec<u8> {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

#[test]
fn the_shop_configs_validate_and_the_german_fixture_filters() {
    let shop: CatalogConfig = serde_json::from_slice(&repo_file("hark.shop.json")).unwrap();
    shop.validate().unwrap();
    assert_eq!(shop.price.as_ref().map(|p| p.currency.as_str()), Some("USD"));
    let cfg: CatalogConfig = serde_json::from_slice(&repo_file("e2e/fixtures/hark.shop-de.json")).unwrap();
    cfg.validate().unwrap();
    let catalog = parse_catalog(&repo_file("e2e/fixtures/shop-de.jsonl"), &cfg).unwrap();
    assert!(catalog.warnings.is_empty(), "{:?}", catalog.warnings);
    let idx = Index::build(&catalog, &cfg);
    assert_eq!(idx.currency(), Some("EUR"));
    let q = Query::text("")
        .with_filter(Filter::facet("Farbe", "schwarz"))
        .with_filter(Filter::range("price", Unbounded, Excluded(100.0)))
        .with_sort(price_sort(false));
    assert_eq!(ids(&idx, &idx.search(&q)), ["de-4", "de-1"]);
    let stühle = idx.search(&Query::text("Bürostuhl").with_filter(Filter::facet("Kategorie", "Stühle")));
    assert_eq!(stühle.len(), 2);
}
