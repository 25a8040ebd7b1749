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
            none: "Aucun",
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
            none: "Ningún",
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

/// The sentence: count, what was searched (the text, else the facet values, else `noun`),
/// the filters and the sort. `currency` formats prices (the catalog's, ISO 4217).
///
/// ```
/// use hark::search::understand::{summary, Filter, Lang, State};
/// use std::ops::Bound;
/// let state = State {
///     text: "chairs".into(),
///     filters: vec![Filter::Price { min: Bound::Unbounded, max: Bound::Excluded(100.0) }],
///     sort: None,
/// };
/// assert_eq!(summary(12, &state, "products", Some("USD"), Lang::En), "12 chairs, under $100.");
/// assert_eq!(summary(3, &state, "Produkte", Some("EUR"), Lang::De), "3 chairs, unter 100 €.");
/// ```
pub fn summary(count: usize, state: &State, noun: &str, currency: Option<&str>, lang: Lang) -> String {
    let w = words(lang);
    let facet_values: Vec<&str> = state
        .filters
        .iter()
        .filter_map(|f| match f {
            Filter::Facet { value, .. } => Some(value.as_str()),
            _ => None,
        })
        .collect();
    let what = if !state.text.trim().is_empty() {
        state.text.trim().to_owned()
    } else if let Some(last) = facet_values.last() {
        (*last).to_owned()
    } else {
        noun.to_owned()
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
        assert_eq!(
            summary(12, &state, "products", Some("USD"), Lang::En),
            "12 chairs, black, between $20 and $40, cheapest first."
        );
        assert_eq!(
            summary(2, &state, "Produkte", Some("EUR"), Lang::De),
            "2 chairs, black, zwischen 20 € und 40 €, günstigste zuerst."
        );
        assert_eq!(
            summary(0, &state, "produits", Some("EUR"), Lang::Fr),
            "Aucun chairs, black, entre 20 € et 40 €, les moins chers d'abord."
        );
        assert_eq!(summary(1, &State::default(), "productos", None, Lang::Es), "1 resultado: productos.");
    }
}
