//! Facet values said as words: "black", "Sony", "chairs", "under armour".
//!
//! A value of several words must be said as written (its last word may be plural). A value of
//! one word matches a word said in three tiers, and only the best tier counts: the same word;
//! the same word but for a plural ending (`-s`, `-es`; German `-e`, `-en`, `-n`, `-er`); one
//! letter different (a recognition slip: "blak"), for words of five letters or more. A match
//! counts only when exactly one value of one facet is found in the best tier: "red" in both
//! Color and Brand stays text. Topic-free words ("the", "ones") are never facet values.

use super::lang::Lang;
use super::text::{fold, Token};
use super::{Filter, Vocabulary};

/// Longest value (in words) looked for.
const MAX_WORDS: usize = 4;

/// A word without its plural ending, and in French and Spanish without its gender ending too
/// ("negras" and "negro" → "negr", "noires" and "noir" → "noir").
pub(crate) fn plural_stem(word: &str, lang: Lang) -> &str {
    let (plural, gender): (&[&str], &[&str]) = match lang {
        Lang::De => (&["en", "er", "e", "n", "s"], &[]),
        Lang::Fr => (&["s", "x"], &["e"]),
        Lang::Es => (&["es", "s"], &["o", "a"]),
        Lang::En => (&["es", "s"], &[]),
    };
    let strip = |w: &'static [&str], word: &'_ str| -> Option<usize> {
        w.iter().find_map(|e| word.strip_suffix(e).filter(|s| s.chars().count() >= 3).map(str::len))
    };
    let mut end = strip(plural, word).unwrap_or(word.len());
    if let Some(w) = word.get(..end) {
        end = strip(gender, w).unwrap_or(end);
    }
    word.get(..end).unwrap_or(word)
}

/// Whether two folded words differ by exactly one edit (substitution, insertion, deletion).
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        prefix < short.len() && short.get(prefix + 1..) == long.get(prefix + 1..)
    } else {
        short.get(prefix..) == long.get(prefix + 1..)
    }
}

/// "&" is said as a word: "and", "und", "et", "y" all stand for it ("home and garden").
fn and_word(key: &str) -> &str {
    match key {
        "&" | "und" | "et" | "y" => "and",
        k => k,
    }
}

/// Values of two or more words said as written; marks them used.
pub(crate) fn multi_word(tokens: &[Token], used: &mut [bool], vocab: &Vocabulary) -> Vec<(usize, Filter)> {
    let mut values: Vec<(Vec<String>, &str, &str)> = Vec::new();
    for f in &vocab.facets {
        for (v, _) in &f.values {
            let words: Vec<String> =
                super::text::tokenize(v).into_iter().map(|t| and_word(&t.key).to_owned()).collect();
            if words.len() >= 2 && words.len() <= MAX_WORDS {
                values.push((words, &f.name, v));
            }
        }
    }
    hark_engine::order::sort_by_key(&mut values, |v| std::cmp::Reverse(v.0.len()));
    let mut out = Vec::new();
    for i in 0..tokens.len() {
        for (words, facet, value) in &values {
            let fits = words.iter().enumerate().all(|(k, w)| {
                let at = i + k;
                let Some(t) = tokens.get(at) else { return false };
                if used.get(at).copied().unwrap_or(true) {
                    return false;
                }
                let said = and_word(&t.key);
                said == w || (k + 1 == words.len() && plural_stem(said, Lang::En) == w.as_str())
            });
            let same = values.iter().filter(|(w, _, _)| w == words).count();
            if fits && same == 1 {
                for u in used.iter_mut().skip(i).take(words.len()) {
                    *u = true;
                }
                out.push((i, Filter::Facet { facet: (*facet).to_owned(), value: (*value).to_owned() }));
                break;
            }
        }
    }
    out
}

/// One-word values, unambiguous in their best tier; marks them used.
/// Spellings of one word that recognizers write either way ("grey"/"gray"); too short for the one-edit rule.
const SPELLINGS: &[(&str, &str)] = &[("grey", "gray"), ("colour", "color"), ("greys", "grays")];

/// Whether `a` and `b` (folded) are two spellings of one word.
fn same_spelling(a: &str, b: &str) -> bool {
    SPELLINGS.iter().any(|&(x, y)| (a == x && b == y) || (a == y && b == x))
}

pub(crate) fn single_words(
    tokens: &[Token],
    used: &mut [bool],
    lang: Lang,
    vocab: &Vocabulary,
) -> Vec<(usize, Filter)> {
    let filler = lang.filler();
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if used[i] || filler.contains(&t.key.as_str()) || t.key.chars().count() < 2 {
            continue;
        }
        let said = t.key.as_str();
        let said_stem = plural_stem(said, lang);
        // (tier, facet, value); tier 0 exact, 1 plural or another spelling, 2 one edit.
        let mut best: Option<u8> = None;
        let mut found: Vec<(&str, &str)> = Vec::new();
        for f in &vocab.facets {
            for (v, _) in &f.values {
                let key = fold(v.trim());
                if key.contains(' ') || key.is_empty() {
                    continue;
                }
                let tier = if key == said {
                    0
                } else if plural_stem(&key, lang) == said_stem || same_spelling(&key, said) {
                    1
                } else if said.chars().count() >= 5 && key.chars().count() >= 4 && one_edit(&key, said) {
                    2
                } else {
                    continue;
                };
                match best {
                    Some(b) if tier > b => {}
                    Some(b) if tier == b => found.push((&f.name, v)),
                    _ => {
                        best = Some(tier);
                        found.clear();
                        found.push((&f.name, v));
                    }
                }
            }
        }
        if let [(facet, value)] = found.as_slice() {
            used[i] = true;
            out.push((i, Filter::Facet { facet: (*facet).to_owned(), value: (*value).to_owned() }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::understand::text::tokenize;
    use crate::search::understand::FacetVocab;

    fn vocab() -> Vocabulary {
        let facet = |name: &str, values: &[&str]| FacetVocab {
            name: name.into(),
            values: values.iter().map(|v| (v.to_string(), 1)).collect(),
        };
        Vocabulary {
            facets: vec![
                facet("Category", &["Chairs", "Shoes", "Lamps"]),
                facet("Color", &["black", "red", "orange"]),
                facet("Brand", &["Under Armour", "Sony", "Orange"]),
            ],
            ..Vocabulary::default()
        }
    }

    fn matched(s: &str) -> Vec<(String, String)> {
        let t = tokenize(s);
        let mut used = vec![false; t.len()];
        let v = vocab();
        let mut f = multi_word(&t, &mut used, &v);
        f.extend(single_words(&t, &mut used, Lang::En, &v));
        f.into_iter()
            .map(|(_, f)| match f {
                Filter::Facet { facet, value } => (facet, value),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.into(), b.into())
    }

    #[test]
    fn exact_plural_and_slips() {
        assert_eq!(matched("black chair"), [pair("Color", "black"), pair("Category", "Chairs")]);
        assert_eq!(matched("blakc"), [] as [(String, String); 0], "two edits");
        assert_eq!(matched("sonny"), [pair("Brand", "Sony")], "one letter more, five letters");
        assert_eq!(matched("under armour shoes"), [pair("Brand", "Under Armour"), pair("Category", "Shoes")]);
    }

    #[test]
    fn british_and_american_spellings() {
        let t = tokenize("grey sofa");
        let mut used = vec![false; t.len()];
        let v = Vocabulary {
            facets: vec![FacetVocab { name: "Color".into(), values: vec![("gray".into(), 3)] }],
            ..Vocabulary::default()
        };
        let found: Vec<_> = single_words(&t, &mut used, Lang::En, &v).into_iter().map(|(_, f)| f).collect();
        assert_eq!(found, [Filter::Facet { facet: "Color".into(), value: "gray".into() }]);
        assert!(same_spelling("gray", "grey") && !same_spelling("gray", "gray"));
    }

    #[test]
    fn ambiguity_leaves_the_word_as_text() {
        assert!(matched("orange").is_empty(), "a color and a brand");
        assert!(matched("the ones").is_empty());
        assert!(matched("").is_empty());
    }

    #[test]
    fn one_edit_is_exact() {
        assert!(one_edit("black", "blak"));
        assert!(one_edit("black", "blacc"));
        assert!(!one_edit("black", "black"));
        assert!(!one_edit("black", "bl"));
        assert!(one_edit("é", "e"));
    }
}
