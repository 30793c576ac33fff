import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { demo } from '../support/accounts.js';
import { baseUrl, screenshotDir } from '../support/paths.js';
import { hideTab, showTab, shownNotifications, waitForServiceWorker } from '../support/pwa.js';
import { expect, test } from '../support/test.js';
import { closeAll, history, type Person, personIn } from './chat-support.js';

/** A personal chat the teacher opens with the student; its id. */
async function personalChat(teacher: Person, student: Person): Promise<string> {
  const studentId = ((await (await student.page.request.get('/api/me')).json()) as { data: { id: string } }).data.id;
  const chat = await teacher.page.request.post('/api/chats', { data: { kind: 'personal', userId: studentId } });
  expect(chat.ok()).toBe(true);
  return ((await chat.json()) as { data: { id: string } }).data.id;
}

async function say(person: Person, chatId: string, text: string): Promise<void> {
  const res = await person.page.request.post(`/api/chats/${chatId}/messages`, { data: { clientId: randomUUID(), text } });
  expect(res.status()).toBe(201);
}

/** The registration id of the app's worker, as the DevTools protocol names it (for ServiceWorker.deliverPushMessage). */
async function registrationId(page: Page): Promise<{ id: string; push: (data: string) => Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  const id = await new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const mine = registrations.find((r) => r.scopeURL === `${baseUrl}/` && !r.isDeleted);
      if (mine) resolve(mine.registrationId);
    });
    void cdp.send('ServiceWorker.enable');
  });
  return { id, push: async (data) => void (await cdp.send('ServiceWorker.deliverPushMessage', { origin: baseUrl, registrationId: id, data })) };
}

/**
 * A click on a notification, as far as a headless browser allows: Chromium has no way to click a system notification
 * (neither the DevTools protocol nor Playwright), so the test dispatches the `notificationclick` event the browser
 * would send, with the notification the worker shows, to the app's real worker. The worker's handler runs as on a
 * click; only bringing the window to the front is refused (the browser allows it after a real click alone).
 */
async function clickNotification(page: Page, tag: string): Promise<unknown[]> {
  const worker = page.context().serviceWorkers().find((w) => w.url().endsWith('/sw.js'));
  expect(worker, 'the app’s service worker').toBeTruthy();
  return worker!.evaluate(async (wanted) => {
    type Scope = { registration: ServiceWorkerRegistration; NotificationEvent: new (type: string, init: { notification: Notification }) => Event };
    const scope = self as unknown as Scope;
    const [notification] = await scope.registration.getNotifications({ tag: wanted });
    if (!notification) throw new Error(`no notification ${wanted}`);
    const event = new scope.NotificationEvent('notificationclick', { notification });
    // The browser's own event lets the handler wait (waitUntil); a dispatched one may not: collect what it waits for.
    const waits: Promise<unknown>[] = [];
    Object.defineProperty(event, 'waitUntil', { value: (p: Promise<unknown>) => waits.push(p) });
    self.dispatchEvent(event);
    return Promise.all(waits);
  }, tag);
}

// Issue 12: a push delivered to the worker; item 3, a tab open in the background.
test.describe('notifications', () => {
  test('a push shows a notification with the app icon, one per chat; its click opens the chat in the open tab', async ({ browser }) => {
    const teacher = await personIn(browser, demo.teacher);
    const student = await personIn(browser, demo.student);
    try {
      await student.context.grantPermissions(['notifications'], { origin: baseUrl });
      await waitForServiceWorker(student.page);
      const chatId = await personalChat(teacher, student);
      const tag = `chat:${chatId}`;
      const worker = await registrationId(student.page);

      // The push module's payload, as the push service delivers it to the worker.
      await worker.push(JSON.stringify({ title: 'Ирина Кузнецова', body: 'Не забудьте тетради', url: `/chats/${chatId}`, tag }));
      await expect
        .poll(() => shownNotifications(student.page))
        .toEqual([{ title: 'Ирина Кузнецова', body: 'Не забудьте тетради', tag, url: `/chats/${chatId}`, icon: `${baseUrl}/icons/icon-192.png` }]);
      // A newer push of the same chat replaces it: one notification per chat.
      await worker.push(JSON.stringify({ title: 'Ирина Кузнецова', body: 'И линейку', url: `/chats/${chatId}`, tag }));
      await expect.poll(async () => (await shownNotifications(student.page)).map((n) => n.body)).toEqual(['И линейку']);

      // A payload that is not ours still shows something (the browser requires it), and a click never leaves the app.
      await worker.push(JSON.stringify({ title: 'Странное', body: 'x', url: 'https://example.org/phish', tag: 'odd' }));
      await worker.push('не JSON');
      await expect.poll(async () => (await shownNotifications(student.page)).map((n) => [n.title, n.url]).sort()).toEqual(
        [['Ирина Кузнецова', `/chats/${chatId}`], ['Parta', '/'], ['Странное', '/']].sort(),
      );

      // The student is elsewhere in the app; the click brings the chat up in this tab, without a reload.
      await student.page.getByRole('link', { name: 'Главная', exact: true }).click();
      await expect(student.page).toHaveURL(/\/home$/);
      await student.page.evaluate(() => {
        (window as unknown as { sameDocument: boolean }).sameDocument = true;
      });
      expect(await clickNotification(student.page, tag)).toEqual(['navigated']);
      await expect(student.page).toHaveURL(new RegExp(`/chats/${chatId}$`));
      await expect(student.page.getByRole('heading', { level: 1, name: 'Ирина Кузнецова' })).toBeVisible();
      expect(await student.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      // The clicked notification is gone; the others stay.
      await expect.poll(async () => (await shownNotifications(student.page)).map((n) => n.tag)).not.toContain(tag);
    } finally {
      await closeAll(teacher, student);
    }
  });

  test('a hidden tab shows the unread count in its title and icon, and a notification per new message — never for my own', async ({ browser }) => {
    const teacher = await personIn(browser, demo.teacher);
    const student = await personIn(browser, demo.student);
    try {
      await student.context.grantPermissions(['notifications'], { origin: baseUrl });
      await waitForServiceWorker(student.page);
      const chatId = await personalChat(teacher, student);
      const page = student.page;
      await page.getByRole('link', { name: 'Главная', exact: true }).click();
      const unread = async () => ((await (await page.request.get('/api/chats/unread')).json()) as { data: { totalUnread: number } }).data.totalUnread;
      const before = await unread();
      // Every notification the app asks for, in order (the worker shows them; a newer one of a chat replaces the older).
      await page.evaluate(() => {
        const shown: string[] = [];
        (window as unknown as { shown: string[] }).shown = shown;
        const original = ServiceWorkerRegistration.prototype.showNotification;
        ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
          shown.push(`${title}: ${options?.body ?? ''}`);
          return original.call(this, title, options);
        };
      });
      const asked = () => page.evaluate(() => (window as unknown as { shown: string[] }).shown);

      await hideTab(page);
      await say(teacher, chatId, 'Завтра контрольная');
      await expect(page).toHaveTitle(new RegExp(`^\\(${before + 1}\\) .*Parta$`));
      await expect.poll(() => shownNotifications(page)).toEqual([
        { title: 'Ирина Кузнецова', body: 'Завтра контрольная', tag: `chat:${chatId}`, url: `/chats/${chatId}`, icon: `${baseUrl}/icons/icon-192.png` },
      ]);
      // The icon carries the count: a red badge drawn over the app's icon.
      const icon = page.locator('link[rel="icon"]');
      await expect(icon).toHaveAttribute('href', /^data:image\/png;base64,/);
      const badge = await icon.evaluate(async (link: HTMLLinkElement) => {
        const img = new Image();
        img.src = link.href;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const corner = ctx.getImageData(img.width - 6, 18, 1, 1).data;
        const middle = ctx.getImageData(4, img.height - 8, 1, 1).data;
        return { corner: [...corner.slice(0, 3)], middle: [...middle.slice(0, 3)], href: link.href };
      });
      expect(badge.corner[0], 'red in the top right corner').toBeGreaterThan(180);
      expect(badge.corner[2]).toBeLessThan(100);
      expect(badge.middle[2], 'the app’s blue elsewhere').toBeGreaterThan(150);
      writeFileSync(path.join(screenshotDir, 'pwa-favicon-with-count.png'), Buffer.from(badge.href.split(',')[1]!, 'base64'));

      // My own message (from my phone, say) is neither counted nor announced; the next one of the teacher is.
      await say(student, chatId, 'Хорошо, подготовлюсь');
      await say(teacher, chatId, 'И принесите линейку');
      await expect(page).toHaveTitle(new RegExp(`^\\(${before + 2}\\) .*Parta$`));
      await expect.poll(asked).toEqual(['Ирина Кузнецова: Завтра контрольная', 'Ирина Кузнецова: И принесите линейку']);
      // One notification for the chat: the newer replaced the older.
      await expect.poll(async () => (await shownNotifications(page)).map((n) => n.body)).toEqual(['И принесите линейку']);

      // Back to the tab through the notification: the chat opens and is read, the count goes from the title and the
      // icon, the notification goes.
      await showTab(page);
      expect(await clickNotification(page, `chat:${chatId}`)).toEqual(['navigated']);
      await expect(page).toHaveURL(new RegExp(`/chats/${chatId}$`));
      await expect(history(page)).toContainText('И принесите линейку');
      await expect(page).toHaveTitle(before === 0 ? /^(?!\()/ : new RegExp(`^\\(${before}\\) `));
      if (before === 0) await expect(icon).toHaveAttribute('href', '/favicon.svg');
      await expect.poll(() => shownNotifications(page)).toEqual([]);

      // While the tab is in front, a new message is not announced (the person sees it on the screen).
      await say(teacher, chatId, 'До завтра');
      await expect(history(page)).toContainText('До завтра');
      expect(await asked()).toHaveLength(2);
    } finally {
      await closeAll(teacher, student);
    }
  });
});
