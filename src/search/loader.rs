//! Loading the catalog at start: from the [site config](super::site), a prebuilt index read in place, or a catalog
//! indexed by the Web Worker ([`super::indexer`]), with progress; or, when `hark.json` has a `remote` block,
//! nothing more: the remote provider is ready at once.
//!
//! The page links no catalog parser and no index builder: it only reads index bytes.

use hark_engine::{Index, IndexError, SkippedLine};

use super::config::{Branding, RemoteShop, SpeakConfig};
use super::understand::Vocabulary;
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
    #[error("The site configuration ({file}) is not valid: {}", sentence(detail))]
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
    /// The prebuilt index is malformed or from another Hark version, and there is no catalog to fall back on.
    #[error("The index {url} has a problem: {}", sentence(detail))]
    Index {
        /// Where it came from.
        url: String,
        /// What is wrong with it.
        detail: String,
    },
    /// The prebuilt index records another catalog or config than the site's (with a catalog to index instead, only
    /// a warning).
    #[error("The index {url} does not match this site: {why}. The catalog is indexed in the page instead; rebuild the index (cargo xtask site) to skip that.")]
    Stale {
        /// Where the index came from.
        url: String,
        /// What differs.
        why: String,
    },
    /// The catalog is malformed, or could not be indexed.
    #[error("The catalog {url} has a problem: {}", sentence(detail))]
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
    /// The recognizer phrases `hark.json` names (`phrases`), trimmed and checked; empty when it names none.
    pub phrases: Vec<String>,
    /// The catalog's language (BCP-47), which typed text is understood in.
    pub lang: String,
    /// What the catalog offers to understand (facets, price, numbers); empty for a remote cluster.
    pub vocabulary: std::sync::Arc<Vocabulary>,
    /// The catalog's bad lines or items that were left out ("line 57, invalid JSON at column 179"), for the status
    /// line; each is also one of the `warnings`.
    pub skipped: Vec<String>,
    /// How many were left out in all; more than `skipped` names when an index names only its first ones.
    pub skipped_total: usize,
}

/// Load as configured: `config_url` (default `hark.json`) if present, `catalog_override` (from `?catalog=`) if
/// given. `configured` gets the site's branding as soon as the config is read, before the catalog is.
pub async fn load(
    config_url: Option<String>,
    catalog_override: Option<String>,
    progress: impl Fn(LoadProgress),
    configured: impl FnOnce(&Branding),
) -> Result<Loaded, LoadError> {
    progress(LoadProgress::Config);
    let Site { mut config, text, url: config_file } = load_site(config_url, catalog_override).await?;
    configured(&config.branding());
    let mut warnings = config.speak.problems();
    let max_results = config.engine.max_results;
    let (noun, speak, lang) = (config.noun.clone(), config.speak.clone(), config.engine.language.clone());
    let phrases = std::mem::take(&mut config.phrases);
    let noun_facet = super::config::facet_on(&config.engine.facets, &config.engine.fields.category);
    let finish = |provider: Provider, warnings, skipped: Vec<String>, skipped_total: usize| {
        let vocabulary = provider.vocabulary().cloned().unwrap_or_else(|| remote_vocabulary(&config)).with_noun(&noun);
        Loaded {
            provider,
            noun: noun.clone(),
            warnings,
            speak: speak.clone(),
            phrases: phrases.clone(),
            lang: lang.clone(),
            vocabulary: vocabulary.into(),
            skipped,
            skipped_total,
        }
    };
    if let Some(mut remote) = config.remote.clone() {
        remote.shop = RemoteShop::of(&config);
        return Ok(finish(Provider::remote(RemoteSearch::new(remote)), warnings, Vec::new(), 0));
    }
    let (index_url, catalog_url) = config.sources();
    let fingerprint = config.engine.fingerprint();

    if let Some(url) = index_url {
        let loaded = fetch_bytes(&url, |percent| progress(LoadProgress::Downloading(percent)))
            .await
            .map_err(LoadError::from)
            .and_then(|bytes| Index::from_vec(bytes).map_err(index_error(&url)));
        // An index built from another catalog or config would answer wrongly without a word: check what it records.
        let loaded = loaded.and_then(|index| match index.source().matches(catalog_url.as_deref(), fingerprint) {
            Ok(()) => Ok(index),
            Err(why) if catalog_url.is_some() => Err(LoadError::Stale { url: url.clone(), why }),
            Err(why) => {
                warnings.push(format!("The index {url} may not match this site: {why}. Rebuild it (cargo xtask site)."));
                Ok(index)
            }
        });
        match loaded {
            Ok(index) => {
                // The lines the index's builder left out, as a page that indexes the catalog itself names them.
                let source = index.source();
                warnings.extend(source.skipped.iter().map(SkippedLine::warning));
                let unnamed = (source.skipped_total as usize).saturating_sub(source.skipped.len());
                if unnamed > 0 {
                    warnings.push(format!("…and {unnamed} more lines or items skipped."));
                }
                let skipped = source.skipped.iter().map(SkippedLine::named).collect();
                let total = source.skipped_total as usize;
                return Ok(finish(ready(index, max_results, &noun, noun_facet.as_deref()), warnings, skipped, total));
            }
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
    let index = Index::from_built_vec(built.bytes)
        .map_err(|error| LoadError::Catalog { url: url.clone(), detail: error.to_string() })?;
    let total = built.skipped.len();
    Ok(finish(ready(index, max_results, &noun, noun_facet.as_deref()), warnings, built.skipped, total))
}

/// What a cluster's catalog offers to understand: the price and numbers (facet values are not known in the page,
/// so facet words stay search text there; the Refine panel offers them).
fn remote_vocabulary(config: &super::config::SiteConfig) -> Vocabulary {
    let engine = &config.engine;
    Vocabulary::new(
        engine.facets.iter().map(|(name, _)| (name.as_str(), Vec::new())),
        engine.price.as_ref().map(|p| p.currency.as_str()),
        engine.numbers.iter().map(|(name, _)| name.as_str()),
    )
}

/// Why the index for `url` could not be read, as a load error naming it.
fn index_error(url: &str) -> impl Fn(IndexError) -> LoadError + '_ {
    move |error| LoadError::Index { url: url.to_string(), detail: error.to_string() }
}

/// `detail` as the end of a sentence: a full stop unless it already ends with one (or a question mark).
fn sentence(detail: &str) -> String {
    if detail.ends_with(['.', '?', '!']) { detail.to_string() } else { format!("{detail}.") }
}

fn ready(mut index: Index, max_results: usize, noun: &str, noun_facet: Option<&str>) -> Provider {
    index.set_max_results(max_results);
    Provider::local(LocalSearch::new(index).with_noun(noun).with_noun_facet(noun_facet))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_and_end_one_sentence() {
        let index = LoadError::Index { url: "products.hidx".into(), detail: "index format version 2 is old".into() };
        assert_eq!(index.to_string(), "The index products.hidx has a problem: index format version 2 is old.");
        let config = LoadError::Config { file: "shop.json".into(), detail: "unknown key `catalgo` — did you mean `catalog`?".into() };
        assert_eq!(config.to_string(), "The site configuration (shop.json) is not valid: unknown key `catalgo` — did you mean `catalog`?");
    }
}
