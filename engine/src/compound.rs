//! Merged and split words: "fireextinguisher" read as "fire extinguisher", "tooth brush" as "toothbrush",
//! and German-style compounds both ways ("Kaffeemaschine" ↔ "Kaffee Maschine", with the linking `s` of
//! "Arbeitszimmer").
//!
//! Both directions only look words up in the vocabulary (an FST lookup is a walk of the word's bytes), so a query
//! pays a few dozen lookups per unknown word, whatever the catalog's size. The search module weighs these
//! readings below whole-word matches (see `search::COMPOUND`).

use crate::analysis::Language;

/// Shortest part a merged word is split into: shorter parts ("a", "to") make too many accidental splits.
const MIN_PART: usize = 3;
/// Shortest merged word worth splitting.
const MIN_WORD: usize = 2 * MIN_PART;

/// Whether compounds of `lang` may join their parts with a linking `s` ("Arbeit·s·zimmer").
pub(crate) fn has_linking_s(lang: Language) -> bool {
    matches!(lang.code(), "de" | "nl" | "da" | "sv" | "no")
}

/// The best reading of `word` as two (else three) vocabulary words, as their vocabulary ids.
///
/// `known` looks a word up (`None` for words the catalog does not have, or does not want as a part, such as stop
/// words). Two parts are tried first, three only when no two fit. Among the splits, the one whose shortest part is
/// longest wins, then the one with the longest first part (a compound's modifier comes first); so "shavingfoam" is
/// "shaving foam", not "shav ingfoam". With `linking_s`, a part may end in a linking
/// `s` that is not part of the word ("arbeitszimmer" → "arbeit" + "zimmer").
pub(crate) fn split(
    word: &str,
    linking_s: bool,
    known: impl Fn(&str) -> Option<u64>,
) -> Option<Vec<u64>> {
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).collect();
    let chars = bounds.len() + 1;
    if chars < MIN_WORD {
        return None;
    }
    let char_len = |s: &str| s.chars().count();
    // A left part, maybe with a linking s dropped: its id and the length that counts.
    let part = |s: &str, last: bool| -> Option<(u64, usize)> {
        if let Some(id) = known(s) {
            return Some((id, char_len(s)));
        }
        let stem = s.strip_suffix('s').filter(|_| linking_s && !last)?;
        (char_len(stem) >= MIN_PART).then(|| known(stem).map(|id| (id, char_len(stem))))?
    };
    // (shortest part, first part, ids): higher is better, and among equals the first found stays.
    let mut best: Option<(usize, usize, Vec<u64>)> = None;
    let consider = |shortest: usize,
                    first: usize,
                    ids: Vec<u64>,
                    best: &mut Option<(usize, usize, Vec<u64>)>| {
        if best
            .as_ref()
            .is_none_or(|(s, f, _)| (shortest, first) > (*s, *f))
        {
            *best = Some((shortest, first, ids));
        }
    };
    for (k, &i) in bounds.iter().enumerate() {
        if k + 1 < MIN_PART || chars - (k + 1) < MIN_PART {
            continue;
        }
        if let (Some((a, la)), Some((b, lb))) = (part(&word[..i], false), part(&word[i..], true)) {
            consider(la.min(lb), la, vec![a, b], &mut best);
        }
    }
    if best.is_none() && chars >= 3 * MIN_PART {
        for (k, &i) in bounds.iter().enumerate() {
            if k + 1 < MIN_PART {
                continue;
            }
            let Some((a, la)) = part(&word[..i], false) else {
                continue;
            };
            for (m, &j) in bounds.iter().enumerate().skip(k + MIN_PART) {
                if chars - (m + 1) < MIN_PART {
                    break;
                }
                if let (Some((b, lb)), Some((c, lc))) =
                    (part(&word[i..j], false), part(&word[j..], true))
                {
                    consider(la.min(lb).min(lc), la, vec![a, b, c], &mut best);
                }
            }
        }
    }
    best.map(|(_, _, ids)| ids)
}

/// The spellings two adjacent query words may have as one word: "tooth" + "brush" → "toothbrush", and with a
/// linking `s` "arbeit" + "zimmer" → "arbeitszimmer" too.
pub(crate) fn joined(a: &str, b: &str, linking_s: bool) -> Vec<String> {
    let mut out = vec![format!("{a}{b}")];
    if linking_s && !a.ends_with('s') {
        out.push(format!("{a}s{b}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab<'a>(words: &'a [&'static str]) -> impl Fn(&str) -> Option<u64> + 'a {
        move |w| words.iter().position(|v| *v == w).map(|i| i as u64)
    }

    #[test]
    fn splits_into_two_words_preferring_balanced_parts() {
        let v = [
            "fire",
            "extinguisher",
            "shav",
            "ingfoam",
            "shaving",
            "foam",
            "fir",
        ];
        assert_eq!(
            split("fireextinguisher", false, vocab(&v)),
            Some(vec![0, 1])
        );
        assert_eq!(split("shavingfoam", false, vocab(&v)), Some(vec![4, 5]));
        assert_eq!(split("foam", false, vocab(&v)), None, "too short to split");
        assert_eq!(split("firefly", false, vocab(&v)), None, "fly is unknown");
    }

    #[test]
    fn splits_into_three_when_two_do_not_fit() {
        let v = ["sun", "flower", "seed", "oil"];
        assert_eq!(
            split("sunflowerseed", false, vocab(&v)),
            Some(vec![0, 1, 2])
        );
    }

    #[test]
    fn linking_s_only_where_the_language_has_it() {
        let v = ["arbeit", "zimmer"];
        assert_eq!(split("arbeitszimmer", true, vocab(&v)), Some(vec![0, 1]));
        assert_eq!(split("arbeitszimmer", false, vocab(&v)), None);
        assert_eq!(
            joined("arbeit", "zimmer", true),
            ["arbeitzimmer", "arbeitszimmer"]
        );
        assert_eq!(joined("tooth", "brush", false), ["toothbrush"]);
        assert!(has_linking_s(Language::from_tag("de").unwrap()));
        assert!(!has_linking_s(Language::from_tag("en").unwrap()));
    }

    #[test]
    fn splits_respect_character_boundaries() {
        let v = ["kaffee", "maschine", "café", "crème"];
        assert_eq!(split("kaffeemaschine", true, vocab(&v)), Some(vec![0, 1]));
        assert_eq!(split("cafécrème", false, vocab(&v)), Some(vec![2, 3]));
    }
}
