//! A prebuilt index loaded in Chromium, with the browser's own folding (`String.prototype.normalize`), answers
//! exactly as the host does (`tests/index_parity.rs` pins the host's answers).
#![cfg(target_arch = "wasm32")]

mod parity;

use hark::search::local::LocalSearch;
use hark_engine::Index;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn prebuilt_index_answers_exactly_as_on_the_host() {
    let bytes = include_bytes!("fixtures/parity.hidx");
    let expected: Vec<parity::Answer> =
        serde_json::from_str(include_str!("fixtures/parity-expected.json")).unwrap_or_else(|e| panic!("{e}"));
    let index = Index::from_bytes(bytes).unwrap_or_else(|e| panic!("{e}"));
    let search = LocalSearch::new(index);
    let got = parity::answers(search.index(), parity::QUERIES);
    assert_eq!(got.len(), expected.len());
    for (got, expected) in got.iter().zip(&expected) {
        assert_eq!(got, expected, "query {:?}", expected.query);
    }
}

#[wasm_bindgen_test]
fn a_corrupt_index_is_an_error_not_a_panic() {
    let mut bytes = include_bytes!("fixtures/parity.hidx").to_vec();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    assert!(Index::from_bytes(&bytes).is_err());
    assert!(Index::from_bytes(&bytes[..10]).is_err());
    assert!(Index::from_bytes(b"").is_err());
}
