// The indexing worker's loader (a classic worker script): load the wasm-bindgen glue beside it, then start the wasm.
// Paths are relative to this script, so the worker works under any sub-path. See worker/src/main.rs.
importScripts("./hark-worker.js");
wasm_bindgen({ module_or_path: "./hark-worker_bg.wasm" });
