//! Hark's indexing Web Worker: the page posts `{catalog: <absolute URL>, config: <hark.json text>}`; the worker
//! fetches the catalog, parses it, builds its index (with the recognizer phrases it stores) and posts messages back (see [`protocol`]):
//! `{kind: "progress", percent}` while downloading, `{kind: "indexing"}`, then `{kind: "done", index: ArrayBuffer,
//! warnings: [..]}` (the buffer is transferred, not copied) or `{kind: "error", error: "status", status}` (an HTTP
//! error) or `{kind: "error", error: "fetch" | "config" | "catalog", message}`. The page terminates the worker afterwards, which frees everything it allocated.
//!
//! Trunk builds it as a worker asset (`data-type="worker"` in index.html) with a loader shim, and the page fetches
//! it only when a catalog has no usable prebuilt index.

#[cfg(target_arch = "wasm32")]
mod worker;

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::listen();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("hark-worker runs in a browser Web Worker (built by trunk for wasm32)");
}
