//! Arbitrary bytes as a remote search cluster's answer (Elasticsearch / OpenSearch `_search`
//! JSON), read by the app's remote engine (`hark::search::remote`) exactly as the page reads it:
//! as a plain search and as an understood shop search (prices, facet counts, summary), and as
//! the body of an error status.
//!
//! Checks: nothing panics; an answer that is read has one result per hit, highlight spans that
//! are slices of the text they mark (on character boundaries), finite prices, and facet counts
//! of configured facets, with items; an error answer always gives a message.
#![no_main]

use std::sync::OnceLock;

use hark::search::config::{RemoteConfig, RemoteShop, SiteConfig};
use hark::search::remote::{error_for_status, parse_response};
use hark::search::understand::Vocabulary;
use hark::search::understood::resolve;
use hark::search::SearchRequest;
use libfuzzer_sys::fuzz_target;

/// The plain configuration and the shop one (facets, a price, a number), as `hark.json` gives them.
fn configs() -> &'static (RemoteConfig, RemoteConfig) {
    static CONFIGS: OnceLock<(RemoteConfig, RemoteConfig)> = OnceLock::new();
    CONFIGS.get_or_init(|| {
        let remote = |json: &[u8]| {
            let site = SiteConfig::parse(json).unwrap_or_else(|e| panic!("fixture config: {e}"));
            let mut remote = site.remote.clone().unwrap_or_else(|| panic!("fixture config has no remote"));
            remote.shop = RemoteShop::of(&site);
            remote
        };
        let plain = remote(br#"{"remote": {"endpoint": "/search-proxy", "index": "things", "size": 3}}"#);
        let shop = remote(
            br#"{"remote": {"endpoint": "/p", "index": "shop", "fields": {"title": "name", "url": "link"}},
                "noun": "products", "facets": {"Color": "color", "Brand": "brand.keyword"},
                "price": {"field": "price", "currency": "EUR"}, "numbers": {"rating": {"field": "stars"}}}"#,
        );
        (plain, shop)
    })
}

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    let (plain, shop) = configs();

    let typed = SearchRequest::typed("chairs");
    if let Ok(response) = parse_response(plain, &typed, &body) {
        check(&response);
        // One result per hit (the reader, like the page's `JSON.parse`, refuses text after the value).
        let root: serde_json::Value = serde_json::from_str(&body).expect("an answer that was read is JSON");
        let hits = root["hits"]["hits"].as_array().map_or(0, Vec::len);
        assert_eq!(response.results.len(), hits);
    }

    let vocab = Vocabulary::new(
        shop.shop.facets.iter().map(|(name, _)| (name.as_str(), vec![("black".to_string(), 1)])),
        Some("EUR"),
        ["rating"],
    );
    let said = SearchRequest::typed("cheapest black chairs under 100 euros");
    let understood = SearchRequest { resolved: Some(resolve(&said, None, 0.0, &vocab, "de")), ..said };
    if let Ok(response) = parse_response(shop, &understood, &body) {
        check(&response);
        assert!(response.state.is_some(), "an understood answer keeps its state");
        for facet in &response.facets {
            assert!(shop.shop.facets.iter().any(|(name, _)| name == &facet.name), "facet {}", facet.name);
            assert!(facet.values.iter().all(|(_, count)| *count > 0), "{facet:?} lists a value no item has");
        }
    }

    for status in [400, 401, 404, 429, 503] {
        assert!(!error_for_status(plain, status, &body).to_string().is_empty(), "status {status}: no message");
    }
});

/// What every answer that is read must satisfy.
fn check(response: &hark::search::SearchResponse) {
    for r in &response.results {
        for span in &r.title_spans {
            assert!(span.start < span.end && r.title.get(span.clone()).is_some(), "title span {span:?} of {:?}", r.title);
        }
        for span in &r.description_spans {
            assert!(
                span.start < span.end && r.description.get(span.clone()).is_some(),
                "description span {span:?} of {:?}",
                r.description
            );
        }
        if let Some(price) = r.price {
            assert!(price.is_finite(), "price {price}");
        }
    }
}
