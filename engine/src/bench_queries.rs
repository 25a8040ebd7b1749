//! A deterministic benchmark query set: clean queries sampled from a catalog's titles, and the
//! same queries misspelled the way people and recognizers get words wrong. The CLI writes them
//! to JSON (`hark-engine queries`) so the browser benchmark runs exactly the same queries, and
//! evaluates recall@k and latency (`hark-engine eval`).

use crate::analysis::{self, fold_text, Language};
use crate::index::Index;
use crate::search::Query;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which half of the query set a query belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuerySet {
    /// A title as written (plus a word of the description when titles repeat).
    Clean,
    /// The clean query with one or two realistic edits.
    Misspelled,
}

/// One benchmark query and the document it should find.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenchQuery {
    /// Clean or misspelled.
    pub set: QuerySet,
    /// The query text.
    pub query: String,
    /// The `id` of the document that should be in the top results.
    pub expected_id: String,
}

/// SplitMix64: tiny, seedable, identical everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Sound-alike spellings: (written, misheard).
const SOUND_ALIKES: &[(&str, &str)] = &[
    ("ph", "f"),
    ("f", "ph"),
    ("ck", "k"),
    ("c", "k"),
    ("k", "c"),
    ("ee", "ea"),
    ("ea", "ee"),
    ("ie", "ei"),
    ("ei", "ie"),
    ("ou", "ow"),
    ("ow", "ou"),
    ("s", "z"),
    ("z", "s"),
    ("x", "ks"),
    ("qu", "kw"),
    ("tion", "shun"),
    ("sion", "tion"),
    ("ai", "ay"),
    ("ay", "ai"),
    ("er", "or"),
    ("or", "er"),
    ("ar", "er"),
    ("ant", "ent"),
    ("ent", "ant"),
    ("ible", "able"),
    ("able", "ible"),
    ("ous", "us"),
    ("wh", "w"),
    ("kn", "n"),
    ("wr", "r"),
    ("mb", "m"),
    ("gh", "g"),
    ("y", "i"),
    ("i", "y"),
    ("dge", "ge"),
    ("ce", "se"),
    ("se", "ce"),
    ("oo", "u"),
    ("u", "oo"),
    ("ll", "l"),
    ("l", "ll"),
    ("tt", "t"),
    ("ss", "s"),
    ("al", "el"),
    ("el", "al"),
];

/// Whether replacing `from` at byte `i` keeps the sound: a hard c/k only before a, o, u, l, r
/// (not "cycle" → "kycle"), s/z never first ("scruple" ↛ "zcruple").
fn sounds_alike_here(word: &str, i: usize, from: &str) -> bool {
    let next = word.as_bytes().get(i + from.len()).copied();
    match from {
        "c" | "k" => matches!(next, Some(b'a' | b'o' | b'u' | b'l' | b'r')),
        "s" | "z" => i > 0,
        _ => true,
    }
}

/// Applies one random realistic edit to an ASCII lowercase word: a dropped letter, two
/// neighbours swapped, a doubled letter, or a sound-alike spelling. The first letter is kept
/// except by sound-alikes. Returns `None` if no edit changes the word.
pub fn misspell(word: &str, rng: &mut Rng) -> Option<String> {
    let b = word.as_bytes();
    let n = b.len();
    if n < 2 {
        return None;
    }
    for _ in 0..12 {
        let out = match rng.below(4) {
            0 => {
                let i = 1 + rng.below(n - 1);
                let mut v = b.to_vec();
                v.remove(i);
                v
            }
            1 if n >= 3 => {
                let i = 1 + rng.below(n - 2);
                let mut v = b.to_vec();
                v.swap(i, i + 1);
                v
            }
            2 => {
                let i = 1 + rng.below(n - 1);
                let mut v = b.to_vec();
                v.insert(i, b[i]);
                v
            }
            _ => {
                let options: Vec<(usize, &str, &str)> = SOUND_ALIKES
                    .iter()
                    .flat_map(|&(from, to)| {
                        word.match_indices(from).map(move |(i, _)| (i, from, to))
                    })
                    .filter(|&(i, from, _)| sounds_alike_here(word, i, from))
                    .collect();
                if options.is_empty() {
                    continue;
                }
                let (i, from, to) = options[rng.below(options.len())];
                let mut s = String::with_capacity(n + 2);
                s.push_str(&word[..i]);
                s.push_str(to);
                s.push_str(&word[i + from.len()..]);
                s.into_bytes()
            }
        };
        if out != b && out.len() >= 2 {
            return String::from_utf8(out).ok();
        }
    }
    None
}

/// Generates `count` clean queries and the same `count` misspelled, from documents sampled with
/// `seed`. A clean query is a document's title; when several documents share that title, the
/// description word rarest in the index is appended so the query has one right answer. The
/// misspelled query edits the title's longest word once (twice, half the time, for words of 8+
/// letters); edits that produce another vocabulary word are drawn again.
pub fn generate(index: &Index, count: usize, seed: u64) -> Vec<BenchQuery> {
    let mut title_counts: HashMap<String, u32> = HashMap::new();
    for d in index.docs() {
        *title_counts
            .entry(fold_text(d.title).join(" "))
            .or_default() += 1;
    }
    let lang = Language::from_tag(index.language()).unwrap_or(Language::Unstemmed);
    let mut candidates: Vec<u32> = (0..index.len() as u32)
        .filter(|&i| {
            let Some(d) = index.doc(i) else { return false };
            let words = fold_text(d.title);
            (1..=5).contains(&words.len())
                && d.title
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() >= 4)
        })
        .collect();
    let mut rng = Rng::new(seed);
    let take = count.min(candidates.len());
    for i in 0..take {
        let j = i + rng.below(candidates.len() - i);
        candidates.swap(i, j);
    }
    let mut clean = Vec::with_capacity(take);
    let mut misspelled = Vec::with_capacity(take);
    for &doc in &candidates[..take] {
        let Some(d) = index.doc(doc) else { continue };
        let title_words = fold_text(d.title);
        let mut query = d.title.to_owned();
        if title_counts
            .get(&title_words.join(" "))
            .copied()
            .unwrap_or(0)
            > 1
        {
            let extra = fold_text(d.description)
                .into_iter()
                .filter(|w| {
                    w.len() >= 4 && !title_words.contains(w) && !analysis::is_stop_word(lang, w)
                })
                .map(|w| (index.document_frequency(&w), w))
                .min();
            if let Some((_, w)) = extra {
                query.push(' ');
                query.push_str(&w);
            }
        }
        // Misspell the longest ASCII word of the title.
        let target = d
            .title
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 4)
            .enumerate()
            .max_by_key(|(i, w)| (w.len(), std::cmp::Reverse(*i)))
            .map(|(_, w)| w.to_owned());
        let Some(target) = target else { continue };
        let lower = target.to_ascii_lowercase();
        let mut wrong = None;
        // A misspelling that is another vocabulary word ("cart" → "car") is drawn again: no
        // spelling-based engine can tell it from a real query.
        for _ in 0..8 {
            let mut w = misspell(&lower, &mut rng);
            if let Some(w1) = &w {
                if lower.len() >= 8 && rng.below(2) == 0 {
                    w = misspell(w1, &mut rng).filter(|w2| *w2 != lower).or(w);
                }
            }
            if let Some(w) = w {
                if index.document_frequency(&w) == 0 {
                    wrong = Some(w);
                    break;
                }
            }
        }
        let Some(wrong) = wrong else { continue };
        let bad = query.replacen(&target, &wrong, 1);
        clean.push(BenchQuery {
            set: QuerySet::Clean,
            query,
            expected_id: d.id.to_owned(),
        });
        misspelled.push(BenchQuery {
            set: QuerySet::Misspelled,
            query: bad,
            expected_id: d.id.to_owned(),
        });
    }
    clean.extend(misspelled);
    clean
}

/// Recall and latency of one query set.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalReport {
    /// Which set.
    pub set: QuerySet,
    /// Number of queries.
    pub queries: usize,
    /// Fraction of queries whose expected document is in the top `k`.
    pub recall: f64,
    /// Median latency in milliseconds.
    pub p50_ms: f64,
    /// 95th percentile latency in milliseconds.
    pub p95_ms: f64,
    /// Slowest query in milliseconds.
    pub max_ms: f64,
    /// Queries that missed, with the titles returned first.
    pub misses: Vec<(String, String, Vec<String>)>,
}

/// Runs every query with `limit = k` (typo and sound-alike on unless `query_options` says
/// otherwise) and reports recall@k and latency per set. `now_ms` is a clock in milliseconds
/// (`Instant` natively, `performance.now()` in a browser).
pub fn evaluate(
    index: &Index,
    queries: &[BenchQuery],
    k: usize,
    query_options: impl Fn(Query) -> Query,
    mut now_ms: impl FnMut() -> f64,
) -> Vec<EvalReport> {
    let mut reports = Vec::new();
    for set in [QuerySet::Clean, QuerySet::Misspelled] {
        let mut times = Vec::new();
        let mut found = 0;
        let mut misses = Vec::new();
        for q in queries.iter().filter(|q| q.set == set) {
            let query = query_options(Query::text(q.query.clone()).with_limit(k));
            let t0 = now_ms();
            let hits = index.search(&query);
            times.push(now_ms() - t0);
            if hits
                .iter()
                .any(|h| index.doc(h.doc).is_some_and(|d| d.id == q.expected_id))
            {
                found += 1;
            } else {
                let expected = index
                    .docs()
                    .find(|d| d.id == q.expected_id)
                    .map(|d| d.title.to_owned())
                    .unwrap_or_default();
                let got = hits
                    .iter()
                    .take(3)
                    .filter_map(|h| index.doc(h.doc))
                    .map(|d| d.title.to_owned())
                    .collect();
                misses.push((q.query.clone(), expected, got));
            }
        }
        if times.is_empty() {
            continue;
        }
        times.sort_by(f64::total_cmp);
        let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
        reports.push(EvalReport {
            set,
            queries: times.len(),
            recall: found as f64 / times.len() as f64,
            p50_ms: pct(0.5),
            p95_ms: pct(0.95),
            max_ms: times[times.len() - 1],
            misses,
        });
    }
    reports
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_stable() {
        let mut r = Rng::new(42);
        let a: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        let mut r = Rng::new(42);
        assert_eq!(a, (0..3).map(|_| r.next_u64()).collect::<Vec<_>>());
    }

    #[test]
    fn misspellings_change_the_word_a_little() {
        let mut rng = Rng::new(7);
        for w in ["cheddar", "espresso", "fork", "knight", "telephone"] {
            for _ in 0..20 {
                let m = misspell(w, &mut rng).unwrap();
                assert_ne!(m, w);
                assert!(analysis::edit_distance(&m, w) <= 4, "{w} → {m}");
            }
        }
    }
}
