#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

//! ## Modules
//!
//! - [`support`]: which APIs the browser has; [`capabilities`]: on-device recognition, phrases, false support.
//! - [`recognition`]: one recognition session, its typed events, and cleanup on drop.
//! - [`use_speech_recognition`](mod@use_speech_recognition): the reactive recognition hook.
//! - [`machine`], [`transcript`], [`restart`]: the pure logic behind it (session states, result merging, restart
//!   throttle), tested on the host.
//! - [`microphone`]: the page's own microphone capture and its level meter.
//! - [`error`]: typed errors with human messages.
//! - [`synthesis`]: utterances and voices with cleanup on drop; [`use_speech_synthesis`](mod@use_speech_synthesis):
//!   the reactive hook that reads aloud.
//! - [`queue`], [`text`], [`voices`]: the pure logic behind it (the piece queue and error recovery, sentences and
//!   numbers, voice choice), tested on the host.
//! - [`serial`]: one queue for browser events that arrive while an earlier one is still being handled.

pub mod error;
pub mod machine;
pub mod queue;
pub mod restart;
pub mod serial;
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
pub use machine::Phase;
pub use queue::SpeechItem;
pub use use_speech_recognition::{
    use_speech_recognition, use_speech_recognition_with_options, HeardPhrase,
    UseSpeechRecognitionOptions, UseSpeechRecognitionReturn,
};
pub use use_speech_synthesis::{
    use_speech_synthesis, use_speech_synthesis_with_options, UseSpeechSynthesisOptions,
    UseSpeechSynthesisReturn, VoicesState,
};
pub use voices::VoiceInfo;
