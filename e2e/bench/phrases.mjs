// The spoken phrases for the spoken → painted benchmark: distinct catalog titles, picked with a fixed seed.
import fs from 'node:fs/promises';
import { seeded } from './stats.mjs';

// Words a voice interface may treat as commands rather than searches; never used as phrases.
const COMMANDS = new Set(['stop', 'next', 'previous', 'back', 'repeat', 'again', 'clear', 'cancel', 'pause', 'resume', 'more', 'help']);

/**
 * `count` distinct titles from the JSON Lines catalog at `file`, the same for every run with the same `seed`: titles
 * that occur once in the catalog (case-insensitive), of one to three plain words (letters, spaces, hyphens), 3–30
 * characters, so that each is what a person would say and each has one intended result.
 */
export async function pickPhrases(file, count, seed = 8) {
  const uses = new Map();
  for (const line of (await fs.readFile(file, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    let title;
    try {
      title = String(JSON.parse(line).title ?? '').trim();
    } catch {
      continue;
    }
    const key = title.toLowerCase();
    uses.set(key, { title, n: (uses.get(key)?.n ?? 0) + 1 });
  }
  const candidates = [...uses.values()]
    .filter(({ title, n }) => n === 1 && /^[A-Za-z][A-Za-z -]{2,29}$/.test(title) && title.split(/\s+/).length <= 3)
    .filter(({ title }) => !COMMANDS.has(title.toLowerCase()))
    .map(({ title }) => title)
    .sort();
  if (candidates.length < count) throw new Error(`${file} has only ${candidates.length} usable titles, ${count} wanted`);
  const random = seeded(seed);
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  return candidates.slice(0, count);
}
