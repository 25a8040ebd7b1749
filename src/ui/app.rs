use std::rc::Rc;

use leptos::prelude::*;

use super::continuous_toggle::ContinuousToggle;
use super::keyboard::use_shortcuts;
use super::language_picker::LanguagePicker;
use super::mic_button::MicButton;
use super::read_aloud::{use_read_aloud, ReadAloudToggle, StopReading, VoiceSettings};
use super::results::Results;
use super::search_box::SearchBox;
use super::status::StatusLine;
use super::on_device::use_on_device;
use super::voice::{try_command, VoiceHelp};
use super::{CatalogStatus, QueryCtx, SearchCtx, SettingsCtx, SpeechCtx, VoiceCtx};
use crate::search::config::SpeakConfig;
use crate::search::loader::{load, LoadError, LoadProgress, Loaded};
use crate::search::remote_client::InFlight;
use crate::search::{Provider, SearchRequest, SearchResponse};
use crate::settings::{parse_bool, parse_pitch, parse_rate, parse_string, persisted, tenths};
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
        read_aloud: persisted("read-aloud", true, parse_bool, bool::to_string),
        voice: persisted("voice", String::new(), parse_string, String::clone),
        rate: persisted("rate", 1.0, parse_rate, tenths),
        pitch: persisted("pitch", 1.0, parse_pitch, tenths),
    };

    let initial = url_state::param("q").unwrap_or_default();
    // A shared link's query is final: its results are read aloud (after the person's first click, if the browser
    // insists on one).
    let voice = VoiceCtx::new(settings.read_aloud.get_untracked());
    let query = QueryCtx::new(initial, voice);

    let on_device = use_on_device(settings.lang.into());
    let speech = use_speech_recognition_with_options(
        UseSpeechRecognitionOptions::default()
            .lang(settings.lang)
            .continuous(settings.continuous)
            .process_locally(Signal::derive(move || on_device.process_locally()))
            .on_phrase(move |heard| {
                // A whole utterance that is a command ("stop", "read the second one") is done, not searched.
                if try_command(voice, heard.phrase.text(), &settings.lang.get_untracked()) {
                    return;
                }
                let alternatives =
                    heard.phrase.alternatives.iter().map(|a| (a.transcript.clone(), a.confidence)).collect();
                query.search_spoken(heard.phrase.text(), alternatives);
            }),
    );

    let search = use_catalog(query.request);
    let speech = SpeechCtx(speech);
    let reader = use_read_aloud(settings, query, search, speech);

    // Effects only synchronise with the outside world: the URL.
    Effect::new(move |_| query.request.with(|request| url_state::set_query(&request.text)));

    provide_context(settings);
    provide_context(query);
    provide_context(speech);
    provide_context(reader);
    provide_context(voice);
    provide_context(on_device);
    provide_context(search);
    use_shortcuts();

    view! {
        <header class="masthead">
            <h1 class="brand">"Hark"</h1>
            <p class="tagline">"Search by voice. Speak, see, listen."</p>
        </header>
        <main class="page">
            <form class="search" role="search" on:submit=move |ev| {
                ev.prevent_default();
                query.submit(&query.draft.get_untracked());
            }>
                <SearchBox />
                <MicButton />
            </form>
            <div class="options">
                <LanguagePicker />
                <ContinuousToggle />
                <ReadAloudToggle />
                <VoiceSettings />
            </div>
            <StatusLine />
            <StopReading />
            <VoiceHelp />
            <Results />
        </main>
        <footer class="footer">
            <p class="shortcuts">
                "Press " <kbd>"Ctrl"</kbd> "+" <kbd>"Shift"</kbd> "+" <kbd>"."</kbd>
                " to talk, " <kbd>"Esc"</kbd> " to stop listening or reading, " <kbd>"/"</kbd> " to type."
            </p>
            <p class="credits">
                "Default catalog: " <a href="catalog/LICENSE-WordNet.txt">"WordNet 3.1"</a>
                ", © Princeton University."
            </p>
        </footer>
    }
}

/// Load the catalog (with progress) and answer `request` from it once ready: synchronously from the embedded
/// engine, or asynchronously from a remote cluster, where a newer request aborts the one in flight.
fn use_catalog(request: RwSignal<SearchRequest>) -> SearchCtx {
    let progress = RwSignal::new(LoadProgress::Config);
    let catalog_override = url_state::param("catalog").filter(|url| !url.trim().is_empty());
    let config_url = url_state::param("config").filter(|url| !url.trim().is_empty());
    let loaded = LocalResource::new(move || {
        let (config_url, catalog_override) = (config_url.clone(), catalog_override.clone());
        async move { load(config_url, catalog_override, move |step| progress.set(step)).await.map(Rc::new) }
    });
    let status = Signal::derive(move || match loaded.get() {
        None => CatalogStatus::Loading(progress.get()),
        Some(Ok(loaded)) => {
            CatalogStatus::Ready { count: loaded.provider.document_count(), noun: loaded.noun.clone() }
        }
        Some(Err(error)) => CatalogStatus::Failed(error.to_string()),
    });
    let warnings = Signal::derive(move || match loaded.get() {
        Some(Ok(loaded)) => loaded.warnings.clone(),
        _ => Vec::new(),
    });
    let is_remote = Memo::new(move |_| {
        matches!(loaded.get(), Some(Ok(loaded)) if matches!(loaded.provider, Provider::Remote(_)))
    });
    let local_response = Memo::new(move |_| {
        let request = request.get();
        match loaded.get() {
            Some(Ok(loaded)) => match &loaded.provider {
                Provider::Local(search) => search.search(&request),
                Provider::Remote(_) => SearchResponse::default(),
            },
            _ => SearchResponse { query: request.text, ..SearchResponse::default() },
        }
    });
    let (remote_response, searching, error) = use_remote_search(request, loaded);
    let response = Signal::derive(move || {
        if is_remote.get() {
            remote_response.get()
        } else {
            local_response.get()
        }
    });
    let speak = Signal::derive(move || match loaded.get() {
        Some(Ok(loaded)) => loaded.speak.clone(),
        _ => SpeakConfig::default(),
    });
    SearchCtx { status, response, warnings, speak, searching: searching.into(), error: error.into() }
}

/// Answer `request` from the remote provider once `loaded` says there is one: the answer, whether it is slow
/// ("Searching…"), and why it failed.
fn use_remote_search(
    request: RwSignal<SearchRequest>,
    loaded: LocalResource<Result<Rc<Loaded>, LoadError>>,
) -> (RwSignal<SearchResponse>, RwSignal<bool>, RwSignal<Option<String>>) {
    let remote_response = RwSignal::new(SearchResponse::default());
    let searching = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // The cluster is the outside world: each request starts a fetch; the previous handle is dropped here, which
    // aborts its request and guarantees its answer is never applied (so an old, slow answer cannot win).
    Effect::new(move |previous: Option<Option<InFlight>>| {
        drop(previous);
        let request = request.get();
        let Some(Ok(loaded)) = loaded.get() else { return None };
        let Provider::Remote(remote) = &loaded.provider else { return None };
        if request.is_empty() {
            searching.set(false);
            error.set(None);
            remote_response.set(SearchResponse::default());
            return None;
        }
        // The last failure was about an older query; this one has not failed (yet).
        error.set(None);
        let started = remote.start(request, 0, move || searching.set(true), move |outcome| {
            searching.set(false);
            match outcome {
                Ok(response) => {
                    error.set(None);
                    remote_response.set(response);
                }
                Err(failure) => {
                    error.set(Some(failure.to_string()));
                    remote_response.set(SearchResponse::default());
                }
            }
        });
        match started {
            Ok(in_flight) => Some(in_flight),
            Err(failure) => {
                searching.set(false);
                error.set(Some(failure.to_string()));
                None
            }
        }
    });
    (remote_response, searching, error)
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
