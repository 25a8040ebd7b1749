//! Filters, sorts, browsing and facet counts over the columns (see [`crate::columns`]).
//!
//! A [`Query`] may carry filters (a facet value in a set, a number in a range) and a [`Sort`].
//! Filters are applied to the scored documents before they are ranked, by reading the columns
//! only: no text is scanned. All filters must hold (AND); the values of one facet filter are
//! alternatives (OR). A filter naming a facet or number the index does not have matches nothing.
//!
//! Sorting by a number orders the matching documents by that number (documents without one
//! last), ties by relevance, then catalog order. When the query has text, only documents scoring
//! at least [`SORTED_MIN_RELEVANCE`] of the best score are sorted, so "cheapest chairs" lists
//! chairs, not the cheapest thing whose description mentions a chain (a typo match).
//!
//! A query whose text is blank but which has a filter or a sort **browses**: every document
//! passing the filters, in sort order (or catalog order). Blank text alone finds nothing, unless
//! the query asks to browse everything ([`Query::browse_all`]: "show all" with nothing left).

use crate::columns::{Columns, PRICE};
use crate::index::Index;
use crate::search::{Hit, Query};
use std::cmp::Ordering;
use std::ops::Bound;

/// When sorting a text query by a number, the share of the best score a hit needs to be sorted.
pub const SORTED_MIN_RELEVANCE: f32 = 0.3;

/// One filter of a [`Query`].
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// The document has one of `values` (compared without case) for the facet named `facet`
    /// (display name or catalog field).
    Facet {
        /// Facet display name (`"Color"`) or field (`"color"`).
        facet: String,
        /// Accepted values.
        values: Vec<String>,
    },
    /// The document's number `number` (`"price"`, or a `numbers` name) lies in the range.
    Range {
        /// `"price"` or a name from `numbers`.
        number: String,
        /// Lower bound.
        min: Bound<f64>,
        /// Upper bound.
        max: Bound<f64>,
    },
}

impl Filter {
    /// A facet filter for one value.
    pub fn facet(facet: impl Into<String>, value: impl Into<String>) -> Filter {
        Filter::Facet {
            facet: facet.into(),
            values: vec![value.into()],
        }
    }

    /// A range filter.
    pub fn range(number: impl Into<String>, min: Bound<f64>, max: Bound<f64>) -> Filter {
        Filter::Range {
            number: number.into(),
            min,
            max,
        }
    }
}

/// How results are ordered.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Sort {
    /// Best match first (the default).
    #[default]
    Relevance,
    /// By a number (`"price"` or a `numbers` name), lowest first or highest first.
    Number {
        /// `"price"` or a name from `numbers`.
        number: String,
        /// Highest first.
        descending: bool,
    },
}

impl Query {
    /// Adds a filter.
    ///
    /// ```
    /// use hark_engine::{parse_catalog, CatalogConfig, Filter, Index, Query, Sort};
    /// use std::ops::Bound;
    /// let cfg: CatalogConfig = serde_json::from_str(
    ///     r#"{"facets": {"Color": "color"}, "price": {"field": "price", "currency": "USD"}}"#).unwrap();
    /// let cat = parse_catalog(br#"[
    ///     {"title": "Office chair", "color": "black", "price": 120},
    ///     {"title": "Desk chair", "color": ["black", "red"], "price": 80},
    ///     {"title": "Garden chair", "color": "green", "price": 30}]"#, &cfg).unwrap();
    /// let index = Index::build(&cat, &cfg);
    /// let q = Query::text("chair")
    ///     .with_filter(Filter::range("price", Bound::Unbounded, Bound::Excluded(100.0)))
    ///     .with_sort(Sort::Number { number: "price".into(), descending: false });
    /// let titles: Vec<_> = index.search(&q).iter().map(|h| index.doc(h.doc).unwrap().title).collect();
    /// assert_eq!(titles, ["Garden chair", "Desk chair"]);
    /// let black = index.search(&Query::text("").with_filter(Filter::facet("Color", "Black")));
    /// assert_eq!(black.len(), 2, "blank text with a filter browses");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_filter(mut self, filter: Filter) -> Query {
        self.filters.push(filter);
        self
    }

    /// Sets the sort.
    pub fn with_sort(mut self, sort: Sort) -> Query {
        self.sort = sort;
        self
    }

    /// Whether every alternative's text is blank.
    pub(crate) fn is_blank(&self) -> bool {
        self.alternatives.iter().all(|(t, _)| t.trim().is_empty())
    }
}

/// Filters compiled against one index: value ids and float bounds, checked per document.
struct Compiled {
    /// (facet column, accepted value ids sorted); an empty set matches nothing.
    facets: Vec<(usize, Vec<u32>)>,
    /// (number column, bounds).
    ranges: Vec<(usize, Bound<f64>, Bound<f64>)>,
    /// Some filter names a facet or number the index lacks.
    impossible: bool,
}

impl Compiled {
    fn new(columns: &Columns, filters: &[Filter]) -> Compiled {
        let mut c = Compiled {
            facets: Vec::new(),
            ranges: Vec::new(),
            impossible: false,
        };
        for f in filters {
            match f {
                Filter::Facet { facet, values } => match columns.facet(facet) {
                    Some((i, col)) => {
                        let mut ids: Vec<u32> =
                            values.iter().filter_map(|v| col.id_of(v)).collect();
                        crate::order::sort(&mut ids);
                        ids.dedup();
                        c.impossible |= ids.is_empty();
                        c.facets.push((i, ids));
                    }
                    None => c.impossible = true,
                },
                Filter::Range { number, min, max } => match columns.number_at(number) {
                    Some(i) => c.ranges.push((i, *min, *max)),
                    None => c.impossible = true,
                },
            }
        }
        c
    }

    #[inline]
    fn matches(&self, columns: &Columns, doc: u32) -> bool {
        if self.impossible {
            return false;
        }
        self.facets.iter().all(|(i, ids)| {
            columns.facets[*i]
                .ids_of(doc)
                .iter()
                .any(|id| ids.binary_search(id).is_ok())
        }) && self.ranges.iter().all(|(i, min, max)| {
            columns.numbers[*i]
                .get(doc)
                .is_some_and(|v| in_range(f64::from(v), *min, *max))
        })
    }
}

fn in_range(v: f64, min: Bound<f64>, max: Bound<f64>) -> bool {
    let lo = match min {
        Bound::Included(m) => v >= m,
        Bound::Excluded(m) => v > m,
        Bound::Unbounded => true,
    };
    let hi = match max {
        Bound::Included(m) => v <= m,
        Bound::Excluded(m) => v < m,
        Bound::Unbounded => true,
    };
    lo && hi
}

/// Orders two documents by the query's number sort (`Equal` for relevance): the hook the
/// ranking's comparator calls first.
pub(crate) struct NumberOrder<'a> {
    column: Option<&'a crate::columns::NumberColumn>,
    descending: bool,
}

impl NumberOrder<'_> {
    /// Compares documents `a` and `b`; documents without a value come last either way.
    #[inline]
    pub(crate) fn cmp(&self, a: u32, b: u32) -> Ordering {
        let Some(col) = self.column else {
            return Ordering::Equal;
        };
        match (col.get(a), col.get(b)) {
            (Some(x), Some(y)) if self.descending => y.total_cmp(&x),
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
}

/// The number order of `query` on `index` (a no-op for relevance or an unknown number).
pub(crate) fn number_order<'a>(index: &'a Index, query: &Query) -> NumberOrder<'a> {
    match &query.sort {
        Sort::Relevance => NumberOrder {
            column: None,
            descending: false,
        },
        Sort::Number { number, descending } => NumberOrder {
            column: index.columns.number(number),
            descending: *descending,
        },
    }
}

/// Keeps the scored `(score, doc)` pairs that pass the query's filters (and, for a number sort,
/// are relevant enough to be sorted; see the module docs).
pub(crate) fn retain(index: &Index, query: &Query, ranked: &mut Vec<(f32, u32)>) {
    if !query.filters.is_empty() {
        let c = Compiled::new(&index.columns, &query.filters);
        ranked.retain(|&(_, d)| c.matches(&index.columns, d));
    }
    if number_order(index, query).column.is_some() {
        let top = ranked.iter().map(|r| r.0).fold(0.0f32, f32::max);
        ranked.retain(|r| r.0 >= top * SORTED_MIN_RELEVANCE);
    }
}

/// Answers a blank-text query with a filter, a sort or [`Query::browse_all`] by browsing (see the
/// module docs); `None` for every other query.
pub(crate) fn browse(index: &Index, query: &Query, limit: usize) -> Option<Vec<Hit>> {
    if !query.is_blank() || (query.filters.is_empty() && query.sort == Sort::Relevance && !query.browse_all) {
        return None;
    }
    let c = Compiled::new(&index.columns, &query.filters);
    let mut docs: Vec<u32> = (0..index.n_docs)
        .filter(|&d| c.matches(&index.columns, d))
        .collect();
    let order = number_order(index, query);
    let by = |a: &u32, b: &u32| order.cmp(*a, *b).then(a.cmp(b));
    if docs.len() > limit && limit > 0 {
        docs.select_nth_unstable_by(limit - 1, by);
    }
    docs.truncate(limit);
    docs.sort_unstable_by(by);
    Some(
        docs.into_iter()
            .map(|doc| Hit {
                doc,
                score: 0.0,
                title_spans: Vec::new(),
                description_spans: Vec::new(),
            })
            .collect(),
    )
}

/// How many documents have each value of one facet (for a Refine panel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    /// The facet's display name.
    pub name: String,
    /// The catalog field.
    pub field: String,
    /// `(value, documents)`, most documents first, ties by value; values with none are left out.
    pub values: Vec<(String, u32)>,
}

/// A number column's description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberInfo<'a> {
    /// `"price"` for the price, else the name from `numbers`.
    pub name: &'a str,
    /// The catalog field.
    pub field: &'a str,
    /// The price's ISO 4217 currency; `None` for other numbers.
    pub currency: Option<&'a str>,
}

impl Index {
    /// Counts facet values over `docs` (document numbers, e.g. from the hits of a search with a
    /// large limit, or `0..index.len() as u32` for the whole catalog), one entry per facet in
    /// configuration order.
    ///
    /// ```
    /// # use hark_engine::{parse_catalog, CatalogConfig, Index};
    /// let cfg: CatalogConfig = serde_json::from_str(r#"{"facets": {"Color": "color"}}"#).unwrap();
    /// let cat = parse_catalog(br#"[{"title":"a","color":"red"},{"title":"b","color":["blue","red"]}]"#, &cfg).unwrap();
    /// let index = Index::build(&cat, &cfg);
    /// let counts = index.facet_counts(0..index.len() as u32);
    /// assert_eq!(counts[0].values, [("red".to_string(), 2), ("blue".to_string(), 1)]);
    /// ```
    pub fn facet_counts(&self, docs: impl IntoIterator<Item = u32>) -> Vec<FacetCounts> {
        let cols = &self.columns.facets;
        let mut counts: Vec<Vec<u32>> = cols.iter().map(|f| vec![0; f.values.len()]).collect();
        for d in docs {
            for (f, c) in cols.iter().zip(counts.iter_mut()) {
                for &id in f.ids_of(d) {
                    if let Some(slot) = c.get_mut(id as usize) {
                        *slot += 1;
                    }
                }
            }
        }
        cols.iter()
            .zip(counts)
            .map(|(f, c)| {
                let mut values: Vec<(String, u32)> = f
                    .values
                    .iter()
                    .zip(c)
                    .filter(|(_, n)| *n > 0)
                    .map(|(v, n)| (v.clone(), n))
                    .collect();
                crate::order::sort_by(&mut values, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                FacetCounts {
                    name: f.name.clone(),
                    field: f.field.clone(),
                    values,
                }
            })
            .collect()
    }

    /// A document's values for a facet (display name or field); empty when it has none.
    pub fn facet_values(&self, doc: u32, facet: &str) -> Vec<&str> {
        match self.columns.facet(facet) {
            Some((_, col)) => col
                .ids_of(doc)
                .iter()
                .filter_map(|&id| col.values.get(id as usize).map(String::as_str))
                .collect(),
            None => Vec::new(),
        }
    }

    /// A document's value of a number (`"price"` or a `numbers` name); `None` when missing.
    pub fn number(&self, doc: u32, number: &str) -> Option<f64> {
        self.columns
            .number(number)
            .and_then(|c| c.get(doc))
            .map(f64::from)
    }

    /// A document's price, when the catalog has prices.
    pub fn price(&self, doc: u32) -> Option<f64> {
        self.number(doc, PRICE)
    }

    /// The price's currency (ISO 4217), when the catalog has prices.
    pub fn currency(&self) -> Option<&str> {
        self.columns
            .numbers
            .iter()
            .find(|n| n.name == PRICE && !n.currency.is_empty())
            .map(|n| n.currency.as_str())
    }

    /// The number columns (the price first, when there is one), in configuration order.
    pub fn numbers(&self) -> Vec<NumberInfo<'_>> {
        self.columns
            .numbers
            .iter()
            .map(|n| NumberInfo {
                name: &n.name,
                field: &n.field,
                currency: (!n.currency.is_empty()).then_some(n.currency.as_str()),
            })
            .collect()
    }
}
