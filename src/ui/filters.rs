use leptos::prelude::*;

use super::{QueryCtx, SearchCtx};
use crate::search::understand::{summary::filter_label, State};

/// The applied filters as chips: `<ul aria-label="Filters">`, one button "Remove filter: <label>" each, which
/// searches again without it. Nothing when no filter applies.
#[component]
pub fn Filters() -> impl IntoView {
    let query: QueryCtx = expect_context();
    let search: SearchCtx = expect_context();
    let chips = move || {
        search.answer.with(|answer| {
            let response = &answer.response;
            let state = response.state.clone().unwrap_or_default();
            let currency = response.currency.clone();
            (0..state.filters.len())
                .map(|at| (filter_label(&state.filters[at], currency.as_deref(), response.lang), at, state.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || !chips().is_empty()>
            <ul aria-label="Filters" class="filters">
                {move || chips().into_iter().map(|(label, at, state)| {
                    let remove = move |_| {
                        let mut state: State = state.clone();
                        state.filters.remove(at);
                        query.search_state(state);
                    };
                    view! {
                        <li>
                            <button type="button" class="chip" aria-label=format!("Remove filter: {label}") on:click=remove>
                                {label.clone()} <span class="chip-x" aria-hidden="true">"×"</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}
