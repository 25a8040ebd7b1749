//! Shared by the host and browser parity tests: the queries and a serialisable form of the answers.

use hark_engine::{Index, Query};
use serde::{Deserialize, Serialize};

/// The fixture queries (accents, case, fullwidth forms, typos, filler, prefixes, nonsense, empty).
pub const QUERIES: &[&str] = &[
    "expresso maker",
    "chedder",
    "night",
    "show me a tuning fork please",
    "creme brulee",
    "CRÈME BRÛLÉE",
    "cafe au lait",
    "naive",
    "smorgasbord",
    "jalapeno",
    "strasse",
    "oresund",
    "fullwidth",
    "ｐｅｎ",
    "running sho",
    "coffee",
    "coffe grindr",
    "knite",
    "qqxqqzzv",
    "",
];

/// One query's answer, with scores as exact bit patterns.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub query: String,
    pub hits: Vec<AnsweredHit>,
}

/// One hit.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct AnsweredHit {
    pub id: String,
    pub score_bits: u32,
    pub title_spans: Vec<(usize, usize)>,
    pub description_spans: Vec<(usize, usize)>,
}

/// What `index` answers for each query (typed: prefix on the last word).
pub fn answers(index: &Index, queries: &[&str]) -> Vec<Answer> {
    queries
        .iter()
        .map(|query| Answer {
            query: query.to_string(),
            hits: index
                .search(&Query::text(*query).with_prefix_last_word(true))
                .into_iter()
                .map(|hit| AnsweredHit {
                    id: index.doc(hit.doc).map(|doc| doc.id.to_string()).unwrap_or_default(),
                    score_bits: hit.score.to_bits(),
                    title_spans: hit.title_spans.iter().map(|r| (r.start, r.end)).collect(),
                    description_spans: hit.description_spans.iter().map(|r| (r.start, r.end)).collect(),
                })
                .collect(),
        })
        .collect()
}
