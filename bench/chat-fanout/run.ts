/**
 * `npm run bench:fanout`: a 100-member class chat, all members connected over WebSocket, 10 of them
 * posting at increasing total rates; for each server (bare `ws` ceiling, Parta on PGlite, Parta on
 * the PostgreSQL server) the delivered rate and p50/p99 send → delivered-to-all. The server runs in
 * its own process pinned to CPU 0, this load generator on CPU 1 (taskset), PostgreSQL unpinned.
 * Ends with one line of JSON. Options: --rates=200,400,800,1200 --seconds=5 --only=bare,pglite,postgres --profile --no-pin
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerProcess, startServerProcess, UNLIMITED_SOCKETS } from '../../server/src/realtime/testing/serverProcess.js';
import type { SeededPeople } from '../../server/src/realtime/testing/seed.js';
import { benchDatabase, pgAvailable } from '../lib/postgres.js';
import { topSelfTime } from '../lib/profileSummary.js';
import { cpuSeconds, machine, round, rssMiB, sleep } from '../lib/stats.js';
import { FanoutLoad, type StepResult } from './loadgen.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const rates = (args.get('rates') ?? '200,400,800,1200').split(',').map(Number);
const seconds = Number(args.get('seconds') ?? 5);
const only = new Set((args.get('only') ?? 'bare,pglite,postgres').split(','));
const profile = args.has('profile');
const MEMBERS = 100;
const SENDERS = 10;
const TARGET = { rate: 800, p99: 50 };
// This process (the load generator) takes CPU 1; each server is started on CPU 0.
const hasTaskset = !args.has('no-pin') && spawnSync('taskset', ['-cp', '1', String(process.pid)]).status === 0;

interface Run {
  server: string;
  steps: (StepResult & { serverCpu: number; loadgenCpu: number; serverCpuMsPerMsg: number })[];
  /** The highest target rate fully delivered with p99 under 50 ms. */
  sustained: number;
  stored?: { acked: number; inDatabase: number };
  serverRssMiB: number;
  profileTop?: { fn: string; pct: number }[];
}

async function startBare(): Promise<ServerProcess> {
  const script = fileURLToPath(new URL('./bareServer.ts', import.meta.url));
  const nodeArgs = ['--import', 'tsx', script];
  const child = hasTaskset ? spawn('taskset', ['-c', '0', process.execPath, ...nodeArgs]) : spawn(process.execPath, nodeArgs);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /PARTA_LISTENING (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', () => reject(new Error(`bare server exited: ${out}`)));
  });
  return {
    child, url, output: () => '', countMessages: async () => 0,
    stop: () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }),
  };
}

async function measure(name: string, server: ServerProcess, cookies: string[], chatId: string, profileDir?: string): Promise<Run> {
  const load = new FanoutLoad(server.url, cookies, chatId);
  await load.connect();
  await load.step(100, 1, SENDERS); // warm-up: JIT, connection pools
  const steps: Run['steps'] = [];
  const pid = server.child.pid!;
  for (const rate of rates) {
    const [s0, l0, t0] = [cpuSeconds(pid), cpuSeconds(process.pid), performance.now()];
    const measured = await load.step(rate, seconds, SENDERS);
    const wall = (performance.now() - t0) / 1000;
    const serverCpuS = cpuSeconds(pid) - s0;
    const r = {
      ...measured,
      serverCpu: round((serverCpuS / wall) * 100),
      loadgenCpu: round(((cpuSeconds(process.pid) - l0) / wall) * 100),
      // CPU time per message fanned out to all members: unlike latency, barely moved by other load on the machine.
      serverCpuMsPerMsg: round((serverCpuS * 1000) / Math.max(1, measured.deliveredToAll), 3),
    };
    steps.push(r);
    console.log(`${name.padEnd(9)} ${String(rate).padStart(5)}/s → ${String(r.rate).padStart(7)}/s delivered to all ${r.deliveredToAll}/${r.sent}, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms; ack p50 ${r.ackP50} ms p99 ${r.ackP99} ms${r.nacks ? `, ${r.nacks} nacks` : ''}; CPU server ${r.serverCpu}% (${r.serverCpuMsPerMsg} ms/msg), load generator ${r.loadgenCpu}%`);
    if (r.deliveredToAll < r.sent * 0.9) break; // past saturation: the next step would only queue
  }
  const serverRssMiB = rssMiB(server.child.pid!);
  await sleep(500);
  const acked = load.acked;
  load.close();
  const run: Run = {
    server: name,
    steps,
    sustained: Math.max(0, ...steps.filter((s) => s.deliveredToAll === s.sent && s.p99 < TARGET.p99).map((s) => s.targetRate)),
    serverRssMiB,
  };
  if (name !== 'bare') run.stored = { acked, inDatabase: await server.countMessages() };
  await server.stop('SIGTERM');
  if (profileDir) {
    await sleep(500);
    run.profileTop = topSelfTime(profileDir, 20);
    console.log(`${name}: top self time\n${run.profileTop.map((p) => `  ${String(p.pct).padStart(5)}%  ${p.fn}`).join('\n')}`);
  }
  return run;
}

async function parta(name: 'pglite' | 'postgres'): Promise<Run> {
  const dir = mkdtempSync(path.join(tmpdir(), `parta-bench-${name}-`));
  const db = name === 'postgres' ? await benchDatabase() : null;
  const profileDir = profile ? path.join(dir, 'profile') : undefined;
  try {
    const server = await startServerProcess(
      { DATA_DIR: dir, ...UNLIMITED_SOCKETS, SEED_PEOPLE: String(MEMBERS), SEED_CHAT_SIZE: String(MEMBERS), ...(db ? { DATABASE_URL: db.url } : {}) },
      { cpu: hasTaskset ? '0' : undefined, nodeArgs: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [] },
    );
    const fixture = JSON.parse(readFileSync(path.join(dir, 'fixture.json'), 'utf8')) as SeededPeople;
    return await measure(name, server, fixture.cookies, fixture.chatIds[0]!, profileDir);
  } finally {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const started = Date.now();
const runs: Run[] = [];
console.log(`fan-out: ${MEMBERS} members in one chat, ${SENDERS} senders, ${seconds} s per rate, rates ${rates.join(', ')} msg/s; server on CPU 0, load generator on CPU 1${hasTaskset ? '' : ' (taskset missing: unpinned)'}`);
if (only.has('bare')) runs.push(await measure('bare', await startBare(), Array.from({ length: MEMBERS }, () => ''), '00000000-0000-0000-0000-000000000001'));
if (only.has('pglite')) runs.push(await parta('pglite'));
if (only.has('postgres')) {
  if (await pgAvailable()) runs.push(await parta('postgres'));
  else console.log('postgres: skipped, no PostgreSQL server at DATABASE_URL / 127.0.0.1:5432');
}
const pgRun = runs.find((r) => r.server === 'postgres');
const summary = {
  bench: 'chat-fanout',
  machine: machine(),
  members: MEMBERS,
  senders: SENDERS,
  secondsPerRate: seconds,
  target: TARGET,
  targetMet: pgRun ? pgRun.sustained >= TARGET.rate && pgRun.stored?.acked === pgRun.stored?.inDatabase : null,
  runs: runs.map(({ profileTop: _p, ...r }) => r),
  tookSeconds: Math.round((Date.now() - started) / 1000),
};
console.log(JSON.stringify(summary));
process.exit(0);
