//! The message a panic leaves on screen: "Something went wrong — reload", with a Reload button, in a `role="alert"`.
//!
//! The app builds with `panic = "abort"`, so after a panic the wasm instance traps and nothing in Rust runs again.
//! [`install`] sets a panic hook that writes the message with web-sys before that happens, and never panics itself
//! (every DOM call's failure is ignored). The Reload button calls the browser's own `location.reload` (bound in
//! JavaScript, not a Rust closure), so it works after the trap. `boot.js` writes the same markup, with the same id,
//! when the wasm cannot load or traps without a panic; whichever comes first is the one message shown.

use std::panic::PanicHookInfo;
use wasm_bindgen::{JsCast, JsValue};

/// The id of the message element (one per page; `boot.js` uses the same).
pub const MESSAGE_ID: &str = "hark-crash";
/// What the message says.
pub const MESSAGE: &str = "Something went wrong — reload the page to start again.";
/// The button's label.
pub const RELOAD: &str = "Reload";

/// Sets the panic hook: first the message on screen, then the hook that was there before (in the page,
/// `console_error_panic_hook`'s, which logs the panic).
pub fn install() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
        show_message();
        previous(info);
    }));
}

/// Puts the message at the top of the page, unless it is already there. Returns whether it is on the page now.
/// Never panics: a page without a document or a failing DOM call just gets no message.
pub fn show_message() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    if document.get_element_by_id(MESSAGE_ID).is_some() {
        return true;
    }
    write_message(&document).is_ok()
}

/// Builds `<div id="hark-crash" class="alert" role="alert"><p>…</p><button type="button">Reload</button></div>`.
fn write_message(document: &web_sys::Document) -> Result<(), JsValue> {
    let body = document.body().ok_or_else(|| JsValue::from_str("no body"))?;
    let alert = document.create_element("div")?;
    alert.set_id(MESSAGE_ID);
    alert.set_class_name("alert crash");
    alert.set_attribute("role", "alert")?;
    let text = document.create_element("p")?;
    text.set_text_content(Some(MESSAGE));
    let button = document.create_element("button")?;
    button.set_attribute("type", "button")?;
    button.set_text_content(Some(RELOAD));
    button.add_event_listener_with_callback("click", &reload_function()?)?;
    alert.append_child(&text)?;
    alert.append_child(&button)?;
    body.prepend_with_node_1(&alert)?;
    Ok(())
}

/// `location.reload` bound to `location`: a plain JavaScript function, callable once the wasm has trapped.
fn reload_function() -> Result<js_sys::Function, JsValue> {
    let location: JsValue = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?.location().into();
    let reload = js_sys::Reflect::get(&location, &JsValue::from_str("reload"))?.dyn_into::<js_sys::Function>()?;
    Ok(reload.bind0(&location))
}
