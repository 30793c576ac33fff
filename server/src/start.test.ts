import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (scripts/ runs without a TypeScript loader); exercised here through its exports.
import { isCurrent, stampOf, writeStamp } from '../../scripts/buildStamp.mjs';
import { prettyLine } from './observability/prettyLog.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Started {
  child: ChildProcess;
  /** Milliseconds from spawning `npm start`'s script until /api/health answered. */
  ms: number;
  stderr: () => string;
  stdout: () => string;
}

/** Runs `node scripts/start.mjs` (what `npm start` runs) and waits for the server to answer. */
async function start(env: Record<string, string>, port: number): Promise<Started> {
  let stderr = '';
  let stdout = '';
  const began = performance.now();
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`start exited ${child.exitCode}:\n${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, ms: performance.now() - began, stderr: () => stderr, stdout: () => stdout };
}

async function stop(s: Started): Promise<void> {
  const exited = new Promise((resolve) => s.child.once('exit', resolve));
  s.child.kill('SIGINT');
  await exited;
}

describe('npm start', () => {
  let dir: string;
  let env: Record<string, string>;
  let port: number;
  beforeAll(async () => {
    // Inside the repository: the compiled server finds its npm packages in the repository's node_modules.
    await mkdir(path.join(repo, '.tmp'), { recursive: true });
    dir = await mkdtemp(path.join(repo, '.tmp', 'start-test-'));
    port = await freePort();
    env = {
      PORT: String(port), METRICS_PORT: '0', DATA_DIR: path.join(dir, 'data'), WEB_DIST: path.join(dir, 'web'),
      PARTA_SERVER_DIST: path.join(dir, 'server'), LOG_LEVEL: 'info', LOG_FORMAT: 'auto', PARTA_DEMO: '0',
    };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds what is missing once, then starts from the current build without rebuilding in under 5 s', { timeout: 300_000 }, async () => {
    const first = await start(env, port);
    await stop(first);
    expect(first.stderr()).toContain('building the web app');
    expect(first.stderr()).toContain('compiling the server');

    const second = await start(env, port);
    try {
      expect(second.stderr()).toContain('web app is current');
      expect(second.stderr()).toContain('server is current');
      expect(second.stderr()).not.toContain('building the web app');
      expect(second.stderr()).not.toContain('compiling the server');
      // The 5 s promise is for a machine that is not running anything else: on a shared CI machine whose load exceeds its
      // cores the start is measured and printed, not judged (timings there vary several-fold).
      const loadPerCore = (loadavg()[0] ?? 0) / availableParallelism();
      console.log(`npm start with a current build: serving after ${Math.round(second.ms)} ms (first start ${Math.round(first.ms)} ms; load ${loadPerCore.toFixed(1)} per core)`);
      if (loadPerCore < 1) expect(second.ms).toBeLessThan(5_000);
      // The web app is served from the build, and logs are JSON lines when standard output is not a terminal.
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(await page.text()).toContain('<div id="root">');
      const line = second.stdout().split('\n').find((l) => l.includes('Parta is running'));
      expect(JSON.parse(line ?? '{}').msg).toMatch(/^Parta is running at/);
    } finally {
      await stop(second);
    }

    // A server build whose sources no longer match its stamp is compiled again; the web app, unchanged, is not.
    writeStamp(env.PARTA_SERVER_DIST, 'a-stamp-of-other-sources');
    const third = await start(env, port);
    await stop(third);
    expect(third.stderr()).toContain('compiling the server');
    expect(third.stderr()).toContain('web app is current');
  });

  it('counts a changed, added or removed source file as a change of the build stamp', async () => {
    const root = await mkdtemp(path.join(dir, 'stamp-'));
    await mkdir(path.join(root, 'web/src'), { recursive: true });
    await writeFile(path.join(root, 'web/src/App.tsx'), 'export const a = 1;');
    const inputs = ['web/src', 'web/index.html'];
    const before = stampOf(root, inputs);
    writeStamp(root, before);
    await writeFile(path.join(root, 'index.html'), '');
    expect(isCurrent(root, 'index.html', stampOf(root, inputs))).toBe(true);
    await writeFile(path.join(root, 'web/src/App.tsx'), 'export const a = 2;');
    expect(isCurrent(root, 'index.html', stampOf(root, inputs))).toBe(false);
    await writeFile(path.join(root, 'web/src/App.tsx'), 'export const a = 1;');
    expect(stampOf(root, inputs)).toBe(before);
    await writeFile(path.join(root, 'web/index.html'), '<div id="root"></div>');
    expect(stampOf(root, inputs)).not.toBe(before);
    // Tests are not part of the build.
    await rm(path.join(root, 'web/index.html'));
    await writeFile(path.join(root, 'web/src/App.test.tsx'), 'test');
    expect(stampOf(root, inputs)).toBe(before);
  });
});

describe('readable logs on a terminal', () => {
  it('prints time, level, message, the request and its fields, and an error with its stack', () => {
    const time = new Date(2026, 11, 7, 9, 5, 3, 42).getTime();
    const request = prettyLine(JSON.stringify({ level: 30, time, pid: 1, hostname: 'h', reqId: 'req-7', res: { statusCode: 201 }, req: { method: 'POST', url: '/api/chats' }, responseTime: 12.34, msg: 'request completed' }));
    expect(request).toBe('09:05:03.042  INFO   request completed  POST /api/chats  → 201  12.3 ms  reqId=req-7\n');
    const failed = prettyLine(JSON.stringify({ level: 50, time, msg: 'upload sweep failed', chatId: 'c1', err: { type: 'Error', message: 'disk full', stack: 'Error: disk full\n    at sweep' } }));
    expect(failed).toBe('09:05:03.042  ERROR  upload sweep failed  chatId=c1\nError: disk full\n    at sweep\n');
    expect(prettyLine('not json')).toBe('not json\n');
  });
});
