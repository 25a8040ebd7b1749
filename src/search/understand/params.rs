//! A [`State`]'s filters and sort as URL query parameters, so a link reproduces the page
//! (the text itself stays in `?q=`, which the app already mirrors).
//!
//! | parameter | meaning |
//! |---|---|
//! | `price=ge20,lt100` | price bounds: `lt` `le` `gt` `ge` and a number, comma-separated |
//! | `n.rating=gt4` | the same for a number from `numbers` |
//! | `f.Color=black` | a facet value (repeat the parameter for several) |
//! | `sort=price`, `sort=-price`, `sort=-year` | order by a number, `-` for highest first |
//!
//! Reading is forgiving: a malformed parameter is skipped, never an error or a panic.

use super::{Filter, Sort, State};
use std::ops::Bound;

fn bounds_param(min: &Bound<f64>, max: &Bound<f64>) -> String {
    let mut parts = Vec::new();
    match min {
        Bound::Included(v) => parts.push(format!("ge{v}")),
        Bound::Excluded(v) => parts.push(format!("gt{v}")),
        Bound::Unbounded => {}
    }
    match max {
        Bound::Included(v) => parts.push(format!("le{v}")),
        Bound::Excluded(v) => parts.push(format!("lt{v}")),
        Bound::Unbounded => {}
    }
    parts.join(",")
}

fn parse_bounds(s: &str) -> Option<(Bound<f64>, Bound<f64>)> {
    let (mut min, mut max) = (Bound::Unbounded, Bound::Unbounded);
    for part in s.split(',').filter(|p| !p.is_empty()) {
        let (op, num) = (part.get(..2)?, part.get(2..)?);
        let v = crate::number::parse_decimal(num)?;
        match op {
            "ge" => min = Bound::Included(v),
            "gt" => min = Bound::Excluded(v),
            "le" => max = Bound::Included(v),
            "lt" => max = Bound::Excluded(v),
            _ => return None,
        }
    }
    (min != Bound::Unbounded || max != Bound::Unbounded).then_some((min, max))
}

/// The parameters for `state`'s filters and sort (not its text), in a stable order.
pub fn to_params(state: &State) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in &state.filters {
        match f {
            Filter::Price { min, max } => out.push(("price".to_owned(), bounds_param(min, max))),
            Filter::Number { name, min, max } => out.push((format!("n.{name}"), bounds_param(min, max))),
            Filter::Facet { facet, value } => out.push((format!("f.{facet}"), value.clone())),
        }
    }
    match &state.sort {
        Some(Sort::Price { descending }) => out.push(("sort".into(), if *descending { "-price" } else { "price" }.into())),
        Some(Sort::Number { name, descending }) => {
            out.push(("sort".into(), format!("{}{name}", if *descending { "-" } else { "" })))
        }
        None => {}
    }
    out
}

/// Reads filters and sort back from parameters (others, like `q`, are ignored); `text` is
/// left empty for the caller to fill from `?q=`.
pub fn from_params<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> State {
    let mut state = State::default();
    for (key, value) in params {
        if key == "price" {
            if let Some((min, max)) = parse_bounds(value) {
                state.filters.push(Filter::Price { min, max });
            }
        } else if let Some(name) = key.strip_prefix("n.").filter(|n| !n.is_empty()) {
            if let Some((min, max)) = parse_bounds(value) {
                state.filters.push(Filter::Number { name: name.to_owned(), min, max });
            }
        } else if let Some(facet) = key.strip_prefix("f.").filter(|f| !f.is_empty()) {
            if !value.trim().is_empty() {
                state.filters.push(Filter::Facet { facet: facet.to_owned(), value: value.to_owned() });
            }
        } else if key == "sort" {
            let (descending, name) = match value.strip_prefix('-') {
                Some(n) => (true, n),
                None => (false, value),
            };
            state.sort = match name {
                "" => None,
                "price" => Some(Sort::Price { descending }),
                n => Some(Sort::Number { name: n.to_owned(), descending }),
            };
        }
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let state = State {
            text: String::new(),
            filters: vec![
                Filter::Facet { facet: "Color".into(), value: "black".into() },
                Filter::Price { min: Bound::Included(20.0), max: Bound::Excluded(99.5) },
                Filter::Number { name: "rating".into(), min: Bound::Excluded(4.0), max: Bound::Unbounded },
            ],
            sort: Some(Sort::Number { name: "year".into(), descending: true }),
        };
        let params = to_params(&state);
        assert_eq!(params[1], ("price".to_string(), "ge20,lt99.5".to_string()));
        assert_eq!(params[3], ("sort".to_string(), "-year".to_string()));
        let back = from_params(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(back, state);
    }

    #[test]
    fn malformed_parameters_are_skipped() {
        let state = from_params([
            ("q", "chairs"),
            ("price", "lt"),
            ("price", "xx5"),
            ("price", "lt1e999"),
            ("price", "é"),
            ("n.", "gt4"),
            ("f.Color", " "),
            ("sort", ""),
        ]);
        assert_eq!(state, State::default());
    }
}
