use leptos::prelude::*;

use super::continuous_toggle::ContinuousToggle;
use super::keyboard::use_shortcuts;
use super::language_picker::LanguagePicker;
use super::mic_button::MicButton;
use super::results::Results;
use super::search_box::SearchBox;
use super::status::StatusLine;
use super::{QueryCtx, SettingsCtx, SpeechCtx};
use crate::settings::{parse_bool, persisted};
use crate::speech::{languages, use_speech_recognition_with_options, UseSpeechRecognitionOptions};
use crate::url_state;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    remove_boot_message();

    let browser_default = languages::default_tag(browser_languages().iter().map(String::as_str));
    let settings = SettingsCtx {
        lang: persisted(
            "lang",
            browser_default.to_string(),
            |stored| languages::find(stored).map(|locale| locale.tag.to_string()),
            String::clone,
        ),
        continuous: persisted("continuous", false, parse_bool, bool::to_string),
    };

    let initial = url_state::param("q").unwrap_or_default();
    let query = QueryCtx { query: RwSignal::new(initial.trim().to_string()), draft: RwSignal::new(initial) };

    let speech = use_speech_recognition_with_options(
        UseSpeechRecognitionOptions::default()
            .lang(settings.lang)
            .continuous(settings.continuous)
            .on_phrase(move |heard| {
                let text = heard.phrase.text().to_string();
                query.draft.set(text.clone());
                query.query.set(text);
            }),
    );

    // Effects only synchronise with the outside world: the URL.
    Effect::new(move |_| url_state::set_query(&query.query.get()));

    provide_context(settings);
    provide_context(query);
    provide_context(SpeechCtx(speech));
    use_shortcuts();

    view! {
        <header class="masthead">
            <h1 class="brand">"Hark"</h1>
            <p class="tagline">"Search by voice. Speak, see, listen."</p>
        </header>
        <main class="page">
            <form class="search" role="search" on:submit=move |ev| {
                ev.prevent_default();
                query.query.set(query.draft.get_untracked().trim().to_string());
            }>
                <SearchBox />
                <MicButton />
            </form>
            <div class="options">
                <LanguagePicker />
                <ContinuousToggle />
            </div>
            <StatusLine />
            <Results />
        </main>
        <footer class="footer">
            <p>
                "Press " <kbd>"Ctrl"</kbd> "+" <kbd>"Shift"</kbd> "+" <kbd>"."</kbd>
                " to talk, " <kbd>"Esc"</kbd> " to stop, " <kbd>"/"</kbd> " to type."
            </p>
        </footer>
    }
}

/// The browser's preferred languages (`navigator.languages`, else `navigator.language`).
fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|window| window.navigator()) else { return vec![] };
    let list: Vec<String> = navigator.languages().iter().filter_map(|value| value.as_string()).collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

/// index.html shows "Loading Hark…" until the app mounts.
fn remove_boot_message() {
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
}
