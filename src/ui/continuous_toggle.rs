use leptos::prelude::*;

use super::{SettingsCtx, SpeechCtx};

/// Checkbox "Continuous": keep listening for the next query. Where the recognizer ends after every phrase anyway
/// (Chrome Android), its hint says so and suggests holding the microphone to talk.
#[component]
pub fn ContinuousToggle() -> impl IntoView {
    let SettingsCtx { continuous, .. } = expect_context();
    let SpeechCtx(speech) = expect_context();
    let cannot = move || speech.ends_every_phrase.get();
    view! {
        <div class="field toggle">
            <input
                type="checkbox"
                id="continuous"
                aria-describedby="continuous-hint"
                prop:checked=move || continuous.get()
                on:change:target=move |ev| continuous.set(ev.target().checked())
            />
            <label for="continuous">"Continuous"</label>
            <span id="continuous-hint" class="hint" class:why-not=cannot>
                {move || {
                    if cannot() {
                        "This browser stops listening after every phrase, so continuous mode can't work here. Hold the microphone to talk instead."
                    } else {
                        "keep listening for the next search"
                    }
                }}
            </span>
        </div>
    }
}
