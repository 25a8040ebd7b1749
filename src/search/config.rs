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
//! A `site` block brands the page (see [`SiteBranding`]; README "On your own site"):
//! `"site": { "title": "Acme", "tagline": "Ask for anything", "credits": [{ "text": "Photos: Unsplash", "url": "https://unsplash.com" }] }`
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

/// The boost of each `phrases` entry of `hark.json`, in the recognizer's 0–10: the middle of the 1–5 that Hark's
/// own choice from a catalog gives.
pub const CONFIGURED_PHRASE_BOOST: f32 = 3.0;

/// The longest `phrases` entry: a name, not a sentence.
pub const MAX_PHRASE_CHARS: usize = 100;

/// Trim the configured phrases and check their number and length; the error names the entry.
pub fn validated_phrases(phrases: Vec<String>) -> Result<Vec<String>, String> {
    let max = hark_engine::phrases::MAX_PHRASES;
    if phrases.len() > max {
        return Err(format!("phrases has {} entries; a recognizer takes at most {max}", phrases.len()));
    }
    phrases
        .into_iter()
        .enumerate()
        .map(|(i, phrase)| {
            let phrase = phrase.trim().to_string();
            if phrase.is_empty() {
                Err(format!("phrases[{i}] is empty"))
            } else if phrase.chars().count() > MAX_PHRASE_CHARS {
                Err(format!("phrases[{i}] is longer than {MAX_PHRASE_CHARS} characters; give a name, not a sentence"))
            } else {
                Ok(phrase)
            }
        })
        .collect()
}

/// The default catalog's prebuilt index, built by `cargo xtask catalog`.
pub const DEFAULT_INDEX: &str = "catalog/things.hidx";
/// The default catalog itself (used if the index cannot be read).
pub const DEFAULT_CATALOG: &str = "catalog/things.jsonl";
/// The WordNet catalogs `cargo xtask catalog` builds (their licence notice is shown while one is searched).
pub const WORDNET_FILES: &[&str] =
    &[DEFAULT_CATALOG, DEFAULT_INDEX, "catalog/wordnet-all.jsonl", "catalog/wordnet-all.hidx"];

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
    /// Names the speech recognizer should expect (contextual biasing, where the browser has it), each boosted by
    /// [`CONFIGURED_PHRASE_BOOST`]: at most [`MAX_PHRASES`](hark_engine::phrases::MAX_PHRASES) non-blank entries
    /// of at most [`MAX_PHRASE_CHARS`] characters. With a remote engine this is the only source; with a loaded
    /// catalog it replaces the phrases Hark would choose from it. Default: none.
    pub phrases: Vec<String>,
    /// The page's title, tagline and credits. Default: Hark's own title and tagline, no credits.
    pub site: Option<SiteBranding>,
    /// Field names, weights, language and result count, passed to the engine: the same object's other keys, read
    /// as the engine's own type (see [`SiteConfig::parse`]).
    #[serde(skip)]
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
    /// The shop keys of `hark.json` (`facets`, `price`, `numbers`, beside `remote`, not inside it), copied here by
    /// the loader: which cluster fields the filters, sorts and facet counts use.
    #[serde(skip)]
    pub shop: RemoteShop,
}

/// A cluster's shop fields (see [`RemoteConfig::shop`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RemoteShop {
    /// Facets: display name → field (a `keyword` field for `terms` filters and aggregations).
    pub facets: Vec<(String, String)>,
    /// The price field and its currency.
    pub price: Option<(String, String)>,
    /// Other numbers: name → field.
    pub numbers: Vec<(String, String)>,
    /// What the items are called, for the summary.
    pub noun: String,
    /// The facet on the cluster's category field, whose values name kinds of item in the summary.
    pub noun_facet: Option<String>,
}

impl RemoteShop {
    /// The shop keys of a site config.
    pub fn of(config: &SiteConfig) -> RemoteShop {
        let engine = &config.engine;
        RemoteShop {
            facets: engine.facets.clone(),
            price: engine.price.as_ref().map(|p| (p.field.clone(), p.currency.clone())),
            numbers: engine.numbers.iter().map(|(name, n)| (name.clone(), n.field.clone())).collect(),
            noun: config.noun.clone(),
            noun_facet: config.remote.as_ref().and_then(|remote| facet_on(&engine.facets, &remote.fields.category)),
        }
    }
}

/// The display name of the facet on `field`, if one is declared: on the catalog's category field, its values name
/// kinds of item ("12 chairs") where a colour or a brand does not ([`Naming`](super::understand::Naming)).
pub fn facet_on(facets: &[(String, String)], field: &str) -> Option<String> {
    facets.iter().find(|(_, on)| on == field).map(|(name, _)| name.clone())
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
            phrases: Vec::new(),
            site: None,
            engine: CatalogConfig::default(),
        }
    }
}

/// The `site` block of `hark.json`: how the page presents itself.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteBranding {
    /// The heading above the search box. Default `"Hark"`.
    pub title: Option<String>,
    /// The line under the heading. Default `"Search by voice. Speak, see, listen."`.
    pub tagline: Option<String>,
    /// Links shown in the footer (photo credits, data licences). Default: none.
    pub credits: Vec<Credit>,
}

/// One footer credit: its text, linked to an http(s) URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    /// What is shown, e.g. `"Photos: Unsplash"`. Required.
    pub text: String,
    /// Where it links, `http://` or `https://`. Required.
    pub url: String,
}

impl SiteBranding {
    /// Check what serde cannot: credits have text and an http(s) URL (a `javascript:` link would run on click).
    pub fn validated(mut self) -> Result<Self, String> {
        for (position, credit) in self.credits.iter_mut().enumerate() {
            credit.text = credit.text.trim().to_string();
            credit.url = credit.url.trim().to_string();
            if credit.text.is_empty() {
                return Err(format!("site.credits[{position}].text is empty; give the words to show"));
            }
            let scheme = credit.url.split_once("://").map(|(scheme, _)| scheme.to_ascii_lowercase());
            if !matches!(scheme.as_deref(), Some("http" | "https")) {
                return Err(format!(
                    "site.credits[{position}].url \"{}\" must start with https:// or http://",
                    credit.url
                ));
            }
        }
        Ok(self)
    }
}

/// What the header and footer show, resolved from the site config ([`SiteConfig::branding`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Branding {
    /// Whether `hark.json` has a `site` block (an embedded Hark shows a heading only then).
    pub custom: bool,
    /// The heading.
    pub title: String,
    /// The line under it.
    pub tagline: String,
    /// The site's own credits.
    pub credits: Vec<Credit>,
    /// Whether the bundled WordNet catalog is searched (its licence notice is shown then).
    pub wordnet: bool,
}

impl Default for Branding {
    fn default() -> Self {
        Self {
            custom: false,
            title: "Hark".into(),
            tagline: "Search by voice. Speak, see, listen.".into(),
            credits: Vec::new(),
            wordnet: true,
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
    /// `results`, in [`SpeakConfig::lang`]), `{query}`, `{read}` (how many will be read). `None` (the default):
    /// Hark's own sentence in the listener's language, `"{count} {results} for {query}."` in English
    /// ([`crate::speech::read_back`]).
    pub summary: Option<String>,
    /// Said when nothing was found. Placeholders: `{query}`. `None` (the default): Hark's own sentence in the
    /// listener's language, `"No results for {query}."` in English.
    pub none: Option<String>,
    /// Said for each result read. Placeholders: `{title}`, `{description}`, `{description_first_sentence}`,
    /// `{category}`, `{rank}` (1, 2, 3). Default `"{title}. {description_first_sentence}"`.
    pub result: String,
    /// How many of the top results are read, 0–10. Default 3.
    pub read: usize,
    /// The language the site's own `summary` and `none` are written in: `hark.json`'s `"language"` (not a key of
    /// `speak`). Their `{results}` is said in it.
    pub lang: String,
}

impl Default for SpeakConfig {
    fn default() -> Self {
        Self {
            summary: None,
            none: None,
            result: "{title}. {description_first_sentence}".into(),
            read: 3,
            lang: "en".into(),
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
                "summary" => config.summary = Some(text()?),
                "none" => config.none = Some(text()?),
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
        [("summary", self.summary.as_deref(), SUMMARY_PLACEHOLDERS), ("none", self.none.as_deref(), SUMMARY_PLACEHOLDERS), ("result", Some(self.result.as_str()), RESULT_PLACEHOLDERS)]
            .into_iter()
            .filter_map(|(key, template, known)| Some((key, template?, known)))
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
        let document = super::json::Document::parse(text)?;
        // A typo must not fall back on defaults silently: every key is one Hark knows.
        document.read_plain::<hark_engine::KnownKeys>()?;
        let mut config: Self = document.read()?;
        config.engine = document.read()?;
        config.engine.validate().map_err(|error| error.to_string())?;
        config.remote = config.remote.map(RemoteConfig::validated).transpose()?;
        config.phrases = validated_phrases(config.phrases)?;
        config.site = config.site.map(SiteBranding::validated).transpose()?;
        if let Some(remote) = &mut config.remote {
            remote.language = config.engine.language.clone();
        }
        config.speak.lang = config.engine.language.clone();
        Ok(config)
    }

    /// What the header and footer show: the `site` block over Hark's defaults, and the WordNet credit exactly when
    /// a bundled WordNet catalog is what gets searched (the default, or [`WORDNET_FILES`] named).
    pub fn branding(&self) -> Branding {
        let site = self.site.clone().unwrap_or_default();
        let default = Branding::default();
        Branding {
            custom: self.site.is_some(),
            title: site.title.unwrap_or(default.title),
            tagline: site.tagline.unwrap_or(default.tagline),
            credits: site.credits,
            wordnet: self.searches_wordnet(),
        }
    }

    /// Whether the catalog searched is one of the bundled WordNet files (every source named is one).
    fn searches_wordnet(&self) -> bool {
        let is_wordnet = |url: &String| WORDNET_FILES.contains(&url.trim().trim_start_matches("./"));
        let (index, catalog) = self.sources();
        self.remote.is_none() && index.iter().chain(catalog.iter()).all(is_wordnet)
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
    fn configured_phrases_are_trimmed_and_checked() {
        let config = SiteConfig::parse(br#"{"phrases": [" Aeron chair ", "Hark"]}"#).unwrap_or_default();
        assert_eq!(config.phrases, ["Aeron chair", "Hark"]);
        assert_eq!(SiteConfig::parse(b"{}").unwrap_or_default().phrases, Vec::<String>::new());
        let blank = SiteConfig::parse(br#"{"phrases": ["lamp", "  "]}"#);
        assert_eq!(blank.err().as_deref(), Some("phrases[1] is empty"));
        let long = format!(r#"{{"phrases": ["{}"]}}"#, "a".repeat(MAX_PHRASE_CHARS + 1));
        assert!(SiteConfig::parse(long.as_bytes()).is_err_and(|e| e.starts_with("phrases[0] is longer")));
        let many = format!(r#"{{"phrases": [{}]}}"#, vec![r#""x""#; 301].join(","));
        assert!(SiteConfig::parse(many.as_bytes()).is_err_and(|e| e.contains("at most 300")));
        assert!(SiteConfig::parse(br#"{"phrases": "lamp"}"#).is_err(), "a list, not a string");
    }

    #[test]
    fn engine_settings_are_read_flat() {
        let json = br#"{"catalog": "p.jsonl", "noun": "products", "language": "de",
                        "fields": {"title": "name"}, "weights": {"title": 5.0}, "max_results": 5}"#;
        let config = SiteConfig::parse(json).unwrap_or_default();
        assert_eq!(config.sources(), (None, Some("p.jsonl".into())));
        assert_eq!(config.noun, "products");
        assert_eq!(config.engine.language, "de");
        assert_eq!(config.speak.lang, "de", "the site's own spoken sentences are in its language");
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
    fn branding_defaults_and_the_wordnet_credit_only_with_the_bundled_catalog() {
        let default = SiteConfig::parse(b"{}").unwrap_or_default().branding();
        assert_eq!(default, Branding::default());
        assert!(default.wordnet && !default.custom);
        let own = SiteConfig::parse(br#"{"catalog": "p.jsonl"}"#).unwrap_or_default().branding();
        assert!(!own.wordnet, "another catalog: no WordNet credit");
        let named = br#"{"catalog": "./catalog/things.jsonl", "index": "catalog/things.hidx"}"#;
        assert!(SiteConfig::parse(named).unwrap_or_default().branding().wordnet, "the bundled hark.json names WordNet");
        let mixed = br#"{"catalog": "p.jsonl", "index": "catalog/things.hidx"}"#;
        assert!(!SiteConfig::parse(mixed).unwrap_or_default().branding().wordnet);
        let remote = br#"{"remote": {"endpoint": "/p", "index": "x"}}"#;
        assert!(!SiteConfig::parse(remote).unwrap_or_default().branding().wordnet);
        let json = br#"{"site": {"title": "Acme", "credits": [{"text": " Photos ", "url": "https://example.com/p"}]}}"#;
        let branded = SiteConfig::parse(json).unwrap_or_default().branding();
        assert!(branded.custom && branded.wordnet);
        assert_eq!(branded.title, "Acme");
        assert_eq!(branded.tagline, Branding::default().tagline, "a missing tagline keeps the default");
        assert_eq!(branded.credits, vec![Credit { text: "Photos".into(), url: "https://example.com/p".into() }]);
    }

    #[test]
    fn site_block_is_checked() {
        let error = |json: &str| SiteConfig::parse(json.as_bytes()).err().unwrap_or_default();
        let script = r#"{"site": {"credits": [{"text": "x", "url": "javascript:alert(1)"}]}}"#;
        assert!(error(script).contains("site.credits[0].url \"javascript:alert(1)\" must start with https://"));
        let relative = r#"{"site": {"credits": [{"text": "a", "url": "https://a.example"}, {"text": "b", "url": "/b"}]}}"#;
        assert!(error(relative).contains("site.credits[1].url"), "{}", error(relative));
        assert!(error(r#"{"site": {"credits": [{"text": " ", "url": "https://a.example"}]}}"#).contains("site.credits[0].text"));
        assert!(error(r#"{"site": {"titel": "x"}}"#).contains("titel"));
        assert!(error(r#"{"site": {"credits": [{"text": "x"}]}}"#).contains("missing field `url`"));
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
