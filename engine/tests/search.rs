//! Ranking and behaviour tests on small inline catalogs (they run anywhere).

use hark_engine::{parse_catalog, CatalogConfig, Hit, Index, Query, RankingWeights};

fn index(jsonl: &str) -> Index {
    let cfg = CatalogConfig::default();
    Index::build(&parse_catalog(jsonl.as_bytes(), &cfg).unwrap(), &cfg)
}

fn titles(idx: &Index, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| idx.doc(h.doc).unwrap().title.to_owned())
        .collect()
}

fn search(idx: &Index, q: &str) -> Vec<String> {
    titles(idx, &idx.search(&Query::text(q)))
}

const SHOP: &str = r#"{"id":"1","title":"Espresso maker","description":"a coffee maker that forces live steam under pressure through dark roasted coffee grounds","category":"coffee maker"}
{"id":"2","title":"Coffee maker","description":"a kitchen appliance for brewing coffee automatically","category":"kitchen appliance"}
{"id":"3","title":"Tuning fork","description":"two-pronged steel device that vibrates at a given frequency when struck","category":"implement"}
{"id":"4","title":"Salad fork","description":"a fork for eating salad","category":"fork"}
{"id":"5","title":"Cheddar","aliases":["cheddar cheese"],"description":"hard smooth-textured cheese","category":"cheese"}
{"id":"6","title":"Knight","aliases":["horse"],"description":"a chessman shaped to resemble the head of a horse","category":"chessman"}
{"id":"7","title":"Night-light","description":"a small light left burning at night","category":"light"}
{"id":"8","title":"Express","description":"public transport consisting of a fast train or bus","category":"public transport"}
{"id":"9","title":"Pitchfork","description":"a long-handled hand tool with sharp widely spaced prongs for lifting and pitching hay","category":"fork"}
{"id":"10","title":"Phone","description":"electronic equipment that converts sound into electrical signals","category":"electronic equipment"}
"#;

#[test]
fn title_beats_description() {
    let idx = index(
        r#"{"id":"a","title":"Garden hose","description":"a fork is not needed"}
{"id":"b","title":"Fork","description":"a tool"}"#,
    );
    assert_eq!(search(&idx, "fork"), ["Fork", "Garden hose"]);
}

#[test]
fn exact_beats_stem_beats_typo() {
    let idx = index(
        r#"{"title":"walker"}
{"title":"walkers"}
{"title":"walked"}
{"title":"talked"}"#,
    );
    let q = Query::text("walked").with_prefix_last_word(false);
    let got = titles(&idx, &idx.search(&q));
    assert_eq!(got[0], "walked", "exact first");
    let pos = |t: &str| got.iter().position(|g| g == t).unwrap();
    // "walk" is the stem of walked; "walker"/"walkers" stem elsewhere but are a typo away or not.
    assert!(pos("talked") > 0);
    let idx = index(
        r#"{"title":"boxes"}
{"title":"boxer"}"#,
    );
    // boxes shares the stem of "box"; boxer only its prefix.
    assert_eq!(
        titles(&idx, &idx.search(&Query::text("box"))),
        ["boxes", "boxer"]
    );
}

#[test]
fn prefix_only_for_the_last_word_and_only_when_asked() {
    let idx = index(SHOP);
    assert_eq!(search(&idx, "espr")[0], "Espresso maker");
    let off = idx.search(
        &Query::text("espr")
            .with_prefix_last_word(false)
            .with_typo_tolerance(false)
            .with_phonetic(false),
    );
    assert!(off.is_empty());
}

#[test]
fn bm25_prefers_rare_words_and_short_fields() {
    let idx = index(
        r#"{"title":"common rare"}
{"title":"common thing"}
{"title":"common other"}
{"title":"a very long title about common things and other stuff"}"#,
    );
    let q = |t| {
        titles(
            &idx,
            &idx.search(&Query::text(t).with_prefix_last_word(false)),
        )
    };
    assert_eq!(q("rare common")[0], "common rare");
    let got = q("common");
    assert_eq!(
        got.last().unwrap(),
        "a very long title about common things and other stuff"
    );
    let a = hark_engine::idf(100, 1);
    let b = hark_engine::idf(100, 50);
    assert!(a > b && b > 0.0);
}

#[test]
fn typos_and_sound_alikes() {
    let idx = index(SHOP);
    assert_eq!(search(&idx, "expresso maker")[0], "Espresso maker");
    assert_eq!(search(&idx, "chedder")[0], "Cheddar");
    assert_eq!(search(&idx, "tunning frok")[0], "Tuning fork");
    assert_eq!(
        search(&idx, "fone")[0],
        "Phone",
        "sound-alike with a different first letter"
    );
    let night = search(&idx, "night");
    assert!(night.contains(&"Knight".to_owned()), "{night:?}");
    let strict = idx.search(
        &Query::text("chedder")
            .with_typo_tolerance(false)
            .with_phonetic(false),
    );
    assert!(strict.is_empty());
}

#[test]
fn spoken_filler_is_ignored() {
    let idx = index(SHOP);
    assert_eq!(
        search(&idx, "show me a tuning fork please")[0],
        "Tuning fork"
    );
    assert_eq!(search(&idx, "show me cheddar")[0], "Cheddar");
    assert_eq!(
        search(&idx, "I'm looking for an espresso maker")[0],
        "Espresso maker"
    );
    assert_eq!(search(&idx, "can you find the salad fork")[0], "Salad fork");
}

#[test]
fn alternatives_are_fused_by_confidence() {
    let idx = index(SHOP);
    let q =
        Query::alternatives([("night light", 0.3), ("knight", 0.9)]).with_prefix_last_word(false);
    assert_eq!(titles(&idx, &idx.search(&q))[0], "Knight");
    let q =
        Query::alternatives([("night light", 0.9), ("knight", 0.3)]).with_prefix_last_word(false);
    assert_eq!(titles(&idx, &idx.search(&q))[0], "Night-light");
    // All-zero confidences (Android) count equally.
    let q = Query::alternatives([("cheddar", 0.0), ("tuning fork", 0.0)]);
    let got = titles(&idx, &idx.search(&q));
    assert!(got.contains(&"Cheddar".to_owned()) && got.contains(&"Tuning fork".to_owned()));
    // Agreement between alternatives wins.
    let q = Query::alternatives([
        ("salad fork", 0.5),
        ("salad for", 0.5),
        ("tuning fork", 0.5),
    ]);
    assert_eq!(titles(&idx, &idx.search(&q))[0], "Salad fork");
}

#[test]
fn highlights_are_byte_ranges_into_the_original_text() {
    let idx = index(
        r#"{"title":"Crème BRÛLÉE au café","description":"Une crème brûlée, servie avec du CAFÉ."}"#,
    );
    let hits = idx.search(&Query::text("creme cafe"));
    let d = idx.doc(hits[0].doc).unwrap();
    let t: Vec<&str> = hits[0]
        .title_spans
        .iter()
        .map(|r| &d.title[r.clone()])
        .collect();
    assert_eq!(t, ["Crème", "café"]);
    let s: Vec<&str> = hits[0]
        .description_spans
        .iter()
        .map(|r| &d.description[r.clone()])
        .collect();
    assert_eq!(s, ["crème", "CAFÉ"]);
}

#[test]
fn html_is_indexed_and_returned_verbatim() {
    let idx = index(
        r#"{"id":"x","title":"<img src=x onerror=alert(1)>","description":"<b>bold</b> &amp; plain"}"#,
    );
    let hits = idx.search(&Query::text("onerror"));
    assert_eq!(hits.len(), 1);
    let d = idx.doc(hits[0].doc).unwrap();
    assert_eq!(d.title, "<img src=x onerror=alert(1)>");
    assert_eq!(&d.title[hits[0].title_spans[0].clone()], "onerror");
    assert_eq!(d.description, "<b>bold</b> &amp; plain");
    assert_eq!(search(&idx, "bold").len(), 1);
}

#[test]
fn ties_break_by_document_order_and_limit_applies() {
    let idx = index(
        r#"{"title":"lamp"}
{"title":"lamp"}
{"title":"lamp"}"#,
    );
    let hits = idx.search(&Query::text("lamp").with_limit(2));
    assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [0, 1]);
    assert_eq!(hits[0].score, hits[1].score);
    assert!(idx.search(&Query::text("lamp").with_limit(0)).is_empty());
}

#[test]
fn empty_and_odd_queries() {
    let idx = index(SHOP);
    for q in [
        "",
        "   ",
        "!!!",
        "the",
        "please",
        "\u{0}",
        "ΩΩΩ",
        "a b c d e f g h i j k l m n o p",
    ] {
        let _ = idx.search(&Query::text(q));
    }
    assert!(idx.search(&Query::text("")).is_empty());
    let empty = index("[]");
    assert!(empty.is_empty());
    assert!(empty.search(&Query::text("fork")).is_empty());
    assert_eq!(empty.suggest("fork"), None);
    let back = Index::from_bytes(&empty.to_bytes()).unwrap();
    assert_eq!(back.len(), 0);
}

#[test]
fn suggest_offers_the_closest_known_words() {
    let idx = index(SHOP);
    assert_eq!(idx.suggest("chedder").as_deref(), Some("cheddar"));
    assert_eq!(
        idx.suggest("show me a tunning fork").as_deref(),
        Some("tuning fork")
    );
    assert_eq!(idx.suggest("cheddar"), None);
    assert_eq!(idx.suggest("zzzzzzzz"), None);
}

#[test]
fn ranking_weights_change_the_order_without_a_rebuild() {
    let mut idx = index(
        r#"{"title":"hose","description":"fork fork fork"}
{"title":"fork","description":"tool"}"#,
    );
    assert_eq!(search(&idx, "fork")[0], "fork");
    idx.set_ranking(RankingWeights {
        title: 0.0,
        title_match: 0.0,
        ..Default::default()
    });
    assert_eq!(search(&idx, "fork")[0], "hose");
}

#[test]
fn language_changes_stemming() {
    let cfg: CatalogConfig = serde_json::from_str(r#"{"language":"fr"}"#).unwrap();
    let cat = parse_catalog(r#"{"title":"Les chevaux du village"}"#.as_bytes(), &cfg).unwrap();
    let idx = Index::build(&cat, &cfg);
    assert_eq!(idx.language(), "fr");
    let hits = idx.search(
        &Query::text("cheval")
            .with_typo_tolerance(false)
            .with_phonetic(false)
            .with_prefix_last_word(false),
    );
    assert_eq!(hits.len(), 1, "cheval and chevaux share a stem");
    let cfg: CatalogConfig = serde_json::from_str(r#"{"language":"xx"}"#).unwrap();
    let cat = parse_catalog(br#"{"title":"running"}"#, &cfg).unwrap();
    assert_eq!(cat.warnings.len(), 1);
    let idx = Index::build(&cat, &cfg);
    assert!(
        idx.search(&Query::text("run").with_prefix_last_word(false))
            .is_empty(),
        "no stemming"
    );
}

#[test]
fn custom_folder_for_queries() {
    let mut idx = index(r#"{"title":"Café"}"#);
    // A folder that decomposes only é, as a browser's normalize("NFKD") would, then finishes.
    idx.set_folder(|w: &str, out: &mut String| {
        hark_engine::finish_fold(&w.replace('é', "e\u{301}"), out)
    });
    assert_eq!(search(&idx, "CAFÉ"), ["Café"]);
}

#[test]
fn max_results_from_config() {
    let cfg: CatalogConfig = serde_json::from_str(r#"{"max_results":2}"#).unwrap();
    let cat = parse_catalog(
        b"{\"title\":\"a lamp\"}\n{\"title\":\"lamp b\"}\n{\"title\":\"lamp c\"}",
        &cfg,
    )
    .unwrap();
    let idx = Index::from_bytes(&Index::build(&cat, &cfg).to_bytes()).unwrap();
    assert_eq!(idx.max_results(), 2);
    assert_eq!(idx.search(&Query::text("lamp")).len(), 2);
}

#[test]
fn typing_past_the_end_of_a_word_is_evidence_against_it() {
    // "expresso" is one edit from "express" (an extra letter) and from "espresso" (a substitution). The person typed
    // past the end of "express", so the espresso items win, in prefix (typing) mode as well.
    let idx = index(concat!(
        r#"{"id":"1","title":"express","description":"a fast train"}"#, "\n",
        r#"{"id":"2","title":"expressway","description":"a divided highway"}"#, "\n",
        r#"{"id":"3","title":"espresso maker","description":"a coffee maker"}"#, "\n",
    ));
    for prefix in [false, true] {
        let hits = idx.search(&Query::text("expresso").with_prefix_last_word(prefix));
        assert_eq!(titles(&idx, &hits).first().map(String::as_str), Some("espresso maker"), "prefix {prefix}");
    }
}

#[test]
fn stop_words_are_never_typo_or_sound_alike_matches() {
    // Titles keep their stop words, so "for" is in the vocabulary; it must not match "fork" as a typo.
    let idx = index(concat!(
        r#"{"id":"1","title":"Fork","description":"cutlery"}"#, "\n",
        r#"{"id":"2","title":"Food for thought","description":"something to think about"}"#, "\n",
    ));
    let hits = idx.search(&Query::text("fork"));
    assert_eq!(titles(&idx, &hits), vec!["Fork".to_string()]);
}
