/**
 * `npm run bench:connections`: how many authenticated idle WebSockets one node holds, and its memory.
 * A Parta server process (CPU 0; PostgreSQL when reachable, else PGlite) with N people in class chats
 * of 30; this process (CPU 1) opens one socket per person with a real session cookie, each waits for
 * `ready` and resumes; then the server's RSS is read from /proc, and one message is sent into a chat
 * to show the idle sockets are live. Ends with one line of JSON. Options: --sockets=19950 --concurrency=200 --profile
 */
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeededPeople } from '../../server/src/realtime/testing/seed.js';
import { startServerProcess, UNLIMITED_SOCKETS } from '../../server/src/realtime/testing/serverProcess.js';
import { benchDatabase, pgAvailable } from '../lib/postgres.js';
import { topSelfTime } from '../lib/profileSummary.js';
import { machine, round, rssMiB, sleep } from '../lib/stats.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
// The container's hard fd limit is 20,000 per process (ulimit -Hn; not raisable here): the server
// needs one fd per socket plus ~30 of its own, so the default stays just under it.
const N = Number(args.get('sockets') ?? 19_950);
const CONCURRENCY = Number(args.get('concurrency') ?? 200);
const CHAT_SIZE = 30;
const profile = args.has('profile');
const DEADLINE_MS = 9 * 60_000;
const TARGET = { sockets: 20_000, rssMiB: 2048 };
const clientsScript = fileURLToPath(new URL('./clients.ts', import.meta.url));

const pinned = spawnSync('taskset', ['-cp', '1', String(process.pid)]).status === 0;
const nofile = spawnSync('bash', ['-c', 'ulimit -n']).stdout.toString().trim();
const started = Date.now();
const dir = mkdtempSync(path.join(tmpdir(), 'parta-bench-conn-'));
const profileDir = profile ? path.join(dir, 'profile') : undefined;
const usePg = await pgAvailable();
const db = usePg ? await benchDatabase() : null;
console.log(`connections: ${N} sockets, ${CONCURRENCY} opening at a time, database ${usePg ? 'postgres' : 'pglite'}, fd limit ${nofile}${pinned ? ', server on CPU 0, clients on CPU 1' : ''}`);

let server: Awaited<ReturnType<typeof startServerProcess>> | null = null;
try {
  const seedStart = Date.now();
  server = await startServerProcess(
    { DATA_DIR: dir, ...UNLIMITED_SOCKETS, SEED_PEOPLE: String(N), SEED_CHAT_SIZE: String(CHAT_SIZE), ...(db ? { DATABASE_URL: db.url } : {}) },
    { cpu: pinned ? '0' : undefined, timeoutMs: 5 * 60_000, nodeArgs: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [] },
  );
  const fixtureFile = path.join(dir, 'fixture.json');
  const fixture = JSON.parse(readFileSync(fixtureFile, 'utf8')) as SeededPeople;
  const pid = server.child.pid!;
  console.log(`seeded ${N} people and ${fixture.chatIds.length} chats in ${round((Date.now() - seedStart) / 1000)} s`);
  await sleep(1000);
  const baseline = rssMiB(pid);

  // Two client processes, each with its own fd limit; people 0..half-1 and half..N-1 (chat 0 is in the first).
  const half = Math.ceil(N / 2);
  const parts = [[0, half], [half, N]].filter(([a, b]) => b! > a!);
  const clients = parts.map(([a, b]) =>
    fork(clientsScript, [fixtureFile, server!.url, String(a), String(b), String(Math.ceil(CONCURRENCY / parts.length))], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const state = clients.map(() => ({ open: 0, failed: 0, done: false, delivered: 0 }));
  clients.forEach((c, k) => {
    c.on('message', (m: { t: string; open?: number; failed?: number; delivered?: number }) => {
      if (m.t === 'progress' || m.t === 'opened') Object.assign(state[k]!, { open: m.open, failed: m.failed, done: m.t === 'opened' });
      if (m.t === 'delivered') state[k]!.delivered = m.delivered ?? 0;
    });
  });
  const total = (key: 'open' | 'failed' | 'delivered') => state.reduce((s, x) => s + x[key], 0);
  const connectStart = Date.now();
  let lastReport = Date.now();
  while (!state.every((s) => s.done) && Date.now() - started < DEADLINE_MS) {
    await sleep(500);
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      console.log(`  ${total('open')} open, ${total('failed')} failed, server RSS ${rssMiB(pid)} MiB`);
    }
  }
  const connectSeconds = round((Date.now() - connectStart) / 1000);
  await sleep(3000);
  const rss = rssMiB(pid);
  const failed = total('failed');
  const open = total('open');

  // Idle is not dead: a message into the first chat reaches its members' sockets.
  clients[0]?.send({ t: 'post', chatId: fixture.chatIds[0] });
  await sleep(3000);
  for (const c of clients) c.send({ t: 'delivered' });
  await sleep(500);
  const delivered = total('delivered');

  const result = {
    bench: 'connections',
    machine: machine(),
    database: usePg ? 'postgres' : 'pglite',
    requested: N,
    open,
    failed,
    connectSeconds,
    connectsPerSecond: round(open / connectSeconds),
    serverRssMiB: rss,
    serverRssBaselineMiB: baseline,
    kibPerSocket: round(((rss - baseline) * 1024) / Math.max(1, open)),
    liveDeliveries: delivered,
    target: TARGET,
    fdLimit: Number(nofile),
    // One process cannot hold more sockets than its fd limit allows; the target counts up to that cap.
    targetMet: open >= Math.min(TARGET.sockets, Number(nofile) - 50) && rss < TARGET.rssMiB,
    tookSeconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(`${open} open (${failed} failed) in ${connectSeconds} s; server RSS ${rss} MiB (${baseline} MiB before), ${result.kibPerSocket} KiB per socket; message delivered to ${delivered}/${CHAT_SIZE} members of one chat`);
  for (const c of clients) c.send({ t: 'close' });
  console.log(JSON.stringify(result));
} finally {
  await server?.stop('SIGTERM');
  if (profileDir) {
    await sleep(500);
    console.log(`top self time:\n${topSelfTime(profileDir, 25).map((p) => `  ${String(p.pct).padStart(5)}%  ${p.fn}`).join('\n')}`);
  }
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
