//! Arbitrary bytes into the index loader, and (to get past the checksum) the same bytes
//! re-sealed with a valid header and checksum; a loaded index is then searched.
#![no_main]

use hark_engine::{Index, Query, FORMAT_VERSION, MAGIC};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Index::from_bytes(data);
    // Sealed: magic + version + data + a correct CRC-32, so the section parser itself is fuzzed.
    let mut sealed = MAGIC.to_vec();
    sealed.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    sealed.extend_from_slice(data);
    let crc = crc32(&sealed);
    sealed.extend_from_slice(&crc.to_le_bytes());
    if let Ok(index) = Index::from_vec(sealed) {
        for q in ["fork", "chedder", "night light", "a"] {
            let _ = index.search(&Query::text(q));
        }
        let _ = index.suggest("espreso");
        for d in index.docs() {
            let _ = d.title.len();
        }
    }
});

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
