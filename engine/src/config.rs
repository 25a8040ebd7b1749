//! Catalog configuration (the `hark.json` a site puts beside its page) and ranking weights.

use serde::Deserialize;

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
}

impl Default for CatalogConfig {
    fn default() -> Self {
        CatalogConfig {
            fields: FieldNames::default(),
            ranking: RankingWeights::default(),
            language: "en".into(),
            max_results: 10,
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
}
