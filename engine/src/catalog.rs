//! Catalog parsing: a JSON array of objects, or JSON Lines (one object per line), autodetected.
//!
//! Field values are taken as plain text: HTML is never interpreted, only tokenised like any
//! other text, and returned verbatim. Numbers and booleans are coerced to their JSON spelling;
//! arrays of those are joined with ", "; objects and nested arrays are an error naming the field.

use crate::analysis::Language;
use crate::config::CatalogConfig;
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;

/// Largest catalog accepted, in bytes (1 GiB), and also the most text its documents may store
/// together. The index keeps text and postings offsets as u32: with at most 1 GiB of text
/// (postings take at most about three bytes per text byte) anything that parses also indexes.
pub const MAX_CATALOG_BYTES: usize = 1 << 30;
/// Numbers are stored as written by Rust's shortest round-trip formatting, which spells out
/// every digit (`1e300` is 301 characters); beyond this length the exponent form is used, so a
/// number's text is never much longer than its JSON.
const MAX_NUMBER_CHARS: usize = 24;

/// One catalog item, its roles already picked out of the JSON object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Identifier (the item's position when the catalog has none).
    pub id: String,
    /// Title, never empty.
    pub title: String,
    /// Description (may be empty).
    pub description: String,
    /// Category (may be empty).
    pub category: String,
    /// URL (may be empty).
    pub url: String,
    /// Extra searchable words, joined with ", " (may be empty).
    pub keywords: String,
}

/// A parsed catalog: its documents in file order, and what was odd but not fatal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    /// The documents, in file order (the order that breaks ranking ties).
    pub docs: Vec<Document>,
    /// Problems that did not stop parsing.
    pub warnings: Vec<CatalogWarning>,
    /// Facet and number values for the configured `facets`, `price` and `numbers`.
    pub columns: crate::columns::CatalogColumns,
    /// The bytes it was parsed from (length and CRC-32), recorded in its index; the caller may
    /// set the file name (`source.catalog`). The config fingerprint is filled in by the index.
    pub source: crate::index::Source,
}

/// Where in a catalog something is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A JSON Lines line (1-based).
    Line(usize),
    /// An item of a JSON array (0-based index) starting at a byte offset.
    Item {
        /// 0-based position in the array.
        index: usize,
        /// Byte offset of the item in the file.
        offset: usize,
    },
    /// A byte offset (with 1-based line and column) outside any item.
    Byte {
        /// Byte offset in the file.
        offset: usize,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(l) => write!(f, "line {l}"),
            Location::Item { index, offset } => write!(f, "item {index} (byte {offset})"),
            Location::Byte {
                offset,
                line,
                column,
            } => write!(f, "byte {offset} (line {line}, column {column})"),
        }
    }
}

/// Why a catalog could not be read. Every variant names where the problem is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// The file has no content.
    #[error("the catalog is empty")]
    Empty,
    /// The file, or the text its documents store, is larger than [`MAX_CATALOG_BYTES`].
    #[error("the catalog is too large for an index: {bytes} bytes of {what}, at most {max}")]
    TooLarge {
        /// `"file"` or `"stored text"`.
        what: &'static str,
        /// The size found (for stored text: as far as parsing got).
        bytes: usize,
        /// [`MAX_CATALOG_BYTES`].
        max: usize,
    },
    /// It starts with something that is neither `[` nor `{`.
    #[error("a catalog must be a JSON array or JSON Lines of objects, but it starts with '{found}' at byte {offset}")]
    NotACatalog {
        /// The first non-blank character.
        found: char,
        /// Its byte offset.
        offset: usize,
    },
    /// Invalid JSON.
    #[error("{location}: invalid JSON: {message}")]
    Json {
        /// Where.
        location: Location,
        /// The parser's message.
        message: String,
    },
    /// A line or array item is not an object.
    #[error("{location}: expected an object, found {found}")]
    NotAnObject {
        /// Where.
        location: Location,
        /// The JSON type found.
        found: &'static str,
    },
    /// An item without a (non-blank) title.
    #[error("{location}: the item{} has no title (field \"{field}\")", id.as_ref().map(|i| format!(" \"{i}\"")).unwrap_or_default())]
    MissingTitle {
        /// Where.
        location: Location,
        /// The configured title field.
        field: String,
        /// The item's id, when it has one.
        id: Option<String>,
    },
    /// Every line or item was bad and skipped: nothing is left to search.
    #[error("no item could be read: {count} skipped, the first one {first}")]
    NothingLeft {
        /// How many were skipped.
        count: usize,
        /// The first skipped one, as its warning says it ("line 1 skipped: no title …").
        first: String,
    },
    /// A field whose value cannot be read as text.
    #[error("{location}: field \"{field}\" must be text, found {found}")]
    InvalidField {
        /// Where.
        location: Location,
        /// The field name.
        field: String,
        /// The JSON type found.
        found: &'static str,
    },
}

/// Something odd about a catalog that did not stop it from loading.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogWarning {
    /// No stemmer for the configured language: the catalog is indexed without stemming.
    #[error("no stemmer for language \"{tag}\": searching without stemming")]
    UnsupportedLanguage {
        /// The configured tag.
        tag: String,
    },
    /// Two items share an id (both are kept).
    #[error("{location}: duplicate id \"{id}\"")]
    DuplicateId {
        /// Where the second one is.
        location: Location,
        /// The id.
        id: String,
    },
    /// A price or number field whose value is not a number (the item has none).
    #[error("{location}: field \"{field}\" is not a number: the item has no value for it")]
    NotANumber {
        /// Where.
        location: Location,
        /// The field name.
        field: String,
    },
    /// A bad line or item (invalid JSON, not an object, no title, a field that is not text) that
    /// was left out; the rest of the catalog loads. With `"strict": true` it is an error instead.
    #[error("{location} skipped: {reason}")]
    Skipped {
        /// Where.
        location: Location,
        /// Why, in a few words ("invalid JSON at column 179", "no title (field \"name\")").
        reason: String,
    },
}

impl CatalogWarning {
    /// `"line 57, invalid JSON at column 179"` for a skipped line or item (the status line lists
    /// these), `None` for other warnings.
    pub fn skipped(&self) -> Option<String> {
        self.skipped_line().map(|line| line.named())
    }

    /// The skipped line or item, where and why, for an index to record; `None` for other warnings.
    pub fn skipped_line(&self) -> Option<crate::SkippedLine> {
        match self {
            CatalogWarning::Skipped { location, reason } => {
                Some(crate::SkippedLine { location: location.to_string(), reason: reason.clone() })
            }
            _ => None,
        }
    }
}

/// What a skipped line's or item's warning says about `error`, which [`document`] or
/// [`object_at`] returned for it; `column` is the JSON parser's column within the line.
fn skip_reason(error: &CatalogError, column: Option<usize>) -> String {
    match error {
        CatalogError::Json { message, .. } => match column {
            Some(column) => format!("invalid JSON at column {column}"),
            None => format!("invalid JSON ({message})"),
        },
        CatalogError::NotAnObject { found, .. } => format!("expected an object, found {found}"),
        CatalogError::MissingTitle { field, id, .. } => match id {
            Some(id) => format!("the item \"{id}\" has no title (field \"{field}\")"),
            None => format!("the item has no title (field \"{field}\")"),
        },
        CatalogError::InvalidField { field, found, .. } => format!("field \"{field}\" must be text, found {found}"),
        other => other.to_string(),
    }
}

/// One catalog item: parsed JSON that must be an object; either failure names `location`.
fn object_at(
    parsed: Result<Value, serde_json::Error>,
    location: Location,
) -> Result<serde_json::Map<String, Value>, CatalogError> {
    match parsed {
        Ok(Value::Object(obj)) => Ok(obj),
        Ok(value) => Err(CatalogError::NotAnObject {
            location,
            found: type_name(&value),
        }),
        Err(e) => Err(CatalogError::Json {
            location,
            message: e.to_string(),
        }),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Parses a catalog (JSON array or JSON Lines, autodetected from the first non-blank byte; a
/// UTF-8 byte-order mark is skipped) into documents, using `cfg`'s field names.
///
/// ```
/// let cat = hark_engine::parse_catalog(
///     br#"{"id":"1","title":"Tuning fork","description":"<b>A</b> fork that rings"}
/// {"id":"2","title":"Cheddar","category":"cheese","tags":["hard","yellow"]}"#,
///     &Default::default(),
/// ).unwrap();
/// assert_eq!(cat.docs[1].keywords, "hard, yellow");
/// assert_eq!(cat.docs[0].description, "<b>A</b> fork that rings");
///
/// // A bad line is skipped with a warning; with `"strict": true` it is an error.
/// let bad = b"{\"title\":\"a\"}\n{\"id\":7}";
/// let cat = hark_engine::parse_catalog(bad, &Default::default()).unwrap();
/// assert_eq!(cat.docs.len(), 1);
/// assert_eq!(cat.warnings[0].to_string(), "line 2 skipped: the item \"7\" has no title (field \"title\")");
/// let strict = hark_engine::CatalogConfig { strict: true, ..Default::default() };
/// let err = hark_engine::parse_catalog(bad, &strict).unwrap_err();
/// assert_eq!(err.to_string(), "line 2: the item \"7\" has no title (field \"title\")");
/// ```
pub fn parse_catalog(bytes: &[u8], cfg: &CatalogConfig) -> Result<Catalog, CatalogError> {
    parse_within(bytes, cfg, MAX_CATALOG_BYTES)
}

/// [`parse_catalog`] with `max` in place of [`MAX_CATALOG_BYTES`] (so tests need not allocate
/// a gigabyte).
fn parse_within(bytes: &[u8], cfg: &CatalogConfig, max: usize) -> Result<Catalog, CatalogError> {
    if bytes.len() > max {
        return Err(CatalogError::TooLarge {
            what: "file",
            bytes: bytes.len(),
            max,
        });
    }
    let original = bytes;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(first) = first else {
        return Err(CatalogError::Empty);
    };
    let mut catalog = Catalog {
        columns: crate::columns::CatalogColumns::for_config(cfg),
        source: crate::index::Source {
            catalog_bytes: original.len() as u64,
            catalog_crc: crate::index::crc32(original),
            ..Default::default()
        },
        ..Catalog::default()
    };
    if Language::from_tag(&cfg.language).is_none() {
        catalog.warnings.push(CatalogWarning::UnsupportedLanguage {
            tag: cfg.language.clone(),
        });
    }
    let mut seen = HashSet::new();
    let mut text_bytes = 0usize;
    let mut add =
        |catalog: &mut Catalog, obj: &Map<String, Value>, location: Location, ordinal: usize| {
            let doc = match document(obj, cfg, location, ordinal) {
                Ok(doc) => doc,
                Err(error) => return skip(catalog, cfg, error, None),
            };
            // Numbers and joined arrays can store more text than their JSON takes.
            text_bytes += [
                &doc.id,
                &doc.title,
                &doc.description,
                &doc.category,
                &doc.url,
                &doc.keywords,
            ]
            .iter()
            .map(|s| s.len())
            .sum::<usize>();
            if text_bytes > max {
                return Err(CatalogError::TooLarge {
                    what: "stored text",
                    bytes: text_bytes,
                    max,
                });
            }
            catalog.columns.push(obj, location, &mut catalog.warnings)?;
            if !seen.insert(doc.id.clone()) {
                catalog.warnings.push(CatalogWarning::DuplicateId {
                    location,
                    id: doc.id.clone(),
                });
            }
            catalog.docs.push(doc);
            Ok(())
        };
    match bytes[first] {
        b'[' => {
            let items = parse_array(bytes)?;
            for (index, raw) in items.iter().enumerate() {
                let offset = (raw.get().as_ptr() as usize).wrapping_sub(bytes.as_ptr() as usize);
                let location = Location::Item { index, offset };
                match object_at(serde_json::from_str(raw.get()), location) {
                    Ok(obj) => add(&mut catalog, &obj, location, index)?,
                    Err(error) => skip(&mut catalog, cfg, error, None)?,
                }
            }
        }
        b'{' => {
            for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
                if line.iter().all(|b| b.is_ascii_whitespace()) {
                    continue;
                }
                let location = Location::Line(i + 1);
                let parsed = serde_json::from_slice(line);
                let column = parsed.as_ref().err().map(serde_json::Error::column);
                match object_at(parsed, location) {
                    Ok(obj) => {
                        let ordinal = catalog.docs.len();
                        add(&mut catalog, &obj, location, ordinal)?;
                    }
                    Err(error) => skip(&mut catalog, cfg, error, column)?,
                }
            }
        }
        _ => {
            let found = String::from_utf8_lossy(&bytes[first..bytes.len().min(first + 4)])
                .chars()
                .next()
                .unwrap_or('?');
            return Err(CatalogError::NotACatalog {
                found,
                offset: first,
            });
        }
    }
    let mut skipped = catalog.warnings.iter().filter(|w| w.skipped().is_some());
    if let (true, Some(first)) = (catalog.docs.is_empty(), skipped.next()) {
        return Err(CatalogError::NothingLeft {
            count: 1 + skipped.count(),
            first: first.to_string(),
        });
    }
    catalog.source.record_skipped(&catalog.warnings);
    Ok(catalog)
}

/// Leaves a bad line or item out with a [`CatalogWarning::Skipped`], or with `"strict": true`
/// fails with `error`.
fn skip(
    catalog: &mut Catalog,
    cfg: &CatalogConfig,
    error: CatalogError,
    column: Option<usize>,
) -> Result<(), CatalogError> {
    let location = match &error {
        CatalogError::Json { location, .. }
        | CatalogError::NotAnObject { location, .. }
        | CatalogError::MissingTitle { location, .. }
        | CatalogError::InvalidField { location, .. } => *location,
        _ => return Err(error),
    };
    if cfg.strict {
        return Err(error);
    }
    let reason = skip_reason(&error, column);
    catalog.warnings.push(CatalogWarning::Skipped { location, reason });
    Ok(())
}

/// Splits a JSON array into raw items, reporting the failing item's index on a syntax error.
fn parse_array(bytes: &[u8]) -> Result<Vec<&RawValue>, CatalogError> {
    struct Items<'c> {
        count: &'c Cell<usize>,
        done: &'c Cell<bool>,
    }
    impl<'de> Visitor<'de> for Items<'_> {
        type Value = Vec<&'de RawValue>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array of objects")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element::<&RawValue>()? {
                out.push(item);
                self.count.set(out.len());
            }
            self.done.set(true);
            Ok(out)
        }
    }
    let (count, done) = (Cell::new(0), Cell::new(false));
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result = de
        .deserialize_seq(Items {
            count: &count,
            done: &done,
        })
        .and_then(|items| de.end().map(|()| items));
    result.map_err(|e| {
        let offset = byte_offset(bytes, e.line(), e.column());
        // Inside the array the failing item is named; after it (trailing garbage), the position.
        let location = if done.get() {
            Location::Byte {
                offset,
                line: e.line(),
                column: e.column(),
            }
        } else {
            Location::Item {
                index: count.get(),
                offset,
            }
        };
        CatalogError::Json {
            location,
            message: e.to_string(),
        }
    })
}

/// Converts serde_json's 1-based line and column (in bytes) to a byte offset.
fn byte_offset(bytes: &[u8], line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match bytes[offset..].iter().position(|&b| b == b'\n') {
            Some(p) => offset += p + 1,
            None => return bytes.len(),
        }
    }
    (offset + column.saturating_sub(1)).min(bytes.len())
}

fn text(
    obj: &Map<String, Value>,
    field: &str,
    location: Location,
) -> Result<Option<String>, CatalogError> {
    let invalid = |found: &'static str| CatalogError::InvalidField {
        location,
        field: field.to_owned(),
        found,
    };
    let scalar = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            // Integers print as written; other numbers through core's float formatting (not
            // serde_json's, whose tables would add to the wasm).
            Value::Number(n) => Some(match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => i.to_string(),
                (_, Some(u)) => u.to_string(),
                _ => {
                    let f = n.as_f64().unwrap_or(0.0);
                    let plain = format!("{f}");
                    if plain.len() <= MAX_NUMBER_CHARS {
                        plain
                    } else {
                        format!("{f:e}")
                    }
                }
            }),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    };
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => {
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::Null => {}
                    Value::Array(_) => return Err(invalid("an array containing an array")),
                    Value::Object(_) => return Err(invalid("an array containing an object")),
                    v => parts.extend(scalar(v)),
                }
            }
            Ok(Some(parts.join(", ")))
        }
        Some(v) => scalar(v).map(Some).ok_or_else(|| invalid(type_name(v))),
    }
}

fn document(
    obj: &Map<String, Value>,
    cfg: &CatalogConfig,
    location: Location,
    ordinal: usize,
) -> Result<Document, CatalogError> {
    let f = &cfg.fields;
    let id = text(obj, &f.id, location)?;
    let title = text(obj, &f.title, location)?;
    let title = match title {
        Some(t) if !t.trim().is_empty() => t,
        _ => {
            return Err(CatalogError::MissingTitle {
                location,
                field: f.title.clone(),
                id,
            })
        }
    };
    let mut keywords = Vec::new();
    for k in &f.keywords {
        if let Some(v) = text(obj, k, location)? {
            if !v.is_empty() {
                keywords.push(v);
            }
        }
    }
    Ok(Document {
        id: id.unwrap_or_else(|| ordinal.to_string()),
        title,
        description: text(obj, &f.description, location)?.unwrap_or_default(),
        category: text(obj, &f.category, location)?.unwrap_or_default(),
        url: text(obj, &f.url, location)?.unwrap_or_default(),
        keywords: keywords.join(", "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Catalog, CatalogError> {
        parse_catalog(s.as_bytes(), &CatalogConfig::default())
    }

    /// `"strict": true`: the first bad line or item is an error.
    fn strict(s: &str) -> Result<Catalog, CatalogError> {
        let cfg = CatalogConfig {
            strict: true,
            ..CatalogConfig::default()
        };
        parse_catalog(s.as_bytes(), &cfg)
    }

    #[test]
    fn bad_lines_and_items_are_skipped_and_named() {
        let mut lines: Vec<String> = (1..=200).map(|i| format!("{{\"id\":\"{i}\",\"title\":\"item {i}\"}}")).collect();
        lines[56] = r#"{"id":"57","title":"item 57","description":"a quote " inside"}"#.into();
        let c = parse(&lines.join("\n")).unwrap();
        assert_eq!(c.docs.len(), 199);
        assert!(c.docs.iter().all(|d| d.id != "57"));
        let skipped: Vec<String> = c.warnings.iter().filter_map(CatalogWarning::skipped).collect();
        assert_eq!(skipped, ["line 57, invalid JSON at column 55"]);
        assert_eq!(
            c.warnings[0].to_string(),
            "line 57 skipped: invalid JSON at column 55"
        );

        let c = parse("{\"title\":\"ok\"}\n[1]\n{\"id\":\"x\"}\n{\"title\":{\"en\":\"b\"}}").unwrap();
        assert_eq!(c.docs.len(), 1);
        let skipped: Vec<String> = c.warnings.iter().filter_map(CatalogWarning::skipped).collect();
        assert_eq!(
            skipped,
            [
                "line 2, expected an object, found an array",
                "line 3, the item \"x\" has no title (field \"title\")",
                "line 4, field \"title\" must be text, found an object",
            ]
        );
        let c = parse(r#"[{"title":"a"}, {"id":"x","title":"  "}, 3]"#).unwrap();
        assert_eq!(c.docs.len(), 1);
        assert_eq!(c.warnings.len(), 2);
        assert_eq!(
            c.warnings[1].skipped().as_deref(),
            Some("item 2 (byte 41), expected an object, found a number")
        );
        // Invalid JSON inside an array cannot be resynchronised: still an error.
        assert!(parse("[{\"title\":\"a\"},\n {\"title\": nope}]").is_err());
    }

    #[test]
    fn json_array_and_jsonl_give_the_same_documents() {
        let a =
            parse(r#"[{"id":"a","title":"One"},{"id":"b","title":"Two","url":"/two"}]"#).unwrap();
        let b = parse("{\"id\":\"a\",\"title\":\"One\"}\r\n\n{\"id\":\"b\",\"title\":\"Two\",\"url\":\"/two\"}\n").unwrap();
        assert_eq!((&a.docs, &a.warnings, &a.columns), (&b.docs, &b.warnings, &b.columns));
        assert_ne!(a.source, b.source, "the source records the bytes, which differ");
        assert_eq!(a.docs.len(), 2);
        assert_eq!(a.docs[1].url, "/two");
        assert!(parse("\u{feff}[]").unwrap().docs.is_empty());
    }

    #[test]
    fn coercion_of_non_strings() {
        let c = parse(r#"[{"id":42,"title":1984,"description":true,"tags":["a",2,null,false]}]"#)
            .unwrap();
        let d = &c.docs[0];
        assert_eq!(
            (d.id.as_str(), d.title.as_str(), d.description.as_str()),
            ("42", "1984", "true")
        );
        assert_eq!(d.keywords, "a, 2, false");
    }

    #[test]
    fn huge_numbers_stay_short_and_huge_files_are_refused() {
        let c = parse(r#"{"title":1e300,"description":1.5,"tags":[-2.5e-300,123456789012345678901234567890]}"#).unwrap();
        let d = &c.docs[0];
        assert_eq!((d.title.as_str(), d.description.as_str()), ("1e300", "1.5"));
        assert_eq!(d.keywords, "-2.5e-300, 1.2345678901234568e29");
        let cfg = CatalogConfig::default();
        let huge = vec![b' '; 101];
        assert_eq!(
            parse_within(&huge, &cfg, 100).unwrap_err(),
            CatalogError::TooLarge {
                what: "file",
                bytes: 101,
                max: 100
            }
        );
        // 9e23 is 4 bytes of JSON and 24 of text: the stored text is what is limited.
        let numbers = format!("[{{\"title\":[{}]}}]", vec!["9e23"; 8].join(","));
        let doc = &parse(&numbers).unwrap().docs[0];
        let stored = doc.id.len() + doc.title.len();
        assert!(
            numbers.len() < 60 && stored > 200,
            "{} {stored}",
            numbers.len()
        );
        assert_eq!(
            parse_within(numbers.as_bytes(), &cfg, stored - 1).unwrap_err(),
            CatalogError::TooLarge {
                what: "stored text",
                bytes: stored,
                max: stored - 1
            }
        );
        assert!(parse_within(numbers.as_bytes(), &cfg, stored).is_ok());
    }

    #[test]
    fn errors_name_the_place_and_field() {
        assert_eq!(strict("  \n").unwrap_err(), CatalogError::Empty);
        assert!(matches!(
            strict("nope").unwrap_err(),
            CatalogError::NotACatalog {
                found: 'n',
                offset: 0
            }
        ));
        let e = strict("{\"title\":\"ok\"}\n{\"title\": }\n").unwrap_err();
        assert!(
            matches!(
                e,
                CatalogError::Json {
                    location: Location::Line(2),
                    ..
                }
            ),
            "{e}"
        );
        let e = strict("{\"title\":\"ok\"}\n[1]\n").unwrap_err();
        assert_eq!(e.to_string(), "line 2: expected an object, found an array");
        let e = strict(r#"[{"title":"a"}, {"id":"x","title":"  "}]"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "item 1 (byte 16): the item \"x\" has no title (field \"title\")"
        );
        let e = strict(r#"[{"title":"a"}, {"title":{"en":"b"}}]"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "item 1 (byte 16): field \"title\" must be text, found an object"
        );
        let e = strict(r#"[{"title":"a","tags":[[1]]}]"#).unwrap_err();
        assert!(
            e.to_string()
                .contains("field \"tags\" must be text, found an array containing an array"),
            "{e}"
        );
        let e = strict("[{\"title\":\"a\"},\n {\"title\": nope}]").unwrap_err();
        assert!(
            matches!(
                e,
                CatalogError::Json {
                    location: Location::Item { index: 1, .. },
                    ..
                }
            ),
            "{e}"
        );
        let e = strict("[{\"title\":\"a\"}] trailing").unwrap_err();
        assert!(matches!(e, CatalogError::Json { .. }), "{e}");
        let e = strict("[{\"title\":\"a\"}").unwrap_err();
        assert!(matches!(e, CatalogError::Json { .. }), "{e}");
        let e = strict("[1]").unwrap_err();
        assert_eq!(
            e.to_string(),
            "item 0 (byte 1): expected an object, found a number"
        );
    }

    #[test]
    fn custom_field_names_and_warnings() {
        let cfg: CatalogConfig = serde_json::from_str(
            r#"{"fields":{"id":"sku","title":"name","description":"blurb","keywords":"syn"},"language":"tlh"}"#,
        )
        .unwrap();
        let c = parse_catalog(
            br#"[{"sku":"1","name":"A","blurb":"d","syn":"x"},{"sku":"1","name":"B"}]"#,
            &cfg,
        )
        .unwrap();
        assert_eq!(c.docs[0].description, "d");
        assert_eq!(c.docs[0].keywords, "x");
        assert_eq!(
            c.warnings,
            [
                CatalogWarning::UnsupportedLanguage { tag: "tlh".into() },
                CatalogWarning::DuplicateId {
                    location: Location::Item {
                        index: 1,
                        offset: 46
                    },
                    id: "1".into()
                }
            ]
        );
    }

    #[test]
    fn html_is_kept_verbatim() {
        let c = parse(r#"{"title":"<img src=x onerror=alert(1)>"}"#).unwrap();
        assert_eq!(c.docs[0].title, "<img src=x onerror=alert(1)>");
        assert_eq!(c.docs[0].id, "0");
    }
}
