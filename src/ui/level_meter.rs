//! The microphone level meter: `role="meter"` named "Microphone level" (0–100), shown while Hark listens through its
//! own capture of the microphone (where recognizers take a track), and a short note when that capture was refused.

use leptos::prelude::*;

use super::SpeechCtx;

/// The live level of the microphone while listening; nothing where the recognizer opens the microphone itself.
#[component]
pub fn LevelMeter() -> impl IntoView {
    let SpeechCtx(speech) = expect_context();
    let level = speech.level;
    let note = move || speech.capture_error.get().map(|error| view! { <p class="level-note">{error.message()}</p> });
    view! {
        {move || {
            level.get().map(|_| {
                let value = move || level.get().unwrap_or(0);
                view! {
                    <div
                        class="level-meter"
                        role="meter"
                        aria-label="Microphone level"
                        aria-valuemin="0"
                        aria-valuemax="100"
                        aria-valuenow=move || value().to_string()
                    >
                        <span class="level-bar" style:width=move || format!("{}%", value())></span>
                    </div>
                }
            })
        }}
        {note}
    }
}
