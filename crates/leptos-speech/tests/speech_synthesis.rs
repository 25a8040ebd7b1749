//! Reading aloud against a scripted fake `speechSynthesis`, in headless Chromium (whose own synthesis has no voices
//! and fails every utterance): voices arriving late or never, pieces in order, every error code, cleanup, and the
//! recognizer being held while Hark speaks.

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use leptos_speech::synthesis::{Boundary, Utterance, UtteranceEvent, UtteranceSettings};
use leptos_speech::{
    use_speech_recognition_with_options, use_speech_synthesis_with_options, SpeechItem, SynthesisError,
    UseSpeechRecognitionOptions, UseSpeechSynthesisOptions, UseSpeechSynthesisReturn, VoicesState,
};
use leptos::prelude::*;
use support::{calls, fire, install_fake, prop, recognizer, recognizers, restore_real};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
const saved = {};
for (const name of ['speechSynthesis', 'SpeechSynthesisUtterance']) saved[name] = Object.getOwnPropertyDescriptor(window, name);
class FakeUtterance extends EventTarget {
  constructor(text) { super(); this.text = text; this.lang = ''; this.voice = null; this.rate = 1; this.pitch = 1; this.volume = 1; }
}
let synth;
export function install_synthesis(voices) {
  synth = new EventTarget();
  synth.voices = voices; synth.spoken = []; synth.calls = []; synth.current = null;
  synth.getVoices = () => synth.voices.slice();
  synth.speak = (u) => { synth.calls.push('speak'); synth.spoken.push(u); synth.current = u; };
  // Like Chrome: cancel() fails the utterance being spoken with 'interrupted', synchronously here.
  synth.cancel = () => {
    synth.calls.push('cancel');
    const u = synth.current; synth.current = null;
    if (u) { const e = new Event('error'); Object.defineProperty(e, 'error', { value: 'interrupted' }); u.dispatchEvent(e); }
  };
  synth.pause = () => synth.calls.push('pause');
  synth.resume = () => synth.calls.push('resume');
  Object.defineProperty(synth, 'speaking', { get: () => !!synth.current });
  Object.defineProperty(synth, 'pending', { get: () => false });
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true, writable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true, writable: true });
}
export function remove_synthesis() {
  delete window.speechSynthesis;
  Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true, writable: true });
}
export function restore_synthesis() {
  for (const [name, d] of Object.entries(saved)) { delete window[name]; if (d) Object.defineProperty(window, name, d); }
}
export function set_voices(voices) { synth.voices = voices; synth.dispatchEvent(new Event('voiceschanged')); }
export function spoken() { return synth.spoken; }
export function synth_calls() { return synth.calls.join(','); }
export function finish() { const u = synth.current; synth.current = null; u.dispatchEvent(new Event('end')); }
export function fail(code) {
  const u = synth.current; synth.current = null;
  const e = new Event('error'); Object.defineProperty(e, 'error', { value: code }); u.dispatchEvent(e);
}
export function fire_utterance(u, type, charIndex, name) {
  const e = new Event(type);
  Object.defineProperty(e, 'charIndex', { value: charIndex });
  Object.defineProperty(e, 'charLength', { value: 4 });
  Object.defineProperty(e, 'name', { value: name });
  u.dispatchEvent(e);
}
export function last_utterance() { return synth.spoken[synth.spoken.length - 1]; }
export function click_page() { document.body.click(); }
export function press_key(key) { document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })); }
"#)]
extern "C" {
    fn install_synthesis(voices: JsValue);
    fn remove_synthesis();
    fn restore_synthesis();
    fn set_voices(voices: JsValue);
    fn spoken() -> js_sys::Array;
    fn synth_calls() -> String;
    fn finish();
    fn fail(code: &str);
    fn fire_utterance(utterance: &JsValue, event_type: &str, char_index: u32, name: &str);
    fn last_utterance() -> JsValue;
    fn click_page();
    fn press_key(key: &str);
}

/// Voices as the fake returns them: `(name, lang, default, local)`.
fn voices(list: &[(&str, &str, bool, bool)]) -> JsValue {
    list.iter()
        .map(|&(name, lang, default, local)| {
            let voice = js_sys::Object::new();
            for (key, value) in [
                ("name", JsValue::from(name)),
                ("voiceURI", format!("uri:{name}").into()),
                ("lang", lang.into()),
                ("default", default.into()),
                ("localService", local.into()),
            ] {
                let _ = js_sys::Reflect::set(&voice, &key.into(), &value);
            }
            JsValue::from(voice)
        })
        .collect::<js_sys::Array>()
        .into()
}

fn english_and_german() -> JsValue {
    voices(&[("Remote US", "en-US", false, false), ("Local US", "en-US", false, true), ("Deutsch", "de-DE", true, true)])
}

fn hook(options: UseSpeechSynthesisOptions) -> (Owner, UseSpeechSynthesisReturn) {
    let owner = Owner::new();
    let synth = owner.with(|| use_speech_synthesis_with_options(options));
    (owner, synth)
}

fn text_of(utterance: &JsValue) -> String {
    prop(utterance, "text").as_string().unwrap_or_default()
}

fn spoken_texts() -> Vec<String> {
    spoken().iter().map(|u| text_of(&u)).collect()
}

fn voice_name(utterance: &JsValue) -> Option<String> {
    prop(&prop(utterance, "voice"), "name").as_string()
}

#[wasm_bindgen_test]
async fn voices_that_arrive_late_are_used_and_reading_waits_for_them() {
    install_synthesis(voices(&[]));
    let (owner, synth) = hook(UseSpeechSynthesisOptions::default().voices_timeout_ms(5000));
    assert!(synth.is_supported.get_untracked());
    assert_eq!(synth.voices_state.get_untracked(), VoicesState::Loading);
    synth.speak.run(vec![SpeechItem::plain("Three results for lamp.")]);
    assert!(synth.is_speaking.get_untracked(), "a reading waiting for voices is under way");
    assert_eq!(spoken().length(), 0, "nothing is spoken before the voices are known");

    set_voices(english_and_german());
    assert_eq!(synth.voices_state.get_untracked(), VoicesState::Ready);
    assert_eq!(synth.voices.get_untracked().len(), 3);
    assert_eq!(synth.voice.get_untracked().map(|v| v.name), Some("Local US".into()), "en-US, on the device first");
    assert_eq!(spoken_texts(), vec!["Three results for lamp."]);
    let first = last_utterance();
    assert_eq!(voice_name(&first).as_deref(), Some("Local US"));
    assert_eq!(prop(&first, "lang").as_string().as_deref(), Some("en-US"));
    drop(owner);
    restore_synthesis();
}

#[wasm_bindgen_test]
async fn no_voices_at_all_is_reported_and_nothing_is_spoken() {
    install_synthesis(voices(&[]));
    let (owner, synth) = hook(UseSpeechSynthesisOptions::default().voices_timeout_ms(20));
    synth.speak.run(vec![SpeechItem::plain("Hello.")]);
    TimeoutFuture::new(60).await;
    assert_eq!(synth.voices_state.get_untracked(), VoicesState::Unavailable);
    assert!(!synth.is_speaking.get_untracked(), "the waiting reading is dropped");
    assert_eq!(spoken().length(), 0);
    // Voices installed later still count.
    set_voices(english_and_german());
    assert_eq!(synth.voices_state.get_untracked(), VoicesState::Ready);
    drop(owner);
    restore_synthesis();
}

#[wasm_bindgen_test]
fn without_speech_synthesis_nothing_happens() {
    remove_synthesis();
    let (owner, synth) = hook(UseSpeechSynthesisOptions::default());
    assert!(!synth.is_supported.get_untracked());
    assert_eq!(synth.voices_state.get_untracked(), VoicesState::Unavailable);
    synth.speak.run(vec![SpeechItem::plain("Hello.")]);
    assert!(!synth.is_speaking.get_untracked());
    drop(owner);
    restore_synthesis();
}

#[wasm_bindgen_test]
fn pieces_are_spoken_in_order_with_the_chosen_voice_rate_and_pitch() {
    install_synthesis(english_and_german());
    let options = UseSpeechSynthesisOptions::default()
        .lang("de-DE".to_string())
        .voice("uri:Remote US".to_string())
        .rate(5.0)
        .pitch(-1.0)
        .volume(0.5);
    let (owner, synth) = hook(options);
    assert_eq!(synth.voices_state.get_untracked(), VoicesState::Ready, "voices read at once");
    synth.speak.run(vec![SpeechItem::plain("Two results. For lamp."), SpeechItem::tagged("Lamp. A light.", 0)]);
    assert_eq!(synth.current_tag.get_untracked(), None);
    assert_eq!(synth.spoken_text.get_untracked().as_deref(), Some("Two results."), "what a boundary indexes into");
    let first = last_utterance();
    assert_eq!(voice_name(&first).as_deref(), Some("Remote US"), "the stored choice wins over the language");
    assert_eq!(prop(&first, "rate").as_f64(), Some(2.0), "rate clamped to 0.5–2");
    assert_eq!(prop(&first, "pitch").as_f64(), Some(0.0), "pitch clamped to 0–2");
    assert_eq!(prop(&first, "volume").as_f64(), Some(0.5));
    for _ in 0..3 {
        finish();
    }
    assert_eq!(synth.current_tag.get_untracked(), Some(0));
    fire_utterance(&last_utterance(), "boundary", 5, "word");
    assert_eq!(synth.boundary.get_untracked(), Some(Boundary { char_index: 5, char_length: 4, name: "word".into() }));
    assert_eq!(synth.spoken_text.get_untracked().as_deref(), Some("A light."));
    finish();
    assert_eq!(spoken_texts(), vec!["Two results.", "For lamp.", "Lamp.", "A light."]);
    assert!(!synth.is_speaking.get_untracked());
    assert_eq!(synth.spoken_text.get_untracked(), None, "silent again");
    assert_eq!(synth.current_tag.get_untracked(), None);
    drop(owner);
    restore_synthesis();
}

#[wasm_bindgen_test]
fn every_error_code_is_typed_and_handled() {
    let stops = [
        ("audio-busy", SynthesisError::AudioBusy),
        ("audio-hardware", SynthesisError::AudioHardware),
        ("network", SynthesisError::Network),
        ("synthesis-unavailable", SynthesisError::SynthesisUnavailable),
        ("synthesis-failed", SynthesisError::SynthesisFailed),
        ("language-unavailable", SynthesisError::LanguageUnavailable),
        ("invalid-argument", SynthesisError::InvalidArgument),
        ("brand-new-code", SynthesisError::Other("brand-new-code".into())),
    ];
    for (code, expected) in stops {
        install_synthesis(english_and_german());
        let (owner, synth) = hook(UseSpeechSynthesisOptions::default());
        synth.speak.run(vec![SpeechItem::plain("One. Two.")]);
        fail(code);
        assert_eq!(synth.error.get_untracked(), Some(expected.clone()), "{code}");
        assert!(!synth.is_speaking.get_untracked(), "{code} stops the reading");
        assert_eq!(spoken().length(), 1, "{code}: nothing more is spoken");
        assert!(!expected.message().is_empty());
        drop(owner);
    }

    // canceled / interrupted are not errors to show (the browser cancelled, e.g. another page took over).
    for code in ["canceled", "interrupted"] {
        install_synthesis(english_and_german());
        let (owner, synth) = hook(UseSpeechSynthesisOptions::default());
        synth.speak.run(vec![SpeechItem::plain("One.")]);
        fail(code);
        assert_eq!(synth.error.get_untracked(), None, "{code}");
        drop(owner);
    }

    // text-too-long skips to the next piece.
    install_synthesis(english_and_german());
    let (owner, synth) = hook(UseSpeechSynthesisOptions::default());
    synth.speak.run(vec![SpeechItem::plain("One. Two.")]);
    fail("text-too-long");
    assert_eq!(synth.error.get_untracked(), Some(SynthesisError::TextTooLong));
    assert_eq!(spoken_texts(), vec!["One.", "Two."]);
    drop(owner);

    // voice-unavailable speaks the piece again with the browser's voice.
    install_synthesis(english_and_german());
    let (owner, synth) = hook(UseSpeechSynthesisOptions::default());
    synth.speak.run(vec![SpeechItem::plain("One.")]);
    assert!(voice_name(&last_utterance()).is_some());
    fail("voice-unavailable");
    assert_eq!(spoken_texts(), vec!["One.", "One."]);
    assert_eq!(voice_name(&last_utterance()), None);
    assert_eq!(prop(&last_utterance(), "lang").as_string().as_deref(), Some("en-US"));
    drop(owner);
    restore_synthesis();
}

#[wasm_bindgen_test]
fn not_allowed_waits_for_the_next_click_or_key_but_not_escape() {
    install_synthesis(english_and_german());
    let (owner, synth) = hook(UseSpeechSynthesisOptions::default());
    synth.speak.run(vec![SpeechItem::plain("Three results. Lamp.")]);
    fail("not-allowed");
    assert_eq!(synth.error.get_untracked(), Some(SynthesisError::NotAllowed));
    assert!(synth.waiting_for_gesture.get_untracked());
    assert!(!synth.is_speaking.get_untracked(), "nothing audible while waiting");
    press_key("Escape");
    assert_eq!(spoken().length(), 1, "Escape is not an invitation to speak");
    click_page();
    assert!(!synth.waiting_for_gesture.get_untracked());
    assert_eq!(spoken_texts(), vec!["Three results.", "Three results."], "the reading starts again where it failed");
    finish();
    assert_eq!(spoken_texts().last().map(String::as_str), Some("Lamp."));
    click_page();
    assert_eq!(spoken().length(), 3, "later clicks change nothing");

    // A key press works too; cancelling while waiting forgets the reading.
    synth.speak.run(vec![SpeechItem::plain("Again.")]);
    fail("not-allowed");
    press_key("a");
    assert_eq!(spoken_texts().last().map(String::as_str), Some("Again."));
    fail("not-allowed");
    synth.cancel.run(());
    click_page();
    assert_eq!(spoken_texts().iter().filter(|t| *t == "Again.").count(), 2);
    drop(owner);
    restore_synthesis();
}

#[wasm_bindgen_test]
fn hark_cancelling_is_not_an_error_and_disposal_stops_reading() {
    install_synthesis(english_and_german());
    let (owner, synth) = hook(UseSpeechSynthesisOptions::default());
    synth.speak.run(vec![SpeechItem::plain("One. Two.")]);
    let first = last_utterance();
    // A new reading cancels the old: the old utterance's `interrupted` is Hark's own doing.
    synth.speak.run(vec![SpeechItem::plain("Other.")]);
    assert_eq!(synth_calls(), "speak,cancel,speak");
    assert_eq!(synth.error.get_untracked(), None);
    fire_utterance(&first, "end", 0, "");
    assert_eq!(spoken().length(), 2, "a detached utterance's end does not advance the reading");
    synth.pause.run(());
    assert!(synth.is_paused.get_untracked());
    synth.resume.run(());
    assert!(!synth.is_paused.get_untracked());
    synth.cancel.run(());
    assert_eq!(synth.error.get_untracked(), None);
    assert!(!synth.is_speaking.get_untracked());

    synth.speak.run(vec![SpeechItem::plain("Last.")]);
    drop(owner);
    assert!(synth_calls().ends_with("speak,cancel"), "disposing cancels: {}", synth_calls());
    set_voices(english_and_german()); // no listener left to run
    restore_synthesis();
}

#[wasm_bindgen_test]
fn an_utterance_reports_typed_events_until_dropped() {
    install_synthesis(english_and_german());
    let log = Rc::new(RefCell::new(Vec::new()));
    let sink = log.clone();
    let settings = UtteranceSettings {
        text: "Lamp.".into(),
        lang: "en-GB".into(),
        voice: None,
        rate: 1.0,
        pitch: 1.0,
        volume: 1.0,
    };
    let utterance = Utterance::new(&settings, move |event| sink.borrow_mut().push(event))
        .unwrap_or_else(|error| panic!("{error}"));
    let synth = leptos_speech::synthesis::synthesis().unwrap_or_else(|| panic!("fake not installed"));
    utterance.speak(&synth).unwrap_or_else(|error| panic!("{error}"));
    let js = last_utterance();
    assert_eq!(prop(&js, "lang").as_string().as_deref(), Some("en-GB"));
    for event_type in ["start", "pause", "resume", "end"] {
        fire_utterance(&js, event_type, 0, "");
    }
    fire_utterance(&js, "boundary", 3, "word");
    fire_utterance(&js, "mark", 0, "m1");
    fail("audio-busy");
    drop(utterance);
    fire_utterance(&js, "end", 0, "");
    assert_eq!(
        *log.borrow(),
        vec![
            UtteranceEvent::Start,
            UtteranceEvent::Pause,
            UtteranceEvent::Resume,
            UtteranceEvent::End,
            UtteranceEvent::Boundary(Boundary { char_index: 3, char_length: 4, name: "word".into() }),
            UtteranceEvent::Mark("m1".into()),
            UtteranceEvent::Error(SynthesisError::AudioBusy),
        ],
        "nothing after drop"
    );
    restore_synthesis();
}

#[wasm_bindgen_test]
async fn the_recognizer_is_held_while_hark_speaks_and_resumes_after() {
    install_fake("both");
    let owner = Owner::new();
    let speech = owner.with(|| {
        use_speech_recognition_with_options(UseSpeechRecognitionOptions::default().continuous(true))
    });
    speech.start.run(());
    let first = recognizer(0);
    fire(&first, "start");
    speech.pause.run(());
    assert!(calls(&first).ends_with("abort"), "held: the live session is aborted ({})", calls(&first));
    assert!(speech.is_listening.get_untracked(), "the person still wants to listen");
    speech.resume.run(());
    assert_eq!(recognizers().length(), 1, "listening resumes after a short pause, not at once");
    TimeoutFuture::new(400).await;
    assert_eq!(recognizers().length(), 2, "a fresh recognizer listens again");
    assert_eq!(calls(&recognizer(1)), "start");

    // Stopping while held: nothing resumes.
    speech.pause.run(());
    speech.stop.run(());
    speech.resume.run(());
    TimeoutFuture::new(400).await;
    assert_eq!(recognizers().length(), 2);
    assert!(!speech.is_listening.get_untracked());
    drop(owner);
    restore_real();
}
