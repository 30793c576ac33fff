import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { demo, demoPassword, randomPhone, type TestPhone } from '../support/accounts.js';
import { createAccountViaApi } from '../support/api.js';
import { cyrillicTag } from '../support/names.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { chooseOption } from '../support/fields.js';
import { enterCode, enterPassword, expectSignedIn, schoolInMenu, signInOnNewDevice, submitPhone } from '../support/flows.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { readSmsCode } from '../support/sms.js';
import { SocketRelay } from '../support/socketRelay.js';
import { expect, test } from '../support/test.js';

// Issue 10, item 13: «Главная» must not jump as its blocks arrive, and what changes about a person (a request
// decided, a new school, a new request for the administration, messages missed while offline) reaches their open
// screens over the socket — no reload, no polling.

type Shift = { value: number; at: number; sources: string[] };
declare global {
  interface Window {
    __shifts: Shift[];
    __leftLogin: number | null;
  }
}

/**
 * Records every layout shift of the page (PerformanceObserver 'layout-shift', the entries Cumulative Layout Shift is
 * made of) and the moment the app left /login, so the test sums what moved from sign-in on.
 */
async function recordLayoutShifts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.__shifts = [];
    window.__leftLogin = null;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; startTime: number; sources?: { node?: Node }[] }[]) {
        const sources = (e.sources ?? []).map((s) => {
          const el = s.node as HTMLElement | undefined;
          return el ? `${el.nodeName}${el.id ? `#${el.id}` : ''} ${(el.textContent ?? '').slice(0, 40)}` : '?';
        });
        window.__shifts.push({ value: e.value, at: e.startTime, sources });
      }
    }).observe({ type: 'layout-shift', buffered: true });
    const mark = () => {
      if (window.__leftLogin === null && !location.pathname.startsWith('/login')) window.__leftLogin = performance.now();
    };
    for (const name of ['pushState', 'replaceState'] as const) {
      const original = history[name].bind(history);
      history[name] = (...args: Parameters<History['pushState']>) => {
        original(...args);
        mark();
      };
    }
  });
}

/**
 * The layout shift from leaving /login until «Главная» settled: every shift counted, even those right after the
 * click on «Войти» (which the browser's own CLS would forgive), so the figure is if anything larger than CLS.
 */
async function shiftSinceSignIn(page: Page): Promise<{ total: number; shifts: Shift[] }> {
  return page.evaluate(() => {
    const from = window.__leftLogin ?? 0;
    const shifts = window.__shifts.filter((s) => s.at >= from);
    return { total: shifts.reduce((n, s) => n + s.value, 0), shifts };
  });
}

for (const [who, phone] of [
  ['teacher', demo.teacher],
  ['student', demo.student],
] as const) {
  for (const width of [1280, 390]) {
    test(`«Главная» of the demo ${who} at ${width} px does not jump after sign-in: layout shift below 0.1 until settled`, async ({
      browser,
    }, testInfo) => {
      const context = await browser.newContext({ viewport: { width, height: width > 600 ? 800 : 844 } });
      try {
        await recordLayoutShifts(context);
        const page = await context.newPage();
        await page.goto('/login');
        const mark = await submitPhone(page, phone);
        await enterCode(page, await readSmsCode(phone.e164, mark));
        await enterPassword(page, demoPassword);
        await expectSignedIn(page);
        await expect(page.getByRole('heading', { name: 'Мои чаты' })).toBeVisible({ timeout: 15_000 });
        // Settled: no request in flight, and then long enough for a late block to have shown up.
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(2500);
        const { total, shifts } = await shiftSinceSignIn(page);
        await testInfo.attach('layout-shifts', { body: JSON.stringify(shifts, null, 2), contentType: 'application/json' });
        console.log(`layout shift after sign-in, ${who} at ${width}: ${total.toFixed(4)} (${shifts.length} shifts)`);
        expect(total, `layout shift after sign-in: ${JSON.stringify(shifts)}`).toBeLessThan(0.1);
        await expectNoHorizontalScroll(page);
        await expectNoA11yViolations(page, 'main');
        await shot(page, testInfo, `home-${who}-${width}`);
      } finally {
        await context.close();
      }
    });
  }
}

async function signedIn(browser: Browser, phone: TestPhone, password: string, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const relay = new SocketRelay();
  // The page's socket runs through the relay from its first connection, so the test can cut it later.
  await context.routeWebSocket(/\/api\/socket$/, relay.handle);
  const page = await context.newPage();
  await signInOnNewDevice(page, phone, password);
  return { context, page, relay };
}

test('an applicant sees «Одобрена», the new school and its news and messages live, and the unread badge is right at once after a reconnect', async ({
  browser,
}, testInfo) => {
  // The administrator of «Гимназия №1», on the school's page with the «Заявки» badge.
  const admin = await signedIn(browser, demo.admin, demoPassword);
  // Our own applicant: the demo's people are shared with other specs.
  const phone = randomPhone();
  const password = 'Zhivaya-zayavka-7A';
  const lastName = `Живая-${cyrillicTag(6)}`;
  await createAccountViaApi({ phone, password, firstName: 'Ксения', lastName });
  const applicant = await signedIn(browser, phone, password);
  try {
    await schoolInMenu(admin.page, 'Гимназия №1').click();
    const schoolId = new URL(admin.page.url()).pathname.split('/')[2]!;
    const requestsLink = admin.page.getByRole('link', { name: /^Заявки/ });
    await expect(requestsLink).toBeVisible();
    const pendingBefore = Number(((await requestsLink.textContent()) ?? '').replace(/\D+/g, '') || '0');

    // The applicant asks to join as a student of 7А.
    await applicant.page.getByRole('link', { name: 'Добавить учебное заведение' }).click();
    await chooseOption(applicant.page, 'Страна', 'Россия');
    await chooseOption(applicant.page, 'Город', 'Москва');
    await chooseOption(applicant.page, 'Учебное заведение', /^Гимназия №1/);
    await chooseOption(applicant.page, 'Роль', 'Ученик');
    await chooseOption(applicant.page, 'Класс', /^7А/);
    await applicant.page.getByRole('button', { name: 'Отправить заявку' }).click();
    await expect(applicant.page.getByText('На рассмотрении').first()).toBeVisible();

    // The administrator's badge goes up without a reload (the socket, not a poll: well within a minute).
    await expect(requestsLink).toHaveAccessibleName(`Заявки ${pendingBefore + 1}`, { timeout: 10_000 });
    await shot(admin.page, testInfo, '01-admin-badge-live-1280');

    await requestsLink.click();
    const card = admin.page.getByRole('article', { name: new RegExp(lastName) });
    await card.getByRole('button', { name: 'Одобрить' }).click();
    await expect(card).toHaveCount(0);

    // The applicant's open «Главная» changes by itself: «Одобрена», and the school in the left menu.
    await expect(applicant.page.getByText('Одобрена').first()).toBeVisible({ timeout: 10_000 });
    await expect(applicant.page.getByRole('link', { name: /^Гимназия №1/ }).first()).toBeVisible();
    expect(applicant.relay.connections, 'the same socket, never reconnected').toBe(1);
    await expectNoA11yViolations(applicant.page, 'main');
    await shot(applicant.page, testInfo, '02-applicant-approved-live-1280');

    // News of the new school reach the new member's open socket (it joined the school's room without reconnecting).
    const news = `Новость для новеньких ${randomUUID().slice(0, 6)}`;
    const posted = await admin.page.request.post(`/api/schools/${schoolId}/news`, { data: { feed: 'channel', text: news } });
    expect(posted.status()).toBe(201);
    await expect(applicant.page.getByText(news)).toBeVisible({ timeout: 10_000 });

    // A message of the new school's administration arrives live, with the left menu's badge.
    const me = (await (await applicant.page.request.get('/api/me')).json()) as { data: { id: string } };
    const chat = await admin.page.request.post('/api/chats', { data: { kind: 'personal', userId: me.data.id } });
    const chatId = ((await chat.json()) as { data: { id: string } }).data.id;
    const say = async (text: string) => {
      const res = await admin.page.request.post(`/api/chats/${chatId}/messages`, { data: { clientId: randomUUID(), text } });
      expect(res.status()).toBe(201);
    };
    // Joining 7А put the new pupil into its class chats that follow the class (other specs made some, with
    // history): the count starts from what the server says is unread now.
    const unreadNow = async () =>
      ((await (await applicant.page.request.get('/api/chats/unread')).json()) as { data: { totalUnread: number } }).data.totalUnread;
    const before = await unreadNow();
    await say('Добро пожаловать в гимназию!');
    await expect(applicant.page.getByText('Добро пожаловать в гимназию!')).toBeVisible({ timeout: 10_000 });
    const messagesLink = applicant.page.getByRole('link', { name: /^Сообщения/ });
    await expect(messagesLink).toHaveAccessibleName(`Сообщения Непрочитанных: ${before + 1}`);
    expect(applicant.relay.connections).toBe(1);

    // Cut the socket; two more messages while away; back: the badge and the chats list are right at once.
    await applicant.relay.drop();
    await say('Завтра линейка в 8:30');
    await say('Форма парадная');
    await applicant.page.waitForTimeout(500);
    applicant.relay.reconnect();
    await expect.poll(() => applicant.relay.received[applicant.relay.connections - 1]?.some((f) => f.t === 'resumed'), { timeout: 20_000 }).toBe(true);
    const resumedAt = Date.now();
    await expect(messagesLink).toHaveAccessibleName(`Сообщения Непрочитанных: ${before + 3}`, { timeout: 3000 });
    await expect(applicant.page.getByText('Форма парадная')).toBeVisible({ timeout: 3000 });
    expect(Date.now() - resumedAt, 'right after the resume, not at the next poll').toBeLessThan(3000);
    await shot(applicant.page, testInfo, '03-applicant-after-reconnect-1280');
    await applicant.page.setViewportSize({ width: 390, height: 844 });
    // The left menu folds away with a transition after the resize: judge the page once it has.
    await expect.poll(() => applicant.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoHorizontalScroll(applicant.page);
    await shot(applicant.page, testInfo, '04-applicant-home-390');
  } finally {
    await admin.context.close();
    await applicant.context.close();
  }
});
