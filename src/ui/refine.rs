use leptos::prelude::*;

use super::{QueryCtx, SearchCtx};
use crate::search::understand::{Filter, State};

/// Section "Refine": one group per facet, each value a checkbox "<value> (<count>)" with how many of the current
/// results have it; checking filters by it, unchecking removes the filter. Nothing on catalogs without facets or
/// before a search.
#[component]
pub fn Refine() -> impl IntoView {
    let query: QueryCtx = expect_context();
    let search: SearchCtx = expect_context();
    let groups = move || {
        search.answer.with(|answer| {
            let state = answer.response.state.clone().unwrap_or_default();
            answer
                .response
                .facets
                .iter()
                .filter(|facet| !facet.values.is_empty())
                .map(|facet| (facet.name.clone(), facet.values.clone(), state.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || !groups().is_empty()>
            <section aria-label="Refine" class="refine">
                <h2 class="refine-title">"Refine"</h2>
                {move || groups().into_iter().map(|(name, values, state)| {
                    let boxes = values.into_iter().map(|(value, count)| {
                        let filter = Filter::Facet { facet: name.clone(), value: value.clone() };
                        let checked = state.filters.contains(&filter);
                        let state = state.clone();
                        let toggle = move |_| {
                            let mut next: State = state.clone();
                            if checked {
                                next.filters.retain(|f| *f != filter);
                            } else {
                                next.filters.push(filter.clone());
                            }
                            query.search_state(next);
                        };
                        view! {
                            <li>
                                <label class="refine-value">
                                    <input type="checkbox" prop:checked=checked on:change=toggle />
                                    {format!("{value} ({count})")}
                                </label>
                            </li>
                        }
                    }).collect_view();
                    view! {
                        <fieldset class="refine-group">
                            <legend>{name}</legend>
                            <ul>{boxes}</ul>
                        </fieldset>
                    }
                }).collect_view()}
            </section>
        </Show>
    }
}
