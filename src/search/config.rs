//! The site config, `hark.json` beside index.html: where the catalog is, its field names, weights and language,
//! what its items are called, and what is spoken for a result.
//!
//! ```json
//! { "catalog": "products.jsonl", "index": "products.hidx", "noun": "products",
//!   "language": "en", "fields": { "title": "name", "description": "summary" },
//!   "weights": { "title": 3.0, "description": 1.0 },
//!   "speak": { "summary": "{count} {results} for {query}.", "result": "{title}. {description_first_sentence}" } }
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
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use crate::speech::template::Template;

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
    /// What is read aloud after a search. Default [`SpeakConfig::default`].
    pub speak: SpeakConfig,
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
    /// The site's `"language"` (not a key of the block): queries are analysed in it before they are sent.
    #[serde(skip)]
    pub language: String,
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
        Self {
            catalog: None,
            index: None,
            noun: "things".into(),
            speak: SpeakConfig::default(),
            remote: None,
            engine: CatalogConfig::default(),
        }
    }
}

/// What "Read results aloud" says, as templates with `{placeholders}` (`"speak"` in `hark.json`).
///
/// Counts are spoken as plain digits, which every voice reads naturally in its own language. A placeholder Hark
/// does not know is read as written and reported when the config loads.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakConfig {
    /// Said first when there are results. Placeholders: `{count}` (e.g. `3`), `{results}` (`result` or
    /// `results`), `{query}`, `{read}` (how many will be read). Default `"{count} {results} for {query}."`.
    pub summary: String,
    /// Said when nothing was found. Placeholders: `{query}`. Default `"No results for {query}."`.
    pub none: String,
    /// Said for each result read. Placeholders: `{title}`, `{description}`, `{description_first_sentence}`,
    /// `{category}`, `{rank}` (1, 2, 3). Default `"{title}. {description_first_sentence}"`.
    pub result: String,
    /// How many of the top results are read, 0–10. Default 3.
    pub read: usize,
}

impl Default for SpeakConfig {
    fn default() -> Self {
        Self {
            summary: "{count} {results} for {query}.".into(),
            none: "No results for {query}.".into(),
            result: "{title}. {description_first_sentence}".into(),
            read: 3,
        }
    }
}

impl<'de> Deserialize<'de> for SpeakConfig {
    /// Read through `serde_json::Value` (the remote answers use it too). Unknown keys are ignored, as elsewhere in
    /// hark.json.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let object = value.as_object().ok_or_else(|| D::Error::custom("\"speak\" must be an object"))?;
        let mut config = Self::default();
        for (key, value) in object {
            let text = || {
                value.as_str().map(str::to_string).ok_or_else(|| D::Error::custom(format!("speak.{key} must be text")))
            };
            match key.as_str() {
                "summary" => config.summary = text()?,
                "none" => config.none = text()?,
                "result" => config.result = text()?,
                "read" => {
                    let read = value.as_u64().ok_or_else(|| D::Error::custom("speak.read must be a whole number"))?;
                    config.read = usize::try_from(read).unwrap_or(usize::MAX);
                }
                _ => {}
            }
        }
        Ok(config)
    }
}

/// The placeholders each template knows.
pub const SUMMARY_PLACEHOLDERS: &[&str] = &["count", "results", "query", "read"];
/// The placeholders of the `result` template.
pub const RESULT_PLACEHOLDERS: &[&str] = &["title", "description", "description_first_sentence", "category", "rank"];

impl SpeakConfig {
    /// Unknown placeholders, one sentence each (shown with the catalog's warnings).
    pub fn problems(&self) -> Vec<String> {
        [("summary", &self.summary, SUMMARY_PLACEHOLDERS), ("none", &self.none, SUMMARY_PLACEHOLDERS), ("result", &self.result, RESULT_PLACEHOLDERS)]
            .into_iter()
            .flat_map(|(key, template, known)| {
                Template::parse(template).unknown(known).into_iter().map(move |name| {
                    format!(
                        "hark.json speak.{key}: {{{name}}} is not a placeholder Hark knows ({}); it is read as written.",
                        known.iter().map(|k| format!("{{{k}}}")).collect::<Vec<_>>().join(", ")
                    )
                })
            })
            .collect()
    }

    /// How many results are read, within 0–10.
    pub fn read_count(&self) -> usize {
        self.read.min(10)
    }
}

impl SiteConfig {
    /// Parse `hark.json` (with the browser's `JSON.parse` in the page); the error names the position, or the key
    /// at fault.
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        let text = std::str::from_utf8(bytes).map_err(|error| format!("it is not UTF-8 text ({error})"))?;
        // A typo must not fall back on defaults silently: every key is one Hark knows.
        super::json::parse_plain::<hark_engine::KnownKeys>(text)?;
        let mut config: Self = super::json::parse(text)?;
        config.engine.validate().map_err(|error| error.to_string())?;
        config.remote = config.remote.map(RemoteConfig::validated).transpose()?;
        if let Some(remote) = &mut config.remote {
            remote.language = config.engine.language.clone();
        }
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
    fn speak_templates_have_defaults_and_unknown_placeholders_are_reported() {
        let config = SiteConfig::parse(b"{}").unwrap_or_default();
        assert_eq!(config.speak, SpeakConfig::default());
        assert!(config.speak.problems().is_empty());
        let json = br#"{"speak": {"result": "{title}: {colour}", "read": 50}}"#;
        let config = SiteConfig::parse(json).unwrap_or_default();
        assert_eq!(config.speak.summary, SpeakConfig::default().summary, "missing keys keep their defaults");
        assert_eq!(config.speak.read_count(), 10);
        let problems = config.speak.problems();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("hark.json speak.result: {colour} is not a placeholder"), "{}", problems[0]);
        assert!(SiteConfig::parse(br#"{"speak": {"read": "three"}}"#).is_err());
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
    fn unknown_keys_and_invalid_shop_keys_are_refused() {
        let error = SiteConfig::parse(br#"{"catalgo": "products.jsonl"}"#).err().unwrap_or_default();
        assert!(error.contains("unknown key `catalgo` — did you mean `catalog`?"), "{error}");
        let error = SiteConfig::parse(br#"{"feilds": {"title": "name"}}"#).err().unwrap_or_default();
        assert!(error.contains("unknown key `feilds` — did you mean `fields`?"), "{error}");
        let error = SiteConfig::parse(br#"{"price": {"field": "p", "currency": "dollars"}}"#).err().unwrap_or_default();
        assert!(error.contains("price.currency"), "{error}");
        assert!(SiteConfig::parse(br#"{"strict": true, "noun": "products"}"#).is_ok_and(|c| c.engine.strict));
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
