//! The page's heading and footer, branded by `hark.json`'s `site` block (title, tagline, credits).

use leptos::prelude::*;

use super::embed::EmbedCtx;
use super::SearchCtx;
use crate::search::config::Branding;

/// The site's branding once its config is read; `None` until then.
fn use_branding() -> Memo<Option<Branding>> {
    let search: SearchCtx = expect_context();
    Memo::new(move |_| {
        // The loaded site is read untracked; the status changes when it arrives.
        search.status.track();
        search.with_loaded(|loaded| loaded.branding.clone())
    })
}

/// The heading and tagline. The full page shows Hark's own until the config names others; an embedded Hark
/// shows one only when `hark.json` has a `site` block (the site around it has its own heading otherwise).
#[component]
pub fn Masthead() -> impl IntoView {
    let embed: EmbedCtx = expect_context();
    let branding = use_branding();
    let shown = move || match branding.get() {
        Some(branding) if branding.custom || !embed.is_embedded() => Some(branding),
        Some(_) => None,
        None => (!embed.is_embedded()).then(Branding::default),
    };
    move || {
        shown().map(|Branding { title, tagline, .. }| {
            view! {
                <header class="masthead">
                    <h1 class="brand">{title}</h1>
                    <p class="tagline">{tagline}</p>
                </header>
            }
        })
    }
}

/// The keyboard shortcuts, the site's credits, and the WordNet notice when the bundled catalog is searched.
#[component]
pub fn Footer() -> impl IntoView {
    let branding = use_branding();
    let credits = move || branding.get().map(|branding| branding.credits).unwrap_or_default();
    let wordnet = move || branding.get().is_some_and(|branding| branding.wordnet);
    view! {
        <footer class="footer">
            <p class="shortcuts">
                "Press " <kbd>"Ctrl"</kbd> "+" <kbd>"Shift"</kbd> "+" <kbd>"."</kbd>
                " to talk, " <kbd>"Esc"</kbd> " to stop listening or reading, " <kbd>"/"</kbd> " to type."
            </p>
            {move || {
                credits()
                    .into_iter()
                    .map(|credit| view! { <p class="credits"><a href=credit.url>{credit.text}</a></p> })
                    .collect_view()
            }}
            {move || wordnet().then(|| view! {
                <p class="credits">
                    "Default catalog: " <a href="catalog/LICENSE-WordNet.txt">"WordNet 3.1"</a>
                    ", © Princeton University."
                </p>
            })}
        </footer>
    }
}
