/**
 * `npm run bench:journal`: HW-1/PAR-1 reads through the real HTTP API. For each database (PGlite, the PostgreSQL
 * server at DATABASE_URL / 127.0.0.1:5432) a throwaway database gets two schools by SQL (bench/journal/seed.ts): a
 * small one (one class of 25) and a big one (40 classes of 25 = 1,000 students, 10 subjects, 200 assignments a class
 * with a submission and a mark each). The server (buildApp, in this process, listening on a port) is asked one
 * request at a time for a class journal (the mathematics teacher, one subject) and a parent's «Главная» (two
 * children): p50/p95/p99, and the SQL statements per request (db/client queryStats) in the small school and the big
 * one, which must be equal. Ends with one line of JSON. Target: p99 < 50 ms.
 * Options: --only=pglite,postgres --rounds=200 --classes=40 --per-class=25 --assignments=200
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { openDatabase, queryStats } from '../../server/src/db/client.js';
import { resolveSecret } from '../../server/src/db/secret.js';
import { systemClock } from '../../server/src/lib/clock.js';
import { InProcessBus } from '../../server/src/platform/events/bus.js';
import { DevSmsProvider } from '../../server/src/platform/sms/devSms.js';
import { benchDatabase, pgAvailable } from '../lib/postgres.js';
import { machine, percentile, round } from '../lib/stats.js';
import { type JournalFixture, seedJournal } from './seed.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const only = (args.get('only') ?? 'pglite,postgres').split(',');
const rounds = Number(args.get('rounds') ?? 200);
const big = { classes: Number(args.get('classes') ?? 40), perClass: Number(args.get('per-class') ?? 25), assignments: Number(args.get('assignments') ?? 200) };
const small = { classes: 1, perClass: 25, assignments: big.assignments };
const TARGET = { p99: 50 };

interface Endpoint { p50: number; p95: number; p99: number; max: number; queries: { small: number; big: number } }
interface Run { server: 'pglite' | 'postgres'; seedSeconds: number; counts: JournalFixture['counts']; journal: Endpoint; parentHome: Endpoint }

async function get(url: string, cookie: string): Promise<{ ms: number; queries: number; body: string }> {
  const before = queryStats.count;
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie, accept: 'application/json' } });
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url} → ${res.status} ${body.slice(0, 300)}`);
  return { ms, queries: queryStats.count - before, body };
}

async function measure(name: Run['server']): Promise<Run> {
  const dir = mkdtempSync(path.join(tmpdir(), `parta-bench-journal-${name}-`));
  const pgDb = name === 'postgres' ? await benchDatabase() : null;
  const database = await openDatabase(pgDb ? { url: pgDb.url } : { dataDir: path.join(dir, 'db') });
  try {
    const secret = await resolveSecret(database.db, undefined);
    const t0 = Date.now();
    const smallSchool = await seedJournal(database.db, secret, small, '10');
    const bigSchool = await seedJournal(database.db, secret, big, '20');
    await database.db.execute(sql`vacuum analyze`);
    const seedSeconds = Math.round((Date.now() - t0) / 1000);
    console.log(`${name}: seeded in ${seedSeconds} s — small ${JSON.stringify(smallSchool.counts)}, big ${JSON.stringify(bigSchool.counts)}`);

    const config = loadConfig({
      PARTA_DEMO: '0', LOG_LEVEL: 'silent', DATA_DIR: dir, PUBLIC_URL: 'http://127.0.0.1', RATE_LIMIT_SCALE: '0',
      LESSON_SWEEP_MS: '0', POLL_SWEEP_MS: '0', HOMEWORK_SWEEP_MS: '0',
    });
    const app = await buildApp(
      { config, db: database.db, clock: systemClock, sms: new DevSmsProvider({ info: () => undefined }), events: new InProcessBus(), secret },
      { logger: false },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api`;
    try {
      const journalUrl = (f: JournalFixture) => `${base}/classes/${f.classId}/journal?subject=${encodeURIComponent(f.subject)}`;
      const homeUrl = `${base}/parents/home`;
      const check = JSON.parse((await get(journalUrl(bigSchool), bigSchool.teacherCookie)).body) as { data: { rows: unknown[]; assignments: unknown[] } };
      const home = JSON.parse((await get(homeUrl, bigSchool.parentCookie)).body) as { data: { children: { due: unknown[]; marks: unknown[] }[] } };
      if (check.data.rows.length !== big.perClass || check.data.assignments.length === 0 || home.data.children.length !== 2) {
        throw new Error(`unexpected answers: journal ${check.data.rows.length} rows × ${check.data.assignments.length}, home ${home.data.children.length} children`);
      }
      const endpoint = async (label: string, url: (f: JournalFixture) => string, cookie: (f: JournalFixture) => string): Promise<Endpoint> => {
        // Warm-up: JIT, the pool, the database's caches.
        for (let i = 0; i < 20; i++) await get(url(bigSchool), cookie(bigSchool));
        const queries = { small: (await get(url(smallSchool), cookie(smallSchool))).queries, big: (await get(url(bigSchool), cookie(bigSchool))).queries };
        const ms: number[] = [];
        for (let i = 0; i < rounds; i++) ms.push((await get(url(bigSchool), cookie(bigSchool))).ms);
        const e = { p50: round(percentile(ms, 0.5)), p95: round(percentile(ms, 0.95)), p99: round(percentile(ms, 0.99)), max: round(Math.max(...ms)), queries };
        console.log(`${name} ${label}: p50 ${e.p50} ms, p95 ${e.p95} ms, p99 ${e.p99} ms, max ${e.max} ms; SQL statements per request: ${queries.small} with 25 students, ${queries.big} with ${bigSchool.counts.students}`);
        return e;
      };
      const journal = await endpoint('class journal', journalUrl, (f) => f.teacherCookie);
      const parentHome = await endpoint('parent’s «Главная»', () => homeUrl, (f) => f.parentCookie);
      return { server: name, seedSeconds, counts: bigSchool.counts, journal, parentHome };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const started = Date.now();
const loadavgAtStart = round(loadavg()[0] ?? 0, 2);
console.log(`journal: ${big.classes} classes × ${big.perClass} students, 10 subjects, ${big.assignments} assignments a class (a submission and a mark each for the past ones); ${rounds} requests one at a time per endpoint`);
const runs: Run[] = [];
for (const name of only) {
  if (name === 'postgres' && !(await pgAvailable())) {
    console.log('postgres: skipped, no PostgreSQL server at DATABASE_URL / 127.0.0.1:5432');
    continue;
  }
  if (name === 'postgres' || name === 'pglite') runs.push(await measure(name));
}
const met = (r: Run) => r.journal.p99 < TARGET.p99 && r.parentHome.p99 < TARGET.p99;
const flat = (r: Run) => r.journal.queries.small === r.journal.queries.big && r.parentHome.queries.small === r.parentHome.queries.big;
console.log(JSON.stringify({
  bench: 'journal',
  machine: { ...machine(), loadavgAtStart },
  data: { ...big, subjects: 10 },
  rounds,
  target: TARGET,
  targetMet: runs.length ? runs.every(met) : null,
  queryCountFlat: runs.length ? runs.every(flat) : null,
  runs,
  tookSeconds: Math.round((Date.now() - started) / 1000),
}));
process.exit(0);
