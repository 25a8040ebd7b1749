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
        noun: String::new(),
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
fn the_catalogs_noun_names_everything_and_is_not_searched_for() {
    let films = Vocabulary { facets: vec![FacetVocab { name: "Género".into(), values: vec![("Terror".into(), 2), ("Comedia".into(), 3)] }], ..Vocabulary::default() }
        .with_noun("películas");
    let q = understand("películas de terror", &[], Lang::Es, &films);
    assert_eq!((q.text.as_str(), q.filters.clone()), ("", vec![facet("Género", "Terror")]));
    // Without its accent, in the singular, and in the middle of other words.
    assert_eq!(understand("una pelicula de terror", &[], Lang::Es, &films).text, "");
    assert_eq!(understand("comedias películas españolas", &[], Lang::Es, &films).text, "españolas");
    // A title that is only the noun's word is still found when something else is said with it.
    assert_eq!(understand("películas sobre películas mudas", &[], Lang::Es, &films).text, "sobre películas mudas");
    let movies = Vocabulary { facets: vec![FacetVocab { name: "Genre".into(), values: vec![("Horror".into(), 2)] }], ..Vocabulary::default() }
        .with_noun("movies");
    assert_eq!(understand("horror movies", &[], Lang::En, &movies).filters, [facet("Genre", "Horror")]);
    assert_eq!(understand("horror movies", &[], Lang::En, &movies).text, "");
    // Without a noun nothing changes.
    assert_eq!(understand("horror movies", &[], Lang::En, &Vocabulary { noun: String::new(), ..movies }).text, "movies");
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
    assert_eq!(
        u("jusqu'à quatre-vingt-dix euros", Lang::Fr).filters,
        [Filter::Price { min: Unbounded, max: Included(90.0) }]
    );
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
        "",
        " ",
        "$",
        "€€€",
        "under",
        "between 5 and",
        "between and 5",
        "1,2,3,4",
        "9999999999999999999999999k",
        "1e400",
        "nan",
        "-5",
        "--",
        "''''",
        "jusqu'",
        "l'",
        "😀 under 😀50",
        "ü̈ber 5",
        "\u{0}\u{FFFF}",
        "à",
        "twenty-",
        "-twenty",
        "hundred thousand million",
        "und und und",
        "fünfundfünfzigtausendhundert",
        "a a a a hundred",
        "y y y",
        "et et",
        "de de de 5 à",
        "1.2.3",
        ",5",
        "5,",
        ".",
        "k",
        "0k",
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
            let _ = summary(3, &next, Naming::noun("products"), Some("USD"), lang);
        }
    }
}

/// Vendure's sample store (the shop demo, `cargo xtask catalog --shop`): its facet values.
fn vendure() -> Vocabulary {
    let facet = |name: &str, values: &[&str]| FacetVocab {
        name: name.into(),
        values: values.iter().map(|v| (v.to_string(), 1)).collect(),
    };
    Vocabulary {
        facets: vec![
            facet("Category", &["Computers", "Photo", "Equipment", "Footwear", "Plants", "Furniture"]),
            facet(
                "Brand",
                &[
                    "Apple",
                    "Logitech",
                    "Samsung",
                    "Corsair",
                    "ADMI",
                    "Seagate",
                    "Polaroid",
                    "Nikkon",
                    "Agfa",
                    "Manfrotto",
                    "Kodak",
                    "Sony",
                    "Rolleiflex",
                    "Pinarello",
                    "Everlast",
                    "Nike",
                    "Wilson",
                    "Adidas",
                    "Converse",
                ],
            ),
            facet("Color", &["blue", "pink", "black", "white", "gray", "brown", "wood", "yellow", "green"]),
            facet("Department", &["Electronics", "Sports & Outdoor", "Home & Garden"]),
        ],
        price: Some(PriceVocab { currency: "USD".into() }),
        numbers: vec![],
        noun: String::new(),
    }
}

/// `text | filters | sort | refinement`, compactly.
fn render(u: &Understood) -> String {
    let bound = |b: &std::ops::Bound<f64>, open: &str, closed: &str| match b {
        Excluded(v) => format!("{open}{v}"),
        Included(v) => format!("{closed}{v}"),
        Unbounded => String::new(),
    };
    let filters: Vec<String> = u
        .filters
        .iter()
        .map(|f| match f {
            Filter::Facet { facet, value } => format!("{facet}={value}"),
            Filter::Price { min, max } => format!("price{}{}", bound(min, ">", ">="), bound(max, "<", "<=")),
            Filter::Number { name, min, max } => format!("{name}{}{}", bound(min, ">", ">="), bound(max, "<", "<=")),
        })
        .collect();
    let sort = match &u.sort {
        Some(Sort::Price { descending }) => {
            if *descending {
                "price desc".to_string()
            } else {
                "price asc".to_string()
            }
        }
        Some(Sort::Number { name, descending }) => format!("{name} {}", if *descending { "desc" } else { "asc" }),
        None => String::new(),
    };
    let r = u.refinement.map(|r| format!("{r:?}")).unwrap_or_default();
    format!("{} | {} | {sort} | {r}", u.text, filters.join(", "))
}

/// 51 natural queries to the shop demo, and what they are understood as. Known miss, kept as it
/// is: "sports equipment" keeps "sports" as text (only the category "Equipment" is a facet of one
/// word). "grey sofa" finds "gray" through the table of two spellings (four-letter words are not
/// corrected by one edit: "blac" must not become "black" in a catalog of "Blanc" either).
#[test]
fn fifty_shop_queries() {
    let table = [
        ("office chairs under 100 dollars", "office chairs | price<100 |  | "),
        ("red running shoes under 50 dollars", "red running shoes | price<50 |  | "),
        ("cheapest running shoes", "running shoes |  | price asc | "),
        ("black nike shoes", "shoes | Color=black, Brand=Nike |  | "),
        ("adidas running shoes under a hundred bucks", "running shoes | Brand=Adidas, price<100 |  | "),
        ("show me cameras between 100 and 500 dollars", "cameras | price>=100<=500 |  | "),
        ("the most expensive laptop", "laptop |  | price desc | "),
        ("laptops under 1500", "laptops | price<1500 |  | "),
        ("a monitor for about 150 dollars", "monitor | price>=120<=180 |  | "),
        ("samsung monitors", "monitors | Brand=Samsung |  | "),
        ("gaming pc under 1000", "gaming pc | price<1000 |  | "),
        ("hard drive cheapest", "hard drive |  | price asc | "),
        ("white sneakers", "sneakers | Color=white |  | "),
        ("converse sneakers under $70", "sneakers | Brand=Converse, price<70 |  | "),
        ("tennis balls", "tennis balls |  |  | "),
        ("basketball shoes over 100 dollars", "basketball shoes | price>100 |  | "),
        ("indoor plants under 20 dollars", "indoor | Category=Plants, price<20 |  | "),
        ("cheap plants", " | Category=Plants | price asc | "),
        ("plants under twenty dollars", " | Category=Plants, price<20 |  | "),
        ("sofa under 300", "sofa | price<300 |  | "),
        ("leather sofa", "leather sofa |  |  | "),
        ("grey sofa", "sofa | Color=gray |  | "),
        ("home and garden furniture", " | Department=Home & Garden, Category=Furniture |  | "),
        ("gray chairs", "chairs | Color=gray |  | "),
        ("wooden stool", "wooden stool |  |  | "),
        ("bonsai tree", "bonsai tree |  |  | "),
        ("sony camera", "camera | Brand=Sony |  | "),
        ("kodak camera under fifty", "camera | Brand=Kodak, price<50 |  | "),
        ("cameras less than 1k", "cameras | price<1000 |  | "),
        ("tripod under 20 bucks", "tripod | price<20 |  | "),
        ("boxing gloves", "boxing gloves |  |  | "),
        ("skipping rope cheapest", "skipping rope |  | price asc | "),
        ("road bike", "road bike |  |  | "),
        ("pinarello bike over 2000 dollars", "bike | Brand=Pinarello, price>2000 |  | "),
        ("keyboard", "keyboard |  |  | "),
        ("corsair ram", "ram | Brand=Corsair |  | "),
        ("usb cable under 10 dollars", "usb cable | price<10 |  | "),
        ("ethernet cable", "ethernet cable |  |  | "),
        ("furniture under 150 dollars", " | Category=Furniture, price<150 |  | "),
        ("black furniture", " | Color=black, Category=Furniture |  | "),
        ("sports equipment under 40", "sports | Category=Equipment, price<40 |  | "),
        ("electronics under 50 dollars", " | Department=Electronics, price<50 |  | "),
        ("home and garden", " | Department=Home & Garden |  | "),
        ("blue shoes", "shoes | Color=blue |  | "),
        ("pink running shoes size 42", "running shoes size 42 | Color=pink |  | "),
        ("laptop 16gb", "laptop 16gb |  |  | "),
        ("tablet 128gb", "tablet 128gb |  |  | "),
        ("cheapest tablet", "tablet |  | price asc | "),
        ("only the black ones", " | Color=black |  | Only"),
        ("cheaper", " |  |  | Cheaper"),
        ("sort by price", " |  | price asc | "),
    ];
    for (said, expected) in table {
        assert_eq!(render(&understand(said, &[], Lang::En, &vendure())), expected, "{said}");
    }
}

/// The wiring the app needs, end to end on the German fixture the e2e tests use: the vocabulary
/// from the index, the understood filters and sort as an engine query, the summary.
#[test]
fn wiring_example_on_the_german_fixture() {
    use hark_engine::{parse_catalog, CatalogConfig, Index, Query};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let cfg: CatalogConfig =
        serde_json::from_slice(&std::fs::read(root.join("e2e/fixtures/hark.shop-de.json")).unwrap()).unwrap();
    let bytes = std::fs::read(root.join("e2e/fixtures/shop-de.jsonl")).unwrap();
    let index = Index::build(&parse_catalog(&bytes, &cfg).unwrap(), &cfg);

    let counts = index.facet_counts(0..index.len() as u32);
    let numbers: Vec<&str> = index.numbers().iter().map(|n| n.name).filter(|n| *n != "price").collect();
    let vocab = Vocabulary::new(counts.iter().map(|c| (c.name.as_str(), c.values.clone())), index.currency(), numbers);

    let to_engine = |state: &State| {
        let mut q = Query::text(state.text.clone());
        let mut by_facet: Vec<(String, Vec<String>)> = Vec::new();
        for f in &state.filters {
            match f {
                Filter::Price { min, max } => q = q.with_filter(hark_engine::Filter::range("price", *min, *max)),
                Filter::Number { name, min, max } => q = q.with_filter(hark_engine::Filter::range(name.clone(), *min, *max)),
                Filter::Facet { facet, value } => match by_facet.iter_mut().find(|(f, _)| f == facet) {
                    Some((_, values)) => values.push(value.clone()),
                    None => by_facet.push((facet.clone(), vec![value.clone()])),
                },
            }
        }
        for (facet, values) in by_facet {
            q = q.with_filter(hark_engine::Filter::Facet { facet, values });
        }
        if let Some(sort) = &state.sort {
            q = q.with_sort(match sort {
                Sort::Price { descending } => hark_engine::Sort::Number { number: "price".into(), descending: *descending },
                Sort::Number { name, descending } => hark_engine::Sort::Number { number: name.clone(), descending: *descending },
            });
        }
        q
    };
    let ids = |q: &Query| index.search(q).iter().map(|h| index.doc(h.doc).unwrap().id.to_string()).collect::<Vec<_>>();

    let said = understand("schwarze Schuhe unter 100 Euro", &[], Lang::De, &vocab);
    assert_eq!(said.filters.len(), 3, "{said:?}");
    let state = apply_refinement(&State::default(), &said, &[]);
    assert_eq!(ids(&to_engine(&state)), ["de-4"]);
    assert_eq!(summary(1, &state, Naming { noun: "Produkte", facet: Some("Kategorie") }, index.currency(), Lang::De), "1 Ergebnis: Schuhe, schwarz, unter 100 €.");

    // Follow-ups: drop the filters, then sort what is left (nothing to search: browse).
    let prices: Vec<f64> = index.search(&to_engine(&state)).iter().filter_map(|h| index.price(h.doc)).collect();
    let all = apply_refinement(&state, &understand("alle anzeigen", &[], Lang::De, &vocab), &prices);
    assert_eq!(all.filters, []);
    let cheapest = apply_refinement(&all, &understand("am billigsten", &[], Lang::De, &vocab), &[]);
    assert_eq!(ids(&to_engine(&cheapest))[0], "de-3", "blank text, sorted: the cheapest item (14 €)");
}
