//! Speech synthesis in the browser: the `speechSynthesis` object, its voices, and one utterance at a time.
//!
//! Like gloo's `EventListener`, an [`Utterance`] and a [`Listener`] own their closures and detach them on drop, so
//! an utterance the reader has let go of (cancelled, replaced) can never call back into the reader. Every call into
//! `speechSynthesis` goes through `Reflect`, so a missing or odd implementation gives an error, never a throw
//! inside wasm.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{EventTarget, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

use super::error::SynthesisError;
use super::recognition::describe;
use super::voices::VoiceInfo;

/// `window.speechSynthesis`, where the browser has it.
pub fn synthesis() -> Option<SpeechSynthesis> {
    let window = web_sys::window()?;
    let value = Reflect::get(&window, &"speechSynthesis".into()).ok()?;
    value.is_object().then(|| value.unchecked_into())
}

/// Call `target[name](...args)`, catching anything it throws or a missing method.
fn call(target: &JsValue, name: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let method: Function = Reflect::get(target, &name.into())?
        .dyn_into()
        .map_err(|_| JsValue::from_str(&format!("{name} is not a function")))?;
    method.apply(target, &args.iter().copied().collect::<Array>())
}

fn get(target: &JsValue, key: &str) -> JsValue {
    if !target.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn get_string(target: &JsValue, key: &str) -> String {
    get(target, key).as_string().unwrap_or_default()
}

/// A voice: what the crate knows about it, and the browser's object to put on an utterance.
#[derive(Clone)]
pub struct Voice {
    /// Name, language and so on.
    pub info: VoiceInfo,
    /// The `SpeechSynthesisVoice`.
    pub voice: SpeechSynthesisVoice,
}

/// The voices the browser has now (often none until `voiceschanged`, and on some systems none at all).
pub fn voices(synth: &SpeechSynthesis) -> Vec<Voice> {
    let Ok(list) = call(synth, "getVoices", &[]) else { return Vec::new() };
    let length = get(&list, "length").as_f64().map_or(0, |n| n.clamp(0.0, 2000.0) as u32);
    (0..length)
        .filter_map(|i| Reflect::get_u32(&list, i).ok().filter(JsValue::is_object))
        .map(|voice| {
            let name = get_string(&voice, "name");
            let uri = Some(get_string(&voice, "voiceURI")).filter(|uri| !uri.is_empty()).unwrap_or_else(|| name.clone());
            let info = VoiceInfo {
                uri,
                name,
                lang: get_string(&voice, "lang"),
                local: get(&voice, "localService").as_bool().unwrap_or(true),
                default: get(&voice, "default").as_bool().unwrap_or(false),
            };
            Voice { info, voice: voice.unchecked_into() }
        })
        .collect()
}

/// Cancel everything the browser is saying or about to say (only when there is something: a needless `cancel()`
/// can swallow the next `speak()` in some Chrome versions).
pub fn cancel_all(synth: &SpeechSynthesis) {
    let busy = get(synth, "speaking").as_bool().unwrap_or(true) || get(synth, "pending").as_bool().unwrap_or(true);
    if busy {
        let _ = call(synth, "cancel", &[]);
    }
}

/// `speechSynthesis.pause()`.
pub fn pause(synth: &SpeechSynthesis) {
    let _ = call(synth, "pause", &[]);
}

/// `speechSynthesis.resume()`.
pub fn resume(synth: &SpeechSynthesis) {
    let _ = call(synth, "resume", &[]);
}

/// Event listeners on one target, removed on drop.
#[must_use = "dropping the listener removes it"]
pub struct Listener {
    target: EventTarget,
    types: &'static [&'static str],
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    /// Listen to `types` on `target` (bubbling phase).
    pub fn new(
        target: &EventTarget,
        types: &'static [&'static str],
        handler: impl FnMut(web_sys::Event) + 'static,
    ) -> Result<Self, JsValue> {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
        let listener = Self { target: target.clone(), types, closure };
        for event_type in types {
            listener.target.add_event_listener_with_callback(event_type, listener.closure.as_ref().unchecked_ref())?;
        }
        Ok(listener)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        for event_type in self.types {
            let _ = self.target.remove_event_listener_with_callback(event_type, self.closure.as_ref().unchecked_ref());
        }
    }
}

/// A word or sentence boundary the browser reported while speaking (not every voice sends them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boundary {
    /// UTF-16 index into the piece being spoken.
    pub char_index: u32,
    /// UTF-16 length of the word, where the browser says.
    pub char_length: u32,
    /// `"word"` or `"sentence"`.
    pub name: String,
}

/// A typed utterance event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UtteranceEvent {
    /// Speaking began.
    Start,
    /// Speaking finished.
    End,
    /// Speaking failed or was cancelled.
    Error(SynthesisError),
    /// A word or sentence boundary.
    Boundary(Boundary),
    /// Paused.
    Pause,
    /// Resumed.
    Resume,
    /// An SSML mark was reached.
    Mark(String),
}

const UTTERANCE_EVENTS: &[&str] = &["start", "end", "error", "boundary", "pause", "resume", "mark"];

/// How to say one piece.
#[derive(Clone)]
pub struct UtteranceSettings {
    /// The text.
    pub text: String,
    /// Its language (the voice's, else the recognition language).
    pub lang: String,
    /// The voice; `None` lets the browser choose by `lang`.
    pub voice: Option<SpeechSynthesisVoice>,
    /// 0.5–2 (this crate's range; the API allows 0.1–10).
    pub rate: f32,
    /// 0–2.
    pub pitch: f32,
    /// 0–1.
    pub volume: f32,
}

/// One `SpeechSynthesisUtterance` with its listener. Dropping it detaches the listener (it does not cancel: the
/// caller cancels the whole queue with [`cancel_all`]).
#[must_use = "dropping the utterance detaches its events"]
pub struct Utterance {
    utterance: SpeechSynthesisUtterance,
    _listener: Listener,
}

impl Utterance {
    /// Make an utterance with `settings` that reports its events to `on_event`.
    pub fn new(
        settings: &UtteranceSettings,
        mut on_event: impl FnMut(UtteranceEvent) + 'static,
    ) -> Result<Self, SynthesisError> {
        let utterance = SpeechSynthesisUtterance::new_with_text(&settings.text)
            .map_err(|error| SynthesisError::SpeakFailed(describe(&error)))?;
        utterance.set_lang(&settings.lang);
        // The `voice` setter throws for anything that is not a SpeechSynthesisVoice: go through Reflect.
        if let Some(voice) = &settings.voice {
            let _ = Reflect::set(&utterance, &"voice".into(), voice);
        }
        utterance.set_rate(settings.rate);
        utterance.set_pitch(settings.pitch);
        utterance.set_volume(settings.volume);
        let listener = Listener::new(utterance.unchecked_ref(), UTTERANCE_EVENTS, move |event| {
            if let Some(event) = read_event(&event) {
                on_event(event);
            }
        })
        .map_err(|error| SynthesisError::SpeakFailed(describe(&error)))?;
        Ok(Self { utterance, _listener: listener })
    }

    /// Queue it: `speechSynthesis.speak(utterance)`.
    pub fn speak(&self, synth: &SpeechSynthesis) -> Result<(), SynthesisError> {
        call(synth, "speak", &[&self.utterance]).map(drop).map_err(|error| SynthesisError::SpeakFailed(describe(&error)))
    }
}

/// Copy a DOM event into an [`UtteranceEvent`]; unknown types give `None`. The error code is read as a string.
fn read_event(event: &web_sys::Event) -> Option<UtteranceEvent> {
    let count = |key| get(event, key).as_f64().map_or(0, |n| n.clamp(0.0, f64::from(u32::MAX)) as u32);
    Some(match event.type_().as_str() {
        "start" => UtteranceEvent::Start,
        "end" => UtteranceEvent::End,
        "error" => UtteranceEvent::Error(SynthesisError::from_code(&get_string(event, "error"))),
        "boundary" => UtteranceEvent::Boundary(Boundary {
            char_index: count("charIndex"),
            char_length: count("charLength"),
            name: get_string(event, "name"),
        }),
        "pause" => UtteranceEvent::Pause,
        "resume" => UtteranceEvent::Resume,
        "mark" => UtteranceEvent::Mark(get_string(event, "name")),
        _ => return None,
    })
}
