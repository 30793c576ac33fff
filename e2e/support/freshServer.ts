import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stop } from './globalSetup.js';
import { e2ePort, repoDir, tmpDir, webDist } from './paths.js';

/** A server of a spec's own, as a school first runs it: an empty data directory, no demo. */
export interface FreshServer {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Its stdout and stderr: the dev SMS provider's codes are read from here. */
  log: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server the way globalSetup does (tsx server/src/main.ts, the run's web build) on a fresh
 * DATA_DIR and a port of its own (PARTA_E2E_PORT + 40), without the demo. `env` adds or overrides
 * variables, e.g. HOST=0.0.0.0 to be reached from another address.
 */
export async function startFreshServer(name: string, env: Record<string, string> = {}): Promise<FreshServer> {
  // Clear of the side-by-side shards' own servers (.ci/run: 3221, 3222, …): shard 1's «+ 1» was shard 2's server.
  const port = e2ePort + 40;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `parta-e2e-${name}-`));
  const log = path.join(tmpDir, `server-${name}.log`);
  const vars: NodeJS.ProcessEnv = { ...process.env };
  for (const v of ['DATABASE_URL', 'PARTA_DEMO', 'PUBLIC_URL', 'REDIS_URL', 'SECRET_KEY', 'SMS_PROVIDER', 'TRUST_PROXY', 'HOST']) delete vars[v];
  Object.assign(vars, { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', WEB_DIST: webDist, LESSON_SWEEP_MS: '0', ...env });
  const out = openSync(log, 'w');
  const tsx = path.join(repoDir, 'node_modules', '.bin', 'tsx');
  const server = spawn(tsx, ['server/src/main.ts'], { cwd: repoDir, env: vars, stdio: ['ignore', out, out], detached: true });
  closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const cleanup = async () => {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null || Date.now() > deadline) {
      await cleanup();
      throw new Error(`The fresh server did not start; see ${log}`);
    }
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { url, port, log, stop: cleanup };
}

/** The end of a log now: codes logged before it are old. */
export function logOffset(log: string): number {
  return statSync(log).size;
}

/** The newest SMS code to `e164` in `log` after `since`, polling up to 10 s. */
export async function smsCodeIn(log: string, e164: string, since: number): Promise<string> {
  const deadline = Date.now() + 10_000;
  const needle = `SMS to ${e164}:`;
  for (;;) {
    const lines = readFileSync(log).subarray(since).toString('utf8').split('\n').filter((l) => l.includes(needle));
    const code = /\b(\d{6})\b/.exec(lines.at(-1)?.slice(lines.at(-1)!.indexOf(needle)) ?? '')?.[1];
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`No SMS code to ${e164} in ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
