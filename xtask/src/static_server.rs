//! A small static file server for `cargo xtask serve --config`: serves one folder on 127.0.0.1 the way a production
//! host would (the right MIME types, `application/wasm` included), with `Cache-Control: no-store` for development.
//! tiny_http: a small, synchronous HTTP server crate, so the task runner needs no async runtime.

use std::path::{Component, Path, PathBuf};

/// Serve `root` on `127.0.0.1:port` until the process is stopped.
pub fn serve(root: &Path, port: u16) -> Result<(), String> {
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|error| format!("port {port}: {error}"))?;
    for request in server.incoming_requests() {
        let (status, file) = match resolve(root, request.url()) {
            Some(file) => (200, file),
            None => (404, PathBuf::new()),
        };
        let response = match std::fs::read(&file) {
            Ok(bytes) if status == 200 => tiny_http::Response::from_data(bytes).with_header(header("Content-Type", mime(&file))),
            _ => tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404),
        };
        let response = response.with_header(header("Cache-Control", "no-store"));
        if let Err(error) = request.respond(response) {
            eprintln!("    ! {error}");
        }
    }
    Ok(())
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    // Both are fixed ASCII strings from this file: a bad one is a bug caught by the tests below.
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| unreachable!("bad header {name}"))
}

/// The file for a request path: inside `root` only, `index.html` for `/` and for paths without an extension (a
/// single-page app), `None` when missing.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let relative = PathBuf::from(path.trim_start_matches('/'));
    if relative.components().any(|part| !matches!(part, Component::Normal(_))) {
        return None;
    }
    let file = root.join(&relative);
    if file.is_file() {
        return Some(file);
    }
    let index = root.join("index.html");
    (relative.extension().is_none() && index.is_file()).then_some(index)
}

/// The Content-Type for a file name.
pub fn mime(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json; charset=utf-8",
        "jsonl" | "ndjson" => "application/x-ndjson; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_and_the_app_answers_unknown_pages() {
        let root = std::env::temp_dir().join("xtask-static-server-test");
        std::fs::create_dir_all(root.join("data")).unwrap();
        std::fs::write(root.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(root.join("data/p.jsonl"), "{}").unwrap();
        assert_eq!(resolve(&root, "/data/p.jsonl?v=1"), Some(root.join("data/p.jsonl")));
        assert_eq!(resolve(&root, "/"), Some(root.join("index.html")));
        assert_eq!(resolve(&root, "/results"), Some(root.join("index.html")));
        assert_eq!(resolve(&root, "/missing.js"), None);
        assert_eq!(resolve(&root, "/../etc/passwd"), None);
        assert_eq!(mime(Path::new("a_bg.wasm")), "application/wasm");
        let _ = header("Cache-Control", "no-store");
    }
}
