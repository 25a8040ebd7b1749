//! Arbitrary bytes into the index loader, and (to get past the checksum) the same bytes
//! re-sealed with a valid header and checksum, so the section parser and the FST validator
//! are fuzzed. An index that loads must then answer searches, suggestions and document views
//! without panicking or looping — whatever its FSTs and postings say.
//!
//! Checks: nothing panics, loops or runs out of memory; every hit names a document that exists.
#![no_main]

use hark_engine::{Index, Query, FORMAT_VERSION, MAGIC};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    if let Ok(index) = Index::from_bytes(data) {
        exercise(&index);
    }
    // Sealed: magic + version + data + a correct CRC-32.
    let mut sealed = MAGIC.to_vec();
    sealed.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    sealed.extend_from_slice(data);
    let crc = crc32(&sealed);
    sealed.extend_from_slice(&crc.to_le_bytes());
    if let Ok(index) = Index::from_vec(sealed) {
        exercise(&index);
    }
});

/// Every read path of a loaded index: exact, stem, prefix, typo (one and two edits, also past
/// the first letter), sound-alike and multi-alternative searches, suggestions and stored fields.
fn exercise(index: &Index) {
    let hits = index.search(&Query::text("tunning forks nite espreso mak"));
    for h in &hits {
        assert!(h.doc < index.len() as u32, "a hit names a document that does not exist");
        assert!(index.doc(h.doc).is_some());
    }
    let _ = index.search(&Query::alternatives([("chedder", 0.6), ("a", f32::NAN)]).with_limit(2));
    let _ = index.suggest("chedar forc");
    for d in index.docs() {
        let _ = (d.id.len(), d.title.len(), d.description.len(), d.url.len(), d.keywords.len());
    }
    let _ = index.document_frequency("fork");
}

/// CRC-32 (IEEE), table-driven (the engine's own is private).
fn crc32(data: &[u8]) -> u32 {
    static TABLE: OnceLock<[u32; 256]> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            (0..8).fold(i as u32, |c, _| if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 })
        })
    });
    !data.iter().fold(!0u32, |crc, &b| table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8))
}
