//! Follow-ups: "only the black ones", "cheaper", "more expensive", "show all", "clear filters",
//! and a bare filter or sort ("under 50", "sort by price") said after a result.
//!
//! An utterance refines the previous request only when it has no topic words of its own
//! ([`is_refinement_only`]); "desk lamps" (or "cheaper desk lamps") starts over. When and
//! whether the previous request may be refined at all (continuous mode, 30 s after a typed
//! result) is the app's decision.

use super::lang::Lang;
use super::text::{longest_at, Token};
use super::{Filter, Refinement, State, Understood};
use std::ops::Bound;

/// The first refinement phrase; marks its words used.
pub(crate) fn extract(tokens: &[Token], used: &mut [bool], lang: Lang) -> Option<Refinement> {
    for i in 0..tokens.len() {
        if let Some((n, &r)) = longest_at(tokens, used, i, lang.refinements()) {
            for u in used.iter_mut().skip(i).take(n) {
                *u = true;
            }
            return Some(r);
        }
    }
    None
}

/// Whether `u` only changes the previous request: no text left to search, and a refinement,
/// a filter or a sort.
pub fn is_refinement_only(u: &Understood) -> bool {
    u.text.trim().is_empty() && (u.refinement.is_some() || !u.filters.is_empty() || u.sort.is_some())
}

/// The request after `u`, given the `previous` one and the prices of its current results (in
/// any order; missing prices left out).
///
/// - Not refinement-only: `u` alone (a new topic starts over).
/// - Filters said replace those of the same facet value's facet, of the price, of the same number.
/// - "cheaper": the price ceiling drops to the highest price of the cheapest third of the current
///   results (below the cheapest when there is one result), and always below the current
///   ceiling; without prices, to two thirds of the current ceiling. "More expensive" mirrors it.
/// - "show all" drops filters and sort; "clear filters" drops filters.
///
/// ```
/// use hark::search::understand::{apply_refinement, Filter, Refinement, State, Understood};
/// use std::ops::Bound;
/// let previous = State { text: "chairs".into(), ..State::default() };
/// let cheaper = Understood { refinement: Some(Refinement::Cheaper), ..Understood::default() };
/// let next = apply_refinement(&previous, &cheaper, &[120.0, 30.0, 80.0, 45.0, 200.0, 60.0]);
/// assert_eq!(next.text, "chairs");
/// assert_eq!(next.filters, [Filter::Price { min: Bound::Unbounded, max: Bound::Included(45.0) }]);
/// ```
pub fn apply_refinement(previous: &State, u: &Understood, prices: &[f64]) -> State {
    if !is_refinement_only(u) {
        return State { text: u.text.clone(), filters: u.filters.clone(), sort: u.sort.clone() };
    }
    let mut next = previous.clone();
    match u.refinement {
        Some(Refinement::ShowAll) => {
            next.filters.clear();
            next.sort = None;
        }
        Some(Refinement::ClearFilters) => next.filters.clear(),
        Some(Refinement::Cheaper) => cheaper(&mut next, prices),
        Some(Refinement::MoreExpensive) => more_expensive(&mut next, prices),
        Some(Refinement::Only) | None => {}
    }
    for f in &u.filters {
        next.filters.retain(|old| !same_kind(old, f));
    }
    for f in &u.filters {
        if !next.filters.contains(f) {
            next.filters.push(f.clone());
        }
    }
    if let Some(sort) = &u.sort {
        next.sort = Some(sort.clone());
    }
    next
}

/// Whether a new filter replaces an old one: the same facet, the price, the same number.
pub(crate) fn same_kind(old: &Filter, new: &Filter) -> bool {
    match (old, new) {
        (Filter::Facet { facet: a, .. }, Filter::Facet { facet: b, .. }) => a == b,
        (Filter::Price { .. }, Filter::Price { .. }) => true,
        (Filter::Number { name: a, .. }, Filter::Number { name: b, .. }) => a == b,
        _ => false,
    }
}

fn price_bounds(state: &State) -> (Bound<f64>, Bound<f64>) {
    state
        .filters
        .iter()
        .find_map(|f| match f {
            Filter::Price { min, max } => Some((*min, *max)),
            _ => None,
        })
        .unwrap_or((Bound::Unbounded, Bound::Unbounded))
}

fn set_price(state: &mut State, min: Bound<f64>, max: Bound<f64>) {
    state.filters.retain(|f| !matches!(f, Filter::Price { .. }));
    state.filters.push(Filter::Price { min, max });
}

fn value(b: Bound<f64>) -> Option<f64> {
    match b {
        Bound::Included(v) | Bound::Excluded(v) => Some(v),
        Bound::Unbounded => None,
    }
}

fn sorted_finite(prices: &[f64]) -> Vec<f64> {
    let mut p: Vec<f64> = prices.iter().copied().filter(|v| v.is_finite()).collect();
    hark_engine::order::sort_by(&mut p, f64::total_cmp);
    p
}

fn cheaper(state: &mut State, prices: &[f64]) {
    let (min, max) = price_bounds(state);
    let ceiling = value(max);
    let p: Vec<f64> = sorted_finite(prices).into_iter().filter(|v| ceiling.is_none_or(|c| *v < c)).collect();
    let new_max = if p.len() >= 2 {
        let k = p.len().div_ceil(3).min(p.len() - 1);
        Bound::Included(p[k - 1])
    } else if let Some(&only) = p.first() {
        Bound::Excluded(only)
    } else if let Some(c) = ceiling {
        Bound::Excluded(c * 2.0 / 3.0)
    } else {
        return;
    };
    let new_max = match (new_max, ceiling) {
        (Bound::Included(v), Some(c)) if v >= c => Bound::Excluded(c),
        (b, _) => b,
    };
    let min = match (min, value(new_max)) {
        (m, Some(hi)) if value(m).is_some_and(|lo| lo >= hi) => Bound::Unbounded,
        (m, _) => m,
    };
    set_price(state, min, new_max);
}

fn more_expensive(state: &mut State, prices: &[f64]) {
    let (min, max) = price_bounds(state);
    let floor = value(min);
    let p: Vec<f64> = sorted_finite(prices).into_iter().filter(|v| floor.is_none_or(|f| *v > f)).collect();
    let new_min = if p.len() >= 2 {
        let k = p.len().div_ceil(3).min(p.len() - 1);
        Bound::Included(p[p.len() - k])
    } else if let Some(&only) = p.first() {
        Bound::Excluded(only)
    } else if let Some(f) = floor {
        Bound::Excluded(f * 1.5)
    } else {
        return;
    };
    let max = match (max, value(new_min)) {
        (m, Some(lo)) if value(m).is_some_and(|hi| hi <= lo) => Bound::Unbounded,
        (m, _) => m,
    };
    set_price(state, new_min, max);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::understand::Sort;

    fn said(refinement: Option<Refinement>, filters: Vec<Filter>, text: &str) -> Understood {
        Understood { text: text.into(), filters, refinement, ..Understood::default() }
    }

    fn price(min: Bound<f64>, max: Bound<f64>) -> Filter {
        Filter::Price { min, max }
    }

    #[test]
    fn cheaper_drops_below_the_current_ceiling() {
        use Bound::*;
        let prev = State { text: "chairs".into(), filters: vec![price(Unbounded, Excluded(100.0))], sort: None };
        let next = apply_refinement(&prev, &said(Some(Refinement::Cheaper), vec![], ""), &[90.0, 95.0, 99.0]);
        assert_eq!(next.filters, [price(Unbounded, Included(90.0))]);
        let next = apply_refinement(&prev, &said(Some(Refinement::Cheaper), vec![], ""), &[]);
        assert_eq!(next.filters, [price(Unbounded, Excluded(100.0 * 2.0 / 3.0))]);
        let one = apply_refinement(&prev, &said(Some(Refinement::Cheaper), vec![], ""), &[40.0]);
        assert_eq!(one.filters, [price(Unbounded, Excluded(40.0))]);
        let nothing = apply_refinement(&State::default(), &said(Some(Refinement::Cheaper), vec![], ""), &[]);
        assert!(nothing.filters.is_empty());
    }

    #[test]
    fn more_expensive_raises_the_floor_and_drops_a_ceiling_below_it() {
        use Bound::*;
        let prev = State { text: "lamps".into(), filters: vec![price(Unbounded, Excluded(50.0))], sort: None };
        let next =
            apply_refinement(&prev, &said(Some(Refinement::MoreExpensive), vec![], ""), &[10.0, 20.0, 30.0, 40.0]);
        assert_eq!(next.filters, [price(Included(30.0), Excluded(50.0))]);
    }

    #[test]
    fn filters_replace_their_kind_and_new_topics_start_over() {
        let red = Filter::Facet { facet: "Color".into(), value: "red".into() };
        let black = Filter::Facet { facet: "Color".into(), value: "black".into() };
        let prev = State { text: "shoes".into(), filters: vec![red], sort: Some(Sort::Price { descending: false }) };
        let only_black = apply_refinement(&prev, &said(Some(Refinement::Only), vec![black.clone()], ""), &[]);
        assert_eq!((only_black.text.as_str(), only_black.filters.clone()), ("shoes", vec![black.clone()]));
        assert!(only_black.sort.is_some());
        let lamps = apply_refinement(&prev, &said(Some(Refinement::Cheaper), vec![], "desk lamps"), &[5.0]);
        assert_eq!(lamps, State { text: "desk lamps".into(), ..State::default() });
        let all = apply_refinement(&only_black, &said(Some(Refinement::ShowAll), vec![], ""), &[]);
        assert_eq!(all, State { text: "shoes".into(), ..State::default() });
        let cleared = apply_refinement(&only_black, &said(Some(Refinement::ClearFilters), vec![], ""), &[]);
        assert!(cleared.filters.is_empty() && cleared.sort.is_some());
    }
}
