//! Preferences that survive a reload, persisted in localStorage.
//!
//! Each preference is one key holding a plain string, so a value written by an older or newer Hark, or by hand,
//! is read back or ignored, never a crash. Where storage is unavailable (private mode, blocked cookies) preferences
//! simply last for the visit.

use leptos::prelude::*;

const PREFIX: &str = "hark.";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored string for `key`, if any.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(&format!("{PREFIX}{key}")).ok().flatten()
}

/// Store `value` under `key`; failures (quota, disabled storage) are logged and otherwise ignored.
pub fn save(key: &str, value: &str) {
    if let Some(storage) = storage() {
        if let Err(error) = storage.set_item(&format!("{PREFIX}{key}"), value) {
            log::warn!("could not save the {key} preference: {error:?}");
        }
    }
}

/// A signal initialised from storage (parsed with `parse`, else `default`) and written back whenever it changes.
pub fn persisted<T>(key: &'static str, default: T, parse: fn(&str) -> Option<T>, show: fn(&T) -> String) -> RwSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let signal = RwSignal::new(load(key).as_deref().and_then(parse).unwrap_or(default));
    // Effects only synchronise with the outside world: here, localStorage.
    Effect::new(move |previous: Option<T>| {
        let value = signal.get();
        if previous.as_ref() != Some(&value) {
            save(key, &show(&value));
        }
        value
    });
    signal
}

/// Parse "true"/"false".
pub fn parse_bool(text: &str) -> Option<bool> {
    text.parse().ok()
}
