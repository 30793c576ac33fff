/**
 * `npm run bench:schoolday`: a school day on the PostgreSQL server, the load profile of Mattermost's published tests.
 * N people (classes of 30 students, 2 teachers and 18 parents; a class chat and a parents' chat each), each with a
 * session made in the database and a WebSocket; on joining each opens «Главная» and the chat list (again every ~2
 * min), posts a message every ~5 s into one of their chats, reads a history page and marks the chat read every
 * ~30 s; 1 % upload a small file every ~2 min. N rises step by step; per step: HTTP p50/p95/p99 by kind of request,
 * send → acknowledged and send → delivered to every member p99, errors, server CPU and RSS, and whether every
 * acknowledged message is stored. The answer is the largest N that holds p99 < 250 ms (HTTP and delivery) with 0
 * errors and nothing lost; the first step that does not is reported and the run ends there.
 * The load generators (two processes) share the machine with the server.
 * Options: --steps=250,500,1000,2000,3000,4000 --seconds=60 --nodes=1 (2: two nodes behind nginx, over Redis) --port=3450
 * Ends with one line of JSON.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startNginx } from '../../e2e/deploy/nginx.js';
import { openDatabase } from '../../server/src/db/client.js';
import { type ServerProcess, startServerProcess } from '../../server/src/realtime/testing/serverProcess.js';
import { ChildRpc } from '../lib/childRpc.js';
import { benchDatabase, pgAvailable } from '../lib/postgres.js';
import { cpuSeconds, machine, machineBusySeconds, percentile, round, rssMiB, sleep } from '../lib/stats.js';
import type { StepStats } from './people.js';
import { CLASS_SIZE, type SeededClass, seedClasses } from './seed.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const steps = (args.get('steps') ?? '250,500,1000,2000,3000,4000').split(',').map(Number);
const seconds = Number(args.get('seconds') ?? 60);
const nodes = Number(args.get('nodes') ?? 1);
const port = Number(args.get('port') ?? 3450);
const GENERATORS = 2;
const TARGET = { p99Ms: 250, people: 3000 };
const peopleScript = fileURLToPath(new URL('./people.ts', import.meta.url));

interface Step {
  people: number;
  joinSeconds: number;
  /** Requests made while the step's new people joined (each opens «Главная» and the chat list at once): a burst. */
  joinHttp: Record<string, { n: number; p50: number; p95: number; p99: number }>;
  http: Record<string, { n: number; p50: number; p95: number; p99: number }>;
  httpP99: number;
  messages: { sent: number; acked: number; stored: number; ackP99: number; deliveredP50: number; deliveredP99: number };
  errors: Record<string, number>;
  errorCount: number;
  serverCpuPct: number;
  serverRssMiB: number[];
  machineBusyPct: number;
  generatorsCpuPct: number;
  holds: boolean;
  failure?: string;
}

const stat = (xs: number[]) => ({ n: xs.length, p50: round(percentile(xs, 0.5)), p95: round(percentile(xs, 0.95)), p99: round(percentile(xs, 0.99)) });

async function startCluster(dir: string, databaseUrl: string, secret: string): Promise<{ url: string; servers: ServerProcess[]; stop: () => Promise<void> }> {
  // The servers' own seeding (serverProcess.ts) is skipped: an empty fixture exists; run.ts seeds per step.
  const fixture = path.join(dir, 'fixture.json');
  writeFileSync(fixture, '{}');
  const common = { DATABASE_URL: databaseUrl, SECRET_KEY: secret, FIXTURE_FILE: fixture, DATA_DIR: dir };
  if (nodes === 1) {
    const server = await startServerProcess({ ...common, PORT: '0' });
    return { url: server.url, servers: [server], stop: () => server.stop('SIGTERM') };
  }
  const ports = Array.from({ length: nodes }, (_, i) => port + 11 + i);
  const servers: ServerProcess[] = [];
  for (const p of ports) {
    servers.push(await startServerProcess({ ...common, PORT: String(p), REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }));
  }
  const prefix = path.join(dir, 'nginx');
  const webDist = path.join(dir, 'web');
  for (const d of [prefix, webDist]) mkdirSync(d, { recursive: true });
  const nginx = startNginx({ prefix, httpsPort: port, httpPort: port + 10, nodePorts: ports, webDist, worker: { processes: 1, connections: 16_384 } });
  const url = `https://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetchOk(`${url}/api/health`);
    if (ok) break;
    await sleep(200);
  }
  return {
    url,
    servers,
    stop: async () => {
      nginx.kill('SIGTERM');
      for (const s of servers) await s.stop('SIGTERM');
    },
  };
}

function fetchOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    https.get(url, { rejectUnauthorized: false, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on('error', () => resolve(false));
  });
}

function merge(parts: StepStats[]): StepStats {
  const out: StepStats = { http: {}, ack: [], delivered: [], errors: {}, acked: [], sent: 0, people: 0 };
  for (const s of parts) {
    for (const [k, v] of Object.entries(s.http)) out.http[k] = [...(out.http[k] ?? []), ...v];
    out.ack.push(...s.ack);
    out.delivered.push(...s.delivered);
    for (const [k, v] of Object.entries(s.errors)) out.errors[k] = (out.errors[k] ?? 0) + v;
    out.acked.push(...s.acked);
    out.sent += s.sent;
    out.people += s.people;
  }
  return out;
}

async function storedOf(databaseUrl: string, clientIds: string[]): Promise<number> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>('select count(*) as n from messages where client_id = any($1::text[])', [clientIds]);
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await c.end();
  }
}

const started = Date.now();
if (!(await pgAvailable())) {
  console.log(JSON.stringify({ bench: 'schoolday', skipped: 'no PostgreSQL server at DATABASE_URL / 127.0.0.1:5432' }));
  process.exit(0);
}
const dir = mkdtempSync(path.join(tmpdir(), 'parta-bench-schoolday-'));
const db = await benchDatabase();
const secret = randomBytes(32).toString('hex');
console.log(`schoolday: steps ${steps.join(', ')} people, ${seconds} s each, ${nodes === 1 ? 'one node' : `${nodes} nodes behind nginx (https) over Redis`}, PostgreSQL; load generators on the same machine`);
const cluster = await startCluster(dir, db.url, secret);
const seeding = await openDatabase({ url: db.url });
const generators = Array.from({ length: GENERATORS }, () => ChildRpc.fork(peopleScript));
const results: Step[] = [];
let schoolId: string | null = null;
let classes = 0;
try {
  for (const [g, gen] of generators.entries()) await gen.call('config', cluster.url, '', `g${g}`);
  for (const target of steps) {
    const want = Math.ceil(target / CLASS_SIZE);
    let step: Step | null = null;
    try {
      const joinStart = Date.now();
      const seeded: { schoolId: string; classes: SeededClass[] } = await seedClasses(seeding.db, secret, schoolId, classes, want);
      if (!schoolId) for (const [g, gen] of generators.entries()) await gen.call('config', cluster.url, seeded.schoolId, `g${g}`);
      schoolId = seeded.schoolId;
      classes = want;
      await Promise.all(generators.map((gen, g) => gen.call('join', seeded.classes.filter((c) => c.index % GENERATORS === g))));
      const joinSeconds = round((Date.now() - joinStart) / 1000);
      const joined = merge(await Promise.all(generators.map((gen) => gen.call<StepStats>('take'))));
      const joinHttp = Object.fromEntries(Object.entries(joined.http).sort().map(([k, v]) => [k, stat(v)]));
      const pids = cluster.servers.map((s) => s.child.pid as number);
      const genPids = generators.map((g) => g.pid as number);
      const [s0, m0, g0, t0] = [pids.map(cpuSeconds), machineBusySeconds(), genPids.map(cpuSeconds), performance.now()];
      await sleep(seconds * 1000);
      const wall = (performance.now() - t0) / 1000;
      const s = merge(await Promise.all(generators.map((gen) => gen.call<StepStats>('take'))));
      const serverCpu = pids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - (s0[i] as number), 0);
      const genCpu = genPids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - (g0[i] as number), 0);
      await sleep(1000);
      const stored = await storedOf(db.url, s.acked);
      const http = Object.fromEntries(Object.entries(s.http).sort().map(([k, v]) => [k, stat(v)]));
      const httpP99 = round(percentile(Object.values(s.http).flat(), 0.99));
      const errorCount = Object.values(s.errors).reduce((a, b) => a + b, 0);
      const messages = {
        sent: s.sent, acked: s.acked.length, stored,
        ackP99: round(percentile(s.ack, 0.99)), deliveredP50: round(percentile(s.delivered, 0.5)), deliveredP99: round(percentile(s.delivered, 0.99)),
      };
      step = {
        people: s.people, joinSeconds, joinHttp, http, httpP99, messages, errors: s.errors, errorCount,
        serverCpuPct: round((serverCpu / wall) * 100), serverRssMiB: pids.map(rssMiB),
        machineBusyPct: round(((machineBusySeconds() - m0) / wall) * 100), generatorsCpuPct: round((genCpu / wall) * 100),
        holds: errorCount === 0 && stored === s.acked.length && httpP99 < TARGET.p99Ms && messages.deliveredP99 < TARGET.p99Ms,
      };
    } catch (err) {
      step = {
        people: target, joinSeconds: 0, joinHttp: {}, http: {}, httpP99: Number.NaN, errors: {}, errorCount: 1, serverCpuPct: 0, serverRssMiB: [],
        machineBusyPct: 0, generatorsCpuPct: 0, holds: false, failure: err instanceof Error ? err.message : String(err),
        messages: { sent: 0, acked: 0, stored: 0, ackP99: Number.NaN, deliveredP50: Number.NaN, deliveredP99: Number.NaN },
      };
    }
    results.push(step);
    const m = step.messages;
    console.log(
      `${String(step.people).padStart(5)} people (joined in ${step.joinSeconds} s): HTTP p99 ${step.httpP99} ms; messages ${m.sent} sent, ${m.acked} acked, ${m.stored} stored, ack p99 ${m.ackP99} ms, delivered to all p50 ${m.deliveredP50} p99 ${m.deliveredP99} ms; ${step.errorCount} errors; server CPU ${step.serverCpuPct}% RSS ${step.serverRssMiB.join('+')} MiB; machine ${step.machineBusyPct}% busy, generators ${step.generatorsCpuPct}%; ${step.holds ? 'holds' : 'DOES NOT HOLD'}${step.failure ? ` (${step.failure})` : ''}`,
    );
    for (const [k, v] of Object.entries(step.joinHttp)) console.log(`        joining: ${k.padEnd(26)} n ${String(v.n).padStart(6)}  p50 ${v.p50}  p95 ${v.p95}  p99 ${v.p99} ms`);
    for (const [k, v] of Object.entries(step.http)) console.log(`        ${k.padEnd(26)} n ${String(v.n).padStart(6)}  p50 ${v.p50}  p95 ${v.p95}  p99 ${v.p99} ms`);
    if (step.errorCount) console.log(`        errors: ${JSON.stringify(step.errors)}`);
    if (!step.holds) break;
    if (cluster.servers.some((s) => s.child.exitCode !== null)) break;
  }
} finally {
  await Promise.all(generators.map((g) => g.call('stop').catch(() => undefined)));
  await Promise.all(generators.map((g) => g.close()));
  await seeding.close();
  await cluster.stop();
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}
const held = results.filter((r) => r.holds).map((r) => r.people);
const summary = {
  bench: 'schoolday',
  machine: machine(),
  nodes,
  secondsPerStep: seconds,
  target: TARGET,
  maxPeopleHolding: Math.max(0, ...held),
  targetMet: Math.max(0, ...held) >= TARGET.people,
  steps: results,
  tookSeconds: Math.round((Date.now() - started) / 1000),
};
console.log(JSON.stringify(summary));
process.exit(0);
