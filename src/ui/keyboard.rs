//! Page-wide shortcuts: Ctrl/⌘+Shift+. toggles the microphone (and interrupts a reading), Escape stops listening
//! and reading, "/" focuses the search box.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{talk, ReaderCtx, SpeechCtx};

/// Install the shortcuts for the lifetime of the calling component.
pub fn use_shortcuts() {
    let speech_ctx: SpeechCtx = expect_context();
    let reader: ReaderCtx = expect_context();
    let SpeechCtx(speech) = speech_ctx;
    let handle = window_event_listener(ev::keydown, move |ev: web_sys::KeyboardEvent| {
        let modifier = ev.ctrl_key() || ev.meta_key();
        if modifier && ev.shift_key() && !ev.alt_key() && (ev.code() == "Period" || ev.key() == "." || ev.key() == ">") {
            ev.prevent_default();
            if speech.is_supported.get_untracked() {
                talk(speech_ctx, reader);
            }
        } else if ev.key() == "Escape" && (speech.is_listening.get_untracked() || reader.is_busy()) {
            speech.stop.run(());
            reader.stop();
        } else if ev.key() == "/" && !modifier && !typing_in_a_field(&ev) {
            if let Some(input) = document().get_element_by_id("q").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                ev.prevent_default();
                let _ = input.focus();
            }
        }
    });
    on_cleanup(move || handle.remove());
}

fn typing_in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}
