//! The on-screen message a panic leaves (src/crash.rs), in headless Chromium: what it writes, that it writes it once,
//! and that a real panic after `install` puts it on the page before the test runner's own hook sees the panic.

use hark::crash::{install, show_message, MESSAGE, MESSAGE_ID, RELOAD};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a test page has a document")
}

fn remove_message() {
    if let Some(old) = document().get_element_by_id(MESSAGE_ID) {
        old.remove();
    }
}

#[wasm_bindgen_test]
fn the_message_is_an_alert_with_text_and_a_reload_button_first_in_the_body() {
    remove_message();
    assert!(show_message());
    let alert = document().get_element_by_id(MESSAGE_ID).expect("the message is on the page");
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    let body = document().body().expect("a body");
    assert_eq!(body.first_element_child().map(|e| e.id()).as_deref(), Some(MESSAGE_ID));
    let text = alert.query_selector("p").ok().flatten().and_then(|p| p.text_content());
    assert_eq!(text.as_deref(), Some(MESSAGE));
    assert!(MESSAGE.starts_with("Something went wrong — reload"));
    let button = alert.query_selector("button").ok().flatten().expect("a button");
    assert_eq!(button.get_attribute("type").as_deref(), Some("button"));
    assert_eq!(button.text_content().as_deref(), Some(RELOAD));
    // Text, not markup: the message has exactly its two elements.
    assert_eq!(alert.child_element_count(), 2);
    remove_message();
}

#[wasm_bindgen_test]
fn a_second_call_leaves_one_message() {
    remove_message();
    assert!(show_message());
    assert!(show_message());
    remove_message();
    assert!(document().get_element_by_id(MESSAGE_ID).is_none(), "a second message was left after removing one");
}

/// A real panic: the test runner's hook is wrapped so that it only hears of the panic when the message is already
/// on the page. Had `install`'s hook not written it (or panicked itself), the runner would see no "crash test" panic
/// and this `should_panic(expected)` test would fail.
#[wasm_bindgen_test]
#[should_panic(expected = "crash test: the message must be on screen")]
fn a_panic_after_install_shows_the_message_before_the_previous_hook_runs() {
    remove_message();
    let runner = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let shown = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(MESSAGE_ID))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            .is_some_and(|e| e.get_attribute("role").as_deref() == Some("alert"));
        if shown {
            runner(info);
        }
    }));
    install();
    panic!("crash test: the message must be on screen");
}
