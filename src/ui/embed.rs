//! Hark on a site's own page (README "On your own site"): where it mounts, and the site's search input it attaches to.
//!
//! - No `[data-hark]` element: Hark takes the whole `<body>`, as the full page always has.
//! - `<div data-hark></div>`: Hark renders inside that element; the rest of the page is the site's.
//! - `<div data-hark data-hark-input="#site-search">`: Hark also drives the site's own `<input>`: it puts the
//!   microphone right after it, shows what is heard in it, and searches what is typed or submitted there. The
//!   options, status and results render inside the mount element.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element, EventTarget, HtmlElement, HtmlInputElement};

use super::mic_button::MicButton;
use super::search_box::use_shown_text;
use super::{App, QueryCtx};
use crate::speech::synthesis::Listener;

/// The element Hark mounts into, when the page has one.
pub const MOUNT_SELECTOR: &str = "[data-hark]";
/// The attribute naming (as a CSS selector) the site's search input Hark attaches to.
pub const INPUT_ATTRIBUTE: &str = "data-hark-input";
/// The attribute Hark sets on an attached input while it shows interim (not yet final) words.
pub const INTERIM_ATTRIBUTE: &str = "data-hark-interim";

/// Start the app: in the page's first `[data-hark]` element, else in `<body>` (what `mount_to_body` does; one
/// `mount_to` call keeps a single copy of the mounting code in the wasm).
pub fn mount() {
    let Some(parent) = mount_element().or_else(|| document().body()) else {
        log::warn!("Hark cannot start: the page has no <body>.");
        return;
    };
    leptos::mount::mount_to(parent, App).forget();
}

fn mount_element() -> Option<HtmlElement> {
    document().query_selector(MOUNT_SELECTOR).ok().flatten().and_then(|element| element.dyn_into().ok())
}

/// Where Hark runs on the page, provided by [`App`] as context.
#[derive(Clone, Copy)]
pub struct EmbedCtx(StoredValue<Placement, LocalStorage>);

/// The mount element and the attached input, if any.
struct Placement {
    mount: Option<HtmlElement>,
    input: Option<HtmlInputElement>,
}

impl EmbedCtx {
    /// Read the placement from the page: the `[data-hark]` element and the input its `data-hark-input` names.
    /// A selector that names no `<input>` is reported in the console, and Hark shows its own search box.
    pub fn detect() -> Self {
        let mount = mount_element();
        let input = mount.as_ref().and_then(|mount| mount.get_attribute(INPUT_ATTRIBUTE)).and_then(|selector| {
            let found = document().query_selector(&selector).ok().flatten().and_then(|e| e.dyn_into().ok());
            if found.is_none() {
                log::warn!("Hark: {INPUT_ATTRIBUTE}=\"{selector}\" names no <input> on this page; Hark shows its own search box.");
            }
            found
        });
        Self(StoredValue::new_local(Placement { mount, input }))
    }

    /// Whether Hark runs inside a site's page rather than as the whole page.
    pub fn is_embedded(&self) -> bool {
        self.0.with_value(|placement| placement.mount.is_some())
    }

    /// The site's own search input, when Hark is attached to one.
    pub fn attached_input(&self) -> Option<HtmlInputElement> {
        self.0.with_value(|placement| placement.input.clone())
    }

    /// Where the events are dispatched and result clicks are heard: the mount element, or `<body>`.
    pub fn event_target(&self) -> Option<EventTarget> {
        let mount = self.0.with_value(|placement| placement.mount.clone());
        mount.or_else(|| document().body()).map(Into::into)
    }

    /// The input people type into: the attached one, else Hark's own search box inside its mount element.
    pub fn search_input(&self) -> Option<HtmlElement> {
        if let Some(input) = self.attached_input() {
            return Some(input.into());
        }
        let root: Element = self.event_target()?.dyn_into().ok()?;
        root.query_selector("input[type=search]").ok().flatten().and_then(|e| e.dyn_into().ok())
    }

    /// Dispatch a bubbling `CustomEvent` named `name` with `detail`; false when a listener cancelled a cancelable
    /// one.
    pub fn dispatch(&self, name: &str, detail: &wasm_bindgen::JsValue, cancelable: bool) -> bool {
        let Some(target) = self.event_target() else { return true };
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(cancelable);
        init.set_detail(detail);
        match CustomEvent::new_with_event_init_dict(name, &init) {
            Ok(event) => target.dispatch_event(&event).unwrap_or(true),
            Err(error) => {
                log::warn!("Hark could not create the {name} event: {error:?}");
                true
            }
        }
    }
}

/// Drive the site's own `input`: show what is heard (interim words marked with [`INTERIM_ATTRIBUTE`]), search
/// what is typed, search and read aloud what its form submits, and put the microphone right after it.
#[component]
pub fn AttachedInput(
    /// The site's search input.
    input: HtmlInputElement,
) -> impl IntoView {
    let query: QueryCtx = expect_context();
    let (shown, interim) = use_shown_text();

    let field = input.clone();
    Effect::new(move |_| {
        let text = shown.get();
        // Writing `value` lays the field out again, and would move the caret while the person types.
        if field.value() != text {
            field.set_value(&text);
        }
        let _ = field.toggle_attribute_with_force(INTERIM_ATTRIBUTE, interim.get());
    });

    let typed = input.clone();
    let mut listeners = vec![Listener::new(&input, &["input"], move |_| query.search_typed(&typed.value()))];
    if let Some(form) = input.closest("form").ok().flatten() {
        let submitted = input.clone();
        listeners.push(Listener::new(&form, &["submit"], move |event| {
            event.prevent_default();
            query.submit(&submitted.value());
        }));
    }
    let listeners: Vec<Listener> = listeners
        .into_iter()
        .filter_map(|listener| listener.map_err(|error| log::warn!("Hark cannot follow the search input: {error:?}")).ok())
        .collect();
    // Kept for the component's lifetime; dropping them (with the slot) detaches Hark from the input.
    StoredValue::new_local(listeners);

    // The microphone renders in Hark's tree, then its slot moves right after the site's input: Leptos keeps
    // updating the button there, and removes it from there when Hark goes away. (Cheaper in the wasm than a portal.)
    let slot = NodeRef::<leptos::html::Span>::new();
    let anchor = input.clone();
    slot.on_load(move |span| {
        if let Err(error) = anchor.after_with_node_1(&span) {
            log::warn!("Hark cannot put the microphone beside the search input: {error:?}");
        }
    });
    view! {
        <span class="hark-mic-slot" node_ref=slot>
            <MicButton />
        </span>
    }
}
