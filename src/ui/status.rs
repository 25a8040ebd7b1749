use leptos::prelude::*;

use super::status_text::{status_text, StatusInput};
use super::{QueryCtx, SettingsCtx, SpeechCtx};

/// The one `role="status"` live region, plus a `role="alert"` when the person must act.
#[component]
pub fn StatusLine() -> impl IntoView {
    let SpeechCtx(speech) = expect_context();
    let SettingsCtx { continuous, .. } = expect_context();
    let QueryCtx { query, .. } = expect_context();
    let text = Memo::new(move |_| {
        let error = speech.error.get();
        let query = query.get();
        let search_sentence = (!query.is_empty()).then(|| format!("Searched for “{query}”."));
        status_text(StatusInput {
            supported: speech.is_supported.get(),
            listening: speech.is_listening.get(),
            phase: speech.phase.get(),
            continuous: continuous.get(),
            error: error.as_ref(),
            stopped_after_silence: speech.stopped_after_silence.get(),
            search_sentence: search_sentence.as_deref(),
        })
    });
    view! {
        <p class="status" role="status" aria-live="polite">{move || text.with(|t| t.status.clone())}</p>
        {move || text.with(|t| t.alert.clone()).map(|alert| view! { <p class="alert" role="alert">{alert}</p> })}
    }
}
