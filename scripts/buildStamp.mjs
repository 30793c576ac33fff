// What `npm start` builds and when (docs/OPERATIONS.md «Start»): a build is current when the SHA-256 over the contents
// of its inputs equals the stamp written beside its output the last time it was built. Contents, not mtimes: a git
// checkout or a copy touches every mtime without changing what gets built.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What each build reads. A directory counts with everything under it (tests excluded from the server's). */
export const webInputs = [
  'web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'web/package.json', 'web/tsconfig.json',
  'contracts/src', 'contracts/package.json', 'package-lock.json',
];
export const serverInputs = [
  'server/src', 'server/package.json', 'contracts/src', 'contracts/package.json', 'package-lock.json', 'scripts/start.mjs',
];

const STAMP_FILE = '.parta-build.json';

function listFiles(abs, out) {
  let entries;
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch {
    if (existsSync(abs) && statSync(abs).isFile()) out.push(abs);
    return;
  }
  for (const e of entries) {
    const p = path.join(abs, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist') listFiles(p, out);
    } else if (e.isFile() && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
}

/** One hash over the paths and contents of `inputs` (relative to `root`); missing inputs count as absent. */
export function stampOf(root, inputs) {
  const hash = createHash('sha256');
  for (const input of inputs) {
    const files = [];
    listFiles(path.join(root, input), files);
    for (const file of files.sort()) {
      hash.update(path.relative(root, file));
      hash.update('\0');
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/** True when `outDir` holds `marker` and a stamp equal to `stamp`. */
export function isCurrent(outDir, marker, stamp) {
  if (!existsSync(path.join(outDir, marker))) return false;
  try {
    return JSON.parse(readFileSync(path.join(outDir, STAMP_FILE), 'utf8')).stamp === stamp;
  } catch {
    return false;
  }
}

export function writeStamp(outDir, stamp) {
  writeFileSync(path.join(outDir, STAMP_FILE), `${JSON.stringify({ stamp, builtAt: new Date().toISOString() })}\n`);
}
