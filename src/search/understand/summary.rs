//! What was understood, as a sentence for the status line and the reading: "12 chairs, black,
//! under $100, cheapest first." in English, German, French and Spanish.

use super::lang::Lang;
use super::{Filter, Sort, State};
use std::ops::Bound;

/// A price with its currency, the way `lang` writes it: `$99.99`, `€100` (English), `99,99 €`
/// (German, French, Spanish), `£30`, `120 CHF`; whole amounts without decimals.
pub fn format_price(amount: f64, currency: &str, lang: Lang) -> String {
    let amount = if amount.is_finite() { amount } else { 0.0 };
    let mut n = if (amount - amount.round()).abs() < 0.005 {
        format!("{}", amount.round() as i64)
    } else {
        format!("{amount:.2}")
    };
    if lang != Lang::En {
        n = n.replace('.', ",");
    }
    let sign = match currency {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        _ => None,
    };
    match (sign, lang) {
        (Some("$"), _) | (Some("£"), Lang::En) | (Some("€"), Lang::En) | (Some("¥"), Lang::En) => {
            format!("{}{n}", sign.unwrap_or(""))
        }
        (Some(s), _) => format!("{n} {s}"),
        (None, _) => format!("{n} {currency}"),
    }
}

struct Words {
    under: &'static str,
    up_to: &'static str,
    over: &'static str,
    from: &'static str,
    between: &'static str,
    and: &'static str,
    result: &'static str,
    none: &'static str,
    cheapest: &'static str,
    dearest: &'static str,
    highest: &'static str,
    lowest: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            under: "under",
            up_to: "up to",
            over: "over",
            from: "from",
            between: "between",
            and: "and",
            result: "result",
            none: "No",
            cheapest: "cheapest first",
            dearest: "most expensive first",
            highest: "highest first",
            lowest: "lowest first",
        },
        Lang::De => Words {
            under: "unter",
            up_to: "bis",
            over: "über",
            from: "ab",
            between: "zwischen",
            and: "und",
            result: "Ergebnis",
            none: "Keine",
            cheapest: "günstigste zuerst",
            dearest: "teuerste zuerst",
            highest: "höchste zuerst",
            lowest: "niedrigste zuerst",
        },
        Lang::Fr => Words {
            under: "moins de",
            up_to: "jusqu'à",
            over: "plus de",
            from: "à partir de",
            between: "entre",
            and: "et",
            result: "résultat",
            none: "Aucun résultat:",
            cheapest: "les moins chers d'abord",
            dearest: "les plus chers d'abord",
            highest: "du plus grand au plus petit",
            lowest: "du plus petit au plus grand",
        },
        Lang::Es => Words {
            under: "menos de",
            up_to: "hasta",
            over: "más de",
            from: "desde",
            between: "entre",
            and: "y",
            result: "resultado",
            none: "Ningún resultado:",
            cheapest: "los más baratos primero",
            dearest: "los más caros primero",
            highest: "de mayor a menor",
            lowest: "de menor a mayor",
        },
    }
}

fn range(min: Bound<f64>, max: Bound<f64>, fmt: &dyn Fn(f64) -> String, w: &Words) -> Option<String> {
    Some(match (min, max) {
        (Bound::Unbounded, Bound::Excluded(m)) => format!("{} {}", w.under, fmt(m)),
        (Bound::Unbounded, Bound::Included(m)) => format!("{} {}", w.up_to, fmt(m)),
        (Bound::Excluded(m), Bound::Unbounded) => format!("{} {}", w.over, fmt(m)),
        (Bound::Included(m), Bound::Unbounded) => format!("{} {}", w.from, fmt(m)),
        (Bound::Included(a) | Bound::Excluded(a), Bound::Included(b) | Bound::Excluded(b)) => {
            format!("{} {} {} {}", w.between, fmt(a), w.and, fmt(b))
        }
        (Bound::Unbounded, Bound::Unbounded) => return None,
    })
}

/// The label of one filter, as on its chip ("under $100", "black", "rating over 4").
pub fn filter_label(filter: &Filter, currency: Option<&str>, lang: Lang) -> String {
    let w = words(lang);
    match filter {
        Filter::Facet { value, .. } => value.clone(),
        Filter::Price { min, max } => {
            let fmt = |v: f64| match currency {
                Some(c) => format_price(v, c, lang),
                None => plain(v, lang),
            };
            range(*min, *max, &fmt, &w).unwrap_or_default()
        }
        Filter::Number { name, min, max } => {
            let fmt = |v: f64| plain(v, lang);
            format!("{name} {}", range(*min, *max, &fmt, &w).unwrap_or_default())
        }
    }
}

fn plain(v: f64, lang: Lang) -> String {
    let s = if (v - v.round()).abs() < 1e-9 { format!("{}", v.round() as i64) } else { format!("{v:.2}") };
    if lang == Lang::En {
        s
    } else {
        s.replace('.', ",")
    }
}

/// What the summary calls the items it counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Naming<'a> {
    /// The catalog's word for its items ("products"): used when neither the text nor a value of `facet` names them.
    pub noun: &'a str,
    /// The facet whose values name kinds of item (the one on the catalog's `category` field): its value stands in
    /// for the noun ("12 chairs, black."). A value of another facet is listed after the noun ("17 products, black."),
    /// since "black" or "Nike" alone does not say what was counted.
    pub facet: Option<&'a str>,
}

impl<'a> Naming<'a> {
    /// Items called `noun`, with no facet that names them.
    pub fn noun(noun: &'a str) -> Self {
        Self { noun, facet: None }
    }
}

/// The sentence: count, what was searched (the text, else a value of the naming facet, else the noun),
/// the filters and the sort. `currency` formats prices (the catalog's, ISO 4217).
///
/// ```
/// use hark::search::understand::{summary, Filter, Lang, Naming, State};
/// use std::ops::Bound;
/// let state = State {
///     text: "chairs".into(),
///     filters: vec![Filter::Price { min: Bound::Unbounded, max: Bound::Excluded(100.0) }],
///     sort: None,
/// };
/// assert_eq!(summary(12, &state, Naming::noun("products"), Some("USD"), Lang::En), "12 chairs, under $100.");
/// assert_eq!(summary(3, &state, Naming::noun("Produkte"), Some("EUR"), Lang::De), "3 chairs, unter 100 €.");
/// ```
pub fn summary(count: usize, state: &State, naming: Naming, currency: Option<&str>, lang: Lang) -> String {
    let w = words(lang);
    let naming_value = state.filters.iter().rev().find_map(|f| match f {
        Filter::Facet { facet, value } if naming.facet == Some(facet.as_str()) => Some(value.as_str()),
        _ => None,
    });
    let what = if !state.text.trim().is_empty() {
        state.text.trim().to_owned()
    } else if let Some(value) = naming_value {
        value.to_owned()
    } else {
        naming.noun.to_owned()
    };
    let mut parts: Vec<String> = Vec::new();
    for f in &state.filters {
        if let Filter::Facet { value, .. } = f {
            if *value == what {
                continue;
            }
        }
        let label = filter_label(f, currency, lang);
        if !label.is_empty() {
            parts.push(label);
        }
    }
    match &state.sort {
        Some(Sort::Price { descending: false }) => parts.push(w.cheapest.into()),
        Some(Sort::Price { descending: true }) => parts.push(w.dearest.into()),
        Some(Sort::Number { name, descending }) => {
            parts.push(format!("{name}: {}", if *descending { w.highest } else { w.lowest }))
        }
        None => {}
    }
    let head = match count {
        0 => format!("{} {what}", w.none),
        1 => format!("1 {}: {what}", w.result),
        n => format!("{n} {what}"),
    };
    let mut out = head;
    for p in parts {
        out.push_str(", ");
        out.push_str(&p);
    }
    out.push('.');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_per_language() {
        assert_eq!(format_price(99.99, "USD", Lang::En), "$99.99");
        assert_eq!(format_price(100.0, "EUR", Lang::En), "€100");
        assert_eq!(format_price(49.9, "EUR", Lang::De), "49,90 €");
        assert_eq!(format_price(30.0, "GBP", Lang::En), "£30");
        assert_eq!(format_price(120.0, "CHF", Lang::Fr), "120 CHF");
        assert_eq!(format_price(f64::NAN, "USD", Lang::En), "$0");
    }

    #[test]
    fn summaries_in_four_languages() {
        let state = State {
            text: String::new(),
            filters: vec![
                Filter::Facet { facet: "Color".into(), value: "black".into() },
                Filter::Facet { facet: "Category".into(), value: "chairs".into() },
                Filter::Price { min: Bound::Included(20.0), max: Bound::Included(40.0) },
            ],
            sort: Some(Sort::Price { descending: false }),
        };
        let category = Naming { noun: "products", facet: Some("Category") };
        assert_eq!(
            summary(12, &state, category, Some("USD"), Lang::En),
            "12 chairs, black, between $20 and $40, cheapest first."
        );
        assert_eq!(
            summary(2, &state, Naming { noun: "Produkte", ..category }, Some("EUR"), Lang::De),
            "2 chairs, black, zwischen 20 € und 40 €, günstigste zuerst."
        );
        assert_eq!(
            summary(0, &state, Naming { noun: "produits", ..category }, Some("EUR"), Lang::Fr),
            "Aucun résultat: chairs, black, entre 20 € et 40 €, les moins chers d'abord."
        );
        assert_eq!(summary(1, &State::default(), Naming::noun("productos"), None, Lang::Es), "1 resultado: productos.");
        // "Aucun"/"Ningún" agree with one masculine noun: they go with "résultat"/"resultado", never the items' noun.
        assert_eq!(summary(0, &State::default(), Naming::noun("películas"), None, Lang::Es), "Ningún resultado: películas.");
    }

    #[test]
    fn a_value_that_does_not_name_the_items_follows_the_noun() {
        let black = State {
            text: String::new(),
            filters: vec![Filter::Facet { facet: "Color".into(), value: "black".into() }],
            sort: None,
        };
        let category = Naming { noun: "products", facet: Some("Category") };
        assert_eq!(summary(17, &black, category, Some("USD"), Lang::En), "17 products, black.");
        assert_eq!(summary(17, &black, Naming::noun("products"), None, Lang::En), "17 products, black.");
        let footwear = State {
            filters: vec![
                Filter::Facet { facet: "Category".into(), value: "Footwear".into() },
                Filter::Facet { facet: "Color".into(), value: "black".into() },
            ],
            ..black
        };
        assert_eq!(summary(8, &footwear, category, Some("USD"), Lang::En), "8 Footwear, black.");
    }
}
