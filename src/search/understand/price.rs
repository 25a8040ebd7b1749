//! Price and number bounds: a bound phrase, then a number, with currency signs or words around
//! it ("under 50 dollars", "under $50", "unter 50 Euro", "moins de 50 €", "menos de cincuenta
//! euros", "between 20 and 40", "around 30", "over 4 stars").
//!
//! A bound needs its phrase: "100 dollar bill" stays text. A bound phrase without a number
//! stays text too ("under armour", "over the counter"). A bare number after a bound is a price
//! when the catalog has one, unless a number's spoken name follows it ("over 4 stars").
//! The currency said is not converted: "under 50 euros" in a dollar shop is under $50.
//! "Around X" is X ± 20 %, bounds included.

use super::lang::{BoundWord, Lang};
use super::numbers::number_at;
use super::text::{longest_at, Token};
use super::{Filter, Vocabulary};
use std::ops::Bound;

/// Finds every bound in the utterance; returns (position, filter) and marks the words used.
pub(crate) fn extract(tokens: &[Token], used: &mut [bool], lang: Lang, vocab: &Vocabulary) -> Vec<(usize, Filter)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some((n, &kind)) = longest_at(tokens, used, i, lang.bounds()) else {
            i += 1;
            continue;
        };
        match bound_at(tokens, used, i + n, kind, lang, vocab) {
            Some((end, filter)) => {
                for u in used.iter_mut().take(end).skip(i) {
                    *u = true;
                }
                out.push((i, filter));
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// A currency sign or word at `at` (`$`, `dollars`, `bucks`, `€`, `euros`, `£`…).
fn currency_at(tokens: &[Token], used: &[bool], at: usize, lang: Lang) -> bool {
    tokens
        .get(at)
        .is_some_and(|t| !used.get(at).copied().unwrap_or(true) && lang.currencies().iter().any(|(w, _)| *w == t.key))
}

/// An amount at `at`: optional sign, number, optional currency; returns (value, end, currency said).
fn amount_at(tokens: &[Token], used: &[bool], at: usize, lang: Lang) -> Option<(f64, usize, bool)> {
    let mut i = at;
    let mut currency = false;
    if currency_at(tokens, used, i, lang) {
        currency = true;
        i += 1;
    }
    let n = number_at(tokens, used, i, lang)?;
    i += n.len;
    if currency_at(tokens, used, i, lang) {
        currency = true;
        i += 1;
    }
    Some((n.value, i, currency))
}

/// The number named right after an amount ("4 stars" → rating), and the end past its name.
fn number_name_at<'v>(tokens: &[Token], used: &[bool], at: usize, vocab: &'v Vocabulary) -> Option<(&'v str, usize)> {
    let t = tokens.get(at)?;
    if used.get(at).copied().unwrap_or(true) {
        return None;
    }
    vocab.numbers.iter().find(|n| n.spoken.contains(&t.key)).map(|n| (n.name.as_str(), at + 1))
}

fn bound_at(
    tokens: &[Token],
    used: &[bool],
    at: usize,
    kind: BoundWord,
    lang: Lang,
    vocab: &Vocabulary,
) -> Option<(usize, Filter)> {
    let (first, mut end, mut currency) = amount_at(tokens, used, at, lang)?;
    // "from 20 to 40", "ab 20 bis 40", "desde 20 hasta 40": a lower bound that a joiner and a
    // second amount turn into a range.
    let kind = match kind {
        BoundWord::AtLeast
            if tokens.get(end).is_some_and(|t| lang.range_joiners().contains(&t.key.as_str()))
                && amount_at(tokens, used, end + 1, lang).is_some() =>
        {
            BoundWord::Between
        }
        k => k,
    };
    let (min, max) = match kind {
        BoundWord::Below => (Bound::Unbounded, Bound::Excluded(first)),
        BoundWord::AtMost => (Bound::Unbounded, Bound::Included(first)),
        BoundWord::Above => (Bound::Excluded(first), Bound::Unbounded),
        BoundWord::AtLeast => (Bound::Included(first), Bound::Unbounded),
        BoundWord::Around => (Bound::Included(first * 0.8), Bound::Included(first * 1.2)),
        BoundWord::Between => {
            tokens.get(end).filter(|t| lang.range_joiners().contains(&t.key.as_str()))?;
            let (second, e, c) = amount_at(tokens, used, end + 1, lang)?;
            end = e;
            currency |= c;
            let (lo, hi) = if first <= second { (first, second) } else { (second, first) };
            (Bound::Included(lo), Bound::Included(hi))
        }
    };
    if !currency {
        if let Some((name, e)) = number_name_at(tokens, used, end, vocab) {
            return Some((e, Filter::Number { name: name.to_owned(), min, max }));
        }
    }
    vocab.price.as_ref()?;
    Some((end, Filter::Price { min, max }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::understand::text::tokenize;
    use crate::search::understand::{NumberVocab, PriceVocab};

    fn prices(s: &str, lang: Lang) -> (Vec<Filter>, Vec<bool>) {
        let vocab = Vocabulary {
            price: Some(PriceVocab { currency: "USD".into() }),
            numbers: vec![NumberVocab::new("rating")],
            ..Vocabulary::default()
        };
        let t = tokenize(s);
        let mut used = vec![false; t.len()];
        let f = extract(&t, &mut used, lang, &vocab).into_iter().map(|(_, f)| f).collect();
        (f, used)
    }

    fn price(min: Bound<f64>, max: Bound<f64>) -> Filter {
        Filter::Price { min, max }
    }

    #[test]
    fn bounds_with_and_without_currency() {
        use Bound::*;
        assert_eq!(prices("under $50", Lang::En).0, [price(Unbounded, Excluded(50.0))]);
        assert_eq!(prices("less than fifty bucks", Lang::En).0, [price(Unbounded, Excluded(50.0))]);
        assert_eq!(prices("up to 1.5k", Lang::En).0, [price(Unbounded, Included(1500.0))]);
        assert_eq!(prices("over £20", Lang::En).0, [price(Excluded(20.0), Unbounded)]);
        assert_eq!(prices("between 20 and 40 dollars", Lang::En).0, [price(Included(20.0), Included(40.0))]);
        assert_eq!(prices("between forty and twenty", Lang::En).0, [price(Included(20.0), Included(40.0))]);
        assert_eq!(prices("around 30", Lang::En).0, [price(Included(24.0), Included(36.0))]);
        assert_eq!(prices("from 20 to 40", Lang::En).0, [price(Included(20.0), Included(40.0))]);
        assert_eq!(prices("from 20 dollars", Lang::En).0, [price(Included(20.0), Unbounded)]);
        assert_eq!(prices("desde 20 hasta 40", Lang::Es).0, [price(Included(20.0), Included(40.0))]);
        assert_eq!(prices("ab 20 €", Lang::De).0, [price(Included(20.0), Unbounded)]);
        assert_eq!(prices("von 20 bis 40 Euro", Lang::De).0, [price(Included(20.0), Included(40.0))]);
        assert_eq!(prices("entre 20 et 40 euros", Lang::Fr).0, [price(Included(20.0), Included(40.0))]);
        assert_eq!(prices("jusqu'à 49,99 €", Lang::Fr).0, [price(Unbounded, Included(49.99))]);
        assert_eq!(prices("hasta cien euros", Lang::Es).0, [price(Unbounded, Included(100.0))]);
    }

    #[test]
    fn a_number_name_makes_a_number_filter() {
        assert_eq!(
            prices("over 4 stars", Lang::En).0,
            [Filter::Number { name: "rating".into(), min: Bound::Excluded(4.0), max: Bound::Unbounded }]
        );
    }

    #[test]
    fn no_number_no_bound() {
        assert!(prices("under armour", Lang::En).0.is_empty());
        assert!(prices("100 dollar bill", Lang::En).0.is_empty());
        let (f, used) = prices("from sony under", Lang::En);
        assert!(f.is_empty() && used.iter().all(|u| !u));
        assert!(prices("de la mer", Lang::Fr).0.is_empty());
    }
}
