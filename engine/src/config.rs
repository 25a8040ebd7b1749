//! Catalog configuration (the `hark.json` a site puts beside its page) and ranking weights.

use serde::Deserialize;
use std::fmt;

/// How to read a catalog and rank it. Deserializes from `hark.json`; every key is optional. The
/// page's own keys are skipped here; [`KnownKeys`] (which [`parse_site_config`] runs first) refuses
/// keys that neither knows.
///
/// ```
/// let cfg: hark_engine::CatalogConfig = serde_json::from_str(r#"{
///     "fields": { "title": "name", "description": "summary", "keywords": ["tags"] },
///     "ranking": { "title": 4.0 },
///     "language": "fr-FR",
///     "max_results": 20
/// }"#).unwrap();
/// assert_eq!(cfg.fields.title, "name");
/// assert_eq!(cfg.fields.id, "id");
/// assert_eq!(cfg.ranking.description, 1.0);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub struct CatalogConfig {
    /// Which object keys hold each role.
    pub fields: FieldNames,
    /// Field weights, BM25 parameters and match-kind weights (also accepted as `"weights"`).
    #[serde(alias = "weights")]
    pub ranking: RankingWeights,
    /// The catalog's language as a BCP-47 tag (`"en"`, `"de-CH"`); chooses the Snowball stemmer and
    /// stop words. Unknown languages are indexed without stemming and reported as a warning.
    /// Default `"en"`.
    pub language: String,
    /// How many results a search returns when the query does not say. Default 10, clamped to 1..=1000.
    pub max_results: usize,
    /// Facets for filters and the Refine panel: display name → catalog field, in the order written
    /// (`{"Category": "category", "Brand": "brand"}`). A field's value may be a string or an array
    /// of strings. Default none. See [`crate::columns`].
    #[serde(deserialize_with = "ordered_map")]
    pub facets: Vec<(String, String)>,
    /// The price field and its currency (`{"field": "price", "currency": "USD"}`). Default none.
    pub price: Option<PriceField>,
    /// Other numeric fields people speak about, name → `{"field": …}`, in the order written
    /// (`{"year": {"field": "year"}, "rating": {"field": "stars"}}`). Default none.
    #[serde(deserialize_with = "ordered_map")]
    pub numbers: Vec<(String, NumberField)>,
    /// Refuse the whole catalog at its first bad line or item, instead of skipping it with a
    /// warning ([`crate::CatalogWarning::Skipped`]). Default `false`.
    pub strict: bool,
}

/// The `price` key of `hark.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceField {
    /// The catalog field holding the price (a JSON number, or a string such as `"12.50"`).
    pub field: String,
    /// ISO 4217 currency code (`"USD"`, `"EUR"`, `"GBP"`). Default `"USD"`.
    #[serde(default = "default_currency")]
    pub currency: String,
}

fn default_currency() -> String {
    "USD".into()
}

/// One entry of the `numbers` key of `hark.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberField {
    /// The catalog field holding the number.
    pub field: String,
}

/// A `hark.json` value that is well-formed JSON but unusable; [`ConfigError::key`] names it
/// the way it is written (`facets.Color`, `price.currency`, `numbers.year.field`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The dotted path of the bad key.
    pub key: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\": {}", self.key, self.reason)
    }
}

impl std::error::Error for ConfigError {}

impl CatalogConfig {
    /// A CRC-32 of everything that shapes an index (field names, ranking, language, facets,
    /// price, numbers; not `max_results` or `strict`), recorded in every index so a page can tell
    /// an index built with another config. The same config gives the same value on every
    /// platform: it hashes the values, not the JSON text.
    pub fn fingerprint(&self) -> u32 {
        let shape = format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            self.fields,
            self.ranking.clamped(),
            self.language,
            self.facets,
            self.price,
            self.numbers
        );
        crate::index::crc32(shape.as_bytes())
    }

    /// Checks the shop keys (`facets`, `price`, `numbers`): no blank names or fields, no name
    /// used twice (`price` is reserved for the price), a three-letter upper-case currency code.
    ///
    /// ```
    /// let cfg: hark_engine::CatalogConfig =
    ///     serde_json::from_str(r#"{"price": {"field": "price", "currency": "dollars"}}"#).unwrap();
    /// assert_eq!(cfg.validate().unwrap_err().key, "price.currency");
    /// ```
    pub fn validate(&self) -> Result<(), ConfigError> {
        let err = |key: String, reason: &str| {
            Err(ConfigError {
                key,
                reason: reason.to_owned(),
            })
        };
        let mut names: Vec<&str> = Vec::new();
        for (name, field) in &self.facets {
            let key = format!("facets.{name}");
            if name.trim().is_empty() {
                return err(key, "a facet needs a display name");
            }
            if field.trim().is_empty() {
                return err(key, "names no catalog field");
            }
            if names.contains(&name.as_str()) {
                return err(key, "is listed twice");
            }
            names.push(name);
        }
        if let Some(p) = &self.price {
            if p.field.trim().is_empty() {
                return err("price.field".into(), "names no catalog field");
            }
            let c = &p.currency;
            if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                return err(
                    "price.currency".into(),
                    "must be a three-letter ISO 4217 code such as \"USD\", \"EUR\" or \"GBP\"",
                );
            }
        }
        let mut names: Vec<&str> = Vec::new();
        for (name, n) in &self.numbers {
            if name.trim().is_empty() {
                return err(format!("numbers.{name}"), "a number needs a name");
            }
            if name == "price" {
                return err(
                    format!("numbers.{name}"),
                    "\"price\" is reserved: use the \"price\" key",
                );
            }
            if names.contains(&name.as_str()) {
                return err(format!("numbers.{name}"), "is listed twice");
            }
            if n.field.trim().is_empty() {
                return err(format!("numbers.{name}.field"), "names no catalog field");
            }
            names.push(name);
        }
        Ok(())
    }
}

/// Reads a whole `hark.json` for the engine: every key must be known ([`KnownKeys`]), then the
/// engine's keys are read and [validated](CatalogConfig::validate). Errors name the key.
///
/// ```
/// let error = hark_engine::parse_site_config(br#"{"feilds": {"title": "name"}}"#).unwrap_err();
/// assert!(error.starts_with("unknown key `feilds` — did you mean `fields`?"), "{error}");
/// assert_eq!(hark_engine::parse_site_config(br#"{"noun": "products", "fields": {"title": "name"}}"#)
///     .unwrap().fields.title, "name");
/// ```
#[cfg(feature = "build")]
pub fn parse_site_config(bytes: &[u8]) -> Result<CatalogConfig, String> {
    serde_json::from_slice::<KnownKeys>(bytes).map_err(|e| e.to_string())?;
    let cfg: CatalogConfig = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    cfg.validate().map_err(|e| e.to_string())?;
    Ok(cfg)
}

/// Reads a JSON object into `(key, value)` pairs in the order written (serde_json's own map
/// would sort them, and the Refine panel shows facets in the order the site wrote them).
fn ordered_map<'de, D, V>(d: D) -> Result<Vec<(String, V)>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Pairs<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Pairs<V> {
        type Value = Vec<(String, V)>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(pair) = map.next_entry::<String, V>()? {
                out.push(pair);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Pairs(std::marker::PhantomData))
}

impl Default for CatalogConfig {
    fn default() -> Self {
        CatalogConfig {
            fields: FieldNames::default(),
            ranking: RankingWeights::default(),
            language: "en".into(),
            max_results: 10,
            facets: Vec::new(),
            price: None,
            numbers: Vec::new(),
            strict: false,
        }
    }
}

/// Object keys for each role of a catalog item.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub struct FieldNames {
    /// Stable identifier. Default `"id"`; items without one get their position (0-based) as id.
    pub id: String,
    /// Result title, required. Default `"title"`.
    pub title: String,
    /// Longer text. Default `"description"`.
    pub description: String,
    /// Category shown beside the title. Default `"category"`.
    pub category: String,
    /// Link for the result. Default `"url"`.
    pub url: String,
    /// Extra searchable words, not displayed (synonyms, aliases, tags): every listed key that is
    /// present contributes; arrays are joined. Default `["keywords", "aliases", "tags"]`. At most
    /// [`MAX_KEYWORD_FIELDS`] (every item is searched for each one).
    #[serde(deserialize_with = "one_or_many")]
    pub keywords: Vec<String>,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            id: "id".into(),
            title: "title".into(),
            description: "description".into(),
            category: "category".into(),
            url: "url".into(),
            keywords: vec!["keywords".into(), "aliases".into(), "tags".into()],
        }
    }
}

/// Most keyword fields a configuration may list: parsing looks each one up in every item, so a
/// huge list would make a catalog's parsing time grow with items × fields.
pub const MAX_KEYWORD_FIELDS: usize = 32;

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    let fields = match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    };
    if fields.len() > MAX_KEYWORD_FIELDS {
        return Err(serde::de::Error::custom(format!(
            "{} keyword fields, at most {MAX_KEYWORD_FIELDS} are allowed",
            fields.len()
        )));
    }
    Ok(fields)
}

/// Every ranking knob in one place, with documented defaults and clamped ranges (values outside
/// a range are clamped by [`RankingWeights::clamped`], which the index applies; NaN becomes the default).
///
/// Scoring is BM25F: per document and query word, the field frequencies are combined into
/// `tf = Σ_f weight_f · tf_f / (1 − b + b · len_f / avg_len_f)` and the word scores
/// `idf · tf · (k1 + 1) / (k1 + tf)` with `idf = ln(1 + (N − df + 0.5) / (df + 0.5))`.
/// A vocabulary word that matched the query word only approximately has its score multiplied by
/// the weight of its match kind, so **exact > stem > prefix > typo > sound-alike**.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default)]
pub struct RankingWeights {
    /// Title field weight. Default 3.0, range 0..=20.
    pub title: f32,
    /// Description field weight. Default 1.0, range 0..=20.
    pub description: f32,
    /// Category field weight. Default 0.5, range 0..=20.
    pub category: f32,
    /// Keywords (aliases, tags) field weight. Default 2.0, range 0..=20.
    pub keywords: f32,
    /// BM25 term-frequency saturation `k1`. Default 1.2, range 0..=3.
    pub k1: f32,
    /// BM25 length normalisation `b`. Default 0.75, range 0..=1.
    pub b: f32,
    /// Weight of a word with the same stem (`makers` for `maker`). Default 0.9, range 0..=1.
    pub stem: f32,
    /// Weight of a completion of the last, unfinished word (`espr` → `espresso`). Default 0.75, range 0..=1.
    pub prefix: f32,
    /// Weight of a word one typo away (insert, delete, substitute, swap). Two typos get
    /// `typo · 0.75`. Default 0.65, range 0..=1.
    pub typo: f32,
    /// Weight of a sound-alike word (same Double Metaphone code, more than the typo budget away).
    /// A word that is both a typo and a sound-alike gets its typo weight + 0.1 (at most `prefix`).
    /// Default 0.45, range 0..=1.
    pub phonetic: f32,
    /// Bonus for titles made of the query's words: the score is multiplied by
    /// `1 + title_match × (title words matched / title words)`. Default 0.5, range 0..=4.
    pub title_match: f32,
}

impl Default for RankingWeights {
    fn default() -> Self {
        RankingWeights {
            title: 3.0,
            description: 1.0,
            category: 0.5,
            keywords: 2.0,
            k1: 1.2,
            b: 0.75,
            stem: 0.9,
            prefix: 0.75,
            typo: 0.65,
            phonetic: 0.45,
            title_match: 0.5,
        }
    }
}

impl RankingWeights {
    /// A copy with every value clamped into its documented range (NaN → the default).
    pub fn clamped(&self) -> RankingWeights {
        let d = RankingWeights::default();
        let c = |v: f32, def: f32, hi: f32| if v.is_nan() { def } else { v.clamp(0.0, hi) };
        RankingWeights {
            title: c(self.title, d.title, 20.0),
            description: c(self.description, d.description, 20.0),
            category: c(self.category, d.category, 20.0),
            keywords: c(self.keywords, d.keywords, 20.0),
            k1: c(self.k1, d.k1, 3.0),
            b: c(self.b, d.b, 1.0),
            stem: c(self.stem, d.stem, 1.0),
            prefix: c(self.prefix, d.prefix, 1.0),
            typo: c(self.typo, d.typo, 1.0),
            phonetic: c(self.phonetic, d.phonetic, 1.0),
            title_match: c(self.title_match, d.title_match, 4.0),
        }
    }

    /// Field weights in index field order (title, description, category, keywords).
    pub(crate) fn fields(&self) -> [f32; 4] {
        [self.title, self.description, self.category, self.keywords]
    }
}

/// Every key `hark.json` may hold, for the page, the indexing worker, `hark-engine --config` and `cargo xtask
/// site`: a key that is not here is a typo, reported with the closest known key ([`KnownKeys`]).
///
/// Adding a key to `hark.json` is one line here: `("name", Keys::Any)` for a value serde checks itself, or
/// `("name", Keys::Object(&[…]))` for an object whose own keys are checked too.
pub const HARK_JSON_KEYS: Keys = Keys::Object(&[
    // The page (`src/search/config.rs`).
    ("catalog", Keys::Any),
    ("index", Keys::Any),
    ("noun", Keys::Any),
    ("speak", Keys::Object(&[("summary", Keys::Any), ("none", Keys::Any), ("result", Keys::Any), ("read", Keys::Any)])),
    ("phrases", Keys::Any),
    // `credits` is a list of `{text, url}`: the page's own types refuse other keys in it.
    ("site", Keys::Object(&[("title", Keys::Any), ("tagline", Keys::Any), ("credits", Keys::Any)])),
    (
        "remote",
        Keys::Object(&[
            ("endpoint", Keys::Any),
            ("index", Keys::Any),
            ("fields", Keys::Object(REMOTE_FIELDS)),
            ("weights", Keys::Object(&[("title", Keys::Any), ("description", Keys::Any), ("category", Keys::Any)])),
            ("header", Keys::Object(&[("name", Keys::Any), ("value", Keys::Any)])),
            ("timeout_ms", Keys::Any),
            ("size", Keys::Any),
        ]),
    ),
    // The engine ([`CatalogConfig`]).
    ("fields", Keys::Object(FIELD_KEYS)),
    ("ranking", Keys::Object(RANKING_KEYS)),
    ("weights", Keys::Object(RANKING_KEYS)),
    ("language", Keys::Any),
    ("max_results", Keys::Any),
    ("strict", Keys::Any),
    ("facets", Keys::Any),
    ("price", Keys::Object(&[("field", Keys::Any), ("currency", Keys::Any)])),
    ("numbers", Keys::Named(&Keys::Object(&[("field", Keys::Any)]))),
]);

const REMOTE_FIELDS: &[(&str, Keys)] =
    &[("id", Keys::Any), ("title", Keys::Any), ("description", Keys::Any), ("category", Keys::Any), ("url", Keys::Any)];
const FIELD_KEYS: &[(&str, Keys)] = &[
    ("id", Keys::Any),
    ("title", Keys::Any),
    ("description", Keys::Any),
    ("category", Keys::Any),
    ("url", Keys::Any),
    ("keywords", Keys::Any),
];
const RANKING_KEYS: &[(&str, Keys)] = &[
    ("title", Keys::Any),
    ("description", Keys::Any),
    ("category", Keys::Any),
    ("keywords", Keys::Any),
    ("k1", Keys::Any),
    ("b", Keys::Any),
    ("stem", Keys::Any),
    ("prefix", Keys::Any),
    ("typo", Keys::Any),
    ("phonetic", Keys::Any),
    ("title_match", Keys::Any),
];

/// The shape of a config's keys (values are checked by their own types; this only names the keys).
#[derive(Debug)]
pub enum Keys {
    /// Any value.
    Any,
    /// An object with exactly these keys (each optional).
    Object(&'static [(&'static str, Keys)]),
    /// An object whose keys the site names (`numbers`: `{"year": {…}}`), every value shaped alike.
    Named(&'static Keys),
}

/// Deserializes only to check that every key of a `hark.json` is one of [`HARK_JSON_KEYS`]; the error for the first
/// unknown one names it by its dotted path and suggests the closest known key:
///
/// ```
/// let error = serde_json::from_str::<hark_engine::KnownKeys>(r#"{"catalgo": "p.jsonl"}"#).unwrap_err();
/// assert!(error.to_string().starts_with("unknown key `catalgo` — did you mean `catalog`?"));
/// let error = serde_json::from_str::<hark_engine::KnownKeys>(r#"{"fields": {"titel": "name"}}"#).unwrap_err();
/// assert!(error.to_string().starts_with("unknown key `fields.titel` — did you mean `fields.title`?"));
/// ```
///
/// Values of the wrong type pass here: the config's own types report them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownKeys;

impl<'de> Deserialize<'de> for KnownKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::DeserializeSeed::deserialize(Walk { keys: &HARK_JSON_KEYS, path: String::new() }, d)?;
        Ok(KnownKeys)
    }
}

/// One level of the key check: the keys expected here and the dotted path that leads to it.
struct Walk {
    keys: &'static Keys,
    path: String,
}

impl<'de> serde::de::DeserializeSeed<'de> for Walk {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.keys {
            Keys::Any => serde::de::IgnoredAny::deserialize(d).map(|_| ()),
            _ => d.deserialize_any(self),
        }
    }
}

impl<'de> serde::de::Visitor<'de> for Walk {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() { key.clone() } else { format!("{}.{key}", self.path) };
            let inner = match self.keys {
                Keys::Object(known) => match known.iter().find(|(name, _)| *name == key) {
                    Some((_, inner)) => inner,
                    None => return Err(serde::de::Error::custom(unknown_key(&self.path, &key, known))),
                },
                Keys::Named(inner) => inner,
                Keys::Any => &Keys::Any,
            };
            map.next_value_seed(Walk { keys: inner, path })?;
        }
        Ok(())
    }
    // Anything but an object: its own type reports a mistake.
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// "unknown key `fields.titel` — did you mean `fields.title`?", or the list of known keys when none is close.
fn unknown_key(parent: &str, key: &str, known: &[(&str, Keys)]) -> String {
    let dotted = |name: &str| if parent.is_empty() { name.to_string() } else { format!("{parent}.{name}") };
    // Optimal string alignment: one typo is one edit, a swapped pair of letters included ("catalgo").
    let closest = known
        .iter()
        .map(|(name, _)| (strsim::osa_distance(&key.to_lowercase(), name), *name))
        .min_by_key(|(distance, _)| *distance)
        .filter(|(distance, name)| *distance <= 2.max(name.len() / 3));
    match closest {
        Some((_, name)) => format!("unknown key `{}` — did you mean `{}`?", dotted(key), dotted(name)),
        None => {
            let names: Vec<String> = known.iter().map(|(name, _)| format!("`{name}`")).collect();
            let place = if parent.is_empty() { "hark.json".to_string() } else { format!("`{parent}`") };
            format!("unknown key `{}` — {place} knows {}", dotted(key), names.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_error(json: &str) -> String {
        serde_json::from_str::<KnownKeys>(json)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn unknown_keys_anywhere_are_named_with_the_closest_known_one() {
        let every = r#"{"catalog":"p.jsonl","index":"p.hidx","noun":"products","strict":true,
            "speak":{"summary":"s","none":"n","result":"r","read":3},
            "fields":{"id":"sku","title":"name","keywords":["a"]},"weights":{"title":3,"k1":1.2},
            "facets":{"Brand":"brand"},"price":{"field":"p","currency":"EUR"},
            "numbers":{"year":{"field":"released"}},
            "remote":{"endpoint":"/p","index":"x","fields":{"title":"t"},"header":{"name":"a","value":"b"}}}"#;
        assert!(serde_json::from_str::<KnownKeys>(every).is_ok());
        assert!(key_error(r#"{"catalgo": "p.jsonl"}"#)
            .starts_with("unknown key `catalgo` — did you mean `catalog`?"));
        assert!(key_error(r#"{"remote": {"endpoint": "/p", "feilds": {}}}"#)
            .starts_with("unknown key `remote.feilds` — did you mean `remote.fields`?"));
        assert!(key_error(r#"{"numbers": {"year": {"feild": "y"}}}"#)
            .starts_with("unknown key `numbers.year.feild` — did you mean `numbers.year.field`?"));
        assert!(key_error(r#"{"Noun": "x"}"#).starts_with("unknown key `Noun` — did you mean `noun`?"));
        let far = key_error(r#"{"price": {"field": "p", "symbol": "$"}}"#);
        assert!(far.starts_with("unknown key `price.symbol` — `price` knows `field`, `currency`"), "{far}");
        // Wrong types are left to the config's own types.
        assert!(serde_json::from_str::<KnownKeys>(r#"{"fields": "name", "speak": [1]}"#).is_ok());
    }

    #[test]
    fn too_many_keyword_fields_are_refused() {
        let names: Vec<String> = (0..=MAX_KEYWORD_FIELDS).map(|i| format!("k{i}")).collect();
        let json = serde_json::json!({ "fields": { "keywords": names } }).to_string();
        let e = serde_json::from_str::<CatalogConfig>(&json).unwrap_err();
        assert!(
            e.to_string().contains("33 keyword fields, at most 32"),
            "{e}"
        );
        let json = serde_json::json!({ "fields": { "keywords": &names[1..] } }).to_string();
        assert_eq!(
            serde_json::from_str::<CatalogConfig>(&json)
                .unwrap()
                .fields
                .keywords
                .len(),
            32
        );
    }

    #[test]
    fn defaults_and_clamping() {
        let w = RankingWeights {
            title: 99.0,
            b: -1.0,
            k1: f32::NAN,
            ..Default::default()
        }
        .clamped();
        assert_eq!(w.title, 20.0);
        assert_eq!(w.b, 0.0);
        assert_eq!(w.k1, 1.2);
        assert_eq!(
            RankingWeights::default().clamped(),
            RankingWeights::default()
        );
    }

    #[test]
    fn config_accepts_weights_alias_and_single_keyword_field() {
        let c: CatalogConfig =
            serde_json::from_str(r#"{"weights":{"k1":2},"fields":{"keywords":"syn"},"speak":"x"}"#)
                .unwrap();
        assert_eq!(c.ranking.k1, 2.0);
        assert_eq!(c.fields.keywords, ["syn"]);
        assert_eq!(c.language, "en");
        assert_eq!(c.max_results, 10);
    }

    fn shop(json: &str) -> CatalogConfig {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn shop_keys_keep_their_order_and_validate() {
        let c = shop(
            r#"{"facets":{"Color":"color","Brand":"brand"},"price":{"field":"cost"},
                "numbers":{"year":{"field":"released"}}}"#,
        );
        assert_eq!(
            c.facets,
            [
                ("Color".into(), "color".into()),
                ("Brand".into(), "brand".into())
            ]
        );
        assert_eq!(c.price.as_ref().unwrap().currency, "USD");
        assert_eq!(c.numbers[0].1.field, "released");
        assert_eq!(c.validate(), Ok(()));
    }

    #[test]
    fn validation_names_the_bad_key() {
        let key = |json: &str| shop(json).validate().unwrap_err().key;
        assert_eq!(key(r#"{"facets":{"Color":" "}}"#), "facets.Color");
        assert_eq!(key(r#"{"price":{"field":""}}"#), "price.field");
        assert_eq!(
            key(r#"{"price":{"field":"p","currency":"usd"}}"#),
            "price.currency"
        );
        assert_eq!(
            key(r#"{"numbers":{"year":{"field":""}}}"#),
            "numbers.year.field"
        );
        assert_eq!(
            key(r#"{"numbers":{"price":{"field":"p"}}}"#),
            "numbers.price"
        );
        let e = shop(r#"{"facets":{"":"x"}}"#).validate().unwrap_err();
        assert_eq!(e.to_string(), "\"facets.\": a facet needs a display name");
        let typo = serde_json::from_str::<CatalogConfig>(r#"{"price":{"feild":"p"}}"#);
        assert!(typo.unwrap_err().to_string().contains("feild"));
    }
}
