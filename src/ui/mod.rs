//! Components, following the UI contract in DESIGN.md (roles and accessible names are what tests find).
//!
//! - [`App`]: wires speech, query and settings together.
//! - [`mic_button`], [`search_box`], [`language_picker`], [`continuous_toggle`], [`status`], [`results`]:
//!   one control each.

mod app;
pub mod continuous_toggle;
pub mod keyboard;
pub mod language_picker;
pub mod mic_button;
pub mod results;
pub mod search_box;
pub mod status;
pub mod status_text;

pub use app::App;

use leptos::prelude::*;

/// The submitted query and the text in the search box, shared by the components through context.
#[derive(Clone, Copy)]
pub struct QueryCtx {
    /// The query results are shown for (mirrored in `?q=`).
    pub query: RwSignal<String>,
    /// What the search box holds while the person types.
    pub draft: RwSignal<String>,
}

/// Speech recognition state and actions, provided by [`App`].
#[derive(Clone, Copy)]
pub struct SpeechCtx(pub crate::speech::UseSpeechRecognitionReturn);

/// User preferences that survive a reload.
#[derive(Clone, Copy)]
pub struct SettingsCtx {
    /// Recognition language (BCP-47).
    pub lang: RwSignal<String>,
    /// Keep listening for the next query.
    pub continuous: RwSignal<bool>,
}
