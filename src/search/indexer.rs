//! The indexing worker's client: starts `hark-worker` (a second wasm, fetched only when a catalog has no usable
//! prebuilt index), asks it to fetch and index a catalog, relays its progress, and returns the built index bytes.
//! The worker is terminated when the answer arrives or the future is dropped, which frees its memory.
//!
//! The protocol is documented in `worker/src/main.rs`.

use futures_channel::mpsc;
use futures_util::StreamExt;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::speech::recognition::describe;

/// The worker's loader script beside index.html (it loads `hark-worker.js` and `hark-worker_bg.wasm`, which trunk
/// writes unhashed: a worker is named at run time).
pub const WORKER_SCRIPT: &str = "worker-boot.js";

/// What the worker reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// Downloading the catalog; the percentage when the size is known.
    Downloading(Option<u8>),
    /// Parsing and indexing.
    Indexing,
}

/// Why indexing in the worker failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IndexerError {
    /// The browser could not start the worker (its script is missing, or workers are blocked).
    #[error("the indexing worker could not start ({0})")]
    Start(String),
    /// The catalog could not be downloaded: an HTTP status, or no answer with the browser's message.
    #[error("it could not be downloaded ({})", .message)]
    Fetch {
        /// The HTTP status, when there was an answer.
        status: Option<u16>,
        /// The browser's message.
        message: String,
    },
    /// The catalog is malformed (the message names the line or item and the field).
    #[error("{0}")]
    Catalog(String),
    /// The site config's engine keys are malformed.
    #[error("{0}")]
    Config(String),
}

/// A built index and the problems met on the way (skipped items).
pub struct Built {
    /// The index bytes, as `Index::to_bytes` writes them.
    pub bytes: Vec<u8>,
    /// One sentence per problem.
    pub warnings: Vec<String>,
    /// The bad lines or items left out, one each ("line 57, invalid JSON at column 179").
    pub skipped: Vec<String>,
}

/// Index the catalog at `catalog_url` (absolute) with the site config `config_text` in a Web Worker.
pub async fn index_in_worker(
    catalog_url: &str,
    config_text: &str,
    progress: impl Fn(Progress),
) -> Result<Built, IndexerError> {
    let worker = Worker::new(WORKER_SCRIPT).map_err(|error| IndexerError::Start(describe(&error)))?;
    let (sender, mut messages) = mpsc::unbounded::<JsValue>();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
        let sender = sender.clone();
        move |event: MessageEvent| {
            let _ = sender.unbounded_send(event.data());
        }
    });
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
        event.prevent_default();
        let error = Object::new();
        let _ = Reflect::set(&error, &"kind".into(), &"error".into());
        let _ = Reflect::set(&error, &"error".into(), &"start".into());
        let _ = Reflect::set(&error, &"message".into(), &event.message().into());
        let _ = sender.unbounded_send(error.into());
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let guard = Terminate { worker: worker.clone(), _on_message: on_message, _on_error: on_error };

    // Messages posted before the worker's wasm has started would be lost: it says "ready" first.
    let request = Object::new();
    let _ = Reflect::set(&request, &"catalog".into(), &catalog_url.into());
    let _ = Reflect::set(&request, &"config".into(), &config_text.into());

    while let Some(message) = messages.next().await {
        let text = |key: &str| Reflect::get(&message, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        match text("kind").as_str() {
            "ready" => worker.post_message(&request).map_err(|error| IndexerError::Start(describe(&error)))?,
            "progress" => {
                let percent = Reflect::get(&message, &"percent".into()).ok().and_then(|v| v.as_f64());
                progress(Progress::Downloading(percent.map(|p| p.clamp(0.0, 100.0) as u8)));
            }
            "indexing" => progress(Progress::Indexing),
            "done" => {
                let index = Reflect::get(&message, &"index".into()).unwrap_or(JsValue::UNDEFINED);
                let Some(buffer) = index.dyn_ref::<js_sys::ArrayBuffer>() else {
                    return Err(IndexerError::Start("the worker sent no index".into()));
                };
                let bytes = copy_in_slices(buffer).await;
                let strings = |key: &str| -> Vec<String> {
                    Reflect::get(&message, &key.into())
                        .ok()
                        .filter(|list| list.is_array())
                        .map(|list| js_sys::Array::from(&list).iter().filter_map(|w| w.as_string()).collect())
                        .unwrap_or_default()
                };
                let (warnings, skipped) = (strings("warnings"), strings("skipped"));
                drop(guard);
                return Ok(Built { bytes, warnings, skipped });
            }
            "error" => {
                let detail = text("message");
                return Err(match text("error").as_str() {
                    "status" => {
                        let status = Reflect::get(&message, &"status".into()).ok().and_then(|v| v.as_f64());
                        let status = status.map(|status| status.clamp(0.0, 999.0) as u16);
                        IndexerError::Fetch { message: format!("HTTP {}", status.unwrap_or(0)), status }
                    }
                    "fetch" => IndexerError::Fetch { status: None, message: detail },
                    "config" => IndexerError::Config(detail),
                    "catalog" => IndexerError::Catalog(detail),
                    _ => IndexerError::Start(detail),
                });
            }
            _ => {}
        }
    }
    Err(IndexerError::Start("the worker stopped without an answer".into()))
}

/// Bytes copied into wasm memory per task: a big index is copied over several tasks, so the page never blocks.
const COPY_SLICE: u32 = 4 << 20;

/// `buffer`'s bytes as a `Vec`, copied a slice at a time with a yield to the browser between slices.
async fn copy_in_slices(buffer: &js_sys::ArrayBuffer) -> Vec<u8> {
    let length = buffer.byte_length();
    let mut bytes = vec![0; length as usize];
    let mut at = 0;
    while at < length {
        let n = COPY_SLICE.min(length - at);
        let slice = Uint8Array::new_with_byte_offset_and_length(buffer, at, n);
        slice.copy_to(&mut bytes[at as usize..(at + n) as usize]);
        at += n;
        if at < length {
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
    }
    bytes
}

/// Owns the worker and its listeners: dropping it (an answer, an error, or the page no longer waiting) detaches
/// the listeners and terminates the worker before the closures are freed.
struct Terminate {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl Drop for Terminate {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
