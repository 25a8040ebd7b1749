//! What this browser's recognizer can do beyond the basics, detected at run time (never from the user agent):
//! on-device recognition (`SpeechRecognition.available()` / `install()`, `processLocally`), contextual biasing
//! (`phrases` with `SpeechRecognitionPhrase`), and forks that report support they do not have.
//!
//! Everything newer than the basic API is reached through `js_sys::Reflect`, guarded by a feature check.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::support::recognition_constructor;

/// How long `available()` may take before the crate gives up on it (it can hang).
pub const AVAILABLE_TIMEOUT_MS: i32 = 3000;

/// What `SpeechRecognition.available({langs, processLocally: true})` says about a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// It runs on this device now.
    Available,
    /// It can run here after `install()` downloads the language pack.
    Downloadable,
    /// The language pack is being downloaded.
    Downloading,
    /// It cannot run on this device.
    Unavailable,
    /// The browser did not answer in time (or answered something unknown).
    Unknown,
}

impl Availability {
    /// Read the browser's answer.
    pub fn from_answer(answer: Option<&str>) -> Self {
        match answer {
            Some("available") => Self::Available,
            Some("downloadable") => Self::Downloadable,
            Some("downloading") => Self::Downloading,
            Some("unavailable") => Self::Unavailable,
            _ => Self::Unknown,
        }
    }
}

/// Whether the recognizer offers on-device recognition (`SpeechRecognition.available` is a function).
pub fn on_device_supported() -> bool {
    static_function("available").is_some()
}

/// Whether contextual biasing works: a `phrases` property on the recognizer's prototype and a
/// `SpeechRecognitionPhrase` constructor (Chromium 156 has the first without the second).
pub fn phrases_supported() -> bool {
    phrase_constructor().is_some() && prototype_has("phrases")
}

/// Whether recognizers have a member `name` (looked up on the prototype, as feature checks should).
pub fn prototype_has(name: &str) -> bool {
    let Some((constructor, _)) = recognition_constructor() else { return false };
    Reflect::get(&constructor, &"prototype".into())
        .ok()
        .filter(JsValue::is_object)
        .is_some_and(|prototype| Reflect::has(&prototype, &name.into()).unwrap_or(false))
}

/// `window.SpeechRecognitionPhrase`, where it exists.
pub fn phrase_constructor() -> Option<Function> {
    let window = web_sys::window()?;
    Reflect::get(&window, &"SpeechRecognitionPhrase".into()).ok()?.dyn_into::<Function>().ok()
}

/// A browser known to report recognition and then fail with `network` (Brave exposes `navigator.brave`).
pub fn known_fork() -> bool {
    web_sys::window()
        .and_then(|window| Reflect::get(&window.navigator(), &"brave".into()).ok())
        .is_some_and(|brave| !brave.is_undefined() && !brave.is_null())
}

/// Ask whether `lang` can be recognised on this device, giving up after [`AVAILABLE_TIMEOUT_MS`].
pub async fn availability(lang: &str) -> Availability {
    let Some(promise) = call_static("available", lang) else { return Availability::Unavailable };
    let Some(timeout) = timeout_promise(AVAILABLE_TIMEOUT_MS) else { return Availability::Unknown };
    match JsFuture::from(Promise::race(&Array::of2(&promise, &timeout))).await {
        Ok(answer) => Availability::from_answer(answer.as_string().as_deref()),
        Err(_) => Availability::Unknown,
    }
}

/// Download the on-device language pack for `lang`; whether it worked.
pub async fn install(lang: &str) -> bool {
    let Some(promise) = call_static("install", lang) else { return false };
    JsFuture::from(promise).await.ok().and_then(|value| value.as_bool()).unwrap_or(false)
}

/// `SpeechRecognition.<name>({langs: [lang], processLocally: true})` as a promise.
fn call_static(name: &str, lang: &str) -> Option<Promise> {
    let (constructor, function) = static_function(name)?;
    let options = Object::new();
    Reflect::set(&options, &"langs".into(), &Array::of1(&lang.into())).ok()?;
    Reflect::set(&options, &"processLocally".into(), &JsValue::TRUE).ok()?;
    let value = function.call1(&constructor, &options).ok()?;
    Some(Promise::resolve(&value))
}

fn static_function(name: &str) -> Option<(Function, Function)> {
    let (constructor, _) = recognition_constructor()?;
    let function = Reflect::get(&constructor, &name.into()).ok()?.dyn_into::<Function>().ok()?;
    Some((constructor, function))
}

/// A promise that resolves to `undefined` after `ms`.
fn timeout_promise(ms: i32) -> Option<Promise> {
    let window = web_sys::window()?;
    Some(Promise::new(&mut |resolve, _reject| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    }))
}

/// Whether a recognition failure means this browser only claims to support recognition: a `network` error on the
/// first session of a visit, before any result (Brave and other Chromium forks without Google's speech service).
pub fn is_false_support(error_is_network: bool, sessions_started: u32, heard_any_result: bool) -> bool {
    error_is_network && sessions_started <= 1 && !heard_any_result
}

/// Within this long after its last final phrase, a continuous session that ends by itself counts as ending "after
/// the phrase" (Chrome desktop waits several seconds of silence; Chrome Android ends at once).
pub const QUICK_END_MS: f64 = 1500.0;

/// How many such endings in a row mean continuous mode cannot work here.
pub const QUICK_ENDS_FOR_VERDICT: u32 = 2;

/// Notices a recognizer that ends after every phrase although `continuous` is set (Chrome Android), so the page
/// can suggest holding to talk. Pure.
#[derive(Debug, Default)]
pub struct ContinuousProbe {
    last_final_ms: Option<f64>,
    quick_ends: u32,
}

impl ContinuousProbe {
    /// A session started.
    pub fn started(&mut self) {
        self.last_final_ms = None;
    }

    /// A final phrase arrived at `now_ms`.
    pub fn final_phrase(&mut self, now_ms: f64) {
        self.last_final_ms = Some(now_ms);
    }

    /// A session ended at `now_ms`; `by_itself` when the hook did not ask it to stop, `continuous` when it was asked to
    /// keep listening. Returns true once continuous mode has been seen not to work.
    pub fn ended(&mut self, now_ms: f64, by_itself: bool, continuous: bool) -> bool {
        if !(by_itself && continuous) {
            return self.quick_ends >= QUICK_ENDS_FOR_VERDICT;
        }
        match self.last_final_ms.take() {
            Some(at) if now_ms - at <= QUICK_END_MS => self.quick_ends += 1,
            _ => self.quick_ends = 0,
        }
        self.quick_ends >= QUICK_ENDS_FOR_VERDICT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recognizer_that_ends_after_every_phrase_is_noticed_after_two() {
        let mut probe = ContinuousProbe::default();
        probe.started();
        probe.final_phrase(1000.0);
        assert!(!probe.ended(1200.0, true, true));
        probe.started();
        probe.final_phrase(3000.0);
        assert!(probe.ended(3100.0, true, true));
    }

    #[test]
    fn silence_endings_stops_and_single_phrase_mode_are_not_evidence() {
        let mut probe = ContinuousProbe::default();
        for start in [0.0, 10_000.0, 20_000.0] {
            probe.started();
            probe.final_phrase(start + 1000.0);
            assert!(!probe.ended(start + 8000.0, true, true), "Chrome desktop ends after seconds of silence");
        }
        probe.started();
        probe.final_phrase(31_000.0);
        assert!(!probe.ended(31_100.0, false, true), "the hook asked it to stop");
        probe.started();
        probe.final_phrase(41_000.0);
        assert!(!probe.ended(41_100.0, true, false), "single-phrase sessions end after the phrase");
        probe.started();
        assert!(!probe.ended(50_000.0, true, true), "no phrase at all");
    }

    #[test]
    fn answers_are_read_and_anything_else_is_unknown() {
        assert_eq!(Availability::from_answer(Some("available")), Availability::Available);
        assert_eq!(Availability::from_answer(Some("downloadable")), Availability::Downloadable);
        assert_eq!(Availability::from_answer(Some("downloading")), Availability::Downloading);
        assert_eq!(Availability::from_answer(Some("unavailable")), Availability::Unavailable);
        assert_eq!(Availability::from_answer(Some("maybe")), Availability::Unknown);
        assert_eq!(Availability::from_answer(None), Availability::Unknown);
    }

    #[test]
    fn only_a_network_error_before_anything_was_heard_on_the_first_start_is_false_support() {
        assert!(is_false_support(true, 1, false));
        assert!(!is_false_support(true, 1, true), "it worked before");
        assert!(!is_false_support(true, 2, false), "a later network failure is a real network problem");
        assert!(!is_false_support(false, 1, false));
    }
}
