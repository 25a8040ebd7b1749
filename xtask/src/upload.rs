//! `cargo xtask catalog --upload URL INDEX [--config hark.json] [--catalog FILE] [--batch N] [--header "Name: value"]
//! [--recreate]`: load a catalog into an OpenSearch or Elasticsearch index for the remote engine.
//!
//! Creates the index with a mapping (text fields for the title, description and category fields, keyword for the id
//! and url fields, under the catalog's own names from the config's `"fields"`; any other field is mapped
//! dynamically) unless it exists (`--recreate` deletes it first), sends the documents with `_bulk` in batches
//! (default 1000) showing `documents sent / total (%)`, then refreshes and checks the count. Each document keeps all
//! its fields; its `_id` is its id field (else its position in the file). The catalog is `--catalog`, else the
//! config's `"catalog"` (relative to the config), else `catalog/things.jsonl` (built first if missing).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use hark_engine::FieldNames;
use serde_json::{json, Value};

use crate::proc::workspace_root;

const USAGE: &str = "usage: cargo xtask catalog --upload URL INDEX [--config hark.json] [--catalog FILE] [--batch N] [--header \"Name: value\"] [--recreate]";

/// Options of an upload.
#[derive(Debug, Clone, PartialEq)]
pub struct Upload {
    /// Cluster base URL, e.g. `http://127.0.0.1:9200`.
    pub url: String,
    /// Index name.
    pub index: String,
    /// The catalog file (JSON array or JSON Lines); `None` for the default things catalog.
    pub catalog: Option<PathBuf>,
    /// Documents per `_bulk` request.
    pub batch: usize,
    /// An extra header (an API key that may write), as (name, value).
    pub header: Option<(String, String)>,
    /// Delete the index first.
    pub recreate: bool,
    /// The site config whose `"fields"` name the catalog's keys (and whose `"catalog"` is the default file).
    pub config: Option<PathBuf>,
}

impl Upload {
    /// Parse the arguments of `catalog` when they contain `--upload`.
    pub fn from_args(args: &[String]) -> Result<Self, String> {
        let mut positional = Vec::new();
        let mut upload = Upload {
            url: String::new(),
            index: String::new(),
            catalog: None,
            batch: 1000,
            header: None,
            recreate: false,
            config: None,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--upload" => {}
                "--catalog" => upload.catalog = Some(it.next().ok_or("--catalog needs a file")?.into()),
                "--batch" => {
                    let n = it.next().ok_or("--batch needs a number")?;
                    upload.batch = n.parse().ok().filter(|&n| n > 0).ok_or(format!("--batch {n}: not a positive number"))?;
                }
                "--header" => {
                    let h = it.next().ok_or("--header needs \"Name: value\"")?;
                    let (name, value) = h.split_once(':').ok_or(format!("--header {h:?}: expected \"Name: value\""))?;
                    upload.header = Some((name.trim().to_string(), value.trim().to_string()));
                }
                "--recreate" => upload.recreate = true,
                "--config" => upload.config = Some(it.next().ok_or("--config needs a hark.json")?.into()),
                other if other.starts_with("--") => return Err(format!("unknown option {other:?}\n{USAGE}")),
                other => positional.push(other.to_string()),
            }
        }
        match positional.as_slice() {
            [url, index] => {
                upload.url = url.trim_end_matches('/').to_string();
                upload.index = index.clone();
            }
            _ => return Err(format!("--upload needs a cluster URL and an index name\n{USAGE}")),
        }
        if !(upload.url.starts_with("http://") || upload.url.starts_with("https://")) {
            return Err(format!("{}: the cluster URL must start with http:// or https://", upload.url));
        }
        if upload.index.is_empty() || upload.index.contains(|c: char| "/?#\\\" <>*,".contains(c)) {
            return Err(format!("{:?} is not an index name", upload.index));
        }
        Ok(upload)
    }
}

/// The index mapping, under the catalog's own field names: searchable text for the shown fields, exact keywords
/// for the id and url.
pub fn mapping(fields: &FieldNames) -> Value {
    let mut properties = serde_json::Map::new();
    for (name, kind) in [
        (&fields.id, "keyword"),
        (&fields.url, "keyword"),
        (&fields.title, "text"),
        (&fields.description, "text"),
        (&fields.category, "text"),
    ] {
        properties.insert(name.clone(), json!({ "type": kind }));
    }
    json!({ "mappings": { "properties": properties } })
}

/// The documents of a catalog: a JSON array, or JSON Lines (blank lines skipped); errors name the line.
pub fn parse_documents(text: &str) -> Result<Vec<Value>, String> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('[') {
        let items: Vec<Value> = serde_json::from_str(text)
            .map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
        return items
            .into_iter()
            .enumerate()
            .map(|(i, item)| if item.is_object() { Ok(item) } else { Err(format!("item {}: not an object", i + 1)) })
            .collect();
    }
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| match serde_json::from_str::<Value>(line) {
            Ok(item) if item.is_object() => Ok(item),
            Ok(_) => Err(format!("line {}: not an object", i + 1)),
            Err(e) => Err(format!("line {}: {e}", i + 1)),
        })
        .collect()
}

/// The `_bulk` NDJSON body for `docs`, the first of which is document number `first` (its fallback `_id`); the
/// `_id` is the document's `id_field`.
pub fn bulk_body(index: &str, docs: &[Value], first: usize, id_field: &str) -> String {
    let mut body = String::new();
    for (i, doc) in docs.iter().enumerate() {
        let id = match doc.get(id_field) {
            Some(Value::String(id)) if !id.is_empty() => id.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => (first + i).to_string(),
        };
        body.push_str(&json!({ "index": { "_index": index, "_id": id } }).to_string());
        body.push('\n');
        body.push_str(&doc.to_string());
        body.push('\n');
    }
    body
}

/// The first failed item of a `_bulk` answer, if any (`errors: true`).
pub fn bulk_failure(answer: &Value) -> Option<String> {
    if answer.get("errors").and_then(Value::as_bool) != Some(true) {
        return None;
    }
    let items = answer.get("items").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let failed: Vec<&Value> = items.iter().filter_map(|item| item.as_object()?.values().next()?.get("error")).collect();
    let first = failed.first().map(|error| {
        let reason = error.get("reason").and_then(Value::as_str).unwrap_or("no reason given");
        let kind = error.get("type").and_then(Value::as_str).unwrap_or("error");
        format!("{kind}: {reason}")
    });
    Some(format!("{} document(s) were rejected; the first: {}", failed.len(), first.unwrap_or_default()))
}

/// `  3,000 / 14,180 documents sent (21 %)`.
pub fn progress_line(sent: usize, total: usize) -> String {
    let percent = if total == 0 { 100 } else { sent * 100 / total };
    format!("  {} / {} documents sent ({percent} %)", thousands(sent), thousands(total))
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Run the upload.
pub fn run(args: &[String]) -> Result<(), String> {
    let upload = Upload::from_args(args)?;
    let (fields, config_catalog) = match &upload.config {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let cfg = hark_engine::parse_site_config(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            let value: Value = serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            let catalog = value.get("catalog").and_then(Value::as_str).map(|c| path.with_file_name(c));
            (cfg.fields, catalog)
        }
        None => (FieldNames::default(), None),
    };
    let file = match upload.catalog.clone().or(config_catalog) {
        Some(file) => file,
        None => {
            crate::catalog::run(&["--if-missing".to_string(), "--things".to_string()])?;
            workspace_root().join("catalog/things.jsonl")
        }
    };
    let text = std::fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let docs = parse_documents(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    println!("==> uploading {} documents from {} to {}/{}", thousands(docs.len()), file.display(), upload.url, upload.index);
    let cluster = Cluster::new(&upload);
    let started = Instant::now();

    if upload.recreate {
        let (status, body) = cluster.send("DELETE", &format!("/{}", upload.index), None, "application/json")?;
        if status != 404 && !(200..300).contains(&status) {
            return Err(format!("deleting index {} answered HTTP {status}: {body}", upload.index));
        }
    }
    let (status, body) =
        cluster.send("PUT", &format!("/{}", upload.index), Some(mapping(&fields).to_string()), "application/json")?;
    match status {
        200..=299 => println!("    created index {} with the mapping", upload.index),
        400 if body.contains("resource_already_exists_exception") => {
            println!("    index {} exists: adding to it (use --recreate to start afresh)", upload.index)
        }
        _ => return Err(format!("creating index {} answered HTTP {status}: {body}", upload.index)),
    }

    let tty = std::io::stdout().is_terminal();
    let mut sent = 0;
    let mut last_tenth = 0;
    for batch in docs.chunks(upload.batch) {
        let body = bulk_body(&upload.index, batch, sent, &fields.id);
        let (status, answer) = cluster.send("POST", "/_bulk", Some(body), "application/x-ndjson")?;
        if !(200..300).contains(&status) {
            return Err(format!("_bulk answered HTTP {status}: {}", answer.chars().take(500).collect::<String>()));
        }
        let answer: Value = serde_json::from_str(&answer).map_err(|e| format!("_bulk answered something not JSON: {e}"))?;
        if let Some(failure) = bulk_failure(&answer) {
            return Err(format!("after {} documents: {failure}", thousands(sent)));
        }
        sent += batch.len();
        let tenth = sent * 10 / docs.len().max(1);
        if tty {
            print!("\r{}", progress_line(sent, docs.len()));
            let _ = std::io::stdout().flush();
        } else if tenth > last_tenth || sent == docs.len() {
            println!("{}", progress_line(sent, docs.len()));
        }
        last_tenth = tenth;
    }
    if tty {
        println!();
    }
    cluster.send("POST", &format!("/{}/_refresh", upload.index), None, "application/json")?;
    let (status, count) = cluster.send("GET", &format!("/{}/_count", upload.index), None, "application/json")?;
    let count = serde_json::from_str::<Value>(&count).ok().and_then(|c| c.get("count")?.as_u64()).filter(|_| status == 200);
    let count = count.map_or("an unknown number of".to_string(), |n| thousands(n as usize));
    println!("==> index {} now holds {count} documents ({:.1} s)", upload.index, started.elapsed().as_secs_f64());
    Ok(())
}

/// One cluster, reached with ureq: a small, well-kept blocking HTTP client (a task runner needs no async runtime),
/// with rustls for https clusters, so nothing like OpenSSL has to be installed.
struct Cluster {
    agent: ureq::Agent,
    url: String,
    header: Option<(String, String)>,
}

impl Cluster {
    fn new(upload: &Upload) -> Self {
        let config = ureq::Agent::config_builder()
            // Error statuses are answers to report, not transport failures.
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build();
        Self { agent: config.into(), url: upload.url.clone(), header: upload.header.clone() }
    }

    /// `(status, body)` of one request; an error only when the cluster could not be reached.
    fn send(&self, method: &str, path: &str, body: Option<String>, content_type: &str) -> Result<(u16, String), String> {
        let url = format!("{}{path}", self.url);
        let unreachable = |e: ureq::Error| format!("{method} {url}: {e} (is the cluster running?)");
        let mut response = match (method, body) {
            ("PUT", body) => self.with_header(self.agent.put(&url)).content_type(content_type).send(body.unwrap_or_default()),
            ("POST", Some(body)) => self.with_header(self.agent.post(&url)).content_type(content_type).send(body),
            ("POST", None) => self.with_header(self.agent.post(&url)).send_empty(),
            ("DELETE", _) => self.with_header(self.agent.delete(&url)).call(),
            _ => self.with_header(self.agent.get(&url)).call(),
        }
        .map_err(unreachable)?;
        let status = response.status().as_u16();
        let text = response.body_mut().with_config().limit(64 * 1024 * 1024).read_to_string().map_err(unreachable)?;
        Ok((status, text))
    }

    fn with_header<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        match &self.header {
            Some((name, value)) => request.header(name, value),
            None => request,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_arguments() {
        let upload = Upload::from_args(&args(&["--upload", "http://127.0.0.1:9200/", "things", "--batch", "500"]));
        let upload = upload.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((upload.url.as_str(), upload.index.as_str(), upload.batch), ("http://127.0.0.1:9200", "things", 500));
        assert_eq!(upload.catalog, None);
        let with = Upload::from_args(&args(&["--upload", "https://x", "i", "--catalog", "a.json", "--header",
                                             "Authorization: ApiKey abc:d", "--recreate"]));
        let with = with.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(with.header, Some(("Authorization".into(), "ApiKey abc:d".into())));
        assert!(with.recreate);
        assert!(Upload::from_args(&args(&["--upload", "http://x"])).is_err());
        assert!(Upload::from_args(&args(&["--upload", "x:9200", "i"])).is_err());
        assert!(Upload::from_args(&args(&["--upload", "http://x", "a/b"])).is_err());
        assert!(Upload::from_args(&args(&["--upload", "http://x", "i", "--batch", "0"])).is_err());
    }

    #[test]
    fn parses_json_lines_and_arrays() {
        let lines = "{\"id\": \"a\", \"title\": \"A\"}\n\n{\"title\": \"B\"}\n";
        assert_eq!(parse_documents(lines).map(|d| d.len()), Ok(2));
        assert_eq!(parse_documents("[{\"title\": \"A\"}, {\"title\": \"B\"}]").map(|d| d.len()), Ok(2));
        assert!(parse_documents("{\"a\": 1}\n{oops}\n").err().unwrap_or_default().starts_with("line 2"));
        assert!(parse_documents("[1]").err().unwrap_or_default().contains("item 1"));
    }

    #[test]
    fn bulk_body_is_ndjson_with_ids() {
        let docs = vec![json!({"id": "wn-1", "title": "a"}), json!({"title": "b"}), json!({"id": 7})];
        let body = bulk_body("things", &docs, 10, "id");
        let lines: Vec<Value> = body.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
        assert_eq!(lines.len(), 6);
        assert!(body.ends_with('\n'));
        assert_eq!(lines[0], json!({"index": {"_index": "things", "_id": "wn-1"}}));
        assert_eq!(lines[1], docs[0]);
        assert_eq!(lines[2]["index"]["_id"], "11");
        assert_eq!(lines[4]["index"]["_id"], "7");
    }

    #[test]
    fn bulk_failures_and_progress() {
        assert_eq!(bulk_failure(&json!({"errors": false, "items": []})), None);
        let answer = json!({"errors": true, "items": [
            {"index": {"status": 201}},
            {"index": {"status": 400, "error": {"type": "mapper_parsing_exception", "reason": "failed to parse [id]"}}}
        ]});
        assert_eq!(
            bulk_failure(&answer).as_deref(),
            Some("1 document(s) were rejected; the first: mapper_parsing_exception: failed to parse [id]")
        );
        assert_eq!(progress_line(3000, 14180), "  3,000 / 14,180 documents sent (21 %)");
        assert_eq!(progress_line(0, 0), "  0 / 0 documents sent (100 %)");
        assert_eq!(mapping(&FieldNames::default())["mappings"]["properties"]["url"]["type"], "keyword");
    }

    #[test]
    fn the_catalogs_own_field_names_are_mapped_and_give_the_id() {
        let fields = FieldNames { id: "sku".into(), title: "name".into(), url: "link".into(), ..FieldNames::default() };
        let properties = &mapping(&fields)["mappings"]["properties"];
        assert_eq!(properties["sku"]["type"], "keyword");
        assert_eq!(properties["link"]["type"], "keyword");
        assert_eq!(properties["name"]["type"], "text");
        assert!(properties.get("title").is_none() && properties.get("id").is_none());
        let docs = vec![json!({"sku": "LAMP-01", "name": "Lamp", "id": "ignored"}), json!({"name": "no sku"})];
        let body = bulk_body("shop", &docs, 0, "sku");
        let lines: Vec<Value> = body.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
        assert_eq!(lines[0]["index"]["_id"], "LAMP-01");
        assert_eq!(lines[2]["index"]["_id"], "1");
        let upload = Upload::from_args(&args(&["--upload", "http://x", "shop", "--config", "shop/hark.json"]));
        assert_eq!(upload.map(|u| u.config), Ok(Some(PathBuf::from("shop/hark.json"))));
    }
}
