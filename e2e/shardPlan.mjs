#!/usr/bin/env node
/**
 * Which browser spec files each of .ci/run's side-by-side shards runs. Playwright's own `--shard` cuts the sorted list
 * of files into runs of equal test counts, so one shard got the ten-minute language check and the lessons together
 * and finished long after the other. Here the files are dealt out by how long each took (e2e/durations.json, seconds,
 * from a full run's reports): the longest first, each to the shard with the least so far. A file not listed yet
 * counts as the median. Within a shard the files keep their names' order (0-no-english.spec.ts first: it reads
 * every screen before other specs add to the demo school).
 *
 *   node e2e/shardPlan.mjs plan <shard> <shards>        the files of one shard (1-based), one per line
 *   node e2e/shardPlan.mjs record <results.json>...     rewrites durations.json from Playwright JSON reports
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const testsDir = path.join(here, 'tests');
const durationsFile = path.join(here, 'durations.json');

function specFiles() {
  return readdirSync(testsDir).filter((f) => f.endsWith('.spec.ts')).sort();
}

function readDurations() {
  try {
    return JSON.parse(readFileSync(durationsFile, 'utf8'));
  } catch {
    return {};
  }
}

export function plan(files, durations, shards) {
  const known = files.map((f) => durations[f]).filter((d) => typeof d === 'number').sort((a, b) => a - b);
  const median = known.length ? known[Math.floor(known.length / 2)] : 60;
  const cost = (f) => (typeof durations[f] === 'number' ? durations[f] : median);
  const bins = Array.from({ length: shards }, () => ({ total: 0, files: [] }));
  for (const f of [...files].sort((a, b) => cost(b) - cost(a) || a.localeCompare(b))) {
    const bin = bins.reduce((min, b) => (b.total < min.total ? b : min));
    bin.total += cost(f);
    bin.files.push(f);
  }
  return bins.map((b) => ({ total: b.total, files: b.files.sort() }));
}

/** Seconds per spec file: the sum of its tests' durations (every attempt) in the reports given. */
function durationsFrom(reports) {
  const seconds = {};
  const walk = (suite, file) => {
    const f = suite.file ?? file;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) for (const r of t.results ?? []) seconds[path.basename(f)] = (seconds[path.basename(f)] ?? 0) + r.duration / 1000;
    }
    for (const child of suite.suites ?? []) walk(child, f);
  };
  for (const report of reports) for (const suite of JSON.parse(readFileSync(report, 'utf8')).suites ?? []) walk(suite, suite.file);
  return Object.fromEntries(Object.entries(seconds).sort(([a], [b]) => a.localeCompare(b)).map(([f, s]) => [f, Math.round(s)]));
}

const [command, ...args] = process.argv.slice(2);
if (command === 'plan') {
  const shard = Number(args[0]);
  const shards = Number(args[1]);
  if (!(shard >= 1 && shard <= shards)) throw new Error(`usage: plan <shard 1..n> <n>`);
  const bins = plan(specFiles(), readDurations(), shards);
  for (const f of bins[shard - 1].files) console.log(path.join('e2e', 'tests', f));
} else if (command === 'record') {
  const measured = durationsFrom(args);
  writeFileSync(durationsFile, `${JSON.stringify({ ...readDurations(), ...measured }, null, 2)}\n`);
  console.log(`${Object.keys(measured).length} files recorded in ${durationsFile}`);
} else if (command !== undefined) {
  throw new Error(`unknown command ${command}`);
}
