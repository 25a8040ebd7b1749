//! The site config, `hark.json` beside index.html: where the catalog is, its field names, weights and language,
//! what its items are called, and what is spoken for a result.
//!
//! ```json
//! { "catalog": "products.jsonl", "index": "products.hidx", "noun": "products",
//!   "language": "en", "fields": { "title": "name", "description": "summary" },
//!   "weights": { "title": 3.0, "description": 1.0 } }
//! ```
//! Every key is optional. Without `hark.json`, Hark loads the default WordNet catalog.
//!
//! With a `remote` block, nothing is downloaded: every query goes to an OpenSearch or Elasticsearch `_search`
//! endpoint instead (see [`RemoteConfig`]; README "Remote engine"):
//!
//! ```json
//! { "noun": "products",
//!   "remote": { "endpoint": "/search-proxy", "index": "products",
//!               "fields": { "id": "sku", "title": "name", "description": "summary" },
//!               "weights": { "title": 3.0, "description": 1.0, "category": 0.5 },
//!               "header": { "name": "Authorization", "value": "ApiKey <read-only key>" },
//!               "timeout_ms": 5000, "size": 10 } }
//! ```

use hark_engine::CatalogConfig;
use serde::Deserialize;

/// The default catalog's prebuilt index, built by `cargo xtask catalog`.
pub const DEFAULT_INDEX: &str = "catalog/things.hidx";
/// The default catalog itself (used if the index cannot be read).
pub const DEFAULT_CATALOG: &str = "catalog/things.jsonl";

/// The parsed `hark.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub struct SiteConfig {
    /// URL of the catalog (JSON array or JSON Lines), relative to the page. Default: the WordNet things.
    pub catalog: Option<String>,
    /// URL of a prebuilt index (`hark-engine index`), loaded without re-indexing. Default: the WordNet index when
    /// `catalog` is not set, else none.
    pub index: Option<String>,
    /// What the catalog's items are called in "Ready — 14,180 things". Default `"things"`.
    pub noun: String,
    /// Search an OpenSearch/Elasticsearch index instead of loading a catalog. Default: none (the embedded engine).
    pub remote: Option<RemoteConfig>,
    /// Field names, weights, language and result count, passed to the engine.
    #[serde(flatten)]
    pub engine: CatalogConfig,
}

/// The `remote` block of `hark.json`: where the cluster's `_search` is and how to query it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteConfig {
    /// Base URL of the cluster, usually a same-origin reverse proxy (`"/search-proxy"`) or an absolute URL
    /// (`"https://search.example.com"`, which then needs CORS). Required. Requests go to
    /// `{endpoint}/{index}/_search`.
    pub endpoint: String,
    /// The index (or alias) to search. Required.
    pub index: String,
    /// Which document fields hold each role. Default: `id`, `title`, `description`, `category`, `url`.
    #[serde(default)]
    pub fields: RemoteFields,
    /// Field weights (`multi_match` boosts). Default title 3, description 1, category 0.5; 0 leaves a field out.
    #[serde(default)]
    pub weights: RemoteWeights,
    /// One extra request header, typically a read-only API key (`Authorization: ApiKey …`). Default: none.
    /// Anything in `hark.json` is public: never put a key that can write here.
    #[serde(default)]
    pub header: Option<RemoteHeader>,
    /// Give up on a request after this long. Default 5000, clamped to 100..=60000.
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u32,
    /// Results per page (`size`). Default 10, clamped to 1..=100.
    #[serde(default = "default_size")]
    pub size: u32,
}

/// Document field names for each role of a result.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RemoteFields {
    /// Stable identifier; the hit's `_id` when the document lacks it. Default `"id"`.
    pub id: String,
    /// Result title (searched, highlighted). Default `"title"`.
    pub title: String,
    /// Longer text (searched, highlighted). Default `"description"`.
    pub description: String,
    /// Category shown beside the title (searched). Default `"category"`.
    pub category: String,
    /// Link for the result. Default `"url"`.
    pub url: String,
}

impl Default for RemoteFields {
    fn default() -> Self {
        Self {
            id: "id".into(),
            title: "title".into(),
            description: "description".into(),
            category: "category".into(),
            url: "url".into(),
        }
    }
}

/// `multi_match` boosts per searched field.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RemoteWeights {
    /// Default 3.0.
    pub title: f32,
    /// Default 1.0.
    pub description: f32,
    /// Default 0.5.
    pub category: f32,
}

impl Default for RemoteWeights {
    fn default() -> Self {
        Self { title: 3.0, description: 1.0, category: 0.5 }
    }
}

/// A request header sent with every search.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteHeader {
    /// Header name, e.g. `"Authorization"`.
    pub name: String,
    /// Header value, e.g. `"ApiKey <base64 id:key>"`.
    pub value: String,
}

fn default_timeout_ms() -> u32 {
    5000
}

fn default_size() -> u32 {
    10
}

impl RemoteConfig {
    /// Check what serde cannot: required strings are not blank, the index is a plain name, values in range.
    pub fn validated(mut self) -> Result<Self, String> {
        self.endpoint = self.endpoint.trim().trim_end_matches('/').to_string();
        if self.endpoint.is_empty() {
            return Err("remote.endpoint is empty; give the URL of the search proxy, e.g. \"/search-proxy\"".into());
        }
        self.index = self.index.trim().to_string();
        if self.index.is_empty() || self.index.contains(|c: char| "/?#\\\" <>".contains(c) || c.is_control()) {
            return Err(format!("remote.index \"{}\" is not an index name", self.index));
        }
        for (role, name) in [("title", &self.fields.title), ("description", &self.fields.description)] {
            if name.trim().is_empty() {
                return Err(format!("remote.fields.{role} is empty"));
            }
        }
        if let Some(header) = &self.header {
            let valid = !header.name.is_empty() && header.name.bytes().all(|b| b.is_ascii_graphic() && b != b':');
            if !valid {
                return Err(format!("remote.header.name \"{}\" is not a header name", header.name));
            }
            // fetch only sends Latin-1 header values without line breaks.
            if header.value.chars().any(|c| u32::from(c) > 0xFF || (c.is_control() && c != '\t')) {
                return Err(format!("remote.header.value for {} has characters a header cannot carry", header.name));
            }
        }
        self.timeout_ms = self.timeout_ms.clamp(100, 60_000);
        self.size = self.size.clamp(1, 100);
        let clamp = |w: f32| if w.is_finite() { w.clamp(0.0, 20.0) } else { 0.0 };
        self.weights =
            RemoteWeights { title: clamp(self.weights.title), description: clamp(self.weights.description), category: clamp(self.weights.category) };
        Ok(self)
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self { catalog: None, index: None, noun: "things".into(), remote: None, engine: CatalogConfig::default() }
    }
}

impl SiteConfig {
    /// Parse `hark.json`; the error names the line and column, or the `remote` key at fault.
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        let mut config: Self = serde_json::from_slice(bytes).map_err(|error| {
            let detail = error.to_string();
            // serde_json appends " at line L column C"; lead with the position instead.
            let detail = detail.split(" at line ").next().unwrap_or(&detail).to_string();
            format!("line {}, column {}: {detail}", error.line(), error.column())
        })?;
        config.remote = config.remote.map(RemoteConfig::validated).transpose()?;
        Ok(config)
    }

    /// Where to load from: `(index, catalog)` URLs, at least one of them set.
    pub fn sources(&self) -> (Option<String>, Option<String>) {
        match (&self.index, &self.catalog) {
            (None, None) => (Some(DEFAULT_INDEX.into()), Some(DEFAULT_CATALOG.into())),
            (index, catalog) => (index.clone(), catalog.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_means_the_default_catalog() {
        let config = SiteConfig::parse(b"{}").unwrap_or_default();
        assert_eq!(config.sources(), (Some(DEFAULT_INDEX.into()), Some(DEFAULT_CATALOG.into())));
        assert_eq!(config.noun, "things");
    }

    #[test]
    fn engine_settings_are_read_flat() {
        let json = br#"{"catalog": "p.jsonl", "noun": "products", "language": "de",
                        "fields": {"title": "name"}, "weights": {"title": 5.0}, "max_results": 5}"#;
        let config = SiteConfig::parse(json).unwrap_or_default();
        assert_eq!(config.sources(), (None, Some("p.jsonl".into())));
        assert_eq!(config.noun, "products");
        assert_eq!(config.engine.language, "de");
        assert_eq!(config.engine.fields.title, "name");
        assert_eq!(config.engine.max_results, 5);
    }

    #[test]
    fn remote_block_with_defaults() {
        let json = br#"{"noun": "products", "remote": {"endpoint": "/search-proxy/", "index": "products"}}"#;
        let remote = SiteConfig::parse(json).ok().and_then(|config| config.remote);
        let remote = remote.unwrap_or_else(|| panic!("remote block not read"));
        assert_eq!(remote.endpoint, "/search-proxy");
        assert_eq!(remote.fields, RemoteFields::default());
        assert_eq!(remote.weights.title, 3.0);
        assert_eq!((remote.timeout_ms, remote.size), (5000, 10));
        assert_eq!(remote.header, None);
    }

    #[test]
    fn remote_block_is_checked() {
        let error = |json: &str| SiteConfig::parse(json.as_bytes()).err().unwrap_or_default();
        assert!(error(r#"{"remote": {"index": "x"}}"#).contains("missing field `endpoint`"));
        assert!(error(r#"{"remote": {"endpoint": " ", "index": "x"}}"#).contains("remote.endpoint"));
        assert!(error(r#"{"remote": {"endpoint": "/p", "index": "a/b"}}"#).contains("remote.index"));
        assert!(error(r#"{"remote": {"endpoint": "/p", "index": "x", "fields": {"titel": "t"}}}"#).contains("titel"));
        let header = r#"{"remote": {"endpoint": "/p", "index": "x", "header": {"name": "Bad Name", "value": "v"}}}"#;
        assert!(error(header).contains("remote.header.name"));
        let value = r#"{"remote": {"endpoint": "/p", "index": "x", "header": {"name": "X-Key", "value": "a\nb"}}}"#;
        assert!(error(value).contains("remote.header.value"));
        let clamped = r#"{"remote": {"endpoint": "/p", "index": "x", "size": 5000, "timeout_ms": 1}}"#;
        let remote = SiteConfig::parse(clamped.as_bytes()).ok().and_then(|config| config.remote);
        assert_eq!(remote.map(|r| (r.size, r.timeout_ms)), Some((100, 100)));
    }

    #[test]
    fn malformed_config_names_the_position() {
        let error = SiteConfig::parse(b"{\n  \"catalog\": 12\n}").err().unwrap_or_default();
        assert!(error.starts_with("line 2, column"), "{error}");
        assert!(error.contains("invalid type"), "{error}");
        let error = SiteConfig::parse(b"{\"catalog\": \"x\",,}").err().unwrap_or_default();
        assert!(error.starts_with("line 1"), "{error}");
    }
}
