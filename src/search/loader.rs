//! Loading the catalog at start: `hark.json`, then a prebuilt index or a catalog indexed in the page, with progress;
//! or, when `hark.json` has a `remote` block, nothing more: the remote provider is ready at once.

use hark_engine::{parse_catalog, Index};

use super::config::{SiteConfig, SpeakConfig};
use super::fetch::{fetch_bytes, FetchError};
use super::local::{browser_fold, LocalSearch};
use super::remote_client::RemoteSearch;
use super::Provider;

/// Where loading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadProgress {
    /// Reading `hark.json`.
    Config,
    /// Downloading; the percentage when the size is known.
    Downloading(Option<u8>),
    /// Building the index in the page.
    Indexing,
}

/// Why the catalog could not be loaded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// `hark.json` is not valid.
    #[error("The site configuration (hark.json) is not valid: {0}.")]
    Config(String),
    /// `?catalog=` or `?config=` names another site.
    #[error("The file {0} is on another site; only catalogs and configurations from this site can be loaded.")]
    NotSameOrigin(String),
    /// The catalog or index could not be downloaded.
    #[error("The catalog could not be loaded: {0}.")]
    Fetch(#[from] FetchError),
    /// The catalog is malformed.
    #[error("The catalog {url} has a problem: {detail}.")]
    Catalog {
        /// Where it came from.
        url: String,
        /// What and where (the engine names the line or item and the field).
        detail: String,
    },
}

/// A loaded catalog.
pub struct Loaded {
    /// Who answers queries.
    pub provider: Provider,
    /// What the items are called ("things").
    pub noun: String,
    /// Problems that did not stop loading (a broken index with a usable catalog, skipped items, unknown
    /// placeholders in the spoken templates).
    pub warnings: Vec<String>,
    /// What is read aloud.
    pub speak: SpeakConfig,
}

/// Where the site config is, unless `?config=` names another file of the same site (`cargo xtask serve --remote`
/// opens the page with `?config=hark.remote.json`).
pub const DEFAULT_CONFIG: &str = "hark.json";

/// Load as configured: `config_url` (default [`DEFAULT_CONFIG`]) if present, `catalog_override` (from `?catalog=`)
/// if given.
pub async fn load(
    config_url: Option<String>,
    catalog_override: Option<String>,
    progress: impl Fn(LoadProgress),
) -> Result<Loaded, LoadError> {
    progress(LoadProgress::Config);
    let config_url = match config_url {
        Some(url) if !is_same_origin(&url) => return Err(LoadError::NotSameOrigin(url)),
        Some(url) => url,
        None => DEFAULT_CONFIG.to_string(),
    };
    let mut config = match fetch_bytes(&config_url, |_| {}).await {
        Ok(bytes) => SiteConfig::parse(&bytes).map_err(LoadError::Config)?,
        Err(FetchError::NotFound { .. }) if config_url == DEFAULT_CONFIG => SiteConfig::default(),
        Err(error) => return Err(error.into()),
    };
    if let Some(url) = catalog_override {
        if !is_same_origin(&url) {
            return Err(LoadError::NotSameOrigin(url));
        }
        config.catalog = Some(url);
        config.index = None;
        config.remote = None;
    }
    let mut warnings = config.speak.problems();
    if let Some(remote) = config.remote.take() {
        let provider = Provider::Remote(RemoteSearch::new(remote));
        return Ok(Loaded { provider, noun: config.noun, warnings, speak: config.speak });
    }
    let (index_url, catalog_url) = config.sources();

    if let Some(url) = index_url {
        let loaded = fetch_bytes(&url, |percent| progress(LoadProgress::Downloading(percent)))
            .await
            .map_err(LoadError::from)
            .and_then(|bytes| {
                Index::from_vec(bytes).map_err(|error| LoadError::Catalog { url: url.clone(), detail: error.to_string() })
            });
        match loaded {
            Ok(index) => return Ok(ready(index, &config, warnings)),
            // A catalog to fall back on: say what went wrong and index that instead.
            Err(error) if catalog_url.is_some() => warnings.push(error.to_string()),
            Err(error) => return Err(error),
        }
    }
    let url = catalog_url.unwrap_or_default();
    let bytes = fetch_bytes(&url, |percent| progress(LoadProgress::Downloading(percent))).await?;
    progress(LoadProgress::Indexing);
    // Let the "Indexing…" status paint before the (synchronous) indexing.
    gloo_timers::future::TimeoutFuture::new(0).await;
    let catalog = parse_catalog(&bytes, &config.engine)
        .map_err(|error| LoadError::Catalog { url: url.clone(), detail: error.to_string() })?;
    warnings.extend(catalog.warnings.iter().map(|warning| warning.to_string()));
    let index = Index::build_with_folder(&catalog, &config.engine, browser_fold);
    Ok(ready(index, &config, warnings))
}

fn ready(mut index: Index, config: &SiteConfig, warnings: Vec<String>) -> Loaded {
    index.set_max_results(config.engine.max_results);
    let provider = Provider::Local(Box::new(LocalSearch::new(index)));
    Loaded { provider, noun: config.noun.clone(), warnings, speak: config.speak.clone() }
}

/// Whether `url` (absolute or relative to the page) is on the page's own origin.
fn is_same_origin(url: &str) -> bool {
    let Some(location) = web_sys::window().map(|window| window.location()) else { return false };
    let (Ok(href), Ok(origin)) = (location.href(), location.origin()) else { return false };
    web_sys::Url::new_with_base(url, &href).is_ok_and(|resolved| resolved.origin() == origin)
}
