//! The host side of the browser parity check: the committed fixture index is what the engine builds today, and the
//! committed expected answers are what the host answers. `tests/index_in_browser.rs` loads the same bytes in
//! Chromium and must answer exactly the same. Regenerate both with `HARK_BLESS=1 cargo test --test index_parity`.
#![cfg(not(target_arch = "wasm32"))]

mod parity;

use hark_engine::{parse_catalog, CatalogConfig, Index};

const CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/parity.jsonl");
const INDEX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/parity.hidx");
const EXPECTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/parity-expected.json");

#[test]
fn fixture_index_and_answers_are_current() -> Result<(), Box<dyn std::error::Error>> {
    let config = CatalogConfig::default();
    let catalog = parse_catalog(&std::fs::read(CATALOG)?, &config)?;
    let bytes = Index::build(&catalog, &config).to_bytes();
    let index = Index::from_bytes(&bytes)?;
    let answers = serde_json::to_string_pretty(&parity::answers(&index, parity::QUERIES))?;
    if std::env::var_os("HARK_BLESS").is_some() {
        std::fs::write(INDEX, &bytes)?;
        std::fs::write(EXPECTED, &answers)?;
    }
    assert!(std::fs::read(INDEX)? == bytes, "tests/fixtures/parity.hidx is stale: rerun with HARK_BLESS=1");
    assert_eq!(std::fs::read_to_string(EXPECTED)?, answers, "parity-expected.json is stale: rerun with HARK_BLESS=1");
    // The answers are worth pinning: the fixture exercises folding and forgiveness.
    let first = |query: &str| {
        parity::answers(&index, &[query]).first().and_then(|a| a.hits.first()).map(|hit| hit.id.clone())
    };
    assert_eq!(first("CRÈME BRÛLÉE").as_deref(), Some("5"));
    assert_eq!(first("strasse").as_deref(), Some("13"));
    assert_eq!(first("ｐｅｎ").as_deref(), Some("15"));
    assert_eq!(first("chedder").as_deref(), Some("2"));
    Ok(())
}
