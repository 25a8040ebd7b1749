//! The page's one search hook: load the site and its catalog, answer the newest request, and say where things are.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::config::{Branding, SpeakConfig};
use super::loader::{load, LoadError, LoadProgress, Loaded};
use super::provider::{Pending, SearchError};
use super::understand::Vocabulary;
use super::understood::{is_base, resolve, understands, Base};
use super::{SearchRequest, SearchResponse};
use crate::url_state;

/// Where the catalog is.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogStatus {
    /// Still loading.
    Loading(LoadProgress),
    /// Searchable.
    Ready {
        /// How many items, when known (a remote cluster is not counted).
        count: Option<usize>,
        /// What they are called.
        noun: String,
        /// Bad catalog lines or items left out ("line 57, invalid JSON at column 179").
        skipped: Vec<String>,
        /// How many were skipped in all (more than `skipped` names when an index names only its first ones).
        skipped_total: usize,
    },
    /// Could not be loaded.
    Failed(LoadError),
}

/// The answer to the newest request, as one value: what is shown, whether it is still coming, why it failed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    /// The newest request's [`SearchRequest::seq`].
    pub seq: u64,
    /// The results shown: the newest request's once answered (until then, the previous answer stays).
    pub response: SearchResponse,
    /// The newest request has been waiting longer than the provider's "slow" threshold.
    pub searching: bool,
    /// Why the newest request failed; `None` while it runs and after a success.
    pub error: Option<SearchError>,
}

impl Answer {
    /// Whether the response shown answers the newest request.
    pub fn is_current(&self) -> bool {
        self.response.seq == self.seq
    }
}

/// The catalog's state and the answer to the current request, provided to the components.
#[derive(Clone, Copy)]
pub struct SearchCtx {
    /// Loading progress, then ready or failed.
    pub status: Signal<CatalogStatus>,
    /// The answer to the newest request.
    pub answer: Signal<Answer>,
    /// Problems that did not stop loading.
    pub warnings: Signal<Vec<String>>,
    /// What is read aloud (`hark.json`'s `speak`).
    pub speak: Signal<SpeakConfig>,
    /// What the catalog offers to understand: facets, price, numbers (empty until loaded, and for a cluster).
    pub vocabulary: Signal<Arc<Vocabulary>>,
    /// The newest request as sent to the provider, with what was understood (`resolved`); `None` until the first
    /// non-empty request is sent once the catalog is ready (the `hark:query` event follows it).
    pub sent: Signal<Option<SearchRequest>>,
    /// The site's heading, tagline and credits, as soon as `hark.json` is read (before the catalog is);
    /// `None` until then, and when the config could not be read.
    pub branding: Signal<Option<Branding>>,
    loaded: LocalResource<Result<Rc<Loaded>, LoadError>>,
}

impl SearchCtx {
    /// The loaded catalog, once there is one (untracked).
    pub fn with_loaded<T>(&self, f: impl FnOnce(&Loaded) -> T) -> Option<T> {
        self.loaded.with_untracked(|loaded| match loaded {
            Some(Ok(loaded)) => Some(f(loaded)),
            _ => None,
        })
    }
}

/// Load the catalog named by the site config (or `?config=` / `?catalog=`), with progress, and answer `request`
/// from it: every new request goes to the provider once; a newer one cancels the older (its answer is never shown).
pub fn use_search(request: Signal<SearchRequest>) -> SearchCtx {
    let progress = RwSignal::new(LoadProgress::Config);
    let branding = RwSignal::new(None::<Branding>);
    let catalog_override = url_state::param("catalog").filter(|url| !url.trim().is_empty());
    let config_url = url_state::param("config").filter(|url| !url.trim().is_empty());
    let loaded = LocalResource::new(move || {
        let (config_url, catalog_override) = (config_url.clone(), catalog_override.clone());
        async move {
            let configured = move |site: &Branding| branding.set(Some(site.clone()));
            load(config_url, catalog_override, move |step| progress.set(step), configured).await.map(Rc::new)
        }
    });
    let answer = RwSignal::new(Answer::default());
    let sent = RwSignal::new(None::<SearchRequest>);
    // What the next follow-up ("only the black ones") refines: the newest answered request that was not a keystroke.
    let base: StoredValue<Option<Base>> = StoredValue::new(None);

    // The provider is the outside world (a cluster, or the engine's memory): each request is sent once; dropping
    // the previous `Pending` cancels it, so only the newest request can change the answer.
    Effect::new(move |previous: Option<Pending>| {
        drop(previous);
        let mut request = request.get();
        let seq = request.seq;
        let sent = loaded.with(|loaded| {
            let Some(Ok(loaded)) = loaded else { return None };
            if request.is_empty() {
                answer.set(Answer { seq, response: SearchResponse { seq, ..SearchResponse::default() }, ..Answer::default() });
                return Some(Pending::default());
            }
            answer.update(|answer| {
                answer.seq = seq;
                answer.searching = false;
                answer.error = None;
            });
            if understands(&loaded.vocabulary) || !request.filters.is_empty() || request.sort.is_some() {
                let resolved = base.with_value(|base| {
                    resolve(&request, base.as_ref(), js_sys::Date::now(), &loaded.vocabulary, &loaded.lang)
                });
                request.resolved = Some(resolved);
            }
            sent.set(Some(request.clone()));
            let becomes_base = is_base(&request).then(|| request.resolved.as_ref().map(|r| r.state.clone()));
            let on_slow = move || answer.update(|answer| answer.searching = answer.seq == seq);
            Some(loaded.provider.search(request, on_slow, move |outcome| {
                answer.update(|answer| {
                    if answer.seq != seq {
                        return;
                    }
                    answer.searching = false;
                    match outcome {
                        Ok(mut response) => {
                            if let Some(Some(state)) = becomes_base {
                                let state = response.state.get_or_insert(state).clone();
                                let prices = response.results.iter().filter_map(|r| r.price).collect();
                                base.set_value(Some(Base { state, prices, answered_ms: js_sys::Date::now() }));
                            }
                            answer.response = response;
                        }
                        Err(error) => {
                            answer.response = SearchResponse { seq, ..SearchResponse::default() };
                            answer.error = Some(error);
                        }
                    }
                })
            }))
        });
        sent.unwrap_or_else(|| {
            // Not loaded yet: remember which request is newest; it is sent once the catalog is ready.
            answer.update(|answer| answer.seq = seq);
            Pending::default()
        })
    });

    let status = Signal::derive(move || {
        loaded.with(|loaded| match loaded {
            None => CatalogStatus::Loading(progress.get()),
            Some(Ok(loaded)) => {
                CatalogStatus::Ready {
                    count: loaded.provider.document_count(),
                    noun: loaded.noun.clone(),
                    skipped: loaded.skipped.clone(),
                    skipped_total: loaded.skipped_total,
                }
            }
            Some(Err(error)) => CatalogStatus::Failed(error.clone()),
        })
    });
    let warnings = Signal::derive(move || {
        loaded.with(|loaded| match loaded {
            Some(Ok(loaded)) => loaded.warnings.clone(),
            _ => Vec::new(),
        })
    });
    let speak = Signal::derive(move || {
        loaded.with(|loaded| match loaded {
            Some(Ok(loaded)) => loaded.speak.clone(),
            _ => SpeakConfig::default(),
        })
    });
    let vocabulary = Signal::derive(move || {
        loaded.with(|loaded| match loaded {
            Some(Ok(loaded)) => loaded.vocabulary.clone(),
            _ => Arc::default(),
        })
    });
    SearchCtx { status, answer: answer.into(), warnings, speak, vocabulary, sent: sent.into(), branding: branding.into(), loaded }
}
