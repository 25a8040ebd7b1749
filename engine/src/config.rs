//! Catalog configuration (the `hark.json` a site puts beside its page) and ranking weights.

use serde::Deserialize;
use std::fmt;

/// How to read a catalog and rank it. Deserializes from `hark.json`; every key is optional and
/// unknown keys are ignored (the app keeps its own settings in the same file).
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

#[cfg(test)]
mod tests {
    use super::*;

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
