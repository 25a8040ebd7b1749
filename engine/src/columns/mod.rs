//! Facet and number columns: the shop side of a catalog (`facets`, `price` and `numbers` in
//! `hark.json`, see [`CatalogConfig`]), kept per document beside the text index so that filters,
//! sorts and facet counts never look at text.
//!
//! - A **facet** column is a dictionary of the facet's distinct values (sorted by their folded
//!   form, first spelling kept: "Black" and "black" are one value) and, per document, the ids of
//!   its values (compressed-sparse-row: `starts[doc]..starts[doc + 1]` into `ids`). A value may be
//!   a string, a number, or an array of those.
//! - A **number** column is one `f32` per document, NaN where the document has none. The price is
//!   the number column named `"price"`, with its currency. A value may be a JSON number or a
//!   string holding one (`"12.50"`, `"$12.50"`, `"1,299.00"`); anything else counts as missing
//!   and is reported as a [`CatalogWarning::NotANumber`].
//!
//! # Section format (inside the index, see `index`; integers little-endian)
//! ```text
//! n_facets u32, then per facet:
//!   name str · field str · n_values u32 · n_values × str · n_ids u32
//!   starts u32 × (n_docs + 1) · ids u32 × n_ids
//! n_numbers u32, then per number:
//!   name str · field str · currency str (empty: not a price) · values f32 × n_docs
//! str = u32 byte length + UTF-8
//! ```
//! Loading checks every length, that `starts` rises from 0 to `n_ids`, every id is below
//! `n_values`, values are unique and names are unique, so hostile bytes give an error, never a panic.

#[cfg(feature = "build")]
mod build;
#[cfg(feature = "build")]
pub use build::CatalogColumns;

use crate::index::IndexError;

/// The name of the price column.
pub const PRICE: &str = "price";

/// The folded form facet values are compared in (case and surrounding space ignored).
pub(crate) fn value_key(value: &str) -> String {
    value.trim().to_lowercase()
}

/// One facet column of a loaded index.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FacetColumn {
    pub(crate) name: String,
    pub(crate) field: String,
    /// Distinct values, sorted by [`value_key`].
    pub(crate) values: Vec<String>,
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl FacetColumn {
    /// The value ids of a document (empty past the end).
    pub(crate) fn ids_of(&self, doc: u32) -> &[u32] {
        let d = doc as usize;
        match (self.starts.get(d), self.starts.get(d + 1)) {
            (Some(&a), Some(&b)) => self.ids.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The id of a value, compared folded.
    pub(crate) fn id_of(&self, value: &str) -> Option<u32> {
        let key = value_key(value);
        self.values
            .binary_search_by(|v| value_key(v).cmp(&key))
            .ok()
            .map(|i| i as u32)
    }
}

/// One number column of a loaded index.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NumberColumn {
    pub(crate) name: String,
    pub(crate) field: String,
    /// ISO 4217 code for the price, empty for other numbers.
    pub(crate) currency: String,
    values: Vec<f32>,
}

impl NumberColumn {
    /// A document's value, `None` when it has none.
    #[inline]
    pub(crate) fn get(&self, doc: u32) -> Option<f32> {
        self.values
            .get(doc as usize)
            .copied()
            .filter(|v| !v.is_nan())
    }
}

/// The columns of a loaded index.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Columns {
    pub(crate) facets: Vec<FacetColumn>,
    pub(crate) numbers: Vec<NumberColumn>,
}

impl Columns {
    /// A facet by display name or by catalog field, compared without case.
    pub(crate) fn facet(&self, name: &str) -> Option<(usize, &FacetColumn)> {
        let key = value_key(name);
        self.facets
            .iter()
            .enumerate()
            .find(|(_, f)| value_key(&f.name) == key)
            .or_else(|| {
                self.facets
                    .iter()
                    .enumerate()
                    .find(|(_, f)| value_key(&f.field) == key)
            })
    }

    /// A number column by name (`"price"` for the price) or by catalog field.
    pub(crate) fn number(&self, name: &str) -> Option<&NumberColumn> {
        self.number_at(name).and_then(|i| self.numbers.get(i))
    }

    /// The position of [`Columns::number`]'s column.
    pub(crate) fn number_at(&self, name: &str) -> Option<usize> {
        let key = value_key(name);
        self.numbers
            .iter()
            .position(|n| value_key(&n.name) == key)
            .or_else(|| self.numbers.iter().position(|n| value_key(&n.field) == key))
    }

    /// Reads and validates the section written by [`CatalogColumns::encode`].
    pub(crate) fn decode(bytes: &[u8], n_docs: u32) -> Result<Columns, IndexError> {
        let mut r = Checked { buf: bytes, pos: 0 };
        let nd = n_docs as usize;
        let mut facets: Vec<FacetColumn> = Vec::new();
        let n_facets = r.u32()?;
        for _ in 0..n_facets {
            let name = r.str()?;
            let field = r.str()?;
            let n_values = r.u32()? as usize;
            let mut values: Vec<String> = Vec::with_capacity(n_values.min(r.remaining() / 4));
            for _ in 0..n_values {
                let v = r.str()?;
                if let Some(prev) = values.last() {
                    if value_key(prev) >= value_key(&v) {
                        return Err(bad(format!(
                            "facet \"{name}\": values out of order or repeated"
                        )));
                    }
                }
                values.push(v);
            }
            let n_ids = r.u32()? as usize;
            let starts = r.u32s(nd.checked_add(1).ok_or_else(|| bad("too many documents"))?)?;
            let mut prev = 0;
            for (i, &s) in starts.iter().enumerate() {
                if s < prev || (i == 0 && s != 0) || s as usize > n_ids {
                    return Err(bad(format!(
                        "facet \"{name}\": document offsets out of order"
                    )));
                }
                prev = s;
            }
            if prev as usize != n_ids {
                return Err(bad(format!(
                    "facet \"{name}\": offsets do not end the value ids"
                )));
            }
            let ids = r.u32s(n_ids)?;
            if ids.iter().any(|&id| id as usize >= values.len()) {
                return Err(bad(format!("facet \"{name}\": a value id is out of range")));
            }
            if facets.iter().any(|f| f.name == name) {
                return Err(bad(format!("facet \"{name}\" appears twice")));
            }
            facets.push(FacetColumn {
                name,
                field,
                values,
                starts,
                ids,
            });
        }
        let mut numbers: Vec<NumberColumn> = Vec::new();
        let n_numbers = r.u32()?;
        for _ in 0..n_numbers {
            let name = r.str()?;
            let field = r.str()?;
            let currency = r.str()?;
            let values = r
                .u32s(nd)?
                .into_iter()
                .map(f32::from_bits)
                .collect::<Vec<f32>>();
            if numbers.iter().any(|n| n.name == name) {
                return Err(bad(format!("number \"{name}\" appears twice")));
            }
            numbers.push(NumberColumn {
                name,
                field,
                currency,
                values,
            });
        }
        if r.remaining() != 0 {
            return Err(bad(format!(
                "{} unexpected bytes at the end",
                r.remaining()
            )));
        }
        Ok(Columns { facets, numbers })
    }
}

fn bad(reason: impl Into<String>) -> IndexError {
    IndexError::Corrupt {
        section: "columns",
        reason: reason.into(),
    }
}

/// A reader that checks every length against the bytes left.
struct Checked<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Checked<'_> {
    fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    fn take(&mut self, n: usize) -> Result<&[u8], IndexError> {
        let available = self.remaining();
        if n > available {
            return Err(IndexError::Truncated {
                section: "columns",
                needed: n,
                available,
            });
        }
        let start = self.pos;
        self.pos += n;
        Ok(self.buf.get(start..start + n).unwrap_or(&[]))
    }

    fn u32(&mut self) -> Result<u32, IndexError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u32s(&mut self, n: usize) -> Result<Vec<u32>, IndexError> {
        let bytes = n.checked_mul(4).ok_or_else(|| bad("length overflows"))?;
        let b = self.take(bytes)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    fn str(&mut self) -> Result<String, IndexError> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        std::str::from_utf8(b)
            .map(str::to_owned)
            .map_err(|_| bad("a name or value is not UTF-8"))
    }
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;
    use crate::catalog::{CatalogWarning, Location};
    use crate::config::CatalogConfig;
    use serde_json::{Map, Value};

    fn cfg() -> CatalogConfig {
        serde_json::from_str(
            r#"{"facets":{"Color":"color","Brand":"brand"},"price":{"field":"price","currency":"EUR"},
                "numbers":{"year":{"field":"year"}}}"#,
        )
        .unwrap()
    }

    fn columns(items: &[&str]) -> (CatalogColumns, Vec<CatalogWarning>) {
        let mut c = CatalogColumns::for_config(&cfg());
        let mut warnings = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let obj: Map<String, Value> = serde_json::from_str(item).unwrap();
            c.push(&obj, Location::Line(i + 1), &mut warnings).unwrap();
        }
        (c, warnings)
    }

    #[test]
    fn round_trip_sorts_values_and_merges_spellings() {
        let items = [
            r#"{"color":["Red","black"],"brand":"Acme","price":"$1,299.50","year":2020}"#,
            r#"{"color":"Black","price":12}"#,
            r#"{"brand":7,"price":"n/a"}"#,
        ];
        let (c, warnings) = columns(&items);
        assert_eq!(
            warnings,
            [CatalogWarning::NotANumber {
                location: Location::Line(3),
                field: "price".into()
            }]
        );
        let back = Columns::decode(&c.encode(3), 3).unwrap();
        let color = &back.facets[0];
        assert_eq!(color.values, ["black", "Red"]);
        assert_eq!(color.ids_of(0), [0, 1]);
        assert_eq!(color.ids_of(1), [0], "Black is the same value as black");
        assert_eq!(color.ids_of(2), [] as [u32; 0]);
        assert_eq!(color.ids_of(99), [] as [u32; 0]);
        assert_eq!(back.facets[1].values, ["7", "Acme"]);
        let price = back.number("PRICE").unwrap();
        assert_eq!(
            (price.get(0), price.get(1), price.get(2)),
            (Some(1299.5), Some(12.0), None)
        );
        assert_eq!(price.currency, "EUR");
        assert_eq!(back.number("year").unwrap().get(0), Some(2020.0));
        assert_eq!(back.facet("brand").map(|(i, _)| i), Some(1));
    }

    #[test]
    fn objects_as_facet_values_are_errors_naming_the_field() {
        let mut c = CatalogColumns::for_config(&cfg());
        let obj: Map<String, Value> = serde_json::from_str(r#"{"brand":{"name":"x"}}"#).unwrap();
        let e = c
            .push(&obj, Location::Line(4), &mut Vec::new())
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 4: field \"brand\" must be text, found an object"
        );
    }

    #[test]
    fn hostile_bytes_are_errors_not_panics() {
        let (c, _) = columns(&[r#"{"color":"red","price":3}"#, r#"{"color":"blue"}"#]);
        let good = c.encode(2);
        for cut in 0..good.len() {
            assert!(Columns::decode(&good[..cut], 2).is_err(), "cut at {cut}");
        }
        let mut rng = crate::bench_queries::Rng::new(7);
        for _ in 0..2000 {
            let mut v = good.clone();
            let i = rng.below(v.len());
            v[i] = rng.next_u64() as u8;
            let _ = Columns::decode(&v, 2);
        }
        assert!(Columns::decode(&good, 3).is_err(), "wrong document count");
        assert!(Columns::decode(&[0xFF; 8], 2).is_err());
    }
}
