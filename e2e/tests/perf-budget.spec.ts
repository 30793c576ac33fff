import { type APIRequestContext, type Browser, type Page, type Response, request } from '@playwright/test';
import { demo, demoPassword, type TestPhone } from '../support/accounts.js';
import { withinBudget } from '../support/budget.js';
import { baseUrl } from '../support/paths.js';
import { markLog, readSmsCode } from '../support/sms.js';
import { expect, test } from '../support/test.js';

/**
 * Issue 12, «Fast on a phone»: the first screen of each of landing, sign-in, «Главная» and a chat needs at most
 * 200 KB of compressed JavaScript. Each screen is opened in a fresh browser context (an empty cache, as a first
 * visit), Chromium asking for brotli as it does (`Accept-Encoding: gzip, deflate, br, zstd`); the bytes counted are
 * the scripts' bodies as sent (Playwright's `responseBodySize`: encoded), from the navigation until the screen shows
 * and the network has gone quiet — everything that screen loaded.
 */
const BUDGET_KB = 200;

/** Screens that are big and belong elsewhere: none of them may load with a first screen. */
const NOT_ON_A_FIRST_SCREEN = /\/assets\/(ArticleEditorPage|LessonPage|OperatorPage|SearchPage|SchoolDocumentsPage|VideosPage|MyDocumentsPage|InvitesPage|RequestsPage|CreatePollDialog|DatePickers)-/;

interface Script {
  url: string;
  bodyBytes: number;
  headerBytes: number;
  encoding: string;
  cacheControl: string;
}

/** Every script the page loads from now on, with its sizes as sent. */
function recordScripts(page: Page): () => Promise<Script[]> {
  const responses: Response[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') responses.push(r);
  });
  return async () =>
    Promise.all(
      responses.map(async (r) => {
        await r.finished();
        const sizes = await r.request().sizes();
        const headers = await r.allHeaders();
        return {
          url: new URL(r.url()).pathname,
          bodyBytes: sizes.responseBodySize,
          headerBytes: sizes.responseHeadersSize,
          encoding: headers['content-encoding'] ?? 'identity',
          cacheControl: headers['cache-control'] ?? '',
        };
      }),
    );
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Opens `path` in a fresh context, waits for `ready` and a quiet network; checks and prints what the scripts cost. */
async function measureFirstScreen(
  browser: Browser,
  name: string,
  path: string,
  ready: (page: Page) => Promise<void>,
  storageState?: Awaited<ReturnType<APIRequestContext['storageState']>>,
  hints: string[] = ['/api/setup'],
): Promise<void> {
  const context = await browser.newContext({ ...(storageState ? { storageState } : {}), viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    const scripts = recordScripts(page);
    // The page names what the screen asks first (server/src/http/firstScreenHints.ts): the browser must use those
    // answers, not fetch them again, and say nothing of a preload left unused.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname.startsWith('/api/')) asked.push(new URL(r.url()).pathname);
    });
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (/preload/i.test(m.text())) warnings.push(m.text());
    });
    await page.goto(path);
    await ready(page);
    await page.waitForLoadState('networkidle');
    const hinted = await page.locator('link[rel="preload"][as="fetch"]').evaluateAll((links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
    for (const h of hints) expect(hinted, `${name}: the page names what the screen asks first`).toContain(h);
    for (const once of hinted.filter((p) => p === '/api/setup' || p === '/api/me')) {
      expect(asked.filter((p) => p === once), `${name}: ${once} is asked once, by the page's preload`).toHaveLength(1);
    }
    expect(warnings, `${name}: no preload unused`).toEqual([]);
    const list = await scripts();
    const body = list.reduce((s, x) => s + x.bodyBytes, 0);
    const headers = list.reduce((s, x) => s + x.headerBytes, 0);
    console.log(
      `${name}: ${kb(body)} KB of compressed JavaScript in ${list.length} scripts (+ ${kb(headers)} KB of response headers)\n` +
        list
          .sort((a, b) => b.bodyBytes - a.bodyBytes)
          .map((s) => `    ${String(kb(s.bodyBytes)).padStart(6)} KB ${s.encoding.padEnd(8)} ${s.url}`)
          .join('\n'),
    );
    expect(list.length, `${name}: scripts loaded`).toBeGreaterThan(0);
    for (const s of list) {
      // The build writes no compressed copy where it would not be smaller (a chunk of a few dozen bytes).
      if (s.bodyBytes > 200) expect.soft(s.encoding, `${s.url} is sent compressed with brotli`).toBe('br');
      expect.soft(s.cacheControl, `${s.url} is cached for a year`).toBe('public, max-age=31536000, immutable');
      expect.soft(s.url, `${name} loads only its own screens' code`).not.toMatch(NOT_ON_A_FIRST_SCREEN);
    }
    expect(kb(body), `${name}: compressed JavaScript of the first screen, KB`).toBeLessThanOrEqual(BUDGET_KB);
  } finally {
    await context.close();
  }
}

/** Signs in through the API as the web app does (a new device: the SMS code from the server log); its own cookies. */
async function signInViaApi(phone: TestPhone): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: baseUrl });
  const post = async (path: string, data: object) => {
    const res = await api.post(`/api${path}`, { data });
    expect(res.ok(), `POST ${path} → ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as Record<string, unknown>;
  };
  const mark = markLog();
  const identified = await post('/auth/identify', { phone: phone.e164 });
  let verificationToken: string | undefined;
  if (identified.next === 'code') {
    const code = await readSmsCode(phone.e164, mark);
    verificationToken = (await post('/auth/verify', { phone: phone.e164, purpose: 'login', code })).verificationToken as string;
  }
  await post('/auth/signin', { phone: phone.e164, password: demoPassword, ...(verificationToken ? { verificationToken } : {}) });
  return api;
}

/** A class chat of the demo teacher's 7А with 30 messages from her and the demo student: a chat as it is used. */
async function chatWithMessages(teacher: APIRequestContext, student: APIRequestContext): Promise<{ id: string; name: string }> {
  const me = (await (await teacher.get('/api/me')).json()) as { data: { classes: { id: string; name: string; role: string }[] } };
  const cls = me.data.classes.find((c) => c.role === 'teacher');
  expect(cls, 'the demo teacher teaches a class').toBeDefined();
  const name = `${cls?.name} — скорость ${Date.now() % 100_000}`;
  const created = await teacher.post('/api/chats', { data: { kind: 'class', classId: cls?.id, name, allStudents: true } });
  expect(created.ok(), await created.text()).toBe(true);
  const id = ((await created.json()) as { data: { id: string } }).data.id;
  for (let i = 0; i < 30; i++) {
    const from = i % 2 === 0 ? teacher : student;
    const text = i % 2 === 0 ? `Задание ${i + 1}: решите номера ${240 + i} и ${241 + i}.` : `Понял, сделаю к уроку (${i + 1}).`;
    // Seeding faster than a person types: a 429 (the sender's message budget, maybe used by the spec before) waits.
    const sent = await withinBudget(() => from.post(`/api/chats/${id}/messages`, { data: { clientId: `perf-${i}`, text } }));
    expect(sent.ok(), await sent.text()).toBe(true);
  }
  return { id, name };
}

test.describe('first screens on a phone (issue 12: ≤ 200 KB of compressed JavaScript)', () => {
  test('landing and sign-in', async ({ browser }) => {
    await measureFirstScreen(browser, 'landing', '/', async (page) => {
      await expect(page.getByRole('heading', { name: 'Образовательная платформа' })).toBeVisible();
    });
    await measureFirstScreen(browser, 'sign-in', '/login', async (page) => {
      await expect(page.getByLabel('Номер телефона')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Войти или создать аккаунт' })).toBeVisible();
    });
  });

  test('«Главная» and a chat, signed in as the demo student', async ({ browser }) => {
    const teacher = await signInViaApi(demo.teacher);
    const student = await signInViaApi(demo.student);
    try {
      const chat = await chatWithMessages(teacher, student);
      const state = await student.storageState();
      await measureFirstScreen(
        browser,
        '«Главная»',
        '/home',
        async (page) => {
          await expect(page.getByRole('heading', { name: /^Здравствуйте, / })).toBeVisible();
          await expect(page.getByRole('link', { name: chat.name }).first()).toBeVisible();
        },
        state,
        ['/api/setup', '/api/me', '/api/chats', '/api/me/join-requests', '/api/lessons/live'],
      );
      await measureFirstScreen(
        browser,
        'chat',
        `/chats/${chat.id}`,
        async (page) => {
          await expect(page.getByRole('heading', { level: 1, name: chat.name })).toBeVisible();
          await expect(page.getByText('Понял, сделаю к уроку (30).')).toBeVisible();
        },
        state,
        ['/api/setup', '/api/me', `/api/chats/${chat.id}`, `/api/chats/${chat.id}/messages`],
      );
    } finally {
      await teacher.dispose();
      await student.dispose();
    }
  });
});
