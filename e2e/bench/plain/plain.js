// The plain-JS baseline for `cargo xtask bench` (e2e/bench/page_bench.mjs): the same UI contract as Hark
// (/work/shared/DESIGN.md, "UI contract"), MiniSearch 7.2 (prefix, fuzzy 0.2, title boost 3) over the same catalog,
// and results rendered the obvious efficient way: one DocumentFragment of fresh elements, swapped in with
// replaceChildren(), in the same task as the recognition event. Nothing here is specific to the benchmark harness.
//
// Served with `./minisearch.js` (MiniSearch's ES build) and `./catalog/things.jsonl` beside it; `?catalog=<url>`
// loads another JSON Lines or JSON array catalog with the fields id, title, description, category, url (and the
// searchable but hidden keywords / aliases / tags, as Hark reads them).
import MiniSearch from './minisearch.js';

const MAX_RESULTS = 10;
const READ = 3;
const KEYWORD_FIELDS = ['keywords', 'aliases', 'tags'];

const form = document.getElementById('form');
const box = document.getElementById('q');
const mic = document.getElementById('mic');
const continuous = document.getElementById('continuous');
const readAloud = document.getElementById('read');
const status = document.getElementById('status');
const list = document.getElementById('results');

const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
const synthesis = window.speechSynthesis;

let docs = [];
let index = null;
let noun = 'things';
let session = null;
let wantListening = false;
let lastRestart = 0;

/** "14180" → "14,180". */
const grouped = (n) => n.toLocaleString('en-US');

/** The catalog's objects, from JSON Lines or a JSON array; a bad line is named in the error. */
function parseCatalog(text) {
  if (text.trimStart().startsWith('[')) return JSON.parse(text);
  const items = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    try {
      items.push(JSON.parse(line));
    } catch (error) {
      throw new Error(`line ${i + 1}: ${error.message}`);
    }
  }
  return items;
}

const asText = (value) => (value === undefined || value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value));

async function load() {
  const url = new URLSearchParams(location.search).get('catalog') || 'catalog/things.jsonl';
  if (url !== 'catalog/things.jsonl') noun = 'items';
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const items = parseCatalog(await response.text());
    status.textContent = 'Indexing the catalog…';
    docs = items.map((item, n) => ({
      n,
      id: asText(item.id),
      title: asText(item.title),
      description: asText(item.description),
      category: asText(item.category),
      url: asText(item.url),
      keywords: KEYWORD_FIELDS.map((field) => asText(item[field])).filter(Boolean).join(', '),
    }));
    index = new MiniSearch({
      idField: 'n',
      fields: ['title', 'description', 'keywords'],
      storeFields: [],
      searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 3 } },
    });
    index.addAll(docs);
    status.textContent = `Ready — ${grouped(docs.length)} ${noun}.`;
    if (box.value.trim()) runSearch(box.value);
  } catch (error) {
    status.textContent = `The catalog could not be loaded: ${error.message}.`;
  }
}

/** `text` as nodes, with the words MiniSearch matched (`terms`, lower case) in `<mark>`. */
function marked(text, terms) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const word of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!terms.has(word[0].toLowerCase())) continue;
    if (word.index > at) fragment.append(text.slice(at, word.index));
    const mark = document.createElement('mark');
    mark.textContent = word[0];
    fragment.append(mark);
    at = word.index + word[0].length;
  }
  if (at < text.length) fragment.append(text.slice(at));
  return fragment;
}

/** The URL if it is http(s) or relative to this page. */
function safeHref(url) {
  if (!url) return null;
  try {
    const resolved = new URL(url, location.href);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

function resultItem(doc, terms) {
  const li = document.createElement('li');
  li.className = 'result';
  const heading = document.createElement('h2');
  heading.className = 'result-title';
  const href = safeHref(doc.url);
  if (href) {
    const link = document.createElement('a');
    link.href = href;
    link.append(marked(doc.title, terms));
    heading.append(link);
  } else {
    heading.append(marked(doc.title, terms));
  }
  li.append(heading);
  if (doc.description) {
    const description = document.createElement('p');
    description.className = 'result-description';
    description.append(marked(doc.description, terms));
    li.append(description);
  }
  if (doc.category) {
    const category = document.createElement('span');
    category.className = 'result-category';
    category.textContent = doc.category;
    li.append(category);
  }
  return li;
}

function runSearch(text) {
  const query = text.trim();
  if (!index) {
    if (query) status.textContent = `Loading the catalog… Your search for “${query}” will show when it is ready.`;
    return [];
  }
  const hits = query ? index.search(query).slice(0, MAX_RESULTS) : [];
  const fragment = document.createDocumentFragment();
  for (const hit of hits) fragment.append(resultItem(docs[hit.id], new Set(hit.terms)));
  list.replaceChildren(fragment);
  if (query) {
    status.textContent = hits.length
      ? `${hits.length} ${hits.length === 1 ? 'result' : 'results'} for “${query}”.`
      : `Nothing matches “${query}”.`;
  } else {
    status.textContent = `Ready — ${grouped(docs.length)} ${noun}.`;
  }
  return hits;
}

function read(query, hits) {
  if (!readAloud.checked || !synthesis) return;
  synthesis.cancel();
  const say = (text) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'en-US';
    synthesis.speak(utterance);
  };
  say(hits.length ? `${hits.length} ${hits.length === 1 ? 'result' : 'results'} for ${query}.` : `No results for ${query}.`);
  for (const hit of hits.slice(0, READ)) say(docs[hit.id].title);
}

function setListening(on) {
  mic.setAttribute('aria-pressed', String(on));
  if (!on && index) status.textContent = `Ready — ${grouped(docs.length)} ${noun}.`;
}

function onResult(event) {
  for (let i = event.resultIndex; i < event.results.length; i++) {
    const result = event.results[i];
    const transcript = result[0].transcript.trim();
    box.value = transcript;
    box.classList.toggle('interim', !result.isFinal);
    if (result.isFinal) read(transcript, runSearch(transcript));
  }
}

function listen() {
  if (!Recognition) return;
  if (synthesis) synthesis.cancel();
  wantListening = true;
  session = new Recognition();
  session.lang = 'en-US';
  session.continuous = continuous.checked;
  session.interimResults = true;
  session.maxAlternatives = 1;
  session.onresult = onResult;
  session.onerror = (event) => {
    if (event.error !== 'aborted' && event.error !== 'no-speech') {
      wantListening = false;
      status.textContent = `Speech recognition failed (${event.error}). You can still type.`;
    }
  };
  session.onend = () => {
    session = null;
    // Chrome ends continuous sessions after a silence: start again, at most once a second.
    if (wantListening && continuous.checked) {
      const wait = Math.max(0, lastRestart + 1000 - performance.now());
      setTimeout(() => wantListening && !session && listen(), wait);
      lastRestart = performance.now() + wait;
      return;
    }
    wantListening = false;
    setListening(false);
  };
  session.start();
  setListening(true);
  status.textContent = 'Listening…';
}

function stopListening() {
  wantListening = false;
  if (session) session.abort();
  if (synthesis) synthesis.cancel();
  setListening(false);
}

mic.disabled = !Recognition;
readAloud.disabled = !synthesis;
mic.addEventListener('click', () => (mic.getAttribute('aria-pressed') === 'true' ? stopListening() : listen()));
box.addEventListener('input', () => {
  box.classList.remove('interim');
  runSearch(box.value);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  read(box.value.trim(), runSearch(box.value));
});
load();
