//! Typed speech errors: every code the Web Speech API sends, a human message, and what to do next.
//!
//! Codes are read as strings (web-sys's `SpeechRecognitionErrorCode` is an old Gecko list that lacks
//! `phrases-not-supported`); an unknown code is kept as text rather than dropped.

/// What the person (or Hark) can do about an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Nothing went wrong from the person's point of view (e.g. Hark aborted on purpose): say nothing.
    Ignore,
    /// Try again: click the microphone and speak.
    Retry,
    /// The person must change something (permission, device, language): show an alert.
    NeedsAction,
    /// Voice input cannot work here; typing still does.
    TypeInstead,
}

/// An error reported by a recognition session (`SpeechRecognitionErrorEvent.error`), or by starting one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecognitionError {
    /// No speech was detected before the recognizer gave up.
    #[error("no-speech")]
    NoSpeech,
    /// Recognition was aborted (by Hark or by the browser).
    #[error("aborted")]
    Aborted,
    /// The microphone could not capture audio (missing, in use, or broken).
    #[error("audio-capture")]
    AudioCapture,
    /// The speech service could not be reached.
    #[error("network")]
    Network,
    /// The person, or the browser's policy, blocked the microphone.
    #[error("not-allowed")]
    NotAllowed,
    /// The browser does not allow this page to use its speech service.
    #[error("service-not-allowed")]
    ServiceNotAllowed,
    /// The chosen language is not recognised by this browser.
    #[error("language-not-supported")]
    LanguageNotSupported,
    /// Contextual phrases are not supported by this recognizer.
    #[error("phrases-not-supported")]
    PhrasesNotSupported,
    /// A code this version of Hark does not know, kept verbatim with the browser's message.
    #[error("{code}: {message}")]
    Other {
        /// The code as the browser sent it.
        code: String,
        /// The browser's message, possibly empty.
        message: String,
    },
    /// The browser has no speech recognition at all.
    #[error("unsupported")]
    Unsupported,
    /// The recognizer could not be created or started (a JS exception, kept as text).
    #[error("start failed: {0}")]
    StartFailed(String),
}

impl RecognitionError {
    /// The typed error for a code string as sent in `SpeechRecognitionErrorEvent.error`.
    pub fn from_code(code: &str, message: &str) -> Self {
        match code {
            "no-speech" => Self::NoSpeech,
            "aborted" => Self::Aborted,
            "audio-capture" => Self::AudioCapture,
            "network" => Self::Network,
            "not-allowed" => Self::NotAllowed,
            "service-not-allowed" => Self::ServiceNotAllowed,
            "language-not-supported" => Self::LanguageNotSupported,
            "phrases-not-supported" => Self::PhrasesNotSupported,
            other => Self::Other { code: other.to_string(), message: message.to_string() },
        }
    }

    /// What can be done about it.
    pub fn recovery(&self) -> Recovery {
        match self {
            Self::Aborted => Recovery::Ignore,
            Self::NoSpeech | Self::PhrasesNotSupported | Self::Other { .. } | Self::StartFailed(_) => Recovery::Retry,
            Self::AudioCapture | Self::NotAllowed | Self::ServiceNotAllowed | Self::LanguageNotSupported => {
                Recovery::NeedsAction
            }
            Self::Network | Self::Unsupported => Recovery::TypeInstead,
        }
    }

    /// Whether the session must stop for good (a restart would only fail again).
    pub fn is_fatal(&self) -> bool {
        !matches!(self, Self::NoSpeech | Self::Aborted | Self::PhrasesNotSupported)
    }

    /// A sentence for a person, with what to do next.
    pub fn message(&self) -> String {
        match self {
            Self::NoSpeech => "I didn't hear anything. Click the microphone and try again, a little closer.".into(),
            Self::Aborted => "Stopped listening.".into(),
            Self::AudioCapture => {
                "No microphone was found, or another app is using it. Check that one is connected, then try again."
                    .into()
            }
            Self::Network => {
                "Voice search needs the browser's speech service, which couldn't be reached. Check your connection, or type your search."
                    .into()
            }
            Self::NotAllowed => {
                "Microphone access is blocked. Click the microphone or lock icon in the address bar, allow the microphone for this site, then try again."
                    .into()
            }
            Self::ServiceNotAllowed => {
                "This browser doesn't allow speech recognition on this page. Try Chrome, Edge or Safari, or type your search."
                    .into()
            }
            Self::LanguageNotSupported => {
                "This browser can't recognise the chosen language. Pick another language, or type your search.".into()
            }
            Self::PhrasesNotSupported => "This browser ignores custom phrases; listening without them.".into(),
            Self::Other { code, .. } => {
                format!("Voice search stopped unexpectedly ({code}). Click the microphone to try again.")
            }
            Self::Unsupported => {
                "Voice search is not available in this browser. Type your search, or open Hark in Chrome, Edge or Safari to speak it."
                    .into()
            }
            Self::StartFailed(_) => "The microphone couldn't be started. Click it to try again.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: [&str; 8] = [
        "no-speech",
        "aborted",
        "audio-capture",
        "network",
        "not-allowed",
        "service-not-allowed",
        "language-not-supported",
        "phrases-not-supported",
    ];

    #[test]
    fn every_code_round_trips_to_a_typed_error() {
        for code in CODES {
            let error = RecognitionError::from_code(code, "");
            assert!(!matches!(error, RecognitionError::Other { .. }), "{code} not typed");
            assert_eq!(error.to_string(), code);
        }
    }

    #[test]
    fn unknown_codes_are_kept() {
        let error = RecognitionError::from_code("bad-grammar", "grammar rejected");
        assert_eq!(
            error,
            RecognitionError::Other { code: "bad-grammar".into(), message: "grammar rejected".into() }
        );
        assert!(error.message().contains("bad-grammar"));
    }

    #[test]
    fn every_error_has_a_distinct_human_message() {
        let mut messages: Vec<String> = CODES.iter().map(|c| RecognitionError::from_code(c, "").message()).collect();
        messages.sort();
        messages.dedup();
        assert_eq!(messages.len(), CODES.len());
        assert!(RecognitionError::NotAllowed.message().contains("Microphone"));
    }

    #[test]
    fn recoveries() {
        assert_eq!(RecognitionError::NotAllowed.recovery(), Recovery::NeedsAction);
        assert_eq!(RecognitionError::LanguageNotSupported.recovery(), Recovery::NeedsAction);
        assert_eq!(RecognitionError::NoSpeech.recovery(), Recovery::Retry);
        assert_eq!(RecognitionError::Aborted.recovery(), Recovery::Ignore);
        assert_eq!(RecognitionError::Network.recovery(), Recovery::TypeInstead);
        assert!(!RecognitionError::NoSpeech.is_fatal());
        assert!(RecognitionError::NotAllowed.is_fatal());
    }
}
