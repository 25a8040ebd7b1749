//! Arbitrary bytes into the catalog parser (JSON array or JSON Lines); a catalog that parses is
//! indexed, round-tripped through bytes and searched, and its documents read back.
//!
//! Checks: nothing panics, loops or runs out of memory; the built index loads back (every
//! section and FST checked) with one document per item, ids and titles as parsed; the loaded
//! index answers a query made of the input's first bytes exactly as the built one does.
#![no_main]

use hark_engine::{parse_catalog, CatalogConfig, Index, Query};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cfg = CatalogConfig::default();
    if let Ok(catalog) = parse_catalog(data, &cfg) {
        let index = Index::build(&catalog, &cfg);
        let loaded = Index::from_bytes(&index.to_bytes()).expect("a built index loads");
        assert_eq!(loaded.len(), catalog.docs.len());
        for (d, v) in catalog.docs.iter().zip(loaded.docs()) {
            assert_eq!((d.id.as_str(), d.title.as_str()), (v.id, v.title));
        }
        let q = Query::text(String::from_utf8_lossy(&data[..data.len().min(24)]).into_owned());
        assert_eq!(index.search(&q), loaded.search(&q));
        let _ = loaded.suggest(&q.alternatives[0].0);
    }
});
