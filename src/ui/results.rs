use leptos::prelude::*;

use super::QueryCtx;

/// The results list: `<ol aria-label="Results">`, one listitem per result.
#[component]
pub fn Results() -> impl IntoView {
    let QueryCtx { query, .. } = expect_context();
    view! {
        <section class="results" aria-live="off">
            <ol aria-label="Results" class="result-list"></ol>
            <Show when=move || !query.get().is_empty()>
                <p class="empty">"You searched for " <q>{move || query.get()}</q> "."</p>
            </Show>
        </section>
    }
}
