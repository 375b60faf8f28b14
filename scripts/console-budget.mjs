// `npm run console:budget [dir]`: the console's initial JavaScript, gzipped, from the Vite manifest of
// a build (default dist/console; `npm run build` makes it). Initial means what the browser must load
// before the first page renders: the entry chunk and its static imports. Lazy pages are listed too,
// each with what it adds. Exits 1 when the initial JavaScript is over the budget.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 250 * 1024;
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const dir = resolve(process.argv[2] ?? join(root, 'dist', 'console'));
const manifestFile = join(dir, '.vite', 'manifest.json');
if (!existsSync(manifestFile)) {
  console.error(`No console build at ${dir}: run \`npm run build\` first.`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
const gzipped = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;

/** The chunk's file and every chunk it imports statically, transitively. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) closure(imported, seen);
  return seen;
}
const sizeOf = (keys) => [...keys].reduce((sum, key) => sum + gzipped(manifest[key].file), 0);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const initial = closure(entry);
const initialBytes = sizeOf(initial);
console.log(`initial JS (gzipped): ${kb(initialBytes)} of ${kb(BUDGET_BYTES)} budget, in ${initial.size} file(s)`);
for (const page of manifest[entry].dynamicImports ?? []) {
  const added = [...closure(page)].filter((key) => !initial.has(key));
  console.log(`  lazy ${page}: +${kb(sizeOf(added))}`);
}
if (initialBytes > BUDGET_BYTES) {
  console.error(`Over budget by ${kb(initialBytes - BUDGET_BYTES)}: lazy-load heavy libraries in their page.`);
  process.exit(1);
}
