//! Which speech APIs this browser has.
//!
//! Chrome and Safari expose recognition as `webkitSpeechRecognition`, newer Chrome also as `SpeechRecognition`;
//! Firefox has neither. web-sys binds only the unprefixed constructor, so both are looked up on `window`.

use wasm_bindgen::JsCast;

/// How the browser names its recognition constructor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecognitionApi {
    /// `window.SpeechRecognition`.
    Standard,
    /// `window.webkitSpeechRecognition`.
    Prefixed,
}

/// The recognition constructor and which name it was found under, or `None` where recognition is missing.
pub fn recognition_constructor() -> Option<(js_sys::Function, RecognitionApi)> {
    let window = web_sys::window()?;
    [("SpeechRecognition", RecognitionApi::Standard), ("webkitSpeechRecognition", RecognitionApi::Prefixed)]
        .into_iter()
        .find_map(|(name, api)| {
            js_sys::Reflect::get(&window, &name.into())
                .ok()
                .and_then(|value| value.dyn_into::<js_sys::Function>().ok())
                .map(|constructor| (constructor, api))
        })
}

/// Whether speech recognition is available.
pub fn recognition_supported() -> bool {
    recognition_constructor().is_some()
}

/// Whether speech synthesis (`window.speechSynthesis`) is available.
pub fn synthesis_supported() -> bool {
    web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &"speechSynthesis".into()).ok())
        .is_some_and(|value| value.is_object())
}
