//! A recognition session: one `SpeechRecognition` object, its event listeners, and typed events.
//!
//! Like gloo's `EventListener`, a [`RecognitionSession`] owns the JS object and its closure: dropping it removes the
//! listeners and aborts the recognizer, which releases the microphone. One session is one `start()`; the hook makes a
//! fresh one for every start, so `start()` is never called twice on the same recognizer.

use js_sys::Reflect;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::SpeechRecognition;

use super::capabilities::{phrase_constructor, prototype_has};
use super::error::RecognitionError;
use super::support::recognition_constructor;
use super::transcript::{tidy, Alternative, RecognitionResult, ResultBatch, MAX_RESULTS};

/// The recognizer settings for one session.
#[derive(Debug, Clone, PartialEq)]
pub struct RecognitionOptions {
    /// BCP-47 language tag, e.g. `en-US`.
    pub lang: String,
    /// Keep listening after the first phrase.
    pub continuous: bool,
    /// Send interim (not yet final) results.
    pub interim_results: bool,
    /// How many alternatives per result (the n-best list).
    pub max_alternatives: u32,
    /// Recognise on this device (`processLocally`), where the recognizer has it.
    pub process_locally: bool,
    /// Phrases to boost (text, boost 0–10), passed as `SpeechRecognitionPhrase`s where supported.
    pub phrases: Vec<(String, f32)>,
    /// Listen to this track (`start(track)`) instead of letting the recognizer open the microphone; only where
    /// [`track_input_supported`](super::microphone::track_input_supported).
    pub track: Option<web_sys::MediaStreamTrack>,
}

impl Default for RecognitionOptions {
    fn default() -> Self {
        Self {
            lang: "en-US".into(),
            continuous: false,
            interim_results: true,
            max_alternatives: 3,
            process_locally: false,
            phrases: Vec::new(),
            track: None,
        }
    }
}

/// A typed recognition event.
#[derive(Debug, Clone, PartialEq)]
pub enum RecognitionEvent {
    /// `start`: the service began listening.
    Start,
    /// `audiostart`: audio capture began (the permission was granted).
    AudioStart,
    /// `speechstart`: speech was detected.
    SpeechStart,
    /// `speechend`: speech stopped.
    SpeechEnd,
    /// `result`: the results list changed.
    Result(ResultBatch),
    /// `nomatch`: speech was heard but not recognised.
    NoMatch,
    /// `error`, typed.
    Error(RecognitionError),
    /// `end`: the session is over.
    End,
}

const EVENT_TYPES: [&str; 8] = ["start", "audiostart", "speechstart", "speechend", "result", "nomatch", "error", "end"];

/// A live recognition session. Dropping it detaches its listeners and aborts the recognizer.
#[must_use = "dropping the session aborts it"]
pub struct RecognitionSession {
    recognizer: SpeechRecognition,
    listener: Closure<dyn FnMut(web_sys::Event)>,
}

impl RecognitionSession {
    /// Create a recognizer with `options`, attach `on_event`, and start it.
    pub fn start(
        options: &RecognitionOptions,
        mut on_event: impl FnMut(RecognitionEvent) + 'static,
    ) -> Result<Self, RecognitionError> {
        let (constructor, _) = recognition_constructor().ok_or(RecognitionError::Unsupported)?;
        let recognizer: SpeechRecognition = Reflect::construct(&constructor, &js_sys::Array::new())
            .map_err(|error| RecognitionError::StartFailed(describe(&error)))?
            .unchecked_into();
        recognizer.set_lang(&options.lang);
        // Setting `continuous` is declared as throwing in the IDL web-sys was generated from; it does not in practice.
        let _ = recognizer.set_continuous(options.continuous);
        recognizer.set_interim_results(options.interim_results);
        recognizer.set_max_alternatives(options.max_alternatives.max(1));
        if options.process_locally && prototype_has("processLocally") {
            let _ = Reflect::set(&recognizer, &"processLocally".into(), &JsValue::TRUE);
        }
        if !options.phrases.is_empty() && prototype_has("phrases") {
            if let Some(phrases) = phrase_list(&options.phrases) {
                let _ = Reflect::set(&recognizer, &"phrases".into(), &phrases);
            }
        }

        let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            if let Some(event) = read_event(&event) {
                on_event(event);
            }
        });
        for event_type in EVENT_TYPES {
            // Adding a listener to an EventTarget cannot fail for a function; a fake without EventTarget would.
            if let Err(error) =
                recognizer.add_event_listener_with_callback(event_type, listener.as_ref().unchecked_ref())
            {
                return Err(RecognitionError::StartFailed(describe(&error)));
            }
        }
        let session = Self { recognizer, listener };
        let started = match &options.track {
            Some(track) => start_with_track(&session.recognizer, track),
            None => session.recognizer.start(),
        };
        started.map_err(|error| RecognitionError::StartFailed(describe(&error)))?;
        Ok(session)
    }

    /// Stop listening; results for audio already captured still arrive, then `end`.
    pub fn stop(&self) {
        self.recognizer.stop();
    }

    /// The language this session recognises.
    pub fn lang(&self) -> String {
        self.recognizer.lang()
    }
}

impl Drop for RecognitionSession {
    fn drop(&mut self) {
        for event_type in EVENT_TYPES {
            let _ = self
                .recognizer
                .remove_event_listener_with_callback(event_type, self.listener.as_ref().unchecked_ref());
        }
        self.recognizer.abort();
    }
}

/// `recognizer.start(track)`: web-sys binds only the old `start(MediaStream)` overload.
fn start_with_track(recognizer: &SpeechRecognition, track: &web_sys::MediaStreamTrack) -> Result<(), JsValue> {
    let start: js_sys::Function = Reflect::get(recognizer, &"start".into())?.dyn_into()?;
    start.call1(recognizer, track).map(drop)
}

/// `SpeechRecognitionPhrase`s for `phrases` (boosts clamped to 0–10); `None` without the constructor or when one
/// is refused.
fn phrase_list(phrases: &[(String, f32)]) -> Option<js_sys::Array> {
    let constructor = phrase_constructor()?;
    let list = js_sys::Array::new();
    for (text, boost) in phrases {
        let args = js_sys::Array::of2(&text.into(), &JsValue::from_f64(f64::from(boost.clamp(0.0, 10.0))));
        list.push(&Reflect::construct(&constructor, &args).ok()?);
    }
    Some(list)
}

/// Copy a DOM event into a [`RecognitionEvent`]; unknown types give `None`.
fn read_event(event: &web_sys::Event) -> Option<RecognitionEvent> {
    Some(match event.type_().as_str() {
        "start" => RecognitionEvent::Start,
        "audiostart" => RecognitionEvent::AudioStart,
        "speechstart" => RecognitionEvent::SpeechStart,
        "speechend" => RecognitionEvent::SpeechEnd,
        "result" => RecognitionEvent::Result(read_results(event)),
        "nomatch" => RecognitionEvent::NoMatch,
        "error" => {
            let code = get(event, "error").as_string().unwrap_or_default();
            let message = get(event, "message").as_string().unwrap_or_default();
            RecognitionEvent::Error(RecognitionError::from_code(&code, &message))
        }
        "end" => RecognitionEvent::End,
        _ => return None,
    })
}

/// Read `resultIndex` and the results from it on through Reflect: Chromium does not expose the result classes as
/// globals, and a malformed event must not throw inside wasm. The finals before `resultIndex` are not read again.
pub fn read_results(event: &JsValue) -> ResultBatch {
    let list = get(event, "results");
    let len = length(&list);
    let result_index = (get(event, "resultIndex").as_f64().unwrap_or(0.0).max(0.0) as u32).min(len);
    let results = (result_index..len)
        .map(|i| {
            let result = Reflect::get_u32(&list, i).unwrap_or(JsValue::UNDEFINED);
            let alternatives = (0..length(&result))
                .filter_map(|j| {
                    let alternative = Reflect::get_u32(&result, j).ok()?;
                    Some(Alternative {
                        transcript: tidy(&get(&alternative, "transcript").as_string()?),
                        confidence: get(&alternative, "confidence").as_f64().unwrap_or(0.0) as f32,
                    })
                })
                .collect();
            RecognitionResult { is_final: get(&result, "isFinal").as_bool().unwrap_or(false), alternatives }
        })
        .collect();
    ResultBatch { result_index: result_index as usize, results }
}

fn get(target: &JsValue, key: &str) -> JsValue {
    if !target.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn length(list: &JsValue) -> u32 {
    // A hostile or broken list must not make the hook loop for ever.
    get(list, "length").as_f64().map_or(0, |n| n.clamp(0.0, MAX_RESULTS as f64) as u32)
}

/// A short text for a thrown JS value: `Name: message`, or its string form.
pub fn describe(error: &JsValue) -> String {
    let name = get(error, "name").as_string();
    let message = get(error, "message").as_string();
    match (name, message) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (_, Some(message)) => message,
        _ => error.as_string().unwrap_or_else(|| format!("{error:?}")),
    }
}
