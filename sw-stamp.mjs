// Stamps the service worker of a build (a post-build hook in Trunk.toml): writes into <dir>/sw.js the app's files
// and a build version, the first 16 hex digits of a SHA-256 over their names and contents. Any changed file gives a
// new version, so browsers install the new service worker and drop the old cache. The files index.html names (and
// index.html) are precached (APP_FILES); the others, the indexing worker's, are kept once fetched (LATER_FILES).
//
//   node sw-stamp.mjs [dir]     dir defaults to $TRUNK_STAGING_DIR (set by trunk for hooks); prints the version
//
// Not precached (the service worker fetches them network-first instead): the site's data, that is the catalog
// folder and every .json/.jsonl/.hidx file (hark.json, ?config= files, catalogs and indexes), and sw.js itself.
// Running it again on a stamped folder restamps it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const DATA = /(^|\/)catalog\/|\.(json|jsonl|ndjson|hidx)$/i;
const SW = 'sw.js';

/** Every file under `dir`, as sorted '/'-separated paths relative to it. */
function listFiles(dir, prefix = '') {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listFiles(dir, rel);
      return entry.isFile() ? [rel] : [];
    })
    .sort();
}

/** The app's files in `dir` (all that the service worker keeps) and the version they make. */
function appFiles(dir) {
  const files = listFiles(dir).filter((file) => file !== SW && !DATA.test(file));
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file + '\0');
    hash.update(fs.readFileSync(path.join(dir, file)));
    hash.update('\0');
  }
  return { files, version: hash.digest('hex').slice(0, 16) };
}

/** Write the version and file list into `dir`/sw.js; returns the version. */
function stamp(dir) {
  const sw = path.join(dir, SW);
  const source = fs.readFileSync(sw, 'utf8');
  const { files, version } = appFiles(dir);
  const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const named = (file) => file === 'index.html' || index.includes(file);
  const lines = {
    BUILD: version,
    APP_FILES: files.filter(named),
    LATER_FILES: files.filter((file) => !named(file)),
  };
  let stamped = source;
  for (const [name, value] of Object.entries(lines)) {
    const line = new RegExp(`^const ${name} = .*;$`, 'm');
    if (!line.test(stamped)) throw new Error(`${sw} has no "const ${name} = …;" line`);
    stamped = stamped.replace(line, `const ${name} = ${JSON.stringify(value)};`);
  }
  fs.writeFileSync(sw, stamped);
  return version;
}

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node sw-stamp.mjs <dir> (or run it as a trunk hook, which sets TRUNK_STAGING_DIR)');
  process.exit(2);
}
try {
  console.log(stamp(dir));
} catch (error) {
  console.error(`sw-stamp: ${error.message}`);
  process.exit(1);
}
