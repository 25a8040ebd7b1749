use leptos::prelude::*;

use super::SettingsCtx;

/// Checkbox "Continuous": keep listening for the next query.
#[component]
pub fn ContinuousToggle() -> impl IntoView {
    let SettingsCtx { continuous, .. } = expect_context();
    view! {
        <div class="field toggle">
            <input
                type="checkbox"
                id="continuous"
                aria-describedby="continuous-hint"
                prop:checked=move || continuous.get()
                on:change:target=move |ev| continuous.set(ev.target().checked())
            />
            <label for="continuous">"Continuous"</label>
            <span id="continuous-hint" class="hint">"keep listening for the next search"</span>
        </div>
    }
}
