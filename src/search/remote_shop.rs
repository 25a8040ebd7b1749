//! The shop half of the remote request: understood filters and sorts as OpenSearch/Elasticsearch `bool.filter`
//! clauses (`terms` for facet values, `range` for the price and numbers) and `sort`, facet counts asked for as
//! `terms` aggregations and read back, and each hit's price. Pure; tested on the host.

use std::ops::Bound;

use serde_json::{json, Map, Value};

use super::config::RemoteShop;
use super::understand::{FacetVocab, Filter, Sort, State};

/// How many values of one facet the aggregation returns.
pub const FACET_VALUES: usize = 50;

fn number_field<'a>(shop: &'a RemoteShop, name: &str) -> Option<&'a str> {
    shop.numbers.iter().find(|(n, _)| n == name).map(|(_, field)| field.as_str())
}

fn facet_field<'a>(shop: &'a RemoteShop, facet: &str) -> Option<&'a str> {
    shop.facets.iter().find(|(name, _)| name == facet).map(|(_, field)| field.as_str())
}

fn range(field: &str, min: Bound<f64>, max: Bound<f64>) -> Value {
    let mut bounds = Map::new();
    match min {
        Bound::Included(v) => drop(bounds.insert("gte".into(), json!(v))),
        Bound::Excluded(v) => drop(bounds.insert("gt".into(), json!(v))),
        Bound::Unbounded => {}
    }
    match max {
        Bound::Included(v) => drop(bounds.insert("lte".into(), json!(v))),
        Bound::Excluded(v) => drop(bounds.insert("lt".into(), json!(v))),
        Bound::Unbounded => {}
    }
    json!({ "range": { field: bounds } })
}

/// The `bool.filter` clauses for `state`: one `terms` per facet (its values are alternatives), one `range` per
/// bound. A filter on a facet or number the config does not map matches nothing (as in the embedded engine).
pub fn filter_clauses(shop: &RemoteShop, state: &State) -> Vec<Value> {
    let mut facets: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut clauses = Vec::new();
    let nothing = || json!({ "bool": { "must_not": { "match_all": {} } } });
    for filter in &state.filters {
        match filter {
            Filter::Facet { facet, value } => match facet_field(shop, facet) {
                Some(field) => match facets.iter_mut().find(|(f, _)| *f == field) {
                    Some((_, values)) => values.push(value),
                    None => facets.push((field, vec![value])),
                },
                None => clauses.push(nothing()),
            },
            Filter::Price { min, max } => match &shop.price {
                Some((field, _)) => clauses.push(range(field, *min, *max)),
                None => clauses.push(nothing()),
            },
            Filter::Number { name, min, max } => match number_field(shop, name) {
                Some(field) => clauses.push(range(field, *min, *max)),
                None => clauses.push(nothing()),
            },
        }
    }
    let terms = facets.into_iter().map(|(field, values)| json!({ "terms": { field: values } }));
    terms.chain(clauses).collect()
}

/// The `sort` for `sort` (then relevance), or `None` for best match or an unmapped number.
pub fn sort_clause(shop: &RemoteShop, sort: Option<&Sort>) -> Option<Value> {
    let (field, descending) = match sort? {
        Sort::Price { descending } => (shop.price.as_ref()?.0.as_str(), *descending),
        Sort::Number { name, descending } => (number_field(shop, name)?, *descending),
    };
    let order = if descending { "desc" } else { "asc" };
    Some(json!([{ field: { "order": order, "missing": "_last" } }, "_score"]))
}

/// One `terms` aggregation per facet, named by the facet's display name; `None` without facets.
pub fn aggregations(shop: &RemoteShop) -> Option<Value> {
    let aggs: Map<String, Value> = shop
        .facets
        .iter()
        .map(|(name, field)| (name.clone(), json!({ "terms": { "field": field, "size": FACET_VALUES } })))
        .collect();
    (!aggs.is_empty()).then_some(Value::Object(aggs))
}

/// The facet counts in an answer's `aggregations`, in config order (values with no documents left out).
pub fn parse_facets(shop: &RemoteShop, root: &Value) -> Vec<FacetVocab> {
    let Some(aggs) = root.get("aggregations") else { return Vec::new() };
    shop.facets
        .iter()
        .filter_map(|(name, _)| {
            let buckets = aggs.get(name)?.get("buckets")?.as_array()?;
            let values = buckets
                .iter()
                .filter_map(|b| {
                    let key = match b.get("key")? {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    let count = u32::try_from(b.get("doc_count")?.as_u64()?).unwrap_or(u32::MAX);
                    (count > 0).then_some((key, count))
                })
                .collect();
            Some(FacetVocab { name: name.clone(), values })
        })
        .collect()
}

/// A hit's price from its `_source` (a number, or a string such as `"12.50"`).
pub fn price_of(shop: &RemoteShop, source: &Value) -> Option<f64> {
    let value = source.get(&shop.price.as_ref()?.0)?;
    let price = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => crate::number::parse_decimal(s.trim()),
        _ => None,
    }?;
    price.is_finite().then_some(price)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shop() -> RemoteShop {
        RemoteShop {
            facets: vec![("Color".into(), "color".into()), ("Brand".into(), "brand.keyword".into())],
            price: Some(("price".into(), "USD".into())),
            numbers: vec![("rating".into(), "stars".into())],
            noun: "products".into(),
            noun_facet: None,
        }
    }

    #[test]
    fn filters_become_terms_and_range_clauses() {
        let state = State {
            text: "chairs".into(),
            filters: vec![
                Filter::Facet { facet: "Color".into(), value: "black".into() },
                Filter::Price { min: Bound::Included(20.0), max: Bound::Excluded(100.0) },
                Filter::Facet { facet: "Color".into(), value: "white".into() },
                Filter::Number { name: "rating".into(), min: Bound::Excluded(4.0), max: Bound::Unbounded },
            ],
            sort: None,
        };
        assert_eq!(
            Value::Array(filter_clauses(&shop(), &state)),
            json!([
                { "terms": { "color": ["black", "white"] } },
                { "range": { "price": { "gte": 20.0, "lt": 100.0 } } },
                { "range": { "stars": { "gt": 4.0 } } },
            ])
        );
        let unknown = State { filters: vec![Filter::Facet { facet: "Size".into(), value: "M".into() }], ..State::default() };
        assert_eq!(filter_clauses(&shop(), &unknown), [json!({ "bool": { "must_not": { "match_all": {} } } })]);
    }

    #[test]
    fn sorts_and_aggregations() {
        assert_eq!(
            sort_clause(&shop(), Some(&Sort::Price { descending: true })),
            Some(json!([{ "price": { "order": "desc", "missing": "_last" } }, "_score"]))
        );
        let by_rating = Sort::Number { name: "rating".into(), descending: false };
        assert_eq!(sort_clause(&shop(), Some(&by_rating)).map(|s| s[0]["stars"]["order"].clone()), Some(json!("asc")));
        assert_eq!(sort_clause(&shop(), None), None);
        assert_eq!(sort_clause(&RemoteShop::default(), Some(&Sort::Price { descending: false })), None);
        assert_eq!(
            aggregations(&shop()),
            Some(json!({
                "Color": { "terms": { "field": "color", "size": 50 } },
                "Brand": { "terms": { "field": "brand.keyword", "size": 50 } },
            }))
        );
        assert_eq!(aggregations(&RemoteShop::default()), None);
    }

    #[test]
    fn reads_facet_counts_and_prices_back() {
        let root = json!({ "aggregations": {
            "Color": { "buckets": [{ "key": "black", "doc_count": 3 }, { "key": "white", "doc_count": 0 }] },
            "Brand": { "buckets": [{ "key": 7, "doc_count": 1 }] },
        } });
        let facets = parse_facets(&shop(), &root);
        assert_eq!(facets[0], FacetVocab { name: "Color".into(), values: vec![("black".into(), 3)] });
        assert_eq!(facets[1].values, [("7".to_string(), 1)]);
        assert!(parse_facets(&shop(), &json!({})).is_empty());
        assert_eq!(price_of(&shop(), &json!({ "price": 12.5 })), Some(12.5));
        assert_eq!(price_of(&shop(), &json!({ "price": " 9.99 " })), Some(9.99));
        assert_eq!(price_of(&shop(), &json!({ "price": "free" })), None);
        assert_eq!(price_of(&RemoteShop::default(), &json!({ "price": 1 })), None);
    }
}
