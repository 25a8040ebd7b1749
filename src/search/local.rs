//! The embedded provider: searches a `hark-engine` index in the page.

use hark_engine::{finish_fold, Filter as EngineFilter, Index, Query, Sort as EngineSort};

use super::understand::{format_price, summary, FacetVocab, Filter, Lang, Naming, Sort, State, Vocabulary};
use super::understood::{clearly_different, vocabulary, Resolved, DID_YOU_MEAN_TOP};
use super::{SearchRequest, SearchResponse, SearchResult};

/// The engine's name for the price column.
const PRICE: &str = "price";

/// Fold a word the way the host's NFKD folder does, using the browser's `String.prototype.normalize` instead of
/// linking Unicode tables into the wasm (about 54 KB gzip, DESIGN.md).
pub fn browser_fold(word: &str, out: &mut String) {
    if word.is_ascii() {
        finish_fold(word, out);
    } else {
        let decomposed: String = js_sys::JsString::from(word).normalize("NFKD").into();
        finish_fold(&decomposed, out);
    }
}

/// How many matching items the Refine panel's counts look at (all of them on any shop-sized catalog).
pub const FACET_COUNT_LIMIT: usize = 2_000;

/// Searches one index.
pub struct LocalSearch {
    index: Index,
    vocabulary: Vocabulary,
    noun: String,
    /// The facet whose values name kinds of item (see [`Naming::facet`]).
    noun_facet: Option<String>,
}

impl LocalSearch {
    /// Wrap an index; its query folding is switched to the browser's, and its vocabulary is read once.
    pub fn new(mut index: Index) -> Self {
        index.set_folder(browser_fold);
        let vocabulary = vocabulary(&index);
        Self { index, vocabulary, noun: "results".to_string(), noun_facet: None }
    }

    /// What the summary calls the items when no text or facet value names them ("12 products, under $100.").
    pub fn with_noun(mut self, noun: &str) -> Self {
        if !noun.trim().is_empty() {
            self.noun = noun.trim().to_string();
        }
        self
    }

    /// The facet on the catalog's `category` field, if there is one: its values name kinds of item ("12 chairs").
    pub fn with_noun_facet(mut self, facet: Option<&str>) -> Self {
        self.noun_facet = facet.map(str::to_string);
        self
    }

    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether it holds no documents.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The engine, for callers that need more than [`Self::search`].
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// What the catalog offers to understand against (facet values over all items, currency, numbers).
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// Answer `request`: spoken alternatives are fused; typed text also matches the word being typed as a prefix;
    /// a resolved request is filtered and sorted, and its answer carries facet counts, prices, the summary and
    /// "Did you mean …?".
    pub fn search(&self, request: &SearchRequest) -> SearchResponse {
        if request.is_empty() {
            return SearchResponse { seq: request.seq, ..SearchResponse::default() };
        }
        let typed = request.alternatives.is_empty();
        // A later page ("next"): rank the results up to its end and keep the last page of them.
        let size = self.index.max_results();
        let offset = (request.page as usize).saturating_mul(size);
        let Some(resolved) = &request.resolved else {
            let query = if typed {
                Query::text(request.text.clone()).with_prefix_last_word(true)
            } else {
                Query::alternatives(request.alternatives.iter().cloned())
            };
            let hits = self.index.search(&query.with_limit(offset.saturating_add(size)));
            let results = self.results(hits.get(offset..).unwrap_or_default(), None);
            let suggestion = if results.is_empty() && offset == 0 { self.index.suggest(&request.text) } else { None };
            return SearchResponse {
                seq: request.seq,
                query: request.text.clone(),
                results,
                suggestion,
                offset,
                ..SearchResponse::default()
            };
        };
        let state = &resolved.state;
        let currency = self.index.currency().map(str::to_string);
        let query = engine_query(state, &resolved.alternatives, typed && !resolved.refined);
        // One search serves both the page and the Refine counts: the order is total (ties by catalog order), so the
        // page is a slice of every match (up to FACET_COUNT_LIMIT, or further for a late page).
        let end = offset.saturating_add(size);
        // "show all" with nothing left to narrow it (every word of the request was a filter) lists everything. Only
        // the page shown needs its matched words marked; the rest are counted.
        let query = query.with_browse_all(resolved.refined).with_limit(FACET_COUNT_LIMIT.max(end)).with_highlight(end);
        let all = self.index.search(&query);
        let results = self.results(all.get(offset..end.min(all.len())).unwrap_or_default(), Some((currency.as_deref(), resolved.lang)));
        let searched = if state.text.trim().is_empty() { &request.text } else { &state.text };
        let suggestion = if results.is_empty() && offset == 0 && !state.text.trim().is_empty() {
            self.index.suggest(searched)
        } else {
            None
        };
        let facets = self
            .index
            .facet_counts(all.iter().map(|hit| hit.doc))
            .into_iter()
            .map(|counts| FacetVocab { name: counts.name, values: counts.values })
            .collect();
        let total = (all.len() > offset + results.len()).then_some(all.len() as u64);
        // A follow-up is summed up by what it left ("show all" → "30 Produkte."), not by the words said.
        let shows_summary = !state.filters.is_empty() || state.sort.is_some() || resolved.refined;
        let count = all.len().max(offset + results.len());
        let summary = shows_summary.then(|| summary(count, state, Naming { noun: &self.noun, facet: self.noun_facet.as_deref() }, currency.as_deref(), resolved.lang));
        SearchResponse {
            seq: request.seq,
            query: request.text.clone(),
            did_you_mean: if offset == 0 { self.did_you_mean(request, resolved) } else { None },
            results,
            suggestion,
            total,
            offset,
            state: Some(state.clone()),
            facets,
            summary,
            currency,
            lang: resolved.lang,
        }
    }

    /// The hits as results, with prices formatted in `price` (currency, language) when the catalog has prices.
    fn results(&self, hits: &[hark_engine::Hit], price: Option<(Option<&str>, Lang)>) -> Vec<SearchResult> {
        hits.iter()
            .filter_map(|hit| {
                let doc = self.index.doc(hit.doc)?;
                let amount = self.index.price(hit.doc);
                let price_text = match (amount, price) {
                    (Some(amount), Some((Some(currency), lang))) => format_price(amount, currency, lang),
                    _ => String::new(),
                };
                Some(SearchResult {
                    id: doc.id.to_string(),
                    title: doc.title.to_string(),
                    title_spans: hit.title_spans.clone(),
                    description: doc.description.to_string(),
                    description_spans: hit.description_spans.clone(),
                    category: doc.category.to_string(),
                    url: doc.url.to_string(),
                    price: amount,
                    price_text,
                })
            })
            .collect()
    }

    /// The recognizer's runner-up when its results are clearly different from the best guess's
    /// ([`clearly_different`]), searched with the same filters and sort.
    fn did_you_mean(&self, request: &SearchRequest, resolved: &Resolved) -> Option<String> {
        let ([(best, _), (runner_up, _), ..], [(said_best, _), (said_runner_up, _), ..]) =
            (resolved.alternatives.as_slice(), request.alternatives.as_slice())
        else {
            return None;
        };
        if resolved.refined || best.trim().is_empty() || runner_up.trim().is_empty() || said_best.trim() == said_runner_up.trim() {
            return None;
        }
        let ids = |text: &str| -> Vec<String> {
            let state = State { text: text.to_string(), ..resolved.state.clone() };
            let query = engine_query(&state, &[], false).with_limit(DID_YOU_MEAN_TOP).with_highlight(0);
            self.index.search(&query).iter().filter_map(|hit| self.index.doc(hit.doc).map(|doc| doc.id.to_string())).collect()
        };
        clearly_different(&ids(best), &ids(runner_up)).then(|| said_runner_up.trim().to_string())
    }
}

/// The engine query for an understood state: the text (or the alternatives, fused), the facet filters (values of
/// one facet are alternatives), price and number ranges, and the sort.
pub fn engine_query(state: &State, alternatives: &[(String, f32)], typed: bool) -> Query {
    let mut query = if alternatives.is_empty() {
        Query::text(state.text.clone()).with_prefix_last_word(typed)
    } else {
        Query::alternatives(alternatives.iter().cloned())
    };
    let mut facets: Vec<(&str, Vec<String>)> = Vec::new();
    for filter in &state.filters {
        match filter {
            Filter::Facet { facet, value } => match facets.iter_mut().find(|(name, _)| name == facet) {
                Some((_, values)) => values.push(value.clone()),
                None => facets.push((facet, vec![value.clone()])),
            },
            Filter::Price { min, max } => query = query.with_filter(EngineFilter::range(PRICE, *min, *max)),
            Filter::Number { name, min, max } => query = query.with_filter(EngineFilter::range(name.clone(), *min, *max)),
        }
    }
    for (facet, values) in facets {
        query = query.with_filter(EngineFilter::Facet { facet: facet.to_string(), values });
    }
    match &state.sort {
        Some(Sort::Price { descending }) => query.with_sort(EngineSort::Number { number: PRICE.into(), descending: *descending }),
        Some(Sort::Number { name, descending }) => {
            query.with_sort(EngineSort::Number { number: name.clone(), descending: *descending })
        }
        None => query,
    }
}

// Native only: the test builds an index, which the page build (reader-only) cannot.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::search::understood::{resolve, Base};
    use crate::search::Refines;
    use hark_engine::{parse_catalog, CatalogConfig};

    /// The German shop the e2e tests use.
    fn german_shop() -> LocalSearch {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |name: &str| std::fs::read(root.join("e2e/fixtures").join(name)).unwrap_or_default();
        let cfg: CatalogConfig = serde_json::from_slice(&read("hark.shop-de.json")).unwrap_or_default();
        let docs = parse_catalog(&read("shop-de.jsonl"), &cfg).unwrap_or_default();
        LocalSearch::new(Index::build(&docs, &cfg))
    }

    fn spoken(shop: &LocalSearch, text: &str, base: Option<&Base>) -> (SearchRequest, SearchResponse) {
        let mut request =
            SearchRequest { refines: Refines::Always, lang: "de-DE".into(), ..SearchRequest::spoken(vec![(text.into(), 0.9)]) };
        request.resolved = Some(resolve(&request, base, 0.0, shop.vocabulary(), "de"));
        let response = shop.search(&request);
        (request, response)
    }

    #[test]
    fn show_all_after_a_request_that_was_all_filters_lists_everything() {
        let shop = german_shop();
        assert!(shop.len() > 3, "the fixture loads");
        let (request, black) = spoken(&shop, "schwarze Stühle unter 100 Euro", None);
        let state = request.resolved.map(|resolved| resolved.state).unwrap_or_default();
        assert_eq!(state.text, "", "every word was a filter: {state:?}");
        assert!(!black.results.is_empty() && black.results.len() < shop.len());
        let base = Base { state, prices: Vec::new(), answered_ms: 0.0 };
        let (request, all) = spoken(&shop, "alle anzeigen", Some(&base));
        assert!(request.resolved.as_ref().is_some_and(|resolved| resolved.refined));
        assert_eq!(all.results.len(), shop.len().min(shop.index().max_results()), "every product, in catalog order");
        assert_eq!(all.summary, Some(format!("{} results.", shop.len())), "said as what is shown, not \"für alle anzeigen\"");
    }
}
