use leptos::prelude::*;

use super::{QueryCtx, SpeechCtx};

/// The query input: searchbox "Search". While the person speaks it shows the interim words, greyed.
#[component]
pub fn SearchBox() -> impl IntoView {
    let query: QueryCtx = expect_context();
    let SpeechCtx(speech) = expect_context();
    let showing_interim = move || !speech.interim.get().is_empty();
    view! {
        <input
            type="search"
            id="q"
            name="q"
            class="query"
            class:interim=showing_interim
            aria-label="Search"
            placeholder="Search, or click the microphone and speak"
            autocomplete="off"
            spellcheck="false"
            enterkeyhint="search"
            prop:value=move || if showing_interim() { speech.interim.get() } else { query.draft.get() }
            on:input:target=move |ev| query.search_typed(&ev.target().value())
        />
    }
}
