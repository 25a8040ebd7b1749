//! `use_speech_synthesis`: reading aloud, in the shape of leptos-use's hooks.
//!
//! See MDN: <https://developer.mozilla.org/docs/Web/API/SpeechSynthesis>.
//!
//! ```
//! # use leptos::prelude::*;
//! # use leptos_speech::{use_speech_synthesis_with_options, SpeechItem, UseSpeechSynthesisOptions, UseSpeechSynthesisReturn};
//! #
//! # #[component]
//! # fn Demo() -> impl IntoView {
//! let UseSpeechSynthesisReturn { is_supported, is_speaking, speak, cancel, .. } =
//!     use_speech_synthesis_with_options(UseSpeechSynthesisOptions::default().lang("de-DE".to_string()).rate(1.2));
//! view! {
//!     <button disabled=move || !is_supported.get() on:click=move |_| speak.run(vec![SpeechItem::plain("Drei Ergebnisse.")])>
//!         "Vorlesen"
//!     </button>
//!     <button disabled=move || !is_speaking.get() on:click=move |_| cancel.run(())>"Stopp"</button>
//! }
//! # }
//! ```
//!
//! - Voices are read at once and again at every `voiceschanged`; when none arrive within
//!   [`UseSpeechSynthesisOptions::voices_timeout_ms`], [`VoicesState::Unavailable`] says so. Speaking waits for the
//!   voices while they load, so the first words are in the right voice.
//! - Text is cut into sentence-sized pieces, spoken one at a time ([`super::queue`]).
//! - `not-allowed` (Chrome: no click or key press on the page yet, e.g. after opening a shared link) keeps the
//!   reading and starts it again at the person's next click or key press (Escape excepted).
//! - The reading stops when the page is hidden and when the owner is disposed.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::SpeechSynthesis;

use super::error::SynthesisError;
use super::queue::{SpeechItem, SpeechQueue, Step};
use super::serial::Serial;
use super::synthesis::{self, Boundary, Listener, Utterance, UtteranceEvent, UtteranceSettings, Voice};
use super::text::MAX_PIECE_CHARS;
use super::voices::{choose, VoiceInfo};

/// The rate range (the API allows 0.1–10; outside this range voices become hard to follow).
pub const RATE_RANGE: (f64, f64) = (0.5, 2.0);
/// The pitch range.
pub const PITCH_RANGE: (f64, f64) = (0.0, 2.0);

/// Whether voices are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoicesState {
    /// None yet; the browser may still send them.
    Loading,
    /// At least one voice.
    Ready,
    /// None arrived: nothing can be read aloud (a later `voiceschanged` can still change this).
    Unavailable,
}

/// Options for [`use_speech_synthesis_with_options`].
#[derive(Clone)]
pub struct UseSpeechSynthesisOptions {
    /// BCP-47 language: which voices fit, and the utterances' language. Default `"en-US"`.
    pub lang: Signal<String>,
    /// The preferred voice by `voiceURI` or name; empty or not installed means the best voice for `lang`. Default `""`.
    pub voice: Signal<String>,
    /// Speaking rate, clamped to [`RATE_RANGE`]. Read for each piece. Default `1.0`.
    pub rate: Signal<f64>,
    /// Pitch, clamped to [`PITCH_RANGE`]. Default `1.0`.
    pub pitch: Signal<f64>,
    /// Volume, clamped to 0–1. Default `1.0`.
    pub volume: Signal<f64>,
    /// Longest piece in characters. Default [`MAX_PIECE_CHARS`].
    pub max_piece_chars: usize,
    /// How long to wait for voices before reporting none. Default 1500 ms.
    pub voices_timeout_ms: u32,
    /// Stop reading when the page is hidden (another tab, the phone locked). Default `true`.
    pub stop_when_hidden: bool,
}

impl Default for UseSpeechSynthesisOptions {
    fn default() -> Self {
        Self {
            lang: Signal::stored("en-US".to_string()),
            voice: Signal::stored(String::new()),
            rate: Signal::stored(1.0),
            pitch: Signal::stored(1.0),
            volume: Signal::stored(1.0),
            max_piece_chars: MAX_PIECE_CHARS,
            voices_timeout_ms: 1500,
            stop_when_hidden: true,
        }
    }
}

impl UseSpeechSynthesisOptions {
    /// Set [`Self::lang`].
    pub fn lang(mut self, lang: impl Into<Signal<String>>) -> Self {
        self.lang = lang.into();
        self
    }
    /// Set [`Self::voice`].
    pub fn voice(mut self, voice: impl Into<Signal<String>>) -> Self {
        self.voice = voice.into();
        self
    }
    /// Set [`Self::rate`].
    pub fn rate(mut self, rate: impl Into<Signal<f64>>) -> Self {
        self.rate = rate.into();
        self
    }
    /// Set [`Self::pitch`].
    pub fn pitch(mut self, pitch: impl Into<Signal<f64>>) -> Self {
        self.pitch = pitch.into();
        self
    }
    /// Set [`Self::volume`].
    pub fn volume(mut self, volume: impl Into<Signal<f64>>) -> Self {
        self.volume = volume.into();
        self
    }
    /// Set [`Self::max_piece_chars`].
    pub fn max_piece_chars(mut self, max_piece_chars: usize) -> Self {
        self.max_piece_chars = max_piece_chars;
        self
    }
    /// Set [`Self::voices_timeout_ms`].
    pub fn voices_timeout_ms(mut self, voices_timeout_ms: u32) -> Self {
        self.voices_timeout_ms = voices_timeout_ms;
        self
    }
    /// Set [`Self::stop_when_hidden`].
    pub fn stop_when_hidden(mut self, stop_when_hidden: bool) -> Self {
        self.stop_when_hidden = stop_when_hidden;
        self
    }
}

/// What [`use_speech_synthesis`] returns.
#[derive(Clone, Copy)]
pub struct UseSpeechSynthesisReturn {
    /// Whether the browser has speech synthesis.
    pub is_supported: Signal<bool>,
    /// Every installed voice, in the browser's order.
    pub voices: Signal<Vec<VoiceInfo>>,
    /// Whether voices are known.
    pub voices_state: Signal<VoicesState>,
    /// The voice the next piece will use.
    pub voice: Signal<Option<VoiceInfo>>,
    /// A reading is under way (speaking, between pieces, or waiting for voices).
    pub is_speaking: Signal<bool>,
    /// Paused by [`Self::pause`].
    pub is_paused: Signal<bool>,
    /// The reading waits for the person's next click or key press (`not-allowed`).
    pub waiting_for_gesture: Signal<bool>,
    /// The tag of the item being spoken.
    pub current_tag: Signal<Option<usize>>,
    /// The last word boundary in the piece being spoken, where the browser sends them.
    pub boundary: Signal<Option<Boundary>>,
    /// The text of the piece being spoken (what [`Self::boundary`] indexes into), `None` when silent.
    pub spoken_text: Signal<Option<String>>,
    /// The last error worth telling (never the reader's own cancel), cleared by the next `speak`.
    pub error: Signal<Option<SynthesisError>>,
    /// Say these items, after cancelling whatever is being said.
    pub speak: Callback<Vec<SpeechItem>>,
    /// Stop and forget the reading.
    pub cancel: Callback<()>,
    /// Pause the reading.
    pub pause: Callback<()>,
    /// Resume a paused reading.
    pub resume: Callback<()>,
}

/// [`use_speech_synthesis_with_options`] with the default options.
pub fn use_speech_synthesis() -> UseSpeechSynthesisReturn {
    use_speech_synthesis_with_options(UseSpeechSynthesisOptions::default())
}

/// Reactive speech synthesis; see the module docs.
pub fn use_speech_synthesis_with_options(options: UseSpeechSynthesisOptions) -> UseSpeechSynthesisReturn {
    let synth = synthesis::synthesis();
    let is_supported = synth.is_some();
    let signals = Outputs {
        voices: RwSignal::new(Vec::new()),
        voices_state: RwSignal::new(if is_supported { VoicesState::Loading } else { VoicesState::Unavailable }),
        is_speaking: RwSignal::new(false),
        is_paused: RwSignal::new(false),
        waiting_for_gesture: RwSignal::new(false),
        current_tag: RwSignal::new(None),
        boundary: RwSignal::new(None),
        spoken_text: RwSignal::new(None),
        error: RwSignal::new(None),
    };
    let driver = Rc::new(Driver {
        serial: Serial::new(DriverState::default()),
        options: options.clone(),
        synth,
        signals,
        weak_self: RefCell::new(Weak::new()),
    });
    *driver.weak_self.borrow_mut() = Rc::downgrade(&driver);
    if is_supported {
        driver.attach();
    }
    let driver = StoredValue::new_local(driver);
    on_cleanup(move || {
        let _ = driver.try_with_value(|driver| driver.shutdown());
    });

    let send = move |work: Work| {
        if is_supported {
            let _ = driver.try_with_value(|driver| driver.dispatch(work));
        }
    };
    let (lang, preferred) = (options.lang, options.voice);
    let voices = signals.voices;
    UseSpeechSynthesisReturn {
        is_supported: Signal::stored(is_supported),
        voices: voices.into(),
        voices_state: signals.voices_state.into(),
        voice: Signal::derive(move || {
            voices.with(|list| choose(list, &lang.get(), &preferred.get()).map(|i| list[i].clone()))
        }),
        is_speaking: signals.is_speaking.into(),
        is_paused: signals.is_paused.into(),
        waiting_for_gesture: signals.waiting_for_gesture.into(),
        current_tag: signals.current_tag.into(),
        boundary: signals.boundary.into(),
        spoken_text: signals.spoken_text.into(),
        error: signals.error.into(),
        speak: Callback::new(move |items| send(Work::Speak(items))),
        cancel: Callback::new(move |()| send(Work::Cancel)),
        pause: Callback::new(move |()| send(Work::Pause)),
        resume: Callback::new(move |()| send(Work::Resume)),
    }
}

#[derive(Clone, Copy)]
struct Outputs {
    voices: RwSignal<Vec<VoiceInfo>>,
    voices_state: RwSignal<VoicesState>,
    is_speaking: RwSignal<bool>,
    is_paused: RwSignal<bool>,
    waiting_for_gesture: RwSignal<bool>,
    current_tag: RwSignal<Option<usize>>,
    boundary: RwSignal<Option<Boundary>>,
    spoken_text: RwSignal<Option<String>>,
    error: RwSignal<Option<SynthesisError>>,
}

enum Work {
    Speak(Vec<SpeechItem>),
    Cancel,
    Pause,
    Resume,
    Utterance(u64, UtteranceEvent),
    VoicesChanged,
    VoicesTimeout,
    Gesture,
    Hidden,
}

#[derive(Default)]
struct DriverState {
    voices: Vec<Voice>,
    voices_timed_out: bool,
    queue: SpeechQueue,
    utterance: Option<Utterance>,
    /// Bumped at every cancel: events of older utterances are ignored.
    generation: u64,
    gesture: Option<Listener>,
    voices_timer: Option<Timeout>,
    listeners: Vec<Listener>,
}

/// Owns the browser side; all work goes through one queue (see `use_speech_recognition`'s driver).
struct Driver {
    serial: Serial<DriverState, Work>,
    options: UseSpeechSynthesisOptions,
    synth: Option<SpeechSynthesis>,
    signals: Outputs,
    weak_self: RefCell<Weak<Driver>>,
}

impl Driver {
    fn send_later(&self) -> impl Fn(Work) + 'static {
        let weak = self.weak_self.borrow().clone();
        move |work| {
            if let Some(driver) = weak.upgrade() {
                driver.dispatch(work);
            }
        }
    }

    /// Read the voices, listen for more, for the page being hidden, and start the wait for voices.
    fn attach(&self) {
        let Some(synth) = &self.synth else { return };
        self.serial.with_state(|state| self.attach_to(synth, state));
    }

    fn attach_to(&self, synth: &SpeechSynthesis, state: &mut DriverState) {
        let send = self.send_later();
        match Listener::new(synth.unchecked_ref(), &["voiceschanged"], move |_| send(Work::VoicesChanged)) {
            Ok(listener) => state.listeners.push(listener),
            Err(error) => log::warn!("cannot listen for voiceschanged: {error:?}"),
        }
        if self.options.stop_when_hidden {
            if let Some(document) = web_sys::window().and_then(|window| window.document()) {
                let send = self.send_later();
                if let Ok(listener) = Listener::new(document.unchecked_ref(), &["visibilitychange"], move |_| send(Work::Hidden)) {
                    state.listeners.push(listener);
                }
            }
        }
        let send = self.send_later();
        state.voices_timer = Some(Timeout::new(self.options.voices_timeout_ms, move || send(Work::VoicesTimeout)));
        self.read_voices(state);
    }

    fn dispatch(&self, work: Work) {
        self.serial.run(work, |state, work| self.handle(state, work));
    }

    fn handle(&self, state: &mut DriverState, work: Work) {
        match work {
            Work::Speak(items) => {
                self.cancel(state);
                self.signals.error.set(None);
                state.queue.load(&items, self.options.max_piece_chars);
                if self.signals.voices_state.get_untracked() != VoicesState::Loading {
                    let step = state.queue.advance();
                    self.step(state, step);
                }
            }
            Work::Cancel => self.cancel(state),
            Work::Pause => {
                if state.queue.is_active() {
                    if let Some(synth) = &self.synth {
                        synthesis::pause(synth);
                    }
                    self.signals.is_paused.set(true);
                }
            }
            Work::Resume => {
                if self.signals.is_paused.get_untracked() {
                    if let Some(synth) = &self.synth {
                        synthesis::resume(synth);
                    }
                    self.signals.is_paused.set(false);
                }
            }
            Work::Utterance(generation, event) if generation == state.generation => self.on_event(state, event),
            Work::Utterance(..) => {}
            Work::VoicesChanged => {
                self.read_voices(state);
                // Speaking waited for the voices.
                let step = state.queue.advance();
                self.step(state, step);
            }
            Work::VoicesTimeout => {
                state.voices_timed_out = true;
                state.voices_timer = None;
                self.read_voices(state);
                if state.voices.is_empty() {
                    // Nothing can speak: drop what waited for the voices rather than fail later.
                    state.queue.clear();
                } else {
                    let step = state.queue.advance();
                    self.step(state, step);
                }
            }
            Work::Gesture => {
                state.gesture = None;
                let step = state.queue.gesture();
                self.step(state, step);
            }
            Work::Hidden => {
                let hidden = web_sys::window()
                    .and_then(|window| window.document())
                    .is_some_and(|document| js_sys::Reflect::get(&document, &"hidden".into()).ok().and_then(|v| v.as_bool()) == Some(true));
                if hidden {
                    self.cancel(state);
                }
            }
        }
        self.publish(state);
    }

    fn read_voices(&self, state: &mut DriverState) {
        let Some(synth) = &self.synth else { return };
        state.voices = synthesis::voices(synth);
        let infos: Vec<VoiceInfo> = state.voices.iter().map(|voice| voice.info.clone()).collect();
        let voices_state = if !infos.is_empty() {
            state.voices_timer = None;
            VoicesState::Ready
        } else if state.voices_timed_out {
            VoicesState::Unavailable
        } else {
            VoicesState::Loading
        };
        if self.signals.voices.with_untracked(|voices| voices != &infos) {
            self.signals.voices.set(infos);
        }
        if self.signals.voices_state.get_untracked() != voices_state {
            self.signals.voices_state.set(voices_state);
        }
    }

    fn on_event(&self, state: &mut DriverState, event: UtteranceEvent) {
        match event {
            UtteranceEvent::Start | UtteranceEvent::Mark(_) => {}
            UtteranceEvent::End => {
                let step = state.queue.ended();
                self.step(state, step);
            }
            UtteranceEvent::Error(error) => self.failed(state, error),
            UtteranceEvent::Boundary(boundary) => self.signals.boundary.set(Some(boundary)),
            UtteranceEvent::Pause => self.signals.is_paused.set(true),
            UtteranceEvent::Resume => self.signals.is_paused.set(false),
        }
    }

    fn failed(&self, state: &mut DriverState, error: SynthesisError) {
        if error.recovery() != super::error::SynthesisRecovery::Ignore {
            self.signals.error.set(Some(error.clone()));
        }
        let step = state.queue.failed(&error);
        self.step(state, step);
    }

    /// Carry out what the queue decided.
    fn step(&self, state: &mut DriverState, step: Step) {
        let Some(synth) = &self.synth else { return };
        match step {
            Step::Speak(piece) => {
                self.signals.boundary.set(None);
                self.signals.spoken_text.set(Some(piece.text.clone()));
                let (rate, pitch, volume) = (
                    self.options.rate.get_untracked(),
                    self.options.pitch.get_untracked(),
                    self.options.volume.get_untracked(),
                );
                let lang = self.options.lang.get_untracked();
                let voice = if piece.default_voice {
                    None
                } else {
                    let infos: Vec<VoiceInfo> = state.voices.iter().map(|voice| voice.info.clone()).collect();
                    choose(&infos, &lang, &self.options.voice.get_untracked()).map(|i| state.voices[i].clone())
                };
                let settings = UtteranceSettings {
                    text: piece.text,
                    lang: voice.as_ref().map_or(lang, |voice| voice.info.lang.clone()),
                    voice: voice.map(|voice| voice.voice),
                    rate: clamp(rate, RATE_RANGE, 1.0) as f32,
                    pitch: clamp(pitch, PITCH_RANGE, 1.0) as f32,
                    volume: clamp(volume, (0.0, 1.0), 1.0) as f32,
                };
                let send = self.send_later();
                let generation = state.generation;
                let spoken = Utterance::new(&settings, move |event| send(Work::Utterance(generation, event)))
                    .and_then(|utterance| utterance.speak(synth).map(|()| utterance));
                match spoken {
                    Ok(utterance) => state.utterance = Some(utterance),
                    Err(error) => {
                        state.utterance = None;
                        self.failed(state, error);
                    }
                }
            }
            Step::Done => {
                state.utterance = None;
                self.signals.spoken_text.set(None);
            }
            Step::WaitForGesture => {
                state.utterance = None;
                let Some(window) = web_sys::window() else { return };
                let send = self.send_later();
                let listener = Listener::new(window.unchecked_ref(), &["click", "keydown"], move |event| {
                    // Escape means "be quiet", and is not a user activation in Chrome either.
                    let escape = event
                        .dyn_ref::<web_sys::KeyboardEvent>()
                        .is_some_and(|key| key.key() == "Escape");
                    if !escape {
                        send(Work::Gesture);
                    }
                });
                state.gesture = listener.ok();
            }
            Step::Nothing => {}
        }
    }

    fn cancel(&self, state: &mut DriverState) {
        // Detach first: the `interrupted`/`canceled` errors that cancel() fires are the reader's own doing.
        state.generation += 1;
        state.utterance = None;
        state.gesture = None;
        let was_active = state.queue.is_active();
        state.queue.clear();
        if was_active || self.signals.is_paused.get_untracked() {
            if let Some(synth) = &self.synth {
                synthesis::cancel_all(synth);
            }
        }
        self.signals.is_paused.set(false);
        self.signals.boundary.set(None);
        self.signals.spoken_text.set(None);
    }

    fn publish(&self, state: &DriverState) {
        let speaking = state.queue.is_active();
        if self.signals.is_speaking.get_untracked() != speaking {
            self.signals.is_speaking.set(speaking);
        }
        let waiting = state.queue.is_blocked();
        if self.signals.waiting_for_gesture.get_untracked() != waiting {
            self.signals.waiting_for_gesture.set(waiting);
        }
        let tag = state.queue.current().and_then(|piece| piece.tag);
        if self.signals.current_tag.get_untracked() != tag {
            self.signals.current_tag.set(tag);
        }
    }

    /// Stop speaking and detach everything: the owner is going away.
    fn shutdown(&self) {
        self.serial.shut_down(|state| {
            if state.queue.is_active() {
                if let Some(synth) = &self.synth {
                    synthesis::cancel_all(synth);
                }
            }
            *state = DriverState { generation: state.generation + 1, ..DriverState::default() };
        });
    }
}

/// `value` within `range`; `fallback` for NaN.
pub fn clamp(value: f64, range: (f64, f64), fallback: f64) -> f64 {
    if value.is_nan() {
        fallback
    } else {
        // Not f64::clamp: its assertion would link float formatting into the page.
        value.max(range.0).min(range.1)
    }
}
