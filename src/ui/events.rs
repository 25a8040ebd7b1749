//! DOM events a site listens to (README "On your own site"): `hark:query`, `hark:results` and `hark:select`, dispatched
//! as bubbling `CustomEvent`s on the mount element (`<body>` on the full page), so analytics or the site's own
//! search backend can follow what people ask and open.
//!
//! The details are plain Rust values built from a request or a response (tested natively), turned into plain JS
//! objects at the boundary with `js_sys::Reflect`.

use js_sys::{Array, Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::embed::EmbedCtx;
use super::SearchCtx;
use crate::search::understand::summary::filter_label;
use crate::search::{Origin, SearchRequest, SearchResponse};
use crate::speech::synthesis::Listener;

/// Dispatched for every request: its text, where it came from, the spoken alternatives and the filters applied.
pub const QUERY_EVENT: &str = "hark:query";
/// Dispatched once per answered request: how many matched and the ids shown, best first.
pub const RESULTS_EVENT: &str = "hark:results";
/// Dispatched when a result's link is followed (click, or Enter on it); cancelable: `preventDefault()` keeps the
/// browser from following the link, so the site can route it itself.
pub const SELECT_EVENT: &str = "hark:select";

/// The detail of `hark:query`.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryDetail {
    /// The query text (the best alternative when spoken).
    pub text: String,
    /// `"typed"`, `"submitted"` (Enter or a suggestion), `"spoken"` or `"link"` (`?q=`).
    pub origin: &'static str,
    /// A spoken phrase's alternatives with confidences (0–1), best first; empty when typed.
    pub alternatives: Vec<(String, f32)>,
    /// The filters applied (said, or set with a chip, Refine or a link), as the labels the page's chips show
    /// ("under $100", "black"); empty on a catalog without facets, price or numbers.
    pub filters: Vec<String>,
}

impl QueryDetail {
    /// The detail for `request` as sent (with what was understood), prices labelled in `currency`.
    pub fn of(request: &SearchRequest, currency: Option<&str>) -> Self {
        let origin = match request.origin {
            Origin::Typed => "typed",
            Origin::Submitted => "submitted",
            Origin::Spoken => "spoken",
            Origin::Link => "link",
        };
        let filters = match &request.resolved {
            Some(resolved) => {
                resolved.state.filters.iter().map(|filter| filter_label(filter, currency, resolved.lang)).collect()
            }
            None => Vec::new(),
        };
        Self { text: request.text.clone(), origin, alternatives: request.alternatives.clone(), filters }
    }

    fn to_js(&self) -> JsValue {
        let alternatives: Array = self
            .alternatives
            .iter()
            .map(|(transcript, confidence)| {
                object(&[("transcript", transcript.into()), ("confidence", f64::from(*confidence).into())])
            })
            .collect();
        let filters: Array = self.filters.iter().map(JsValue::from).collect();
        object(&[
            ("text", self.text.as_str().into()),
            ("origin", self.origin.into()),
            ("alternatives", alternatives.into()),
            ("filters", filters.into()),
        ])
    }
}

/// The detail of `hark:results`.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsDetail {
    /// The query answered.
    pub query: String,
    /// How many items matched (a cluster's total when it pages, else the results shown).
    pub count: u64,
    /// The ids of the results shown, best first.
    pub ids: Vec<String>,
}

impl ResultsDetail {
    /// The detail for `response`.
    pub fn of(response: &SearchResponse) -> Self {
        let ids: Vec<String> = response.results.iter().map(|result| result.id.clone()).collect();
        let count = response.total.unwrap_or(ids.len() as u64);
        Self { query: response.query.clone(), count, ids }
    }

    fn to_js(&self) -> JsValue {
        let ids: Array = self.ids.iter().map(JsValue::from).collect();
        // Counts beyond 2^53 do not occur in a page; f64 is what JS numbers are.
        object(&[("query", self.query.as_str().into()), ("count", (self.count as f64).into()), ("ids", ids.into())])
    }
}

/// The detail of `hark:select`.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectDetail {
    /// The result's id.
    pub id: String,
    /// The link followed (absolute).
    pub url: String,
    /// Its place in the list, from 1.
    pub rank: usize,
}

impl SelectDetail {
    /// The detail for following the link of result `id` to `url`, if `id` is among the results of `response`.
    pub fn of(response: &SearchResponse, id: &str, url: &str) -> Option<Self> {
        let position = response.results.iter().position(|result| result.id == id)?;
        Some(Self { id: id.to_string(), url: url.to_string(), rank: position + 1 })
    }

    fn to_js(&self) -> JsValue {
        object(&[("id", self.id.as_str().into()), ("url", self.url.as_str().into()), ("rank", (self.rank as f64).into())])
    }
}

/// Dispatch the three events for the lifetime of the calling component (needs [`SearchCtx`] and
/// [`EmbedCtx`] in context).
pub fn use_events() {
    let search: SearchCtx = expect_context();
    let embed: EmbedCtx = expect_context();

    // Effects synchronise with the outside world: here, the host page's listeners. `hark:query` for request n always
    // comes before its `hark:results`: a local answer can be ready before the query effect runs, so whichever
    // effect runs first for n sends the query (`queried` is the newest seq announced; the first request, a link's, is seq 0).
    let queried = StoredValue::new(None::<u64>);
    let announce_query = move |request: &SearchRequest| {
        if request.is_empty() || queried.get_value().is_some_and(|seq| seq >= request.seq) {
            return;
        }
        queried.set_value(Some(request.seq));
        let currency = search.vocabulary.with_untracked(|vocab| vocab.price.as_ref().map(|p| p.currency.clone()));
        embed.dispatch(QUERY_EVENT, &QueryDetail::of(request, currency.as_deref()).to_js(), false);
    };
    Effect::new(move |_| search.sent.with(|request| request.iter().for_each(announce_query)));
    // The answer changes several times per request (searching, then the response): announce each seq once.
    Effect::new(move |announced: Option<Option<u64>>| {
        let announced = announced.flatten();
        let detail = search.answer.with(|answer| {
            let done = !answer.searching && answer.error.is_none() && answer.response.seq == answer.seq;
            (done && !answer.response.query.is_empty() && announced != Some(answer.seq))
                .then(|| (answer.seq, ResultsDetail::of(&answer.response)))
        });
        match detail {
            Some((seq, detail)) => {
                search.sent.with_untracked(|request| request.iter().filter(|r| r.seq == seq).for_each(announce_query));
                embed.dispatch(RESULTS_EVENT, &detail.to_js(), false);
                Some(seq)
            }
            None => announced,
        }
    });

    // One listener on the mount element sees every click on a result link (Enter on a link is a click too).
    let Some(target) = embed.event_target() else { return };
    let listener = Listener::new(&target, &["click"], move |event| {
        let Some(link) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| {
            e.closest(".result a[href]").ok().flatten()
        }) else {
            return;
        };
        let Some(id) = link.closest(".result").ok().flatten().and_then(|item| item.get_attribute("data-id")) else {
            return;
        };
        let url = link.get_attribute("href").unwrap_or_default();
        let detail = search.answer.with_untracked(|answer| SelectDetail::of(&answer.response, &id, &url));
        if let Some(detail) = detail {
            if !embed.dispatch(SELECT_EVENT, &detail.to_js(), true) {
                event.prevent_default();
            }
        }
    });
    match listener {
        Ok(listener) => {
            StoredValue::new_local(listener);
        }
        Err(error) => log::warn!("Hark cannot report followed results: {error:?}"),
    }
}

/// A plain JS object with these properties.
fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchResult;

    fn response(ids: &[&str], total: Option<u64>) -> SearchResponse {
        let result = |id: &&str| SearchResult {
            id: id.to_string(),
            title: id.to_string(),
            title_spans: Vec::new(),
            description: String::new(),
            description_spans: Vec::new(),
            category: String::new(),
            ..SearchResult::default()
        };
        let results = ids.iter().map(result).collect();
        SearchResponse { seq: 3, query: "lamp".into(), results, total, ..SearchResponse::default() }
    }

    #[test]
    fn query_detail_names_the_origin_and_keeps_the_alternatives() {
        let spoken = SearchRequest::spoken(vec![("red lamp".into(), 0.9), ("read lamp".into(), 0.4)]);
        let detail = QueryDetail::of(&spoken, None);
        assert_eq!((detail.text.as_str(), detail.origin), ("red lamp", "spoken"));
        assert_eq!(detail.alternatives.len(), 2);
        assert_eq!(QueryDetail::of(&SearchRequest::typed("lamp"), None).origin, "typed");
        assert_eq!(QueryDetail::of(&SearchRequest::typed("lamp").from(Origin::Submitted), None).origin, "submitted");
        assert_eq!(QueryDetail::of(&SearchRequest::typed("lamp").from(Origin::Link), None).origin, "link");
        assert!(QueryDetail::of(&SearchRequest::typed("lamp"), None).alternatives.is_empty());
    }

    #[test]
    fn query_detail_labels_the_understood_filters_as_the_chips_do() {
        use crate::search::understand::{Filter, Lang, State};
        use crate::search::understood::Resolved;
        use std::ops::Bound;
        let filters = vec![
            Filter::Facet { facet: "Color".into(), value: "black".into() },
            Filter::Price { min: Bound::Unbounded, max: Bound::Excluded(100.0) },
        ];
        let state = State { text: "chairs".into(), filters, sort: None };
        let request = SearchRequest {
            resolved: Some(Resolved { state, alternatives: Vec::new(), lang: Lang::En, refined: false }),
            ..SearchRequest::typed("black chairs under 100")
        };
        let detail = QueryDetail::of(&request, Some("USD"));
        assert_eq!(detail.filters, ["black", "under $100"]);
        assert!(QueryDetail::of(&SearchRequest::typed("chairs"), Some("USD")).filters.is_empty());
    }

    #[test]
    fn results_detail_counts_the_cluster_total_when_it_pages() {
        let shown = ResultsDetail::of(&response(&["a", "b"], None));
        assert_eq!((shown.count, shown.ids.clone()), (2, vec!["a".to_string(), "b".to_string()]));
        assert_eq!(shown.query, "lamp");
        assert_eq!(ResultsDetail::of(&response(&["a", "b"], Some(40))).count, 40);
    }

    #[test]
    fn select_detail_ranks_from_one_and_ignores_unknown_ids() {
        let answer = response(&["a", "b", "c"], None);
        let detail = SelectDetail::of(&answer, "b", "https://example.com/b");
        assert_eq!(detail.map(|d| (d.rank, d.url)), Some((2, "https://example.com/b".to_string())));
        assert_eq!(SelectDetail::of(&answer, "z", "https://example.com/z"), None);
    }
}
