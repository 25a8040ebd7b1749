//! Capabilities beyond the basic recognizer (on-device recognition, phrases, false support), against fakes of
//! Chrome 139+'s members, in headless Chromium (whose own recognizer has no speech service).

mod support;

use leptos_speech::capabilities::{
    availability, install, known_fork, on_device_supported, phrases_supported, Availability, AVAILABLE_TIMEOUT_MS,
};
use leptos_speech::recognition::{RecognitionOptions, RecognitionSession};
use leptos_speech::{use_speech_recognition_with_options, UseSpeechRecognitionOptions};
use leptos::prelude::*;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn available_is_asked_for_the_language_on_the_device_and_its_answer_read() {
    install_fake("modern");
    assert!(on_device_supported());
    set_available("downloadable", true);
    assert_eq!(availability("de-DE").await, Availability::Downloadable);
    let call = available_calls().get(0);
    assert_eq!(prop(&call, "processLocally").as_bool(), Some(true));
    assert_eq!(js_sys::Array::from(&prop(&call, "langs")).get(0).as_string().as_deref(), Some("de-DE"));
    set_available("available", true);
    assert_eq!(availability("de-DE").await, Availability::Available);
    assert!(install("de-DE").await);
    set_available("unavailable", false);
    assert!(!install("de-DE").await);
    restore_real();
}

#[wasm_bindgen_test]
async fn a_hanging_available_times_out() {
    install_fake("modern");
    set_available("hang", false);
    let started = js_sys::Date::now();
    assert_eq!(availability("en-US").await, Availability::Unknown);
    let waited = js_sys::Date::now() - started;
    assert!(waited >= f64::from(AVAILABLE_TIMEOUT_MS) - 50.0, "waited {waited} ms");
    assert!(waited < f64::from(AVAILABLE_TIMEOUT_MS) + 2000.0, "waited {waited} ms");
    restore_real();
}

#[wasm_bindgen_test]
async fn older_recognizers_have_no_on_device_and_no_phrases() {
    install_fake("both");
    assert!(!on_device_supported());
    assert!(!phrases_supported());
    assert_eq!(availability("en-US").await, Availability::Unavailable);
    let options = RecognitionOptions { process_locally: true, phrases: vec![("lamp".into(), 3.0)], ..Default::default() };
    let _session = RecognitionSession::start(&options, |_| {}).unwrap_or_else(|error| panic!("{error:?}"));
    assert!(prop(&recognizer(0), "processLocally").is_undefined(), "not set where the prototype lacks it");
    assert!(prop(&recognizer(0), "phrases").is_undefined());
    restore_real();
}

#[wasm_bindgen_test]
fn process_locally_and_phrases_reach_the_recognizer_where_supported() {
    // Chromium 156 itself: `phrases` on the prototype but no SpeechRecognitionPhrase, so no phrases are passed.
    install_fake("modern");
    assert!(!phrases_supported());
    let options = RecognitionOptions {
        process_locally: true,
        phrases: vec![("lamp".into(), 3.0), ("chair".into(), 42.0)],
        ..Default::default()
    };
    let _session = RecognitionSession::start(&options, |_| {}).unwrap_or_else(|error| panic!("{error:?}"));
    assert_eq!(prop(&recognizer(0), "processLocally").as_bool(), Some(true));
    assert_eq!(js_sys::Array::from(&prop(&recognizer(0), "phrases")).length(), 0);

    install_fake("modern-phrases");
    assert!(phrases_supported());
    let _session = RecognitionSession::start(&options, |_| {}).unwrap_or_else(|error| panic!("{error:?}"));
    let phrases = js_sys::Array::from(&prop(&recognizer(0), "phrases"));
    assert_eq!(phrases.length(), 2);
    assert_eq!(prop(&phrases.get(0), "phrase").as_string().as_deref(), Some("lamp"));
    assert_eq!(prop(&phrases.get(1), "boost").as_f64(), Some(10.0), "boosts are clamped to 0–10");
    restore_real();
}

#[wasm_bindgen_test]
fn a_known_fork_is_not_trusted() {
    set_brave(true);
    assert!(known_fork());
    install_fake("both");
    let owner = Owner::new();
    let speech = owner.with(|| use_speech_recognition_with_options(UseSpeechRecognitionOptions::default()));
    assert!(!speech.is_supported.get_untracked(), "navigator.brave: voice input is off");
    speech.start.run(());
    assert_eq!(recognizers().length(), 0, "nothing is started");
    drop(owner);
    set_brave(false);
    assert!(!known_fork());
    restore_real();
}

#[wasm_bindgen_test]
fn network_on_the_first_start_before_any_result_is_false_support_and_nothing_loops() {
    install_fake("both");
    let owner = Owner::new();
    let speech = owner.with(|| {
        use_speech_recognition_with_options(UseSpeechRecognitionOptions::default().continuous(true))
    });
    assert!(speech.is_supported.get_untracked());
    speech.start.run(());
    let first = recognizer(0);
    fire(&first, "start");
    fire_error(&first, "network", "");
    fire(&first, "end");
    assert!(!speech.is_supported.get_untracked());
    assert!(!speech.is_listening.get_untracked());
    speech.start.run(());
    assert_eq!(recognizers().length(), 1, "no restart, no new recognizer");
    drop(owner);

    // After a result, a network error is only a network error.
    let owner = Owner::new();
    let speech = owner.with(|| use_speech_recognition_with_options(UseSpeechRecognitionOptions::default()));
    speech.start.run(());
    let rec = recognizer(1);
    fire(&rec, "start");
    fire_result(&rec, 0, items(&[("lamp", 0.0, false)]), wasm_bindgen::JsValue::UNDEFINED);
    fire_error(&rec, "network", "");
    fire(&rec, "end");
    assert!(speech.is_supported.get_untracked());
    drop(owner);
    restore_real();
}

#[wasm_bindgen_test]
fn phrases_not_supported_restarts_once_without_phrases_silently() {
    install_fake("modern-phrases");
    let owner = Owner::new();
    let speech = owner.with(|| {
        use_speech_recognition_with_options(
            UseSpeechRecognitionOptions::default()
                .phrases(vec![("lamp".to_string(), 5.0)])
                .capture_microphone(false),
        )
    });
    speech.start.run(());
    let first = recognizer(0);
    assert_eq!(js_sys::Array::from(&prop(&first, "phrases")).length(), 1);
    fire(&first, "start");
    fire_error(&first, "phrases-not-supported", "");
    fire(&first, "end");
    assert_eq!(recognizers().length(), 2, "started again");
    let second = recognizer(1);
    assert_eq!(js_sys::Array::from(&prop(&second, "phrases")).length(), 0, "without phrases");
    assert!(speech.error.get_untracked().is_none(), "silently");
    assert!(speech.is_listening.get_untracked());
    fire(&second, "start");
    fire_error(&second, "phrases-not-supported", "");
    fire(&second, "end");
    assert_eq!(recognizers().length(), 2, "only once");
    drop(owner);
    restore_real();
}
