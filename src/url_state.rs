//! The current query mirrored in the page URL (`?q=`), so a search can be shared and reloaded.

use wasm_bindgen::JsValue;

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
