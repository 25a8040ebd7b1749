//! Queries, ranking and highlighting.
//!
//! For each query word the vocabulary is searched for candidates, each with a match-kind weight
//! from [`RankingWeights`]: the word itself (1.0), words with the same stem, completions of the
//! last word while typing, words within the typo budget ([`analysis::max_typos`]: found with a
//! Levenshtein automaton that counts a swap as one edit, run over the vocabulary FST) and
//! sound-alikes (same Double Metaphone code). A document's score for a query word is the best
//! `weight × BM25F` over the candidates it contains (never a sum, so a word with many
//! look-alikes does not outweigh an exact one); its query score is the sum over query words,
//! times `(1 + words matched) / (1 + words)` so documents matching every word come first, times
//! `1 + title_match × (title words matched / title words)` so a title that *is* the query beats
//! a longer title or a description that merely mentions it.
//!
//! Several recognizer alternatives are fused by CombSUM over max-normalised scores: each
//! alternative is scored alone, its scores divided by its best score (so a long alternative does
//! not outweigh a short one by summing more words), and a document's fused score is
//! `Σ confidence_i × score_i / max score_i`, confidences divided by the largest (all equal when
//! none is positive, as Android reports). A document several alternatives agree on rises.
//! Hit scores are therefore in `0..=number of alternatives`, the best hit of a single-text query
//! scoring 1.
//!
//! Results are ordered by score, ties by document order. Everything is deterministic: no hash
//! map iteration reaches the results, and the logarithm in the IDF is computed with exactly
//! rounded arithmetic only ([`det_ln`]), so the same index bytes rank identically in wasm and natively.

use crate::analysis::{self, edit_distance, max_typos, phonetic_codes};
use crate::config::RankingWeights;
use crate::index::{get_varint, Index, FIELDS};
use fst::{IntoStreamer, Streamer};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use std::ops::Range;
use std::sync::OnceLock;

/// A search request: one text, or several alternatives with confidences (a speech recognizer's
/// n-best list), plus options. Build with [`Query::text`] or [`Query::alternatives`].
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// `(text, confidence)` pairs. Confidences are relative; see the module docs.
    pub alternatives: Vec<(String, f32)>,
    /// Maximum results; `None` uses the index's `max_results`.
    pub limit: Option<usize>,
    /// Treat the last word as unfinished and also match its completions (typing). Default true;
    /// a final voice transcript can turn it off.
    pub prefix_last_word: bool,
    /// Match words within the typo budget. Default true.
    pub typo_tolerance: bool,
    /// Match sound-alike words. Default true.
    pub phonetic: bool,
    /// Strip spoken filler ("show me", "please"). Default true.
    pub strip_filler: bool,
}

impl Query {
    /// A query for one text.
    pub fn text(text: impl Into<String>) -> Query {
        Query::alternatives([(text.into(), 1.0)])
    }

    /// A query for several alternatives with confidences.
    pub fn alternatives<S: Into<String>>(
        alternatives: impl IntoIterator<Item = (S, f32)>,
    ) -> Query {
        Query {
            alternatives: alternatives
                .into_iter()
                .map(|(s, c)| (s.into(), c))
                .collect(),
            limit: None,
            prefix_last_word: true,
            typo_tolerance: true,
            phonetic: true,
            strip_filler: true,
        }
    }

    /// Sets the maximum number of results.
    pub fn with_limit(mut self, limit: usize) -> Query {
        self.limit = Some(limit);
        self
    }

    /// Sets [`Query::prefix_last_word`].
    pub fn with_prefix_last_word(mut self, on: bool) -> Query {
        self.prefix_last_word = on;
        self
    }

    /// Sets [`Query::typo_tolerance`].
    pub fn with_typo_tolerance(mut self, on: bool) -> Query {
        self.typo_tolerance = on;
        self
    }

    /// Sets [`Query::phonetic`].
    pub fn with_phonetic(mut self, on: bool) -> Query {
        self.phonetic = on;
        self
    }

    /// Sets [`Query::strip_filler`].
    pub fn with_strip_filler(mut self, on: bool) -> Query {
        self.strip_filler = on;
        self
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Document number (catalog order); see [`Index::doc`].
    pub doc: u32,
    /// Relevance (higher is better; comparable within one search only).
    pub score: f32,
    /// Byte ranges of matched words in the document's original title.
    pub title_spans: Vec<Range<usize>>,
    /// Byte ranges of matched words in the document's original description.
    pub description_spans: Vec<Range<usize>>,
}

/// How a vocabulary word matched a query word (for weights and diagnostics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Exact,
    Stem,
    Prefix,
    Typo,
    Phonetic,
}

/// Natural logarithm using only `+ − × ÷` (exactly rounded in IEEE 754), so results are
/// bit-identical on every platform, unlike `f64::ln`, which calls the platform's libm.
/// `x` must be positive and finite; accurate to ~1e-15 relative.
pub fn det_ln(x: f64) -> f64 {
    const LN2: f64 = std::f64::consts::LN_2;
    const SQRT2: f64 = std::f64::consts::SQRT_2;
    if x.is_nan() || x <= 0.0 || !x.is_finite() {
        return 0.0;
    }
    let bits = x.to_bits();
    let mut exp = ((bits >> 52) & 0x7FF) as i64 - 1023;
    let mut m = f64::from_bits((bits & ((1u64 << 52) - 1)) | (1023u64 << 52));
    if exp == -1023 {
        // Subnormal: not reachable from IDF inputs; fall back to scaling.
        return det_ln(x * 4503599627370496.0) - 52.0 * LN2;
    }
    if m > SQRT2 {
        m /= 2.0;
        exp += 1;
    }
    // ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| < 0.172.
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut term = s;
    let mut sum = 0.0;
    let mut k = 1.0;
    for _ in 0..14 {
        sum += term / k;
        term *= s2;
        k += 2.0;
    }
    2.0 * sum + exp as f64 * LN2
}

/// BM25 inverse document frequency: `ln(1 + (N − df + 0.5) / (df + 0.5))`, always positive.
pub fn idf(n_docs: u32, df: u32) -> f32 {
    let (n, df) = (f64::from(n_docs), f64::from(df.min(n_docs)));
    det_ln(1.0 + (n - df + 0.5) / (df + 0.5)) as f32
}

/// Shared Levenshtein automaton builders (1 and 2 edits, a swap costing one), built on first use.
fn lev_builder(d: u8) -> &'static LevenshteinAutomatonBuilder {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    if d <= 1 {
        ONE.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true))
    } else {
        TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true))
    }
}

/// A Levenshtein DFA as an `fst` automaton.
struct Lev<'a>(&'a DFA);

impl fst::Automaton for Lev<'_> {
    type State = u32;
    fn start(&self) -> u32 {
        self.0.initial_state()
    }
    fn is_match(&self, s: &u32) -> bool {
        matches!(self.0.distance(*s), Distance::Exact(_))
    }
    fn can_match(&self, s: &u32) -> bool {
        *s != SINK_STATE
    }
    fn accept(&self, s: &u32, b: u8) -> u32 {
        self.0.transition(*s, b)
    }
}

/// A Levenshtein DFA for the rest of a word, behind an exact first character: the vocabulary
/// walk then only enters one first-letter subtree. Used for two-typo searches, by far the
/// costliest (a first-letter mistake is left to sound-alike matching, which catches the usual
/// ones: ph/f, c/k, kn/n, wr/r).
struct FirstCharThenLev<'a> {
    first: &'a [u8],
    dfa: &'a DFA,
}

impl fst::Automaton for FirstCharThenLev<'_> {
    /// Bytes of the first character consumed so far, then the DFA state.
    type State = (u8, u32);
    fn start(&self) -> (u8, u32) {
        (0, self.dfa.initial_state())
    }
    fn is_match(&self, s: &(u8, u32)) -> bool {
        usize::from(s.0) == self.first.len() && matches!(self.dfa.distance(s.1), Distance::Exact(_))
    }
    fn can_match(&self, s: &(u8, u32)) -> bool {
        s.0 != u8::MAX && s.1 != SINK_STATE
    }
    fn accept(&self, s: &(u8, u32), b: u8) -> (u8, u32) {
        let i = usize::from(s.0);
        if i < self.first.len() {
            if self.first[i] == b {
                (s.0 + 1, s.1)
            } else {
                (u8::MAX, s.1)
            }
        } else {
            (s.0, self.dfa.transition(s.1, b))
        }
    }
}

/// Most candidates kept per kind and query word.
const MAX_PREFIX: usize = 24;
const MAX_TYPO: usize = 24;
const MAX_PHONETIC: usize = 16;
const MAX_STEM: usize = 64;
/// Most vocabulary entries scanned per prefix or code lookup.
const SCAN_LIMIT: usize = 4000;

/// A vocabulary word standing in for a query word.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    term: u32,
    weight: f32,
    #[allow(dead_code)]
    kind: Kind,
}

impl Index {
    /// Runs a query and returns the best hits, best first (ties in catalog order).
    ///
    /// ```
    /// use hark_engine::{parse_catalog, CatalogConfig, Index, Query};
    /// let cfg = CatalogConfig::default();
    /// let cat = parse_catalog(br#"[{"title":"Espresso maker"},{"title":"Cheddar","description":"a hard cheese"}]"#, &cfg).unwrap();
    /// let index = Index::build(&cat, &cfg);
    /// let hits = index.search(&Query::text("show me chedder please"));
    /// assert_eq!(index.doc(hits[0].doc).unwrap().title, "Cheddar");
    /// assert_eq!(hits[0].title_spans, [0..7]);
    /// ```
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        let limit = query.limit.unwrap_or(self.max_results).min(10_000);
        let n = self.n_docs as usize;
        if limit == 0 || n == 0 {
            return Vec::new();
        }
        // At most MAX_ALTERNATIVES are searched (the zip below stops with these confidences).
        let mut confidences: Vec<f32> = query
            .alternatives
            .iter()
            .take(analysis::MAX_ALTERNATIVES)
            .map(|(_, c)| {
                if c.is_finite() {
                    c.clamp(0.0, 1.0)
                } else {
                    0.0
                }
            })
            .collect();
        let max = confidences.iter().copied().fold(0.0f32, f32::max);
        for c in &mut confidences {
            *c = if max > 0.0 { *c / max } else { 1.0 };
        }

        // Reuse the per-document arrays of the previous search (they are left zeroed): clearing
        // ~1.5 MB per query would cost more than the query on a large catalog.
        let mut scratch = self
            .scratch
            .lock()
            .ok()
            .and_then(|mut s| s.take())
            .filter(|s| s.best.len() == n)
            .unwrap_or_else(|| Scratch::new(n));
        let mut fused = std::mem::take(&mut scratch.fused);
        let mut touched: Vec<u32> = Vec::new();
        let mut matched_terms: Vec<u32> = Vec::new();
        for ((text, _), &conf) in query.alternatives.iter().zip(&confidences) {
            if conf <= 0.0 {
                continue;
            }
            let words = self.query_words(text, query.strip_filler);
            let scored = self.score_words(&words, query, &mut scratch, &mut matched_terms);
            let top = scored.iter().map(|&(_, s)| s).fold(0.0f32, f32::max);
            if top <= 0.0 {
                continue;
            }
            let scale = conf / top;
            for (doc, s) in scored {
                let s = scale * s;
                if s > 0.0 {
                    let slot = &mut fused[doc as usize];
                    if *slot == 0.0 {
                        touched.push(doc);
                    }
                    *slot += s;
                }
            }
        }
        matched_terms.sort_unstable();
        matched_terms.dedup();

        let mut ranked: Vec<(f32, u32)> = touched.iter().map(|&d| (fused[d as usize], d)).collect();
        for &d in &touched {
            fused[d as usize] = 0.0;
        }
        scratch.fused = fused;
        if let Ok(mut slot) = self.scratch.lock() {
            *slot = Some(scratch);
        }
        let order = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        ranked
            .into_iter()
            .map(|(score, doc)| {
                let view = self.doc(doc);
                Hit {
                    doc,
                    score,
                    title_spans: view
                        .map(|v| self.spans(v.title, &matched_terms))
                        .unwrap_or_default(),
                    description_spans: view
                        .map(|v| self.spans(v.description, &matched_terms))
                        .unwrap_or_default(),
                }
            })
            .collect()
    }

    /// The closest vocabulary spelling of `text`, word by word, for a "did you mean" prompt:
    /// `None` when every word is already known (or nothing close exists).
    ///
    /// ```
    /// # use hark_engine::{parse_catalog, CatalogConfig, Index};
    /// # let cfg = CatalogConfig::default();
    /// # let cat = parse_catalog(br#"[{"title":"Espresso maker"}]"#, &cfg).unwrap();
    /// let index = Index::build(&cat, &cfg);
    /// assert_eq!(index.suggest("expresso maker").as_deref(), Some("espresso maker"));
    /// assert_eq!(index.suggest("espresso"), None);
    /// ```
    pub fn suggest(&self, text: &str) -> Option<String> {
        let words = self.query_words(text, true);
        let mut changed = false;
        let mut out = Vec::with_capacity(words.len());
        for w in &words {
            if self.vocab.get(w).is_some() {
                out.push(w.clone());
                continue;
            }
            let d = max_typos(w.chars().count()).max(1);
            let mut best: Option<(usize, u32, String)> = None;
            let consider = |term: String, best: &mut Option<(usize, u32, String)>| {
                let dist = edit_distance(w, &term);
                let df = self.document_frequency(&term);
                let better = match best {
                    None => true,
                    Some((bd, bdf, bt)) => {
                        (dist, std::cmp::Reverse(df), &term) < (*bd, std::cmp::Reverse(*bdf), &*bt)
                    }
                };
                if better {
                    *best = Some((dist, df, term));
                }
            };
            let dfa = lev_builder(d).build_dfa(w);
            let mut stream = self.vocab.search(Lev(&dfa)).into_stream();
            while let Some((k, _)) = stream.next() {
                if let Ok(term) = std::str::from_utf8(k) {
                    consider(term.to_owned(), &mut best);
                }
            }
            if best.is_none() {
                for (term, _) in self.phonetic_matches(w) {
                    consider(term, &mut best);
                }
            }
            match best {
                Some((_, _, term)) => {
                    changed = true;
                    out.push(term);
                }
                None => out.push(w.clone()),
            }
        }
        changed.then(|| out.join(" "))
    }

    /// Folds a query text into words, without filler and (unless nothing else is left) stop words.
    fn query_words(&self, text: &str, strip_filler: bool) -> Vec<String> {
        let words = analysis::fold_query_with(&*self.folder, text);
        let words = if strip_filler {
            analysis::strip_filler(&words).to_vec()
        } else {
            words
        };
        let content: Vec<String> = words
            .iter()
            .filter(|w| !analysis::is_stop_word(self.language, w))
            .cloned()
            .collect();
        if content.is_empty() {
            words
        } else {
            content
        }
    }

    /// Scores every document that matches any word; returns `(doc, score)` pairs and adds the
    /// matched vocabulary ids to `matched_terms`.
    fn score_words(
        &self,
        words: &[String],
        q: &Query,
        s: &mut Scratch,
        matched_terms: &mut Vec<u32>,
    ) -> Vec<(u32, f32)> {
        let r = &self.ranking;
        let weights = r.fields();
        let (k1, b) = (r.k1, r.b);
        let b_over_avg: [f32; FIELDS] = std::array::from_fn(|f| b / self.avg_len[f]);
        let mut touched: Vec<u32> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let last = i + 1 == words.len();
            let candidates = self.expand(word, last && q.prefix_last_word, q);
            s.word_touched.clear();
            for c in &candidates {
                matched_terms.push(c.term);
                let idf = idf(self.n_docs, self.df_of(c.term));
                let data = self.postings_of(c.term);
                let mut pos = 0;
                let mut doc = 0u32;
                while pos < data.len() {
                    let Some(delta) = get_varint(data, &mut pos) else {
                        break;
                    };
                    doc = match doc.checked_add(delta) {
                        Some(d) if d < self.n_docs => d,
                        _ => break,
                    };
                    let Some(&head) = data.get(pos) else { break };
                    pos += 1;
                    let lens = self.lengths_of(doc);
                    let mut tf_norm = 0.0f32;
                    for f in 0..FIELDS {
                        if head & (1 << f) == 0 {
                            continue;
                        }
                        let tf = if head & 0x10 != 0 {
                            1.0
                        } else {
                            match get_varint(data, &mut pos) {
                                Some(t) => t as f32,
                                None => break,
                            }
                        };
                        let norm = (1.0 - b + b_over_avg[f] * f32::from(lens[f])).max(0.05);
                        tf_norm += weights[f] * tf / norm;
                    }
                    let score = c.weight * idf * tf_norm * (k1 + 1.0) / (k1 + tf_norm);
                    let d = doc as usize;
                    let slot = &mut s.best[d];
                    if score > *slot {
                        if *slot == 0.0 {
                            s.word_touched.push(doc);
                        }
                        *slot = score;
                    }
                    if head & 1 != 0 {
                        s.flags[d] |= 0x80;
                    }
                }
            }
            for &doc in &s.word_touched {
                let d = doc as usize;
                if s.total[d] == 0.0 {
                    touched.push(doc);
                }
                s.total[d] += s.best[d];
                s.best[d] = 0.0;
                let f = s.flags[d];
                if f & 0x80 != 0 {
                    s.title_hits[d] = s.title_hits[d].saturating_add(1);
                }
                s.flags[d] = (f & 0x7F).saturating_add(u8::from(f & 0x0F < 0x0F));
            }
        }
        let n_words = words.len() as f32;
        let title_bonus = r.title_match;
        let out = touched
            .iter()
            .map(|&doc| {
                let d = doc as usize;
                let coverage = (1.0 + f32::from(s.flags[d] & 0x0F)) / (1.0 + n_words);
                let title_len = self.lengths_of(doc)[0].max(1);
                let title_cov = f32::from(s.title_hits[d].min(title_len)) / f32::from(title_len);
                (doc, s.total[d] * coverage * (1.0 + title_bonus * title_cov))
            })
            .collect();
        for &doc in &touched {
            let d = doc as usize;
            s.total[d] = 0.0;
            s.flags[d] = 0;
            s.title_hits[d] = 0;
        }
        out
    }

    /// Vocabulary candidates for one folded query word, sorted by term id.
    fn expand(&self, word: &str, prefix: bool, q: &Query) -> Vec<Candidate> {
        let r = &self.ranking;
        let mut out: Vec<Candidate> = Vec::new();
        let add = |out: &mut Vec<Candidate>, term: u64, weight: f32, kind: Kind| {
            if term < u64::from(self.n_terms) && weight > 0.0 {
                out.push(Candidate {
                    term: term as u32,
                    weight,
                    kind,
                });
            }
        };
        let exact = self.vocab.get(word);
        if let Some(id) = exact {
            add(&mut out, id, 1.0, Kind::Exact);
        }
        let chars = word.chars().count();

        if let Some(stemmer) = &self.stemmer {
            let stem = stemmer.stem(word);
            let (lo, hi) = code_range(&stem);
            let mut stream = self.stems.range().ge(&lo).lt(&hi).into_stream();
            let mut n = 0;
            while let Some((_, id)) = stream.next() {
                if Some(id) != exact {
                    add(&mut out, id, r.stem, Kind::Stem);
                }
                n += 1;
                if n >= MAX_STEM {
                    break;
                }
            }
        }

        let mut wants_typo_completions = false;
        if prefix && chars >= 2 {
            let mut hi = word.as_bytes().to_vec();
            hi.push(0xFF);
            let mut found = self.top_by_df(
                self.vocab.range().gt(word).lt(&hi).into_stream(),
                MAX_PREFIX,
                None,
                0,
            );
            // Few completions: maybe an unfinished word with a typo (decided below, after the whole-word typos).
            wants_typo_completions = found.len() < 5 && q.typo_tolerance && chars >= 5;
            for (id, _) in found.drain(..) {
                add(&mut out, id, r.prefix, Kind::Prefix);
            }
        }

        // A word the catalog does not know must be misspelled or misheard: one more typo allowed.
        let budget = match (q.typo_tolerance, exact) {
            (false, _) => 0,
            (true, Some(_)) => max_typos(chars),
            (true, None) if chars >= 3 => (max_typos(chars) + 1).min(2),
            (true, None) => 0,
        };
        let mut typos: Vec<(usize, u32, u64, bool)> = Vec::new();
        if budget > 0 {
            let dfa = lev_builder(1).build_dfa(word);
            self.typo_candidates(Lev(&dfa), word, exact, &mut typos);
            if budget >= 2 {
                let first_len = word.chars().next().map_or(0, char::len_utf8);
                let (first, rest) = word.split_at(first_len);
                let dfa = lev_builder(2).build_dfa(rest);
                self.typo_candidates(
                    FirstCharThenLev {
                        first: first.as_bytes(),
                        dfa: &dfa,
                    },
                    word,
                    exact,
                    &mut typos,
                );
            }
            typos.sort_unstable_by(|a, b| a.3.cmp(&b.3).then(a.0.cmp(&b.0)).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
            typos.dedup_by_key(|t| t.2);
            typos.truncate(MAX_TYPO);
            for &(dist, _, id, overrun) in &typos {
                let weight = typo_weight(r, dist) * if overrun { OVERRUN_PENALTY } else { 1.0 };
                add(&mut out, id, weight, Kind::Typo);
            }
        }
        // An unfinished word with a typo: completions of words one edit away — unless the typed word is already one
        // plain edit from a whole word ("expresso" → espresso), the likelier reading.
        let whole_word_typo = typos.iter().any(|&(dist, _, _, overrun)| dist <= 1 && !overrun);
        if wants_typo_completions && !whole_word_typo {
            // A word shorter than what was typed is no completion ("express" for "expresso"); the typo path weighs
            // those.
            let dfa = lev_builder(1).build_prefix_dfa(word);
            let more = self.top_by_df(self.vocab.search(Lev(&dfa)).into_stream(), MAX_PREFIX, exact, word.len());
            for (id, _) in more {
                add(&mut out, id, r.prefix * r.typo, Kind::Prefix);
            }
        }

        if q.phonetic && chars >= 3 {
            let max_dist = (chars / 2).max(2);
            let mut sounds: Vec<(usize, u32, u64, bool)> = Vec::new();
            for code in phonetic_codes(word) {
                let (lo, hi) = code_range(&code);
                let mut stream = self.phonetic.range().ge(&lo).lt(&hi).into_stream();
                let mut scanned = 0;
                while let Some((k, id)) = stream.next() {
                    scanned += 1;
                    if scanned > SCAN_LIMIT {
                        break;
                    }
                    // Phonetic keys are ASCII, so byte lengths are char counts: a cheap filter
                    // before the edit distance.
                    let term = k.get(code.len() + 1..).unwrap_or_default();
                    if Some(id) == exact || term.len().abs_diff(chars) > max_dist {
                        continue;
                    }
                    let Ok(term) = std::str::from_utf8(term) else {
                        continue;
                    };
                    if analysis::is_stop_word(self.language, term) {
                        continue;
                    }
                    let dist = edit_distance(word, term);
                    if dist <= max_dist {
                        let overrun = term.len() < word.len() && word.starts_with(term);
                        sounds.push((dist, self.df_of(id as u32), id, overrun));
                    }
                }
            }
            sounds.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
            sounds.dedup_by_key(|s| s.2);
            sounds.truncate(MAX_PHONETIC);
            for &(_, _, id, overrun) in &sounds {
                // Both a typo and a sound-alike: two independent signals, a little more likely.
                let w = match typos.iter().find(|t| t.2 == id) {
                    Some(t) => (typo_weight(r, t.0) + 0.1).min(r.prefix),
                    None => r.phonetic,
                };
                add(&mut out, id, w * if overrun { OVERRUN_PENALTY } else { 1.0 }, Kind::Phonetic);
            }
        }

        // One candidate per term, the best weight (then the strongest kind) winning.
        out.sort_unstable_by(|a, b| {
            a.term
                .cmp(&b.term)
                .then(b.weight.total_cmp(&a.weight))
                .then(a.kind.cmp(&b.kind))
        });
        out.dedup_by_key(|c| c.term);
        out
    }

    /// Vocabulary words accepted by `aut` (other than `exact`) as (distance, df, id).
    fn typo_candidates<A: fst::Automaton>(
        &self,
        aut: A,
        word: &str,
        exact: Option<u64>,
        out: &mut Vec<(usize, u32, u64, bool)>,
    ) {
        let mut stream = self.vocab.search(aut).into_stream();
        let mut scanned = 0;
        while let Some((k, id)) = stream.next() {
            scanned += 1;
            if Some(id) == exact || id >= u64::from(self.n_terms) {
                continue;
            }
            let term = std::str::from_utf8(k);
            // "for" is one edit from "fork", but a stop word is never what a person misspelled or misheard.
            if term.is_ok_and(|t| analysis::is_stop_word(self.language, t)) {
                continue;
            }
            let dist = term.map_or(usize::MAX, |t| edit_distance(word, t));
            let overrun = term.is_ok_and(|t| t.len() < word.len() && word.starts_with(t));
            out.push((dist, self.df_of(id as u32), id, overrun));
            if scanned >= SCAN_LIMIT {
                break;
            }
        }
    }

    /// Vocabulary words sharing a Double Metaphone code with `word`, in code then word order.
    fn phonetic_matches(&self, word: &str) -> Vec<(String, u64)> {
        let mut out = Vec::new();
        for code in phonetic_codes(word) {
            let (lo, hi) = code_range(&code);
            let mut stream = self.phonetic.range().ge(&lo).lt(&hi).into_stream();
            while let Some((k, id)) = stream.next() {
                let term = k
                    .get(code.len() + 1..)
                    .and_then(|t| std::str::from_utf8(t).ok());
                if let Some(term) = term {
                    out.push((term.to_owned(), id));
                }
                if out.len() >= SCAN_LIMIT {
                    break;
                }
            }
        }
        out
    }

    /// The `k` most frequent terms of a stream (ties by term id), scanning at most [`SCAN_LIMIT`].
    fn top_by_df<S>(&self, mut stream: S, k: usize, skip: Option<u64>, min_len: usize) -> Vec<(u64, u32)>
    where
        S: for<'a> Streamer<'a, Item = (&'a [u8], u64)>,
    {
        let mut all: Vec<(u64, u32)> = Vec::new();
        while let Some((key, id)) = stream.next() {
            if Some(id) != skip && id < u64::from(self.n_terms) && key.len() >= min_len {
                all.push((id, self.df_of(id as u32)));
            }
            if all.len() >= SCAN_LIMIT {
                break;
            }
        }
        all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        all.truncate(k);
        all
    }

    /// Byte ranges of the words of `text` whose vocabulary id is in `matched` (sorted).
    fn spans(&self, text: &str, matched: &[u32]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut w = String::new();
        for r in analysis::word_ranges(text) {
            w.clear();
            analysis::fold_word(&*self.folder, &text[r.clone()], &mut w);
            if let Some(id) = self.vocab.get(&w) {
                if matched.binary_search(&(id as u32)).is_ok() {
                    out.push(r);
                }
            }
        }
        out
    }
}

/// The weight of a typo candidate `dist` edits away: `typo`, or `typo × 0.75` for two or more.
/// Weight factor for a typo match whose vocabulary word is a strict prefix of the query word ("expresso" →
/// "express"): the person typed past the end of that word, which is evidence they meant another one ("espresso").
/// Query-time only, so the index format does not change.
pub const OVERRUN_PENALTY: f32 = 0.5;

fn typo_weight(r: &RankingWeights, dist: usize) -> f32 {
    if dist <= 1 {
        r.typo
    } else {
        r.typo * 0.75
    }
}

/// `[code\0, code\x01)`: the keys of an FST whose entries are `code\0word`.
fn code_range(code: &str) -> (Vec<u8>, Vec<u8>) {
    let mut lo = code.as_bytes().to_vec();
    let mut hi = lo.clone();
    lo.push(0);
    hi.push(1);
    (lo, hi)
}

/// Per-search accumulators, one slot per document, all zero between searches.
pub(crate) struct Scratch {
    /// Fused score over alternatives.
    fused: Vec<f32>,
    /// Best candidate score of the current query word.
    best: Vec<f32>,
    /// Sum over query words so far.
    total: Vec<f32>,
    /// Per document: bit 7 = the current word matched in the title; bits 0–3 = query words
    /// matched (saturating at 15); bits 4–6 unused. Title matches are counted in `title_hits`.
    flags: Vec<u8>,
    /// Query words matched in the title.
    title_hits: Vec<u8>,
    word_touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            fused: vec![0.0; n],
            best: vec![0.0; n],
            total: vec![0.0; n],
            flags: vec![0; n],
            title_hits: vec![0; n],
            word_touched: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn det_ln_matches_std_closely() {
        for x in [
            1.0,
            1.5,
            2.0,
            std::f64::consts::E,
            10.0,
            117791.5,
            1e-3,
            3.0e9,
        ] {
            let (a, b) = (det_ln(x), x.ln());
            assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "{x}: {a} vs {b}");
        }
        assert_eq!(det_ln(1.0), 0.0);
    }

    #[test]
    fn idf_falls_with_frequency() {
        assert!(idf(1000, 1) > idf(1000, 10));
        assert!(idf(1000, 10) > idf(1000, 999));
        assert!(idf(1000, 1000) > 0.0);
        assert!(idf(1000, 5000) > 0.0, "df is clamped to N");
    }
}
