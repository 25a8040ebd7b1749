//! Loading the catalog at start: from the [site config](super::site), a prebuilt index read in place, or a catalog
//! indexed by the Web Worker ([`super::indexer`]), with progress; or, when `hark.json` has a `remote` block,
//! nothing more: the remote provider is ready at once.
//!
//! The page links no catalog parser and no index builder: it only reads index bytes.

use hark_engine::{Index, IndexError};

use super::config::{Branding, SpeakConfig};
use super::fetch::{fetch_bytes, FetchError};
use super::indexer::{index_in_worker, IndexerError, Progress};
use super::local::LocalSearch;
use super::provider::Provider;
use super::remote_client::RemoteSearch;
use super::site::{absolute, load_site, Site};

/// Where loading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadProgress {
    /// Reading `hark.json`.
    Config,
    /// Downloading; the percentage when the size is known.
    Downloading(Option<u8>),
    /// Building the index (in the worker).
    Indexing,
}

/// Why the catalog could not be loaded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The site config is not valid.
    #[error("The site configuration ({file}) is not valid: {detail}.")]
    Config {
        /// The config file's name.
        file: String,
        /// What and where.
        detail: String,
    },
    /// `?catalog=` or `?config=` names another site.
    #[error("The file {0} is on another site; only catalogs and configurations from this site can be loaded.")]
    NotSameOrigin(String),
    /// The catalog or index could not be downloaded.
    #[error("The catalog could not be loaded: {0}.")]
    Fetch(#[from] FetchError),
    /// The catalog or index is malformed, or could not be indexed.
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
    /// The title, tagline and credits the page shows.
    pub branding: Branding,
}

/// Load as configured: `config_url` (default `hark.json`) if present, `catalog_override` (from `?catalog=`) if
/// given.
pub async fn load(
    config_url: Option<String>,
    catalog_override: Option<String>,
    progress: impl Fn(LoadProgress),
) -> Result<Loaded, LoadError> {
    progress(LoadProgress::Config);
    let Site { mut config, text, url: config_file } = load_site(config_url, catalog_override).await?;
    let mut warnings = config.speak.problems();
    let max_results = config.engine.max_results;
    let (noun, speak, branding) = (config.noun.clone(), config.speak.clone(), config.branding());
    let finish = |provider, warnings| Loaded { provider, noun, warnings, speak, branding };
    if let Some(remote) = config.remote.take() {
        return Ok(finish(Provider::remote(RemoteSearch::new(remote)), warnings));
    }
    let (index_url, catalog_url) = config.sources();

    if let Some(url) = index_url {
        let loaded = fetch_bytes(&url, |percent| progress(LoadProgress::Downloading(percent)))
            .await
            .map_err(LoadError::from)
            .and_then(|bytes| Index::from_vec(bytes).map_err(index_error(&url)));
        match loaded {
            Ok(index) => return Ok(finish(ready(index, max_results), warnings)),
            // A catalog to fall back on: say what went wrong and index that instead.
            Err(error) if catalog_url.is_some() => warnings.push(error.to_string()),
            Err(error) => return Err(error),
        }
    }
    let url = catalog_url.unwrap_or_default();
    let worker_url = absolute(&url).unwrap_or_else(|| url.clone());
    let built = index_in_worker(&worker_url, &text, |step| {
        progress(match step {
            Progress::Downloading(percent) => LoadProgress::Downloading(percent),
            Progress::Indexing => LoadProgress::Indexing,
        })
    })
    .await
    .map_err(|error| match error {
        IndexerError::Config(detail) => LoadError::Config { file: config_file.clone(), detail },
        IndexerError::Fetch { status: Some(404), .. } => FetchError::NotFound { url: url.clone() }.into(),
        IndexerError::Fetch { status: Some(status), .. } => FetchError::Status { url: url.clone(), status }.into(),
        IndexerError::Fetch { status: None, message } => FetchError::Network { url: url.clone(), detail: message }.into(),
        other => LoadError::Catalog { url: url.clone(), detail: other.to_string() },
    })?;
    warnings.extend(built.warnings);
    // Built by the worker a moment ago from this very code: the shape is checked, the checksum is not.
    let index = Index::from_built_vec(built.bytes).map_err(index_error(&url))?;
    Ok(finish(ready(index, max_results), warnings))
}

/// Why the index for `url` could not be read, as a load error naming it.
fn index_error(url: &str) -> impl Fn(IndexError) -> LoadError + '_ {
    move |error| LoadError::Catalog { url: url.to_string(), detail: error.to_string() }
}

fn ready(mut index: Index, max_results: usize) -> Provider {
    index.set_max_results(max_results);
    Provider::local(LocalSearch::new(index))
}
