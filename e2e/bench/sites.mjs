// The sites the page benchmarks load: a folder served by support/server.mjs plus extra files at fixed paths, and a
// way back from a requested path to the file that was sent (for the first-load sizes).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../support/server.mjs';

/**
 * Serve `root` with `files` ({'/minisearch.js': '/abs/file.js'}) added. Returns {server, url, fileFor(pathname),
 * close()}; fileFor gives the file sent for a path, or null.
 */
export async function startSite({ root, files = {} }) {
  root = path.resolve(root);
  const server = await startServer({ root });
  const table = new Map(Object.entries(files).map(([at, file]) => [at, path.resolve(file)]));
  for (const [at, file] of table) server.route(at, { file });
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
