use leptos::prelude::*;

use super::on_device::OnDeviceToggle;
use super::SettingsCtx;
use crate::speech::languages::{self, LANGUAGES};

/// Combobox "Recognition language": locales grouped by language, BCP-47 tags as values; under it, where the
/// browser has on-device recognition, checkbox "Recognize on this device".
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let SettingsCtx { lang, .. } = expect_context();
    let groups = LANGUAGES
        .iter()
        .map(|group| {
            let options = group
                .dialects
                .iter()
                .map(|&(tag, region)| {
                    let label = languages::Locale { tag, language: group.name, region }.label();
                    view! { <option value=tag selected=move || lang.get() == tag>{label}</option> }
                })
                .collect_view();
            view! { <optgroup label=group.name>{options}</optgroup> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="lang">"Recognition language"</label>
            <select
                id="lang"
                on:change:target=move |ev| {
                    if let Some(locale) = languages::find(&ev.target().value()) {
                        lang.set(locale.tag.to_string());
                    }
                }
            >
                {groups}
            </select>
        </div>
        <OnDeviceToggle />
    }
}
