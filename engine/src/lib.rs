//! hark-engine: Hark's search engine: forgiving full-text search in pure Rust, native and wasm32.
//!
//! A catalog (JSON array or JSON Lines, see [`parse_catalog`]) is indexed ahead of time
//! ([`Index::build`], or the `hark-engine index` command) into a compact, versioned, checksummed
//! binary ([`Index::to_bytes`]) that the page loads without re-indexing ([`Index::from_bytes`]).
//! Queries forgive what speech recognition and typing get wrong: spoken filler, typos,
//! sound-alike words, unfinished words, several recognizer alternatives ([`Query`]).
//!
//! ```
//! use hark_engine::{parse_catalog, CatalogConfig, Index, Query};
//!
//! let cfg = CatalogConfig::default();
//! let catalog = parse_catalog(br#"[
//!     {"id": "1", "title": "Espresso maker", "description": "a coffee maker that forces steam through coffee"},
//!     {"id": "2", "title": "Knight", "description": "a chessman shaped like a horse's head"}
//! ]"#, &cfg)?;
//! let bytes = Index::build(&catalog, &cfg).to_bytes();
//!
//! let index = Index::from_bytes(&bytes)?;
//! let hits = index.search(&Query::alternatives([("night", 0.6), ("knight", 0.3)]));
//! assert_eq!(index.doc(hits[0].doc).unwrap().id, "2");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//! - `unicode-normalization` (default): NFKD folding with Unicode tables. The browser app turns it
//!   off and passes a [`Folder`] that uses `String.prototype.normalize` (see [`analysis`]).
//! - `lang-all` (default) or `lang-en`, `lang-fr`, …: which Snowball stemmers are compiled in.
//! - `build` (default): [`parse_catalog`] and [`Index::build`]. Without it the crate only reads
//!   prebuilt indexes, as the browser page does (the indexing worker turns it on).
//! - `cli` (default): the `hark-engine` binary (`index`, `queries`, `eval`, `search`).

#![warn(missing_docs)]

pub mod analysis;
pub mod bench_queries;
#[cfg(feature = "build")]
mod catalog;
pub mod columns;
mod compound;
mod config;
pub mod filter;
mod fst_check;
mod homophone;
pub mod order;
mod index;
pub mod phrases;
mod search;
mod spoken_number;
#[cfg(feature = "lang-id")]
mod stem_id;

pub use analysis::{finish_fold, DefaultFolder, Folder, Language};
#[cfg(feature = "build")]
pub use catalog::{parse_catalog, Catalog, CatalogError, CatalogWarning, Document, Location, MAX_CATALOG_BYTES};
#[cfg(feature = "build")]
pub use columns::CatalogColumns;
pub use config::{
    CatalogConfig, ConfigError, FieldNames, Keys, KnownKeys, NumberField, PriceField, RankingWeights,
    HARK_JSON_KEYS, MAX_KEYWORD_FIELDS,
};
#[cfg(feature = "build")]
pub use config::parse_site_config;
pub use filter::{FacetCounts, Filter, NumberInfo, Sort};
pub use index::{DocView, Index, IndexError, SkippedLine, Source, FORMAT_VERSION, MAGIC};
pub use search::{det_ln, idf, Hit, Query};
