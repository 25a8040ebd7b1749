//! The embedded provider: searches a `hark-engine` index in the page.

use hark_engine::{finish_fold, Index, Query};

use super::{SearchRequest, SearchResponse, SearchResult};

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

/// Searches one index.
pub struct LocalSearch {
    index: Index,
}

impl LocalSearch {
    /// Wrap an index; its query folding is switched to the browser's.
    pub fn new(mut index: Index) -> Self {
        index.set_folder(browser_fold);
        Self { index }
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

    /// Answer `request`: spoken alternatives are fused; typed text also matches the word being typed as a prefix.
    pub fn search(&self, request: &SearchRequest) -> SearchResponse {
        if request.is_empty() {
            return SearchResponse { seq: request.seq, ..SearchResponse::default() };
        }
        let query = if request.alternatives.is_empty() {
            Query::text(request.text.clone()).with_prefix_last_word(true)
        } else {
            Query::alternatives(request.alternatives.iter().cloned())
        };
        // A later page: rank the results up to its end and keep the last page of them.
        let size = self.index.max_results();
        let offset = (request.page as usize).saturating_mul(size);
        let query = query.with_limit(offset.saturating_add(size));
        let results: Vec<SearchResult> = self
            .index
            .search(&query)
            .into_iter()
            .skip(offset)
            .filter_map(|hit| {
                let doc = self.index.doc(hit.doc)?;
                Some(SearchResult {
                    id: doc.id.to_string(),
                    title: doc.title.to_string(),
                    title_spans: hit.title_spans,
                    description: doc.description.to_string(),
                    description_spans: hit.description_spans,
                    category: doc.category.to_string(),
                    url: doc.url.to_string(),
                })
            })
            .collect();
        let suggestion = if results.is_empty() && offset == 0 { self.index.suggest(&request.text) } else { None };
        SearchResponse { seq: request.seq, query: request.text.clone(), results, suggestion, total: None, offset }
    }
}
