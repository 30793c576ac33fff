import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demo, demoPassword } from '../support/accounts.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { signInOnNewDevice, signOut } from '../support/flows.js';
import { NetSwitch } from '../support/netSwitch.js';
import { baseUrl, webDist } from '../support/paths.js';
import { cachedShellNonce, cacheContents, pageNonce, waitForServiceWorker } from '../support/pwa.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, history, personIn } from './chat-support.js';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1'), 'a PNG file').toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// Issue 12, item 1: Parta installs from the browser and opens without a network.
test.describe('installable app', () => {
  test('Chrome finds Parta installable: a Russian manifest with its icons, a service worker, an apple-touch-icon', async ({ playwright }, testInfo) => {
    // Chrome never offers to install from an incognito window, which is what a test's usual context is: a profile on disk.
    const profile = mkdtempSync(path.join(os.tmpdir(), 'parta-install-'));
    const { launchOptions, locale } = testInfo.project.use;
    const context = await playwright.chromium.launchPersistentContext(profile, { ...launchOptions, locale, baseURL: baseUrl });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
      });
      await page.goto('/');
      await expect(page.getByRole('button', { name: 'Войти или создать аккаунт' }).or(page.getByRole('link', { name: 'Войти или создать аккаунт' })).first()).toBeVisible();
      await waitForServiceWorker(page);

      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors, 'what keeps Chrome from offering «Установить»').toEqual([]);

      const { url, errors: manifestErrors, data } = await cdp.send('Page.getAppManifest');
      expect(manifestErrors).toEqual([]);
      expect(new URL(url).pathname).toBe('/manifest.webmanifest');
      const manifest = JSON.parse(data ?? '{}') as {
        name: string; short_name: string; lang: string; start_url: string; display: string; theme_color: string; background_color: string;
        icons: { src: string; sizes: string; type: string; purpose?: string }[];
      };
      expect(manifest).toMatchObject({ name: 'Parta', short_name: 'Parta', lang: 'ru', start_url: '/', display: 'standalone' });
      // The theme's colours: the logo's blue (Mantine's blue 8, the primary shade) and the page's background.
      expect(manifest.theme_color).toBe('#1971c2');
      expect(manifest.background_color).toBe('#f8f9fa');
      await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', manifest.theme_color);
      const logoBlue = await page.locator('.mantine-ThemeIcon-root').first().evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(logoBlue).toBe('rgb(25, 113, 194)');
      const pageBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(pageBackground).toBe('rgb(248, 249, 250)');

      // Real PNGs of the sizes they claim: 192 and 512 for any use, 512 maskable; 180 for iOS's home screen.
      const wanted = [
        { sizes: '192x192', purpose: 'any' },
        { sizes: '512x512', purpose: 'any' },
        { sizes: '512x512', purpose: 'maskable' },
      ];
      for (const want of wanted) {
        const icon = manifest.icons.find((i) => i.sizes === want.sizes && (i.purpose ?? 'any') === want.purpose);
        expect(icon, `an icon ${want.sizes} ${want.purpose}`).toBeTruthy();
        const res = await page.request.get(icon!.src);
        expect(res.headers()['content-type']).toBe('image/png');
        const [w, h] = want.sizes.split('x').map(Number);
        expect(pngSize(await res.body())).toEqual({ width: w, height: h });
      }
      const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
      expect(pngSize(await (await page.request.get(touchIcon ?? '')).body())).toEqual({ width: 180, height: 180 });
      await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.svg');
      // The worker is served from the root (its scope is the whole app).
      const sw = await page.request.get('/sw.js');
      expect(sw.headers()['content-type']).toMatch(/javascript/);
      // It has kept the shell and every file of the build — the screens' lazily loaded code too — for offline starts.
      const built = readdirSync(path.join(webDist, 'assets')).filter((f) => !/\.(br|gz|map)$/.test(f)).map((f) => `/assets/${f}`);
      expect(built.length).toBeGreaterThan(1);
      await expect
        .poll(async () => Object.entries(await cacheContents(page)).find(([name]) => name.startsWith('parta-shell-'))?.[1] ?? [])
        .toEqual(expect.arrayContaining(['/', '/manifest.webmanifest', '/icons/icon-192.png', ...built]));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('after one visit Parta opens offline with the last data it had and says «Нет связи»; back online it goes', async ({ browser }, testInfo) => {
    const net = await NetSwitch.start();
    const teacher = await personIn(browser, demo.teacher);
    const context = await browser.newContext({ baseURL: net.url });
    const page = await context.newPage();
    try {
      await page.goto('/login');
      await signInOnNewDevice(page, demo.student, demoPassword);
      await waitForServiceWorker(page);

      // A personal chat from the teacher, with a message, for the student to open once.
      const studentId = ((await (await page.request.get('/api/me')).json()) as { data: { id: string } }).data.id;
      const chat = await teacher.page.request.post('/api/chats', { data: { kind: 'personal', userId: studentId } });
      const chatId = ((await chat.json()) as { data: { id: string } }).data.id;
      const text = `Контрольная в пятницу, повторите дроби ${randomUUID().slice(0, 4)}`;
      const sent = await teacher.page.request.post(`/api/chats/${chatId}/messages`, { data: { clientId: randomUUID(), text } });
      expect(sent.status()).toBe(201);

      await page.goto('/home');
      const myChats = page.getByRole('region', { name: 'Мои чаты' });
      await expect(myChats).toContainText(text);
      await page.goto(`/chats/${chatId}`);
      await expect(history(page)).toContainText(text);
      // What the screens showed is kept: me, the chat list, this chat's history.
      await expect.poll(async () => (await cacheContents(page))['parta-api'] ?? []).toEqual(
        expect.arrayContaining(['/api/me', '/api/chats', `/api/chats/${chatId}`, `/api/chats/${chatId}/messages`]),
      );
      // The app's bar (a chat or «Главная» may add its own line about the live connection).
      const bar = page.getByRole('status').filter({ has: page.getByText('Нет связи', { exact: true }) });
      await expect(bar).toHaveCount(0);

      // Online, every start is a page fresh from the server (its own CSP nonce), never the kept shell.
      const keptNonce = await cachedShellNonce(page);
      expect(keptNonce).not.toBe('');
      expect(await pageNonce(page)).not.toBe(keptNonce);

      // The server goes away while the browser still has a network: the next screen says so, with what was kept.
      net.cut();
      await page.getByRole('link', { name: 'Главная', exact: true }).click();
      await expect(bar).toBeVisible();
      await expect(myChats).toContainText(text);
      net.mend();
      // The app asks the server again by itself: the bar goes without a click.
      await expect(bar).toBeHidden({ timeout: 30_000 });

      // Now no network at all, and the app is started again on the chat.
      net.cut();
      await context.setOffline(true);
      await page.goto(`/chats/${chatId}`);
      await expect(bar).toBeVisible();
      await expect(history(page)).toContainText(text);
      await expect(bar).toContainText('Показаны сохранённые данные');
      await expect(page).toHaveTitle(/Parta/);
      // The kept shell came with the CSP header it was served with: its nonce is the page's, and Mantine's styles,
      // which carry it, apply (a refused one fails the test: support/test.ts).
      expect(await pageNonce(page)).toBe(keptNonce);
      const styleNonces = await page.evaluate(() => [...document.querySelectorAll('style')].map((s) => s.nonce).filter(Boolean));
      expect(styleNonces.length).toBeGreaterThan(0);
      expect(new Set(styleNonces)).toEqual(new Set([keptNonce]));
      await expect(page.getByRole('banner')).toHaveCSS('position', 'fixed');
      await shot(page, testInfo, '01-offline-chat-1280');
      // The header, which holds the bar (the chat's own screen is another part's, checked by its tests).
      await expectNoA11yViolations(page, 'header');

      // «Главная» from the kept answers.
      await page.getByRole('link', { name: 'Главная', exact: true }).click();
      await expect(myChats).toContainText(text);
      await shot(page, testInfo, '02-offline-home-1280');
      await page.setViewportSize({ width: 390, height: 844 });
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectNoHorizontalScroll(page);
      await expect(bar).toBeVisible();
      await shot(page, testInfo, '03-offline-home-390');
      await page.goto(`/chats/${chatId}`);
      await expect(history(page)).toContainText(text);
      await shot(page, testInfo, '04-offline-chat-390');

      // Back: the bar goes, and the chat is live again (a new message arrives without a reload).
      await context.setOffline(false);
      net.mend();
      await expect(bar).toBeHidden({ timeout: 30_000 });
      // The chat's own line about its live connection goes too, once the socket is back (at once on «online»).
      await expect(page.getByText(/Нет связи с сервером/)).toHaveCount(0, { timeout: 30_000 });
      const after = `Жду всех в 9:00 ${randomUUID().slice(0, 4)}`;
      await teacher.page.request.post(`/api/chats/${chatId}/messages`, { data: { clientId: randomUUID(), text: after } });
      await expect(history(page)).toContainText(after, { timeout: 30_000 });
      await page.setViewportSize({ width: 1280, height: 800 });

      // Signing out forgets what was kept: offline again, the next person on this device sees nothing of it.
      await signOut(page);
      expect((await cacheContents(page))['parta-api'] ?? []).toEqual([]);
      net.cut();
      await context.setOffline(true);
      await page.goto(`/chats/${chatId}`);
      await expect(bar).toBeVisible();
      // Nothing kept to show: the screen says it could not load (with «Попробовать ещё раз»), never the student's data.
      await expect(page.getByRole('alert')).toBeVisible({ timeout: 30_000 });
      await expect(bar).toContainText('Подключимся, как только связь появится');
      await expect(page.getByText(text)).toHaveCount(0);
      await expect(page.getByRole('banner').getByRole('button', { name: 'Профиль' })).toHaveCount(0);
      await shot(page, testInfo, '05-offline-signed-out-1280');
    } finally {
      await context.close();
      await net.close();
      await closeAll(teacher);
    }
  });
});

