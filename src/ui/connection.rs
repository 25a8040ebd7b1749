//! Whether the browser is online (`navigator.onLine`, kept current by the `online` and `offline` events), and the
//! note the page shows while it is not: what still works (the service worker keeps the app and its catalog, and
//! recognition on the device needs no network) and what needs a connection (cloud recognition, a search server).

use leptos::ev;
use leptos::prelude::*;

use super::on_device::{OnDeviceCtx, OnDeviceState};
use super::{CatalogStatus, SearchCtx, SpeechCtx};
use crate::speech::capabilities::Availability;

/// What the offline note depends on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OfflineInput {
    /// The catalog is searched on a server (the remote engine), not in the page.
    pub remote: bool,
    /// The browser has speech recognition at all.
    pub voice_supported: bool,
    /// Recognition runs on this device (chosen and available).
    pub on_device: bool,
    /// On-device recognition is available for the language but not chosen.
    pub on_device_available: bool,
}

/// The note for a page without a network connection.
pub fn offline_note(input: OfflineInput) -> String {
    if input.remote {
        return "You're offline. This site searches on its server, so searching needs a connection again.".into();
    }
    if !input.voice_supported {
        return "You're offline. Typed search still works.".into();
    }
    if input.on_device {
        return "You're offline. Typed search and voice search on this device still work.".into();
    }
    let mut note = String::from("You're offline. Typed search still works, but cloud recognition needs a connection.");
    if input.on_device_available {
        note.push_str(" Check “Recognize on this device” to search by voice offline.");
    }
    note
}

/// Whether the browser is online, updated by its `online` and `offline` events.
pub fn use_online() -> ReadSignal<bool> {
    let online = web_sys::window().map(|window| window.navigator().on_line()).unwrap_or(true);
    let (online, set_online) = signal(online);
    // The page lives as long as the app: the listeners are never removed.
    let _ = window_event_listener(ev::online, move |_| set_online.set(true));
    let _ = window_event_listener(ev::offline, move |_| set_online.set(false));
    online
}

/// The offline note under the status line (`.offline-note`, in a polite live region); nothing while online.
#[component]
pub fn ConnectionNote() -> impl IntoView {
    let online = use_online();
    let search: SearchCtx = expect_context();
    let SpeechCtx(speech) = expect_context();
    let on_device: OnDeviceCtx = expect_context();
    let note = move || {
        if online.get() {
            return None;
        }
        let local = on_device.process_locally();
        Some(offline_note(OfflineInput {
            remote: matches!(search.status.get(), CatalogStatus::Ready { count: None, .. }),
            voice_supported: speech.is_supported.get(),
            on_device: local,
            on_device_available: on_device.supported
                && !local
                && on_device.state.get() == OnDeviceState::Known(Availability::Available),
        }))
    };
    view! {
        <div class="connection" aria-live="polite">
            {move || note().map(|text| view! { <p class="offline-note">{text}</p> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_says_what_still_works_offline() {
        let cloud = offline_note(OfflineInput { voice_supported: true, ..OfflineInput::default() });
        assert_eq!(cloud, "You're offline. Typed search still works, but cloud recognition needs a connection.");
        let could = offline_note(OfflineInput { voice_supported: true, on_device_available: true, ..OfflineInput::default() });
        assert!(could.starts_with(&cloud) && could.ends_with("to search by voice offline."), "{could}");
        let local = offline_note(OfflineInput { voice_supported: true, on_device: true, ..OfflineInput::default() });
        assert!(local.contains("voice search on this device still work"), "{local}");
        assert!(!local.contains("cloud"));
        let typed = offline_note(OfflineInput::default());
        assert_eq!(typed, "You're offline. Typed search still works.");
    }

    #[test]
    fn a_server_search_needs_the_connection() {
        let remote = offline_note(OfflineInput { remote: true, voice_supported: true, on_device: true, ..OfflineInput::default() });
        assert!(remote.contains("needs a connection"), "{remote}");
        assert!(!remote.contains("still work"), "nothing is searchable offline: {remote}");
    }
}
