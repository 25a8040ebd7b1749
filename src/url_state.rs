//! The current query mirrored in the page URL (`?q=`, and on a shop catalog the filters and sort beside it, see
//! `search::understand::params`), so a search can be shared and reloaded.

use wasm_bindgen::JsValue;

use crate::search::understand::{from_params, to_params, State};

/// How long the address waits after the last change of the query before it is written (off the path from a
/// result to its paint, and once per burst of typing).
pub const WRITE_DELAY_MS: u32 = 150;

/// The value of the query parameter `name` in the current URL.
pub fn param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Put `query` in `?q=` (removed when empty) without reloading or adding a history entry per keystroke.
pub fn set_query(query: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(href) = window.location().href() else { return };
    let Ok(url) = web_sys::Url::new(&href) else { return };
    let params = url.search_params();
    let query = query.trim();
    if params.get("q").as_deref().unwrap_or("") == query {
        return;
    }
    if query.is_empty() {
        params.delete("q");
    } else {
        params.set("q", query);
    }
    url.set_search(&params.to_string().as_string().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
    }
}

/// The filters and sort in the current URL (its text left empty).
pub fn understood_params() -> State {
    let params = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok());
    let pairs: Vec<(String, String)> = params
        .map(|params| {
            js_sys::Array::from(&params.entries().into())
                .iter()
                .filter_map(|entry| {
                    let entry = js_sys::Array::from(&entry);
                    Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
                })
                .collect()
        })
        .unwrap_or_default();
    from_params(pairs.iter().map(|(key, value)| (key.as_str(), value.as_str())))
}

/// Whether `key` is one of the understood state's parameters (`price`, `sort`, `f.…`, `n.…`).
fn is_understood_key(key: &str) -> bool {
    key == "price" || key == "sort" || key.starts_with("f.") || key.starts_with("n.")
}

/// Put `state` in the URL: its text in `?q=`, its filters and sort beside it (others, like `config`, are kept).
pub fn set_understood(state: &State) {
    let Some(window) = web_sys::window() else { return };
    let Ok(href) = window.location().href() else { return };
    let Ok(url) = web_sys::Url::new(&href) else { return };
    let before = url.search();
    // Live: changing these changes `url`.
    let params = url.search_params();
    let keys: Vec<String> = js_sys::Array::from(&params.keys().into()).iter().filter_map(|k| k.as_string()).collect();
    for key in keys.iter().filter(|key| is_understood_key(key) || *key == "q") {
        params.delete(key);
    }
    if !state.text.trim().is_empty() {
        params.set("q", state.text.trim());
    }
    for (key, value) in to_params(state) {
        params.append(&key, &value);
    }
    if url.search() == before {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
    }
}
