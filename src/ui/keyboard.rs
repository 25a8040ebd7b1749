//! Page-wide shortcuts: Ctrl/⌘+Shift+. toggles the microphone like a click on it (held, it listens while held),
//! Escape stops listening and reading, "/" focuses the search box (the site's own when Hark is attached to it).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::embed::EmbedCtx;
use super::{ReaderCtx, SpeechCtx, VoiceCtx};
use crate::speech::coordinator::Event;

/// Install the shortcuts for the lifetime of the calling component.
pub fn use_shortcuts() {
    let speech_ctx: SpeechCtx = expect_context();
    let reader: ReaderCtx = expect_context();
    let voice: VoiceCtx = expect_context();
    let embed: EmbedCtx = expect_context();
    let SpeechCtx(speech) = speech_ctx;
    let down = window_event_listener(ev::keydown, move |ev: web_sys::KeyboardEvent| {
        let modifier = ev.ctrl_key() || ev.meta_key();
        if modifier && ev.shift_key() && !ev.alt_key() && is_shortcut_key(&ev) {
            ev.prevent_default();
            // The key repeats while held; only its first press counts.
            if speech.is_supported.get_untracked() && !ev.repeat() {
                voice.send(Event::PressStarted);
            }
        } else if ev.key() == "Escape" && (speech.is_listening.get_untracked() || reader.is_busy() || voice.is_reading()) {
            voice.send(Event::StopAll);
        } else if ev.key() == "/" && !modifier && !typing_in_a_field(&ev) {
            // The input people type into: Hark's own box, or the site's input Hark is attached to.
            if let Some(input) = embed.search_input() {
                ev.prevent_default();
                let _ = input.focus();
            }
        }
    });
    // Releasing the shortcut (its key or a modifier) ends the press: a short one toggles, a hold delivers.
    let up = window_event_listener(ev::keyup, move |ev: web_sys::KeyboardEvent| {
        if is_shortcut_key(&ev) || matches!(ev.key().as_str(), "Control" | "Meta" | "Shift") {
            voice.send(Event::PressEnded { click_follows: false, pressed: speech.is_listening.get_untracked() });
        }
    });
    on_cleanup(move || {
        down.remove();
        up.remove();
    });
}

fn is_shortcut_key(ev: &web_sys::KeyboardEvent) -> bool {
    ev.code() == "Period" || ev.key() == "." || ev.key() == ">"
}

fn typing_in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}
