//! The worker's browser half: the message listener, the catalog fetch with progress, and the replies.

use hark_engine::{finish_fold, parse_catalog, CatalogConfig, Index};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Start listening for the page's request.
pub fn listen() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        wasm_bindgen_futures::spawn_local(handle(event.data()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives for one request and is terminated by the page: the listener is meant to live as long.
    on_message.forget();
    post(&message("ready", &[]), None);
}

/// One request: fetch, parse, build, reply.
async fn handle(data: JsValue) {
    let text = |key: &str| Reflect::get(&data, &key.into()).ok().and_then(|value| value.as_string());
    let (Some(url), config) = (text("catalog"), text("config")) else {
        return fail("catalog", "the page sent no catalog URL");
    };
    let config: CatalogConfig = match config.as_deref().map(serde_json::from_str).transpose() {
        Ok(config) => config.unwrap_or_default(),
        Err(error) => return fail("config", &error.to_string()),
    };
    let bytes = match fetch_bytes(&url).await {
        Ok(bytes) => bytes,
        Err(Fetch::Status(status)) => {
            let status = JsValue::from(status);
            return post(&message("error", &[("error", "status".into()), ("status", status)]), None);
        }
        Err(Fetch::Network(detail)) => return fail("fetch", &detail),
    };
    post(&message("indexing", &[]), None);
    let catalog = match parse_catalog(&bytes, &config) {
        Ok(catalog) => catalog,
        Err(error) => return fail("catalog", &error.to_string()),
    };
    drop(bytes);
    let warnings: Array = catalog.warnings.iter().map(|warning| JsValue::from_str(&warning.to_string())).collect();
    // "line 57, invalid JSON at column 179": the status line names the lines left out.
    let skipped: Array = catalog.warnings.iter().filter_map(|warning| warning.skipped()).map(JsValue::from).collect();
    // The index carries the recognizer phrases, chosen here while it is built, off the page's main thread.
    let index = Index::build_with_folder(&catalog, &config, browser_fold);
    drop(catalog);
    let buffer = Uint8Array::from(index.as_bytes()).buffer();
    let done = message("done", &[("index", buffer.clone().into()), ("warnings", warnings.into()), ("skipped", skipped.into())]);
    post(&done, Some(&Array::of1(&buffer)));
}

/// Fold a word as the page does (`String.prototype.normalize`), so built and queried words agree.
fn browser_fold(word: &str, out: &mut String) {
    if word.is_ascii() {
        finish_fold(word, out);
    } else {
        let decomposed: String = js_sys::JsString::from(word).normalize("NFKD").into();
        finish_fold(&decomposed, out);
    }
}

/// Why the catalog could not be fetched.
enum Fetch {
    /// An HTTP error status.
    Status(u16),
    /// No answer (offline, blocked, reset), with the browser's message.
    Network(String),
}

/// GET `url` into memory, posting `{kind: "progress", percent}` when the size is known.
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, Fetch> {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let describe = |error: JsValue| {
        Fetch::Network(
            error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| format!("{error:?}")),
        )
    };
    let response: web_sys::Response =
        JsFuture::from(scope.fetch_with_str(url)).await.map_err(describe)?.unchecked_into();
    if !response.ok() {
        return Err(Fetch::Status(response.status()));
    }
    let total = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|length| length.parse::<f64>().ok())
        .filter(|&length| length > 0.0);
    let Some(body) = response.body() else {
        let buffer = JsFuture::from(response.array_buffer().map_err(describe)?).await.map_err(describe)?;
        return Ok(Uint8Array::new(&buffer).to_vec());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::with_capacity(total.map_or(0, |t| t.min(1e9) as usize));
    let mut last = None;
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(describe)?;
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|done| done.as_bool()).unwrap_or(true) {
            break;
        }
        if let Some(array) = Reflect::get(&chunk, &"value".into()).ok().and_then(|v| v.dyn_into::<Uint8Array>().ok())
        {
            let at = bytes.len();
            bytes.resize(at + array.length() as usize, 0);
            array.copy_to(&mut bytes[at..]);
        }
        // A compressed response reports its compressed length: never claim more than 99 % before the end.
        let percent = total.map(|total| ((bytes.len() as f64 / total) * 100.0).min(99.0) as u8);
        if let Some(shown) = percent.filter(|_| percent != last) {
            last = percent;
            post(&message("progress", &[("percent", JsValue::from(shown))]), None);
        }
    }
    Ok(bytes)
}

fn fail(error: &str, detail: &str) {
    post(&message("error", &[("error", error.into()), ("message", detail.into())]), None);
}

fn message(kind: &str, fields: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    let _ = Reflect::set(&object, &"kind".into(), &kind.into());
    for (key, value) in fields {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object
}

fn post(message: &Object, transfer: Option<&Array>) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let sent = match transfer {
        Some(transfer) => scope.post_message_with_transfer(message, transfer),
        None => scope.post_message(message),
    };
    if sent.is_err() {
        web_sys::console::error_1(&"hark-worker: could not post to the page".into());
    }
}
