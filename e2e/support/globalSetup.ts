import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { baseUrl, e2ePort, repoDir, screenshotDir, serverLog, tmpDir, webDist } from './paths.js';

/**
 * Builds the web app and starts the real server on a fresh embedded database (demo on), the way
 * `npm start` runs for a school. Returns the teardown that stops it. PARTA_E2E_SKIP_BUILD=1
 * reuses an existing web/dist while iterating on tests.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  mkdirSync(tmpDir, { recursive: true });
  mkdirSync(screenshotDir, { recursive: true });
  await assertPortFree();

  // A private build directory: another `npm run build` in the same checkout cannot swap the
  // files under the running tests.
  if (process.env.PARTA_E2E_SKIP_BUILD !== '1' || !existsSync(path.join(webDist, 'index.html'))) {
    execFileSync('npm', ['run', 'build', '-w', 'web', '--', '--outDir', webDist, '--emptyOutDir'], {
      cwd: repoDir,
      stdio: 'inherit',
    });
  }

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parta-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The demo school loads only on an empty embedded database: no PostgreSQL, no demo switch-off.
  for (const name of ['DATABASE_URL', 'PARTA_DEMO', 'PUBLIC_URL', 'REDIS_URL', 'SECRET_KEY', 'SMS_PROVIDER', 'TRUST_PROXY']) {
    delete env[name];
  }
  // Every browser of the run signs in from 127.0.0.1, to the same demo numbers again and again: the per-address and
  // per-number SMS limits (for a school's network, against SMS bombing) would refuse the run's own codes. The limits
  // have their own server tests (server/src/security/smsCaps.test.ts).
  Object.assign(env, {
    PORT: String(e2ePort), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', WEB_DIST: webDist,
    SMS_PER_IP_PER_HOUR: '1000', SMS_PER_PHONE_PER_HOUR: '1000', SMS_PER_PHONE_PER_DAY: '1000',
  });
  env.PARTA_DEMO = '1'; // the tests walk through the demo school, which loads only when asked
  // The embedded SFU on loopback, where the browsers of the test reach it; its own ports per run.
  env.MEDIA_IP ??= '127.0.0.1';
  env.MEDIA_PORTS ??= `${40000 + (e2ePort % 50) * 100}-${40099 + (e2ePort % 50) * 100}`;
  // PARTA_E2E_SFU=janus: the same tests with video through Janus (Debian's package, Parta's own configuration).
  const janus = process.env.PARTA_E2E_SFU === 'janus' ? await startJanus(env) : null;

  const log = openSync(serverLog, 'w');
  const tsx = path.join(repoDir, 'node_modules', '.bin', 'tsx');
  // Its own process group, so teardown stops tsx and the node process it starts together.
  const server = spawn(tsx, ['server/src/main.ts'], { cwd: repoDir, env, stdio: ['ignore', log, log], detached: true });
  closeSync(log);

  try {
    await waitForHealth(server);
  } catch (error) {
    await stop(server);
    if (janus) await stop(janus);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  return async () => {
    await stop(server);
    if (janus) await stop(janus);
    rmSync(dataDir, { recursive: true, force: true });
    assertNoCspReports();
  };
}

/** The browsers' CSP reports the server logged (`csp violation`): any fails the run, whichever page sent it. */
function assertNoCspReports(): void {
  const reports = readFileSync(serverLog, 'utf8').split('\n').filter((line) => line.includes('"msg":"csp violation"'));
  if (reports.length > 0) throw new Error(`${reports.length} CSP violation report(s) in ${serverLog}:\n${reports.slice(0, 5).join('\n')}`);
}

/** Starts Janus with `server/janus/start.sh` on ports of this run and points the server at it. */
export async function startJanus(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const wsPort = 8100 + (e2ePort % 100);
  const rtp = 20000 + (e2ePort % 50) * 100;
  const log = openSync(path.join(tmpDir, 'janus.log'), 'w');
  const janus = spawn('bash', [path.join(repoDir, 'server', 'janus', 'start.sh')], {
    cwd: repoDir,
    env: { ...process.env, JANUS_CONFIG_DIR: path.join(tmpDir, 'janus'), JANUS_WS_PORT: String(wsPort), JANUS_RTP_PORTS: `${rtp}-${rtp + 99}` },
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  const deadline = Date.now() + 20_000;
  while (!(await portOpen(wsPort))) {
    if (janus.exitCode !== null || Date.now() > deadline) throw new Error(`Janus did not start; see ${path.join(tmpDir, 'janus.log')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  Object.assign(env, { MEDIA_SFU: 'janus', JANUS_URL: `ws://127.0.0.1:${wsPort}` });
  return janus;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function assertPortFree(): Promise<void> {
  const answer = await fetch(`${baseUrl}/api/health`).catch(() => null);
  if (answer) throw new Error(`Something already listens on ${baseUrl}; stop it (tests read this run's own server log).`);
}

async function waitForHealth(server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`The server exited (${server.exitCode ?? server.signalCode}); see ${serverLog}`);
    }
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`The server did not answer /api/health within 90 s; see ${serverLog}`);
}

/** Stops a server started in its own process group (tsx and the node process it runs), SIGKILL after 8 s. */
export async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || server.pid === undefined) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(server.pid as number), signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 8_000));
  if ((await Promise.race([exited, timer])) === 'timeout') signalGroup('SIGKILL');
}
