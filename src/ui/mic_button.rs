use leptos::prelude::*;

use super::status_text::SHORTCUT_ARIA;
use super::{talk, ReaderCtx, SpeechCtx};
use crate::speech::Phase;

/// The microphone toggle: button "Voice search", `aria-pressed` while listening, disabled without recognition.
#[component]
pub fn MicButton() -> impl IntoView {
    let speech_ctx: SpeechCtx = expect_context();
    let reader: ReaderCtx = expect_context();
    let SpeechCtx(speech) = speech_ctx;
    let hearing = move || speech.phase.get() == Phase::Hearing;
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
            on:click=move |_| talk(speech_ctx, reader)
        >
            <svg class="mic-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 1 0-6 0v6a3 3 0 0 0 3 3Z" />
                <path d="M19 11a1 1 0 1 0-2 0 5 5 0 0 1-10 0 1 1 0 1 0-2 0 7 7 0 0 0 6 6.92V20H8a1 1 0 1 0 0 2h8a1 1 0 1 0 0-2h-3v-2.08A7 7 0 0 0 19 11Z" />
            </svg>
        </button>
    }
}
