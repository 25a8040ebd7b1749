// Runs one search engine over the benchmark catalog and queries, inside the benchmark page (a fresh page per engine,
// so heaps do not mix). Loaded by page.html; driven by run.mjs. Every engine gets the same catalog, the same 300
// clean + 300 misspelled queries (`hark-engine queries`), and is asked for its top 10.

const K = 10;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function fetchBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

function parseJsonl(bytes) {
  const text = new TextDecoder().decode(bytes);
  const docs = [];
  for (const line of text.split('\n')) if (line.trim()) docs.push(JSON.parse(line));
  return docs;
}

async function heapBytes(extra = 0) {
  // Two full collections a task apart: array buffers the engines have copied or dropped are freed by then.
  for (let i = 0; i < 2; i++) {
    if (typeof gc === 'function') gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return (performance.memory ? performance.memory.usedJSHeapSize : NaN) + extra;
}

async function hark(url, make) {
  const wasm = await import('./hark/hark_bench_wasm.js');
  await wasm.default();
  const bytes = await fetchBytes(url);
  return {
    bytes,
    build: (b) => {
      const engine = make(wasm, b);
      return { search: (q) => engine.search(q, K), wasmBytes: () => wasm.wasmMemoryBytes(), size: () => engine.len() };
    },
  };
}

// Each engine: prepare(bytes) → searcher, searcher.search(q) → ids (top K), searcher.wasmBytes() (optional).
const ENGINES = {
  // Hark from its prebuilt index, and Hark indexing the JSONL itself.
  'hark': (files) => hark(files.index, (wasm, b) => wasm.Engine.fromIndex(b)),
  'hark-in-page': (files) => hark(files.catalog, (wasm, b) => wasm.Engine.fromCatalog(b)),
  async 'minisearch'(files) {
    const { default: MiniSearch } = await import('./minisearch.js');
    const bytes = await fetchBytes(files.catalog);
    return {
      bytes,
      build: (b) => {
        const docs = parseJsonl(b);
        const ms = new MiniSearch({
          fields: ['title', 'description', 'aliases'],
          storeFields: [],
          extractField: (doc, field) => (Array.isArray(doc[field]) ? doc[field].join(' ') : doc[field]),
          searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 3 } },
        });
        ms.addAll(docs);
        return { search: (q) => ms.search(q).slice(0, K).map((r) => r.id), size: () => ms.documentCount };
      },
    };
  },
  async 'flexsearch'(files) {
    const FlexSearch = await import('./flexsearch.js');
    const Document = FlexSearch.Document || (FlexSearch.default && FlexSearch.default.Document);
    const bytes = await fetchBytes(files.catalog);
    return {
      bytes,
      build: (b) => {
        const docs = parseJsonl(b);
        const index = new Document({ document: { id: 'id', index: ['title', 'description'] }, tokenize: 'forward' });
        for (const doc of docs) index.add(doc);
        return {
          search: (q) => {
            const out = [];
            for (const field of index.search(q, { limit: K })) {
              for (const id of field.result) if (!out.includes(id) && out.length < K) out.push(id);
            }
            return out;
          },
          size: () => docs.length,
        };
      },
    };
  },
};

/** Run `name` and return its measurements. */
export async function runEngine(name, files) {
  const queries = await (await fetch(files.queries)).json();
  const prepared = await ENGINES[name](files);
  // The clock and the heap are measured from the moment the bytes have arrived (the same bytes for every engine's
  // format are not counted; DESIGN.md: "ready ≤ 300 ms after the bytes arrive").
  const inputBytes = prepared.bytes.byteLength;
  const baseline = await heapBytes();
  const t0 = performance.now();
  const searcher = prepared.build(prepared.bytes);
  const readyMs = performance.now() - t0;
  prepared.bytes = null;
  // Warm up with one full pass (the browser compiles hot code in tiers), then measure.
  for (const q of queries) searcher.search(q.query);
  const sets = {};
  for (const q of queries) {
    const started = performance.now();
    const ids = searcher.search(q.query);
    const ms = performance.now() - started;
    const set = (sets[q.set] ||= { times: [], hits: 0, n: 0 });
    set.times.push(ms);
    set.n += 1;
    if (ids.map(String).includes(q.expected_id)) set.hits += 1;
  }
  const wasm = searcher.wasmBytes ? searcher.wasmBytes() : 0;
  const heap = await heapBytes(wasm);
  // What the engine holds: JS heap growth since the bytes arrived, with the input bytes (released after loading)
  // counted back in, plus the wasm memory. If the input were still alive this overcounts, never undercounts.
  const result = { engine: name, documents: searcher.size(), readyMs, heapBytes: heap - baseline + inputBytes, wasmBytes: wasm, inputBytes, sets: {} };
  for (const [set, s] of Object.entries(sets)) {
    s.times.sort((a, b) => a - b);
    result.sets[set] = { queries: s.n, recall: s.hits / s.n, p50: percentile(s.times, 50), p95: percentile(s.times, 95), max: s.times[s.times.length - 1] };
  }
  return result;
}

window.runEngine = runEngine;
