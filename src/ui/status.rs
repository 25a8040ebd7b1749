use leptos::prelude::*;

use super::reading::read_count;
use super::status_text::{reading_sentence, status_text, ReadingInput, StatusInput};
use super::on_device::OnDeviceCtx;
use super::{CatalogStatus, QueryCtx, ReaderCtx, SearchCtx, SettingsCtx, SpeechCtx, VoiceCtx};
use crate::search::loader::LoadProgress;
use crate::search::SearchResponse;

/// The one `role="status"` live region, plus `role="alert"`s when the person must act.
#[component]
pub fn StatusLine() -> impl IntoView {
    let SpeechCtx(speech) = expect_context();
    let SettingsCtx { continuous, .. } = expect_context();
    let QueryCtx { request, .. } = expect_context();
    let search: SearchCtx = expect_context();
    let ReaderCtx(reader) = expect_context();
    let on_device: OnDeviceCtx = expect_context();
    let voice: VoiceCtx = expect_context();
    let reading = Memo::new(move |_| {
        let error = reader.error.get();
        reading_sentence(ReadingInput {
            speaking: reader.is_speaking.get(),
            waiting_for_gesture: reader.waiting_for_gesture.get(),
            current: reader.current_tag.get(),
            count: search.answer.with(|answer| read_count(&answer.response, &search.speak.get())),
            error: error.as_ref(),
        })
    });
    let text = Memo::new(move |_| {
        let error = speech.error.get();
        let status = search.status.get();
        let catalog_sentence = catalog_sentence(&status);
        let (query, empty) = request.with(|request| (request.text.clone(), request.is_empty()));
        let search_sentence = (!empty).then(|| match &status {
            CatalogStatus::Ready { .. } => search.answer.with(|answer| {
                query_sentence(&query, &answer.response, answer.searching, answer.error.is_some())
            }),
            CatalogStatus::Loading(_) => {
                format!("{} Your search for “{query}” will show when it is ready.", catalog_sentence.as_deref().unwrap_or(""))
            }
            CatalogStatus::Failed(_) => format!("Searched for “{query}”, but the catalog is not available."),
        });
        status_text(StatusInput {
            supported: speech.is_supported.get(),
            listening: speech.is_listening.get(),
            phase: speech.phase.get(),
            continuous: continuous.get(),
            error: error.as_ref(),
            stopped_after_silence: speech.stopped_after_silence.get(),
            catalog_sentence: catalog_sentence.as_deref(),
            search_sentence: search_sentence.as_deref(),
            reading_sentence: reading.get().as_deref(),
            downloading: on_device.downloading().as_deref(),
            acknowledgement: voice.acknowledgement.get().as_deref(),
        })
    });
    let catalog_alert = move || match search.status.get() {
        CatalogStatus::Failed(error) => Some(format!("{error} You can still type, but there is nothing to search yet.")),
        _ => None,
    };
    let search_alert = move || {
        search.answer.with(|answer| answer.error.as_ref().map(|error| format!("{error} You can keep typing to search again.")))
    };
    let loading = move || matches!(search.status.get(), CatalogStatus::Loading(_));
    view! {
        <p class="status" class:loading=loading role="status" aria-live="polite">
            {move || text.with(|t| t.status.clone())}
        </p>
        {move || text.with(|t| t.alert.clone()).map(|alert| view! { <p class="alert" role="alert">{alert}</p> })}
        {move || catalog_alert().map(|alert| view! { <p class="alert" role="alert">{alert}</p> })}
        {move || search_alert().map(|alert| view! { <p class="alert" role="alert">{alert}</p> })}
        {move || {
            let warnings = search.warnings.get();
            let skipped_any = matches!(search.status.get(), CatalogStatus::Ready { ref skipped, .. } if !skipped.is_empty());
            (!warnings.is_empty()).then(|| view! {
                // Open when lines were skipped: which ones is one glance away, not behind a click.
                <details class="warnings" open=skipped_any>
                    <summary>{format!("{} problem(s) in the catalog or hark.json were skipped", warnings.len())}</summary>
                    <ul>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                </details>
            })
        }}
    }
}

/// "Loading catalog… 40 %", "Indexing the catalog…", "Ready — 14,180 things.", "Ready — searching products on
/// the server."; none when loading failed.
pub fn catalog_sentence(status: &CatalogStatus) -> Option<String> {
    match status {
        CatalogStatus::Loading(LoadProgress::Config | LoadProgress::Downloading(None)) => Some("Loading catalog…".into()),
        CatalogStatus::Loading(LoadProgress::Downloading(Some(percent))) => Some(format!("Loading catalog… {percent} %")),
        CatalogStatus::Loading(LoadProgress::Indexing) => Some("Indexing the catalog…".into()),
        CatalogStatus::Ready { count: Some(count), noun, skipped, skipped_total } if !skipped.is_empty() => {
            Some(format!("Ready — {} {noun} ({}).", group_thousands(*count), skipped_phrase(skipped, *skipped_total)))
        }
        CatalogStatus::Ready { count: Some(count), noun, .. } => Some(format!("Ready — {} {noun}.", group_thousands(*count))),
        CatalogStatus::Ready { count: None, noun, .. } => Some(format!("Ready — searching {noun} on the server.")),
        CatalogStatus::Failed(_) => None,
    }
}

/// "1 line skipped: line 57, invalid JSON at column 179", the first three named ("…" after them) of `total`;
/// "items" for a JSON array's items.
fn skipped_phrase(skipped: &[String], total: usize) -> String {
    let total = total.max(skipped.len());
    let word = if skipped.first().is_some_and(|first| first.starts_with("item")) { "item" } else { "line" };
    let plural = if total == 1 { "" } else { "s" };
    let shown: Vec<&str> = skipped.iter().take(3).map(String::as_str).collect();
    let more = if total > 3 { "; …" } else { "" };
    format!("{} {word}{plural} skipped: {}{more}", group_thousands(total), shown.join("; "))
}

/// The sentence about the current query `query` (what was asked for): "Searching for “x”…" while a remote answer
/// is slow, "The search for “x” failed." after an error, what was understood ("12 chairs, under $100.") when there
/// are filters or a sort, else [`results_sentence`] for the answer shown (which, while a fast remote answer is on
/// its way, is still the previous query's).
pub fn query_sentence(query: &str, response: &SearchResponse, searching: bool, failed: bool) -> String {
    if failed {
        format!("The search for “{query}” failed.")
    } else if let (false, Some(summary)) = (searching, &response.summary) {
        summary.clone()
    } else if searching || response.query.is_empty() {
        format!("Searching for “{query}”…")
    } else {
        match response.offset {
            0 => results_sentence(response.results.len(), response.total, &response.query),
            offset => page_sentence(offset, response.results.len(), response.total, &response.query),
        }
    }
}

/// A later page: "Results 11 to 20 for “x”.", "Results 11 to 20 of 1,234 for “x”.", "No more results for “x”."
pub fn page_sentence(offset: usize, count: usize, total: Option<u64>, query: &str) -> String {
    if count == 0 {
        return format!("No more results for “{query}”.");
    }
    let (first, last) = (group_thousands(offset + 1), group_thousands(offset + count));
    match total {
        Some(total) => format!("Results {first} to {last} of {} for “{query}”.", group_thousands(total as usize)),
        None => format!("Results {first} to {last} for “{query}”."),
    }
}

/// "No results for “x”.", "1 result for “x”.", "12 results for “x”.", and for a paged remote answer
/// "10 of 1,234 results for “x”."
pub fn results_sentence(count: usize, total: Option<u64>, query: &str) -> String {
    match (count, total) {
        (0, _) => format!("No results for “{query}”."),
        (n, Some(total)) if total > n as u64 => {
            format!("{} of {} results for “{query}”.", group_thousands(n), group_thousands(total as usize))
        }
        (1, _) => format!("1 result for “{query}”."),
        (n, _) => format!("{} results for “{query}”.", group_thousands(n)),
    }
}

/// 14180 → "14,180".
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        assert_eq!(group_thousands(14180), "14,180");
        assert_eq!(group_thousands(117791), "117,791");
        assert_eq!(group_thousands(1000000), "1,000,000");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(results_sentence(0, None, "x"), "No results for “x”.");
        assert_eq!(results_sentence(1, None, "x"), "1 result for “x”.");
        assert_eq!(results_sentence(1200, None, "x"), "1,200 results for “x”.");
        assert_eq!(results_sentence(10, Some(1234), "x"), "10 of 1,234 results for “x”.");
        assert_eq!(results_sentence(3, Some(3), "x"), "3 results for “x”.");
        assert_eq!(results_sentence(0, Some(0), "x"), "No results for “x”.");
        let ready = CatalogStatus::Ready { count: Some(14180), noun: "things".into(), skipped: Vec::new(), skipped_total: 0 };
        assert_eq!(catalog_sentence(&ready).as_deref(), Some("Ready — 14,180 things."));
        let remote = CatalogStatus::Ready { count: None, noun: "products".into(), skipped: Vec::new(), skipped_total: 0 };
        assert_eq!(catalog_sentence(&remote).as_deref(), Some("Ready — searching products on the server."));
        let skipped = CatalogStatus::Ready {
            count: Some(199),
            noun: "products".into(),
            skipped: vec!["line 57, invalid JSON at column 179".into()],
            skipped_total: 1,
        };
        assert_eq!(
            catalog_sentence(&skipped).as_deref(),
            Some("Ready — 199 products (1 line skipped: line 57, invalid JSON at column 179).")
        );
        let many: Vec<String> = (1..=5).map(|i| format!("item {i} (byte {i}0), expected an object, found a number")).collect();
        assert_eq!(
            skipped_phrase(&many, 5),
            "5 items skipped: item 1 (byte 10), expected an object, found a number; item 2 (byte 20), expected an \
             object, found a number; item 3 (byte 30), expected an object, found a number; …"
        );
        let named_of_more = skipped_phrase(&many, 1_234);
        assert!(named_of_more.starts_with("1,234 items skipped: item 1 (byte 10)"), "an index names its first ones: {named_of_more}");
        let loading = CatalogStatus::Loading(LoadProgress::Downloading(Some(40)));
        assert_eq!(catalog_sentence(&loading).as_deref(), Some("Loading catalog… 40 %"));
    }

    #[test]
    fn remote_search_sentences() {
        let answered = SearchResponse { query: "lamp".into(), ..SearchResponse::default() };
        assert_eq!(query_sentence("lamp", &answered, false, false), "No results for “lamp”.");
        assert_eq!(query_sentence("lamps", &answered, true, false), "Searching for “lamps”…");
        assert_eq!(query_sentence("lamps", &answered, false, true), "The search for “lamps” failed.");
        // A fast answer on its way: the sentence still matches the results shown.
        assert_eq!(query_sentence("lamps", &answered, false, false), "No results for “lamp”.");
        assert_eq!(query_sentence("lamp", &SearchResponse::default(), false, false), "Searching for “lamp”…");
    }
}
