//! Components, following the UI contract in DESIGN.md (roles and accessible names are what tests find).
//!
//! - [`App`]: wires speech, search, query and settings together.
//! - [`mic_button`], [`search_box`], [`language_picker`], [`continuous_toggle`], [`status`], [`results`]:
//!   one control each.

mod app;
pub mod continuous_toggle;
pub mod keyboard;
pub mod language_picker;
pub mod mic_button;
pub mod results;
pub mod search_box;
pub mod status;
pub mod status_text;

pub use app::App;

use leptos::prelude::*;

use crate::search::loader::LoadProgress;
use crate::search::{SearchRequest, SearchResponse};

/// The submitted query and the text in the search box, shared by the components through context.
#[derive(Clone, Copy)]
pub struct QueryCtx {
    /// What results are shown for (its text is mirrored in `?q=`).
    pub request: RwSignal<SearchRequest>,
    /// What the search box holds while the person types.
    pub draft: RwSignal<String>,
}

impl QueryCtx {
    /// Search for typed text (also puts it in the search box).
    pub fn search_typed(&self, text: &str) {
        self.draft.set(text.to_string());
        self.request.set(SearchRequest::typed(text));
    }
}

/// Speech recognition state and actions, provided by [`App`].
#[derive(Clone, Copy)]
pub struct SpeechCtx(pub crate::speech::UseSpeechRecognitionReturn);

/// User preferences that survive a reload.
#[derive(Clone, Copy)]
pub struct SettingsCtx {
    /// Recognition language (BCP-47).
    pub lang: RwSignal<String>,
    /// Keep listening for the next query.
    pub continuous: RwSignal<bool>,
}

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
    },
    /// Could not be loaded; the message says why.
    Failed(String),
}

/// The catalog's state and the current results, provided by [`App`].
#[derive(Clone, Copy)]
pub struct SearchCtx {
    /// Loading progress, then ready or failed.
    pub status: Signal<CatalogStatus>,
    /// The answer to the current request (or the last one answered while a remote request is in flight),
    /// whichever provider gave it.
    pub response: Signal<SearchResponse>,
    /// Problems that did not stop loading.
    pub warnings: Signal<Vec<String>>,
    /// A remote search has been waiting longer than 150 ms.
    pub searching: Signal<bool>,
    /// Why the last remote search failed, as a sentence; `None` after a success.
    pub error: Signal<Option<String>>,
}
