//! The catalog's most distinctive titles and title words, for a speech recognizer's contextual biasing
//! (`SpeechRecognition.phrases`): the names people will say that a general-purpose recognizer is most likely to
//! get wrong.
//!
//! They are chosen once, when the index is built ([`Index::build`](crate::Index::build): `hark-engine index`,
//! `cargo xtask catalog`, `cargo xtask site` and the page's indexing worker), and stored in the index's `phrases`
//! section ([`stored`]), so a page reads them for any catalog size without choosing them itself
//! ([`Index::phrases`](crate::Index::phrases)).
//!
//! # The rule
//! With `N` documents and `df(w)` the number of documents containing the folded word `w` (in any field):
//! - `idf(w) = ln(1 + N / df(w))` (with [`det_ln`], so every platform chooses the same).
//! - A **title word** (not a stop word of the catalog's language, at least 3 characters, not only digits) scores
//!   `titles(w) × idf(w)`, where `titles(w)` is the number of titles it appears in: words that name many things
//!   in the catalog and are rare elsewhere score highest.
//! - A **title** of 2 to 4 words scores the mean `idf` of its words (stop words included, so "cup of tea" is not
//!   "cup tea") times `ln(1 + titles(t))`, `titles(t)` being how many documents share that exact folded title,
//!   plus the largest word score among its words: a multi-word name made of rare words outranks a common one.
//! - A title or word longer than [`MAX_PHRASE_CHARS`] characters is a sentence or a code, not a name: it is not offered.
//! - Candidates are sorted by score (ties by folded text, so the choice is stable), a title or word is taken once
//!   (by its folded form: a word never contains a space, a title always does), and at most `limit` (at most
//!   [`MAX_PHRASES`]) are returned.
//! - `boost = 1 + 4 × score / best score`, rounded to a tenth: from 1 to 5, inside the browser's 0–10, so that
//!   biasing helps catalog names without drowning ordinary speech.
//!
//! Pure and deterministic: the same catalog and config give the same phrases, natively and in wasm.

pub mod stored;

use std::collections::HashMap;

use crate::analysis::{fold_word, is_stop_word, word_ranges, Folder, Language};
use crate::search::det_ln;
use crate::Index;

/// The most phrases a recognizer is given (Chrome's limit is generous; more adds latency).
pub const MAX_PHRASES: usize = 300;

/// The longest phrase offered, in characters: longer titles are sentences, longer words codes.
pub const MAX_PHRASE_CHARS: usize = 50;

/// The boosts, in tenths: from 1.0 to 5.0.
pub(crate) const BOOST_TENTHS: std::ops::RangeInclusive<u8> = 10..=50;

/// A phrase to boost, with its boost in 1–5.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    /// The text as it appears in the catalog (a title as written, a word in lower case).
    pub text: String,
    /// How much to favour it, in 1–5, a multiple of a tenth.
    pub boost: f32,
}

impl Phrase {
    /// The boost in tenths, as the index stores it.
    pub(crate) fn boost_tenths(&self) -> u8 {
        (self.boost * 10.0).round().clamp(0.0, 255.0) as u8
    }

    /// A boost of `tenths` tenths, the same `f32` whether just chosen or read back from an index.
    pub(crate) fn boost_of(tenths: u8) -> f32 {
        f32::from(tenths) / 10.0
    }
}

/// What the rule reads of a catalog: its titles (catalog order), how many documents it has and how many contain a
/// folded word, its language, and the folder that made the index's words.
pub(crate) struct Corpus<'a, Titles, Df> {
    /// The documents' titles, in catalog order.
    pub titles: Titles,
    /// The number of documents.
    pub n_docs: usize,
    /// Documents containing a folded word (in any field), 0 for a word the index lacks.
    pub df: Df,
    /// Stop words of this language are not offered alone.
    pub language: Language,
    /// Folds title words as the index did.
    pub folder: &'a dyn Folder,
}

struct Candidate {
    key: String,
    text: String,
    score: f64,
}

/// The catalog's most distinctive titles and title words, best first, at most `limit` (capped at
/// [`MAX_PHRASES`]), chosen from a loaded index by the rule in the module docs. An index already holds those
/// chosen when it was built ([`Index::phrases`]); this chooses them again (the same ones, as tests check).
pub fn distinctive_phrases(index: &Index, limit: usize) -> Vec<Phrase> {
    let language = Language::from_tag(index.language()).unwrap_or(Language::Unstemmed);
    let corpus = Corpus {
        titles: index.docs().map(|doc| doc.title),
        n_docs: index.len(),
        df: |word: &str| index.document_frequency(word),
        language,
        folder: &*index.folder,
    };
    choose(corpus, limit)
}

/// The rule of the module docs over any [`Corpus`]: a loaded index, or an index being built.
pub(crate) fn choose<'t, Titles, Df>(corpus: Corpus<'_, Titles, Df>, limit: usize) -> Vec<Phrase>
where
    Titles: Iterator<Item = &'t str>,
    Df: Fn(&str) -> u32,
{
    let limit = limit.min(MAX_PHRASES);
    let n = corpus.n_docs as f64;
    if limit == 0 || corpus.n_docs == 0 {
        return Vec::new();
    }
    let Corpus { titles: all_titles, df, language, folder, .. } = corpus;
    // Each distinct word's idf is computed once, however many titles it is in.
    let mut idf_memo: HashMap<String, f64> = HashMap::new();
    let mut idf = |word: &str| -> f64 {
        if let Some(&known) = idf_memo.get(word) {
            return known;
        }
        let value = det_ln(1.0 + n / f64::from(df(word).max(1)));
        idf_memo.insert(word.to_string(), value);
        value
    };

    // Count title words (by folded form, keeping the first surface form) and whole titles.
    let mut word_titles: HashMap<String, (u32, String)> = HashMap::new();
    let mut titles: HashMap<String, (u32, String, Vec<String>)> = HashMap::new();
    for title in all_titles {
        let title = title.trim();
        let words = folded_words(folder, title);
        let mut seen: Vec<&str> = Vec::new();
        for (folded, surface) in &words {
            if seen.contains(&folded.as_str()) || !is_name_word(language, folded) {
                continue;
            }
            seen.push(folded);
            let entry = word_titles.entry(folded.clone()).or_insert_with(|| (0, surface.to_lowercase()));
            entry.0 += 1;
        }
        if (2..=4).contains(&words.len()) && title.chars().count() <= MAX_PHRASE_CHARS {
            let folded: Vec<String> = words.into_iter().map(|(folded, _)| folded).collect();
            let entry = titles.entry(folded.join(" ")).or_insert_with(|| (0, title.to_string(), folded));
            entry.0 += 1;
        }
    }

    let word_score: HashMap<&str, f64> =
        word_titles.iter().map(|(word, (count, _))| (word.as_str(), f64::from(*count) * idf(word.as_str()))).collect();
    let mut candidates: Vec<Candidate> = word_titles
        .iter()
        .filter(|(_, (_, surface))| surface.chars().count() <= MAX_PHRASE_CHARS)
        .map(|(word, (_, surface))| Candidate { key: word.clone(), text: surface.clone(), score: word_score[word.as_str()] })
        .collect();
    candidates.extend(titles.into_iter().map(|(key, (count, text, words))| {
        let mean_idf = words.iter().map(|word| idf(word)).sum::<f64>() / words.len() as f64;
        let best_word = words.iter().filter_map(|word| word_score.get(word.as_str())).fold(0.0_f64, |a, &b| a.max(b));
        Candidate { key, text, score: mean_idf * det_ln(1.0 + f64::from(count)) + best_word }
    }));
    // Only the best `limit` are ordered: a partial selection first, then a sort of those.
    let order = |a: &Candidate, b: &Candidate| b.score.total_cmp(&a.score).then_with(|| a.key.cmp(&b.key));
    if candidates.len() > limit {
        candidates.select_nth_unstable_by(limit - 1, order);
        candidates.truncate(limit);
    }
    candidates.sort_by(order);

    let best = candidates.first().map_or(1.0, |c| c.score).max(f64::MIN_POSITIVE);
    // Keys are unique: words have no space, titles have at least two words.
    candidates
        .into_iter()
        .map(|candidate| {
            let boost = (1.0 + 4.0 * candidate.score / best).clamp(1.0, 5.0);
            Phrase { text: candidate.text, boost: Phrase::boost_of((boost * 10.0).round() as u8) }
        })
        .collect()
}

/// A word worth boosting on its own: not a stop word, at least 3 characters, not a number.
fn is_name_word(language: Language, folded: &str) -> bool {
    folded.chars().count() >= 3 && !folded.chars().all(|c| c.is_ascii_digit()) && !is_stop_word(language, folded)
}

/// The words of `text`, each folded as the index folds it beside its surface form (words that fold to nothing,
/// like a lone symbol, are left out, as the index leaves them out).
fn folded_words<'t>(folder: &dyn Folder, text: &'t str) -> Vec<(String, &'t str)> {
    word_ranges(text)
        .filter_map(|range| {
            let mut folded = String::new();
            fold_word(folder, &text[range.clone()], &mut folded);
            (!folded.is_empty()).then(|| (folded, &text[range]))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_catalog, CatalogConfig};

    fn index(json: &str) -> Index {
        let cfg = CatalogConfig::default();
        let catalog = parse_catalog(json.as_bytes(), &cfg).unwrap_or_else(|e| panic!("{e}"));
        Index::build(&catalog, &cfg)
    }

    fn catalog() -> Index {
        index(
            r#"[
            {"id":"1","title":"Espresso maker","description":"a machine for coffee"},
            {"id":"2","title":"Espresso cup","description":"a small cup for coffee"},
            {"id":"3","title":"Espresso","description":"strong coffee made under pressure"},
            {"id":"4","title":"Tea cup","description":"a cup for tea and coffee"},
            {"id":"5","title":"Cup of tea","description":"tea in a cup"},
            {"id":"6","title":"Coffee","description":"a drink; coffee beans"},
            {"id":"7","title":"The 1000 piece puzzle of the very long title that is a sentence really","description":"x"}
        ]"#,
        )
    }

    #[test]
    fn words_that_name_many_things_and_rare_elsewhere_come_first() {
        let phrases = distinctive_phrases(&catalog(), 300);
        let texts: Vec<&str> = phrases.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts[0], "Espresso maker", "two distinctive words, one naming three things: {texts:?}");
        let espresso = texts.iter().position(|t| *t == "espresso");
        let coffee = texts.iter().position(|t| *t == "coffee");
        assert!(espresso < coffee, "espresso is in 3 titles and rare elsewhere; coffee is everywhere: {texts:?}");
        assert!(!texts.contains(&"of") && !texts.contains(&"the"), "no stop words: {texts:?}");
        assert!(!texts.contains(&"1000"), "no bare numbers");
        assert!(texts.contains(&"Cup of tea"), "a title keeps its little words");
        assert!(!texts.iter().any(|t| t.starts_with("The 1000")), "long titles are not offered whole");
    }

    #[test]
    fn boosts_are_in_range_best_first_and_each_phrase_once() {
        let phrases = distinctive_phrases(&catalog(), 300);
        assert_eq!(phrases[0].boost, 5.0);
        assert!(phrases.iter().all(|p| (1.0..=5.0).contains(&p.boost)));
        assert!(phrases.windows(2).all(|w| w[0].boost >= w[1].boost));
        let mut keys: Vec<String> = phrases.iter().map(|p| p.text.to_lowercase()).collect();
        let before = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), before);
        // "Espresso" (a one-word title) and the word "espresso" are one phrase.
        assert_eq!(phrases.iter().filter(|p| p.text.eq_ignore_ascii_case("espresso")).count(), 1);
    }

    #[test]
    fn the_limit_is_kept_and_capped_and_the_choice_is_stable() {
        let shop = catalog();
        assert_eq!(distinctive_phrases(&shop, 3).len(), 3);
        assert_eq!(distinctive_phrases(&shop, 0), vec![]);
        assert_eq!(distinctive_phrases(&shop, 3), distinctive_phrases(&shop, 3));
        let many: String = (0..400).map(|i| format!(r#"{{"id":"{i}","title":"word{i}x thing{i}y"}}"#)).collect::<Vec<_>>().join(",");
        assert_eq!(distinctive_phrases(&index_of(&many), 10_000).len(), MAX_PHRASES);
        assert!(distinctive_phrases(&index("[]"), 300).is_empty());
    }

    #[test]
    fn long_words_are_not_offered_and_symbols_do_not_shift_words() {
        let code = "x".repeat(MAX_PHRASE_CHARS + 1);
        let shop = index(&format!(
            r#"[{{"id":"1","title":"{code} widget"}},{{"id":"2","title":"™ Gizmo lamp"}},{{"id":"3","title":"Gizmo"}}]"#
        ));
        let texts: Vec<String> = distinctive_phrases(&shop, 300).into_iter().map(|p| p.text).collect();
        assert!(!texts.contains(&code), "{texts:?}");
        assert!(texts.iter().all(|t| t.chars().count() <= MAX_PHRASE_CHARS), "{texts:?}");
        assert!(texts.contains(&"gizmo".to_string()) && texts.contains(&"lamp".to_string()), "{texts:?}");
    }

    fn index_of(items: &str) -> Index {
        index(&format!("[{items}]"))
    }
}
