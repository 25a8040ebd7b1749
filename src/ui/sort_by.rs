use leptos::prelude::*;

use super::{QueryCtx, SearchCtx};
use crate::search::understand::{from_params, to_params, Sort, State, Vocabulary};

/// The orders a catalog offers, as (value, label): "Best match", then the price's and each number's, both ways.
pub fn sort_options(vocab: &Vocabulary) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), "Best match".to_string())];
    if vocab.price.is_some() {
        options.push(("price".into(), "Price: low to high".into()));
        options.push(("-price".into(), "Price: high to low".into()));
    }
    for number in &vocab.numbers {
        let name = capitalised(&number.name);
        options.push((number.name.clone(), format!("{name}: low to high")));
        options.push((format!("-{}", number.name), format!("{name}: high to low")));
    }
    options
}

/// The value of `sort` among [`sort_options`] ("" for best match): its `sort=` URL parameter.
pub fn sort_value(sort: Option<&Sort>) -> String {
    let state = State { sort: sort.cloned(), ..State::default() };
    to_params(&state).into_iter().find(|(key, _)| key == "sort").map(|(_, value)| value).unwrap_or_default()
}

/// The sort a value of [`sort_options`] names.
pub fn parse_sort(value: &str) -> Option<Sort> {
    from_params([("sort", value)]).sort
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Combobox "Sort by" (a native `<select>`), on catalogs with a price or numbers; choosing searches again with
/// the same text and filters in that order.
#[component]
pub fn SortBy() -> impl IntoView {
    let query: QueryCtx = expect_context();
    let search: SearchCtx = expect_context();
    let options = Memo::new(move |_| sort_options(&search.vocabulary.get()));
    let current = move || search.answer.with(|a| sort_value(a.response.state.as_ref().and_then(|s| s.sort.as_ref())));
    let change = move |value: String| {
        let mut state = search.answer.with_untracked(|a| a.response.state.clone()).unwrap_or_default();
        if state.text.is_empty() && state.filters.is_empty() {
            state.text = query.draft.get_untracked();
        }
        state.sort = parse_sort(&value);
        query.search_state(state);
    };
    view! {
        <Show when=move || options.with(|o| o.len() > 1)>
            <div class="field sort-by">
                <label for="sort-by">"Sort by"</label>
                <select id="sort-by" on:change:target=move |ev| change(ev.target().value())>
                    {move || options.get().into_iter().map(|(value, label)| {
                        let selected = { let value = value.clone(); move || current() == value };
                        view! { <option value=value selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_round_trip_through_their_values() {
        let vocab = Vocabulary::new([], Some("USD"), ["rating"]);
        let options = sort_options(&vocab);
        let labels: Vec<&str> = options.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            ["Best match", "Price: low to high", "Price: high to low", "Rating: low to high", "Rating: high to low"]
        );
        for (value, _) in &options {
            assert_eq!(&sort_value(parse_sort(value).as_ref()), value);
        }
        assert_eq!(sort_options(&Vocabulary { price: None, ..Vocabulary::default() }).len(), 1);
    }
}
