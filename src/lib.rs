//! Hark: voice search for the web.
//!
//! - [`crash`]: the on-screen message a panic leaves ("Something went wrong — reload").
//! - [`number`]: decimal numbers read from text (the browser's `parseFloat` in the page).
//! - [`speech`]: the browser speech layer (no UI): support detection, recognition sessions, hooks, languages, errors.
//! - [`ui`]: Leptos components that follow the UI contract in DESIGN.md.
//! - [`search`]: the seam between the UI and the search providers (the embedded engine).
//! - [`settings`]: preferences persisted in localStorage.
//! - [`url_state`]: the query mirrored in `?q=`.

pub mod crash;
pub mod number;
pub mod search;
pub mod settings;
pub mod speech;
pub mod ui;
pub mod url_state;
