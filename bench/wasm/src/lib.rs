//! The engine as the page uses it (browser folding, prebuilt index or in-page indexing), with a JS API for the
//! benchmark page `e2e/bench/engines.mjs`.

use hark::search::local::{browser_fold, LocalSearch};
use hark_engine::{parse_catalog, CatalogConfig, Index, Query};
use wasm_bindgen::prelude::*;

/// A loaded index.
#[wasm_bindgen]
pub struct Engine {
    search: LocalSearch,
}

#[wasm_bindgen]
impl Engine {
    /// Load a prebuilt index (`hark-engine index`).
    #[wasm_bindgen(js_name = fromIndex)]
    pub fn from_index(bytes: Vec<u8>) -> Result<Engine, JsError> {
        let index = Index::from_vec(bytes).map_err(|error| JsError::new(&error.to_string()))?;
        Ok(Engine { search: LocalSearch::new(index) })
    }

    /// Parse and index a catalog in the page.
    #[wasm_bindgen(js_name = fromCatalog)]
    pub fn from_catalog(bytes: &[u8]) -> Result<Engine, JsError> {
        let config = CatalogConfig::default();
        let catalog = parse_catalog(bytes, &config).map_err(|error| JsError::new(&error.to_string()))?;
        Ok(Engine { search: LocalSearch::new(Index::build_with_folder(&catalog, &config, browser_fold)) })
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.search.len()
    }

    /// The ids of the top `k` documents for typed text (prefix, typo and sound-alike tolerance on).
    pub fn search(&self, text: &str, k: usize) -> Vec<String> {
        let index = self.search.index();
        index
            .search(&Query::text(text).with_prefix_last_word(true).with_limit(k))
            .into_iter()
            .filter_map(|hit| index.doc(hit.doc).map(|doc| doc.id.to_string()))
            .collect()
    }
}

/// Bytes of wasm linear memory in use by this module.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64
}
