//! Binary entry point: panic hooks (console log, on-screen message), logger, mount — nothing else.

fn main() {
    console_error_panic_hook::set_once();
    // After the logging hook, so a panic first puts "Something went wrong — reload" on screen, then logs.
    hark::crash::install();
    // A logger that cannot start is not worth failing the page for.
    let level = if cfg!(debug_assertions) { log::Level::Debug } else { log::Level::Warn };
    let _ = console_log::init_with_level(level);
    // Into the page's `[data-hark]` element when it has one, else the whole body.
    hark::ui::embed::mount();
}
