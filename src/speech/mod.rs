//! Hark's speech layer. The hooks and their browser glue are the [`leptos_speech`] crate (`crates/leptos-speech`),
//! re-exported here so the app's paths stay `crate::speech::…`; what is Hark's own stays in this module:
//!
//! - [`coordinator`]: who may talk when (listening, reading aloud, the button's press and hold), pure;
//!   [`commands`]: whether an utterance is one of Hark's voice commands, in the recognition language.
//! - [`languages`]: the recognition languages the picker offers.
//! - [`template`]: the spoken templates a site's `hark.json` can set for reading results aloud;
//!   [`read_back`]: what Hark says around the results in its own words, in the listener's language.

pub mod commands;
pub mod coordinator;
pub mod languages;
pub mod read_back;
pub mod template;

pub use leptos_speech::{
    capabilities, error, machine, microphone, queue, recognition, restart, serial, support,
    synthesis, text, transcript, use_speech_recognition, use_speech_synthesis, voices,
};
pub use leptos_speech::{
    use_speech_recognition_with_options, use_speech_synthesis_with_options, HeardPhrase, Phase,
    RecognitionError, Recovery, SpeechItem, SynthesisError, SynthesisRecovery,
    UseSpeechRecognitionOptions, UseSpeechRecognitionReturn, UseSpeechSynthesisOptions,
    UseSpeechSynthesisReturn, VoiceInfo, VoicesState,
};
