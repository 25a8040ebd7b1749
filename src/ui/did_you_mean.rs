use leptos::prelude::*;

use super::{QueryCtx, SearchCtx};

/// "Did you mean <runner-up>?" under the status line, when the recognizer's runner-up leads to clearly different
/// results (see `search::understood::clearly_different`); the button searches for it.
#[component]
pub fn DidYouMean() -> impl IntoView {
    let query: QueryCtx = expect_context();
    let search: SearchCtx = expect_context();
    let runner_up = move || search.answer.with(|a| a.is_current().then(|| a.response.did_you_mean.clone()).flatten());
    move || {
        runner_up().map(|text| {
            let target = text.clone();
            view! {
                <p class="did-you-mean">
                    "Did you mean "
                    <button type="button" class="suggestion" on:click=move |_| query.submit(&target)>{text}</button>
                    "?"
                </p>
            }
        })
    }
}
