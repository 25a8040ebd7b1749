//! Arbitrary bytes as `hark.json`: a configuration that parses is used to read and index a small
//! real catalog (custom field names, language, weights, result count), which is then loaded
//! back and searched.
//!
//! Checks: nothing panics; the built index loads back; every score is finite and the loaded
//! index answers three typo, plain and two-word queries exactly as the built one does.
#![no_main]

use hark_engine::{parse_catalog, CatalogConfig, Index, Query};
use libfuzzer_sys::fuzz_target;

static CATALOG: &[u8] = br#"{"id":"1","title":"Espresso maker","description":"A coffee maker","category":"coffee maker","name":"Espresso","tags":["coffee"]}
{"id":"2","title":"Tuning fork","description":"Two-pronged steel device","category":"acoustic device","name":"Fork","url":"/fork"}
{"id":"3","title":"Night light","description":"A small lamp","category":"lamp","name":"Light","aliases":"nightlight"}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(cfg) = serde_json::from_slice::<CatalogConfig>(data) else {
        return;
    };
    if let Ok(catalog) = parse_catalog(CATALOG, &cfg) {
        let index = Index::build(&catalog, &cfg);
        let loaded = Index::from_bytes(&index.to_bytes()).expect("a built index loads");
        for q in ["espreso", "fork", "night lamp"] {
            let hits = loaded.search(&Query::text(q));
            assert!(hits.iter().all(|h| h.score.is_finite()), "{q}: a score is not finite");
            assert_eq!(hits, index.search(&Query::text(q)));
        }
    }
});
