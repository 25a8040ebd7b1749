//! Search: everything from a request to its response; the UI only sends requests and renders responses.
//!
//! - [`use_search`](use_search::use_search): the hook the page uses. It loads the site and its catalog with
//!   progress, sends each new [`SearchRequest`] to the provider, and derives the response, the "searching" state
//!   and a typed error from the newest request, in one place.
//! - [`provider`]: one way to answer, `search(request)`, asynchronous: the embedded engine ([`local`]) answers at
//!   once; a remote cluster ([`remote`] pure request/response logic, [`remote_client`] fetch and abort) answers
//!   later, and dropping its [`Pending`](provider::Pending) aborts it, so an old answer never wins.
//! - [`site`] loads `hark.json` ([`config`]: its keys, the noun, the read-aloud templates); [`loader`] turns it
//!   into a provider: a prebuilt index read in place, or a catalog indexed by the Web Worker ([`indexer`]).

pub mod config;
pub mod fetch;
pub mod highlight;
pub mod indexer;
pub mod json;
pub mod loader;
pub mod local;
pub mod provider;
pub mod remote;
pub mod remote_client;
pub mod remote_shop;
pub mod site;
pub mod understand;
pub mod understood;
pub mod use_search;

use std::ops::Range;

/// Where a request came from (what the page does with its answer depends on it: spoken, submitted and linked
/// queries are read aloud, typing is not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    /// Typed into the search box, keystroke by keystroke.
    #[default]
    Typed,
    /// Submitted with Enter or a suggestion button.
    Submitted,
    /// A spoken phrase.
    Spoken,
    /// Opened from a link (`?q=`).
    Link,
}

/// What to search for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchRequest {
    /// Increases with every request the page makes, so "the answer to request n" is well defined.
    pub seq: u64,
    /// Where it came from.
    pub origin: Origin,
    /// The text shown in the search box and mirrored in `?q=`.
    pub text: String,
    /// A spoken phrase's alternatives with confidences, best first; empty for typed text.
    pub alternatives: Vec<(String, f32)>,
    /// Which page of results: 0 is the first (results 1 to the page size), 1 the next ("next", "more results").
    pub page: u32,
    /// Filters set on the page (a chip kept, a Refine checkbox, a link's parameters); what the text says is added
    /// to them (a said price replaces a set one).
    pub filters: Vec<understand::Filter>,
    /// The order set on the page ("Sort by", a link's `sort=`); one the text says wins.
    pub sort: Option<understand::Sort>,
    /// Whether the text may refine the previous request ("only the black ones", "cheaper"), and until when (see
    /// [`understood::resolve`]).
    pub refines: Refines,
    /// The recognition language (BCP-47) of a spoken request; empty for typed text, which is understood in the
    /// catalog's language.
    pub lang: String,
    /// What is searched, set by the search hook from the above ([`understood::resolve`]), never by the page;
    /// `None` searches `text` and `alternatives` as they are.
    pub resolved: Option<understood::Resolved>,
}

/// Whether a request's words may refine the previous request ("only the black ones", "cheaper", "sort by price").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Refines {
    /// Never: a link, a control, a request made by code.
    #[default]
    Never,
    /// Within [`understood::REFINE_WINDOW_MS`] of the previous answer: typed, or spoken one phrase at a time.
    Recently,
    /// However long after it: spoken in continuous mode, where the person keeps talking.
    Always,
}

impl SearchRequest {
    /// A typed query.
    pub fn typed(text: impl Into<String>) -> Self {
        Self { text: text.into().trim().to_string(), ..Self::default() }
    }

    /// A spoken query with its n-best list.
    pub fn spoken(alternatives: Vec<(String, f32)>) -> Self {
        let text = alternatives.first().map(|(text, _)| text.clone()).unwrap_or_default();
        Self { text, alternatives, origin: Origin::Spoken, ..Self::default() }
    }

    /// The page after this one of the same search, from `origin` (numbered by whoever sends it).
    pub fn next_page(&self, origin: Origin) -> Self {
        Self { page: self.page.saturating_add(1), origin, ..self.clone() }
    }

    /// The same request from `origin`.
    pub fn from(mut self, origin: Origin) -> Self {
        self.origin = origin;
        self
    }

    /// Whether there is nothing to search for: no text, no filter and no sort.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.filters.is_empty() && self.sort.is_none()
    }
}

/// One result, ready to render (all text is rendered as text, never as HTML).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResult {
    /// The catalog item's id.
    pub id: String,
    /// Title, with matched byte ranges in `title_spans`.
    pub title: String,
    /// Matched words in the title.
    pub title_spans: Vec<Range<usize>>,
    /// Description, with matched byte ranges in `description_spans`.
    pub description: String,
    /// Matched words in the description.
    pub description_spans: Vec<Range<usize>>,
    /// Category, possibly empty.
    pub category: String,
    /// Link, possibly empty.
    pub url: String,
    /// The price, when the catalog has prices and this item one.
    pub price: Option<f64>,
    /// The price with its currency ("$89.99"), empty without one.
    pub price_text: String,
}

/// The answer to one request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResponse {
    /// The request it answers ([`SearchRequest::seq`]).
    pub seq: u64,
    /// The query text it answers.
    pub query: String,
    /// Ranked results.
    pub results: Vec<SearchResult>,
    /// A close vocabulary word when nothing was found.
    pub suggestion: Option<String>,
    /// How many documents matched in all, when the provider pages (a remote cluster); `None` when `results` is all.
    pub total: Option<u64>,
    /// The rank of the first result, counted from 0: non-zero on a later page ([`SearchRequest::page`]).
    pub offset: usize,
    /// What was understood and searched: the text left, the filters and the sort. `None` on a catalog without
    /// facets, price or numbers (every word is searched).
    pub state: Option<understand::State>,
    /// Facet values with how many of the matching items have each, per facet (the Refine panel).
    pub facets: Vec<understand::FacetVocab>,
    /// The summary of what was understood ("12 chairs, under $100."), when there are filters or a sort.
    pub summary: Option<String>,
    /// The recognizer's runner-up, when it leads to clearly different results ([`understood::did_you_mean`]).
    pub did_you_mean: Option<String>,
    /// The catalog's price currency (ISO 4217), for chips.
    pub currency: Option<String>,
    /// The language it was understood in, for chips and prices.
    pub lang: understand::Lang,
}
