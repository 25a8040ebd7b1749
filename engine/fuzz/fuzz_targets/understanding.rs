//! Arbitrary utterances through the app's query understanding (`hark::search::understand` and
//! `understood::resolve`, the pure Rust that turns "red shoes under 50 dollars" into text,
//! filters and a sort) against a fixed shop vocabulary, optionally as a follow-up to a previous
//! request read from URL parameters.
//!
//! Checks: nothing panics; every understood facet value and number is one the vocabulary has;
//! every bound is a finite number; the resolved state survives the trip through URL parameters
//! (`to_params` → `from_params`) unchanged; the summary and filter labels are written.
//!
//! Input: byte 0 = options (bits 0–1 language en/de/fr/es, bit 2 spoken, bit 3 may refine (bit 5: however late),
//! bit 4 a previous request), then UTF-8 (lossy) lines: lines starting with `?` are the previous
//! request's URL parameters (`f.Color=black&price=lt50&sort=-price`), the others the utterance's
//! alternatives, best first, each optionally ending in `=CONFIDENCE`.
#![no_main]

use std::ops::Bound;
use std::sync::OnceLock;

use hark::search::understand::summary::filter_label;
use hark::search::understand::{
    format_price, from_params, summary, to_params, understand, FacetVocab, Filter, Lang, Naming, NumberVocab,
    PriceVocab, Sort, Vocabulary,
};
use hark::search::understood::{resolve, Base};
use hark::search::{Origin, Refines, SearchRequest};
use libfuzzer_sys::fuzz_target;

const LANGS: [&str; 4] = ["en-US", "de-DE", "fr-FR", "es-ES"];

/// A shop's vocabulary: one-word, multi-word, accented and number-like facet values, a price,
/// two spoken numbers (a date and a rating) and a noun of several words with an accent.
fn vocab() -> &'static Vocabulary {
    static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
    VOCAB.get_or_init(|| {
        let values = |list: &[&str]| list.iter().enumerate().map(|(i, v)| (v.to_string(), i as u32 + 1)).collect();
        Vocabulary {
            facets: vec![
                FacetVocab { name: "Color".into(), values: values(&["black", "white", "red", "navy blue", "Grün"]) },
                FacetVocab { name: "Brand".into(), values: values(&["Under Armour", "Nike", "Dr. Martens", "3M", "L'Oréal"]) },
                FacetVocab { name: "Category".into(), values: values(&["office chairs", "shoes", "lamps"]) },
            ],
            price: Some(PriceVocab { currency: "USD".into() }),
            numbers: vec![NumberVocab::new("year"), NumberVocab::new("rating")],
            noun: "Bürostühle & lámparas".into(),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let (params, said): (Vec<&str>, Vec<&str>) = text.split('\n').partition(|line| line.starts_with('?'));
    let alternatives: Vec<(String, f32)> = said
        .iter()
        .map(|line| match line.rsplit_once('=') {
            Some((t, c)) => (t.to_owned(), c.trim().parse().unwrap_or(1.0)),
            None => ((*line).to_owned(), 1.0),
        })
        .collect();
    let lang_tag = LANGS[usize::from(flags & 3)];
    let lang = Lang::from_tag(lang_tag);
    let vocab = vocab();

    let first = alternatives.first().map(|(t, _)| t.as_str()).unwrap_or_default();
    let u = understand(first, &alternatives, lang, vocab);
    assert_eq!(u.alternatives.len(), alternatives.len());
    for f in &u.filters {
        check_filter(f, vocab);
    }
    if let Some(s) = &u.sort {
        check_sort(s, vocab);
    }

    // The app's wiring: a request (typed or spoken), perhaps refining a previous one from its URL.
    let pairs: Vec<(&str, &str)> = params
        .iter()
        .flat_map(|line| line[1..].split('&'))
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .collect();
    let previous = from_params(pairs.iter().copied());
    let base = Base { state: previous, prices: vec![19.99, 49.5, 120.0], answered_ms: 0.0 };
    let spoken = flags & 4 != 0;
    let request = SearchRequest {
        origin: if spoken { Origin::Spoken } else { Origin::Typed },
        text: first.to_owned(),
        alternatives: if spoken { alternatives.clone() } else { Vec::new() },
        refines: match (flags & 8 != 0, flags & 32 != 0) {
            (false, _) => Refines::Never,
            (true, false) => Refines::Recently,
            (true, true) => Refines::Always,
        },
        lang: if spoken { lang_tag.to_owned() } else { String::new() },
        filters: base.state.filters.clone(),
        sort: base.state.sort.clone(),
        ..SearchRequest::default()
    };
    let resolved = resolve(&request, (flags & 16 != 0).then_some(&base), 1000.0, vocab, "en");
    let state = &resolved.state;

    // What the page puts in its URL reads back as the same filters and sort.
    let params = to_params(state);
    let back = from_params(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_eq!(back.filters, state.filters, "filters through the URL: {params:?}");
    assert_eq!(back.sort, state.sort, "sort through the URL: {params:?}");

    for facet in [None, Some("Category")] {
        let said_summary = summary(3, state, Naming { noun: "products", facet }, Some("USD"), resolved.lang);
        assert!(!said_summary.is_empty());
    }
    for f in &state.filters {
        assert!(!filter_label(f, Some("USD"), resolved.lang).is_empty(), "{f:?} has no label");
        if let Filter::Price { min: Bound::Included(v) | Bound::Excluded(v), .. } = f {
            assert!(!format_price(*v, "USD", resolved.lang).is_empty());
        }
    }
});

/// A filter the utterance produced names what the vocabulary has, with finite bounds.
fn check_filter(filter: &Filter, vocab: &Vocabulary) {
    let finite = |b: &Bound<f64>| match b {
        Bound::Included(v) | Bound::Excluded(v) => v.is_finite(),
        Bound::Unbounded => true,
    };
    match filter {
        Filter::Price { min, max } => assert!(finite(min) && finite(max), "{filter:?}"),
        Filter::Number { name, min, max } => {
            assert!(vocab.numbers.iter().any(|n| &n.name == name), "{filter:?}");
            assert!(finite(min) && finite(max), "{filter:?}");
        }
        Filter::Facet { facet, value } => assert!(
            vocab.facets.iter().any(|f| &f.name == facet && f.values.iter().any(|(v, _)| v == value)),
            "{filter:?} is not in the vocabulary"
        ),
    }
}

/// A sort the utterance produced is by the price or a number the vocabulary has.
fn check_sort(sort: &Sort, vocab: &Vocabulary) {
    if let Sort::Number { name, .. } = sort {
        assert!(vocab.numbers.iter().any(|n| &n.name == name), "{sort:?}");
    }
}
