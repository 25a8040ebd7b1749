//! Who answers a request: the embedded engine or a remote cluster, behind one asynchronous `search`.

use std::cell::Cell;
use std::rc::Rc;

use super::local::LocalSearch;
use super::remote::RemoteError;
use super::remote_client::{InFlight, RemoteSearch};
use super::{SearchRequest, SearchResponse};

/// Why a search failed (the catalog loaded, but this request got no answer).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SearchError {
    /// The remote cluster did not answer, or refused.
    #[error(transparent)]
    Remote(#[from] RemoteError),
}

/// What a search ends with.
pub type Outcome = Result<SearchResponse, SearchError>;

/// A search still under way. Dropping it cancels the search: a remote request is aborted and its answer is never
/// delivered, however late it arrives.
#[must_use = "dropping the handle cancels the search"]
#[derive(Default)]
pub struct Pending {
    _in_flight: Option<InFlight>,
}

/// The embedded engine or a remote cluster.
pub struct Provider(Kind);

enum Kind {
    Local(Box<LocalSearch>),
    Remote(RemoteSearch),
}

impl Provider {
    /// Answer from an index loaded in the page.
    pub fn local(search: LocalSearch) -> Self {
        Self(Kind::Local(Box::new(search)))
    }

    /// Answer from an OpenSearch/Elasticsearch index.
    pub fn remote(search: RemoteSearch) -> Self {
        Self(Kind::Remote(search))
    }

    /// How many documents are searched, when the page knows (a remote cluster is not asked).
    pub fn document_count(&self) -> Option<usize> {
        match &self.0 {
            Kind::Local(search) => Some(search.len()),
            Kind::Remote(_) => None,
        }
    }

    /// The loaded index, when the page holds one (for catalog phrases, say).
    pub fn local_index(&self) -> Option<&hark_engine::Index> {
        match &self.0 {
            Kind::Local(search) => Some(search.index()),
            Kind::Remote(_) => None,
        }
    }

    /// What the catalog offers to understand, when the page holds its index.
    pub fn vocabulary(&self) -> Option<&super::understand::Vocabulary> {
        match &self.0 {
            Kind::Local(search) => Some(search.vocabulary()),
            Kind::Remote(_) => None,
        }
    }

    /// Answer `request`: `answer` runs once with the outcome — at once for the embedded engine, after the fetch for
    /// a cluster — unless the returned handle is dropped first. `on_slow` runs if the answer takes longer than
    /// [`remote_client::SLOW_MS`](super::remote_client::SLOW_MS).
    pub fn search(
        &self,
        request: SearchRequest,
        on_slow: impl FnOnce() + 'static,
        answer: impl FnOnce(Outcome) + 'static,
    ) -> Pending {
        match &self.0 {
            Kind::Local(search) => {
                answer(Ok(search.search(&request)));
                Pending::default()
            }
            Kind::Remote(remote) => {
                // Either the request answers, or starting it failed (no AbortController): one answer either way.
                let answer = Rc::new(Cell::new(Some(answer)));
                let deliver = {
                    let answer = answer.clone();
                    move |outcome: Result<SearchResponse, RemoteError>| {
                        if let Some(answer) = answer.take() {
                            answer(outcome.map_err(SearchError::from));
                        }
                    }
                };
                let from = request.page.saturating_mul(remote.config().size);
                match remote.start(request, from, on_slow, deliver) {
                    Ok(in_flight) => Pending { _in_flight: Some(in_flight) },
                    Err(error) => {
                        if let Some(answer) = answer.take() {
                            answer(Err(error.into()));
                        }
                        Pending::default()
                    }
                }
            }
        }
    }
}
