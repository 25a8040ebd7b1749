use leptos::prelude::*;

use super::connection::ConnectionNote;
use super::continuous_toggle::ContinuousToggle;
use super::did_you_mean::DidYouMean;
use super::filters::Filters;
use super::refine::Refine;
use super::sort_by::SortBy;
use super::embed::{AttachedInput, EmbedCtx};
use super::events::use_events;
use super::header::{Footer, Masthead};
use super::keyboard::use_shortcuts;
use super::language_picker::LanguagePicker;
use super::level_meter::LevelMeter;
use super::mic_button::MicButton;
use super::read_aloud::{use_read_aloud, ReadAloudToggle, StopReading, VoiceSettings};
use super::results::Results;
use super::search_box::SearchBox;
use super::status::StatusLine;
use super::on_device::use_on_device;
use super::voice::{try_command, use_catalog_phrases, VoiceHelp};
use super::{QueryCtx, SettingsCtx, SpeechCtx, VoiceCtx};
use crate::search::use_search::use_search;
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
    // A link's filters and sort (`?price=lt100&f.Color=black&sort=price`, see `understand::params`).
    let linked = url_state::understood_params();
    if !linked.filters.is_empty() || linked.sort.is_some() {
        query.request.update_untracked(|request| {
            request.filters = linked.filters;
            request.sort = linked.sort;
        });
    }

    let on_device = use_on_device(settings.lang.into());
    let phrases = RwSignal::new(Vec::new());
    let speech = use_speech_recognition_with_options(
        UseSpeechRecognitionOptions::default()
            .lang(settings.lang)
            .continuous(settings.continuous)
            .process_locally(Signal::derive(move || on_device.process_locally()))
            .phrases(phrases)
            .on_phrase(move |heard| {
                // A whole utterance that is a command ("stop", "read the second one") is done, not searched.
                if try_command(voice, heard.phrase.text(), &settings.lang.get_untracked()) {
                    return;
                }
                let alternatives =
                    heard.phrase.alternatives.iter().map(|a| (a.transcript.clone(), a.confidence)).collect();
                let (lang, continuous) = (settings.lang.get_untracked(), settings.continuous.get_untracked());
                query.search_spoken_in(heard.phrase.text(), alternatives, &lang, continuous);
            }),
    );

    let search = use_search(query.request.into());
    use_catalog_phrases(search, phrases);
    let speech = SpeechCtx(speech);
    let reader = use_read_aloud(settings, query, search, speech);

    // Effects only synchronise with the outside world: the URL. `history.replaceState` costs milliseconds in Chrome,
    // so it waits until the results are painted, and a burst of keystrokes writes the address once.
    // On a shop catalog the address holds what was understood (the text left, the filters and the sort), so a
    // link reproduces the page; elsewhere the text as typed or said.
    Effect::new(move |previous: Option<gloo_timers::callback::Timeout>| {
        drop(previous);
        let text = query.request.with(|request| request.text.clone());
        let understood = search.answer.with(|answer| answer.is_current().then(|| answer.response.state.clone()).flatten());
        gloo_timers::callback::Timeout::new(url_state::WRITE_DELAY_MS, move || match understood {
            Some(state) => url_state::set_understood(&state),
            None => url_state::set_query(&text),
        })
    });

    provide_context(settings);
    provide_context(query);
    provide_context(speech);
    provide_context(reader);
    provide_context(voice);
    provide_context(on_device);
    provide_context(search);
    let embed = EmbedCtx::detect();
    provide_context(embed);
    use_shortcuts();
    use_events();

    // Attached to the site's own input, Hark adds only the microphone beside it; else it shows its own form.
    let attached = embed.attached_input();
    let own_form = attached.is_none().then(|| {
        view! {
            <form class="search" role="search" on:submit=move |ev| {
                ev.prevent_default();
                query.submit(&query.draft.get_untracked());
            }>
                <SearchBox />
                <MicButton />
            </form>
        }
    });
    let attached = attached.map(|input| view! { <AttachedInput input /> });

    view! {
        <Masthead />
        <main class="page">
            {own_form}
            {attached}
            <LevelMeter />
            <div class="options">
                <LanguagePicker />
                <ContinuousToggle />
                <ReadAloudToggle />
                <VoiceSettings />
            </div>
            <StatusLine />
            <ConnectionNote />
            <DidYouMean />
            <StopReading />
            <VoiceHelp />
            <div class="shop-controls">
                <Filters />
                <SortBy />
            </div>
            <Results />
            <Refine />
        </main>
        <Footer />
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
