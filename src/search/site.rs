//! The site: `hark.json` (or the same-origin file `?config=` names), read once at start. What the items are called
//! and what is read aloud come from here; the catalog and the provider come from it through [`super::loader`].

use super::config::SiteConfig;
use super::fetch::{fetch_bytes, FetchError};
use super::loader::LoadError;

/// Where the site config is, unless `?config=` names another file of the same site (`cargo xtask serve --remote`
/// opens the page with `?config=hark.remote.json`).
pub const DEFAULT_CONFIG: &str = "hark.json";

/// A loaded site config.
pub struct Site {
    /// The parsed keys.
    pub config: SiteConfig,
    /// The file's text, handed to the indexing worker (it reads the engine's keys itself).
    pub text: String,
    /// Where it came from (named in messages).
    pub url: String,
}

/// Read the site config from `config_url` (default [`DEFAULT_CONFIG`]; a missing default file means the defaults).
/// `catalog_override` (`?catalog=`) replaces the catalog for this visit.
pub async fn load_site(config_url: Option<String>, catalog_override: Option<String>) -> Result<Site, LoadError> {
    let url = match config_url {
        Some(url) if !is_same_origin(&url) => return Err(LoadError::NotSameOrigin(url)),
        Some(url) => url,
        None => DEFAULT_CONFIG.to_string(),
    };
    let (mut config, text) = match fetch_bytes(&url, |_| {}).await {
        Ok(bytes) => {
            let config = SiteConfig::parse(&bytes).map_err(|detail| LoadError::Config { file: url.clone(), detail })?;
            (config, String::from_utf8_lossy(&bytes).into_owned())
        }
        Err(FetchError::NotFound { .. }) if url == DEFAULT_CONFIG => (SiteConfig::default(), String::from("{}")),
        Err(error) => return Err(error.into()),
    };
    if let Some(catalog) = catalog_override {
        if !is_same_origin(&catalog) {
            return Err(LoadError::NotSameOrigin(catalog));
        }
        config.catalog = Some(catalog);
        config.index = None;
        config.remote = None;
    }
    Ok(Site { config, text, url })
}

/// Whether `url` (absolute or relative to the page) is on the page's own origin.
pub fn is_same_origin(url: &str) -> bool {
    let Some(location) = web_sys::window().map(|window| window.location()) else { return false };
    let (Ok(href), Ok(origin)) = (location.href(), location.origin()) else { return false };
    web_sys::Url::new_with_base(url, &href).is_ok_and(|resolved| resolved.origin() == origin)
}

/// `url` resolved against the page (what a worker, whose base is its own script, must be given).
pub fn absolute(url: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new_with_base(url, &href).ok().map(|resolved| resolved.href())
}
