//! The remote provider's browser half: one `fetch` per search to `{endpoint}/{index}/_search`, with an
//! `AbortController` for both the timeout and a newer query, owned by an [`InFlight`] handle that aborts on drop.
//!
//! Ordering: the caller keeps only the newest handle; dropping the older one aborts its request *and* marks it
//! cancelled, so even an answer that already arrived (its promise resolved, its callback queued) is never
//! delivered. Older results therefore never replace newer ones.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::config::RemoteConfig;
use super::json;
use super::remote::{error_for_status, parse_response, query_body, search_url, seconds, RemoteError};
use super::{SearchRequest, SearchResponse};
use crate::speech::recognition::describe;

/// After this long without an answer the page says "Searching…" (faster answers never flash it).
pub const SLOW_MS: u32 = 150;
/// The largest search answer read (a page of hits is kilobytes; a 50 MB answer would stall the page).
pub const MAX_ANSWER_BYTES: usize = 8 * 1024 * 1024;

/// Searches one OpenSearch/Elasticsearch index.
#[derive(Clone)]
pub struct RemoteSearch {
    config: Rc<RemoteConfig>,
}

/// What became of a request, as seen from inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Running,
    TimedOut,
    Cancelled,
}

/// A search under way. Dropping it aborts the request and guarantees its callback never runs.
#[must_use = "dropping the handle aborts the search"]
pub struct InFlight {
    controller: web_sys::AbortController,
    fate: Rc<Cell<Fate>>,
    // Owned so that they are cleared with the request (gloo's Timeout clears itself on drop).
    _timeout: Timeout,
    _slow: Timeout,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if self.fate.get() == Fate::Running {
            self.fate.set(Fate::Cancelled);
            self.controller.abort();
        }
    }
}

impl RemoteSearch {
    /// A provider for a validated `remote` block.
    pub fn new(config: RemoteConfig) -> Self {
        Self { config: Rc::new(config) }
    }

    /// The configuration it searches with.
    pub fn config(&self) -> &RemoteConfig {
        &self.config
    }

    /// Start searching for `request` from result `from`. `on_slow` runs once if no answer came within
    /// [`SLOW_MS`]; `on_done` runs once with the outcome, unless the handle was dropped first.
    pub fn start(
        &self,
        request: SearchRequest,
        from: u32,
        on_slow: impl FnOnce() + 'static,
        on_done: impl FnOnce(Result<SearchResponse, RemoteError>) + 'static,
    ) -> Result<InFlight, RemoteError> {
        let network = |error: JsValue| RemoteError::Network { detail: describe(&error) };
        let controller = web_sys::AbortController::new().map_err(network)?;
        let fate = Rc::new(Cell::new(Fate::Running));
        let timeout = {
            let (controller, fate) = (controller.clone(), fate.clone());
            Timeout::new(self.config.timeout_ms, move || {
                if fate.get() == Fate::Running {
                    fate.set(Fate::TimedOut);
                    controller.abort();
                }
            })
        };
        let slow = {
            let fate = fate.clone();
            Timeout::new(SLOW_MS, move || {
                if fate.get() == Fate::Running {
                    on_slow();
                }
            })
        };
        let config = self.config.clone();
        let signal = controller.signal();
        let task_fate = fate.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = fetch_search(&config, &request, from, &signal).await;
            let outcome = match (task_fate.get(), outcome) {
                (Fate::Cancelled, _) => return,
                (Fate::TimedOut, _) => Err(RemoteError::Timeout { seconds: seconds(config.timeout_ms) }),
                (Fate::Running, outcome) => outcome,
            };
            if let Err(RemoteError::Network { detail }) = &outcome {
                log::warn!("remote search: {detail}");
            }
            let outcome = outcome.map_err(name_missing_connection);
            // Done: a late timeout or a drop must no longer abort anything.
            task_fate.set(Fate::Cancelled);
            on_done(outcome);
        });
        Ok(InFlight { controller, fate, _timeout: timeout, _slow: slow })
    }
}

/// The error for an answer of `bytes` bytes, over [`MAX_ANSWER_BYTES`].
fn too_big_answer(bytes: f64) -> RemoteError {
    let mb = |n: f64| format!("{:.0} MB", n / (1024.0 * 1024.0));
    RemoteError::Malformed { detail: format!("it is {}, and Hark reads at most {}", mb(bytes), mb(MAX_ANSWER_BYTES as f64)) }
}

/// POST the query and read the whole answer (both steps stop when `signal` aborts).
async fn fetch_search(
    config: &RemoteConfig,
    request: &SearchRequest,
    from: u32,
    signal: &web_sys::AbortSignal,
) -> Result<SearchResponse, RemoteError> {
    let network = |error: JsValue| RemoteError::Network { detail: describe(&error) };
    let window = web_sys::window().ok_or_else(|| network(JsValue::from_str("no window")))?;
    let headers = web_sys::Headers::new().map_err(network)?;
    headers.set("Content-Type", "application/json").map_err(network)?;
    if let Some(header) = &config.header {
        // The config check rejects names and values `set` would throw on.
        headers.set(&header.name, &header.value).map_err(network)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers_headers(&headers);
    let body = json::stringify(&query_body(config, request, from)).map_err(|detail| RemoteError::Malformed { detail })?;
    init.set_body(&JsValue::from_str(&body));
    init.set_signal(Some(signal));
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&search_url(config), &init))
        .await
        .map_err(network)?
        .dyn_into()
        .map_err(network)?;
    let declared = response.headers().get("content-length").ok().flatten().and_then(|n| n.trim().parse::<u64>().ok());
    if let Some(too_big) = declared.filter(|&n| n > MAX_ANSWER_BYTES as u64) {
        return Err(too_big_answer(too_big as f64));
    }
    let body = JsFuture::from(response.text().map_err(network)?).await.map_err(network)?.as_string().unwrap_or_default();
    if body.len() > MAX_ANSWER_BYTES {
        return Err(too_big_answer(body.len() as f64));
    }
    match response.status() {
        200..=299 => parse_response(config, request, &body),
        // A reverse proxy whose cluster is down answers for it (bad gateway, unavailable, gateway timeout, with its
        // own page rather than the cluster's JSON error): to the visitor that is the same as no answer at all.
        status @ 502..=504 if !is_cluster_error(&body) => {
            Err(RemoteError::Network { detail: format!("the proxy answered HTTP {status}") })
        }
        status => Err(error_for_status(config, status, &body)),
    }
}

/// A failed fetch while the browser says it is offline is [`RemoteError::Offline`], which names the missing connection.
fn name_missing_connection(error: RemoteError) -> RemoteError {
    let offline = web_sys::window().is_some_and(|window| !window.navigator().on_line());
    match error {
        RemoteError::Network { .. } if offline => RemoteError::Offline,
        other => other,
    }
}

/// Whether an error answer is the cluster's own (`{"error": …}` JSON), not a proxy's page.
fn is_cluster_error(body: &str) -> bool {
    super::json::parse::<serde_json::Value>(body).is_ok_and(|answer| answer.get("error").is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_page_is_not_a_cluster_error() {
        assert!(is_cluster_error(r#"{"error": {"reason": "cluster is recovering"}}"#));
        assert!(!is_cluster_error("<html><body>502 Bad Gateway</body></html>"));
        assert!(!is_cluster_error(""));
    }
}
