//! Gathering column values while a catalog is parsed, and writing the section (feature `build`).

use super::{value_key, PRICE};
use crate::catalog::{CatalogError, CatalogWarning, Location};
use crate::config::CatalogConfig;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Column values gathered while a catalog is parsed (part of [`crate::Catalog`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CatalogColumns {
    facets: Vec<FacetBuild>,
    numbers: Vec<NumberBuild>,
}

#[derive(Debug, Clone, PartialEq)]
struct FacetBuild {
    name: String,
    field: String,
    values: Vec<String>,
    lookup: HashMap<String, u32>,
    starts: Vec<u32>,
    ids: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq)]
struct NumberBuild {
    name: String,
    field: String,
    currency: String,
    values: Vec<f32>,
}

impl CatalogColumns {
    /// Empty columns for the facets, price and numbers `cfg` declares.
    pub(crate) fn for_config(cfg: &CatalogConfig) -> CatalogColumns {
        let facets = cfg
            .facets
            .iter()
            .map(|(name, field)| FacetBuild {
                name: name.clone(),
                field: field.clone(),
                values: Vec::new(),
                lookup: HashMap::new(),
                starts: vec![0],
                ids: Vec::new(),
            })
            .collect();
        let price = cfg.price.iter().map(|p| NumberBuild {
            name: PRICE.into(),
            field: p.field.clone(),
            currency: p.currency.clone(),
            values: Vec::new(),
        });
        let others = cfg.numbers.iter().map(|(name, n)| NumberBuild {
            name: name.clone(),
            field: n.field.clone(),
            currency: String::new(),
            values: Vec::new(),
        });
        CatalogColumns {
            facets,
            numbers: price.chain(others).collect(),
        }
    }

    /// Whether any column is configured.
    pub fn is_empty(&self) -> bool {
        self.facets.is_empty() && self.numbers.is_empty()
    }

    /// Adds one item's values; a facet value that is an object (or an array holding one) is an
    /// error naming the field; a number that cannot be read is missing, with a warning.
    pub(crate) fn push(
        &mut self,
        obj: &Map<String, Value>,
        location: Location,
        warnings: &mut Vec<CatalogWarning>,
    ) -> Result<(), CatalogError> {
        for f in &mut self.facets {
            let mut add = |text: String| {
                let key = value_key(&text);
                if key.is_empty() {
                    return;
                }
                let next = f.values.len() as u32;
                let id = *f.lookup.entry(key).or_insert_with(|| {
                    f.values.push(text.trim().to_owned());
                    next
                });
                let start = f.starts.last().copied().unwrap_or(0) as usize;
                if !f.ids.get(start..).is_some_and(|mine| mine.contains(&id)) {
                    f.ids.push(id);
                }
            };
            let invalid = |found: &'static str| CatalogError::InvalidField {
                location,
                field: f.field.clone(),
                found,
            };
            match obj.get(&f.field) {
                None | Some(Value::Null) => {}
                Some(Value::Array(items)) => {
                    for item in items {
                        match scalar_text(item) {
                            Some(t) => add(t),
                            None if item.is_null() => {}
                            None => return Err(invalid("an array holding an array or object")),
                        }
                    }
                }
                Some(v) => match scalar_text(v) {
                    Some(t) => add(t),
                    None => return Err(invalid("an object")),
                },
            }
            f.starts.push(f.ids.len() as u32);
        }
        for n in &mut self.numbers {
            let value = match obj.get(&n.field) {
                None | Some(Value::Null) => f32::NAN,
                Some(v) => match number(v) {
                    Some(x) => x as f32,
                    None => {
                        warnings.push(CatalogWarning::NotANumber {
                            location,
                            field: n.field.clone(),
                        });
                        f32::NAN
                    }
                },
            };
            n.values.push(value);
        }
        Ok(())
    }

    /// The section bytes for `n_docs` documents (values sorted, ids remapped to that order).
    pub(crate) fn encode(&self, n_docs: usize) -> Vec<u8> {
        let mut out = Vec::new();
        put_u32(&mut out, self.facets.len() as u32);
        for f in &self.facets {
            put_str(&mut out, &f.name);
            put_str(&mut out, &f.field);
            let mut order: Vec<u32> = (0..f.values.len() as u32).collect();
            order.sort_by_cached_key(|&i| value_key(&f.values[i as usize]));
            let mut new_id = vec![0u32; f.values.len()];
            for (new, &old) in order.iter().enumerate() {
                new_id[old as usize] = new as u32;
            }
            put_u32(&mut out, f.values.len() as u32);
            for &old in &order {
                put_str(&mut out, &f.values[old as usize]);
            }
            put_u32(&mut out, f.ids.len() as u32);
            for d in 0..=n_docs {
                put_u32(
                    &mut out,
                    f.starts.get(d).or(f.starts.last()).copied().unwrap_or(0),
                );
            }
            for d in 0..n_docs {
                let (a, b) = (f.starts.get(d), f.starts.get(d + 1));
                let mut mine: Vec<u32> = match (a, b) {
                    (Some(&a), Some(&b)) => f.ids[a as usize..b as usize]
                        .iter()
                        .map(|&old| new_id[old as usize])
                        .collect(),
                    _ => Vec::new(),
                };
                mine.sort_unstable();
                for id in mine {
                    put_u32(&mut out, id);
                }
            }
        }
        put_u32(&mut out, self.numbers.len() as u32);
        for n in &self.numbers {
            put_str(&mut out, &n.name);
            put_str(&mut out, &n.field);
            put_str(&mut out, &n.currency);
            for d in 0..n_docs {
                let v = n.values.get(d).copied().unwrap_or(f32::NAN);
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A JSON number, or a string holding one with an optional currency sign and thousands commas.
fn number(v: &Value) -> Option<f64> {
    let x = match v {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => {
            let s = s.trim().trim_start_matches(['$', '€', '£', '¥']).trim();
            s.replace(',', "").parse::<f64>().ok()?
        }
        _ => return None,
    };
    x.is_finite().then_some(x)
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}
