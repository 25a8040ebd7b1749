//! Checkbox "Recognize on this device": only where `SpeechRecognition.available` exists. It asks the browser
//! (with a timeout) whether the recognition language runs locally, downloads the language pack when the person
//! checks it and one is needed, remembers the choice per language, and offers the cloud when on-device
//! recognition fails.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::SpeechCtx;
use crate::settings::{parse_string, persisted};
use crate::speech::capabilities::{availability, install, on_device_supported, Availability};

/// Where on-device recognition stands for the recognition language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDeviceState {
    /// Asking the browser.
    Checking,
    /// What the browser said.
    Known(Availability),
    /// `install()` is downloading the language pack.
    Installing,
    /// `install()` settled without success.
    InstallFailed,
}

/// On-device recognition for the page, created before the recognizer (which reads [`Self::process_locally`]).
#[derive(Clone, Copy)]
pub struct OnDeviceCtx {
    /// Whether the browser offers on-device recognition at all.
    pub supported: bool,
    /// The recognition language.
    lang: Signal<String>,
    /// Tags (space-separated) the person chose on-device recognition for.
    chosen: RwSignal<String>,
    /// The state for the current language.
    pub state: RwSignal<OnDeviceState>,
}

impl OnDeviceCtx {
    /// Whether the person chose on-device recognition for the current language.
    pub fn is_chosen(&self) -> bool {
        let lang = self.lang.get();
        self.chosen.with(|chosen| chosen.split(' ').any(|tag| tag == lang))
    }

    /// Whether the recognizer should run on this device: chosen, and available.
    pub fn process_locally(&self) -> bool {
        self.supported && self.is_chosen() && self.state.get() == OnDeviceState::Known(Availability::Available)
    }

    /// The recognition language's name while its on-device language pack downloads, for the status line.
    pub fn downloading(&self) -> Option<String> {
        let downloading = self.is_chosen()
            && matches!(self.state.get(), OnDeviceState::Installing | OnDeviceState::Known(Availability::Downloading));
        downloading.then(|| {
            let lang = self.lang.get();
            crate::speech::languages::find(&lang).map_or(lang, |locale| locale.label())
        })
    }

    fn choose(&self, on: bool) {
        let lang = self.lang.get_untracked();
        self.chosen.update(|chosen| {
            let mut tags: Vec<&str> = chosen.split(' ').filter(|tag| !tag.is_empty() && *tag != lang).collect();
            if on {
                tags.push(&lang);
            }
            *chosen = tags.join(" ");
        });
    }
}

/// Set up on-device recognition for `lang`: asks `available()` whenever the language changes.
pub fn use_on_device(lang: Signal<String>) -> OnDeviceCtx {
    let supported = on_device_supported();
    let ctx = OnDeviceCtx {
        supported,
        lang,
        chosen: persisted("on-device", String::new(), parse_string, String::clone),
        state: RwSignal::new(OnDeviceState::Checking),
    };
    if supported {
        // The browser is the outside world: ask it about each language chosen.
        Effect::new(move |_| {
            let tag = lang.get();
            ctx.state.set(OnDeviceState::Checking);
            spawn_local(async move {
                let answer = availability(&tag).await;
                if lang.get_untracked() == tag {
                    ctx.state.set(OnDeviceState::Known(answer));
                }
            });
        });
    }
    ctx
}

/// The checkbox and its hint, under the language picker; nothing where on-device recognition does not exist.
#[component]
pub fn OnDeviceToggle() -> impl IntoView {
    let on_device: OnDeviceCtx = expect_context();
    let SpeechCtx(speech) = expect_context();
    let state = on_device.state;
    let checked = move || {
        on_device.is_chosen()
            && matches!(
                state.get(),
                OnDeviceState::Known(Availability::Available | Availability::Downloadable | Availability::Downloading)
                    | OnDeviceState::Installing
            )
    };
    let disabled = move || {
        matches!(
            state.get(),
            OnDeviceState::Checking | OnDeviceState::Installing | OnDeviceState::Known(Availability::Unavailable)
        )
    };
    let on_change = move |on: bool| {
        on_device.choose(on);
        if !on || state.get_untracked() != OnDeviceState::Known(Availability::Downloadable) {
            return;
        }
        state.set(OnDeviceState::Installing);
        let tag = on_device.lang.get_untracked();
        spawn_local(async move {
            let installed = install(&tag).await;
            if on_device.lang.get_untracked() == tag {
                state.set(if installed { OnDeviceState::Known(Availability::Available) } else { OnDeviceState::InstallFailed });
            }
        });
    };
    let hint = move || match state.get() {
        OnDeviceState::Checking => "checking whether this language runs on this device…",
        OnDeviceState::Known(Availability::Available) => "private and works offline",
        OnDeviceState::Known(Availability::Downloadable) => "the language pack is downloaded when you check this",
        OnDeviceState::Known(Availability::Downloading) | OnDeviceState::Installing => {
            "Downloading the language pack for this device…"
        }
        OnDeviceState::Known(Availability::Unavailable) => "This language can't be recognized on this device.",
        OnDeviceState::Known(Availability::Unknown) => "The browser did not say whether this language runs here.",
        OnDeviceState::InstallFailed => "The language pack could not be downloaded; the cloud is used.",
    };
    // A failure while recognising on the device: say so, and offer the cloud.
    let failed = move || {
        let error = speech.error.get()?;
        on_device.process_locally().then(|| format!("On-device recognition failed: {}", error.message()))
    };
    let show = on_device.supported;
    view! {
        <Show when=move || show>
            <div class="field toggle on-device">
                <input
                    type="checkbox"
                    id="on-device"
                    aria-describedby="on-device-hint"
                    prop:checked=checked
                    disabled=disabled
                    on:change:target=move |ev| on_change(ev.target().checked())
                />
                <label for="on-device">"Recognize on this device"</label>
                <span id="on-device-hint" class="hint" aria-live="polite">{hint}</span>
                {move || failed().map(|message| view! {
                    <p class="on-device-failed" role="alert">
                        {message} " "
                        <button type="button" on:click=move |_| on_device.choose(false)>"Use the cloud instead"</button>
                    </p>
                })}
            </div>
        </Show>
    }
}
