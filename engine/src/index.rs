//! The inverted index: building it, its binary format, and loading it without re-indexing.
//!
//! # Format (version [`FORMAT_VERSION`], all integers little-endian)
//!
//! ```text
//! magic "HARKIDX\0" · version u32
//! n_docs u32 · n_terms u32 · max_results u32 · language tag (u8 length + UTF-8)
//! ranking weights 11 × f32 · average field lengths 4 × f32
//! 12 sections, each u32 byte length + bytes:
//!   vocab      FST map  folded word → term id (ids in byte order of the words)
//!   stems      FST map  "stem\0word" → term id
//!   phonetic   FST map  "double-metaphone-code\0word" → term id
//!   offsets    u32 × (n_terms + 1)  start of each term's postings
//!   df         u32 × n_terms        documents containing the term
//!   postings   per term, per document in order: varint doc delta, a byte whose bits 0–3 say
//!              which fields (title, description, category, keywords) hold the word and bit 4
//!              that every count is 1; otherwise one varint count per field present
//!   docs       u32 × (n_docs × 6 + 1) offsets of id, title, description, category, url, keywords
//!   text       UTF-8 arena holding those strings
//!   lengths    u8 × n_docs × 4      words per searchable field (saturating at 255)
//!   columns    facet and number columns (version 2; see `columns`)
//!   source     what it was built from (version 3; [`Source`]): the catalog's name (u16 length +
//!              UTF-8), byte length u64 and CRC-32, and the config's fingerprint u32
//!   phrases    the recognizer phrases chosen at build time (version 4; `phrases::stored`)
//! CRC-32 (IEEE) of everything before it
//! ```
//!
//! Loading checks magic, version and checksum, then the shape of every section (lengths,
//! monotonic offsets, UTF-8 on char boundaries), and keeps the bytes as they are: the index in
//! memory *is* the file, with the FSTs read in place, so loading is a checksum and a scan.
//! The checksum guards against accidental corruption. An index crafted to pass it is still
//! bounds-checked everywhere, and its FSTs are validated node by node before the `fst` crate
//! reads them (`fst_check`), so no index that loads can make a search panic or loop.

#[cfg(feature = "build")]
use crate::analysis;
use crate::analysis::{DefaultFolder, Folder, Language, SharedFolder};
#[cfg(feature = "build")]
use crate::catalog::Catalog;
#[cfg(feature = "build")]
use crate::config::CatalogConfig;
use crate::config::RankingWeights;
#[cfg(feature = "build")]
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// The binary index format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 4;
/// The first bytes of every index.
pub const MAGIC: &[u8; 8] = b"HARKIDX\0";
/// Searchable fields, in posting order.
pub(crate) const FIELDS: usize = 4;
/// Stored strings per document.
const STORED: usize = 6;

/// Why index bytes could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    /// The bytes do not start with [`MAGIC`].
    #[error("not a Hark index (the file does not start with the HARKIDX magic bytes)")]
    BadMagic,
    /// Written by a different format version.
    #[error("index format version {found} is not supported (this build reads version {expected}): rebuild the index")]
    UnsupportedVersion {
        /// The version in the file.
        found: u32,
        /// [`FORMAT_VERSION`].
        expected: u32,
    },
    /// Written by an older Hark: before facet and number columns (version 1), before the
    /// catalog and config it was built from were recorded (version 2), or before the recognizer
    /// phrases were stored (version 3).
    #[error("this index was built by an older Hark (index format {found}, this build reads {expected}): rebuild it with `hark-engine index CATALOG -o INDEX --config hark.json` (or `cargo xtask catalog`)")]
    OldVersion {
        /// The version in the file.
        found: u32,
        /// [`FORMAT_VERSION`].
        expected: u32,
    },
    /// The file ends early.
    #[error("the index is truncated: {section} needs {needed} bytes but only {available} remain")]
    Truncated {
        /// The part being read.
        section: &'static str,
        /// Bytes needed.
        needed: usize,
        /// Bytes left.
        available: usize,
    },
    /// The checksum does not match the content.
    #[error(
        "the index is corrupt: checksum {computed:#010x} does not match the stored {stored:#010x}"
    )]
    ChecksumMismatch {
        /// The checksum in the file.
        stored: u32,
        /// The checksum of the content.
        computed: u32,
    },
    /// A section is inconsistent.
    #[error("the index is corrupt: {section}: {reason}")]
    Corrupt {
        /// The section.
        section: &'static str,
        /// What is wrong.
        reason: String,
    },
}

/// A shared slice of the index bytes (what the FSTs read from).
#[derive(Clone)]
pub(crate) struct Bytes {
    buf: Arc<Vec<u8>>,
    range: Range<usize>,
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        self.buf.get(self.range.clone()).unwrap_or(&[])
    }
}

/// A searchable, serialisable index of a catalog. See the crate docs for an example.
pub struct Index {
    pub(crate) buf: Arc<Vec<u8>>,
    pub(crate) vocab: fst::Map<Bytes>,
    pub(crate) stems: fst::Map<Bytes>,
    pub(crate) phonetic: fst::Map<Bytes>,
    pub(crate) offsets: Range<usize>,
    pub(crate) df: Range<usize>,
    pub(crate) postings: Range<usize>,
    pub(crate) docs: Range<usize>,
    pub(crate) text: Range<usize>,
    pub(crate) lengths: Range<usize>,
    pub(crate) n_docs: u32,
    pub(crate) n_terms: u32,
    pub(crate) avg_len: [f32; FIELDS],
    pub(crate) ranking: RankingWeights,
    pub(crate) max_results: usize,
    pub(crate) language_tag: String,
    pub(crate) language: Language,
    pub(crate) stemmer: Option<crate::analysis::Stemmer>,
    pub(crate) folder: SharedFolder,
    /// Facet and number columns (filters, sorts, facet counts; see `columns`).
    pub(crate) columns: crate::columns::Columns,
    /// What the index was built from.
    pub(crate) source: Source,
    /// The recognizer phrases chosen when it was built (see `phrases`).
    pub(crate) phrases: Vec<crate::phrases::Phrase>,
    /// Search accumulators kept between searches (see `search`).
    pub(crate) scratch: std::sync::Mutex<Option<crate::search::Scratch>>,
}

impl fmt::Debug for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Index")
            .field("docs", &self.n_docs)
            .field("terms", &self.n_terms)
            .field("bytes", &self.buf.len())
            .field("language", &self.language_tag)
            .field("ranking", &self.ranking)
            .finish_non_exhaustive()
    }
}

/// One document's stored fields, borrowed from the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocView<'a> {
    /// Identifier.
    pub id: &'a str,
    /// Title (as in the catalog, never interpreted).
    pub title: &'a str,
    /// Description.
    pub description: &'a str,
    /// Category.
    pub category: &'a str,
    /// URL.
    pub url: &'a str,
    /// Extra searchable words (aliases, tags), joined with ", ".
    pub keywords: &'a str,
}

#[cfg(feature = "build")]
fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(feature = "build")]
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint; `None` when the bytes end or it overflows u32.
#[inline]
pub(crate) fn get_varint(data: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    let mut shift = 0;
    loop {
        let b = *data.get(*pos)?;
        *pos += 1;
        if shift == 28 && b > 0x0F {
            return None;
        }
        v |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
    }
}

/// Per-term data while building.
#[cfg(feature = "build")]
struct TermAcc {
    last_doc: u32,
    df: u32,
    postings: Vec<u8>,
}

impl Index {
    #[cfg(feature = "build")]
    /// Builds an index of `catalog` with `cfg`'s language, ranking weights and result count,
    /// folding text with the built-in [`DefaultFolder`].
    pub fn build(catalog: &Catalog, cfg: &CatalogConfig) -> Index {
        Self::build_with_folder(catalog, cfg, DefaultFolder)
    }

    #[cfg(feature = "build")]
    /// [`Index::build`] with a custom folder (e.g. the browser's normaliser when a catalog is
    /// indexed in the page). The folder is kept for queries.
    pub fn build_with_folder(
        catalog: &Catalog,
        cfg: &CatalogConfig,
        folder: impl Folder + 'static,
    ) -> Index {
        let folder: SharedFolder = Arc::new(folder);
        let bytes = build_bytes(catalog, cfg, &*folder);
        let mut index = match Index::from_vec(bytes) {
            Ok(index) => index,
            // The bytes were written just above by the same code that reads them.
            Err(e) => unreachable!("freshly built index does not load: {e}"),
        };
        index.folder = folder;
        index
    }

    /// Loads an index from bytes written by [`Index::to_bytes`] (copies them once).
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, IndexError> {
        Index::from_vec(bytes.to_vec())
    }

    /// Loads an index, taking ownership of the bytes (no copy).
    pub fn from_vec(bytes: Vec<u8>) -> Result<Index, IndexError> {
        load(Arc::new(bytes))
    }

    /// Loads an index that this build has just written, as the page does with its indexing worker's answer: like
    /// [`Index::from_vec`], every section's shape is checked, but not the checksum nor every FST node, which on a
    /// large index are most of the loading time and only guard against damaged or crafted files.
    pub fn from_built_vec(bytes: Vec<u8>) -> Result<Index, IndexError> {
        load_checked(Arc::new(bytes), Trust::JustBuilt)
    }

    /// What the index was built from (format 3).
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The catalog's most distinctive titles and words for a recognizer's contextual biasing, best first, at
    /// most [`MAX_PHRASES`](crate::phrases::MAX_PHRASES): chosen when the index was built (by the rule in
    /// [`phrases`](crate::phrases)) and stored in it (format 4), so a page reads them at any catalog size without choosing them.
    pub fn phrases(&self) -> &[crate::phrases::Phrase] {
        &self.phrases
    }

    /// The index as bytes, to store and load later with [`Index::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        self.buf.as_ref().clone()
    }

    /// The serialised bytes, borrowed.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.n_docs as usize
    }

    /// Whether the index has no documents.
    pub fn is_empty(&self) -> bool {
        self.n_docs == 0
    }

    /// Number of distinct words in the vocabulary.
    pub fn vocabulary_len(&self) -> usize {
        self.n_terms as usize
    }

    /// The stored fields of document `i` (catalog order), or `None` past the end.
    pub fn doc(&self, i: u32) -> Option<DocView<'_>> {
        if i >= self.n_docs {
            return None;
        }
        let text = self.buf.get(self.text.clone())?;
        let base = i as usize * STORED;
        let mut f = [""; STORED];
        for (k, slot) in f.iter_mut().enumerate() {
            let a = self.u32_at(&self.docs, base + k) as usize;
            let b = self.u32_at(&self.docs, base + k + 1) as usize;
            // Validated at load, so this only re-checks a short slice (no unsafe needed).
            *slot = text
                .get(a..b)
                .and_then(|s| std::str::from_utf8(s).ok())
                .unwrap_or("");
        }
        Some(DocView {
            id: f[0],
            title: f[1],
            description: f[2],
            category: f[3],
            url: f[4],
            keywords: f[5],
        })
    }

    /// All documents in catalog order.
    pub fn docs(&self) -> impl Iterator<Item = DocView<'_>> + '_ {
        (0..self.n_docs).filter_map(move |i| self.doc(i))
    }

    /// The language tag the index was built with (as configured, e.g. `"en-US"`).
    pub fn language(&self) -> &str {
        &self.language_tag
    }

    /// The ranking weights in use.
    pub fn ranking(&self) -> &RankingWeights {
        &self.ranking
    }

    /// Replaces the ranking weights (clamped) for later searches; no rebuild needed. Not saved
    /// by [`Index::to_bytes`], which keeps the weights the index was built with.
    pub fn set_ranking(&mut self, ranking: RankingWeights) {
        self.ranking = ranking.clamped();
    }

    /// Results returned when a query sets no limit.
    pub fn max_results(&self) -> usize {
        self.max_results
    }

    /// Sets the default result count (clamped to 1..=1000).
    pub fn set_max_results(&mut self, n: usize) {
        self.max_results = n.clamp(1, 1000);
    }

    /// Folds query text with `folder` from now on (see [`Folder`]; for builds without the
    /// `unicode-normalization` feature). It must fold like the folder the index was built with.
    pub fn set_folder(&mut self, folder: impl Folder + 'static) {
        self.folder = Arc::new(folder);
    }

    /// The number of documents containing the vocabulary word `term` (already folded).
    pub fn document_frequency(&self, term: &str) -> u32 {
        self.vocab.get(term).map_or(0, |id| self.df_of(id as u32))
    }

    #[inline]
    pub(crate) fn u32_at(&self, section: &Range<usize>, i: usize) -> u32 {
        let o = section.start + i * 4;
        match self.buf.get(o..o + 4) {
            Some(b) if o + 4 <= section.end => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            _ => 0,
        }
    }

    pub(crate) fn df_of(&self, term: u32) -> u32 {
        self.u32_at(&self.df, term as usize)
    }

    /// The postings bytes of a term.
    pub(crate) fn postings_of(&self, term: u32) -> &[u8] {
        let a = self.u32_at(&self.offsets, term as usize) as usize;
        let b = self.u32_at(&self.offsets, term as usize + 1) as usize;
        let p = &self.postings;
        self.buf.get(p.start + a..p.start + b).unwrap_or(&[])
    }

    /// Field lengths of a document.
    #[inline]
    pub(crate) fn lengths_of(&self, doc: u32) -> [u8; FIELDS] {
        let o = self.lengths.start + doc as usize * FIELDS;
        match self.buf.get(o..o + FIELDS) {
            Some(l) => [l[0], l[1], l[2], l[3]],
            None => [1; FIELDS],
        }
    }
}

/// Writes the index bytes for a catalog.
#[cfg(feature = "build")]
fn build_bytes(catalog: &Catalog, cfg: &CatalogConfig, folder: &dyn Folder) -> Vec<u8> {
    let language = Language::from_tag(&cfg.language).unwrap_or(Language::Unstemmed);
    let ranking = cfg.ranking.clamped();
    let n_docs = catalog.docs.len();

    let mut term_ids: HashMap<String, u32> = HashMap::new();
    let mut terms: Vec<TermAcc> = Vec::new();
    let mut lengths: Vec<u8> = Vec::with_capacity(n_docs * FIELDS);
    let mut len_sums = [0u64; FIELDS];
    let mut doc_terms: Vec<(u32, usize)> = Vec::new();
    let mut word = String::new();

    for (doc, d) in catalog.docs.iter().enumerate() {
        doc_terms.clear();
        let fields = [&d.title, &d.description, &d.category, &d.keywords];
        for (f, text) in fields.iter().enumerate() {
            let mut len = 0u32;
            for r in analysis::word_ranges(text) {
                word.clear();
                analysis::fold_word(folder, &text[r], &mut word);
                if word.is_empty() || (f != 0 && analysis::is_stop_word(language, &word)) {
                    continue;
                }
                len += 1;
                let id = match term_ids.get(word.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = terms.len() as u32;
                        term_ids.insert(word.clone(), id);
                        terms.push(TermAcc {
                            last_doc: 0,
                            df: 0,
                            postings: Vec::new(),
                        });
                        id
                    }
                };
                doc_terms.push((id, f));
            }
            let len = len.min(255) as u8;
            lengths.push(len);
            len_sums[f] += u64::from(len);
        }
        doc_terms.sort_unstable();
        let mut i = 0;
        while i < doc_terms.len() {
            let id = doc_terms[i].0;
            let mut tf = [0u32; FIELDS];
            while i < doc_terms.len() && doc_terms[i].0 == id {
                tf[doc_terms[i].1] += 1;
                i += 1;
            }
            let acc = &mut terms[id as usize];
            put_varint(&mut acc.postings, doc as u32 - acc.last_doc);
            acc.last_doc = doc as u32;
            acc.df += 1;
            let mask = tf
                .iter()
                .enumerate()
                .fold(0u8, |m, (f, &t)| if t > 0 { m | 1 << f } else { m });
            let ones = tf.iter().all(|&t| t <= 1);
            acc.postings.push(mask | if ones { 0x10 } else { 0 });
            if !ones {
                for &t in tf.iter().filter(|&&t| t > 0) {
                    put_varint(&mut acc.postings, t);
                }
            }
        }
    }

    // Vocabulary in byte order: term ids follow it.
    let mut sorted: Vec<(&str, u32)> = term_ids.iter().map(|(w, &id)| (w.as_str(), id)).collect();
    sorted.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let map_fst = |keys: &mut Vec<(Vec<u8>, u64)>| -> Vec<u8> {
        keys.sort_unstable();
        keys.dedup_by(|a, b| a.0 == b.0);
        let mut b = fst::MapBuilder::memory();
        for (k, v) in keys.iter() {
            // Keys are sorted and unique, so insertion cannot fail.
            let _ = b.insert(k, *v);
        }
        b.into_inner().unwrap_or_default()
    };
    let mut vocab_keys = Vec::with_capacity(sorted.len());
    let mut stem_keys = Vec::new();
    let mut phon_keys = Vec::new();
    let stemmer = language.stemmer();
    for (new_id, (w, _)) in sorted.iter().enumerate() {
        let new_id = new_id as u64;
        vocab_keys.push((w.as_bytes().to_vec(), new_id));
        if let Some(s) = &stemmer {
            let stem = s.stem(w);
            let mut k = Vec::with_capacity(stem.len() + 1 + w.len());
            k.extend_from_slice(stem.as_bytes());
            k.push(0);
            k.extend_from_slice(w.as_bytes());
            stem_keys.push((k, new_id));
        }
        for code in analysis::phonetic_codes(w) {
            let mut k = Vec::with_capacity(code.len() + 1 + w.len());
            k.extend_from_slice(code.as_bytes());
            k.push(0);
            k.extend_from_slice(w.as_bytes());
            phon_keys.push((k, new_id));
        }
    }
    let vocab = map_fst(&mut vocab_keys);
    let phrases = build_phrases(catalog, language, folder, &term_ids, &terms);
    let stems = map_fst(&mut stem_keys);
    let phon = map_fst(&mut phon_keys);

    let mut offsets = Vec::with_capacity((sorted.len() + 1) * 4);
    let mut dfs = Vec::with_capacity(sorted.len() * 4);
    let mut postings = Vec::new();
    for (_, old) in &sorted {
        let acc = &terms[*old as usize];
        put_u32(&mut offsets, postings.len() as u32);
        put_u32(&mut dfs, acc.df);
        postings.extend_from_slice(&acc.postings);
    }
    put_u32(&mut offsets, postings.len() as u32);

    let mut text = String::new();
    let mut docs = Vec::with_capacity((n_docs * STORED + 1) * 4);
    for d in &catalog.docs {
        for s in [
            &d.id,
            &d.title,
            &d.description,
            &d.category,
            &d.url,
            &d.keywords,
        ] {
            put_u32(&mut docs, text.len() as u32);
            text.push_str(s);
        }
    }
    put_u32(&mut docs, text.len() as u32);

    let mut out = Vec::with_capacity(
        64 + vocab.len()
            + stems.len()
            + phon.len()
            + postings.len()
            + text.len()
            + docs.len()
            + offsets.len() * 2
            + lengths.len(),
    );
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, FORMAT_VERSION);
    put_u32(&mut out, n_docs as u32);
    put_u32(&mut out, sorted.len() as u32);
    put_u32(&mut out, cfg.max_results.clamp(1, 1000) as u32);
    let tag = truncate_str(&cfg.language, 255);
    out.push(tag.len() as u8);
    out.extend_from_slice(tag.as_bytes());
    let r = ranking;
    for v in [
        r.title,
        r.description,
        r.category,
        r.keywords,
        r.k1,
        r.b,
        r.stem,
        r.prefix,
        r.typo,
        r.phonetic,
        r.title_match,
    ] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for s in len_sums {
        let avg = if n_docs == 0 {
            1.0
        } else {
            (s as f64 / n_docs as f64) as f32
        };
        out.extend_from_slice(&avg.max(1.0e-3).to_le_bytes());
    }
    for section in [
        &vocab,
        &stems,
        &phon,
        &offsets,
        &dfs,
        &postings,
        &docs,
        text.as_bytes(),
        &lengths,
        &catalog.columns.encode(n_docs),
        &Source { config: cfg.fingerprint(), ..catalog.source.clone() }.encode(),
        &phrases,
    ] {
        put_u32(&mut out, section.len() as u32);
        out.extend_from_slice(section);
    }
    let crc = crc32(&out);
    put_u32(&mut out, crc);
    out
}

/// The recognizer phrases of the index being built (the rule in `phrases`, with the built document frequencies).
#[cfg(feature = "build")]
fn build_phrases(
    catalog: &Catalog,
    language: Language,
    folder: &dyn Folder,
    term_ids: &HashMap<String, u32>,
    terms: &[TermAcc],
) -> Vec<u8> {
    let corpus = crate::phrases::Corpus {
        titles: catalog.docs.iter().map(|d| d.title.as_str()),
        n_docs: catalog.docs.len(),
        df: |word: &str| term_ids.get(word).and_then(|&id| terms.get(id as usize)).map_or(0, |acc| acc.df),
        language,
        folder,
    };
    crate::phrases::stored::encode(&crate::phrases::choose(corpus, crate::phrases::MAX_PHRASES))
}

/// CRC-32 (IEEE, as zlib and `crc32fast`), slicing by 8 with tables built on first use: the
/// 8 KB of tables cost nothing in the wasm download, unlike a crate's static tables.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    static TABLES: std::sync::OnceLock<Box<[[u32; 256]; 8]>> = std::sync::OnceLock::new();
    let t = TABLES.get_or_init(|| {
        let mut t = Box::new([[0u32; 256]; 8]);
        for i in 0..256u32 {
            let mut c = i;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            t[0][i as usize] = c;
        }
        for i in 0..256 {
            for k in 1..8 {
                let prev = t[k - 1][i];
                t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            }
        }
        t
    });
    let mut crc = !0u32;
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let lo = crc ^ u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        let hi = u32::from_le_bytes([c[4], c[5], c[6], c[7]]);
        crc = t[7][(lo & 0xFF) as usize]
            ^ t[6][((lo >> 8) & 0xFF) as usize]
            ^ t[5][((lo >> 16) & 0xFF) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][(hi & 0xFF) as usize]
            ^ t[2][((hi >> 8) & 0xFF) as usize]
            ^ t[1][((hi >> 16) & 0xFF) as usize]
            ^ t[0][(hi >> 24) as usize];
    }
    for &b in chunks.remainder() {
        crc = t[0][((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

#[cfg(feature = "build")]
fn truncate_str(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A bounds-checked reader over the index bytes.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize, section: &'static str) -> Result<Range<usize>, IndexError> {
        let available = self.buf.len() - self.pos;
        if n > available {
            return Err(IndexError::Truncated {
                section,
                needed: n,
                available,
            });
        }
        let r = self.pos..self.pos + n;
        self.pos += n;
        Ok(r)
    }
    fn u16(&mut self, section: &'static str) -> Result<usize, IndexError> {
        let r = self.take(2, section)?;
        Ok(usize::from(u16::from_le_bytes([self.buf[r.start], self.buf[r.start + 1]])))
    }
    fn u32(&mut self, section: &'static str) -> Result<u32, IndexError> {
        let r = self.take(4, section)?;
        let b = &self.buf[r];
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self, section: &'static str) -> Result<f32, IndexError> {
        Ok(f32::from_bits(self.u32(section)?))
    }
    fn section(&mut self, section: &'static str) -> Result<Range<usize>, IndexError> {
        let n = self.u32(section)? as usize;
        self.take(n, section)
    }
}

fn corrupt(section: &'static str, reason: impl Into<String>) -> IndexError {
    IndexError::Corrupt {
        section,
        reason: reason.into(),
    }
}

/// Checks that a u32 array is non-decreasing and ends at `end`.
fn check_offsets(
    buf: &[u8],
    r: &Range<usize>,
    end: usize,
    section: &'static str,
) -> Result<(), IndexError> {
    let mut prev = 0u32;
    for (i, c) in buf[r.clone()].chunks_exact(4).enumerate() {
        let v = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        if v < prev || v as usize > end || (i == 0 && v != 0) {
            return Err(corrupt(
                section,
                format!("offset {i} ({v}) out of order or out of range"),
            ));
        }
        prev = v;
    }
    if prev as usize != end {
        return Err(corrupt(
            section,
            format!("last offset {prev} does not end the data ({end} bytes)"),
        ));
    }
    Ok(())
}

fn load(buf: Arc<Vec<u8>>) -> Result<Index, IndexError> {
    load_checked(buf, Trust::File)
}

/// Where index bytes come from, which decides what loading verifies.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Trust {
    /// A file: everything is verified (checksum included).
    File,
    /// Bytes this build wrote a moment ago (the indexing worker's answer): the checksum and the FST node walk
    /// are skipped, since they guard against damaged and crafted files; the other structural checks still run.
    JustBuilt,
}

fn load_checked(buf: Arc<Vec<u8>>, trust: Trust) -> Result<Index, IndexError> {
    let b: &[u8] = &buf;
    if b.len() < 12 {
        if !MAGIC.starts_with(&b[..b.len().min(8)]) {
            return Err(IndexError::BadMagic);
        }
        return Err(IndexError::Truncated {
            section: "header",
            needed: 12,
            available: b.len(),
        });
    }
    if &b[..8] != MAGIC {
        return Err(IndexError::BadMagic);
    }
    let version = u32::from_le_bytes([b[8], b[9], b[10], b[11]]);
    if version < FORMAT_VERSION && version > 0 {
        return Err(IndexError::OldVersion {
            found: version,
            expected: FORMAT_VERSION,
        });
    }
    if version != FORMAT_VERSION {
        return Err(IndexError::UnsupportedVersion {
            found: version,
            expected: FORMAT_VERSION,
        });
    }
    if b.len() < 16 {
        return Err(IndexError::Truncated {
            section: "checksum",
            needed: 16,
            available: b.len(),
        });
    }
    let body = &b[..b.len() - 4];
    let t = &b[b.len() - 4..];
    let stored = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
    if trust == Trust::File {
        let computed = crc32(body);
        if stored != computed {
            return Err(IndexError::ChecksumMismatch { stored, computed });
        }
    }
    let mut r = Reader { buf: body, pos: 12 };
    let n_docs = r.u32("header")?;
    let n_terms = r.u32("header")?;
    let max_results = (r.u32("header")? as usize).clamp(1, 1000);
    let tag_len = body.get(r.pos).copied().ok_or(IndexError::Truncated {
        section: "header",
        needed: 1,
        available: 0,
    })?;
    r.pos += 1;
    let tag = r.take(tag_len as usize, "header")?;
    let language_tag = std::str::from_utf8(&body[tag])
        .map_err(|_| corrupt("header", "language tag is not UTF-8"))?
        .to_owned();
    let mut w = [0f32; 11];
    for v in &mut w {
        *v = r.f32("header")?;
    }
    let ranking = RankingWeights {
        title: w[0],
        description: w[1],
        category: w[2],
        keywords: w[3],
        k1: w[4],
        b: w[5],
        stem: w[6],
        prefix: w[7],
        typo: w[8],
        phonetic: w[9],
        title_match: w[10],
    }
    .clamped();
    let mut avg_len = [0f32; FIELDS];
    for v in &mut avg_len {
        let a = r.f32("header")?;
        *v = if a.is_finite() && a > 0.0 { a } else { 1.0 };
    }
    let vocab = r.section("vocabulary")?;
    let stems = r.section("stems")?;
    let phonetic = r.section("phonetic codes")?;
    let offsets = r.section("posting offsets")?;
    let df = r.section("document frequencies")?;
    let postings = r.section("postings")?;
    let docs = r.section("document offsets")?;
    let text = r.section("document text")?;
    let lengths = r.section("field lengths")?;
    let columns = r.section("columns")?;
    let source = r.section("source")?;
    let phrases = r.section("phrases")?;
    if r.pos != body.len() {
        return Err(corrupt(
            "trailer",
            format!(
                "{} unexpected bytes before the checksum",
                body.len() - r.pos
            ),
        ));
    }

    let (nd, nt) = (n_docs as usize, n_terms as usize);
    let expect = |range: &Range<usize>, n: Option<usize>, section: &'static str| match n {
        Some(n) if range.len() == n => Ok(()),
        _ => Err(corrupt(
            section,
            format!(
                "{} bytes do not fit {} documents and {} words",
                range.len(),
                nd,
                nt
            ),
        )),
    };
    expect(
        &offsets,
        nt.checked_add(1).and_then(|n| n.checked_mul(4)),
        "posting offsets",
    )?;
    expect(&df, nt.checked_mul(4), "document frequencies")?;
    expect(
        &docs,
        nd.checked_mul(STORED)
            .and_then(|n| n.checked_add(1))
            .and_then(|n| n.checked_mul(4)),
        "document offsets",
    )?;
    expect(&lengths, nd.checked_mul(FIELDS), "field lengths")?;
    check_offsets(body, &offsets, postings.len(), "posting offsets")?;
    check_offsets(body, &docs, text.len(), "document offsets")?;
    let text_str = std::str::from_utf8(&body[text.clone()]).map_err(|e| {
        corrupt(
            "document text",
            format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        )
    })?;
    for c in body[docs.clone()].chunks_exact(4) {
        let o = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize;
        if !text_str.is_char_boundary(o) {
            return Err(corrupt(
                "document offsets",
                format!("offset {o} splits a character"),
            ));
        }
    }
    for c in body[df.clone()].chunks_exact(4) {
        if u32::from_le_bytes([c[0], c[1], c[2], c[3]]) > n_docs {
            return Err(corrupt(
                "document frequencies",
                "a frequency exceeds the document count",
            ));
        }
    }

    // Every node is checked before `fst` may read it (see `fst_check`): values are term ids, and
    // each word has one vocabulary entry, at most one stem and at most two phonetic codes. Bytes this
    // build just wrote cannot be crafted, so they skip the walk.
    let (nt64, n_keys) = (u64::from(n_terms), [1, 1, 2]);
    let sections = [(&vocab, "vocabulary"), (&stems, "stems"), (&phonetic, "phonetic codes")];
    for ((range, section), per_term) in sections.into_iter().zip(n_keys).filter(|_| trust == Trust::File) {
        crate::fst_check::validate(&body[range.clone()], nt64, nt64 * per_term)
            .map_err(|reason| corrupt(section, reason))?;
    }
    let map = |range: Range<usize>, section: &'static str| {
        fst::Map::new(Bytes {
            buf: buf.clone(),
            range,
        })
        .map_err(|e| corrupt(section, e.to_string()))
    };
    let vocab = map(vocab, "vocabulary")?;
    if vocab.len() != nt {
        return Err(corrupt(
            "vocabulary",
            format!("{} words where the header says {}", vocab.len(), nt),
        ));
    }
    let columns = crate::columns::Columns::decode(&body[columns], n_docs)?;
    let source = Source::decode(&body[source])?;
    let phrases = crate::phrases::stored::decode(&body[phrases])?;
    let stems = map(stems, "stems")?;
    let phonetic = map(phonetic, "phonetic codes")?;
    let language = Language::from_tag(&language_tag).unwrap_or(Language::Unstemmed);
    Ok(Index {
        vocab,
        stems,
        phonetic,
        offsets,
        df,
        postings,
        docs,
        text,
        lengths,
        n_docs,
        n_terms,
        avg_len,
        ranking,
        max_results,
        stemmer: language.stemmer(),
        language,
        language_tag,
        folder: Arc::new(DefaultFolder),
        columns,
        source,
        phrases,
        scratch: std::sync::Mutex::new(None),
        buf,
    })
}

/// What an index was built from, recorded in it (format 3) so a page can tell an index that no
/// longer matches its site: the catalog's file name, byte length and CRC-32, and the fingerprint
/// of the engine's config ([`CatalogConfig::fingerprint`](crate::CatalogConfig::fingerprint)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// The catalog's file name as the builder was given it (`"products.jsonl"`); may be empty.
    pub catalog: String,
    /// The catalog's length in bytes.
    pub catalog_bytes: u64,
    /// CRC-32 (IEEE) of the catalog's bytes.
    pub catalog_crc: u32,
    /// The config's fingerprint.
    pub config: u32,
    /// The catalog's skipped lines or items: the first [`Source::MAX_SKIPPED_NAMED`], each part
    /// at most [`Source::MAX_SKIPPED_CHARS`] bytes, so a page using the index can say what was left
    /// out, as a page that indexes the catalog itself does.
    pub skipped: Vec<SkippedLine>,
    /// How many lines or items were skipped in all (may exceed `skipped.len()`).
    pub skipped_total: u32,
}

/// A catalog line or item left out of the index, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkippedLine {
    /// Where: `"line 57"`, `"item 3 (byte 120)"`.
    pub location: String,
    /// Why, in a few words: `"invalid JSON at column 179"`.
    pub reason: String,
}

impl SkippedLine {
    /// `"line 57, invalid JSON at column 179"`, as the status line lists it
    /// ([`CatalogWarning::skipped`](crate::CatalogWarning::skipped)).
    pub fn named(&self) -> String {
        format!("{}, {}", self.location, self.reason)
    }

    /// `"line 57 skipped: invalid JSON at column 179"`, the catalog's warning for it.
    pub fn warning(&self) -> String {
        format!("{} skipped: {}", self.location, self.reason)
    }
}

impl Source {
    /// How many skipped lines an index names (the rest are counted).
    pub const MAX_SKIPPED_NAMED: usize = 100;
    /// The longest location or reason of a skipped line kept, in bytes.
    pub const MAX_SKIPPED_CHARS: usize = 300;

    /// Note the skipped lines or items among a catalog's `warnings`.
    #[cfg(feature = "build")]
    pub fn record_skipped(&mut self, warnings: &[crate::CatalogWarning]) {
        let (mut named, mut total) = (Vec::new(), 0u32);
        for line in warnings.iter().filter_map(crate::CatalogWarning::skipped_line) {
            total = total.saturating_add(1);
            if named.len() < Self::MAX_SKIPPED_NAMED {
                let part = |text: &str| truncate_str(text, Self::MAX_SKIPPED_CHARS).to_owned();
                named.push(SkippedLine { location: part(&line.location), reason: part(&line.reason) });
            }
        }
        (self.skipped, self.skipped_total) = (named, total);
    }

    #[cfg(feature = "build")]
    fn encode(&self) -> Vec<u8> {
        let name = truncate_str(&self.catalog, u16::MAX as usize);
        let mut out = Vec::with_capacity(24 + name.len());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&self.catalog_bytes.to_le_bytes());
        put_u32(&mut out, self.catalog_crc);
        put_u32(&mut out, self.config);
        put_u32(&mut out, self.skipped_total);
        let named = &self.skipped[..self.skipped.len().min(Self::MAX_SKIPPED_NAMED)];
        out.extend_from_slice(&(named.len() as u16).to_le_bytes());
        for part in named.iter().flat_map(|line| [&line.location, &line.reason]) {
            let part = truncate_str(part, Self::MAX_SKIPPED_CHARS);
            out.extend_from_slice(&(part.len() as u16).to_le_bytes());
            out.extend_from_slice(part.as_bytes());
        }
        out
    }

    fn decode(b: &[u8]) -> Result<Source, IndexError> {
        let bad = || corrupt("source", "the catalog and config record is malformed");
        let mut r = Reader { buf: b, pos: 0 };
        let text = |r: &mut Reader, max: usize| {
            let len = r.u16("source")?;
            if len > max {
                return Err(bad());
            }
            let range = r.take(len, "source")?;
            std::str::from_utf8(&b[range]).map(str::to_owned).map_err(|_| bad())
        };
        let catalog = text(&mut r, usize::from(u16::MAX))?;
        let catalog_bytes = u64::from(r.u32("source")?) | u64::from(r.u32("source")?) << 32;
        let (catalog_crc, config, skipped_total) = (r.u32("source")?, r.u32("source")?, r.u32("source")?);
        let count = r.u16("source")?;
        if count > Self::MAX_SKIPPED_NAMED || count as u64 > u64::from(skipped_total) {
            return Err(bad());
        }
        let mut skipped = Vec::with_capacity(count);
        for _ in 0..count {
            let location = text(&mut r, Self::MAX_SKIPPED_CHARS)?;
            skipped.push(SkippedLine { location, reason: text(&mut r, Self::MAX_SKIPPED_CHARS)? });
        }
        if r.pos != b.len() {
            return Err(bad());
        }
        Ok(Source { catalog, catalog_bytes, catalog_crc, config, skipped, skipped_total })
    }

    /// Whether an index built from this source fits a site whose catalog is at `catalog_url` and
    /// whose engine config has fingerprint `config`: the same config, and the same catalog file
    /// name (the last part of the URL, when both are known). `Err` says what differs.
    pub fn matches(&self, catalog_url: Option<&str>, config: u32) -> Result<(), String> {
        if self.config != config {
            return Err("it was built with other field names, weights or language than hark.json has now".into());
        }
        let name = |url: &str| url.rsplit(['/', '\\']).next().unwrap_or(url).split(['?', '#']).next().unwrap_or_default().to_string();
        match catalog_url.map(name) {
            Some(wanted) if !self.catalog.is_empty() && !wanted.is_empty() && wanted != name(&self.catalog) => {
                Err(format!("it was built from {} and hark.json names {wanted}", name(&self.catalog)))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::parse_catalog;

    #[test]
    fn the_index_names_the_catalogs_skipped_lines_and_counts_the_rest() {
        let mut lines = vec!["{\"title\":\"Tuning fork\"}".to_string(), "{not json".to_string()];
        lines.extend((0..150).map(|i| format!("{{\"id\":\"{i}\"}}")));
        let cfg = CatalogConfig::default();
        let catalog = parse_catalog(lines.join("\n").as_bytes(), &cfg).unwrap();
        let index = Index::from_vec(Index::build(&catalog, &cfg).to_bytes()).unwrap();
        let source = index.source();
        assert_eq!(source.skipped_total, 151);
        assert_eq!(source.skipped.len(), Source::MAX_SKIPPED_NAMED);
        assert_eq!(source.skipped[0].named(), "line 2, invalid JSON at column 2");
        assert_eq!(source.skipped[0].warning(), "line 2 skipped: invalid JSON at column 2");
        assert_eq!(source.skipped[1].named(), "line 3, the item \"0\" has no title (field \"title\")");
        let warnings: Vec<String> = catalog.warnings.iter().filter_map(|w| w.skipped()).take(100).collect();
        assert_eq!(source.skipped.iter().map(SkippedLine::named).collect::<Vec<_>>(), warnings, "as the catalog names them");

        let clean = parse_catalog(b"{\"title\":\"Lamp\"}", &cfg).unwrap();
        let index = Index::from_vec(Index::build(&clean, &cfg).to_bytes()).unwrap();
        assert_eq!((index.source().skipped_total, index.source().skipped.len()), (0, 0));
    }

    #[test]
    fn a_source_record_that_names_more_than_it_may_or_runs_past_its_end_is_refused() {
        let line = SkippedLine { location: "line 2".into(), reason: "x".into() };
        let mut source = Source { catalog: "p.jsonl".into(), skipped: vec![line], skipped_total: 1, ..Source::default() };
        let good = source.encode();
        assert_eq!(Source::decode(&good).unwrap(), source);
        for cut in 0..good.len() {
            assert!(Source::decode(&good[..cut]).is_err(), "cut at {cut}");
        }
        let mut trailing = good.clone();
        trailing.push(0);
        assert!(Source::decode(&trailing).is_err());
        source.skipped_total = 0;
        assert!(Source::decode(&source.encode()).is_err(), "names more lines than it counts");
        source.skipped = vec![SkippedLine { location: "line 9".into(), reason: "x".repeat(Source::MAX_SKIPPED_CHARS + 50) }];
        source.skipped_total = 1;
        assert_eq!(Source::decode(&source.encode()).unwrap().skipped[0].reason.len(), Source::MAX_SKIPPED_CHARS);
    }

    #[test]
    fn the_index_records_its_catalog_and_config() {
        let bytes = b"{\"title\":\"Tuning fork\"}\n";
        let cfg = CatalogConfig::default();
        let mut catalog = parse_catalog(bytes, &cfg).unwrap();
        catalog.source.catalog = "products.jsonl".into();
        let index = Index::from_vec(Index::build(&catalog, &cfg).to_bytes()).unwrap();
        let source = index.source();
        assert_eq!(source.catalog, "products.jsonl");
        assert_eq!(source.catalog_bytes, bytes.len() as u64);
        assert_eq!(source.catalog_crc, crc32(bytes));
        assert_eq!(source.config, cfg.fingerprint());
        assert_eq!(source.matches(Some("data/products.jsonl?v=2"), cfg.fingerprint()), Ok(()));
        assert_eq!(source.matches(None, cfg.fingerprint()), Ok(()));
        let other = source.matches(Some("shop.jsonl"), cfg.fingerprint()).unwrap_err();
        assert_eq!(other, "it was built from products.jsonl and hark.json names shop.jsonl");
        let renamed: CatalogConfig = serde_json::from_str(r#"{"fields": {"title": "name"}}"#).unwrap();
        assert_ne!(renamed.fingerprint(), cfg.fingerprint());
        assert!(source.matches(Some("products.jsonl"), renamed.fingerprint()).is_err());
        let page_only: CatalogConfig = serde_json::from_str(r#"{"noun": "products", "max_results": 3}"#).unwrap();
        assert_eq!(page_only.fingerprint(), cfg.fingerprint(), "keys that do not shape the index do not count");
    }

    fn small() -> Index {
        let cat = parse_catalog(
            r#"[{"id":"a","title":"Tuning fork","description":"A fork that rings at a pitch"},
                 {"id":"b","title":"Café crème","description":"Coffee with cream","category":"drinks","url":"/b"}]"#
                .as_bytes(),
            &CatalogConfig::default(),
        )
        .unwrap();
        Index::build(&cat, &CatalogConfig::default())
    }

    #[test]
    fn crc32_is_the_ieee_one() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn varints_round_trip() {
        let mut v = Vec::new();
        for n in [0, 1, 127, 128, 300, u32::MAX] {
            put_varint(&mut v, n);
        }
        let mut pos = 0;
        for n in [0, 1, 127, 128, 300, u32::MAX] {
            assert_eq!(get_varint(&v, &mut pos), Some(n));
        }
        assert_eq!(get_varint(&v, &mut pos), None);
        assert_eq!(
            get_varint(&[0xFF, 0xFF, 0xFF, 0xFF, 0x7F], &mut 0),
            None,
            "overflow"
        );
    }

    #[test]
    fn stored_fields_round_trip() {
        let idx = small();
        let back = Index::from_bytes(&idx.to_bytes()).unwrap();
        assert_eq!(back.len(), 2);
        let d = back.doc(1).unwrap();
        assert_eq!(
            (d.id, d.title, d.category, d.url),
            ("b", "Café crème", "drinks", "/b")
        );
        assert_eq!(back.doc(2), None);
        assert_eq!(back.document_frequency("creme"), 1);
        assert_eq!(
            back.document_frequency("a"),
            0,
            "stop words are not indexed outside titles"
        );
        assert_eq!(idx.to_bytes(), back.to_bytes());
    }

    /// The index bytes with the `phrases` section (the last one) replaced by `section`, re-sealed.
    fn with_phrases_section(index: &Index, section: &[u8]) -> Vec<u8> {
        let bytes = index.to_bytes();
        let old = crate::phrases::stored::encode(index.phrases()).len();
        let mut v = bytes[..bytes.len() - 4 - old - 4].to_vec();
        v.extend_from_slice(&(section.len() as u32).to_le_bytes());
        v.extend_from_slice(section);
        let crc = crc32(&v);
        v.extend_from_slice(&crc.to_le_bytes());
        v
    }

    #[test]
    fn the_phrases_chosen_at_build_survive_a_round_trip() {
        let idx = small();
        assert!(!idx.phrases().is_empty());
        let back = Index::from_bytes(&idx.to_bytes()).unwrap();
        assert_eq!(back.phrases(), idx.phrases());
        // Chosen while building, with the build's document frequencies: the same as choosing them from the index.
        assert_eq!(back.phrases(), crate::phrases::distinctive_phrases(&back, crate::phrases::MAX_PHRASES));
        let texts: Vec<&str> = back.phrases().iter().map(|p| p.text.as_str()).collect();
        assert!(texts.contains(&"Tuning fork") && texts.contains(&"Café crème"), "{texts:?}");
        let crafted = with_phrases_section(&idx, &crate::phrases::stored::encode(&idx.phrases()[..1]));
        assert_eq!(Index::from_vec(crafted).unwrap().phrases(), &idx.phrases()[..1]);
    }

    #[test]
    fn an_index_from_before_the_phrases_asks_to_be_rebuilt() {
        let mut v = small().to_bytes();
        v[8..12].copy_from_slice(&3u32.to_le_bytes());
        let n = v.len() - 4;
        let crc = crc32(&v[..n]);
        v[n..].copy_from_slice(&crc.to_le_bytes());
        let e = Index::from_bytes(&v).unwrap_err();
        assert_eq!(e, IndexError::OldVersion { found: 3, expected: FORMAT_VERSION });
        assert!(e.to_string().starts_with("this index was built by an older Hark (index format 3, this build reads 4): rebuild it"), "{e}");
    }

    #[test]
    fn a_corrupt_phrases_section_is_refused_with_a_message() {
        let idx = small();
        let good = crate::phrases::stored::encode(idx.phrases());
        let mut boost = good.clone();
        boost[4] = 99;
        let mut count = good.clone();
        count[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        for (section, what) in [(boost, "boost 99 tenths"), (count, "more than the 300"), (vec![1, 0], "")] {
            let e = Index::from_vec(with_phrases_section(&idx, &section)).unwrap_err();
            let message = e.to_string();
            assert!(message.contains("phrases") && message.contains(what), "{message}");
        }
        // Every cut and every single-byte change of the section, re-sealed: refused or loaded, never a panic.
        for cut in 0..good.len() {
            assert!(Index::from_vec(with_phrases_section(&idx, &good[..cut])).is_err(), "cut at {cut}");
        }
        for at in 0..good.len() {
            for x in [0x01u8, 0x80, 0xFF] {
                let mut v = good.clone();
                v[at] ^= x;
                if let Ok(index) = Index::from_vec(with_phrases_section(&idx, &v)) {
                    assert!(index.phrases().len() <= crate::phrases::MAX_PHRASES);
                }
            }
        }
    }

    #[test]
    fn building_is_deterministic() {
        assert_eq!(small().to_bytes(), small().to_bytes());
    }

    #[test]
    fn damaged_indexes_give_typed_errors() {
        let bytes = small().to_bytes();
        assert_eq!(
            Index::from_bytes(b"").unwrap_err(),
            IndexError::Truncated {
                section: "header",
                needed: 12,
                available: 0
            }
        );
        assert_eq!(
            Index::from_bytes(b"PK\x03\x04 not an index").unwrap_err(),
            IndexError::BadMagic
        );
        let mut v = bytes.clone();
        v[8] = 99;
        assert_eq!(
            Index::from_bytes(&v).unwrap_err(),
            IndexError::UnsupportedVersion {
                found: 99,
                expected: FORMAT_VERSION
            }
        );
        let mut v = bytes.clone();
        let mid = v.len() / 2;
        v[mid] ^= 0x55;
        assert!(matches!(
            Index::from_bytes(&v).unwrap_err(),
            IndexError::ChecksumMismatch { .. }
        ));
        for cut in [13, 40, bytes.len() / 2, bytes.len() - 1] {
            assert!(Index::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        // A consistent checksum over inconsistent content.
        let mut v = bytes[..bytes.len() - 4].to_vec();
        v[12] = 200; // n_docs
        let crc = crc32(&v);
        v.extend_from_slice(&crc.to_le_bytes());
        let e = Index::from_bytes(&v).unwrap_err();
        assert!(matches!(e, IndexError::Corrupt { .. }), "{e}");
        assert!(e.to_string().starts_with("the index is corrupt: "), "{e}");
    }
}
