//! Binary entry point: panic hook, logger, mount — nothing else.

fn main() {
    console_error_panic_hook::set_once();
    // A logger that cannot start is not worth failing the page for.
    let level = if cfg!(debug_assertions) { log::Level::Debug } else { log::Level::Warn };
    let _ = console_log::init_with_level(level);
    // Into the page's `[data-hark]` element when it has one, else the whole body.
    hark::ui::embed::mount();
}
