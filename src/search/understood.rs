//! From a request to what is searched: the catalog's [`Vocabulary`], the understood [`State`] of a request (with
//! the follow-up rule of issue 11, point 3), and "Did you mean …?".
//!
//! Pure: the search hook calls [`resolve`] with the previous request's [`Base`] and the time, and the provider
//! searches the [`Resolved`] state.
//!
//! **When a request refines the previous one.** Only when its words are all a follow-up ("only the black ones",
//! "cheaper", "under 50", "sort by price", "show all"; see [`is_refinement_only`]) and
//! - it was spoken in continuous mode (the page sets [`Refines::Always`]), or
//! - it was typed (keystrokes or Enter) or spoken one phrase at a time within [`REFINE_WINDOW_MS`] of the previous
//!   request's answer ([`Refines::Recently`]).
//!
//! The previous request is the newest one that was spoken, submitted with Enter, opened from a link or made by a
//! control (a chip, Sort by, Refine): keystrokes show a preview but are not what the next follow-up refines, so
//! typing "only the black ones" letter by letter refines the chairs said before, not "o", "on", "onl".

use hark_engine::Index;

use super::understand::{
    apply_refinement, is_refinement_only, refine::same_kind, understand, Lang, State, Understood, Vocabulary,
};
use super::{Origin, Refines, SearchRequest};

/// How long after an answer a typed follow-up still refines it.
pub const REFINE_WINDOW_MS: f64 = 30_000.0;

/// How many of the first results two alternatives are compared on for "Did you mean …?".
pub const DID_YOU_MEAN_TOP: usize = 3;

/// The catalog's vocabulary from its index: facet values counted over every item, the price's currency, and the
/// other numbers' names.
pub fn vocabulary(index: &Index) -> Vocabulary {
    let facets = index.facet_counts(0..index.len() as u32);
    let numbers = index.numbers();
    Vocabulary::new(
        facets.iter().map(|f| (f.name.as_str(), f.values.clone())),
        index.currency(),
        numbers.iter().filter(|n| n.currency.is_none() && n.name != "price").map(|n| n.name),
    )
}

/// Whether a catalog gives anything to understand (facets, a price or numbers); without, every word is searched.
pub fn understands(vocab: &Vocabulary) -> bool {
    !vocab.facets.is_empty() || vocab.price.is_some() || !vocab.numbers.is_empty()
}

/// What the next follow-up refines: a request's understood state, the prices of its results, when it was
/// answered.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Base {
    /// The state searched.
    pub state: State,
    /// The prices of its results (for "cheaper").
    pub prices: Vec<f64>,
    /// When it was answered (milliseconds, the page's clock).
    pub answered_ms: f64,
}

/// Whether the answer to `request` becomes the [`Base`] of the next follow-up: everything but keystrokes.
pub fn is_base(request: &SearchRequest) -> bool {
    request.origin != Origin::Typed || request.refines == Refines::Never
}

/// What a request searches.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolved {
    /// Text, filters and sort.
    pub state: State,
    /// The recognizer's alternatives with the understood phrases removed, to search fused (empty for typed text
    /// and for a follow-up, which searches the previous text).
    pub alternatives: Vec<(String, f32)>,
    /// The language it was understood in (for the summary and prices).
    pub lang: Lang,
    /// It refined the previous request.
    pub refined: bool,
}

/// Understands `request` against `vocab` (typed text in `catalog_lang`, speech in its recognition language) and
/// applies it to `base` when it is a follow-up that may refine (see the module docs). Filters and sort set on the
/// page are kept; what the text says replaces those of the same kind.
pub fn resolve(
    request: &SearchRequest,
    base: Option<&Base>,
    now_ms: f64,
    vocab: &Vocabulary,
    catalog_lang: &str,
) -> Resolved {
    let lang = Lang::from_tag(if request.lang.is_empty() { catalog_lang } else { &request.lang });
    let u = if understands(vocab) {
        understand(&request.text, &request.alternatives, lang, vocab)
    } else {
        Understood {
            text: request.text.clone(),
            alternatives: request.alternatives.clone(),
            ..Understood::default()
        }
    };
    let in_time = |base: &Base| match request.refines {
        Refines::Never => false,
        Refines::Recently => now_ms - base.answered_ms <= REFINE_WINDOW_MS,
        Refines::Always => true,
    };
    if let Some(base) = base.filter(|base| in_time(base) && is_refinement_only(&u)) {
        return Resolved { state: apply_refinement(&base.state, &u, &base.prices), lang, refined: true, ..Resolved::default() };
    }
    let mut filters = request.filters.clone();
    filters.retain(|set| !u.filters.iter().any(|said| same_kind(set, said)));
    filters.extend(u.filters.iter().cloned());
    let state = State { text: u.text.clone(), filters, sort: u.sort.clone().or_else(|| request.sort.clone()) };
    let alternatives = if u.alternatives.len() > 1 { u.alternatives } else { Vec::new() };
    Resolved { state, alternatives, lang, refined: false }
}

/// Whether two alternatives' results are clearly different: both found something, and their first
/// [`DID_YOU_MEAN_TOP`] results share no item.
pub fn clearly_different(top: &[String], runner_up: &[String]) -> bool {
    let (a, b) = (&top[..top.len().min(DID_YOU_MEAN_TOP)], &runner_up[..runner_up.len().min(DID_YOU_MEAN_TOP)]);
    !a.is_empty() && !b.is_empty() && a.iter().all(|id| !b.contains(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::understand::{Filter, FacetVocab, PriceVocab, Refinement, Sort};
    use std::ops::Bound;

    fn vocab() -> Vocabulary {
        Vocabulary {
            facets: vec![
                FacetVocab { name: "Color".into(), values: vec![("black".into(), 3), ("white".into(), 2)] },
                FacetVocab { name: "Category".into(), values: vec![("Furniture".into(), 5)] },
            ],
            price: Some(PriceVocab { currency: "USD".into() }),
            ..Vocabulary::default()
        }
    }

    fn spoken(text: &str, continuous: bool) -> SearchRequest {
        let refines = if continuous { Refines::Always } else { Refines::Recently };
        SearchRequest { refines, lang: "en-US".into(), ..SearchRequest::spoken(vec![(text.into(), 0.9)]) }
    }

    fn under(v: f64) -> Filter {
        Filter::Price { min: Bound::Unbounded, max: Bound::Excluded(v) }
    }

    #[test]
    fn a_spoken_follow_up_refines_the_base_however_late_in_continuous_mode_and_within_the_window_otherwise() {
        let first = resolve(&spoken("furniture under 100", true), None, 0.0, &vocab(), "en");
        assert_eq!(first.state.filters, [Filter::Facet { facet: "Category".into(), value: "Furniture".into() }, under(100.0)]);
        let base = Base { state: first.state.clone(), prices: vec![30.0, 60.0, 90.0], answered_ms: 0.0 };
        let black = Filter::Facet { facet: "Color".into(), value: "black".into() };

        let refined = resolve(&spoken("only the black ones", true), Some(&base), 99_000.0, &vocab(), "en");
        assert!(refined.refined, "spoken in continuous mode refines however late");
        assert_eq!(refined.state.filters[2], black);
        assert_eq!(refined.state.filters.len(), 3);

        let one_phrase = resolve(&spoken("only the black ones", false), Some(&base), REFINE_WINDOW_MS, &vocab(), "en");
        assert!(one_phrase.refined, "one phrase at a time, a follow-up soon after the answer refines it");
        assert_eq!(one_phrase.state.filters.len(), 3);
        let late = resolve(&spoken("only the black ones", false), Some(&base), REFINE_WINDOW_MS + 1.0, &vocab(), "en");
        assert!(!late.refined, "…and later it starts over");
        assert_eq!(late.state.filters, [black]);

        let cheaper = resolve(&spoken("cheaper", true), Some(&base), 1.0, &vocab(), "en");
        assert_eq!(cheaper.state.filters[1], Filter::Price { min: Bound::Unbounded, max: Bound::Included(30.0) });

        let topic = resolve(&spoken("desk lamps", true), Some(&base), 1.0, &vocab(), "en");
        assert!(!topic.refined, "new topic words start over");
        assert_eq!(topic.state, State { text: "desk lamps".into(), ..State::default() });
    }

    #[test]
    fn typed_follow_ups_refine_within_the_window() {
        let base = Base { state: State { text: "chairs".into(), ..State::default() }, prices: vec![], answered_ms: 1_000.0 };
        let typed = SearchRequest { refines: Refines::Recently, ..SearchRequest::typed("sort by price") };
        let within = resolve(&typed, Some(&base), 1_000.0 + REFINE_WINDOW_MS, &vocab(), "en");
        assert!(within.refined);
        assert_eq!(within.state.text, "chairs");
        assert_eq!(within.state.sort, Some(Sort::Price { descending: false }));
        let late = resolve(&typed, Some(&base), 1_001.0 + REFINE_WINDOW_MS, &vocab(), "en");
        assert!(!late.refined);
        assert_eq!(late.state.text, "");
        assert!(!is_base(&typed), "keystrokes are not what the next follow-up refines");
        assert!(is_base(&SearchRequest { refines: Refines::Recently, ..SearchRequest::typed("x").from(Origin::Submitted) }));
    }

    #[test]
    fn page_filters_are_kept_and_a_said_price_replaces_a_set_one() {
        let black = Filter::Facet { facet: "Color".into(), value: "black".into() };
        let request = SearchRequest {
            filters: vec![black.clone(), under(500.0)],
            sort: Some(Sort::Price { descending: true }),
            ..SearchRequest::typed("chairs under 100")
        };
        let resolved = resolve(&request, None, 0.0, &vocab(), "en");
        assert_eq!(resolved.state.text, "chairs");
        assert_eq!(resolved.state.filters, [black, under(100.0)]);
        assert_eq!(resolved.state.sort, Some(Sort::Price { descending: true }));
    }

    #[test]
    fn typed_text_follows_the_catalog_language_and_speech_its_own() {
        let typed = resolve(&SearchRequest::typed("Stühle unter 50 Euro"), None, 0.0, &vocab(), "de");
        assert_eq!((typed.state.text.as_str(), typed.lang), ("Stühle", Lang::De));
        assert_eq!(typed.state.filters, [under(50.0)]);
        let said = resolve(&spoken("chairs under 50", false), None, 0.0, &vocab(), "de");
        assert_eq!(said.lang, Lang::En);
    }

    #[test]
    fn without_a_vocabulary_every_word_is_searched() {
        let request = SearchRequest::spoken(vec![("the cheapest lamp".into(), 0.9), ("the cheapest lamb".into(), 0.5)]);
        let resolved = resolve(&request, None, 0.0, &Vocabulary::default(), "en");
        assert_eq!(resolved.state, State { text: "the cheapest lamp".into(), ..State::default() });
        assert_eq!(resolved.alternatives.len(), 2);
        let refinement = Understood { refinement: Some(Refinement::ShowAll), ..Understood::default() };
        assert!(is_refinement_only(&refinement));
    }

    #[test]
    fn clearly_different_means_disjoint_first_results() {
        let ids = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(clearly_different(&ids(&["a", "b", "c"]), &ids(&["d", "e", "f", "a"])));
        assert!(!clearly_different(&ids(&["a", "b", "c"]), &ids(&["d", "c"])));
        assert!(!clearly_different(&ids(&["a"]), &[]));
        assert!(!clearly_different(&[], &ids(&["a"])));
    }
}
