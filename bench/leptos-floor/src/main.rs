//! The floor under Hark's first load: the UI contract of `/work/shared/DESIGN.md` (a heading, the searchbox "Search",
//! the "Voice search" button, the `role="status"` line and the keyed `<ol aria-label="Results">`) on Leptos, and
//! nothing else: no engine, no speech, no settings. `cargo xtask bench --only size` builds it exactly as the page is
//! built and reports its gzip size beside Hark's, so the report shows how much of the first load is Leptos itself
//! and how much is what Hark's one wasm carries before "Ready".
//!
//! It is a working page (type and the list filters a few rows), so no code it needs is left out by the linker.

use leptos::prelude::*;

/// One row of the results list.
#[derive(Clone, PartialEq)]
struct Item {
    id: &'static str,
    title: &'static str,
    description: &'static str,
    category: &'static str,
}

const ITEMS: [Item; 3] = [
    Item { id: "1", title: "office chair", description: "a chair on wheels", category: "chairs" },
    Item { id: "2", title: "rocking chair", description: "a chair on rockers", category: "chairs" },
    Item { id: "3", title: "abacus", description: "counters on rods", category: "calculators" },
];

/// The items whose title contains `text` (all of them for blank text). No case folding: Rust's would link the
/// Unicode case tables, which Hark's page leaves to the browser.
fn matching(text: &str) -> Vec<Item> {
    let text = text.trim();
    ITEMS.iter().filter(|item| item.title.contains(text)).cloned().collect()
}

#[component]
fn Floor() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let listening = RwSignal::new(false);
    let results = Memo::new(move |_| query.with(|text| matching(text)));
    view! {
        <main>
            <h1>"Search"</h1>
            <input
                type="search"
                aria-label="Search"
                prop:value=move || query.get()
                on:input:target=move |ev| query.set(ev.target().value())
            />
            <button
                type="button"
                aria-label="Voice search"
                aria-pressed=move || listening.get().to_string()
                on:click=move |_| listening.update(|on| *on = !*on)
            >
                "Speak"
            </button>
            <p role="status">{move || format!("{} results", results.with(Vec::len))}</p>
            <ol aria-label="Results">
                <For each=move || results.get() key=|item| item.id let(item)>
                    <li class="result" data-id=item.id>
                        <h2 class="result-title">{item.title}</h2>
                        <p class="result-description">{item.description}</p>
                        <span class="result-category">{item.category}</span>
                    </li>
                </For>
            </ol>
        </main>
    }
}

fn main() {
    mount_to_body(Floor);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_filters_by_title() {
        let titles = |text: &str| matching(text).iter().map(|item| item.title).collect::<Vec<_>>();
        assert_eq!(titles(""), vec!["office chair", "rocking chair", "abacus"]);
        assert_eq!(titles(" chair "), vec!["office chair", "rocking chair"]);
        assert!(titles("lamp").is_empty());
    }
}
