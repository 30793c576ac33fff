import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sleep } from '../lib/stats.js';

/**
 * Builds the web app into `dist` (a private directory: a build in the checkout cannot swap files under the run) the way
 * `npm start` does, with the same `vite build`.
 */
export function buildWebApp(repo: string, dist: string): void {
  execFileSync('npm', ['run', 'build', '-w', 'web', '--', '--outDir', dist, '--emptyOutDir'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface RunningServer {
  url: string;
  log: string;
  stop: () => Promise<void>;
}

/**
 * Starts the server as `npm start` does (`tsx server/src/main.ts`) on its own embedded database with the demo school,
 * serving `dist`. Its log (where the dev SMS provider writes the codes) goes to `log`.
 */
export async function startServer(repo: string, opts: { port: number; dataDir: string; dist: string; log: string }): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'PUBLIC_URL', 'REDIS_URL', 'SECRET_KEY', 'SMS_PROVIDER', 'TRUST_PROXY']) delete env[name];
  Object.assign(env, {
    PORT: String(opts.port), HOST: '127.0.0.1', DATA_DIR: opts.dataDir, WEB_DIST: opts.dist, LOG_LEVEL: 'info', PARTA_DEMO: '1',
  });
  const out = openSync(opts.log, 'w');
  const child = spawn(path.join(repo, 'node_modules', '.bin', 'tsx'), ['server/src/main.ts'], {
    cwd: repo, env, stdio: ['ignore', out, out], detached: true,
  });
  closeSync(out);
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${opts.log}`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await stopGroup(child);
      throw new Error(`the server did not answer within 120 s; see ${opts.log}`);
    }
    await sleep(300);
  }
  return { url, log: opts.log, stop: () => stopGroup(child) };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  if ((await Promise.race([exited, sleep(8000).then(() => 'late')])) === 'late') signal('SIGKILL');
}

/** The cookies a browser would keep for the server: name → value. */
export type CookieJar = Map<string, string>;

/**
 * Signs in through the API as the web app does: the number, the code the dev SMS provider logged (a new device), the
 * password. Returns the cookies (the session and the device id) to give the browser.
 */
export async function signIn(server: RunningServer, phone: string, password: string): Promise<CookieJar> {
  const jar: CookieJar = new Map();
  const post = async (route: string, body: object) => {
    const res = await fetch(`${server.url}/api${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, cookie: cookieHeader(jar) },
      body: JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`POST ${route} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const since = statSync(server.log).size;
  const identified = await post('/auth/identify', { phone });
  let verificationToken: string | undefined;
  if (identified.next === 'code') {
    const code = await smsCode(server.log, phone, since);
    const verified = await post('/auth/verify', { phone, purpose: 'login', code });
    verificationToken = verified.verificationToken as string;
  }
  await post('/auth/signin', { phone, password, ...(verificationToken ? { verificationToken } : {}) });
  return jar;
}

export function cookieHeader(jar: CookieJar): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** The newest six-digit code the dev SMS provider logged for `phone` after byte `since` of the log. */
async function smsCode(log: string, phone: string, since: number): Promise<string> {
  const needle = `SMS to ${phone}:`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const lines = readFileSync(log).subarray(since).toString('utf8').split('\n').filter((l) => l.includes(needle));
    const code = /\b(\d{6})\b/.exec(lines.at(-1)?.slice(lines.at(-1)!.indexOf(needle)) ?? '')?.[1];
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no SMS code for ${phone} in ${log}`);
    await sleep(200);
  }
}

/** A request as the signed-in browser would make it; waits out a 429 (the bench writes faster than a person). */
export async function api<T>(server: RunningServer, jar: CookieJar, method: string, route: string, body?: object): Promise<T> {
  for (;;) {
    const res = await fetch(`${server.url}/api${route}`, {
      method,
      headers: { cookie: cookieHeader(jar), origin: server.url, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status === 429) {
      await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
      continue;
    }
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${route} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
}

const LINES = [
  'Добрый день! Напоминаю: в четверг контрольная по теме «Линейные уравнения».',
  'А можно будет пользоваться калькулятором?',
  'Нет, только черновик и ручка. Повторите параграфы 12–14.',
  'Спасибо! А задачи будут как в домашнем задании?',
  'Похожие, но с другими числами. Разберите ещё раз номер 245 и 251.',
  'Я не понял, как в 251 перенести слагаемые, можно объяснить?',
  'Переносим всё с x влево, числа вправо, при переносе знак меняется на противоположный.',
  'Понял, спасибо большое!',
];

/**
 * The chat a bench opens: the demo school has none, so the demo teacher makes a class chat for her class with all
 * its students, and she and the student write `messages` messages in it (more than one screen of history).
 */
export async function seedChat(server: RunningServer, teacher: CookieJar, student: CookieJar, messages = 40): Promise<{ id: string; name: string; messages: number }> {
  const me = await api<{ data: { classes: { id: string; name: string; role: string }[] } }>(server, teacher, 'GET', '/me');
  const cls = me.data.classes.find((c) => c.role === 'teacher');
  if (!cls) throw new Error('the demo teacher teaches no class');
  const name = `${cls.name} — алгебра`;
  const chat = await api<{ data: { id: string } }>(server, teacher, 'POST', '/chats', { kind: 'class', classId: cls.id, name, allStudents: true });
  for (let i = 0; i < messages; i++) {
    const text = LINES[i % LINES.length] as string;
    await api(server, i % 2 === 0 ? teacher : student, 'POST', `/chats/${chat.data.id}/messages`, { clientId: `bench-${i}`, text });
  }
  return { id: chat.data.id, name, messages };
}
