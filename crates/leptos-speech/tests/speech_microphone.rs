//! The page's own microphone capture (`speech::microphone`) and `start(track)`, in headless Chromium with the fake
//! recognizers of `support`.

mod support;

use leptos_speech::microphone::{track_input_supported, CaptureError, MicCapture};
use leptos_speech::recognition::{RecognitionOptions, RecognitionSession};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_track_is_taken_only_by_recognizers_with_process_locally() {
    install_fake("modern");
    assert!(track_input_supported(), "Chrome 139+ (processLocally) takes a track; the test page can capture");
    install_fake("both");
    assert!(!track_input_supported(), "an older recognizer gets plain start()");
    install_fake("none");
    assert!(!track_input_supported());
    restore_real();
}

#[wasm_bindgen_test]
fn the_track_goes_to_start_and_without_one_start_is_plain() {
    install_fake("modern");
    // A live audio track without a microphone: the output of an AudioContext.
    let context = web_sys::AudioContext::new().unwrap_or_else(|error| panic!("{error:?}"));
    let track = audio_context_track(&context);
    let options = RecognitionOptions { track: Some(track), ..Default::default() };
    let session = RecognitionSession::start(&options, |_| {}).unwrap_or_else(|error| panic!("{error:?}"));
    assert_eq!(calls(&recognizer(0)), "start(audio track, live)");
    drop(session);
    let plain = RecognitionSession::start(&RecognitionOptions::default(), |_| {}).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(calls(&recognizer(1)), "start", "no track: plain start()");
    drop(plain);
    let _ = context.close();
    restore_real();
}

/// `context.createMediaStreamDestination().stream.getAudioTracks()[0]`, through Reflect (the page does not need
/// web-sys's binding for it).
fn audio_context_track(context: &web_sys::AudioContext) -> web_sys::MediaStreamTrack {
    let call = |target: &wasm_bindgen::JsValue, name: &str| {
        let method: js_sys::Function = prop(target, name).unchecked_into();
        method.call0(target).unwrap_or_else(|error| panic!("{name}: {error:?}"))
    };
    let destination = call(context, "createMediaStreamDestination");
    let stream: web_sys::MediaStream = prop(&destination, "stream").unchecked_into();
    stream.get_audio_tracks().get(0).unchecked_into()
}

#[wasm_bindgen_test]
async fn a_microphone_that_cannot_be_opened_is_a_typed_error() {
    // The test browser has no microphone and no permission for one.
    let opened = MicCapture::open(|_| {}).await;
    match opened {
        Err(CaptureError::Denied | CaptureError::NoMicrophone | CaptureError::Busy) => {}
        Err(other) => panic!("an unexpected kind of failure: {other:?}"),
        Ok(capture) => {
            // A browser started with a fake microphone: the capture works and its track is live.
            assert!(capture.live_track().is_some());
        }
    }
}

/// Poll `done` every 10 ms, up to ~5 s (the capture's answer is asynchronous).
async fn until(mut done: impl FnMut() -> bool) -> bool {
    for _ in 0..500 {
        if done() {
            return true;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    done()
}

#[wasm_bindgen_test]
async fn the_hook_asks_for_the_microphone_first_and_a_refusal_falls_back_to_plain_start() {
    use leptos_speech::{use_speech_recognition_with_options, UseSpeechRecognitionOptions};
    use leptos::prelude::*;
    install_fake("modern");
    let owner = Owner::new();
    let speech = owner.with(|| use_speech_recognition_with_options(UseSpeechRecognitionOptions::default()));
    speech.start.run(());
    assert!(speech.is_listening.get_untracked(), "pressed while the microphone is asked for");
    assert!(until(|| recognizers().length() == 1).await, "the recognizer starts once the capture answered");
    if speech.capture_error.get_untracked().is_some() {
        // The test browser refuses the microphone: plain start(), no meter.
        assert_eq!(calls(&recognizer(0)), "start");
        assert_eq!(speech.level.get_untracked(), None);
    } else {
        assert_eq!(calls(&recognizer(0)), "start(audio track, live)");
    }
    speech.stop.run(());
    drop(owner);
    restore_real();
}
