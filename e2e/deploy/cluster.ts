import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { e2ePort, repoDir, serverLog, tmpDir } from '../support/paths.js';

/**
 * The deployment of docs/DEPLOY.md on this machine, for the tests in this folder: nginx on https://127.0.0.1:<port>
 * (PARTA_E2E_PORT) in front of two Parta nodes on PARTA_E2E_PORT+11 and +12, over one PostgreSQL database and Redis.
 * globalSetup.ts starts it and writes cluster.json; the specs read it to stop and start nodes.
 */
export const httpsUrl = `https://127.0.0.1:${e2ePort}`;
export const nodePorts = [e2ePort + 11, e2ePort + 12] as const;
export const httpPort = e2ePort + 13;
export const clusterFile = path.join(tmpDir, 'cluster.json');

export interface ClusterState {
  /** Each node's environment (parta.env and its node-N.env, with this run's values). */
  nodeEnv: Record<string, string>[];
  /** The current process of each node. */
  pids: number[];
  nginxPid: number;
  databaseUrl: string;
}

export function readCluster(): ClusterState {
  return JSON.parse(readFileSync(clusterFile, 'utf8')) as ClusterState;
}

export function writeCluster(state: ClusterState): void {
  writeFileSync(clusterFile, JSON.stringify(state, null, 2));
}

/** Reads an environment file (KEY=value lines, # comments) as systemd's EnvironmentFile does for these files. */
export function parseEnvFile(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1] as string] = m[2] as string;
  }
  return env;
}

/**
 * Starts node `index` as its systemd unit does (deploy/systemd/parta@.service: `node --import tsx src/main.ts` in
 * server/), in its own process group, its output appended to the run's server log (SMS codes are read there).
 */
export function startNode(env: Record<string, string>): number {
  const log = openSync(serverLog, 'a');
  const vars: NodeJS.ProcessEnv = { ...process.env };
  for (const v of ['DATABASE_URL', 'PARTA_DEMO', 'PUBLIC_URL', 'REDIS_URL', 'SECRET_KEY', 'SMS_PROVIDER', 'TRUST_PROXY', 'HOST']) delete vars[v];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(repoDir, 'server'),
    env: { ...vars, ...env },
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  child.unref();
  if (child.pid === undefined) throw new Error('node did not start');
  return child.pid;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends a signal to a process and waits (up to timeoutMs) until it is gone. */
export async function signalAndWait(pid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> {
  try {
    process.kill(pid, signal);
  } catch {
    return true;
  }
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/** Waits until `url`/api/health answers 200 (self-signed certificates accepted). */
export async function waitForHealth(url: string, timeoutMs: number, pid?: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (pid !== undefined && !alive(pid)) throw new Error(`the process ${pid} exited; see ${serverLog}`);
    const ok = await healthy(`${url}/api/health`);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer /api/health in ${timeoutMs} ms; see ${serverLog}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * One GET on a connection of its own, closed after the answer (a kept-alive one would count as a socket in
 * connectionsPerNode for the node's 72 s keep-alive).
 */
function healthy(url: string): Promise<boolean> {
  const get = url.startsWith('https:') ? https.get : http.get;
  return new Promise((resolve) => {
    const req = get(url, { agent: false, rejectUnauthorized: false, headers: { connection: 'close' } }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(5_000, () => req.destroy());
  });
}

/** fetch through the test's nginx, whose certificate is its own. */
export async function insecureFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  try {
    return await fetch(url, init);
  } finally {
    if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
  }
}

/** Established TCP connections on each node's port now (nginx holds one per WebSocket; plain requests are brief). */
export function connectionsPerNode(): number[] {
  return nodePorts.map((port) => {
    const out = execFileSync('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`], { encoding: 'utf8' });
    return out.split('\n').filter((l) => l.trim() !== '').length;
  });
}

/** Waits until the connections per node equal `expected` twice in a row 0.5 s apart (brief requests gone). */
export async function waitForConnections(expected: (counts: number[]) => boolean, timeoutMs = 30_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let previous: number[] | null = null;
  for (;;) {
    const now = connectionsPerNode();
    if (previous && expected(previous) && expected(now) && now.join() === previous.join()) return now;
    if (Date.now() > deadline) {
      const detail = execFileSync('ss', ['-Htnp', 'state', 'established'], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => nodePorts.some((p) => l.includes(`:${p} `)))
        .join('\n');
      throw new Error(`connections per node: ${now.join(', ')}\n${detail}`);
    }
    previous = now;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Both nodes' output so far. */
export function serverLogText(): string {
  return existsSync(serverLog) ? readFileSync(serverLog, 'utf8') : '';
}
