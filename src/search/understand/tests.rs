//! End-to-end understanding in four languages, on a small shop vocabulary.

use super::*;
use std::ops::Bound::{Excluded, Included, Unbounded};

fn shop() -> Vocabulary {
    let facet = |name: &str, values: &[&str]| FacetVocab {
        name: name.into(),
        values: values.iter().map(|v| (v.to_string(), 3)).collect(),
    };
    Vocabulary {
        facets: vec![
            facet("Category", &["Chairs", "Shoes", "Lamps", "Cameras", "Stühle", "Chaises", "Sillas", "Schuhe"]),
            facet("Brand", &["Under Armour", "Sony", "Nike", "Acme"]),
            facet("Color", &["black", "red", "white", "schwarz", "rouge", "negro", "rojo"]),
        ],
        price: Some(PriceVocab { currency: "USD".into() }),
        numbers: vec![NumberVocab::new("rating"), NumberVocab::new("year")],
    }
}

fn u(text: &str, lang: Lang) -> Understood {
    understand(text, &[], lang, &shop())
}

fn facet(f: &str, v: &str) -> Filter {
    Filter::Facet { facet: f.into(), value: v.into() }
}

fn under(max: f64) -> Filter {
    Filter::Price { min: Unbounded, max: Excluded(max) }
}

#[test]
fn english_shop_queries() {
    let q = u("office chairs under 100 dollars", Lang::En);
    assert_eq!((q.text.as_str(), q.filters.clone()), ("office", vec![facet("Category", "Chairs"), under(100.0)]));
    let q = u("red running shoes under 50 dollars", Lang::En);
    assert_eq!(q.text, "running");
    assert_eq!(q.filters, [facet("Color", "red"), facet("Category", "Shoes"), under(50.0)]);
    let q = u("show me the cheapest cameras please", Lang::En);
    assert_eq!((q.text.as_str(), q.sort.clone()), ("", Some(Sort::Price { descending: false })));
    assert_eq!(q.filters, [facet("Category", "Cameras")]);
    let q = u("Sony between twenty and forty bucks", Lang::En);
    assert_eq!(q.filters, [facet("Brand", "Sony"), Filter::Price { min: Included(20.0), max: Included(40.0) }]);
    let q = u("lamps over 4 stars newest first", Lang::En);
    assert_eq!(q.filters[1], Filter::Number { name: "rating".into(), min: Excluded(4.0), max: Unbounded });
    assert_eq!(q.sort, Some(Sort::Number { name: "year".into(), descending: true }));
    let q = u("desk lamp around $30", Lang::En);
    assert_eq!(q.filters, [facet("Category", "Lamps"), Filter::Price { min: Included(24.0), max: Included(36.0) }]);
    assert_eq!(q.text, "desk");
    assert_eq!(u("tents under 1.5k", Lang::En).filters, [under(1500.0)]);
}

#[test]
fn tricky_english() {
    let q = u("under armour shoes", Lang::En);
    assert_eq!(q.filters, [facet("Brand", "Under Armour"), facet("Category", "Shoes")]);
    assert_eq!(q.text, "");
    let q = u("100 dollar bill", Lang::En);
    assert_eq!((q.text.as_str(), q.filters.len()), ("100 dollar bill", 0), "no bound word: a product");
    let q = u("under the sea poster", Lang::En);
    assert_eq!(q.text, "under the sea poster");
    let q = u("blakc chairs", Lang::En);
    assert_eq!(q.text, "blakc", "two letters off is not a facet");
    let q = u("blac chairs", Lang::En);
    assert_eq!(q.text, "blac", "a four-letter word is not corrected");
    let q = u("nikee shoes", Lang::En);
    assert_eq!(q.filters[0], facet("Brand", "Nike"), "a five-letter slip is");
}

#[test]
fn english_refinements() {
    for (said, r) in [
        ("only the black ones", Some(Refinement::Only)),
        ("cheaper", Some(Refinement::Cheaper)),
        ("more expensive", Some(Refinement::MoreExpensive)),
        ("show all", Some(Refinement::ShowAll)),
        ("clear filters", Some(Refinement::ClearFilters)),
        ("under 50", None),
        ("sort by price", None),
    ] {
        let q = u(said, Lang::En);
        assert_eq!(q.refinement, r, "{said}");
        assert!(is_refinement_only(&q), "{said}: {q:?}");
    }
    assert_eq!(u("only the black ones", Lang::En).filters, [facet("Color", "black")]);
    assert_eq!(u("under 50", Lang::En).filters, [under(50.0)]);
    for new_topic in ["desk lamps", "cheaper desk lamps", "only organic soap"] {
        assert!(!is_refinement_only(&u(new_topic, Lang::En)), "{new_topic}");
    }
}

#[test]
fn german() {
    let q = u("schwarze Stühle unter 50 Euro", Lang::De);
    assert_eq!(q.filters, [facet("Color", "schwarz"), facet("Category", "Stühle"), under(50.0)]);
    assert_eq!(q.text, "");
    let q = u("Schuhe unter fünfzig Euro am billigsten", Lang::De);
    assert_eq!(q.filters, [facet("Category", "Schuhe"), under(50.0)]);
    assert_eq!(q.sort, Some(Sort::Price { descending: false }));
    let q = u("Tische zwischen zwanzig und vierzig Euro", Lang::De);
    assert_eq!(q.filters, [Filter::Price { min: Included(20.0), max: Included(40.0) }]);
    assert_eq!(q.text, "Tische");
    assert_eq!(u("nur die schwarzen", Lang::De).refinement, Some(Refinement::Only));
    assert!(is_refinement_only(&u("billiger", Lang::De)));
    assert!(is_refinement_only(&u("alle Filter löschen", Lang::De)));
    assert_eq!(u("Kamera für 49,99 €", Lang::De).text, "Kamera für 49,99 €", "no bound word");
}

#[test]
fn french() {
    let q = u("chaises rouges moins de 50 euros", Lang::Fr);
    assert_eq!(q.filters, [facet("Category", "Chaises"), facet("Color", "rouge"), under(50.0)]);
    let q = u("tables de vingt à quarante euros", Lang::Fr);
    assert_eq!(q.filters, [Filter::Price { min: Included(20.0), max: Included(40.0) }]);
    assert_eq!(q.text, "tables");
    assert_eq!(u("lampes", Lang::Fr).filters, [facet("Category", "Lamps")], "one letter from a value");
    let q = u("les moins chers", Lang::Fr);
    assert_eq!((q.sort.clone(), q.refinement), (Some(Sort::Price { descending: false }), None));
    assert_eq!(u("moins cher", Lang::Fr).refinement, Some(Refinement::Cheaper));
    assert_eq!(u("cinquante", Lang::Fr).text, "cinquante");
    assert_eq!(u("jusqu'à quatre-vingt-dix euros", Lang::Fr).filters, [Filter::Price { min: Unbounded, max: Included(90.0) }]);
    assert!(is_refinement_only(&u("effacer les filtres", Lang::Fr)));
}

#[test]
fn spanish() {
    let q = u("sillas negras menos de 50 euros", Lang::Es);
    assert_eq!(q.filters, [facet("Category", "Sillas"), facet("Color", "negro"), under(50.0)]);
    let q = u("zapatos menos de cincuenta euros", Lang::Es);
    assert_eq!((q.text.as_str(), q.filters.clone()), ("zapatos", vec![under(50.0)]));
    assert_eq!(u("los más baratos", Lang::Es).sort, Some(Sort::Price { descending: false }));
    assert_eq!(u("más barato", Lang::Es).refinement, Some(Refinement::Cheaper));
    let q = u("entre treinta y cinco y cuarenta dólares", Lang::Es);
    assert_eq!(q.filters, [Filter::Price { min: Included(35.0), max: Included(40.0) }]);
    assert!(is_refinement_only(&u("solo los rojos", Lang::Es)));
    assert!(is_refinement_only(&u("quitar los filtros", Lang::Es)));
}

#[test]
fn alternatives_are_understood_the_same_way() {
    let alts = vec![("red shoes under 50".to_string(), 0.9), ("bread shoes under 50".to_string(), 0.4)];
    let q = understand("red shoes under 50", &alts, Lang::En, &shop());
    assert_eq!(q.alternatives, [("".to_string(), 0.9), ("bread".to_string(), 0.4)]);
}

#[test]
fn a_catalog_without_shop_keys_leaves_the_words() {
    let q = understand("chairs under 100 dollars cheapest", &[], Lang::En, &Vocabulary::default());
    assert_eq!(q.text, "chairs under 100 dollars cheapest");
    assert!(q.filters.is_empty() && q.sort.is_none());
}

#[test]
fn never_panics() {
    let nasty = [
        "", " ", "$", "€€€", "under", "between 5 and", "between and 5", "1,2,3,4", "9999999999999999999999999k",
        "1e400", "nan", "-5", "--", "''''", "jusqu'", "l'", "😀 under 😀50", "ü̈ber 5", "\u{0}\u{FFFF}",
        "à", "twenty-", "-twenty", "hundred thousand million", "und und und", "fünfundfünfzigtausendhundert",
        "a a a a hundred", "y y y", "et et", "de de de 5 à", "1.2.3", ",5", "5,", ".", "k", "0k",
    ];
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let alphabet: Vec<char> = "aeiouüéñ$€£ 0123456789.,-'kund y et".chars().collect();
    let mut inputs: Vec<String> = nasty.iter().map(|s| s.to_string()).collect();
    for _ in 0..3000 {
        let len = (rng % 24) as usize;
        let mut s = String::new();
        for _ in 0..len {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            s.push(alphabet[(rng % alphabet.len() as u64) as usize]);
        }
        inputs.push(s);
    }
    for s in &inputs {
        for lang in [Lang::En, Lang::De, Lang::Fr, Lang::Es] {
            let q = understand(s, &[(s.clone(), 1.0)], lang, &shop());
            let next = apply_refinement(&State::default(), &q, &[1.0, f64::NAN, 3.0]);
            let _ = summary(3, &next, "products", Some("USD"), lang);
        }
    }
}
