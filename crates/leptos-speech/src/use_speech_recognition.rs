//! `use_speech_recognition`: reactive speech recognition in the shape of leptos-use's hooks.
//!
//! See MDN: <https://developer.mozilla.org/docs/Web/API/SpeechRecognition>.
//!
//! ```
//! # use leptos::prelude::*;
//! # use leptos_speech::{use_speech_recognition_with_options, UseSpeechRecognitionOptions, UseSpeechRecognitionReturn};
//! #
//! # #[component]
//! # fn Demo() -> impl IntoView {
//! let UseSpeechRecognitionReturn { is_supported, is_listening, interim, transcript, toggle, .. } =
//!     use_speech_recognition_with_options(
//!         UseSpeechRecognitionOptions::default().lang("de-DE".to_string()).continuous(true),
//!     );
//! view! {
//!     <button
//!         disabled=move || !is_supported.get()
//!         aria-pressed=move || is_listening.get().to_string()
//!         on:click=move |_| toggle.run(())
//!     >
//!         "🎤"
//!     </button>
//!     <p>{move || transcript.get()} " " <i>{move || interim.get()}</i></p>
//! }
//! # }
//! ```
//!
//! The microphone is released when listening stops and when the owning component is disposed. Where recognizers
//! take a track ([`track_input_supported`]), the hook captures the microphone itself (echo cancellation on), passes
//! the track to `start(track)` and reports its level (`level`); the track is stopped when listening stops, when the
//! owner goes away and when the page does (`pagehide`). Elsewhere there is no second capture and `level` stays
//! `None`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::capabilities::{is_false_support, known_fork, ContinuousProbe};
use super::error::RecognitionError;
use super::machine::{Command, Input, Phase, SessionMachine};
use super::microphone::{track_input_supported, CaptureError, MicCapture};
use super::recognition::{RecognitionEvent, RecognitionOptions, RecognitionSession};
use super::restart::RestartPolicy;
use super::serial::Serial;
use super::support::recognition_supported;
use super::transcript::{Phrase, TranscriptMerger};

/// Options for [`use_speech_recognition_with_options`].
#[derive(Clone)]
pub struct UseSpeechRecognitionOptions {
    /// BCP-47 language to recognise, read at each start. Default `"en-US"`.
    pub lang: Signal<String>,
    /// Keep listening across phrases, restarting after silence. Read at each start. Default `false`.
    pub continuous: Signal<bool>,
    /// Report interim results (shown greyed while the person speaks). Default `true`.
    pub interim_results: bool,
    /// How many alternatives per phrase. Default `3`.
    pub max_alternatives: u32,
    /// Automatic restart limits in continuous mode. Default [`RestartPolicy::default`].
    pub restart: RestartPolicy,
    /// Called with each final phrase (also available as the `phrase` signal). Default: none.
    pub on_phrase: Option<Callback<HeardPhrase>>,
    /// Recognise on this device (`processLocally`) where the browser can; read at each start. Default `false`.
    pub process_locally: Signal<bool>,
    /// Phrases to boost (text, boost 0–10) where the browser supports contextual biasing; read at each start.
    /// After `phrases-not-supported` the session restarts once without them, silently. Default: none.
    pub phrases: Signal<Vec<(String, f32)>>,
    /// Where recognizers take a track, capture the microphone in the page (echo cancellation on) and report its
    /// `level`; the start waits for the capture (or its refusal). Default `true`.
    pub capture_microphone: bool,
}

impl Default for UseSpeechRecognitionOptions {
    fn default() -> Self {
        Self {
            lang: Signal::stored("en-US".to_string()),
            continuous: Signal::stored(false),
            interim_results: true,
            max_alternatives: 3,
            restart: RestartPolicy::default(),
            on_phrase: None,
            process_locally: Signal::stored(false),
            phrases: Signal::stored(Vec::new()),
            capture_microphone: true,
        }
    }
}

impl UseSpeechRecognitionOptions {
    /// Set [`Self::lang`].
    pub fn lang(mut self, lang: impl Into<Signal<String>>) -> Self {
        self.lang = lang.into();
        self
    }
    /// Set [`Self::continuous`].
    pub fn continuous(mut self, continuous: impl Into<Signal<bool>>) -> Self {
        self.continuous = continuous.into();
        self
    }
    /// Set [`Self::interim_results`].
    pub fn interim_results(mut self, interim_results: bool) -> Self {
        self.interim_results = interim_results;
        self
    }
    /// Set [`Self::max_alternatives`].
    pub fn max_alternatives(mut self, max_alternatives: u32) -> Self {
        self.max_alternatives = max_alternatives;
        self
    }
    /// Set [`Self::on_phrase`].
    pub fn on_phrase(mut self, on_phrase: impl Fn(HeardPhrase) + Send + Sync + 'static) -> Self {
        self.on_phrase = Some(Callback::new(on_phrase));
        self
    }
    /// Set [`Self::process_locally`].
    pub fn process_locally(mut self, process_locally: impl Into<Signal<bool>>) -> Self {
        self.process_locally = process_locally.into();
        self
    }
    /// Set [`Self::phrases`].
    pub fn phrases(mut self, phrases: impl Into<Signal<Vec<(String, f32)>>>) -> Self {
        self.phrases = phrases.into();
        self
    }
    /// Set [`Self::capture_microphone`].
    pub fn capture_microphone(mut self, capture_microphone: bool) -> Self {
        self.capture_microphone = capture_microphone;
        self
    }
    /// Set [`Self::restart`].
    pub fn restart(mut self, restart: RestartPolicy) -> Self {
        self.restart = restart;
        self
    }
}

/// A final phrase, numbered so that saying the same words twice is still two queries.
#[derive(Debug, Clone, PartialEq)]
pub struct HeardPhrase {
    /// Increases by one for each phrase.
    pub seq: u64,
    /// The phrase with its alternatives.
    pub phrase: Phrase,
}

/// What [`use_speech_recognition`] returns.
#[derive(Clone, Copy)]
pub struct UseSpeechRecognitionReturn {
    /// Whether the browser has speech recognition that works: false where it is missing, in a known fork that
    /// only reports it (`navigator.brave`), and after a `network` error on the visit's first start before any result.
    pub is_supported: Signal<bool>,
    /// Whether the hook is (or is about to be) listening: what the microphone button shows.
    pub is_listening: Signal<bool>,
    /// The session's phase, for status messages.
    pub phase: Signal<Phase>,
    /// Words being recognised, not yet final.
    pub interim: Signal<String>,
    /// The last final phrase's best transcript.
    pub transcript: Signal<String>,
    /// The last final phrase with all its alternatives.
    pub phrase: Signal<Option<HeardPhrase>>,
    /// The last error, cleared at the next start.
    pub error: Signal<Option<RecognitionError>>,
    /// True when continuous listening stopped by itself after a long silence.
    pub stopped_after_silence: Signal<bool>,
    /// The microphone level, 0–100, while the hook captures the microphone itself and listens; `None` elsewhere.
    pub level: Signal<Option<u8>>,
    /// Why the hook could not capture the microphone itself (it then listens without the meter), until the next start.
    pub capture_error: Signal<Option<CaptureError>>,
    /// True once the recognizer has been seen to end after every phrase although continuous mode was asked for
    /// (Chrome Android): continuous mode cannot work here, holding to talk can.
    pub ends_every_phrase: Signal<bool>,
    /// Start listening (no-op when unsupported or already listening).
    pub start: Callback<()>,
    /// Stop listening; the current phrase is still delivered.
    pub stop: Callback<()>,
    /// Start or stop.
    pub toggle: Callback<()>,
    /// Start listening across phrases until [`Self::stop`], whatever `continuous` says (push-to-talk: listening
    /// while the button is held).
    pub start_held: Callback<()>,
    /// Hold the recognizer while the page speaks, so it never hears itself: a live session is aborted, a restart put
    /// off. What the person asked for (`is_listening`) does not change.
    pub pause: Callback<()>,
    /// The page finished speaking: listen again shortly if the person still wants to.
    pub resume: Callback<()>,
}

/// [`use_speech_recognition_with_options`] with the default options.
pub fn use_speech_recognition() -> UseSpeechRecognitionReturn {
    use_speech_recognition_with_options(UseSpeechRecognitionOptions::default())
}

/// Reactive speech recognition; see the module docs.
pub fn use_speech_recognition_with_options(options: UseSpeechRecognitionOptions) -> UseSpeechRecognitionReturn {
    let is_supported = recognition_supported();
    let falsely_supported = RwSignal::new(is_supported && known_fork());
    let signals = Outputs {
        falsely_supported,
        is_listening: RwSignal::new(false),
        phase: RwSignal::new(Phase::Idle),
        interim: RwSignal::new(String::new()),
        transcript: RwSignal::new(String::new()),
        phrase: RwSignal::new(None),
        error: RwSignal::new(None),
        stopped_after_silence: RwSignal::new(false),
        ends_every_phrase: RwSignal::new(false),
        level: RwSignal::new(None),
        capture_error: RwSignal::new(None),
    };
    let driver = Rc::new(Driver {
        serial: Serial::new(DriverState {
            machine: SessionMachine::new(options.restart),
            merger: TranscriptMerger::new(),
            session: None,
            restart_timer: None,
            seq: 0,
            continuous: false,
            sessions: 0,
            heard_any: false,
            phrases_refused: false,
            retry_without_phrases: false,
            probe: ContinuousProbe::default(),
            capture: Capture::default(),
            track_input: is_supported && options.capture_microphone && track_input_supported(),
            capture_attempts: 0,
        }),
        options: options.clone(),
        signals,
        weak_self: RefCell::new(Weak::new()),
    });
    *driver.weak_self.borrow_mut() = Rc::downgrade(&driver);
    let driver = StoredValue::new_local(driver);
    on_cleanup(move || {
        let _ = driver.try_with_value(|driver| driver.shutdown());
    });

    let send = move |work: Work| {
        if is_supported && !falsely_supported.get_untracked() {
            let _ = driver.try_with_value(|driver| driver.dispatch(work));
        }
    };
    UseSpeechRecognitionReturn {
        is_supported: Signal::derive(move || is_supported && !falsely_supported.get()),
        is_listening: signals.is_listening.into(),
        phase: signals.phase.into(),
        interim: signals.interim.into(),
        transcript: signals.transcript.into(),
        phrase: signals.phrase.into(),
        error: signals.error.into(),
        stopped_after_silence: signals.stopped_after_silence.into(),
        ends_every_phrase: signals.ends_every_phrase.into(),
        level: signals.level.into(),
        capture_error: signals.capture_error.into(),
        start: Callback::new(move |()| send(Work::UserStart)),
        stop: Callback::new(move |()| send(Work::UserStop)),
        toggle: Callback::new(move |()| send(Work::UserToggle)),
        start_held: Callback::new(move |()| send(Work::UserStartHeld)),
        pause: Callback::new(move |()| send(Work::Hold)),
        resume: Callback::new(move |()| send(Work::Unhold)),
    }
}

#[derive(Clone, Copy)]
struct Outputs {
    falsely_supported: RwSignal<bool>,
    is_listening: RwSignal<bool>,
    phase: RwSignal<Phase>,
    interim: RwSignal<String>,
    transcript: RwSignal<String>,
    phrase: RwSignal<Option<HeardPhrase>>,
    error: RwSignal<Option<RecognitionError>>,
    stopped_after_silence: RwSignal<bool>,
    ends_every_phrase: RwSignal<bool>,
    level: RwSignal<Option<u8>>,
    capture_error: RwSignal<Option<CaptureError>>,
}

enum Work {
    UserStart,
    UserStartHeld,
    UserStop,
    UserToggle,
    Event(RecognitionEvent),
    RestartDue,
    Hold,
    Unhold,
    /// The page's own microphone capture numbered `.0` opened (or failed).
    Captured(u64, Result<MicCapture, CaptureError>),
}

/// The page's own microphone capture, where recognizers take a track.
#[derive(Default)]
enum Capture {
    /// None open.
    #[default]
    Closed,
    /// `getUserMedia` asked (capture number `attempt`); the start that needs it waits in `waiting`.
    Opening { attempt: u64, waiting: Input },
    /// Open: its track goes to every session until listening stops.
    Open(MicCapture),
    /// Refused in this visit: listen without it, and do not ask again.
    Refused,
}

struct DriverState {
    machine: SessionMachine,
    merger: TranscriptMerger,
    session: Option<RecognitionSession>,
    restart_timer: Option<Timeout>,
    seq: u64,
    /// Whether the sessions of the current listening are continuous (the setting, or a hold).
    continuous: bool,
    /// Sessions started in this visit.
    sessions: u32,
    /// Whether any result arrived in this visit.
    heard_any: bool,
    /// The browser refused the phrases (`phrases-not-supported`): none are passed from now on.
    phrases_refused: bool,
    /// Start again (once) when the session that refused the phrases ends.
    retry_without_phrases: bool,
    probe: ContinuousProbe,
    capture: Capture,
    /// Whether recognizers here take a track (checked once).
    track_input: bool,
    /// Numbers the capture attempts, so a late answer to a cancelled one is dropped.
    capture_attempts: u64,
}

/// Owns the browser side; all work goes through one queue so that an event fired while the hook is already handling
/// one (re-entrancy) waits its turn instead of double-borrowing the state.
struct Driver {
    serial: Serial<DriverState, Work>,
    options: UseSpeechRecognitionOptions,
    signals: Outputs,
    weak_self: RefCell<Weak<Driver>>,
}

impl Driver {
    fn dispatch(&self, work: Work) {
        self.serial.run(work, |state, work| self.handle(state, work));
    }

    fn handle(&self, state: &mut DriverState, work: Work) {
        let now = js_sys::Date::now();
        let input = match work {
            Work::UserStart => Some(self.user_start()),
            Work::UserStartHeld => Some(Input::UserStart { continuous: true }),
            Work::UserStop => Some(Input::UserStop),
            Work::UserToggle => Some(if state.machine.wants_listening() || state.capture.is_opening() {
                Input::UserStop
            } else {
                self.user_start()
            }),
            Work::RestartDue => Some(Input::RestartDue),
            Work::Hold => {
                self.signals.interim.set(String::new());
                Some(Input::Hold)
            }
            Work::Unhold => Some(Input::Unhold),
            Work::Event(event) => self.on_event(state, event, now),
            Work::Captured(attempt, result) => self.captured(state, attempt, result),
        };
        let input = input.and_then(|input| self.wait_for_capture(state, input));
        if let Some(input) = input {
            let asked_continuous = match input {
                Input::UserStart { continuous } => {
                    self.signals.error.set(None);
                    self.signals.stopped_after_silence.set(false);
                    Some(continuous)
                }
                _ => None,
            };
            let ended = input == Input::Ended;
            // Asked before the machine hears of the end: whether the person still wanted to listen.
            let still_wanted = state.machine.wants_listening();
            let mut commands = state.machine.handle(input, now);
            if let Some(continuous) = asked_continuous.filter(|_| commands.contains(&Command::Start)) {
                state.continuous = continuous;
            }
            if ended
                && std::mem::take(&mut state.retry_without_phrases)
                && still_wanted
                && !commands.contains(&Command::Start)
            {
                // The session that refused the phrases ended: start once more without them.
                commands.extend(state.machine.handle(Input::UserStart { continuous: state.continuous }, now));
            }
            self.run(state, commands);
        }
        self.publish(state);
    }

    /// A start while the page should capture the microphone first waits for it (asking once); a stop while it is
    /// being asked cancels the wait. Everything else passes.
    fn wait_for_capture(&self, state: &mut DriverState, input: Input) -> Option<Input> {
        let starting = matches!(input, Input::UserStart { .. });
        match (&mut state.capture, starting) {
            (Capture::Closed, true) if state.track_input && !state.machine.wants_listening() => {
                state.capture_attempts += 1;
                let attempt = state.capture_attempts;
                state.capture = Capture::Opening { attempt, waiting: input };
                self.signals.capture_error.set(None);
                self.open_capture(attempt);
                None
            }
            (Capture::Opening { waiting, .. }, true) => {
                *waiting = input;
                None
            }
            (Capture::Opening { .. }, false) if input == Input::UserStop => {
                state.capture = Capture::Closed;
                None
            }
            _ => Some(input),
        }
    }

    fn open_capture(&self, attempt: u64) {
        let weak = self.weak_self.borrow().clone();
        let level = self.signals.level;
        wasm_bindgen_futures::spawn_local(async move {
            let opened = MicCapture::open(move |value| {
                if level.try_get_untracked().flatten() != Some(value) {
                    let _ = level.try_set(Some(value));
                }
            })
            .await;
            // A driver that is gone drops the capture here, which stops the track.
            if let Some(driver) = weak.upgrade() {
                driver.dispatch(Work::Captured(attempt, opened));
            }
        });
    }

    /// The capture numbered `attempt` opened or failed: keep it (or note the refusal) and let the waiting start go.
    fn captured(
        &self,
        state: &mut DriverState,
        attempt: u64,
        result: Result<MicCapture, CaptureError>,
    ) -> Option<Input> {
        let Capture::Opening { attempt: current, waiting } = &state.capture else { return None };
        if *current != attempt {
            return None;
        }
        let waiting = waiting.clone();
        state.capture = match result {
            Ok(capture) => Capture::Open(capture),
            Err(error) => {
                self.signals.capture_error.set(Some(error));
                Capture::Refused
            }
        };
        Some(waiting)
    }

    fn user_start(&self) -> Input {
        Input::UserStart { continuous: self.options.continuous.get_untracked() }
    }

    /// Fold a browser event into signals, and say what the machine should know.
    fn on_event(&self, state: &mut DriverState, event: RecognitionEvent, now: f64) -> Option<Input> {
        match event {
            RecognitionEvent::Start | RecognitionEvent::AudioStart => Some(Input::Started),
            RecognitionEvent::SpeechStart => Some(Input::SpeechStarted),
            RecognitionEvent::SpeechEnd => Some(Input::SpeechEnded),
            RecognitionEvent::NoMatch => None,
            RecognitionEvent::Result(batch) => {
                state.heard_any = true;
                let update = state.merger.push(&batch, now);
                self.signals.interim.set(update.interim);
                let heard = !update.finals.is_empty();
                if heard {
                    state.probe.final_phrase(now);
                }
                for phrase in update.finals {
                    self.deliver(state, phrase);
                }
                heard.then_some(Input::FinalPhrase)
            }
            RecognitionEvent::Error(error) => {
                if error == RecognitionError::PhrasesNotSupported && !state.phrases_refused {
                    // Silently: listen again without them once this session ends.
                    state.phrases_refused = true;
                    state.retry_without_phrases = true;
                    return None;
                }
                if is_false_support(error == RecognitionError::Network, state.sessions, state.heard_any) {
                    self.signals.falsely_supported.set(true);
                }
                // `aborted` is what the hook's own abort produces; it is not news to the person.
                if error != RecognitionError::Aborted {
                    self.signals.error.set(Some(error.clone()));
                }
                Some(Input::Error(error))
            }
            RecognitionEvent::End => {
                let by_itself = state.machine.phase() != Phase::Stopping;
                if state.probe.ended(now, by_itself, state.continuous) {
                    self.signals.ends_every_phrase.set(true);
                }
                if let Some(phrase) = state.merger.end_session(now) {
                    self.deliver(state, phrase);
                }
                self.signals.interim.set(String::new());
                Some(Input::Ended)
            }
        }
    }

    fn deliver(&self, state: &mut DriverState, phrase: Phrase) {
        state.seq += 1;
        self.signals.transcript.set(phrase.text().to_string());
        let heard = HeardPhrase { seq: state.seq, phrase };
        if let Some(on_phrase) = &self.options.on_phrase {
            on_phrase.run(heard.clone());
        }
        self.signals.phrase.set(Some(heard));
    }

    fn run(&self, state: &mut DriverState, commands: Vec<Command>) {
        for command in commands {
            match command {
                Command::Start => {
                    // Detach and abort the old recognizer first: its late events must not reach the new session.
                    state.session = None;
                    state.merger.start_session();
                    self.signals.interim.set(String::new());
                    let options = RecognitionOptions {
                        lang: self.options.lang.get_untracked(),
                        continuous: state.continuous,
                        interim_results: self.options.interim_results,
                        max_alternatives: self.options.max_alternatives,
                        process_locally: self.options.process_locally.get_untracked(),
                        phrases: if state.phrases_refused {
                            Vec::new()
                        } else {
                            self.options.phrases.get_untracked()
                        },
                        track: state.capture.live_track(),
                    };
                    state.sessions += 1;
                    state.probe.started();
                    let weak = self.weak_self.borrow().clone();
                    let started = RecognitionSession::start(&options, move |event| {
                        if let Some(driver) = weak.upgrade() {
                            driver.dispatch(Work::Event(event));
                        }
                    });
                    match started {
                        Ok(session) => state.session = Some(session),
                        Err(error) => {
                            self.signals.error.set(Some(error.clone()));
                            let now = js_sys::Date::now();
                            let more = state.machine.handle(Input::Error(error), now);
                            let more_after_end = state.machine.handle(Input::Ended, now);
                            self.run(state, more.into_iter().chain(more_after_end).collect());
                        }
                    }
                }
                Command::Stop => {
                    if let Some(session) = &state.session {
                        session.stop();
                    }
                }
                Command::Release => state.session = None,
                Command::ScheduleRestart(ms) => {
                    let weak = self.weak_self.borrow().clone();
                    state.restart_timer = Some(Timeout::new(ms, move || {
                        if let Some(driver) = weak.upgrade() {
                            driver.dispatch(Work::RestartDue);
                        }
                    }));
                }
                Command::CancelRestart => state.restart_timer = None,
                Command::GaveUpAfterSilence => self.signals.stopped_after_silence.set(true),
            }
        }
    }

    fn publish(&self, state: &mut DriverState) {
        let phase = state.machine.phase();
        if !state.machine.wants_listening() && phase == Phase::Idle && matches!(state.capture, Capture::Open(_)) {
            // Listening is over: stop the track (the browser's "microphone in use" indicator goes off).
            state.capture = Capture::Closed;
        }
        let level_shown = matches!(state.capture, Capture::Open(_));
        if !level_shown && self.signals.level.get_untracked().is_some() {
            self.signals.level.set(None);
        }
        let listening = state.machine.wants_listening() || state.capture.is_opening();
        if self.signals.is_listening.get_untracked() != listening {
            self.signals.is_listening.set(listening);
        }
        if self.signals.phase.get_untracked() != phase {
            self.signals.phase.set(phase);
        }
    }

    /// Release the microphone and timers: the owner is going away.
    fn shutdown(&self) {
        self.serial.shut_down(|state| {
            state.restart_timer = None;
            state.session = None;
            state.capture = Capture::Closed;
        });
    }
}

impl Capture {
    fn is_opening(&self) -> bool {
        matches!(self, Self::Opening { .. })
    }

    /// The open capture's track, while it is live (a track the browser ended is not given to a recognizer).
    fn live_track(&self) -> Option<web_sys::MediaStreamTrack> {
        match self {
            Self::Open(capture) => capture.live_track(),
            _ => None,
        }
    }
}
