import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppDeps } from '../deps.js';
import { type BuildOptions, buildApp } from '../app.js';
import { loadConfig, randomSecret } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { FakeClock } from '../lib/clock.js';
import { InProcessBus } from '../platform/events/bus.js';
import { DevSmsProvider } from '../platform/sms/devSms.js';
import { createTestDatabaseUrl } from './pgTestDatabase.js';

export interface TestContext {
  app: FastifyInstance;
  deps: AppDeps & { clock: FakeClock; sms: DevSmsProvider };
  database: Database;
  close(): Promise<void>;
}

let shared: Promise<Database> | null = null;

/**
 * One database per test file (PGlite in memory, or a fresh database on the real server when
 * TEST_DATABASE_URL is set); each test makes its own school with the factories, so tests never
 * see each other's data and need no cleanup.
 */
async function sharedDatabase(): Promise<Database> {
  shared ??= (async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) return openDatabase({ url: await createTestDatabaseUrl(serverUrl) });
    const snapshotPath = process.env.PARTA_PGLITE_SNAPSHOT;
    if (snapshotPath) return openDatabase({ snapshot: new Blob([await readFile(snapshotPath)]) });
    return openDatabase({ dataDir: null });
  })();
  return shared;
}

export async function createTestContext(env: Record<string, string> = {}, build: Pick<BuildOptions, 'onRoute'> = {}): Promise<TestContext> {
  const database = await sharedDatabase();
  // No periodic sweep of abandoned lesson stays: the test contexts of a file share one database, each with its own
  // fake clock, and one context's sweep would close another's stays (the sweep's own tests turn it on). The same for
  // announcing passed poll deadlines, for homework's due reminders, and removing unattached uploads.
  // Request budgets 100 times the real ones: tests seed through the API at machine speed (60 messages in a moment),
  // which no person does; the limits still run on every request. Their own tests (security/rateLimits*) set the scale.
  const config = loadConfig({
    PARTA_DEMO: '0', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://parta.test', LESSON_SWEEP_MS: '0', POLL_SWEEP_MS: '0', HOMEWORK_SWEEP_MS: '0',
    FILE_SWEEP_MS: '0',
    RATE_LIMIT_SCALE: '100', ...env,
  });
  const deps = {
    config,
    db: database.db,
    clock: new FakeClock(new Date()),
    sms: new DevSmsProvider({ info: () => undefined }),
    events: new InProcessBus(),
    secret: randomSecret(),
  };
  const app = await buildApp(deps, { logger: false, ...build });
  await app.ready();
  return { app, deps, database, close: () => app.close() };
}

/**
 * A test app with a DATA_DIR of its own (uploads land there; removed by `ctx.close()`), listening on a
 * free port: for raw HTTP that inject() cannot send (chunked bodies that lie about their length).
 */
export async function listeningTestApp(
  name: string,
  env: Record<string, string> = {},
): Promise<{ ctx: TestContext; dataDir: string; port: number }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `parta-${name}-`));
  const ctx = await createTestContext({ DATA_DIR: dataDir, ...env });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (ctx.app.server.address() as AddressInfo).port;
  const close = async () => {
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return { ctx: { ...ctx, close }, dataDir, port };
}

/** Cookies a response set, as one Cookie header value to send back. */
export function cookiesFrom(res: LightMyRequestResponse, previous = ''): string {
  const jar = new Map<string, string>();
  for (const part of previous.split(/;\s*/).filter(Boolean)) {
    const [k, ...v] = part.split('=');
    if (k) jar.set(k, v.join('='));
  }
  for (const c of res.cookies) {
    if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
