// The sites the page benchmarks load: a folder served by support/server.mjs plus extra files at fixed paths, and a
// way back from a requested path to the file that was sent (for the first-load sizes).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, contentType } from '../support/server.mjs';

/** Every file under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(dir, rel) : [rel];
  });
}

/** A handler sending `file` with the headers that make a page cross-origin isolated (for measureUserAgentSpecificMemory). */
function isolatedFile(file) {
  return async (req, res) => {
    const data = await fsp.readFile(file);
    res.writeHead(200, {
      'Content-Type': contentType(file),
      'Content-Length': data.length,
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    res.end(req.method === 'HEAD' ? undefined : data);
  };
}

/**
 * Serve `root` with `files` ({'/minisearch.js': '/abs/file.js'}) added. `isolated`: every file (and `/`) is sent with
 * COOP same-origin + COEP require-corp, so `crossOriginIsolated` is true in the page and its workers.
 * Returns {server, url, fileFor(pathname), close()}; fileFor gives the file sent for a path, or null.
 */
export async function startSite({ root, files = {}, isolated = false }) {
  root = path.resolve(root);
  const server = await startServer({ root });
  const table = new Map(Object.entries(files).map(([at, file]) => [at, path.resolve(file)]));
  if (isolated) {
    for (const rel of filesUnder(root)) if (!table.has('/' + rel)) server.route('/' + rel, isolatedFile(path.join(root, rel)));
    server.route('/', isolatedFile(path.join(root, 'index.html')));
  }
  for (const [at, file] of table) server.route(at, isolated ? isolatedFile(file) : { file });
  const fileFor = (pathname) => {
    if (table.has(pathname)) return table.get(pathname);
    const file = path.resolve(root, '.' + path.posix.normalize('/' + decodeURIComponent(pathname)));
    if (!file.startsWith(root)) return null;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
    const index = path.join(fs.existsSync(file) ? file : root, 'index.html');
    return (pathname.endsWith('/') || !path.extname(pathname)) && fs.existsSync(index) ? index : null;
  };
  return { server, url: server.url, fileFor, close: () => server.close() };
}

/** probe.js, the page-side half of the page benchmarks, for context.addInitScript({ path: PROBE }). */
export const PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'probe.js');
