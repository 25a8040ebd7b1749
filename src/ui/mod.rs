//! Components, following the UI contract in DESIGN.md (roles and accessible names are what tests find).
//!
//! - [`App`]: wires speech, search, query and settings together.
//! - [`mic_button`], [`search_box`], [`language_picker`], [`continuous_toggle`], [`status`], [`results`]:
//!   one control each.
//! - [`level_meter`]: the microphone level while Hark listens through its own capture.
//! - [`connection`]: the note shown while the browser is offline (what still works, what needs a connection).
//! - [`filters`] (chips "Remove filter: …"), [`sort_by`] ("Sort by"), [`refine`] (facet checkboxes),
//!   [`did_you_mean`] (the recognizer's runner-up): what a shop catalog understood, and ways to change it.
//! - [`on_device`]: checkbox "Recognize on this device" where the browser has on-device recognition.
//! - [`voice`]: the coordinator of listening and reading ([`VoiceCtx`]) and the "What can I say?" list.
//! - [`embed`]: where Hark mounts (a `[data-hark]` element or the body) and the site input it attaches to;
//!   [`events`]: the `hark:query`, `hark:results` and `hark:select` DOM events; [`header`]: heading and credits.
//! - [`read_aloud`]: reading results aloud (the hook that decides when, and its controls); [`reading`]: what is
//!   read, built from the templates in `hark.json`.

mod app;
pub mod connection;
pub mod continuous_toggle;
pub mod did_you_mean;
pub mod filters;
pub mod embed;
pub mod events;
pub mod header;
pub mod keyboard;
pub mod language_picker;
pub mod level_meter;
pub mod mic_button;
pub mod on_device;
pub mod read_aloud;
pub mod reading;
pub mod refine;
pub mod results;
pub mod search_box;
pub mod sort_by;
pub mod status;
pub mod status_text;
pub mod voice;

pub use app::App;

use leptos::prelude::*;

pub use crate::search::use_search::{Answer, CatalogStatus, SearchCtx};
use crate::search::understand::State;
use crate::search::{Origin, Refines, SearchRequest};
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

    /// Search for typed text (also puts it in the search box); a follow-up typed soon after an answer refines it.
    pub fn search_typed(&self, text: &str) {
        self.send(text, SearchRequest { refines: Refines::Recently, ..SearchRequest::typed(text) });
    }

    /// Search for text the person submitted (Enter, a suggestion): like [`Self::search_typed`], then read aloud.
    pub fn submit(&self, text: &str) {
        self.send(text, SearchRequest { refines: Refines::Recently, ..SearchRequest::typed(text).from(Origin::Submitted) });
    }

    /// Search for a spoken phrase, then read aloud.
    pub fn search_spoken(&self, text: &str, alternatives: Vec<(String, f32)>) {
        self.send(text, SearchRequest::spoken(alternatives));
    }

    /// The next page of the current search ("next", "more results"), as asked for by voice.
    pub fn next_page(&self) {
        let (text, request) =
            self.request.with_untracked(|current| (current.text.clone(), current.next_page(Origin::Spoken)));
        self.make_newest(&text, request);
    }

    /// Empty the search box and the results ("clear"), keeping the command's acknowledgement.
    pub fn clear(&self) {
        self.make_newest("", SearchRequest::typed(""));
    }

    /// A new search from the person: [`Self::make_newest`], and the last command's acknowledgement is dropped.
    fn send(&self, text: &str, request: SearchRequest) {
        // A new search: the last voice command's acknowledgement no longer applies.
        if self.voice.acknowledgement.get_untracked().is_some() {
            self.voice.acknowledgement.set(None);
        }
        self.make_newest(text, request);
    }

    /// Search for a spoken phrase in `lang` (BCP-47); a follow-up refines the previous request: however late in
    /// `continuous` mode, soon after its answer otherwise.
    pub fn search_spoken_in(&self, text: &str, alternatives: Vec<(String, f32)>, lang: &str, continuous: bool) {
        let refines = if continuous { Refines::Always } else { Refines::Recently };
        let request = SearchRequest { refines, lang: lang.to_string(), ..SearchRequest::spoken(alternatives) };
        self.send(text, request);
    }

    /// Search for `state` as set by a control (a chip removed, Sort by, a Refine checkbox): its text goes in the
    /// search box, its filters and sort are kept as they are; not read aloud.
    pub fn search_state(&self, state: State) {
        let State { text, filters, sort } = state;
        self.send(&text, SearchRequest { filters, sort, ..SearchRequest::typed(&text) });
    }

    /// Make `request` the newest one (numbered after the current one) and tell the coordinator.
    fn make_newest(&self, text: &str, mut request: SearchRequest) {
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
