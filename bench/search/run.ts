/**
 * `npm run bench:search`: SRCH-1 latency through the real HTTP API. For each database (PostgreSQL
 * server, PGlite) a throwaway database gets 100,000 chat messages in 300 chats, 5,000 documents and
 * videos, 5,000 articles and 2,000 news posts over five schools (bench/search/seed.ts); one signed-in
 * person (in 40 chats and two schools) asks GET /api/search?q=…&limit=5 for 40 realistic queries
 * (common and rare words, word forms, phrases, `or`, `-word`, misses). Measured: one request at a
 * time (p50/p99, the target: p99 < 50 ms on PostgreSQL), then `--concurrency` clients at once for
 * `--seconds` (queries/s, p50/p99). The server runs in its own process on CPU 0, this client on
 * CPU 1 (taskset), PostgreSQL unpinned. Ends with one line of JSON.
 * Options: --only=postgres,pglite --rounds=10 --concurrency=4 --seconds=10 --no-pin
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../server/src/db/client.js';
import { resolveSecret } from '../../server/src/db/secret.js';
import { startServerProcess } from '../../server/src/realtime/testing/serverProcess.js';
import { benchDatabase, pgAvailable } from '../lib/postgres.js';
import pg from 'pg';
import { cpuSeconds, machine, percentile, round, rssMiB } from '../lib/stats.js';
import { defaultSize, type SearchFixture, seedSearch } from './seed.js';
import { benchQueries } from './texts.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const only = (args.get('only') ?? 'postgres,pglite').split(',');
const rounds = Number(args.get('rounds') ?? 10);
const concurrency = Number(args.get('concurrency') ?? 4);
const seconds = Number(args.get('seconds') ?? 10);
const TARGET = { p99: 50 };
const LIMIT = 5;
const hasTaskset = !args.has('no-pin') && spawnSync('taskset', ['-cp', '1', String(process.pid)]).status === 0;

interface Phase {
  requests: number; qps: number; p50: number; p90: number; p99: number; max: number;
  /** CPU per request: the Node server (with PGlite inside it) and the PostgreSQL backends serving it. Hardly moved by other load. */
  cpuMsPerRequest: { server: number; postgres: number };
}
interface Run {
  server: 'postgres' | 'pglite';
  seedSeconds: number;
  sequential: Phase;
  concurrent: Phase & { clients: number };
  /** The slowest queries one at a time (median of their rounds), for EXPLAIN. */
  slowest: { q: string; p50: number }[];
  /** Hits per kind for one sample query, to see the search returns what it should. */
  sample: { q: string; messages: number; documents: number; articles: number; news: number; more: Record<string, boolean> };
  serverRssMiB: number;
}

function phase(latencies: number[], wallMs: number, cpu: { server: number; postgres: number }): Phase {
  return {
    cpuMsPerRequest: { server: round((cpu.server * 1000) / latencies.length, 2), postgres: round((cpu.postgres * 1000) / latencies.length, 2) },
    requests: latencies.length,
    qps: round(latencies.length / (wallMs / 1000)),
    p50: round(percentile(latencies, 0.5)),
    p90: round(percentile(latencies, 0.9)),
    p99: round(percentile(latencies, 0.99)),
    max: round(Math.max(...latencies)),
  };
}

async function ask(url: string, cookie: string, q: string): Promise<{ ms: number; body: SearchBody }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/search?q=${encodeURIComponent(q)}&limit=${LIMIT}`, { headers: { cookie, accept: 'application/json' } });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`search «${q}» → ${res.status} ${text}`);
  return { ms, body: JSON.parse(text) as SearchBody };
}
interface SearchBody { data: Record<'messages' | 'documents' | 'articles' | 'news', unknown[]>; more: Record<string, boolean> }

async function seed(name: Run['server'], dir: string): Promise<{ env: Record<string, string>; fixture: SearchFixture; seedSeconds: number; dbUrl?: string; drop: () => Promise<void> }> {
  const t0 = Date.now();
  const pgDb = name === 'postgres' ? await benchDatabase() : null;
  const database = await openDatabase(pgDb ? { url: pgDb.url } : { dataDir: path.join(dir, 'db') });
  try {
    const secret = await resolveSecret(database.db, undefined);
    const fixture = await seedSearch(database.db, secret);
    // As autovacuum would leave a live installation: statistics, and the GIN indexes' pending lists merged.
    await database.db.execute(sql`vacuum analyze`);
    // seededServer.ts seeds only when its fixture file is missing: this one tells it the database is ready.
    writeFileSync(path.join(dir, 'fixture.json'), JSON.stringify(fixture));
    return {
      // One session stands for many readers searching at once: its per-person search budget (20 per 10 s) is off.
      env: { DATA_DIR: dir, RATE_LIMIT_SCALE: '0', ...(pgDb ? { DATABASE_URL: pgDb.url } : {}) },
      fixture,
      seedSeconds: Math.round((Date.now() - t0) / 1000),
      ...(pgDb ? { dbUrl: pgDb.url } : {}),
      drop: async () => pgDb?.drop(),
    };
  } finally {
    await database.close();
  }
}

/** CPU seconds so far of the server process and of the PostgreSQL backends connected to the bench's database. */
async function cpuMeter(serverPid: number, dbUrl: string | undefined) {
  const backends = async (): Promise<number[]> => {
    if (!dbUrl) return [];
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const r = await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      return r.rows.map((x) => x.pid);
    } finally {
      await c.end();
    }
  };
  const cpuOf = (pid: number) => {
    try {
      return cpuSeconds(pid);
    } catch {
      return 0; // a backend that has gone
    }
  };
  const start = new Map((await backends()).map((pid) => [pid, cpuOf(pid)]));
  const server0 = cpuSeconds(serverPid);
  return async () => {
    let postgres = 0;
    for (const pid of new Set([...start.keys(), ...(await backends())])) postgres += Math.max(0, cpuOf(pid) - (start.get(pid) ?? 0));
    return { server: cpuSeconds(serverPid) - server0, postgres };
  };
}

async function measure(name: Run['server']): Promise<Run> {
  const dir = mkdtempSync(path.join(tmpdir(), `parta-bench-search-${name}-`));
  const seeded = await seed(name, dir);
  console.log(`${name}: seeded in ${seeded.seedSeconds} s — ${JSON.stringify(seeded.fixture.counts)}`);
  const server = await startServerProcess(seeded.env, { cpu: hasTaskset ? '0' : undefined });
  try {
    const { cookie } = seeded.fixture;
    // Warm-up: JIT, connection pool, the database's caches.
    for (let i = 0; i < 2; i++) for (const q of benchQueries) await ask(server.url, cookie, q);

    const perQuery = new Map<string, number[]>(benchQueries.map((q) => [q, []]));
    const sequential: number[] = [];
    const pid = server.child.pid!;
    let meter = await cpuMeter(pid, seeded.dbUrl);
    let t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (const q of benchQueries) {
        const { ms } = await ask(server.url, cookie, q);
        sequential.push(ms);
        perQuery.get(q)!.push(ms);
      }
    }
    const seq = phase(sequential, performance.now() - t0, await meter());
    console.log(`${name} one at a time: ${seq.requests} requests, p50 ${seq.p50} ms, p90 ${seq.p90} ms, p99 ${seq.p99} ms, max ${seq.max} ms (${seq.qps} q/s); CPU per request: server ${seq.cpuMsPerRequest.server} ms, PostgreSQL ${seq.cpuMsPerRequest.postgres} ms`);

    const concurrent: number[] = [];
    const until = performance.now() + seconds * 1000;
    let next = 0;
    meter = await cpuMeter(pid, seeded.dbUrl);
    t0 = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const q = benchQueries[next++ % benchQueries.length]!;
        concurrent.push((await ask(server.url, cookie, q)).ms);
      }
    }));
    const wall = performance.now() - t0;
    const conc = { ...phase(concurrent, wall, await meter()), clients: concurrency };
    console.log(`${name} ${concurrency} at once: ${conc.requests} requests in ${seconds} s, ${conc.qps} q/s, p50 ${conc.p50} ms, p90 ${conc.p90} ms, p99 ${conc.p99} ms, max ${conc.max} ms; CPU per request: server ${conc.cpuMsPerRequest.server} ms, PostgreSQL ${conc.cpuMsPerRequest.postgres} ms`);

    const slowest = [...perQuery]
      .map(([q, ms]) => ({ q, p50: round(percentile(ms, 0.5)) }))
      .sort((a, b) => b.p50 - a.p50)
      .slice(0, 5);
    console.log(`${name} slowest queries (median): ${slowest.map((s) => `«${s.q}» ${s.p50} ms`).join(', ')}`);
    const sampleQ = 'урок';
    const { body } = await ask(server.url, cookie, sampleQ);
    const sample = {
      q: sampleQ,
      messages: body.data.messages.length,
      documents: body.data.documents.length,
      articles: body.data.articles.length,
      news: body.data.news.length,
      more: body.more,
    };
    if (sample.messages === 0 || sample.documents === 0 || sample.articles === 0 || sample.news === 0) {
      throw new Error(`«${sampleQ}» should find every kind: ${JSON.stringify(sample)}`);
    }
    return { server: name, seedSeconds: seeded.seedSeconds, sequential: seq, concurrent: conc, slowest, sample, serverRssMiB: rssMiB(server.child.pid!) };
  } finally {
    await server.stop('SIGTERM');
    await seeded.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const started = Date.now();
const loadavgAtStart = round(loadavg()[0] ?? 0, 2);
console.log(`search: ${defaultSize.messages} messages in ${defaultSize.chats} chats (the searcher in ${defaultSize.myChats}), ${defaultSize.documents} documents and videos, ${defaultSize.articles} articles, ${defaultSize.news} news posts; ${benchQueries.length} queries × ${rounds} rounds one at a time, then ${concurrency} clients for ${seconds} s; limit ${LIMIT} per kind; server on CPU 0, client on CPU 1${hasTaskset ? '' : ' (unpinned)'}`);
const runs: Run[] = [];
for (const name of only) {
  if (name === 'postgres' && !(await pgAvailable())) {
    console.log('postgres: skipped, no PostgreSQL server at DATABASE_URL / 127.0.0.1:5432');
    continue;
  }
  if (name === 'postgres' || name === 'pglite') runs.push(await measure(name));
}
const pgRun = runs.find((r) => r.server === 'postgres');
console.log(JSON.stringify({
  bench: 'search',
  machine: { ...machine(), loadavgAtStart },
  data: defaultSize,
  queries: benchQueries.length,
  limitPerKind: LIMIT,
  target: TARGET,
  targetMet: pgRun ? pgRun.sequential.p99 < TARGET.p99 : null,
  runs,
  tookSeconds: Math.round((Date.now() - started) / 1000),
}));
process.exit(0);
