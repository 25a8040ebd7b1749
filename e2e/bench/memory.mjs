// The memory a page holds: its main thread and each of its live workers, through the DevTools protocol.
//
// For each realm (isolate), after two full collections (HeapProfiler.collectGarbage):
//   jsHeap        Runtime.getHeapUsage usedSize: the used JS heap
//   domHeap       … embedderHeapUsedSize: Blink's garbage-collected heap (the DOM)
//   arrayBuffers  … backingStorageSize: ArrayBuffer backing stores and external strings (not wasm memory)
//   wasm          the byteLength sum of every live WebAssembly.Memory (Runtime.queryObjects on its prototype), which
//                 none of the above counts (nor does performance.measureUserAgentSpecificMemory)
// Workers are reached with Target.setAutoAttach in non-flattened mode (messages through Target.sendMessageToTarget),
// since playwright-core gives a CDP session for pages only. A worker that has already been terminated holds nothing.

const SUM_BYTE_LENGTHS = 'function () { return this.reduce((sum, memory) => sum + memory.buffer.byteLength, 0); }';

async function realmMemory(send) {
  for (let i = 0; i < 2; i++) await send('HeapProfiler.collectGarbage');
  const heap = await send('Runtime.getHeapUsage');
  const prototype = await send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
  const found = await send('Runtime.queryObjects', { prototypeObjectId: prototype.result.objectId });
  const sum = await send('Runtime.callFunctionOn', { objectId: found.objects.objectId, functionDeclaration: SUM_BYTE_LENGTHS, returnByValue: true });
  const realm = {
    jsHeap: heap.usedSize,
    domHeap: heap.embedderHeapUsedSize ?? 0,
    arrayBuffers: heap.backingStorageSize ?? 0,
    wasm: sum.result.value,
  };
  return { ...realm, bytes: realm.jsHeap + realm.domHeap + realm.arrayBuffers + realm.wasm };
}

/** The workers of the page behind `cdp` (a Playwright CDPSession), each as a `send(method, params)`. */
async function workerSessions(cdp) {
  const workers = [];
  const pending = new Map();
  let id = 0;
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker') workers.push({ sessionId, url: targetInfo.url });
  });
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const answer = JSON.parse(message);
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if (answer.error) waiting.reject(new Error(`${answer.error.message} (${answer.error.code})`));
    else waiting.resolve(answer.result);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await new Promise((resolve) => setTimeout(resolve, 300)); // the attach events of workers already running
  return workers.map(({ sessionId, url }) => ({
    url,
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        id += 1;
        pending.set(id, { resolve, reject });
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
      }),
  }));
}

/** {bytes, realms: [{realm, jsHeap, domHeap, arrayBuffers, wasm, bytes}]} for the page and its live workers. */
export async function pageMemory(cdp) {
  const realms = [{ realm: 'main thread', ...(await realmMemory((method, params) => cdp.send(method, params))) }];
  for (const worker of await workerSessions(cdp)) realms.push({ realm: `worker ${worker.url}`, ...(await realmMemory(worker.send)) });
  return { bytes: realms.reduce((sum, realm) => sum + realm.bytes, 0), realms };
}
