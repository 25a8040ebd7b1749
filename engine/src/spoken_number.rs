//! Numbers a speech recognizer writes as words: "brinjal eleven" for "Brinjal-11", "toy story two" for "Toy Story
//! 2", "king kong nineteen thirty three" for "King Kong (1933)". Recognizers (pocketsphinx, and Chrome's for short
//! numbers) spell numbers out, catalogs write digits; this module finds the digit strings a run of English number
//! words may mean, so the search can offer them as readings of those words.
//!
//! Only lookups in small word tables: the work is linear in the number of query words (each reading is at most
//! [`MAX_RUN`] words long).

use crate::analysis::Language;
use std::ops::Range;

/// Longest run of number words read as one number ("two thousand nine hundred ninety nine" is 6).
const MAX_RUN: usize = 6;

const UNITS: &[&str] = &["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const TEENS: &[&str] = &[
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
const TENS: &[&str] = &["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// A number below 100 spelled at `words[at..]`: its value and the words it took ("twenty one" → 21, 2 words).
fn below_100(words: &[String], at: usize) -> Option<(u32, usize)> {
    let word = words.get(at)?.as_str();
    let pos = |table: &[&str]| table.iter().position(|&w| w == word).map(|i| i as u32);
    if let Some(t) = pos(TENS) {
        let tens = 20 + 10 * t;
        let unit = words
            .get(at + 1)
            .and_then(|w| UNITS.iter().position(|u| u == w))
            .filter(|&u| u > 0);
        return Some(match unit {
            Some(u) => (tens + u as u32, 2),
            None => (tens, 1),
        });
    }
    pos(TEENS).map(|t| (10 + t, 1)).or_else(|| pos(UNITS).map(|u| (u, 1)))
}

/// A number below 1000 at `words[at..]`, with "hundred" ("three hundred five", "nineteen hundred").
fn below_1000(words: &[String], at: usize) -> Option<(u32, usize)> {
    if words.get(at).is_some_and(|w| w == "hundred") {
        return Some((100, 1));
    }
    let (v, n) = below_100(words, at)?;
    if words.get(at + n).is_none_or(|w| w != "hundred") || v == 0 {
        return Some((v, n));
    }
    let after = at + n + 1;
    Some(match below_100(words, after) {
        Some((rest, m)) if rest > 0 => (v * 100 + rest, n + 1 + m),
        _ => (v * 100, n + 1),
    })
}

/// The digit strings a run of number words starting at `words[at]` may mean, with the words each takes: the
/// number as counted ("two thousand eight" → 2008) and, for two pairs of digits, as a year is said ("nineteen
/// thirty three" → 1933, "nineteen oh five" → 1905).
fn readings_at(words: &[String], at: usize) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    let Some((v, n)) = below_1000(words, at) else {
        return out;
    };
    if words.get(at + n).is_some_and(|w| w == "thousand") && v > 0 {
        let after = at + n + 1;
        match below_1000(words, after) {
            Some((rest, m)) if rest > 0 => out.push((n + 1 + m, v * 1000 + rest)),
            _ => out.push((n + 1, v * 1000)),
        }
    } else {
        out.push((n, v));
    }
    // A year: two pairs of digits ("nineteen thirty three", "twenty twelve"), or "nineteen oh five".
    let (first, n1) = below_100(words, at).unwrap_or((0, 0));
    if (10..100).contains(&first) && n1 > 0 {
        let next = at + n1;
        let year = match words.get(next).map(String::as_str) {
            Some("oh" | "o") => below_100(words, next + 1)
                .filter(|&(u, m)| m == 1 && (1..10).contains(&u))
                .map(|(u, _)| (n1 + 2, first * 100 + u)),
            _ => below_100(words, next)
                .filter(|&(v2, _)| v2 >= 10)
                .map(|(v2, m)| (n1 + m, first * 100 + v2)),
        };
        out.extend(year);
    }
    out.retain(|&(len, _)| len <= MAX_RUN);
    out
}

/// Every reading of runs of English number words in `words` as digits: `(the words' range, the digits)`, for
/// each place a number may start (so "twenty one" gives 21 over both words and 1 over the second). Other
/// languages give none.
///
/// ```text
/// let words = ["king", "kong", "nineteen", "thirty", "three"].map(String::from);
/// assert!(digit_readings(Language::from_tag("en").unwrap(), &words).contains(&(2..5, "1933".into())));
/// ```
pub(crate) fn digit_readings(lang: Language, words: &[String]) -> Vec<(Range<usize>, String)> {
    if lang.code() != "en" {
        return Vec::new();
    }
    let mut out = Vec::new();
    for at in 0..words.len() {
        for (len, value) in readings_at(words, at) {
            let reading = (at..at + len, value.to_string());
            if !out.contains(&reading) {
                out.push(reading);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Range<usize>, String)> {
        let words: Vec<String> = text.split(' ').map(String::from).collect();
        digit_readings(Language::from_tag("en").unwrap(), &words)
    }

    fn has(text: &str, range: Range<usize>, digits: &str) -> bool {
        read(text).contains(&(range, digits.to_owned()))
    }

    #[test]
    fn single_words_teens_and_tens() {
        assert!(has("brinjal eleven", 1..2, "11"));
        assert!(has("toy story two", 2..3, "2"));
        assert!(has("rental twenty one", 1..3, "21"));
        assert!(has("rental twenty one", 2..3, "1"), "the last word alone is a reading too");
        assert!(has("ninety", 0..1, "90"));
    }

    #[test]
    fn hundreds_and_thousands() {
        assert!(has("brinjal hundred", 1..2, "100"));
        assert!(has("three hundred five", 0..3, "305"));
        assert!(has("two thousand eight", 0..3, "2008"));
        assert!(has("two thousand", 0..2, "2000"));
        assert!(has("nineteen hundred", 0..2, "1900"));
    }

    #[test]
    fn years_are_said_in_pairs() {
        assert!(has("king kong nineteen thirty three", 2..5, "1933"));
        assert!(has("nineteen oh five", 0..3, "1905"));
        assert!(has("twenty twelve", 0..2, "2012"));
    }

    #[test]
    fn words_that_are_no_numbers_give_nothing() {
        assert!(read("shrek forever after").is_empty());
        assert!(read("oh brother").is_empty(), "\"oh\" is a digit only inside a year");
        let words: Vec<String> = ["deux", "chaises"].map(String::from).to_vec();
        assert!(digit_readings(Language::from_tag("fr").unwrap(), &words).is_empty());
    }

    #[test]
    fn readings_are_bounded_by_the_words() {
        let words: Vec<String> = std::iter::repeat_n("nine".to_owned(), 1000).collect();
        let readings = digit_readings(Language::from_tag("en").unwrap(), &words);
        assert_eq!(readings.len(), 1000, "one reading per starting word: {:?}", &readings[..3]);
        assert!(readings.iter().all(|(r, _)| r.len() <= MAX_RUN));
    }
}
