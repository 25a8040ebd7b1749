//! The one human sentence the status line shows, and whether it needs the person's action (an alert).
//!
//! Pure: derived from the speech state and the query, tested on the host.

use crate::speech::text::plural;
use crate::speech::{Phase, RecognitionError, Recovery, SynthesisError, SynthesisRecovery};

/// The keyboard shortcut for the microphone, as README and the status line name it.
pub const SHORTCUT_LABEL: &str = "Ctrl+Shift+.";
/// The same shortcut for `aria-keyshortcuts` (Ctrl on Windows/Linux, ⌘ on macOS).
pub const SHORTCUT_ARIA: &str = "Control+Shift+Period Meta+Shift+Period";

/// Everything the status line depends on.
#[derive(Debug, Clone, Copy)]
pub struct StatusInput<'a> {
    /// The browser has speech recognition.
    pub supported: bool,
    /// Hark wants to listen.
    pub listening: bool,
    /// The recognition session's phase.
    pub phase: Phase,
    /// Continuous mode is on.
    pub continuous: bool,
    /// The last recognition error.
    pub error: Option<&'a RecognitionError>,
    /// Listening stopped by itself after a long silence.
    pub stopped_after_silence: bool,
    /// A sentence about the catalog ("Loading catalog… 40 %", "Ready — 14,180 things."), if any.
    pub catalog_sentence: Option<&'a str>,
    /// A sentence about the current results ("3 results for “lamp”."), when there is a query.
    pub search_sentence: Option<&'a str>,
    /// What the reader is doing ("Reading result 2 of 3…"), from [`reading_sentence`].
    pub reading_sentence: Option<&'a str>,
    /// The language whose on-device speech pack is downloading ("Deutsch"), if one is.
    pub downloading: Option<&'a str>,
    /// What the last voice command did ("Okay, reading result 2."), until the next search.
    pub acknowledgement: Option<&'a str>,
}

/// "Downloading the speech pack for Deutsch…": what the person waits for, and that typing works meanwhile.
pub fn download_sentence(language: &str) -> String {
    format!(
        "Downloading the speech pack for {language}, so this device can understand you without sending your voice          online. This can take a minute; you can type meanwhile."
    )
}

/// What reading aloud is doing, for [`reading_sentence`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadingInput<'a> {
    /// A reading is under way.
    pub speaking: bool,
    /// The reading waits for a click or key press (`not-allowed`).
    pub waiting_for_gesture: bool,
    /// The position of the result being read; `None` during the summary.
    pub current: Option<usize>,
    /// How many results the reading covers.
    pub count: usize,
    /// The last synthesis error.
    pub error: Option<&'a SynthesisError>,
}

/// "Reading 3 results…", "Reading result 2 of 3…", the click-to-hear request, or a synthesis error's message.
pub fn reading_sentence(input: ReadingInput<'_>) -> Option<String> {
    if input.waiting_for_gesture {
        return Some(SynthesisError::NotAllowed.message());
    }
    if input.speaking {
        let doing = match (input.current, input.count) {
            (Some(position), count) if count > 1 => format!("Reading result {} of {count}…", position + 1),
            (_, 0) => "Reading aloud…".to_string(),
            (_, count) => format!("Reading {count} {}…", plural(count, "result", "results")),
        };
        return Some(format!("{doing} Press Esc to stop."));
    }
    input.error.filter(|error| error.recovery() != SynthesisRecovery::Ignore).map(SynthesisError::message)
}

/// What the page says: a status sentence, and an alert when the person must act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusText {
    /// For the `role="status"` live region; never empty.
    pub status: String,
    /// For a `role="alert"`, when the person must do something.
    pub alert: Option<String>,
}

/// The status sentence for `input`.
pub fn status_text(input: StatusInput<'_>) -> StatusText {
    let idle = || {
        if let Some(reading) = input.reading_sentence {
            return match input.search_sentence {
                Some(search) => format!("{search} {reading}"),
                None => reading.to_string(),
            };
        }
        input.search_sentence.map(str::to_string).unwrap_or_else(|| {
            let hint = format!("Click the microphone or press {SHORTCUT_LABEL} to search by voice, or type your search.");
            match input.catalog_sentence {
                Some(catalog) => format!("{catalog} {hint}"),
                None => hint,
            }
        })
    };
    if !input.supported {
        let status = match input.search_sentence.or(input.catalog_sentence) {
            Some(sentence) => format!("{sentence} Voice search is not available in this browser; type your search."),
            None => RecognitionError::Unsupported.message(),
        };
        return StatusText { status, alert: None };
    }
    if let Some(error) = input.error.filter(|error| error.recovery() != Recovery::Ignore) {
        if !input.listening {
            return match error.recovery() {
                Recovery::NeedsAction | Recovery::TypeInstead => {
                    StatusText { status: "Voice search stopped.".into(), alert: Some(error.message()) }
                }
                _ => StatusText { status: error.message(), alert: None },
            };
        }
    }
    if input.stopped_after_silence && !input.listening {
        return StatusText {
            status: "Stopped listening after a long silence. Click the microphone to listen again.".into(),
            alert: None,
        };
    }
    let status = match (input.listening, input.phase) {
        (true, Phase::Idle | Phase::Starting) => {
            "Starting the microphone… If your browser asks, allow it to hear you.".to_string()
        }
        (true, Phase::Listening) if input.continuous => {
            "Listening… say a search. Click the microphone to stop.".to_string()
        }
        (true, Phase::Listening) => "Listening… speak now.".to_string(),
        (true, Phase::Restarting) => "Still listening… say a search.".to_string(),
        (true, Phase::Paused) => {
            format!("{} Listening again when I finish.", input.reading_sentence.unwrap_or("Reading aloud…"))
        }
        (_, Phase::Hearing) => "Hearing you…".to_string(),
        (false, Phase::Stopping) => "Finishing…".to_string(),
        _ => idle(),
    };
    let status = match input.downloading {
        Some(language) => format!("{} {status}", download_sentence(language)),
        None => status,
    };
    let status = match input.acknowledgement {
        Some(acknowledgement) => format!("{acknowledgement} {status}"),
        None => status,
    };
    StatusText { status, alert: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> StatusInput<'static> {
        StatusInput {
            supported: true,
            listening: false,
            phase: Phase::Idle,
            continuous: false,
            error: None,
            stopped_after_silence: false,
            catalog_sentence: None,
            search_sentence: None,
            reading_sentence: None,
            downloading: None,
            acknowledgement: None,
        }
    }

    #[test]
    fn downloads_and_command_acknowledgements_are_said_in_plain_words() {
        let downloading = status_text(StatusInput { downloading: Some("Deutsch"), ..base() }).status;
        assert!(downloading.starts_with("Downloading the speech pack for Deutsch, so this device"), "{downloading}");
        assert!(downloading.contains("you can type meanwhile"), "{downloading}");
        let acknowledged = status_text(StatusInput {
            acknowledgement: Some("Okay, here are the next results."),
            search_sentence: Some("Results 11 to 20 for “lamp”."),
            ..base()
        });
        assert_eq!(acknowledged.status, "Okay, here are the next results. Results 11 to 20 for “lamp”.");
        assert_eq!(acknowledged.alert, None);
    }

    #[test]
    fn reading_aloud_is_described() {
        let reading = |speaking, current, count| {
            reading_sentence(ReadingInput { speaking, current, count, ..ReadingInput::default() })
        };
        assert_eq!(reading(true, None, 3).as_deref(), Some("Reading 3 results… Press Esc to stop."));
        assert_eq!(reading(true, Some(1), 3).as_deref(), Some("Reading result 2 of 3… Press Esc to stop."));
        assert_eq!(reading(true, Some(0), 1).as_deref(), Some("Reading 1 result… Press Esc to stop."));
        assert_eq!(reading(true, None, 0).as_deref(), Some("Reading aloud… Press Esc to stop."));
        assert_eq!(reading(false, None, 3), None);
        let waiting = reading_sentence(ReadingInput { waiting_for_gesture: true, ..ReadingInput::default() });
        assert!(waiting.is_some_and(|text| text.starts_with("Click anywhere")));
        let own_cancel = reading_sentence(ReadingInput { error: Some(&SynthesisError::Interrupted), ..ReadingInput::default() });
        assert_eq!(own_cancel, None);
        let busy = reading_sentence(ReadingInput { error: Some(&SynthesisError::AudioBusy), ..ReadingInput::default() });
        assert_eq!(busy, Some(SynthesisError::AudioBusy.message()));

        let line = status_text(StatusInput {
            search_sentence: Some("3 results for “lamp”."),
            reading_sentence: Some("Reading 3 results… Press Esc to stop."),
            ..base()
        });
        assert_eq!(line.status, "3 results for “lamp”. Reading 3 results… Press Esc to stop.");
        let paused = status_text(StatusInput {
            listening: true,
            phase: Phase::Paused,
            continuous: true,
            reading_sentence: Some("Reading result 1 of 3… Press Esc to stop."),
            ..base()
        });
        assert!(paused.status.ends_with("Listening again when I finish."), "{}", paused.status);
    }

    #[test]
    fn every_state_has_its_own_sentence() {
        let idle = status_text(base()).status;
        assert!(idle.contains(SHORTCUT_LABEL));
        let asking = status_text(StatusInput { listening: true, phase: Phase::Starting, ..base() }).status;
        let listening = status_text(StatusInput { listening: true, phase: Phase::Listening, ..base() }).status;
        let hearing = status_text(StatusInput { listening: true, phase: Phase::Hearing, ..base() }).status;
        let mut all = vec![idle, asking.clone(), listening.clone(), hearing];
        assert!(asking.contains("allow"));
        assert!(listening.starts_with("Listening"));
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 4);
    }

    #[test]
    fn errors_needing_action_are_alerts() {
        for error in [
            RecognitionError::NotAllowed,
            RecognitionError::AudioCapture,
            RecognitionError::ServiceNotAllowed,
            RecognitionError::LanguageNotSupported,
            RecognitionError::Network,
        ] {
            let text = status_text(StatusInput { error: Some(&error), ..base() });
            assert_eq!(text.alert.as_deref(), Some(error.message().as_str()));
        }
        let no_speech = status_text(StatusInput { error: Some(&RecognitionError::NoSpeech), ..base() });
        assert_eq!(no_speech.alert, None);
        assert!(no_speech.status.contains("didn't hear"));
        let aborted = status_text(StatusInput { error: Some(&RecognitionError::Aborted), ..base() });
        assert_eq!(aborted, status_text(base()));
    }

    #[test]
    fn unsupported_browsers_say_why_and_keep_the_search_sentence() {
        let text = status_text(StatusInput { supported: false, ..base() });
        assert!(text.status.contains("not available"));
        let with_search =
            status_text(StatusInput { supported: false, search_sentence: Some("3 results for “lamp”."), ..base() });
        assert!(with_search.status.starts_with("3 results"));
        assert!(with_search.status.contains("not available"));
    }

    #[test]
    fn the_catalog_state_leads_the_idle_sentence() {
        let text = status_text(StatusInput { catalog_sentence: Some("Ready — 14,180 things."), ..base() });
        assert!(text.status.starts_with("Ready — 14,180 things. Click the microphone"), "{}", text.status);
        let searching = StatusInput {
            catalog_sentence: Some("Ready — 14,180 things."),
            search_sentence: Some("2 results for “lamp”."),
            ..base()
        };
        assert_eq!(status_text(searching).status, "2 results for “lamp”.");
    }

    #[test]
    fn silence_timeout_is_explained() {
        let text = status_text(StatusInput { stopped_after_silence: true, ..base() });
        assert!(text.status.contains("silence"));
    }
}
