//! Query understanding: what a shopper's utterance asks for, beyond words to search.
//!
//! "red running shoes under 50 dollars" becomes the text "running shoes", the filters
//! `Color = red` and `price < 50`; "the cheapest office chairs" a sort by price; a follow-up
//! "only the black ones", "cheaper", "show all" a [`Refinement`] of the previous request.
//! Pure Rust, no engine or browser types: the app maps [`Understood`] to its engine query.
//! It never panics, whatever the input (it works on words and `char`s, not byte offsets).
//!
//! The steps, in order (each consumes the words it uses; what is left is the text to search):
//! 1. facet values of several words, exactly ("under armour" is a brand before "under" is a bound);
//! 2. price and number bounds ([`price`]): "under/over/between/around X", currencies, numbers;
//! 3. sorts ([`sort`]): "cheapest", "most expensive", "newest", "best rated", "sort by price";
//! 4. refinement phrases ([`refine`]): "only the …", "cheaper", "more expensive", "show all",
//!    "clear filters";
//! 5. one-word facet values ([`facets`]), tolerant of plurals and one-letter recognition errors,
//!    only when exactly one value matches best;
//! 6. the words left are the text; topic-free words ("the", "ones", "please") at its ends go.
//!
//! Phrase tables per language are in [`lang`]; the README section is "Shops".

pub mod facets;
pub mod lang;
pub mod numbers;
pub mod params;
pub mod price;
pub mod refine;
pub mod sort;
pub mod summary;
mod text;

// Native only: the wiring example builds an index, which the page build (reader-only) cannot.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use lang::Lang;
pub use params::{from_params, to_params};
pub use refine::{apply_refinement, is_refinement_only};
pub use summary::{format_price, summary, Naming};

use std::ops::Bound;

/// What the catalog offers to understand against (from the index's facet counts and columns).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    /// Facets with their values and how many items have each.
    pub facets: Vec<FacetVocab>,
    /// The price, when the catalog has one.
    pub price: Option<PriceVocab>,
    /// Other numbers people speak about.
    pub numbers: Vec<NumberVocab>,
    /// What the site calls its items (`hark.json`'s `noun`: "products", "películas"). Said in a request ("películas
    /// de terror") it names the whole catalog, not something to search for, so its words are topic-free, like "the".
    pub noun: String,
}

/// One facet's values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FacetVocab {
    /// Display name ("Color").
    pub name: String,
    /// Values as written in the catalog, with item counts.
    pub values: Vec<(String, u32)>,
}

/// The catalog's price.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceVocab {
    /// ISO 4217 code ("USD").
    pub currency: String,
}

/// What a number means, for "newest" and "best rated".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberRole {
    /// A year or date: "newest" sorts it highest first.
    Date,
    /// A rating: "best rated" sorts it highest first.
    Rating,
    /// Anything else.
    Other,
}

/// A number field people speak about.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberVocab {
    /// The name in `hark.json` `numbers` ("rating").
    pub name: String,
    /// Words that name it after a number ("4 stars": `["star", "stars"]`), folded.
    pub spoken: Vec<String>,
    /// Its role.
    pub role: NumberRole,
}

impl Vocabulary {
    /// A vocabulary from plain catalog facts: facets as (display name, values with counts), the
    /// price's currency when there is a price, and the names of the other numbers (see
    /// [`NumberVocab::new`]).
    ///
    /// ```
    /// use hark::search::understand::Vocabulary;
    /// let v = Vocabulary::new([("Color", vec![("black".to_string(), 3)])], Some("EUR"), ["year"]);
    /// assert_eq!(v.facets[0].values[0].1, 3);
    /// ```
    pub fn new<'a>(
        facets: impl IntoIterator<Item = (&'a str, Vec<(String, u32)>)>,
        currency: Option<&str>,
        numbers: impl IntoIterator<Item = &'a str>,
    ) -> Vocabulary {
        Vocabulary {
            facets: facets.into_iter().map(|(name, values)| FacetVocab { name: name.to_owned(), values }).collect(),
            price: currency.map(|c| PriceVocab { currency: c.to_owned() }),
            numbers: numbers.into_iter().map(NumberVocab::new).collect(),
            noun: String::new(),
        }
    }

    /// The same vocabulary, for a catalog whose items are called `noun` (see [`Vocabulary::noun`]).
    pub fn with_noun(self, noun: &str) -> Vocabulary {
        Vocabulary { noun: noun.to_owned(), ..self }
    }
}

impl NumberVocab {
    /// A number named `name`, its role and spoken words guessed from the name ("year", "date",
    /// "released" → date; "rating", "stars", "score" → rating with "star(s)"/"point(s)").
    pub fn new(name: &str) -> NumberVocab {
        let key = text::fold(name);
        let role = if ["year", "date", "released", "jahr", "annee", "ano"].iter().any(|w| key.contains(w)) {
            NumberRole::Date
        } else if ["rating", "star", "score", "review"].iter().any(|w| key.contains(w)) {
            NumberRole::Rating
        } else {
            NumberRole::Other
        };
        let mut spoken = vec![key.clone(), format!("{key}s")];
        if role == NumberRole::Rating {
            spoken.extend(
                ["star", "stars", "sterne", "sternen", "etoiles", "etoile", "estrellas", "estrella"].map(String::from),
            );
        }
        NumberVocab { name: name.to_owned(), spoken, role }
    }
}

/// One understood filter.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// A price range.
    Price {
        /// Lower bound.
        min: Bound<f64>,
        /// Upper bound.
        max: Bound<f64>,
    },
    /// A facet value (several values of one facet are alternatives).
    Facet {
        /// Facet display name.
        facet: String,
        /// The value as the catalog writes it.
        value: String,
    },
    /// A range of another number ("over 4 stars").
    Number {
        /// The number's name.
        name: String,
        /// Lower bound.
        min: Bound<f64>,
        /// Upper bound.
        max: Bound<f64>,
    },
}

/// An understood order.
#[derive(Debug, Clone, PartialEq)]
pub enum Sort {
    /// By price.
    Price {
        /// Most expensive first.
        descending: bool,
    },
    /// By a number.
    Number {
        /// The number's name.
        name: String,
        /// Highest first.
        descending: bool,
    },
}

/// A follow-up that changes the previous request instead of starting a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refinement {
    /// "only the black ones": narrow with this utterance's filters.
    Only,
    /// "cheaper": lower the price ceiling.
    Cheaper,
    /// "more expensive": raise the price floor.
    MoreExpensive,
    /// "show all": drop filters and sort, keep the text.
    ShowAll,
    /// "clear filters": drop filters, keep text and sort.
    ClearFilters,
}

/// What an utterance asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Understood {
    /// What remains to search for (may be empty: then the filters and sort browse).
    pub text: String,
    /// Filters, in the order said.
    pub filters: Vec<Filter>,
    /// The order asked for.
    pub sort: Option<Sort>,
    /// A follow-up phrase.
    pub refinement: Option<Refinement>,
    /// The recognizer's alternatives with the same phrases removed, with their confidences
    /// (empty for typed text), to search together with `text`.
    pub alternatives: Vec<(String, f32)>,
}

/// A search request's understood part: what the next refinement applies to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// The text searched.
    pub text: String,
    /// The filters applied.
    pub filters: Vec<Filter>,
    /// The order.
    pub sort: Option<Sort>,
}

/// Understands `text` (and the recognizer's `alternatives`, best first, which may include
/// `text` itself) in `lang` against the catalog's `vocab`.
///
/// ```
/// use hark::search::understand::{understand, Filter, FacetVocab, Lang, PriceVocab, Vocabulary};
/// use std::ops::Bound;
/// let vocab = Vocabulary {
///     facets: vec![FacetVocab { name: "Color".into(), values: vec![("red".into(), 3)] }],
///     price: Some(PriceVocab { currency: "USD".into() }),
///     ..Vocabulary::default()
/// };
/// let u = understand("red running shoes under 50 dollars", &[], Lang::En, &vocab);
/// assert_eq!(u.text, "running shoes");
/// assert_eq!(u.filters, [
///     Filter::Facet { facet: "Color".into(), value: "red".into() },
///     Filter::Price { min: Bound::Unbounded, max: Bound::Excluded(50.0) },
/// ]);
/// ```
pub fn understand(text: &str, alternatives: &[(String, f32)], lang: Lang, vocab: &Vocabulary) -> Understood {
    let mut u = understand_one(text, lang, vocab);
    u.alternatives = alternatives
        .iter()
        .map(|(alt, confidence)| {
            let text = if alt == text { u.text.clone() } else { understand_one(alt, lang, vocab).text };
            (text, *confidence)
        })
        .collect();
    u
}

fn understand_one(input: &str, lang: Lang, vocab: &Vocabulary) -> Understood {
    let tokens = text::tokenize(input);
    let mut used = vec![false; tokens.len()];
    // (position said, filter), sorted by position at the end so filters keep the spoken order.
    let mut filters: Vec<(usize, Filter)> = Vec::new();
    filters.extend(facets::multi_word(&tokens, &mut used, vocab));
    filters.extend(price::extract(&tokens, &mut used, lang, vocab));
    let sort = sort::extract(&tokens, &mut used, lang, vocab);
    let refinement = refine::extract(&tokens, &mut used, lang);
    filters.extend(facets::single_words(&tokens, &mut used, lang, vocab));
    hark_engine::order::sort_by_key(&mut filters, |(at, _)| *at);
    trim_filler(&tokens, &mut used, lang, &vocab.noun);
    Understood {
        text: text::join(&tokens, &used),
        filters: filters.into_iter().map(|(_, f)| f).collect(),
        sort,
        refinement,
        alternatives: Vec::new(),
    }
}

/// Marks topic-free words as used: all of them when nothing else is left, else those at the ends. The words of the
/// catalog's `noun` are topic-free too, in the singular or the plural ("película" and "películas").
fn trim_filler(tokens: &[text::Token], used: &mut [bool], lang: Lang, noun: &str) {
    let filler = lang.filler();
    let noun: Vec<String> = text::tokenize(noun).iter().map(|word| facets::plural_stem(&word.key, lang).to_owned()).collect();
    let is_filler =
        |t: &text::Token| filler.contains(&t.key.as_str()) || noun.iter().any(|word| word == facets::plural_stem(&t.key, lang));
    let left: Vec<usize> = (0..tokens.len()).filter(|&i| !used[i]).collect();
    if left.iter().all(|&i| is_filler(&tokens[i])) {
        for i in left {
            used[i] = true;
        }
        return;
    }
    for &i in &left {
        if !is_filler(&tokens[i]) {
            break;
        }
        used[i] = true;
    }
    for &i in left.iter().rev() {
        if !is_filler(&tokens[i]) {
            break;
        }
        used[i] = true;
    }
}
