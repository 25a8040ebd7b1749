//! Reading results aloud: the synthesis hook connected to the coordinator (which decides when Hark reads and holds
//! the recognizer meanwhile), keeping the result being read in view, and the controls: checkbox "Read results
//! aloud", buttons "Stop reading", "Pause reading" / "Resume reading", and the "Voice settings" (combobox "Voice",
//! sliders "Speech rate" and "Speech pitch").

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::reading::split_at_word;
use super::{CatalogStatus, QueryCtx, ReaderCtx, SearchCtx, SettingsCtx, SpeechCtx};
use crate::speech::coordinator::Event;
use crate::settings::{parse_in_range, tenths};
use crate::speech::use_speech_synthesis::{PITCH_RANGE, RATE_RANGE};
use crate::speech::voices::voices_for;
use crate::speech::{use_speech_synthesis_with_options, UseSpeechSynthesisOptions, VoiceInfo, VoicesState};

/// Set up reading aloud for the page: the synthesis hook with the person's voice settings, connected to the
/// coordinator of listening and reading ([`super::VoiceCtx`], which decides when to read). Returns the context the
/// controls use.
///
/// Hark never hears itself: while it reads, the recognizer is held (a live session aborted, restarts put off) and
/// listening resumes shortly after the reading ends if the person still wants to listen (see
/// [`crate::speech::machine`] and [`crate::speech::coordinator`]).
pub fn use_read_aloud(settings: SettingsCtx, query: QueryCtx, search: SearchCtx, speech: SpeechCtx) -> ReaderCtx {
    let synth = use_speech_synthesis_with_options(
        UseSpeechSynthesisOptions::default()
            .lang(settings.lang)
            .voice(settings.voice)
            .rate(settings.rate)
            .pitch(settings.pitch),
    );
    let reader = ReaderCtx(synth);
    let voice = query.voice;
    voice.connect(speech, reader, query, search, settings.lang.into());

    // The coordinator is told what the outside world does: whether reading is on and possible, when the current
    // request is answered (a remote provider answers later), and when synthesis speaks.
    Effect::new(move |_| voice.send(Event::ReadAloudChanged(settings.read_aloud.get() && can_read(reader))));
    Effect::new(move |_| {
        let seq = query.request.with(|request| request.seq);
        match search.status.get() {
            CatalogStatus::Ready { .. } => {
                if search.answer.with(|answer| answer.seq == seq && answer.is_current()) {
                    voice.send(Event::Answered { seq });
                }
            }
            CatalogStatus::Failed(_) => voice.send(Event::Unanswerable { seq }),
            CatalogStatus::Loading(_) => {}
        }
    });
    Effect::new(move |previous: Option<bool>| {
        let busy = synth.is_speaking.get() || synth.waiting_for_gesture.get();
        if previous != Some(busy) {
            voice.send(if busy { Event::ReadingStarted } else { Event::ReadingEnded });
        }
        busy
    });

    // Keep the result being read in view (only scrolls when it is not).
    Effect::new(move |_| {
        if let Some(position) = synth.current_tag.get() {
            scroll_into_view_if_needed(position);
        }
    });

    reader
}

/// Whether reading aloud can work here: synthesis exists and voices are (or may still be) installed.
fn can_read(reader: ReaderCtx) -> bool {
    reader.0.is_supported.get() && reader.0.voices_state.get() != VoicesState::Unavailable
}

fn scroll_into_view_if_needed(position: usize) {
    let selector = format!(".result-list > li:nth-child({})", position + 1);
    let Some(item) = document().query_selector(&selector).ok().flatten() else { return };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"block".into(), &"nearest".into());
    let scroll = js_sys::Reflect::get(&item, &"scrollIntoView".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(scroll) = scroll {
        let _ = scroll.call1(&item, &JsValue::from(options));
    }
}

/// Checkbox "Read results aloud"; disabled, with the reason, where nothing can be read aloud.
#[component]
pub fn ReadAloudToggle() -> impl IntoView {
    let SettingsCtx { read_aloud, .. } = expect_context();
    let reader: ReaderCtx = expect_context();
    let why_not = move || {
        if !reader.0.is_supported.get() {
            Some("This browser can't read aloud.")
        } else if reader.0.voices_state.get() == VoicesState::Unavailable {
            Some("No voices are installed, so results can't be read aloud.")
        } else {
            None
        }
    };
    view! {
        <div class="field toggle">
            <input
                type="checkbox"
                id="read-aloud"
                aria-describedby="read-aloud-hint"
                prop:checked=move || read_aloud.get() && can_read(reader)
                disabled=move || !can_read(reader)
                on:change:target=move |ev| read_aloud.set(ev.target().checked())
            />
            <label for="read-aloud">"Read results aloud"</label>
            <span id="read-aloud-hint" class="hint" class:why-not=move || why_not().is_some()>
                {move || why_not().unwrap_or("the summary and the top results")}
            </span>
        </div>
    }
}

/// Buttons "Stop reading" and "Pause reading" / "Resume reading", present only while Hark reads.
#[component]
pub fn StopReading() -> impl IntoView {
    let reader: ReaderCtx = expect_context();
    let paused = move || reader.0.is_paused.get();
    view! {
        <Show when=move || reader.0.is_speaking.get()>
            <div class="reading-controls">
                <SpokenWord />
                <button type="button" class="stop-reading" aria-keyshortcuts="Escape" on:click=move |_| reader.stop()>
                    <span aria-hidden="true" class="stop-icon"></span>
                    "Stop reading"
                </button>
                <Show
                    when=paused
                    fallback=move || view! {
                        <button type="button" class="pause-reading" on:click=move |_| reader.0.pause.run(())>
                            "Pause reading"
                        </button>
                    }
                >
                    <button type="button" class="resume-reading" on:click=move |_| reader.0.resume.run(())>
                        "Resume reading"
                    </button>
                </Show>
            </div>
        </Show>
    }
}

/// The piece being read, with the word being spoken marked, where the voice sends word boundaries.
#[component]
fn SpokenWord() -> impl IntoView {
    let reader: ReaderCtx = expect_context();
    let parts = move || {
        let text = reader.0.spoken_text.get()?;
        let boundary = reader.0.boundary.get()?;
        let (before, word, after) = split_at_word(&text, boundary.char_index, boundary.char_length)?;
        Some((before.to_string(), word.to_string(), after.to_string()))
    };
    move || {
        parts().map(|(before, word, after)| {
            view! { <p class="spoken-text">{before}<mark class="spoken-word">{word}</mark>{after}</p> }
        })
    }
}

/// "Voice settings": combobox "Voice" (voices for the recognition language, best first; every voice when none
/// fits), sliders "Speech rate" and "Speech pitch".
#[component]
pub fn VoiceSettings() -> impl IntoView {
    let SettingsCtx { lang, voice, rate, pitch, .. } = expect_context();
    let reader: ReaderCtx = expect_context();
    let offered = move || {
        reader.0.voices.with(|voices| {
            let fitting = voices_for(voices, &lang.get());
            let shown: Vec<usize> = if fitting.is_empty() { (0..voices.len()).collect() } else { fitting };
            shown.into_iter().map(|i| voices[i].clone()).collect::<Vec<VoiceInfo>>()
        })
    };
    let chosen = move || reader.0.voice.get().map(|voice| voice.uri).unwrap_or_default();
    let options = move || {
        let chosen = chosen();
        let offered = offered();
        if offered.is_empty() {
            return view! { <option value="">"No voices"</option> }.into_any();
        }
        offered
            .into_iter()
            .map(|voice| {
                let selected = voice.uri == chosen;
                view! { <option value=voice.uri.clone() selected=selected>{voice.label()}</option> }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <details class="voice-settings">
            <summary>"Voice settings"</summary>
            <div class="voice-fields">
                <div class="field">
                    <label for="voice">"Voice"</label>
                    <select
                        id="voice"
                        disabled=move || reader.0.voices.with(Vec::is_empty)
                        on:change:target=move |ev| voice.set(ev.target().value())
                    >
                        {options}
                    </select>
                </div>
                <Slider id="rate" label="Speech rate" value=rate range=RATE_RANGE unit="×" />
                <Slider id="pitch" label="Speech pitch" value=pitch range=PITCH_RANGE unit="" />
            </div>
        </details>
    }
}

/// A labelled `<input type="range">` in steps of 0.1 with its value shown beside it.
#[component]
fn Slider(
    /// The input's id.
    id: &'static str,
    /// Its accessible name.
    label: &'static str,
    /// The setting it changes.
    value: RwSignal<f64>,
    /// Least and greatest value.
    range: (f64, f64),
    /// Shown after the number ("×").
    unit: &'static str,
) -> impl IntoView {
    let shown = move || format!("{}{unit}", tenths(&value.get()));
    view! {
        <div class="field range">
            <label for=id>{label}</label>
            <input
                type="range"
                id=id
                min=tenths(&range.0)
                max=tenths(&range.1)
                step="0.1"
                prop:value=move || tenths(&value.get())
                aria-valuetext=shown
                on:input:target=move |ev| {
                    if let Some(number) = parse_in_range(&ev.target().value(), range.0, range.1) {
                        value.set(number);
                    }
                }
            />
            <span class="range-value" aria-hidden="true">{shown}</span>
        </div>
    }
}
