use leptos::prelude::*;

use super::status_text::SHORTCUT_ARIA;
use super::{SpeechCtx, VoiceCtx};
use crate::speech::coordinator::Event;
use crate::speech::Phase;

/// The microphone toggle: button "Voice search", `aria-pressed` while listening, disabled without recognition.
/// A click does what the pressed state says; holding it (pointer down for 300 ms or more) listens while held.
#[component]
pub fn MicButton() -> impl IntoView {
    let speech_ctx: SpeechCtx = expect_context();
    let voice: VoiceCtx = expect_context();
    let SpeechCtx(speech) = speech_ctx;
    let pressed = move || speech.is_listening.get_untracked();
    // The ring pulses while words are coming in, and stops when the phrase is in: while an animation runs, the
    // browser draws in step with the display, and results that arrive then reach the screen up to a frame later
    // (e2e/bench, spoken → painted).
    let hearing = move || speech.phase.get() == Phase::Hearing && speech.interim.with(|words| !words.is_empty());
    let title = move || {
        if !speech.is_supported.get() {
            "Voice search is not available in this browser"
        } else if speech.is_listening.get() {
            "Stop listening (Esc)"
        } else {
            "Search by voice (Ctrl+Shift+.)"
        }
    };
    view! {
        <button
            type="button"
            id="mic"
            class="mic"
            class:listening=move || speech.is_listening.get()
            class:hearing=hearing
            aria-label="Voice search"
            aria-pressed=move || speech.is_listening.get().to_string()
            aria-keyshortcuts=SHORTCUT_ARIA
            title=title
            disabled=move || !speech.is_supported.get()
            on:click=move |_| voice.mic_clicked(speech_ctx)
            on:pointerdown=move |ev| {
                if ev.button() == 0 && speech.is_supported.get_untracked() {
                    voice.send(Event::PressStarted);
                }
            }
            on:pointerup=move |_| voice.send(Event::PressEnded { click_follows: true, pressed: pressed() })
            on:pointercancel=move |_| voice.send(Event::PressCancelled)
            on:pointerleave=move |_| voice.send(Event::PressCancelled)
            // A long touch must not open the context menu.
            on:contextmenu=move |ev| ev.prevent_default()
        >
            <svg class="mic-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 1 0-6 0v6a3 3 0 0 0 3 3Z" />
                <path d="M19 11a1 1 0 1 0-2 0 5 5 0 0 1-10 0 1 1 0 1 0-2 0 7 7 0 0 0 6 6.92V20H8a1 1 0 1 0 0 2h8a1 1 0 1 0 0-2h-3v-2.08A7 7 0 0 0 19 11Z" />
            </svg>
        </button>
    }
}
