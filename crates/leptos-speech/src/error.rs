//! Typed speech errors: every code the Web Speech API sends (recognition and synthesis), a human message, and what
//! to do next.
//!
//! Codes are read as strings (web-sys's `SpeechRecognitionErrorCode` is an old Gecko list that lacks
//! `phrases-not-supported`); an unknown code is kept as text rather than dropped.

/// What the person (or the app) can do about an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Nothing went wrong from the person's point of view (e.g. the hook aborted on purpose): say nothing.
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
    /// Recognition was aborted (by the hook or by the browser).
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
    /// A code this version of the crate does not know, kept verbatim with the browser's message.
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
                "Voice search is not available in this browser. Type your search, or open this page in Chrome, Edge or Safari to speak it."
                    .into()
            }
            Self::StartFailed(_) => "The microphone couldn't be started. Click it to try again.".into(),
        }
    }
}

/// What the reader does after a synthesis error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SynthesisRecovery {
    /// The reader's own cancel (or the browser's, as a result of it): say nothing, carry on.
    Ignore,
    /// This piece cannot be spoken; go on with the next one.
    Skip,
    /// No user gesture yet: keep the reading and start it again at the person's next click or key press.
    WaitForGesture,
    /// The chosen voice is missing: speak again with the browser's voice for the language.
    RetryWithoutVoice,
    /// Stop the reading and say why.
    Stop,
}

/// An error reported by an utterance (`SpeechSynthesisErrorEvent.error`), or by speaking one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SynthesisError {
    /// The utterance was removed from the queue before it started (`cancel()`).
    #[error("canceled")]
    Canceled,
    /// The utterance was stopped while speaking (`cancel()`).
    #[error("interrupted")]
    Interrupted,
    /// The audio output is in use by something else.
    #[error("audio-busy")]
    AudioBusy,
    /// No audio output device.
    #[error("audio-hardware")]
    AudioHardware,
    /// A network voice could not reach its service.
    #[error("network")]
    Network,
    /// No speech engine is available.
    #[error("synthesis-unavailable")]
    SynthesisUnavailable,
    /// The speech engine failed.
    #[error("synthesis-failed")]
    SynthesisFailed,
    /// No voice for the utterance's language.
    #[error("language-unavailable")]
    LanguageUnavailable,
    /// The chosen voice is not available.
    #[error("voice-unavailable")]
    VoiceUnavailable,
    /// The text is too long for the engine.
    #[error("text-too-long")]
    TextTooLong,
    /// Rate, pitch or volume out of range.
    #[error("invalid-argument")]
    InvalidArgument,
    /// Speaking is not allowed yet (Chrome: no user gesture on this page so far).
    #[error("not-allowed")]
    NotAllowed,
    /// A code this version of the crate does not know, kept verbatim.
    #[error("{0}")]
    Other(String),
    /// The browser has no speech synthesis.
    #[error("unsupported")]
    Unsupported,
    /// `speak()` threw or an utterance could not be made (the JS exception as text).
    #[error("speak failed: {0}")]
    SpeakFailed(String),
}

impl SynthesisError {
    /// The typed error for `SpeechSynthesisErrorEvent.error`.
    pub fn from_code(code: &str) -> Self {
        match code {
            "canceled" => Self::Canceled,
            "interrupted" => Self::Interrupted,
            "audio-busy" => Self::AudioBusy,
            "audio-hardware" => Self::AudioHardware,
            "network" => Self::Network,
            "synthesis-unavailable" => Self::SynthesisUnavailable,
            "synthesis-failed" => Self::SynthesisFailed,
            "language-unavailable" => Self::LanguageUnavailable,
            "voice-unavailable" => Self::VoiceUnavailable,
            "text-too-long" => Self::TextTooLong,
            "invalid-argument" => Self::InvalidArgument,
            "not-allowed" => Self::NotAllowed,
            other => Self::Other(other.to_string()),
        }
    }

    /// What the reader does next.
    pub fn recovery(&self) -> SynthesisRecovery {
        match self {
            Self::Canceled | Self::Interrupted => SynthesisRecovery::Ignore,
            Self::TextTooLong => SynthesisRecovery::Skip,
            Self::NotAllowed => SynthesisRecovery::WaitForGesture,
            Self::VoiceUnavailable => SynthesisRecovery::RetryWithoutVoice,
            _ => SynthesisRecovery::Stop,
        }
    }

    /// A sentence for a person, with what to do next.
    pub fn message(&self) -> String {
        match self {
            Self::Canceled | Self::Interrupted => "Stopped reading.".into(),
            Self::AudioBusy => "Can't read the results aloud: the sound output is busy. Close whatever is playing, then search again.".into(),
            Self::AudioHardware => "Can't read the results aloud: no speaker or headphones were found.".into(),
            Self::Network => "The voice needs a network connection that isn't there. Choose a voice on this device under Voice settings.".into(),
            Self::SynthesisUnavailable => "This device has no speech engine, so results can't be read aloud.".into(),
            Self::SynthesisFailed => "The speech engine failed while reading. Search again, or choose another voice.".into(),
            Self::LanguageUnavailable => "No voice speaks this language. Choose a voice under Voice settings.".into(),
            Self::VoiceUnavailable => "The chosen voice isn't available; reading with the default voice.".into(),
            Self::TextTooLong => "A result was too long to read aloud and was skipped.".into(),
            Self::InvalidArgument => "The speech rate or pitch was not accepted. Reset them under Voice settings.".into(),
            Self::NotAllowed => "Click anywhere or press a key to hear the results read aloud.".into(),
            Self::Other(code) => format!("Reading aloud stopped unexpectedly ({code})."),
            Self::Unsupported => "This browser can't read aloud.".into(),
            Self::SpeakFailed(_) => "The results couldn't be read aloud. Search again to retry.".into(),
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

    const SYNTHESIS_CODES: [&str; 12] = [
        "canceled",
        "interrupted",
        "audio-busy",
        "audio-hardware",
        "network",
        "synthesis-unavailable",
        "synthesis-failed",
        "language-unavailable",
        "voice-unavailable",
        "text-too-long",
        "invalid-argument",
        "not-allowed",
    ];

    #[test]
    fn every_synthesis_code_is_typed_with_its_own_message() {
        let mut messages = Vec::new();
        for code in SYNTHESIS_CODES {
            let error = SynthesisError::from_code(code);
            assert!(!matches!(error, SynthesisError::Other(_)), "{code} not typed");
            assert_eq!(error.to_string(), code);
            messages.push(error.message());
        }
        messages.sort();
        messages.dedup();
        // canceled and interrupted share "Stopped reading."
        assert_eq!(messages.len(), SYNTHESIS_CODES.len() - 1);
        let unknown = SynthesisError::from_code("brand-new");
        assert_eq!(unknown, SynthesisError::Other("brand-new".into()));
        assert!(unknown.message().contains("brand-new"));
    }

    #[test]
    fn synthesis_recoveries() {
        use SynthesisRecovery::*;
        assert_eq!(SynthesisError::Canceled.recovery(), Ignore);
        assert_eq!(SynthesisError::Interrupted.recovery(), Ignore);
        assert_eq!(SynthesisError::NotAllowed.recovery(), WaitForGesture);
        assert_eq!(SynthesisError::TextTooLong.recovery(), Skip);
        assert_eq!(SynthesisError::VoiceUnavailable.recovery(), RetryWithoutVoice);
        assert_eq!(SynthesisError::AudioBusy.recovery(), Stop);
        assert_eq!(SynthesisError::from_code("x").recovery(), Stop);
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
