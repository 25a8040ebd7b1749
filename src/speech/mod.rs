//! The browser speech layer: no UI here.
//!
//! - [`support`]: which APIs the browser has.
//! - [`recognition`]: one recognition session, its typed events, and cleanup on drop.
//! - [`use_speech_recognition`](mod@use_speech_recognition): the reactive hook the UI uses.
//! - [`machine`], [`transcript`], [`restart`]: the pure logic behind it (session states, result merging, restart
//!   throttle), tested on the host.
//! - [`languages`], [`error`]: the language list and typed errors with human messages.

pub mod error;
pub mod languages;
pub mod machine;
pub mod restart;
pub mod transcript;

pub mod recognition;
pub mod support;
pub mod use_speech_recognition;

pub use error::{RecognitionError, Recovery};
pub use machine::Phase;
pub use use_speech_recognition::{
    use_speech_recognition, use_speech_recognition_with_options, HeardPhrase, UseSpeechRecognitionOptions,
    UseSpeechRecognitionReturn,
};
