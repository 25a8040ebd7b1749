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
//! `Σ confidence_i × strength_i² × score_i / max score_i`, confidences divided by the largest (all equal when
//! none is positive, as Android reports), where `strength_i` is alternative i's best score per query word over the
//! best alternative's: near-misses that only match by typos and sound-alikes count for less than the alternative that
//! matched a title (`ALTERNATIVE_STRENGTH`). A document several alternatives agree on rises. The
//! maximum leaves out the exact-title factor ([`EXACT_TITLE`]), so an alternative that is exactly
//! a title ("twilight") is not outvoted by near-misses of the others ("why lied", "why i lied");
//! an alternative of stop words only ("and then") is dropped when others have content words.
//! The best hit of a single-text query scores 1.
//!
//! Results are ordered by score, ties by document order. Everything is deterministic: no hash
//! map iteration reaches the results, and the logarithm in the IDF is computed with exactly
//! rounded arithmetic only ([`det_ln`]), so the same index bytes rank identically in wasm and natively.

use crate::analysis::{self, edit_distance, max_typos, phonetic_codes};
use crate::compound;
use crate::homophone;
use crate::spoken_number;
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
    /// Facet and number filters, all of which must hold (see [`crate::filter`]). Default none.
    pub filters: Vec<crate::filter::Filter>,
    /// Result order. Default [`crate::filter::Sort::Relevance`].
    pub sort: crate::filter::Sort,
    /// How many of the first hits get their matched words' spans; the rest have none. `None` (the default): every
    /// hit. A page that ranks many hits (for counts) but shows ten asks for ten: the spans are the costly part of a
    /// hit (the title and description are read and split into words again).
    pub highlight: Option<usize>,
    /// A blank query lists every document (that passes the filters, in sort order) instead of finding nothing:
    /// what "show all" asks for when nothing is left to narrow it. Default false.
    pub browse_all: bool,
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
            filters: Vec::new(),
            highlight: None,
            sort: crate::filter::Sort::Relevance,
            browse_all: false,
        }
    }

    /// Sets the maximum number of results.
    pub fn with_limit(mut self, limit: usize) -> Query {
        self.limit = Some(limit);
        self
    }

    /// Sets [`Query::highlight`]: spans for the first `hits` hits only.
    pub fn with_highlight(mut self, hits: usize) -> Query {
        self.highlight = Some(hits);
        self
    }

    /// Sets [`Query::browse_all`].
    pub fn with_browse_all(mut self, on: bool) -> Query {
        self.browse_all = on;
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
    /// A part of a merged word, or the join of two query words.
    Compound,
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

/// Weight of a merged or split reading ("fireextinguisher" → fire + extinguisher, "tooth brush" → toothbrush):
/// below a whole word's stem, above a completion or a typo. Query-time only (no index format change).
pub const COMPOUND: f32 = 0.8;
/// Exponent of an alternative's strength in the fusion: its best score per query word over the best alternative's
/// (see the module doc). 1 and 3 do almost as well in `cargo xtask eval`; 0 (every alternative counting by its confidence alone)
/// does worst.
const ALTERNATIVE_STRENGTH: i32 = 2;
/// Shortest join of two query words that is also looked up with typos and sound-alikes (shorter joins, such as
/// "a bit", find too many unrelated words).
const MIN_FUZZY_JOIN: usize = 7;
/// Most typo and sound-alike readings kept per join of two query words.
const MAX_FUZZY_JOIN: usize = 4;
/// Factor for a title that is the query, ignoring stop words, case and accents: it comes first.
pub const EXACT_TITLE: f32 = 3.0;
/// Further factor when the title's stop words are the query's too, so "All My Love" beats "Love" for
/// "all my love".
pub const WHOLE_TITLE: f32 = 1.5;
/// Factor for completions and typo readings of a word the vocabulary has: the typed word itself is the likelier
/// meaning ("love" means Love before Loverman; "fork" means forks before Cork), so those come after whole words.
pub const KNOWN_WORD: f32 = 0.5;

/// Weight of a homophone (a different word with the same `homophone::sound_key`): a word spelled by ear is that
/// word, so it weighs as a stem does, above a typo that is also a sound-alike.
pub const HOMOPHONE: f32 = 0.85;

/// Factor for a sound-alike beyond the edit budget that has the query word's consonants ("wight" → "white").
pub const FAR_SOUND: f32 = 0.8;

/// The folded words of one query text.
type QueryWords = analysis::QueryTerms;

/// One alternative's scores: `(doc, score)` pairs, its best score without the exact-title factor, that per query
/// word, and its confidence.
type Scored = (Vec<(u32, f32)>, f32, f32, f32);

/// Walks one term's postings: `(doc, field mask head byte, term frequency per field)`. Stops at the first
/// malformed entry.
struct Postings<'a> {
    data: &'a [u8],
    pos: usize,
    doc: u32,
    n_docs: u32,
}

impl<'a> Postings<'a> {
    fn new(data: &'a [u8], n_docs: u32) -> Self {
        Postings {
            data,
            pos: 0,
            doc: 0,
            n_docs,
        }
    }

    fn next(&mut self) -> Option<(u32, u8, [u32; FIELDS])> {
        let delta = get_varint(self.data, &mut self.pos)?;
        self.doc = self.doc.checked_add(delta).filter(|&d| d < self.n_docs)?;
        let head = *self.data.get(self.pos)?;
        self.pos += 1;
        let mut tfs = [0u32; FIELDS];
        for (f, tf) in tfs.iter_mut().enumerate() {
            if head & (1 << f) != 0 {
                *tf = if head & 0x10 != 0 {
                    1
                } else {
                    get_varint(self.data, &mut self.pos)?
                };
            }
        }
        Some((self.doc, head, tfs))
    }
}

/// Adds `c` to a candidate list sorted by term, keeping the better weight when the term is already there.
fn merge_candidate(list: &mut Vec<Candidate>, c: Candidate) {
    match list.binary_search_by_key(&c.term, |x| x.term) {
        Ok(i) if list[i].weight < c.weight => list[i] = c,
        Ok(_) => {}
        Err(i) => list.insert(i, c),
    }
}

/// A vocabulary word standing in for a query word.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    term: u32,
    weight: f32,
    kind: Kind,
    /// The IDF the candidate may score with: a look-alike of a word the vocabulary has is no rarer than that word
    /// (else a rare "cork" outscores the many forks it was mistaken for).
    max_idf: f32,
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
        self.search_counting(query).0
    }

    /// [`Index::search`], and the work it took (see [`Work`]).
    fn search_counting(&self, query: &Query) -> (Vec<Hit>, Work) {
        let mut work = Work::default();
        let limit = query.limit.unwrap_or(self.max_results).min(10_000);
        let n = self.n_docs as usize;
        if limit == 0 || n == 0 {
            return (Vec::new(), work);
        }
        // At most MAX_ALTERNATIVES are searched (the zip below stops with these confidences).
        if let Some(hits) = crate::filter::browse(self, query, limit) {
            return (hits, work);
        }
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
        let readings: Vec<(QueryWords, f32)> = query
            .alternatives
            .iter()
            .zip(&confidences)
            .filter(|(_, &conf)| conf > 0.0)
            .map(|((text, _), &conf)| (self.query_words(text, query.strip_filler), conf))
            .collect();
        // A recognizer alternative of stop words only ("and then") beside ones with content is noise.
        let any_content = readings.iter().any(|(w, _)| !w.all_stop);
        let readings: Vec<&(QueryWords, f32)> = readings
            .iter()
            .filter(|(w, _)| !(any_content && w.all_stop))
            .collect();
        let several = readings.len() > 1;
        let scored: Vec<Scored> = readings
            .iter()
            .map(|&(words, conf)| {
                let (scored, top_plain) =
                    self.score_words(words, query, &mut scratch, &mut matched_terms, &mut work);
                // Per word, so a long alternative is not stronger for summing more words.
                let per_word = top_plain / words.content.len().max(1) as f32;
                (scored, top_plain, per_word, *conf)
            })
            .collect();
        let best_per_word = scored.iter().map(|a| a.2).fold(0.0f32, f32::max);
        for (scored, top_plain, per_word, conf) in scored {
            let top = scored.iter().map(|&(_, s)| s).fold(0.0f32, f32::max);
            // Alternatives are normalised by their best score without the exact-title factor, so an alternative that
            // is exactly a title keeps that evidence in the fusion. A single text is normalised to 1 as before.
            let norm = if several { top_plain } else { top };
            if norm <= 0.0 {
                continue;
            }
            // An alternative whose best match is weak (only typos and sound-alikes) counts for less than one that
            // matched well, so near-misses that agree do not outvote the hypothesis that heard the title.
            let strength = if several && best_per_word > 0.0 { per_word / best_per_word } else { 1.0 };
            let quality = strength.powi(ALTERNATIVE_STRENGTH);
            let scale = conf * quality / norm;
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
        crate::order::sort(&mut matched_terms);
        matched_terms.dedup();

        let mut ranked: Vec<(f32, u32)> = touched.iter().map(|&d| (fused[d as usize], d)).collect();
        for &d in &touched {
            fused[d as usize] = 0.0;
        }
        scratch.fused = fused;
        if let Ok(mut slot) = self.scratch.lock() {
            *slot = Some(scratch);
        }
        crate::filter::retain(self, query, &mut ranked);
        let by_number = crate::filter::number_order(self, query);
        let order = |a: &(f32, u32), b: &(f32, u32)| {
            by_number.cmp(a.1, b.1).then(b.0.total_cmp(&a.0)).then(a.1.cmp(&b.1))
        };
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        let highlighted = query.highlight.unwrap_or(usize::MAX);
        let hits = ranked
            .into_iter()
            .enumerate()
            .map(|(at, (score, doc))| {
                let view = if at < highlighted { self.doc(doc) } else { None };
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
            .collect();
        (hits, work)
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
        let words = self.query_words(text, true).content;
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

    /// Folds a query text into words, without filler, and splits off its stop words (unless nothing else is left).
    fn query_words(&self, text: &str, strip_filler: bool) -> QueryWords {
        analysis::query_terms(&*self.folder, self.language, text, strip_filler)
    }

    /// Scores every document that matches any word; returns `(doc, score)` pairs and the best score without the
    /// exact-title factor, and adds the matched vocabulary ids to `matched_terms`.
    fn score_words(
        &self,
        words: &QueryWords,
        q: &Query,
        s: &mut Scratch,
        matched_terms: &mut Vec<u32>,
        work: &mut Work,
    ) -> (Vec<(u32, f32)>, f32) {
        let r = &self.ranking;
        let weights = r.fields();
        let (k1, b) = (r.k1, r.b);
        let b_over_avg: [f32; FIELDS] = std::array::from_fn(|f| b / self.avg_len[f]);
        let mut touched: Vec<u32> = Vec::new();
        let slots = self.slots(&words.content, q, work);
        for candidates in &slots {
            s.word_touched.clear();
            for c in candidates {
                matched_terms.push(c.term);
                let idf = idf(self.n_docs, self.df_of(c.term)).min(c.max_idf);
                let mut postings = Postings::new(self.postings_of(c.term), self.n_docs);
                while let Some((doc, head, tfs)) = postings.next() {
                    work.postings += 1;
                    let lens = self.lengths_of(doc);
                    let mut tf_norm = 0.0f32;
                    for f in 0..FIELDS {
                        if head & (1 << f) != 0 {
                            let norm = (1.0 - b + b_over_avg[f] * f32::from(lens[f])).max(0.05);
                            tf_norm += weights[f] * tfs[f] as f32 / norm;
                        }
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
                        s.flags[d] |= if c.kind == Kind::Exact { 0xC0 } else { 0x80 };
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
                if f & 0x40 != 0 {
                    s.exact_title[d] = s.exact_title[d].saturating_add(1);
                }
                s.flags[d] = (f & 0x3F).saturating_add(u8::from(f & 0x0F < 0x0F));
            }
        }
        // Stop words never score, but a title that holds them is more fully the query ("To Have and Have Not").
        let mut stops: Vec<&String> = words.stop.iter().collect();
        crate::order::sort(&mut stops);
        stops.dedup();
        for stop in stops {
            let Some(id) = self
                .vocab
                .get(stop)
                .filter(|&id| id < u64::from(self.n_terms))
            else {
                continue;
            };
            let mut postings = Postings::new(self.postings_of(id as u32), self.n_docs);
            while let Some((doc, head, tfs)) = postings.next() {
                let d = doc as usize;
                if head & 1 != 0 && s.total[d] > 0.0 {
                    s.stop_hits[d] = s.stop_hits[d].saturating_add(tfs[0].min(255) as u8);
                }
            }
        }
        let n_words = slots.len() as f32;
        let title_bonus = r.title_match;
        let mut content_sorted: Vec<&str> = words.content.iter().map(String::as_str).collect();
        crate::order::sort(&mut content_sorted);
        let mut top_plain = 0.0f32;
        let out = touched
            .iter()
            .map(|&doc| {
                let d = doc as usize;
                let coverage = (1.0 + f32::from(s.flags[d] & 0x0F)) / (1.0 + n_words);
                let title_len = self.lengths_of(doc)[0].max(1);
                let title_matched = s.title_hits[d]
                    .saturating_add(s.stop_hits[d])
                    .min(title_len);
                let title_cov = f32::from(title_matched) / f32::from(title_len);
                let mut score = s.total[d] * coverage * (1.0 + title_bonus * title_cov);
                top_plain = top_plain.max(score);
                if usize::from(s.exact_title[d]) >= slots.len()
                    && self.title_is(doc, &content_sorted, words.all_stop)
                {
                    let whole = s.exact_title[d].saturating_add(s.stop_hits[d]) >= title_len;
                    score *= EXACT_TITLE * if whole { WHOLE_TITLE } else { 1.0 };
                }
                (doc, score)
            })
            .collect();
        for &doc in &touched {
            let d = doc as usize;
            s.total[d] = 0.0;
            s.flags[d] = 0;
            s.title_hits[d] = 0;
            s.exact_title[d] = 0;
            s.stop_hits[d] = 0;
        }
        (out, top_plain)
    }

    /// Whether the title of `doc`, folded and without stop words (with them when `all_stop`), is the multiset of
    /// words `sorted`.
    fn title_is(&self, doc: u32, sorted: &[&str], all_stop: bool) -> bool {
        let Some(view) = self.doc(doc) else {
            return false;
        };
        let mut title: Vec<String> = analysis::fold_text_with(&*self.folder, view.title);
        if !all_stop {
            title.retain(|w| !analysis::is_stop_word(self.language, w));
        }
        crate::order::sort(&mut title);
        title.len() == sorted.len() && title.iter().zip(sorted).all(|(a, b)| a == b)
    }

    /// The candidate lists the query's content words are scored by, one list per slot. A word the vocabulary lacks
    /// that splits into vocabulary words ("fireextinguisher") takes one slot per part, each also holding the
    /// word's own typo and sound-alike candidates; two adjacent words that join into a vocabulary word ("tooth
    /// brush") each get that word as a candidate too, and a long join that is no word gets the join's own stems,
    /// typos and sound-alikes ("drama line" → drumline); a run of English number words gets the digits it spells
    /// ("nineteen thirty three" → 1933). These readings weigh [`COMPOUND`] (times their own kind's weight).
    fn slots(&self, words: &[String], q: &Query, work: &mut Work) -> Vec<Vec<Candidate>> {
        let linking_s = compound::has_linking_s(self.language);
        let known = |w: &str| {
            self.vocab.get(w).filter(|&id| {
                id < u64::from(self.n_terms) && !analysis::is_stop_word(self.language, w)
            })
        };
        let mut per_word: Vec<Vec<Candidate>> = words
            .iter()
            .enumerate()
            .map(|(i, w)| work.expand(self, w, i + 1 == words.len() && q.prefix_last_word, q, 2))
            .collect();
        let compound = |term: u64| Candidate {
            term: term as u32,
            weight: COMPOUND,
            kind: Kind::Compound,
            max_idf: f32::INFINITY,
        };
        for i in 1..words.len() {
            let joined = compound::joined(&words[i - 1], &words[i], linking_s);
            let mut found = false;
            for term in joined.iter().filter_map(|j| known(j)) {
                found = true;
                for slot in [i - 1, i] {
                    merge_candidate(&mut per_word[slot], compound(term));
                }
            }
            // A recognizer splits names it does not know into words it does ("drama line" for Drumline, "bell boy"
            // for Hellboy, "bench warmer" for Benchwarmers): the join's own stems, typos and sound-alikes.
            let Some(first) = joined.first().filter(|j| !found && j.chars().count() >= MIN_FUZZY_JOIN) else {
                continue;
            };
            let mut near = work.expand(self, first, false, q, 1);
            crate::order::sort_by(&mut near, |a, b| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term)));
            near.truncate(MAX_FUZZY_JOIN);
            for c in near {
                let c = Candidate { weight: c.weight * COMPOUND, kind: Kind::Compound, ..c };
                for slot in [i - 1, i] {
                    merge_candidate(&mut per_word[slot], c);
                }
            }
        }
        // Number words a recognizer spelled out ("eleven", "nineteen thirty three") also mean the catalog's digits.
        for (range, digits) in spoken_number::digit_readings(self.language, words) {
            if let Some(term) = known(&digits) {
                for slot in range {
                    merge_candidate(&mut per_word[slot], compound(term));
                }
            }
        }
        let mut slots = Vec::with_capacity(per_word.len());
        for (w, candidates) in words.iter().zip(per_word) {
            let parts = if self.vocab.get(w).is_none() {
                compound::split(w, linking_s, known)
            } else {
                None
            };
            match parts {
                Some(parts) => {
                    for part in parts {
                        let mut slot = candidates.clone();
                        merge_candidate(&mut slot, compound(part));
                        slots.push(slot);
                    }
                }
                None => slots.push(candidates),
            }
        }
        slots
    }

    /// Vocabulary candidates for one folded query word, sorted by term id; typos up to `max_budget` edits.
    fn expand(&self, word: &str, prefix: bool, q: &Query, max_budget: u8) -> Vec<Candidate> {
        let r = &self.ranking;
        let mut out: Vec<Candidate> = Vec::new();
        let exact = self
            .vocab
            .get(word)
            .filter(|&id| id < u64::from(self.n_terms));
        let exact_idf = exact.map_or(f32::INFINITY, |id| idf(self.n_docs, self.df_of(id as u32)));
        let add = |out: &mut Vec<Candidate>, term: u64, weight: f32, kind: Kind| {
            if term < u64::from(self.n_terms) && weight > 0.0 {
                let max_idf = if kind == Kind::Exact {
                    f32::INFINITY
                } else {
                    exact_idf
                };
                out.push(Candidate {
                    term: term as u32,
                    weight,
                    kind,
                    max_idf,
                });
            }
        };
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
            let weight = if exact.is_some() {
                r.prefix * KNOWN_WORD
            } else {
                r.prefix
            };
            for (id, _) in found.drain(..) {
                add(&mut out, id, weight, Kind::Prefix);
            }
        }

        // A word the catalog does not know must be misspelled or misheard: one more typo allowed.
        let budget = match (q.typo_tolerance, exact) {
            (false, _) => 0,
            (true, Some(_)) => max_typos(chars),
            (true, None) if chars >= 3 => (max_typos(chars) + 1).min(2),
            (true, None) => 0,
        }
        .min(max_budget);
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
            crate::order::sort_by(&mut typos, |a, b| {
                a.3.cmp(&b.3)
                    .then(a.0.cmp(&b.0))
                    .then(b.1.cmp(&a.1))
                    .then(a.2.cmp(&b.2))
            });
            typos.dedup_by_key(|t| t.2);
            typos.truncate(MAX_TYPO);
            let known = if exact.is_some() { KNOWN_WORD } else { 1.0 };
            for &(dist, _, id, overrun) in &typos {
                let weight =
                    typo_weight(r, dist) * known * if overrun { OVERRUN_PENALTY } else { 1.0 };
                add(&mut out, id, weight, Kind::Typo);
            }
        }
        // An unfinished word with a typo: completions of words one edit away — unless the typed word is already one
        // plain edit from a whole word ("expresso" → espresso), the likelier reading.
        let whole_word_typo = typos
            .iter()
            .any(|&(dist, _, _, overrun)| dist <= 1 && !overrun);
        if wants_typo_completions && !whole_word_typo {
            // A word shorter than what was typed is no completion ("express" for "expresso"); the typo path weighs
            // those.
            let dfa = lev_builder(1).build_prefix_dfa(word);
            let more = self.top_by_df(
                self.vocab.search(Lev(&dfa)).into_stream(),
                MAX_PREFIX,
                exact,
                word.len(),
            );
            for (id, _) in more {
                add(&mut out, id, r.prefix * r.typo, Kind::Prefix);
            }
        }

        if q.phonetic && chars >= 3 {
            let max_dist = (chars / 2).max(2);
            let sound = (self.language.code() == "en").then(|| homophone::sound_key(word));
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
                    // Words with the same consonants may be two edits further ("wight" → "white"): homophones differ
                    // most in their vowels. They come after those within the budget, and weigh a little less.
                    let mut dist = edit_distance(word, term);
                    // The same vowel sounds too ("baur" → bore, not bar): a homophone, the closest sound-alike.
                    if sound.as_ref().is_some_and(|s| term != word && homophone::sound_key(term) == *s) {
                        dist = 0;
                    } else if dist > max_dist {
                        if dist > max_dist + 2 || !analysis::same_consonants(word, term) {
                            continue;
                        }
                        dist = max_dist + 1;
                    }
                    {
                        let overrun = overruns(word, term);
                        sounds.push((dist, self.df_of(id as u32), id, overrun));
                    }
                }
            }
            crate::order::sort_by(&mut sounds, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
            sounds.dedup_by_key(|s| s.2);
            sounds.truncate(MAX_PHONETIC);
            for &(dist, _, id, overrun) in &sounds {
                if dist == 0 {
                    let known = if exact.is_some() { KNOWN_WORD } else { 1.0 };
                    add(&mut out, id, HOMOPHONE * known, Kind::Phonetic);
                    continue;
                }
                let far = if dist > max_dist { FAR_SOUND } else { 1.0 };
                // Both a typo and a sound-alike: two independent signals, a little more likely.
                let known = if exact.is_some() { KNOWN_WORD } else { 1.0 };
                let w = match typos.iter().find(|t| t.2 == id) {
                    Some(t) => (typo_weight(r, t.0) * known + 0.1)
                        .min(r.prefix)
                        .max(r.phonetic),
                    None => r.phonetic,
                };
                add(
                    &mut out,
                    id,
                    w * far * if overrun { OVERRUN_PENALTY } else { 1.0 },
                    Kind::Phonetic,
                );
            }
        }

        // One candidate per term, the best weight (then the strongest kind) winning.
        crate::order::sort_by(&mut out, |a, b| {
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
            let overrun = term.is_ok_and(|t| overruns(word, t));
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
    fn top_by_df<S>(
        &self,
        mut stream: S,
        k: usize,
        skip: Option<u64>,
        min_len: usize,
    ) -> Vec<(u64, u32)>
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
        crate::order::sort_by(&mut all, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
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

/// Whether `word` was typed past the end of the vocabulary word `term` (see [`OVERRUN_PENALTY`]), other than by
/// doubling its last letter ("downn" is "down" with a slip, not a longer word).
fn overruns(word: &str, term: &str) -> bool {
    let doubled_last =
        word.len() == term.len() + 1 && term.chars().next_back().is_some_and(|c| word.ends_with(c));
    term.len() < word.len() && word.starts_with(term) && !doubled_last
}

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

/// The work of one search, counted so tests can bound it, and the vocabulary expansions it has made: a recognizer's
/// alternatives repeat most of their words ("trick reverend are", "trick reverend or"), so each word (and each join
/// of two words) is looked up in the vocabulary once per search, however many alternatives hold it.
#[derive(Default)]
struct Work {
    /// Candidates per (word, completed, typo budget).
    expansions: std::collections::BTreeMap<(String, bool, u8), Vec<Candidate>>,
    /// Vocabulary expansions computed (each a bounded number of FST walks).
    computed: usize,
    /// Postings entries walked.
    postings: usize,
}

impl Work {
    /// [`Index::expand`], once per search for each word and options.
    fn expand(&mut self, index: &Index, word: &str, prefix: bool, q: &Query, max_budget: u8) -> Vec<Candidate> {
        let key = (word.to_owned(), prefix, max_budget);
        if let Some(found) = self.expansions.get(&key) {
            return found.clone();
        }
        self.computed += 1;
        let found = index.expand(word, prefix, q, max_budget);
        self.expansions.insert(key, found.clone());
        found
    }
}

/// Per-search accumulators, one slot per document, all zero between searches.
pub(crate) struct Scratch {
    /// Fused score over alternatives.
    fused: Vec<f32>,
    /// Best candidate score of the current query word.
    best: Vec<f32>,
    /// Sum over query words so far.
    total: Vec<f32>,
    /// Per document: bit 7 = the current word matched in the title, bit 6 = exactly so; bits 0–3 =
    /// query words matched (saturating at 15); bits 4–5 unused. Title matches are counted in `title_hits`.
    flags: Vec<u8>,
    /// Query words matched in the title.
    title_hits: Vec<u8>,
    /// Query words matched in the title by the word itself (not a stem, completion, typo or sound-alike).
    exact_title: Vec<u8>,
    /// Occurrences of the query's stop words in the title.
    stop_hits: Vec<u8>,
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
            exact_title: vec![0; n],
            stop_hits: vec![0; n],
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

    fn films() -> Index {
        let cfg = crate::CatalogConfig::default();
        let titles = ["Drumline", "Hellboy", "The Benchwarmers", "Walk the Line", "Bubble Boy", "King Kong (1933)"];
        let jsonl: String = titles.iter().map(|t| format!("{{\"title\":\"{t}\"}}\n")).collect();
        Index::build(&crate::parse_catalog(jsonl.as_bytes(), &cfg).unwrap(), &cfg)
    }

    #[test]
    fn fusion_work_is_bounded_by_distinct_words_and_alternatives() {
        let index = films();
        let words: Vec<String> = (0..40).map(|i| format!("drama{i} line bell boy")).collect();
        let text = words.join(" ");
        // One long alternative: every word (cut at MAX_QUERY_WORDS) and every join is expanded once.
        let one = index.search_counting(&Query::text(text.clone())).1;
        let bound = 2 * analysis::MAX_QUERY_WORDS - 1;
        assert!(one.computed <= bound, "{} expansions", one.computed);
        // The same words in many alternatives are expanded once per search, and alternatives past
        // MAX_ALTERNATIVES cost nothing.
        let same = |n: usize| Query::alternatives((0..n).map(|i| (text.clone(), 1.0 - i as f32 / 100.0)));
        let sixteen = index.search_counting(&same(analysis::MAX_ALTERNATIVES)).1;
        let hundred = index.search_counting(&same(100)).1;
        assert_eq!(sixteen.computed, one.computed);
        assert_eq!(hundred.computed, sixteen.computed);
        assert_eq!(hundred.postings, sixteen.postings);
        assert!(sixteen.postings <= analysis::MAX_ALTERNATIVES * one.postings.max(1));
        // Different alternatives: at most MAX_ALTERNATIVES × (words + joins) expansions.
        let different = Query::alternatives((0..100).map(|i| (format!("{text} x{i}"), 1.0)));
        let work = index.search_counting(&different).1;
        assert!(work.computed <= analysis::MAX_ALTERNATIVES * bound, "{} expansions", work.computed);
    }

    #[test]
    fn only_the_first_hits_asked_for_are_highlighted() {
        let cfg = crate::CatalogConfig::default();
        let jsonl = "{\"title\":\"Red chair\"}\n{\"title\":\"Blue chair\"}\n{\"title\":\"Green chair\"}\n";
        let index = Index::build(&crate::parse_catalog(jsonl.as_bytes(), &cfg).unwrap(), &cfg);
        let query = Query::text("chair").with_prefix_last_word(false);
        let all = index.search(&query);
        assert!(all.len() >= 2, "{all:?}");
        assert!(all.iter().all(|hit| !hit.title_spans.is_empty()), "{all:?}");
        let first = index.search(&query.clone().with_highlight(1));
        // The same hits in the same order; only the first keeps its spans.
        assert_eq!(first.iter().map(|h| (h.doc, h.score)).collect::<Vec<_>>(), all.iter().map(|h| (h.doc, h.score)).collect::<Vec<_>>());
        assert_eq!(first[0].title_spans, all[0].title_spans);
        assert!(first[1..].iter().all(|hit| hit.title_spans.is_empty() && hit.description_spans.is_empty()));
        assert!(index.search(&query.with_highlight(0)).iter().all(|hit| hit.title_spans.is_empty()));
    }

    #[test]
    fn a_name_split_into_words_is_found_by_the_join() {
        let index = films();
        for (heard, want) in [("drama line", "Drumline"), ("bell boy", "Hellboy"), ("bench warmer", "The Benchwarmers")] {
            let hits = index.search(&Query::text(heard).with_prefix_last_word(false));
            let first = hits.first().and_then(|h| index.doc(h.doc)).map(|d| d.title);
            assert_eq!(first, Some(want), "{heard:?}");
        }
    }

    #[test]
    fn idf_falls_with_frequency() {
        assert!(idf(1000, 1) > idf(1000, 10));
        assert!(idf(1000, 10) > idf(1000, 999));
        assert!(idf(1000, 1000) > 0.0);
        assert!(idf(1000, 5000) > 0.0, "df is clamped to N");
    }
}
