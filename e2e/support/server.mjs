// A tiny static file server for the e2e tests (node:http, no dependencies).
//
//   const server = await startServer({ root });          // root defaults to $HARK_DIST or <repo>/dist
//   server.url                                           // 'http://127.0.0.1:<port>' (no trailing slash)
//   server.route('/hark.json', { body: '{"fields":…}' }) // extra routes, matched on the exact pathname first:
//   server.route('/big.jsonl', { file: '/tmp/x.jsonl', delayMs: 500 })
//   server.route('/missing.json', { status: 404 })
//   server.route('/api', (req, res, url) => { … })       // or any handler function
//   server.delay('/catalog', 800)                        // delay every response whose pathname starts with the prefix
//   server.proxy('/search-proxy/', 'http://127.0.0.1:9200', {   // forward a prefix (any method, body and headers)
//     delayMs: (body, req) => body.includes('slow') ? 1500 : 0 }) //   to a backend, minus the prefix; delayMs is a
//                                                        //   number or a function of the request body
//   server.proxied                                       // [{path, body, status, aborted}] for every proxied request
//   server.setOffline(true)                              // the network is gone: every connection is cut, no answer
//   server.unroute('/hark.json'); server.reset()         // remove one / all extra routes, delays and proxies
//   server.requests                                      // [{method, path, status}] for every request served
//   await server.close()
//   startServer({ base: '/search/' })                    // serve root under a sub-path only (others are 404)
//   startServer({ csp: "default-src 'self'" })           // send this Content-Security-Policy with every response
//
// `/` and unknown paths without an extension get index.html (a single-page app); unknown paths with an extension are
// 404. Responses are `Cache-Control: no-store` so tests never see a stale build.
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const defaultRoot = () => path.resolve(process.env.HARK_DIST || path.join(repoRoot, 'dist'));

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.ndjson': 'application/x-ndjson; charset=utf-8',
  '.hidx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startServer({ root = defaultRoot(), host = '127.0.0.1', port = 0, base = '/', csp = '' } = {}) {
  root = path.resolve(root);
  if (!base.startsWith('/') || !base.endsWith('/')) throw new Error(`base must start and end with '/': ${base}`);
  const routes = new Map();
  const delays = [];
  const requests = [];
  const proxies = [];
  const proxied = [];
  let offline = false;

  function readBody(req) {
    return new Promise((resolve, reject) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  // Forward to the backend; a backend that cannot be reached is a 502, as from a real reverse proxy. `entry.aborted`
  // records a client that went away before the answer (the app aborting a superseded search).
  async function serveProxy(req, res, url, spec) {
    const body = await readBody(req);
    const entry = { path: url.pathname + url.search, body: body.toString('utf8'), status: 0, aborted: false };
    proxied.push(entry);
    res.on('close', () => {
      if (!res.writableFinished) entry.aborted = true;
    });
    const delay = typeof spec.delayMs === 'function' ? spec.delayMs(entry.body, req) : spec.delayMs || 0;
    if (delay) await sleep(delay);
    if (entry.aborted) return (entry.status = 499);
    const target = new URL(spec.target.replace(/\/$/, '') + '/' + url.pathname.slice(spec.prefix.length) + url.search);
    const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
    return new Promise((resolve) => {
      const upstream = http.request(target, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode, { ...answer.headers, 'cache-control': 'no-store' });
        answer.pipe(res);
        answer.on('end', () => resolve((entry.status = answer.statusCode)));
      });
      upstream.on('error', (err) => {
        if (!res.headersSent) sendText(req, res, 502, `bad gateway: ${err.message}`);
        resolve((entry.status = 502));
      });
      upstream.end(body);
    });
  }

  async function sendFile(req, res, file, status = 200, type = contentType(file)) {
    const data = await fsp.readFile(file);
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': data.length, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : data);
    return status;
  }

  function sendText(req, res, status, body, type = 'text/plain; charset=utf-8') {
    const data = Buffer.isBuffer(body) ? body : Buffer.from(String(body ?? ''));
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': data.length, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : data);
    return status;
  }

  async function serveRoute(req, res, url, spec) {
    if (typeof spec === 'function') {
      await spec(req, res, url);
      return res.statusCode;
    }
    if (spec.delayMs) await sleep(spec.delayMs);
    const status = spec.status ?? 200;
    if (spec.file) return sendFile(req, res, spec.file, status, spec.type || contentType(spec.file));
    if (spec.body !== undefined) {
      const body = typeof spec.body === 'object' && !Buffer.isBuffer(spec.body) ? JSON.stringify(spec.body) : spec.body;
      const type =
        spec.type ||
        (typeof spec.body === 'object' && !Buffer.isBuffer(spec.body) ? CONTENT_TYPES['.json'] : contentType(url.pathname));
      return sendText(req, res, status, body, type);
    }
    return sendText(req, res, status, status === 200 ? '' : http.STATUS_CODES[status] || '');
  }

  async function serveStatic(req, res, url) {
    // Served under a sub-path (`base`, e.g. '/search/'): only paths below it exist.
    if (!url.pathname.startsWith(base)) return sendText(req, res, 404, 'not found');
    let rel;
    try {
      rel = decodeURIComponent('/' + url.pathname.slice(base.length));
    } catch {
      return sendText(req, res, 400, 'bad path');
    }
    if (rel.includes('\0')) return sendText(req, res, 400, 'bad path');
    let file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
    if (file !== root && !file.startsWith(root + path.sep)) return sendText(req, res, 403, 'forbidden');
    let st = await fsp.stat(file).catch(() => null);
    if (st && st.isDirectory()) {
      file = path.join(file, 'index.html');
      st = await fsp.stat(file).catch(() => null);
    }
    if (st && st.isFile()) return sendFile(req, res, file);
    if (!path.extname(rel)) {
      const index = path.join(root, 'index.html');
      if (fs.existsSync(index)) return sendFile(req, res, index);
      return sendText(req, res, 404, `no index.html in ${root}`);
    }
    // Browsers ask for a favicon on their own; a missing one must not show up as a console error in every test.
    if (rel === '/favicon.ico') {
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      res.end();
      return 204;
    }
    return sendText(req, res, 404, 'not found');
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const entry = { method: req.method, path: url.pathname + url.search, status: 0 };
    requests.push(entry);
    if (offline) {
      entry.status = -1;
      req.socket.destroy();
      return;
    }
    if (csp) res.setHeader('Content-Security-Policy', csp);
    try {
      const proxy = proxies.find((p) => url.pathname.startsWith(p.prefix));
      if (proxy) {
        entry.status = await serveProxy(req, res, url, proxy);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD' && !routes.has(url.pathname)) {
        entry.status = sendText(req, res, 405, 'method not allowed');
        return;
      }
      for (const d of delays) if (url.pathname.startsWith(d.prefix)) await sleep(d.ms);
      const spec = routes.get(url.pathname);
      entry.status = spec ? await serveRoute(req, res, url, spec) : await serveStatic(req, res, url);
    } catch (err) {
      entry.status = 500;
      if (!res.headersSent) sendText(req, res, 500, String(err && err.stack ? err.stack : err));
      else res.destroy(err);
    }
  });
  // Keep-alive sockets would make close() wait; track and destroy them.
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const addr = server.address();

  return {
    url: `http://${host}:${addr.port}`,
    base,
    port: addr.port,
    root,
    requests,
    proxied,
    proxy(prefix, target, { delayMs = 0 } = {}) {
      const existing = proxies.findIndex((p) => p.prefix === prefix);
      if (existing >= 0) proxies.splice(existing, 1);
      proxies.push({ prefix, target, delayMs });
      return this;
    },
    route(pathname, spec) {
      routes.set(pathname, spec);
      return this;
    },
    /** Cut every connection (open ones too) until `setOffline(false)`: requests get no answer at all. */
    setOffline(on) {
      offline = Boolean(on);
      if (offline) for (const s of sockets) s.destroy();
      return this;
    },
    unroute(pathname) {
      routes.delete(pathname);
      return this;
    },
    delay(prefix, ms) {
      delays.push({ prefix, ms });
      return this;
    },
    reset() {
      routes.clear();
      delays.length = 0;
      proxies.length = 0;
      proxied.length = 0;
      return this;
    },
    close() {
      return new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    },
  };
}

// `node e2e/support/server.mjs [root]` serves a folder by hand (for looking at the app in a browser).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = await startServer({ root: process.argv[2] || defaultRoot(), port: Number(process.env.PORT || 0) });
  console.log(`serving ${s.root} at ${s.url}/`);
}
