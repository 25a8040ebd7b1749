use leptos::prelude::*; #[component] pub fn App() -> impl IntoView { view!{<p>"Hark"</p>} }
