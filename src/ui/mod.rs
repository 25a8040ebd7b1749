//! Components, following the UI contract in DESIGN.md (roles and accessible names are what tests find).
//!
//! - [`App`]: wires speech, search, query and settings together.
//! - [`mic_button`], [`search_box`], [`language_picker`], [`continuous_toggle`], [`status`], [`results`]:
//!   one control each.
//! - [`on_device`]: checkbox "Recognize on this device" where the browser has on-device recognition.
//! - [`voice`]: the coordinator of listening and reading ([`VoiceCtx`]) and the "What can I say?" list.
//! - [`embed`]: where Hark mounts (a `[data-hark]` element or the body) and the site input it attaches to;
//!   [`events`]: the `hark:query`, `hark:results` and `hark:select` DOM events; [`header`]: heading and credits.
//! - [`read_aloud`]: reading results aloud (the hook that decides when, and its controls); [`reading`]: what is
//!   read, built from the templates in `hark.json`.

mod app;
pub mod continuous_toggle;
pub mod embed;
pub mod events;
pub mod header;
pub mod keyboard;
pub mod language_picker;
pub mod mic_button;
pub mod on_device;
pub mod read_aloud;
pub mod reading;
pub mod results;
pub mod search_box;
pub mod status;
pub mod status_text;
pub mod voice;

pub use app::App;

use leptos::prelude::*;

pub use crate::search::use_search::{Answer, CatalogStatus, SearchCtx};
use crate::search::{Origin, SearchRequest};
use crate::speech::coordinator::{self, Event};
pub use voice::VoiceCtx;

/// The submitted query and the text in the search box, shared by the components through context.
#[derive(Clone, Copy)]
pub struct QueryCtx {
    /// What results are shown for (its text is mirrored in `?q=`); numbered, with its origin.
    pub request: RwSignal<SearchRequest>,
    /// What the search box holds while the person types.
    pub draft: RwSignal<String>,
    /// Told about each request: a spoken, submitted or linked one is read aloud when answered.
    pub voice: VoiceCtx,
}

impl QueryCtx {
    /// The query of a visit: the link's `?q=` (read aloud once answered, as a final query).
    pub fn new(initial: String, voice: VoiceCtx) -> Self {
        let first = SearchRequest::typed(&initial).from(Origin::Link);
        let query = Self { request: RwSignal::new(first), draft: RwSignal::new(initial), voice };
        if !query.request.with_untracked(SearchRequest::is_empty) {
            query.announce();
        }
        query
    }

    /// Search for typed text (also puts it in the search box).
    pub fn search_typed(&self, text: &str) {
        self.send(text, SearchRequest::typed(text));
    }

    /// Search for text the person submitted (Enter, a suggestion): like [`Self::search_typed`], then read aloud.
    pub fn submit(&self, text: &str) {
        self.send(text, SearchRequest::typed(text).from(Origin::Submitted));
    }

    /// Search for a spoken phrase, then read aloud.
    pub fn search_spoken(&self, text: &str, alternatives: Vec<(String, f32)>) {
        self.send(text, SearchRequest::spoken(alternatives));
    }

    /// Make `request` the newest one (numbered after the current one) and tell the coordinator.
    fn send(&self, text: &str, mut request: SearchRequest) {
        self.draft.set(text.to_string());
        request.seq = self.request.with_untracked(|current| current.seq + 1);
        self.request.set(request);
        self.announce();
    }

    fn announce(&self) {
        let (seq, origin, empty) =
            self.request.with_untracked(|request| (request.seq, request.origin, request.is_empty()));
        let origin = match origin {
            Origin::Typed => coordinator::Origin::Typed,
            Origin::Submitted => coordinator::Origin::Submitted,
            Origin::Spoken => coordinator::Origin::Spoken,
            Origin::Link => coordinator::Origin::Link,
        };
        self.voice.send(Event::Requested { seq, origin, empty });
    }
}

/// Speech recognition state and actions, provided by [`App`].
#[derive(Clone, Copy)]
pub struct SpeechCtx(pub crate::speech::UseSpeechRecognitionReturn);

/// Speech synthesis state and actions (reading results aloud), provided by [`App`].
#[derive(Clone, Copy)]
pub struct ReaderCtx(pub crate::speech::UseSpeechSynthesisReturn);

impl ReaderCtx {
    /// Whether a reading is under way or waits for a click.
    pub fn is_busy(&self) -> bool {
        self.0.is_speaking.get_untracked() || self.0.waiting_for_gesture.get_untracked()
    }

    /// Stop reading, if Hark is.
    pub fn stop(&self) {
        if self.is_busy() {
            self.0.cancel.run(());
        }
    }
}

/// User preferences that survive a reload.
#[derive(Clone, Copy)]
pub struct SettingsCtx {
    /// Recognition language (BCP-47).
    pub lang: RwSignal<String>,
    /// Keep listening for the next query.
    pub continuous: RwSignal<bool>,
    /// Read the results of each query aloud.
    pub read_aloud: RwSignal<bool>,
    /// The chosen voice's `voiceURI` (or name); empty for the best voice for the language.
    pub voice: RwSignal<String>,
    /// Speech rate, 0.5–2.
    pub rate: RwSignal<f64>,
    /// Speech pitch, 0–2.
    pub pitch: RwSignal<f64>,
}
