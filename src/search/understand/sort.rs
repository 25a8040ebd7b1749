//! Sort phrases: "cheapest", "most expensive", "sort by price", "newest", "best rated" (and
//! "am billigsten", "les moins chers", "los más baratos"…). A price sort needs a catalog with
//! prices; "newest" a number whose role is a date, "best rated" one that is a rating; otherwise
//! the words stay text.

use super::lang::{Lang, SortWord};
use super::text::{longest_at, Token};
use super::{NumberRole, Sort, Vocabulary};

/// The first sort phrase the catalog can honour; marks its words used.
pub(crate) fn extract(tokens: &[Token], used: &mut [bool], lang: Lang, vocab: &Vocabulary) -> Option<Sort> {
    for i in 0..tokens.len() {
        let Some((n, &word)) = longest_at(tokens, used, i, lang.sorts()) else { continue };
        let by_role = |role: NumberRole| {
            vocab
                .numbers
                .iter()
                .find(|v| v.role == role)
                .map(|v| Sort::Number { name: v.name.clone(), descending: true })
        };
        let sort = match word {
            SortWord::PriceAsc => vocab.price.as_ref().map(|_| Sort::Price { descending: false }),
            SortWord::PriceDesc => vocab.price.as_ref().map(|_| Sort::Price { descending: true }),
            SortWord::Newest => by_role(NumberRole::Date),
            SortWord::BestRated => by_role(NumberRole::Rating),
        };
        if let Some(sort) = sort {
            for u in used.iter_mut().skip(i).take(n) {
                *u = true;
            }
            return Some(sort);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::understand::text::tokenize;
    use crate::search::understand::{NumberVocab, PriceVocab};

    fn sort(s: &str, lang: Lang, with_price: bool) -> Option<Sort> {
        let vocab = Vocabulary {
            price: with_price.then(|| PriceVocab { currency: "EUR".into() }),
            numbers: vec![NumberVocab::new("year"), NumberVocab::new("rating")],
            ..Vocabulary::default()
        };
        let t = tokenize(s);
        extract(&t, &mut vec![false; t.len()], lang, &vocab)
    }

    #[test]
    fn sorts_in_four_languages() {
        let asc = Some(Sort::Price { descending: false });
        let desc = Some(Sort::Price { descending: true });
        assert_eq!(sort("the cheapest office chairs", Lang::En, true), asc);
        assert_eq!(sort("sort by price", Lang::En, true), asc);
        assert_eq!(sort("most expensive cameras", Lang::En, true), desc);
        assert_eq!(sort("am billigsten", Lang::De, true), asc);
        assert_eq!(sort("les plus chers", Lang::Fr, true), desc);
        assert_eq!(sort("los más baratos", Lang::Es, true), asc);
        assert_eq!(sort("newest", Lang::En, true), Some(Sort::Number { name: "year".into(), descending: true }));
        assert_eq!(sort("best rated", Lang::En, true), Some(Sort::Number { name: "rating".into(), descending: true }));
    }

    #[test]
    fn no_price_no_price_sort() {
        assert_eq!(sort("cheapest", Lang::En, false), None);
        assert_eq!(sort("chairs", Lang::En, true), None);
    }
}
