use leptos::prelude::*;

use super::{QueryCtx, SpeechCtx};

/// The query input: searchbox "Search". While the person speaks it shows the interim words, greyed.
#[component]
pub fn SearchBox() -> impl IntoView {
    let query: QueryCtx = expect_context();
    let (shown, showing_interim) = use_shown_text();
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
            prop:value=shown
            on:input:target=move |ev| query.search_typed(&ev.target().value())
        />
    }
}

/// What a search input shows (the interim words while the person speaks, else the typed text), and whether it
/// shows interim words. Used by Hark's own box and by a site's input Hark is attached to.
pub fn use_shown_text() -> (Memo<String>, Signal<bool>) {
    let query: QueryCtx = expect_context();
    let SpeechCtx(speech) = expect_context();
    let showing_interim = Signal::derive(move || !speech.interim.get().is_empty());
    // A memo, so the input's value is written only when the text shown changes: writing `value` makes the browser
    // lay the field out again (a few ms on the spoken path, where the last interim text is usually the final one).
    let shown = Memo::new(move |_| if showing_interim.get() { speech.interim.get() } else { query.draft.get() });
    (shown, showing_interim)
}
