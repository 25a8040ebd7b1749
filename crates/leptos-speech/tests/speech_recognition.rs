//! The speech layer against a scripted fake recognizer, in headless Chromium.

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use leptos_speech::recognition::{RecognitionEvent, RecognitionOptions, RecognitionSession};
use leptos_speech::support::{recognition_constructor, RecognitionApi};
use leptos_speech::{use_speech_recognition_with_options, RecognitionError, UseSpeechRecognitionOptions};
use leptos::prelude::*;
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn session_with_log(options: &RecognitionOptions) -> (RecognitionSession, Rc<RefCell<Vec<RecognitionEvent>>>) {
    let log = Rc::new(RefCell::new(Vec::new()));
    let sink = log.clone();
    let session = RecognitionSession::start(options, move |event| sink.borrow_mut().push(event))
        .unwrap_or_else(|error| panic!("start failed: {error:?}"));
    (session, log)
}

#[wasm_bindgen_test]
fn options_reach_the_recognizer() {
    install_fake("both");
    let options = RecognitionOptions {
        lang: "id-ID".into(),
        continuous: true,
        interim_results: false,
        max_alternatives: 4,
        ..RecognitionOptions::default()
    };
    let (_session, _) = session_with_log(&options);
    let rec = recognizer(0);
    assert_eq!(prop(&rec, "lang").as_string().as_deref(), Some("id-ID"));
    assert_eq!(prop(&rec, "continuous").as_bool(), Some(true));
    assert_eq!(prop(&rec, "interimResults").as_bool(), Some(false));
    assert_eq!(prop(&rec, "maxAlternatives").as_f64(), Some(4.0));
    assert_eq!(calls(&rec), "start");
    restore_real();
}

#[wasm_bindgen_test]
fn events_are_typed_and_results_keep_every_alternative() {
    install_fake("both");
    let (_session, log) = session_with_log(&RecognitionOptions::default());
    let rec = recognizer(0);
    for event_type in ["start", "audiostart", "speechstart", "speechend", "nomatch", "end"] {
        fire(&rec, event_type);
    }
    let extra: js_sys::Array = [[("knight", 0.3)]]
        .iter()
        .map(|alts| {
            alts.iter()
                .map(|&(t, c)| JsValue::from(js_sys::Array::of2(&t.into(), &c.into())))
                .collect::<js_sys::Array>()
        })
        .collect();
    fire_result(&rec, 0, items(&[("night", 0.6, true)]), extra.into());
    let log = log.borrow();
    assert_eq!(
        log[..6],
        [
            RecognitionEvent::Start,
            RecognitionEvent::AudioStart,
            RecognitionEvent::SpeechStart,
            RecognitionEvent::SpeechEnd,
            RecognitionEvent::NoMatch,
            RecognitionEvent::End
        ]
    );
    let RecognitionEvent::Result(batch) = &log[6] else { panic!("not a result: {:?}", log[6]) };
    assert_eq!(batch.result_index, 0);
    assert!(batch.results[0].is_final);
    let alternatives: Vec<(&str, f32)> =
        batch.results[0].alternatives.iter().map(|a| (a.transcript.as_str(), a.confidence)).collect();
    assert_eq!(alternatives, vec![("night", 0.6), ("knight", 0.3)]);
    restore_real();
}

#[wasm_bindgen_test]
fn only_the_results_from_result_index_on_are_read() {
    install_fake("both");
    let (_session, log) = session_with_log(&RecognitionOptions::default());
    let rec = recognizer(0);
    let said = [("first", 0.9, true), ("second", 0.8, true), ("third", 0.7, true)];
    fire_result(&rec, 2, items(&said), JsValue::UNDEFINED);
    // A broken event: its resultIndex is past the end of its list.
    fire_result(&rec, 9, items(&said), JsValue::UNDEFINED);
    let log = log.borrow();
    let batches: Vec<(usize, Vec<&str>)> = log
        .iter()
        .filter_map(|event| match event {
            RecognitionEvent::Result(batch) => Some((
                batch.result_index,
                batch.results.iter().map(|r| r.alternatives[0].transcript.as_str()).collect(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(batches, vec![(2, vec!["third"]), (3, vec![])]);
    restore_real();
}

#[wasm_bindgen_test]
fn each_error_code_becomes_its_typed_error() {
    install_fake("both");
    let (_session, log) = session_with_log(&RecognitionOptions::default());
    let rec = recognizer(0);
    let codes = [
        ("no-speech", RecognitionError::NoSpeech),
        ("aborted", RecognitionError::Aborted),
        ("audio-capture", RecognitionError::AudioCapture),
        ("network", RecognitionError::Network),
        ("not-allowed", RecognitionError::NotAllowed),
        ("service-not-allowed", RecognitionError::ServiceNotAllowed),
        ("language-not-supported", RecognitionError::LanguageNotSupported),
        ("phrases-not-supported", RecognitionError::PhrasesNotSupported),
        ("brand-new-code", RecognitionError::Other { code: "brand-new-code".into(), message: "why".into() }),
    ];
    for (code, _) in &codes {
        fire_error(&rec, code, "why");
    }
    let got: Vec<RecognitionError> = log
        .borrow()
        .iter()
        .map(|event| match event {
            RecognitionEvent::Error(error) => error.clone(),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(got, codes.iter().map(|(_, error)| error.clone()).collect::<Vec<_>>());
    restore_real();
}

#[wasm_bindgen_test]
fn dropping_the_session_aborts_and_detaches() {
    install_fake("both");
    let (session, log) = session_with_log(&RecognitionOptions::default());
    let rec = recognizer(0);
    fire(&rec, "start");
    drop(session);
    assert_eq!(calls(&rec), "start,abort");
    fire(&rec, "end");
    fire_result(&rec, 0, items(&[("late", 0.9, true)]), JsValue::UNDEFINED);
    assert_eq!(*log.borrow(), vec![RecognitionEvent::Start], "handler ran after drop");
    restore_real();
}

#[wasm_bindgen_test]
fn finds_prefixed_unprefixed_or_no_constructor() {
    install_fake("prefixed");
    assert_eq!(recognition_constructor().map(|(_, api)| api), Some(RecognitionApi::Prefixed));
    let (_session, _) = session_with_log(&RecognitionOptions::default());
    assert_eq!(recognizers().length(), 1);

    install_fake("standard");
    assert_eq!(recognition_constructor().map(|(_, api)| api), Some(RecognitionApi::Standard));

    install_fake("none");
    assert!(recognition_constructor().is_none());
    let error = RecognitionSession::start(&RecognitionOptions::default(), |_| {}).err();
    assert_eq!(error, Some(RecognitionError::Unsupported));
    restore_real();
}

#[wasm_bindgen_test]
fn the_hook_turns_results_into_the_transcript_and_restarts_continuous_sessions() {
    install_fake("both");
    let owner = Owner::new();
    let speech = owner.with(|| {
        use_speech_recognition_with_options(
            UseSpeechRecognitionOptions::default().lang("de-DE".to_string()).continuous(true),
        )
    });
    assert!(speech.is_supported.get_untracked());
    speech.start.run(());
    assert!(speech.is_listening.get_untracked());
    let first = recognizer(0);
    assert_eq!(prop(&first, "lang").as_string().as_deref(), Some("de-DE"));
    fire(&first, "start");
    fire_result(&first, 0, items(&[("rote lauf", 0.0, false)]), JsValue::UNDEFINED);
    assert_eq!(speech.interim.get_untracked(), "rote lauf");
    fire_result(&first, 0, items(&[("rote Laufschuhe", 0.9, true)]), JsValue::UNDEFINED);
    assert_eq!(speech.transcript.get_untracked(), "rote Laufschuhe");
    assert_eq!(speech.interim.get_untracked(), "");
    assert_eq!(speech.phrase.get_untracked().map(|p| p.seq), Some(1));

    // Chrome ends the session after silence: a fresh recognizer takes over (throttled, so maybe later).
    fire(&first, "end");
    assert!(speech.is_listening.get_untracked(), "continuous mode must keep listening");

    speech.stop.run(());
    assert!(!speech.is_listening.get_untracked());
    drop(owner);
    restore_real();
}

#[wasm_bindgen_test]
fn errors_reach_the_hook_and_disposal_releases_the_microphone() {
    install_fake("both");
    let owner = Owner::new();
    let speech = owner.with(|| use_speech_recognition_with_options(UseSpeechRecognitionOptions::default()));
    speech.toggle.run(());
    let rec = recognizer(0);
    fire_error(&rec, "not-allowed", "");
    assert_eq!(speech.error.get_untracked(), Some(RecognitionError::NotAllowed));
    assert!(!speech.is_listening.get_untracked());
    fire(&rec, "end");

    speech.toggle.run(());
    assert_eq!(speech.error.get_untracked(), None, "a new start clears the error");
    let second = recognizer(1);
    drop(owner);
    assert!(calls(&second).ends_with("abort"), "disposing the owner must abort: {}", calls(&second));
    restore_real();
}

#[wasm_bindgen_test]
fn rapid_toggles_never_start_a_recognizer_twice() {
    install_fake("both");
    let owner = Owner::new();
    let speech = owner.with(|| use_speech_recognition_with_options(UseSpeechRecognitionOptions::default()));
    for _ in 0..201 {
        speech.toggle.run(());
    }
    assert!(speech.is_listening.get_untracked());
    let all = recognizers();
    let live: Vec<String> = all.iter().map(|rec| calls(&rec)).filter(|calls| !calls.contains("abort")).collect();
    assert_eq!(live.len(), 1, "exactly one live recognizer: {live:?}");
    assert!(all.iter().all(|rec| calls(&rec).matches("start").count() == 1));
    drop(owner);
    restore_real();
}

#[wasm_bindgen_test]
fn holding_to_talk_listens_across_phrases_until_stopped_whatever_the_setting() {
    install_fake("both");
    let owner = Owner::new();
    let speech = owner.with(|| use_speech_recognition_with_options(UseSpeechRecognitionOptions::default()));
    speech.start_held.run(());
    let rec = recognizer(0);
    assert_eq!(prop(&rec, "continuous").as_bool(), Some(true), "a held session does not end at the first pause");
    fire(&rec, "start");
    fire_result(&rec, 0, items(&[("desk", 0.9, true)]), JsValue::UNDEFINED);
    assert!(speech.is_listening.get_untracked(), "still listening while held");
    speech.stop.run(());
    assert_eq!(calls(&rec), "start,stop");
    fire(&rec, "end");
    assert!(!speech.is_listening.get_untracked());
    // The next plain start follows the setting again.
    speech.start.run(());
    assert_eq!(prop(&recognizer(1), "continuous").as_bool(), Some(false));
    drop(owner);
    restore_real();
}

#[wasm_bindgen_test]
fn a_recognizer_that_ends_after_every_phrase_in_continuous_mode_is_noticed() {
    install_fake("both");
    let owner = Owner::new();
    let speech = owner.with(|| {
        use_speech_recognition_with_options(
            UseSpeechRecognitionOptions::default()
                .continuous(true)
                .restart(leptos_speech::restart::RestartPolicy { min_interval_ms: 0.0, max_silent_restarts: 5 }),
        )
    });
    speech.start.run(());
    for (i, word) in ["lamp", "chair"].iter().enumerate() {
        let rec = recognizer(i as u32);
        fire(&rec, "start");
        fire_result(&rec, 0, items(&[(word, 0.9, true)]), JsValue::UNDEFINED);
        assert!(!speech.ends_every_phrase.get_untracked());
        fire(&rec, "end");
    }
    assert!(speech.ends_every_phrase.get_untracked());
    drop(owner);
    restore_real();
}
