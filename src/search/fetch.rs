//! Fetching a file's bytes with progress (`fetch` + a stream reader), for the catalog and index.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::speech::recognition::describe;

/// The most a download reserves up front from its Content-Length (it still grows past it as bytes arrive).
const PREALLOCATE_AT_MOST: usize = 64 << 20;

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The file does not exist (HTTP 404).
    #[error("{url} was not found")]
    NotFound {
        /// The URL asked for.
        url: String,
    },
    /// Another HTTP error status.
    #[error("{url} answered HTTP {status}")]
    Status {
        /// The URL asked for.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The request did not complete (offline, blocked, reset).
    #[error("{url} could not be reached ({detail})")]
    Network {
        /// The URL asked for.
        url: String,
        /// The browser's error.
        detail: String,
    },
}

/// Fetch `url` and return its bytes; `on_progress` receives a percentage when the size is known.
pub async fn fetch_bytes(url: &str, on_progress: impl Fn(Option<u8>)) -> Result<Vec<u8>, FetchError> {
    let network = |error: JsValue| FetchError::Network { url: url.to_string(), detail: describe(&error) };
    let window = web_sys::window().ok_or_else(|| network(JsValue::from_str("no window")))?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str(url)).await.map_err(network)?.unchecked_into();
    match response.status() {
        200..=299 => {}
        404 => return Err(FetchError::NotFound { url: url.to_string() }),
        status => return Err(FetchError::Status { url: url.to_string(), status }),
    }
    let total: Option<u64> = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|length| length.trim().parse().ok())
        .filter(|&length| length > 0);
    let Some(body) = response.body() else {
        // No stream (an old browser): read it whole.
        let buffer = JsFuture::from(response.array_buffer().map_err(network)?).await.map_err(network)?;
        return Ok(Uint8Array::new(&buffer).to_vec());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    // Reserve what the server announced, up to 64 MB: a wrong or hostile Content-Length must not exhaust memory.
    let mut bytes = Vec::with_capacity(total.map_or(0, |t| usize::try_from(t).unwrap_or(0).min(PREALLOCATE_AT_MOST)));
    let mut last_percent = None;
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(network)?;
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|done| done.as_bool()).unwrap_or(true) {
            break;
        }
        if let Ok(value) = Reflect::get(&chunk, &"value".into()) {
            if let Some(array) = value.dyn_ref::<Uint8Array>() {
                let at = bytes.len();
                bytes.resize(at + array.length() as usize, 0);
                array.copy_to(&mut bytes[at..]);
            }
        }
        // A compressed response reports its compressed length: never claim more than 99 % before the end.
        let percent = total.map(|total| ((bytes.len() as f64 / total as f64) * 100.0).min(99.0) as u8);
        if percent != last_percent {
            last_percent = percent;
            on_progress(percent);
        }
    }
    Ok(bytes)
}
