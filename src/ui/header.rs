//! The page's heading and footer, branded by `hark.json`'s `site` block (title, tagline, credits).

use leptos::prelude::*;

use super::embed::EmbedCtx;
use super::{CatalogStatus, SearchCtx};
use crate::search::config::Branding;

/// The site's branding as soon as its config is read; Hark's own when the config could not be read; `None` while
/// it is being read.
fn use_branding() -> Memo<Option<Branding>> {
    let search: SearchCtx = expect_context();
    Memo::new(move |_| {
        search.branding.get().or_else(|| search.status.with(|status| matches!(status, CatalogStatus::Failed(_)).then(Branding::default)))
    })
}

/// The heading and tagline. The full page keeps their space empty while `hark.json` is read (so a site's own
/// title never follows a flash of Hark's), then shows the config's, or Hark's own; an embedded Hark shows one only
/// when `hark.json` has a `site` block (the site around it has its own heading otherwise). A site's title is also
/// the document's.
#[component]
pub fn Masthead() -> impl IntoView {
    let embed: EmbedCtx = expect_context();
    let branding = use_branding();
    Effect::new(move |_| {
        if let Some(Branding { custom: true, title, .. }) = branding.get() {
            if !embed.is_embedded() {
                document().set_title(&title);
            }
        }
    });
    move || match branding.get() {
        Some(Branding { title, tagline, custom, .. }) if custom || !embed.is_embedded() => Some(
            view! {
                <header class="masthead">
                    <h1 class="brand">{title}</h1>
                    <p class="tagline">{tagline}</p>
                </header>
            }
            .into_any(),
        ),
        Some(_) => None,
        None => (!embed.is_embedded()).then(|| {
            view! {
                <header class="masthead" aria-hidden="true">
                    <p class="brand">"\u{a0}"</p>
                    <p class="tagline">"\u{a0}"</p>
                </header>
            }
            .into_any()
        }),
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
