//! The page's side of [`crate::speech::coordinator`]: one [`VoiceCtx`] feeds it events (requests, answers,
//! readings, clicks, holds, voice commands) and carries out what it says on the recognizer, the reader and the query.
//! Also the "What can I say?" disclosure with the voice commands of the recognition language, and the catalog
//! phrases given to the recognizer ([`use_catalog_phrases`]).

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::reading::script_part;
use super::{CatalogStatus, QueryCtx, ReaderCtx, SearchCtx, SettingsCtx, SpeechCtx};
use crate::search::config::CONFIGURED_PHRASE_BOOST;
use crate::speech::capabilities::phrases_supported;
use crate::speech::commands::words_for;
use crate::speech::coordinator::{Action, Coordinator, Event, HOLD_MS};

type Executor = Rc<dyn Fn(Action)>;

/// The coordinator of listening and reading, shared through context.
#[derive(Clone, Copy)]
pub struct VoiceCtx {
    coordinator: StoredValue<Coordinator>,
    executor: StoredValue<Option<Executor>, LocalStorage>,
    hold_timer: StoredValue<Option<Timeout>, LocalStorage>,
    /// The last voice command's written acknowledgement, shown on the status line until the next search.
    pub acknowledgement: RwSignal<Option<String>>,
}

impl VoiceCtx {
    /// A coordinator with the person's "Read results aloud" setting; it acts once [`Self::connect`] is called.
    pub fn new(read_aloud: bool) -> Self {
        Self {
            coordinator: StoredValue::new(Coordinator::new(read_aloud)),
            executor: StoredValue::new_local(None),
            hold_timer: StoredValue::new_local(None),
            acknowledgement: RwSignal::new(None),
        }
    }

    /// Tell the coordinator what happened and carry out its answer.
    pub fn send(&self, event: Event) {
        let Some(actions) = self.coordinator.try_update_value(|coordinator| coordinator.handle(event)) else { return };
        // Carried out after the coordinator is released, so an action may send another event.
        let Some(executor) = self.executor.try_get_value().flatten() else { return };
        for action in actions {
            executor(action);
        }
    }

    /// Whether the coordinator believes Hark is reading.
    pub fn is_reading(&self) -> bool {
        self.coordinator.try_with_value(Coordinator::is_reading).unwrap_or(false)
    }

    /// The microphone button or shortcut was clicked; its meaning follows what the button shows.
    pub fn mic_clicked(&self, speech: SpeechCtx) {
        self.send(Event::MicClicked { pressed: speech.0.is_listening.get_untracked() });
    }

    /// Connect the coordinator to the page: from now on its actions are carried out. What Hark reads in its own
    /// words is in `lang`, the recognition language, whose voice reads it.
    pub fn connect(&self, speech: SpeechCtx, reader: ReaderCtx, query: QueryCtx, search: SearchCtx, lang: Signal<String>) {
        let voice = *self;
        let executor: Executor = Rc::new(move |action| match action {
            Action::Listen => speech.0.start.run(()),
            Action::ListenWhileHeld => speech.0.start_held.run(()),
            Action::StopListening => speech.0.stop.run(()),
            Action::StopReading => reader.stop(),
            Action::HoldRecognizer => speech.0.pause.run(()),
            Action::ReleaseRecognizer => speech.0.resume.run(()),
            Action::Read { part, .. } => {
                let items = search.answer.with_untracked(|answer| {
                    let lang = lang.get_untracked();
                    search.speak.with_untracked(|speak| script_part(&answer.response, speak, part, &lang))
                });
                reader.0.speak.run(items);
                if !reader.is_busy() {
                    // Nothing to say (or nothing can speak): do not leave the recognizer held.
                    voice.send(Event::ReadingEnded);
                }
            }
            Action::ScheduleHold => {
                let timer = Timeout::new(HOLD_MS, move || voice.send(Event::HoldDue));
                voice.hold_timer.set_value(Some(timer));
            }
            Action::CancelHold => voice.hold_timer.set_value(None),
            Action::Clear => query.clear(),
            Action::Acknowledge(command) => voice.acknowledgement.set(Some(command.acknowledgement())),
            Action::NextPage => query.next_page(),
        });
        self.executor.set_value(Some(executor));
    }
}

/// Fill `phrases` (what the recognizer is asked to expect, read at each start) once the catalog is ready, where the
/// browser has contextual biasing: `hark.json`'s `phrases` when it names some (the only source with a remote
/// engine), else the loaded index's most distinctive titles and words, at most 300 ([`hark_engine::Index::phrases`]).
///
/// Those were chosen when the index was built (natively, or by the indexing worker for a catalog without a prebuilt
/// index) and read with it, so any catalog size gets them and the page only copies them: no choosing on the main
/// thread (that cost ~16 ms on the 14k default catalog and ~250 ms on the 117k one).
pub fn use_catalog_phrases(search: SearchCtx, phrases: RwSignal<Vec<(String, f32)>>) {
    let chosen = StoredValue::new(false);
    Effect::new(move |_| {
        if !matches!(search.status.get(), CatalogStatus::Ready { .. }) || chosen.get_value() || !phrases_supported() {
            return;
        }
        chosen.set_value(true);
        let configured = search.with_loaded(|loaded| loaded.phrases.clone()).unwrap_or_default();
        let list: Vec<(String, f32)> = if configured.is_empty() {
            search
                .with_loaded(|loaded| {
                    loaded.provider.local_index().map(|index| {
                        index.phrases().iter().map(|phrase| (phrase.text.clone(), phrase.boost)).collect()
                    })
                })
                .flatten()
                .unwrap_or_default()
        } else {
            configured.into_iter().map(|text| (text, CONFIGURED_PHRASE_BOOST)).collect()
        };
        phrases.set(list);
    });
}

/// Whether a final phrase is a command (in the recognition language `lang`); if so, it is done.
pub fn try_command(voice: VoiceCtx, phrase: &str, lang: &str) -> bool {
    match crate::speech::commands::match_command(phrase, lang) {
        Some(command) => {
            voice.send(Event::Command(command));
            true
        }
        None => false,
    }
}

/// The "What can I say?" disclosure: the voice commands in the recognition language (the last command's
/// acknowledgement is on the status line).
#[component]
pub fn VoiceHelp() -> impl IntoView {
    let SettingsCtx { lang, .. } = expect_context();
    let examples = move || {
        words_for(&lang.get())
            .examples
            .iter()
            .map(|(name, phrases)| {
                let what = match *name {
                    "stop" => "stop listening and reading",
                    "next" => "read the next results",
                    "read" => "read one result",
                    "repeat" => "read the results again",
                    _ => "clear the search",
                };
                view! { <li><span class="command-phrases">{*phrases}</span>" — "{what}</li> }
            })
            .collect_view()
    };
    view! {
        <details class="voice-help">
            <summary>"What can I say?"</summary>
            <p>"While Hark listens, say a search, or one of these (in the recognition language):"</p>
            <ul aria-label="Voice commands">{examples}</ul>
        </details>
    }
}

