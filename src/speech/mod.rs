//! The browser speech layer: no UI here.
//!
//! - [`support`]: which APIs the browser has; [`capabilities`]: on-device recognition, phrases, false support.
//! - [`recognition`]: one recognition session, its typed events, and cleanup on drop.
//! - [`use_speech_recognition`](mod@use_speech_recognition): the reactive hook the UI uses.
//! - [`machine`], [`transcript`], [`restart`]: the pure logic behind it (session states, result merging, restart
//!   throttle), tested on the host.
//! - [`coordinator`]: who may talk when (listening, reading aloud, the button's press and hold), pure;
//!   [`commands`]: whether an utterance is a voice command, in the recognition language.
//! - [`languages`], [`error`]: the language list and typed errors with human messages.
//! - [`synthesis`]: utterances and voices with cleanup on drop; [`use_speech_synthesis`](mod@use_speech_synthesis):
//!   the reactive hook that reads aloud.
//! - [`queue`], [`text`], [`template`], [`voices`]: the pure logic behind it (the piece queue and error recovery,
//!   sentences and numbers, spoken templates, voice choice), tested on the host.

pub mod commands;
pub mod coordinator;
pub mod error;
pub mod languages;
pub mod machine;
pub mod queue;
pub mod restart;
pub mod serial;
pub mod template;
pub mod text;
pub mod transcript;
pub mod voices;

pub mod capabilities;
pub mod microphone;
pub mod recognition;
pub mod support;
pub mod synthesis;
pub mod use_speech_recognition;
pub mod use_speech_synthesis;

pub use error::{RecognitionError, Recovery, SynthesisError, SynthesisRecovery};
pub use queue::SpeechItem;
pub use machine::Phase;
pub use use_speech_recognition::{
    use_speech_recognition, use_speech_recognition_with_options, HeardPhrase, UseSpeechRecognitionOptions,
    UseSpeechRecognitionReturn,
};
pub use use_speech_synthesis::{
    use_speech_synthesis, use_speech_synthesis_with_options, UseSpeechSynthesisOptions, UseSpeechSynthesisReturn,
    VoicesState,
};
pub use voices::VoiceInfo;
