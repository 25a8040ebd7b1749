use leptos::prelude::*;

use super::{QueryCtx, SearchCtx};
use crate::search::understand::{FacetVocab, Filter, State};

/// Section "Refine": one group per facet, each value a checkbox "<value> (<count>)" with how many of the current
/// results have it; checking filters by it, unchecking removes the filter. Nothing on catalogs without facets or
/// before a search.
///
/// Groups and values are keyed, so a checkbox that stays (with a new count) keeps its DOM node and the keyboard
/// focus when the answer arrives.
#[component]
pub fn Refine() -> impl IntoView {
    let search: SearchCtx = expect_context();
    let facets = Memo::new(move |_| {
        search.answer.with(|a| a.response.facets.iter().filter(|f| !f.values.is_empty()).cloned().collect::<Vec<_>>())
    });
    let state = Memo::new(move |_| search.answer.with(|a| a.response.state.clone().unwrap_or_default()));
    let names = move || facets.with(|facets| facets.iter().map(|f| f.name.clone()).collect::<Vec<_>>());
    view! {
        <Show when=move || facets.with(|f| !f.is_empty())>
            <section aria-label="Refine" class="refine">
                <h2 class="refine-title">"Refine"</h2>
                <For each=names key=String::clone let(name)>
                    <FacetGroup name facets state />
                </For>
            </section>
        </Show>
    }
}

/// One facet's values as checkboxes.
#[component]
fn FacetGroup(name: String, facets: Memo<Vec<FacetVocab>>, state: Memo<State>) -> impl IntoView {
    let query: QueryCtx = expect_context();
    let values = {
        let name = name.clone();
        move || facets.with(|facets| facets.iter().find(|f| f.name == name).map(|f| f.values.clone()).unwrap_or_default())
    };
    let facet = name.clone();
    view! {
        <fieldset class="refine-group">
            <legend>{name}</legend>
            <ul>
                <For each=values key=|(value, _)| value.clone() let((value, _))>
                    {
                        let filter = Filter::Facet { facet: facet.clone(), value: value.clone() };
                        let count = {
                            let (facet, value) = (facet.clone(), value.clone());
                            move || {
                                facets.with(|facets| {
                                    facets.iter().find(|f| f.name == facet)
                                        .and_then(|f| f.values.iter().find(|(v, _)| *v == value))
                                        .map_or(0, |(_, n)| *n)
                                })
                            }
                        };
                        let checked = { let filter = filter.clone(); move || state.with(|s| s.filters.contains(&filter)) };
                        let toggle = move |_| {
                            let mut next = state.get_untracked();
                            if next.filters.contains(&filter) {
                                next.filters.retain(|f| *f != filter);
                            } else {
                                next.filters.push(filter.clone());
                            }
                            query.search_state(next);
                        };
                        let label = value.clone();
                        view! {
                            <li>
                                <label class="refine-value">
                                    <input type="checkbox" prop:checked=checked on:change=toggle />
                                    {move || format!("{label} ({})", count())}
                                </label>
                            </li>
                        }
                    }
                </For>
            </ul>
        </fieldset>
    }
}
