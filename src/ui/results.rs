use leptos::prelude::*;

use super::{CatalogStatus, QueryCtx, ReaderCtx, SearchCtx};
use crate::search::highlight::segments;
use crate::search::{SearchResponse, SearchResult};

/// The results list: `<ol aria-label="Results">`, one listitem per result; an empty state with a suggestion.
///
/// The list is keyed: a result that is still there (same item, same highlights) keeps its DOM between answers,
/// so an answer costs only the rows that changed.
#[component]
pub fn Results() -> impl IntoView {
    let query: QueryCtx = expect_context();
    let search: SearchCtx = expect_context();
    let reading = use_context::<ReaderCtx>().map(|ReaderCtx(reader)| reader.current_tag);
    // The id of the result being read aloud, as one memo: each row compares its own id with it, so a new answer
    // or a new reading position notifies the rows only when the result being read changes.
    let speaking_id = Memo::new(move |_| {
        let position = reading.and_then(|current| current.get())?;
        search.answer.with(|answer| answer.response.results.get(position).map(|result| result.id.clone()))
    });
    let response = move |f: &dyn Fn(&SearchResponse) -> bool| search.answer.with(|answer| f(&answer.response));
    let nothing_found = move || {
        matches!(search.status.get(), CatalogStatus::Ready { .. })
            && response(&|response| response.results.is_empty() && !response.query.is_empty())
    };
    let rows = move || search.answer.with(|answer| answer.response.results.clone());
    let key = |result: &SearchResult| (result.id.clone(), result.title_spans.clone(), result.description_spans.clone());
    view! {
        <section class="results">
            <ol aria-label="Results" class="result-list" aria-busy=move || search.answer.with(|a| a.searching).to_string()>
                <For each=rows key=key let(result)>
                    {
                        let id = result.id.clone();
                        let speaking = Signal::derive(move || speaking_id.with(|speaking| speaking.as_ref() == Some(&id)));
                        view! { <ResultItem result speaking /> }
                    }
                </For>
            </ol>
            <Show when=nothing_found>
                <p class="empty">
                    {move || search.answer.with(|a| format!("Nothing matches “{}”.", a.response.query))}
                    {move || search.answer.with(|a| a.response.suggestion.clone()).map(|word| {
                        let target = word.clone();
                        view! {
                            " Did you mean "
                            <button type="button" class="suggestion" on:click=move |_| query.submit(&target)>
                                {word}
                            </button>
                            "?"
                        }
                    })}
                </p>
            </Show>
        </section>
    }
}

/// One result: its title (a link when it has a safe URL) with matched words marked, description, price, category.
#[component]
fn ResultItem(
    /// The result to show; its text is always rendered as text.
    result: SearchResult,
    /// Whether it is being read aloud (highlighted).
    speaking: Signal<bool>,
) -> impl IntoView {
    let title = marked(&result.title, &result.title_spans);
    let description = marked(&result.description, &result.description_spans);
    let heading = match safe_href(&result.url) {
        Some(href) => view! { <a href=href>{title}</a> }.into_any(),
        None => title.into_any(),
    };
    view! {
        <li class="result" class:speaking=speaking data-id=result.id.clone()>
            <h2 class="result-title">{heading}</h2>
            {(!result.description.is_empty()).then(|| view! { <p class="result-description">{description}</p> })}
            {(!result.price_text.is_empty()).then(|| view! { <p class="result-price">{result.price_text.clone()}</p> })}
            {(!result.category.is_empty()).then(|| view! { <span class="result-category">{result.category.clone()}</span> })}
        </li>
    }
}

/// `text` with the spans wrapped in `<mark>`; every piece is a text node.
fn marked(text: &str, spans: &[std::ops::Range<usize>]) -> impl IntoView {
    segments(text, spans)
        .into_iter()
        .map(|(piece, hit)| {
            let piece = piece.to_string();
            if hit { view! { <mark>{piece}</mark> }.into_any() } else { piece.into_any() }
        })
        .collect_view()
}

/// The URL if it is http(s) or relative to this page; `javascript:` and other schemes from a catalog are dropped.
fn safe_href(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let base = web_sys::window()?.location().href().ok()?;
    let resolved = web_sys::Url::new_with_base(url, &base).ok()?;
    matches!(resolved.protocol().as_str(), "http:" | "https:").then(|| resolved.href())
}
