//! The remote provider's pure half: the OpenSearch/Elasticsearch `_search` request body, the answer parsed into a
//! [`SearchResponse`] (with highlights as byte ranges into the plain field text), and errors in human words.
//! Tested on the host; [`super::remote_client`] does the fetching in the browser.

use std::ops::Range;

use serde_json::{json, Map, Value};

use super::config::RemoteConfig;
use super::json;
use super::remote_shop;
use super::understand::{format_price, summary, Naming};
use super::{SearchRequest, SearchResponse, SearchResult};

/// Highlight tags from Unicode's private use area: they never occur in real catalog text, and every span is checked
/// against the source text anyway, so a highlight can never inject markup or garble a title.
pub const PRE_TAG: char = '\u{E000}';
/// See [`PRE_TAG`].
pub const POST_TAG: char = '\u{E001}';

/// At most this many recognizer alternatives become `should` clauses.
const MAX_ALTERNATIVES: usize = 5;
/// A clause's boost never drops below this: Android reports confidence 0 for usable finals.
const MIN_BOOST: f32 = 0.05;

/// Why a remote search failed; `Display` is the sentence shown to the person.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RemoteError {
    /// No answer at all: offline, the proxy or cluster is down, DNS, CORS.
    #[error("The search server could not be reached. Check your connection and try again.")]
    Network {
        /// The browser's error, for the console.
        detail: String,
    },
    /// No answer, and the browser says it is offline.
    #[error("You're offline, and this search needs a connection to the search server. Reconnect and try again.")]
    Offline,
    /// No answer within `timeout_ms`.
    #[error("The search server did not answer within {seconds} s. Try again in a moment.")]
    Timeout {
        /// The configured timeout, in seconds (one decimal at most).
        seconds: String,
    },
    /// 401 or 403.
    #[error("The search server refused the request (HTTP {status}). The site's search key may be wrong or expired.")]
    Refused {
        /// The HTTP status.
        status: u16,
    },
    /// 404: usually the index does not exist.
    #[error("The search index “{index}” was not found on the server (HTTP 404).")]
    NotFound {
        /// The configured index.
        index: String,
    },
    /// Another 4xx: the cluster did not accept the query.
    #[error("The search server rejected the query (HTTP {status}{}).", reason_suffix(.reason))]
    Rejected {
        /// The HTTP status.
        status: u16,
        /// The cluster's `error.reason`, if any.
        reason: Option<String>,
    },
    /// 5xx (and 429): the cluster or proxy is in trouble.
    #[error("The search server had a problem (HTTP {status}{}). Try again in a moment.", reason_suffix(.reason))]
    Server {
        /// The HTTP status.
        status: u16,
        /// The cluster's `error.reason`, if any.
        reason: Option<String>,
    },
    /// A 2xx whose body is not a `_search` answer.
    #[error("The search server sent an answer Hark cannot read ({detail}).")]
    Malformed {
        /// What was wrong with it.
        detail: String,
    },
}

fn reason_suffix(reason: &Option<String>) -> String {
    reason.as_deref().map(|reason| format!(": {reason}")).unwrap_or_default()
}

/// `{endpoint}/{index}/_search`.
pub fn search_url(config: &RemoteConfig) -> String {
    format!("{}/{}/_search", config.endpoint.trim_end_matches('/'), config.index)
}

/// The `_search` body for `request`, starting at result `from` (paging: `from = page × size`).
///
/// Each phrase is a fuzzy `multi_match` (`fuzziness: AUTO`) over the weighted fields; a spoken request puts its
/// alternatives in a `bool.should`, each boosted by its confidence, so the recognizer's best guess counts most
/// while a misheard word can still be rescued by another alternative. Typed text also matches its last word as a
/// prefix (`bool_prefix`), as the local engine does while the person types.
pub fn query_body(config: &RemoteConfig, request: &SearchRequest, from: u32) -> Value {
    let fields = searched_fields(config);
    let fuzzy = |text: &str, boost: f32| {
        json!({ "multi_match": { "query": text, "fields": fields, "fuzziness": "AUTO", "boost": round(boost) } })
    };
    // An understood request searches the words left after its filters and sort (see `remote_shop`), analysed as
    // the embedded engine analyses them.
    let resolved = request.resolved.as_ref();
    let (text, spoken) = match resolved {
        Some(resolved) => (resolved.state.text.as_str(), resolved.alternatives.as_slice()),
        None => (request.text.as_str(), request.alternatives.as_slice()),
    };
    let should: Vec<Value> = if spoken.is_empty() {
        let text = text.trim();
        if text.is_empty() {
            Vec::new()
        } else {
            let text = analysed(&config.language, text);
            vec![
                fuzzy(&text, 1.0),
                json!({ "multi_match": { "query": text, "type": "bool_prefix", "fields": fields, "boost": 0.5 } }),
            ]
        }
    } else {
        alternatives(spoken).into_iter().map(|(text, boost)| fuzzy(&analysed(&config.language, &text), boost)).collect()
    };
    let f = &config.fields;
    let mut highlight = Map::new();
    for field in [&f.title, &f.description] {
        highlight.insert(field.clone(), json!({}));
    }
    let mut query = Map::new();
    if should.is_empty() {
        // Nothing to search but filters or a sort: browse.
        query.insert("must".into(), json!([{ "match_all": {} }]));
    } else {
        query.insert("should".into(), Value::Array(should));
        query.insert("minimum_should_match".into(), json!(1));
    }
    let shop = &config.shop;
    if let Some(resolved) = resolved {
        let filters = remote_shop::filter_clauses(shop, &resolved.state);
        if !filters.is_empty() {
            query.insert("filter".into(), Value::Array(filters));
        }
    }
    let mut source: Vec<&String> = vec![&f.id, &f.title, &f.description, &f.category, &f.url];
    source.extend(shop.price.as_ref().map(|(field, _)| field));
    let mut body = json!({
        "from": from,
        "size": config.size,
        "query": { "bool": query },
        "_source": source,
        "highlight": {
            "pre_tags": [PRE_TAG.to_string()],
            "post_tags": [POST_TAG.to_string()],
            // The whole field as one fragment, so spans map onto the text shown.
            "number_of_fragments": 0,
            "fields": highlight,
        },
    });
    if let Some(resolved) = resolved {
        if let Some(sort) = remote_shop::sort_clause(shop, resolved.state.sort.as_ref()) {
            body["sort"] = sort;
        }
        if let Some(aggs) = remote_shop::aggregations(shop) {
            body["aggs"] = aggs;
        }
    }
    body
}

/// The words the embedded engine searches for in `text` (folded, spoken filler and stop words gone:
/// [`hark_engine::analysis::query_terms`]), so the cluster sees the same query; the text itself when nothing is left.
fn analysed(language: &str, text: &str) -> String {
    let language = hark_engine::Language::from_tag(language).unwrap_or(hark_engine::Language::Unstemmed);
    let terms = hark_engine::analysis::query_terms(&super::local::browser_fold, language, text, true);
    let words = terms.content.join(" ");
    if words.is_empty() { text.trim().to_string() } else { words }
}

/// `["title^3", "description^1", "category^0.5"]`, leaving out fields weighted 0.
fn searched_fields(config: &RemoteConfig) -> Vec<String> {
    let (f, w) = (&config.fields, &config.weights);
    [(&f.title, w.title), (&f.description, w.description), (&f.category, w.category)]
        .into_iter()
        .filter(|(name, weight)| *weight > 0.0 && !name.is_empty())
        .map(|(name, weight)| format!("{name}^{}", round(weight)))
        .collect()
}

/// The distinct alternatives (case-insensitive, blanks dropped), at most [`MAX_ALTERNATIVES`], each with its boost:
/// its confidence, at least [`MIN_BOOST`]; 1 for all when the recognizer gave no confidences.
fn alternatives(list: &[(String, f32)]) -> Vec<(String, f32)> {
    let no_confidences = !list.iter().any(|(_, confidence)| *confidence > 0.0);
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (text, confidence) in list {
        let text = text.trim();
        let key = text.to_lowercase();
        if text.is_empty() || seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let boost = if no_confidences { 1.0 } else { confidence.clamp(MIN_BOOST, 1.0) };
        out.push((text.to_string(), if boost.is_nan() { MIN_BOOST } else { boost }));
        if out.len() == MAX_ALTERNATIVES {
            break;
        }
    }
    out
}

/// Two decimals are plenty for a boost, and keep the JSON readable.
fn round(value: f32) -> f64 {
    (f64::from(value) * 100.0).round() / 100.0
}

/// Parse a 2xx `_search` answer for `request`.
pub fn parse_response(config: &RemoteConfig, request: &SearchRequest, body: &str) -> Result<SearchResponse, RemoteError> {
    let malformed = |detail: &str| RemoteError::Malformed { detail: detail.to_string() };
    let root: Value = json::parse(body).map_err(|error| malformed(&format!("not JSON: {error}")))?;
    let hits = root.get("hits").ok_or_else(|| malformed("no \"hits\""))?;
    let list = hits.get("hits").and_then(Value::as_array).ok_or_else(|| malformed("no \"hits.hits\" list"))?;
    // `total` is `{ "value": n, "relation": "eq" }` since Elasticsearch 7, a bare number before.
    let total = hits.get("total").and_then(|total| total.get("value").unwrap_or(total).as_u64());
    let f = &config.fields;
    let results = list
        .iter()
        .map(|hit| {
            let source = hit.get("_source").ok_or_else(|| malformed("a hit without \"_source\""))?;
            let title = text_of(source.get(&f.title));
            let description = text_of(source.get(&f.description));
            let highlight = hit.get("highlight");
            let spans = |field: &str, text: &str| {
                let fragments: Vec<&str> = highlight
                    .and_then(|h| h.get(field))
                    .and_then(Value::as_array)
                    .map(|list| list.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                highlight_spans(text, &fragments)
            };
            let id = match text_of(source.get(&f.id)) {
                id if id.is_empty() => text_of(hit.get("_id")),
                id => id,
            };
            let price = remote_shop::price_of(&config.shop, source);
            Ok(SearchResult {
                id,
                title_spans: spans(&f.title, &title),
                description_spans: spans(&f.description, &description),
                title,
                description,
                category: text_of(source.get(&f.category)),
                url: text_of(source.get(&f.url)),
                price_text: match (price, &config.shop.price, request.resolved.as_ref()) {
                    (Some(amount), Some((_, currency)), Some(resolved)) => format_price(amount, currency, resolved.lang),
                    _ => String::new(),
                },
                price,
            })
        })
        .collect::<Result<Vec<_>, RemoteError>>()?;
    let offset = (request.page as usize).saturating_mul(config.size as usize);
    let mut response =
        SearchResponse { seq: request.seq, query: request.text.clone(), results, suggestion: None, total, offset, ..SearchResponse::default() };
    if let Some(resolved) = &request.resolved {
        let shop = &config.shop;
        let state = &resolved.state;
        let currency = shop.price.as_ref().map(|(_, currency)| currency.clone());
        let count = total.map_or(response.results.len(), |t| usize::try_from(t).unwrap_or(usize::MAX));
        // A follow-up is summed up by what it left ("clear filters" → "12 chairs."), not by the words said.
        if !state.filters.is_empty() || state.sort.is_some() || resolved.refined {
            response.summary = Some(summary(count, state, Naming { noun: &shop.noun, facet: shop.noun_facet.as_deref() }, currency.as_deref(), resolved.lang));
        }
        response.facets = remote_shop::parse_facets(shop, &root);
        response.state = Some(state.clone());
        response.currency = currency;
        response.lang = resolved.lang;
    }
    Ok(response)
}

/// A field's value as display text: strings as they are, numbers and booleans written out, arrays joined with ", ".
fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Array(items)) => {
            items.iter().map(|item| text_of(Some(item))).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(", ")
        }
        _ => String::new(),
    }
}

/// Byte ranges in `source` marked by the highlighter in `fragments` (text with [`PRE_TAG`]/[`POST_TAG`] around
/// matches). The fragment with its tags removed is located in `source` and its marks shifted there; a fragment
/// that cannot be located (the cluster returned analysed or truncated text) falls back to marking each highlighted
/// word wherever it occurs in `source`. Every span is on character boundaries of `source`.
pub fn highlight_spans(source: &str, fragments: &[&str]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    for fragment in fragments {
        let (plain, marks) = strip_tags(fragment);
        if marks.is_empty() {
            continue;
        }
        match source.find(plain.as_str()).filter(|_| !plain.is_empty()) {
            Some(at) => spans.extend(marks.iter().map(|mark| mark.start + at..mark.end + at)),
            None => {
                for mark in &marks {
                    spans.extend(occurrences(source, &plain[mark.clone()]));
                }
            }
        }
    }
    hark_engine::order::sort_by_key(&mut spans, |span| (span.start, span.end));
    spans.dedup();
    spans
}

/// A fragment without its tags, and the byte ranges that were between them (unbalanced tags are tolerated).
fn strip_tags(fragment: &str) -> (String, Vec<Range<usize>>) {
    let mut plain = String::with_capacity(fragment.len());
    let mut marks = Vec::new();
    let mut open: Option<usize> = None;
    for c in fragment.chars() {
        match c {
            PRE_TAG => open = open.or(Some(plain.len())),
            POST_TAG => {
                if let Some(start) = open.take().filter(|&start| start < plain.len()) {
                    marks.push(start..plain.len());
                }
            }
            c => plain.push(c),
        }
    }
    (plain, marks)
}

/// Where `word` occurs in `text` as a whole word, ignoring case (ASCII-insensitive byte search, so ranges stay on
/// the source's own boundaries).
fn occurrences(text: &str, word: &str) -> Vec<Range<usize>> {
    let word = word.trim();
    if word.is_empty() {
        return Vec::new();
    }
    let (haystack, needle) = (text.as_bytes(), word.as_bytes());
    let is_word_byte = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    (0..=haystack.len().saturating_sub(needle.len()))
        .filter(|&at| haystack.len() >= needle.len() && haystack[at..at + needle.len()].eq_ignore_ascii_case(needle))
        .filter(|&at| text.is_char_boundary(at) && text.is_char_boundary(at + needle.len()))
        .filter(|&at| at == 0 || !is_word_byte(haystack[at - 1]) || !is_word_byte(needle[0]))
        .filter(|&at| {
            let end = at + needle.len();
            end == haystack.len() || !is_word_byte(haystack[end]) || !is_word_byte(needle[needle.len() - 1])
        })
        .map(|at| at..at + needle.len())
        .collect()
}

/// The error for a non-2xx answer; `body` is read for the cluster's `error.reason`.
pub fn error_for_status(config: &RemoteConfig, status: u16, body: &str) -> RemoteError {
    let reason = error_reason(body);
    match status {
        401 | 403 => RemoteError::Refused { status },
        404 => RemoteError::NotFound { index: config.index.clone() },
        429 | 500..=599 => RemoteError::Server { status, reason },
        _ => RemoteError::Rejected { status, reason },
    }
}

/// `error.root_cause[0].reason`, else `error.reason`, else a string `error` (ES and OpenSearch both use these
/// shapes); shortened to one line of at most 160 characters.
fn error_reason(body: &str) -> Option<String> {
    let root: Value = json::parse(body).ok()?;
    let error = root.get("error")?;
    let reason = error
        .get("root_cause")
        .and_then(|causes| causes.get(0))
        .and_then(|cause| cause.get("reason"))
        .or_else(|| error.get("reason"))
        .unwrap_or(error)
        .as_str()?;
    let line = reason.lines().next().unwrap_or_default().trim();
    let mut short: String = line.chars().take(160).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    (!short.is_empty()).then_some(short)
}

/// The timeout as shown: `5`, `2.5`.
pub fn seconds(timeout_ms: u32) -> String {
    let tenths = (timeout_ms + 50) / 100;
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::config::SiteConfig;

    fn config() -> RemoteConfig {
        let json = br#"{"remote": {"endpoint": "/search-proxy/", "index": "things", "size": 3}}"#;
        SiteConfig::parse(json).ok().and_then(|c| c.remote).unwrap_or_else(|| panic!("config"))
    }

    fn shop_config() -> RemoteConfig {
        let json = br#"{"remote": {"endpoint": "/p", "index": "shop"}, "noun": "products",
            "facets": {"Color": "color"}, "price": {"field": "price", "currency": "USD"}}"#;
        let site = SiteConfig::parse(json).unwrap_or_else(|e| panic!("config: {e}"));
        let mut remote = site.remote.clone().unwrap_or_else(|| panic!("remote"));
        remote.shop = crate::search::config::RemoteShop::of(&site);
        remote
    }

    fn understood(request: SearchRequest, config: &RemoteConfig) -> SearchRequest {
        let shop = &config.shop;
        let vocab = crate::search::understand::Vocabulary::new(
            shop.facets.iter().map(|(name, _)| (name.as_str(), vec![("black".to_string(), 1)])),
            shop.price.as_ref().map(|(_, c)| c.as_str()),
            [],
        );
        let resolved = crate::search::understood::resolve(&request, None, 0.0, &vocab, "en");
        SearchRequest { resolved: Some(resolved), ..request }
    }

    #[test]
    fn an_understood_request_filters_sorts_and_asks_for_facet_counts() {
        let config = shop_config();
        let body = query_body(&config, &understood(SearchRequest::typed("cheapest black chairs under 100"), &config), 0);
        assert_eq!(body["query"]["bool"]["should"][0]["multi_match"]["query"], "chairs");
        assert_eq!(
            body["query"]["bool"]["filter"],
            json!([{ "terms": { "color": ["black"] } }, { "range": { "price": { "lt": 100.0 } } }])
        );
        assert_eq!(body["sort"], json!([{ "price": { "order": "asc", "missing": "_last" } }, "_score"]));
        assert_eq!(body["aggs"], json!({ "Color": { "terms": { "field": "color", "size": 50 } } }));
        assert!(body["_source"].as_array().is_some_and(|s| s.contains(&json!("price"))));

        let browse = query_body(&config, &understood(SearchRequest::typed("under 50"), &config), 0);
        assert_eq!(browse["query"]["bool"]["must"], json!([{ "match_all": {} }]));
        assert!(browse["query"]["bool"].get("should").is_none());

        let plain = query_body(&config, &SearchRequest::typed("chairs"), 0);
        assert!(plain.get("aggs").is_none() && plain.get("sort").is_none());
    }

    #[test]
    fn an_understood_answer_carries_prices_facet_counts_and_the_summary() {
        let config = shop_config();
        let request = understood(SearchRequest::typed("chairs under 100"), &config);
        let body = r#"{"hits": {"total": {"value": 2}, "hits": [
            {"_id": "1", "_source": {"title": "Black chair", "price": 70}},
            {"_id": "2", "_source": {"title": "Green chair", "price": "30.5"}}]},
            "aggregations": {"Color": {"buckets": [{"key": "black", "doc_count": 1}, {"key": "green", "doc_count": 1}]}}}"#;
        let response = parse_response(&config, &request, body).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(response.results[0].price_text, "$70");
        assert_eq!(response.results[1].price, Some(30.5));
        assert_eq!(response.facets[0].values, [("black".to_string(), 1), ("green".to_string(), 1)]);
        assert_eq!(response.summary.as_deref(), Some("2 chairs, under $100."));
        assert_eq!(response.state.map(|s| s.text), Some("chairs".to_string()));
    }

    #[test]
    fn url_joins_endpoint_and_index() {
        assert_eq!(search_url(&config()), "/search-proxy/things/_search");
    }

    #[test]
    fn typed_query_is_fuzzy_with_a_prefix_clause() {
        let body = query_body(&config(), &SearchRequest::typed("espresso mak"), 6);
        assert_eq!(body["from"], 6);
        assert_eq!(body["size"], 3);
        let should = body["query"]["bool"]["should"].as_array().cloned().unwrap_or_default();
        assert_eq!(should.len(), 2);
        assert_eq!(should[0]["multi_match"]["query"], "espresso mak");
        assert_eq!(should[0]["multi_match"]["fuzziness"], "AUTO");
        assert_eq!(should[0]["multi_match"]["fields"], json!(["title^3", "description^1", "category^0.5"]));
        assert_eq!(should[1]["multi_match"]["type"], "bool_prefix");
        assert_eq!(body["query"]["bool"]["minimum_should_match"], 1);
        assert_eq!(body["highlight"]["number_of_fragments"], 0);
        assert_eq!(body["highlight"]["pre_tags"][0], "\u{E000}");
        assert!(body["highlight"]["fields"].get("title").is_some());
        assert!(body["highlight"]["fields"].get("description").is_some());
    }

    #[test]
    fn spoken_alternatives_are_should_clauses_boosted_by_confidence() {
        let request = SearchRequest::spoken(vec![
            ("show me cheddar".into(), 0.9),
            ("Show me cheddar".into(), 0.8),
            ("show me chedder".into(), 0.4),
            ("".into(), 0.3),
            ("so me chatter".into(), 0.0),
        ]);
        let body = query_body(&config(), &request, 0);
        let should = body["query"]["bool"]["should"].as_array().cloned().unwrap_or_default();
        let clauses: Vec<(String, f64)> = should
            .iter()
            .map(|c| {
                let m = &c["multi_match"];
                (m["query"].as_str().unwrap_or_default().to_string(), m["boost"].as_f64().unwrap_or(-1.0))
            })
            .collect();
        // Analysed as the embedded engine analyses them: the lead-in and the stop words are gone.
        assert_eq!(clauses, vec![("cheddar".into(), 0.9), ("chedder".into(), 0.4), ("chatter".into(), 0.05)]);
        assert!(should.iter().all(|c| c["multi_match"]["fuzziness"] == "AUTO"));
        let bose = query_body(&config(), &SearchRequest::spoken(vec![("show me the bows quiet comfort please".into(), 0.9)]), 0);
        assert_eq!(bose["query"]["bool"]["should"][0]["multi_match"]["query"], "bows quiet comfort");
        let typed = query_body(&config(), &SearchRequest::typed("lamp for the desk"), 0);
        assert_eq!(typed["query"]["bool"]["should"][0]["multi_match"]["query"], "lamp desk");
        let only_filler = query_body(&config(), &SearchRequest::typed("please"), 0);
        assert_eq!(only_filler["query"]["bool"]["should"][0]["multi_match"]["query"], "please");
        // Without confidences (some Android builds) every alternative counts the same.
        let flat = query_body(&config(), &SearchRequest::spoken(vec![("a".into(), 0.0), ("b".into(), 0.0)]), 0);
        assert_eq!(flat["query"]["bool"]["should"][1]["multi_match"]["boost"], 1.0);
    }

    #[test]
    fn zero_weight_leaves_a_field_out_and_names_follow_the_config() {
        let json = br#"{"remote": {"endpoint": "/p", "index": "x", "fields": {"title": "name", "id": "sku"},
                        "weights": {"category": 0, "title": 2.5}}}"#;
        let remote = SiteConfig::parse(json).ok().and_then(|c| c.remote).unwrap_or_else(|| panic!("config"));
        let body = query_body(&remote, &SearchRequest::typed("x"), 0);
        assert_eq!(body["query"]["bool"]["should"][0]["multi_match"]["fields"], json!(["name^2.5", "description^1"]));
        assert_eq!(body["_source"], json!(["sku", "name", "description", "category", "url"]));
        assert!(body["highlight"]["fields"].get("name").is_some());
    }

    #[test]
    fn parses_hits_with_highlights_as_spans() {
        let body = r#"{"took": 1, "hits": {"total": {"value": 1234, "relation": "eq"}, "hits": [
            {"_id": "wn-1", "_score": 6.5,
             "_source": {"id": "wn-1", "title": "espresso maker", "description": "a coffee maker for espresso",
                         "category": "coffee maker", "url": "https://example.com/e"},
             "highlight": {"title": ["\ue000espresso\ue001 maker"],
                           "description": ["a coffee maker for \ue000espresso\ue001"]}},
            {"_id": "doc-2", "_source": {"title": "<b>Crème</b> brûlée", "description": 42}}
        ]}}"#;
        let response = parse_response(&config(), &SearchRequest::typed("expresso"), body);
        let response = response.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(response.query, "expresso");
        assert_eq!(response.total, Some(1234));
        let first = &response.results[0];
        assert_eq!((first.id.as_str(), first.title.as_str()), ("wn-1", "espresso maker"));
        assert_eq!(first.title_spans, vec![0..8]);
        assert_eq!(first.description_spans, vec![19..27]);
        assert_eq!(first.category, "coffee maker");
        assert_eq!(first.url, "https://example.com/e");
        let second = &response.results[1];
        assert_eq!(second.id, "doc-2", "falls back to _id");
        assert_eq!(second.title, "<b>Crème</b> brûlée", "markup stays text");
        assert_eq!(second.description, "42");
        assert!(second.title_spans.is_empty());
    }

    #[test]
    fn highlight_spans_are_byte_ranges_into_the_source() {
        let source = "<b>Crème</b> brûlée & café";
        let fragment = "<b>\u{E000}Crème\u{E001}</b> brûlée & \u{E000}café\u{E001}";
        assert_eq!(highlight_spans(source, &[fragment]), vec![3..9, 25..30]);
        assert_eq!(&source[3..9], "Crème");
        assert_eq!(&source[25..30], "café");
        // A fragment from the middle of a longer field.
        let long = "one two three four";
        assert_eq!(highlight_spans(long, &["two \u{E000}three\u{E001}"]), vec![8..13]);
        // Text the highlighter changed: fall back to whole-word occurrences, ignoring ASCII case.
        let changed = "Tuning fork; a tuning-fork, retuning";
        assert_eq!(highlight_spans(changed, &["\u{E000}TUNING\u{E001} FORK…"]), vec![0..6, 15..21]);
        // No tags, unbalanced tags, nothing found.
        assert!(highlight_spans("abc", &["abc"]).is_empty());
        assert_eq!(highlight_spans("abc def", &["\u{E000}abc def"]), Vec::<Range<usize>>::new());
        assert_eq!(highlight_spans("abc def", &["abc \u{E001}def\u{E000}"]), Vec::<Range<usize>>::new());
        assert!(highlight_spans("abc", &["\u{E000}xyz\u{E001}"]).is_empty());
    }

    #[test]
    fn malformed_answers_say_what_is_wrong() {
        let request = SearchRequest::typed("x");
        let message = |body: &str| match parse_response(&config(), &request, body) {
            Err(error) => error.to_string(),
            Ok(_) => String::from("parsed"),
        };
        assert!(message("<html>proxy error</html>").contains("not JSON"));
        assert!(message(r#"{"took": 1}"#).contains("no \"hits\""));
        assert!(message(r#"{"hits": {"total": 0}}"#).contains("hits.hits"));
        assert!(message(r#"{"hits": {"hits": [{"_id": "1"}]}}"#).contains("_source"));
        assert!(message(r#"{"hits": {"hits": []}}"#) == "parsed");
        let old = parse_response(&config(), &request, r#"{"hits": {"total": 7, "hits": []}}"#);
        assert_eq!(old.map(|r| r.total), Ok(Some(7)));
    }

    #[test]
    fn statuses_become_sentences() {
        let c = config();
        let opensearch_404 = r#"{"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [things]"}],
                                "type":"index_not_found_exception","reason":"no such index [things]"},"status":404}"#;
        assert_eq!(error_for_status(&c, 404, opensearch_404), RemoteError::NotFound { index: "things".into() });
        assert!(error_for_status(&c, 404, "").to_string().contains("“things” was not found"));
        assert!(error_for_status(&c, 401, "").to_string().contains("refused"));
        assert!(error_for_status(&c, 403, "").to_string().contains("HTTP 403"));
        let parse = r#"{"error":{"root_cause":[{"type":"parsing_exception","reason":"unknown query [bogus]"}],
                        "type":"parsing_exception","reason":"unknown query [bogus]"},"status":400}"#;
        assert_eq!(
            error_for_status(&c, 400, parse).to_string(),
            "The search server rejected the query (HTTP 400: unknown query [bogus])."
        );
        assert_eq!(
            error_for_status(&c, 502, "<html>Bad Gateway</html>").to_string(),
            "The search server had a problem (HTTP 502). Try again in a moment."
        );
        assert!(error_for_status(&c, 503, r#"{"error": "cluster blocked"}"#).to_string().contains(": cluster blocked"));
        assert!(matches!(error_for_status(&c, 429, ""), RemoteError::Server { status: 429, .. }));
        assert_eq!(RemoteError::Timeout { seconds: seconds(5000) }.to_string(),
                   "The search server did not answer within 5 s. Try again in a moment.");
        assert_eq!(seconds(2500), "2.5");
        assert_eq!(seconds(100), "0.1");
    }
}
