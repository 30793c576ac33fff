import { demo, demoPassword } from '../support/accounts.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { signInOnNewDevice } from '../support/flows.js';
import { NetSwitch } from '../support/netSwitch.js';
import { baseUrl } from '../support/paths.js';
import { cachedShellNonce, pageNonce, shellCaches, waitForServiceWorker } from '../support/pwa.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';

// Issue 12, item 1: a new version is picked up on the next start, never a stale shell; the open app offers it.
test('a new version: every start is fresh from the server; the waiting new worker is offered with «Доступна новая версия», «Обновить» switches', async ({ browser }, testInfo) => {
  const net = await NetSwitch.start();
  const context = await browser.newContext({ baseURL: net.url });
  const page = await context.newPage();
  try {
    await page.goto('/login');
    await signInOnNewDevice(page, demo.student, demoPassword);
    await waitForServiceWorker(page);
    const [firstShell] = await shellCaches(page);
    expect(firstShell).toMatch(/^parta-shell-[0-9a-f]{16}$/);
    // The first worker taking the page over is not a new version: nothing to offer.
    const prompt = page.getByRole('status').filter({ hasText: 'Доступна новая версия' });
    await expect(prompt).toHaveCount(0);

    // Two starts online: each page is the server's own (a nonce of its own), not the shell the worker keeps.
    const kept = await cachedShellNonce(page);
    await page.reload();
    const first = await pageNonce(page);
    await page.reload();
    const second = await pageNonce(page);
    expect(new Set([kept, first, second]).size, 'three different nonces').toBe(3);

    // A deploy: the server now has a new build's worker (its version, and so its caches, differ).
    const version = firstShell!.slice('parta-shell-'.length);
    const next = version.split('').reverse().join('');
    const worker = await (await fetch(`${baseUrl}/sw.js`)).text();
    expect(worker).toContain(version);
    net.deploy('/sw.js', worker.replaceAll(version, next));

    // The next start finds it: the new worker installs and waits, and the app says so.
    await expect(prompt).toHaveCount(0);
    await page.reload();
    await expect(prompt).toBeVisible({ timeout: 30_000 });
    await expect(prompt.getByRole('button', { name: 'Обновить' })).toBeVisible();
    // Still the old worker until the person says so: an open screen never changes under them.
    expect(await shellCaches(page)).toEqual(expect.arrayContaining([firstShell]));
    await expectNoA11yViolations(page, 'header');
    await shot(page, testInfo, '01-update-prompt-1280');
    // A second tab of the app sees the same offer.
    const other = await context.newPage();
    await other.goto('/chats');
    const otherPrompt = other.getByRole('status').filter({ hasText: 'Доступна новая версия' });
    await expect(otherPrompt).toBeVisible({ timeout: 30_000 });
    await other.setViewportSize({ width: 390, height: 844 });
    await expectNoHorizontalScroll(other);
    await shot(other, testInfo, '02-update-prompt-390');

    // «Обновить»: the new worker takes over and this tab reloads into it.
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Обновить' }).click();
    await reloaded;
    await expect(page.getByRole('banner').getByRole('button', { name: 'Профиль' })).toBeVisible();
    await expect.poll(() => shellCaches(page), { timeout: 30_000 }).toEqual([`parta-shell-${next}`]);
    await expect(prompt).toHaveCount(0);

    // The other tab still runs the old page under the new worker: it offers a reload, which brings it up to date.
    await expect(otherPrompt).toBeVisible();
    const otherReloaded = other.waitForEvent('load');
    await otherPrompt.getByRole('button', { name: 'Обновить' }).click();
    await otherReloaded;
    await expect(other.getByRole('heading', { name: 'Сообщения', level: 1 })).toBeVisible();
    await expect(otherPrompt).toHaveCount(0);

    // «Позже» puts the offer away for this page.
    net.deploy('/sw.js', worker);
    await page.reload();
    await expect(prompt).toBeVisible({ timeout: 30_000 });
    await prompt.getByRole('button', { name: 'Позже' }).click();
    await expect(prompt).toHaveCount(0);
  } finally {
    await context.close();
    await net.close();
  }
});
