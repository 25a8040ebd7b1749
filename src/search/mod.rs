//! Search: the seam between the UI and the providers.
//!
//! The UI sends a [`SearchRequest`] (typed text, or a spoken phrase with the recognizer's alternatives) and renders
//! a [`SearchResponse`]. [`loader`] reads the site config (`hark.json`) and loads the catalog with progress;
//! [`local`] answers from the embedded `hark-engine` index, synchronously; [`remote`] (pure: request body, parsing,
//! errors) and [`remote_client`] (fetch, abort, timeout) answer from an OpenSearch or Elasticsearch cluster,
//! asynchronously. [`Provider`] is either; the UI only sees requests and responses.

pub mod config;
pub mod fetch;
pub mod highlight;
pub mod loader;
pub mod local;
pub mod remote;
pub mod remote_client;
pub mod understand;

use std::ops::Range;

/// What to search for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchRequest {
    /// The text shown in the search box and mirrored in `?q=`.
    pub text: String,
    /// A spoken phrase's alternatives with confidences, best first; empty for typed text.
    pub alternatives: Vec<(String, f32)>,
}

impl SearchRequest {
    /// A typed query.
    pub fn typed(text: impl Into<String>) -> Self {
        Self { text: text.into().trim().to_string(), alternatives: Vec::new() }
    }

    /// A spoken query with its n-best list.
    pub fn spoken(alternatives: Vec<(String, f32)>) -> Self {
        let text = alternatives.first().map(|(text, _)| text.clone()).unwrap_or_default();
        Self { text, alternatives }
    }

    /// Whether there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// One result, ready to render (all text is rendered as text, never as HTML).
#[derive(Debug, Clone, PartialEq)]
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
}

/// The answer to one request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResponse {
    /// The query text it answers.
    pub query: String,
    /// Ranked results.
    pub results: Vec<SearchResult>,
    /// A close vocabulary word when nothing was found.
    pub suggestion: Option<String>,
    /// How many documents matched in all, when the provider pages (a remote cluster); `None` when `results` is all.
    pub total: Option<u64>,
}

/// Who answers: the embedded engine or a remote cluster.
pub enum Provider {
    /// The catalog indexed in the page.
    Local(Box<local::LocalSearch>),
    /// An OpenSearch/Elasticsearch index.
    Remote(remote_client::RemoteSearch),
}

impl Provider {
    /// How many documents are searched, when the page knows (a remote cluster is not asked).
    pub fn document_count(&self) -> Option<usize> {
        match self {
            Provider::Local(search) => Some(search.len()),
            Provider::Remote(_) => None,
        }
    }
}
