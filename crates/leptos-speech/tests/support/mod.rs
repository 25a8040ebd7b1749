//! A scripted fake `SpeechRecognition` for wasm-bindgen tests, installed on `window` per test.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const originals = {};
for (const name of ['SpeechRecognition', 'webkitSpeechRecognition']) {
  originals[name] = Object.getOwnPropertyDescriptor(window, name);
}
class FakeRecognition extends EventTarget {
  constructor() {
    super();
    this.lang = ''; this.continuous = false; this.interimResults = false; this.maxAlternatives = 1;
    this.calls = []; this.started = false; this.heard = 0;
    window.__fakeRecognizers.push(this);
  }
  start(track) {
    if (this.started) throw new DOMException('recognition has already started', 'InvalidStateError');
    this.started = true;
    this.calls.push(track === undefined ? 'start' : `start(${track.kind} track, ${track.readyState})`);
  }
  stop() { this.calls.push('stop'); }
  abort() { this.calls.push('abort'); }
}
// Chrome 139+: processLocally and phrases on the prototype, static available()/install().
class ModernRecognition extends FakeRecognition {
  get processLocally() { return !!this._local; }
  set processLocally(v) { this._local = !!v; }
  get phrases() { return this._phrases || []; }
  set phrases(v) { this._phrases = v; }
  static available(options) {
    window.__availableCalls.push(options);
    const answer = window.__availableAnswer;
    return answer === 'hang' ? new Promise(() => {}) : Promise.resolve(answer);
  }
  static install(options) {
    window.__installCalls.push(options);
    return Promise.resolve(!!window.__installResult);
  }
}
class FakePhrase {
  constructor(phrase, boost) {
    if (typeof phrase !== 'string') throw new TypeError('phrase');
    if (!(boost >= 0 && boost <= 10)) throw new RangeError('boost');
    this.phrase = phrase; this.boost = boost;
  }
}
export function set_available(answer, install_result) {
  window.__availableAnswer = answer; window.__installResult = install_result;
}
export function available_calls() { return window.__availableCalls; }
export function set_brave(on) {
  if (on) Object.defineProperty(navigator, 'brave', { value: {}, configurable: true });
  else delete navigator.brave;
}
export function install_fake(mode) {
  window.__fakeRecognizers = [];
  window.__availableCalls = [];
  window.__installCalls = [];
  delete window.SpeechRecognitionPhrase;
  for (const name of ['SpeechRecognition', 'webkitSpeechRecognition']) delete window[name];
  if (mode === 'modern' || mode === 'modern-phrases') {
    window.SpeechRecognition = ModernRecognition;
    window.webkitSpeechRecognition = ModernRecognition;
  }
  if (mode === 'modern-phrases') window.SpeechRecognitionPhrase = FakePhrase;
  if (mode === 'standard' || mode === 'both') window.SpeechRecognition = FakeRecognition;
  if (mode === 'prefixed' || mode === 'both') window.webkitSpeechRecognition = FakeRecognition;
}
export function restore_real() {
  delete window.SpeechRecognitionPhrase;
  for (const [name, descriptor] of Object.entries(originals)) {
    delete window[name];
    if (descriptor) Object.defineProperty(window, name, descriptor);
  }
}
export function recognizers() { return window.__fakeRecognizers; }
export function calls(rec) { return rec.calls.join(','); }
export function fire(rec, type) { rec.dispatchEvent(new Event(type)); }
export function fire_error(rec, code, message) {
  const event = new Event('error');
  Object.defineProperty(event, 'error', { value: code });
  Object.defineProperty(event, 'message', { value: message });
  rec.dispatchEvent(event);
}
// items: [[transcript, confidence, isFinal], ...], one alternative each, or alternatives via `extra`.
export function fire_result(rec, resultIndex, items, extra) {
  const results = items.map(([transcript, confidence, isFinal], i) => {
    const alternatives = [{ transcript, confidence }, ...((extra && extra[i]) || []).map(([t, c]) => ({ transcript: t, confidence: c }))];
    const result = Object.assign([...alternatives], { isFinal, item: (k) => alternatives[k] });
    return result;
  });
  const list = Object.assign([...results], { item: (k) => results[k] });
  const event = new Event('result');
  Object.defineProperty(event, 'resultIndex', { value: resultIndex });
  Object.defineProperty(event, 'results', { value: list });
  rec.dispatchEvent(event);
}
"#)]
extern "C" {
    /// Replace the recognition constructors: `"both"`, `"standard"`, `"prefixed"` or `"none"`; `"modern"` adds
    /// `processLocally`, `phrases`, `available()` and `install()`, `"modern-phrases"` also `SpeechRecognitionPhrase`.
    pub fn install_fake(mode: &str);
    /// What the modern fake's `available()` resolves to (`"hang"`: never) and `install()` to.
    pub fn set_available(answer: &str, install_result: bool);
    /// The options of every `available()` call.
    pub fn available_calls() -> js_sys::Array;
    /// Define or delete `navigator.brave`.
    pub fn set_brave(on: bool);
    /// Put the browser's own constructors back.
    pub fn restore_real();
    /// Every fake recognizer constructed since `install_fake`.
    pub fn recognizers() -> js_sys::Array;
    /// The methods called on a recognizer, comma-separated.
    pub fn calls(recognizer: &JsValue) -> String;
    /// Dispatch a plain event of `type`.
    pub fn fire(recognizer: &JsValue, event_type: &str);
    /// Dispatch an `error` event with `code`.
    pub fn fire_error(recognizer: &JsValue, code: &str, message: &str);
    /// Dispatch a `result` event.
    pub fn fire_result(recognizer: &JsValue, result_index: u32, items: JsValue, extra: JsValue);
}

/// The `n`th recognizer constructed.
pub fn recognizer(n: u32) -> JsValue {
    recognizers().get(n)
}

/// Build the `items` argument of [`fire_result`] from `(transcript, confidence, is_final)`.
pub fn items(list: &[(&str, f64, bool)]) -> JsValue {
    list.iter()
        .map(|&(text, confidence, is_final)| {
            let item = js_sys::Array::new();
            item.push(&text.into());
            item.push(&confidence.into());
            item.push(&is_final.into());
            JsValue::from(item)
        })
        .collect::<js_sys::Array>()
        .into()
}

/// Read a property of a JS object.
pub fn prop(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}
