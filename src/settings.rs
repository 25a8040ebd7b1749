//! Preferences that survive a reload, persisted in localStorage.
//!
//! Each preference is one key holding a plain string, so a value written by an older or newer Hark, or by hand,
//! is read back or ignored, never a crash. Where storage is unavailable (private mode, blocked cookies) preferences
//! simply last for the visit.

use leptos::prelude::*;

use crate::speech::use_speech_synthesis::{PITCH_RANGE, RATE_RANGE};

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

/// Parse a number and keep it within `min..=max`; anything else (text, NaN) is ignored.
pub fn parse_in_range(text: &str, min: f64, max: f64) -> Option<f64> {
    crate::number::parse_decimal(text.trim()).map(|n| n.max(min).min(max))
}

/// A speech rate within [`RATE_RANGE`].
pub fn parse_rate(text: &str) -> Option<f64> {
    parse_in_range(text, RATE_RANGE.0, RATE_RANGE.1)
}

/// A speech pitch within [`PITCH_RANGE`].
pub fn parse_pitch(text: &str) -> Option<f64> {
    parse_in_range(text, PITCH_RANGE.0, PITCH_RANGE.1)
}

/// A number to one decimal place, "1.5": how a rate or pitch is stored and shown.
pub fn tenths(value: &f64) -> String {
    format!("{value:.1}")
}

/// A string preference kept as written.
pub fn parse_string(text: &str) -> Option<String> {
    Some(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_parsed_within_range_or_ignored() {
        assert_eq!(parse_rate("1.5"), Some(1.5));
        assert_eq!(parse_rate("9"), Some(2.0));
        assert_eq!(parse_pitch("-1"), Some(0.0));
        assert_eq!(parse_rate("NaN"), None);
        assert_eq!(parse_rate("fast"), None);
        assert_eq!(parse_bool("true"), Some(true));
        assert_eq!(parse_bool("yes"), None);
        assert_eq!(tenths(&1.5), "1.5");
        assert_eq!(tenths(&1.0), "1.0");
        assert_eq!(tenths(&0.94), "0.9");
        assert_eq!(tenths(&-0.5), "-0.5");
        assert_eq!(tenths(&2.0), "2.0");
    }
}
