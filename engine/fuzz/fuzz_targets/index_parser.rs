//! Arbitrary bytes into the index loader, and (to get past the checksum) the same bytes
//! re-sealed with a valid header and checksum, so the section parser and the FST validator
//! are fuzzed. An index that loads must then answer searches, suggestions and document views
//! without panicking or looping — whatever its FSTs and postings say.
#![no_main]

use hark_engine::{Index, Query, FORMAT_VERSION, MAGIC};
use libfuzzer_sys::fuzz_target;

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

/// Every read path of a loaded index: exact, stem, prefix, typo (one and two edits, also on the
/// first letter), sound-alike and multi-alternative searches, suggestions and stored fields.
fn exercise(index: &Index) {
    for q in ["fork", "chedder", "night light", "a", "espreso mak", "tunning forks", "nite"] {
        let hits = index.search(&Query::text(q));
        for h in &hits {
            assert!(h.doc < index.len() as u32, "a hit names a document that does not exist");
        }
        let _ = index.search(&Query::text(q).with_prefix_last_word(false).with_limit(3));
    }
    let _ = index.search(&Query::alternatives([("night", 0.6), ("knight", 0.3), ("nite", f32::NAN)]));
    for s in ["espreso", "chedar forc", "zzzz"] {
        let _ = index.suggest(s);
    }
    for d in index.docs() {
        let _ = (d.id.len(), d.title.len(), d.description.len(), d.url.len(), d.keywords.len());
    }
    let _ = index.document_frequency("fork");
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { 0xEDB8_8320 ^ (crc >> 1) } else { crc >> 1 };
        }
    }
    !crc
}
