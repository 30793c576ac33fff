import { expect, type Page } from '@playwright/test';
import { demo } from '../support/accounts.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { withinBudget } from '../support/budget.js';
import { test } from '../support/test.js';
import { shot } from '../support/screens.js';
import { closeAll, personIn, uniqueName } from './chat-support.js';

// Issue 12, item 5: the theme follows the system's dark setting and can be chosen in the profile menu; dates read as
// a Russian messenger's do and move on by themselves.

/** An API call from a signed-in page (its cookies), waiting out the request budget. */
async function call<T>(page: Page, method: 'GET' | 'POST', path: string, data?: object): Promise<T> {
  const res = await withinBudget(() => page.request.fetch(`/api${path}`, { method, ...(data ? { data } : {}) }));
  const body = await res.json();
  expect(res.ok(), `${method} ${path} → ${res.status()} ${JSON.stringify(body)}`).toBe(true);
  return body as T;
}

/**
 * Records every value `<html data-mantine-color-scheme>` takes as the page loads, and whether the app had drawn
 * anything yet when it first got one: a theme set only after the first render would flash the other one.
 */
function recordSchemes() {
  const seen: { value: string | null; drawn: boolean }[] = [];
  (window as unknown as { __schemes: typeof seen }).__schemes = seen;
  // The script runs before <html> exists: the document is watched, for that one attribute of <html>.
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target !== document.documentElement) continue;
      seen.push({ value: document.documentElement.getAttribute('data-mantine-color-scheme'), drawn: (document.getElementById('root')?.childElementCount ?? 0) > 0 });
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-mantine-color-scheme'] });
}

const schemesSeen = (page: Page) => page.evaluate(() => (window as unknown as { __schemes: { value: string | null; drawn: boolean }[] }).__schemes);

test('the theme: as the system by default, «Светлая» or «Тёмная» from the profile menu, kept after a reload, never a flash of the other', async ({ browser }, testInfo) => {
  const student = await personIn(browser, demo.student, { initScript: recordSchemes });
  const { page } = student;
  try {
    // The system is dark: so is Parta, from before its first render.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/home');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
    const first = await schemesSeen(page);
    expect(first[0], 'the theme is on <html> before the app draws anything').toEqual({ value: 'dark', drawn: false });
    expect(first.every((s) => s.value === 'dark'), JSON.stringify(first)).toBe(true);
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(31, 31, 31)');

    // The system turns light, and Parta with it.
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');

    // «Тема»: «Как в системе» is chosen; «Тёмная» makes it dark though the system is light.
    const profile = page.getByRole('banner').getByRole('button', { name: 'Профиль' });
    await profile.click();
    const themes = page.getByRole('group', { name: 'Тема' });
    await expect(themes.getByRole('menuitemradio', { name: 'Как в системе' })).toHaveAttribute('aria-checked', 'true');
    await shot(page, testInfo, '01-profile-menu-theme');
    await expectNoA11yViolations(page);
    await themes.getByRole('menuitemradio', { name: 'Тёмная' }).click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('parta.colorScheme'))).toBe('dark');
    await page.keyboard.press('Escape');
    await shot(page, testInfo, '02-home-dark-chosen');

    // Kept on this device: after a reload it is dark from the first paint, with the system still light.
    await page.reload();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
    const reloaded = await schemesSeen(page);
    expect(reloaded[0]).toEqual({ value: 'dark', drawn: false });
    expect(reloaded.every((s) => s.value === 'dark'), JSON.stringify(reloaded)).toBe(true);

    // «Светлая» stays light though the system turns dark.
    await profile.click();
    await expect(themes.getByRole('menuitemradio', { name: 'Тёмная' })).toHaveAttribute('aria-checked', 'true');
    await expectNoA11yViolations(page);
    await shot(page, testInfo, '03-profile-menu-dark');
    await themes.getByRole('menuitemradio', { name: 'Светлая' }).click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
    await page.keyboard.press('Escape');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
    expect((await schemesSeen(page))[0]).toEqual({ value: 'light', drawn: false });

    // Back to «Как в системе»: dark again, as the system is.
    await profile.click();
    await themes.getByRole('menuitemradio', { name: 'Как в системе' }).click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('parta.colorScheme'))).toBe('auto');
  } finally {
    await closeAll(student);
  }
});

interface Me { data: { memberships: { schoolId: string; role: string; classId: string | null }[] } }

test('dates: «только что», then «1 минуту назад» and «5 минут назад» without a reload; the time in the chat list, «Сегодня» in the chat; a day later «вчера» and «Вчера»', async ({ browser }, testInfo) => {
  const teacher = await personIn(browser, demo.teacher);
  const { page } = teacher;
  try {
    const me = await call<Me>(page, 'GET', '/me');
    const school = me.data.memberships.find((m) => m.role === 'teacher')!;
    const classes = await call<{ data: { id: string; name: string }[] }>(page, 'GET', `/schools/${school.schoolId}/classes`);
    const classId = classes.data.find((c) => c.name.startsWith('7А'))!.id;
    const chatName = uniqueName('7А — Химия');
    const chat = await call<{ data: { id: string } }>(page, 'POST', '/chats', { kind: 'class', classId, name: chatName, allStudents: true });
    const sent = await call<{ data: { createdAt: string } }>(page, 'POST', `/chats/${chat.data.id}/messages`, { clientId: uniqueName('m'), text: 'Завтра лабораторная работа' });
    const postText = `Экскурсия в музей в субботу (${uniqueName('n')})`;
    const post = await call<{ data: { id: string } }>(page, 'POST', `/schools/${school.schoolId}/news`, { feed: 'community', text: postText });
    const hhmm = new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Moscow' }).format(new Date(sent.data.createdAt));

    // The browser's clock runs on its own from now, so the test can move it forward.
    const now = await browser.newContext({ storageState: await teacher.context.storageState() });
    const today = await now.newPage();
    await today.clock.install();
    await today.goto(`/schools/${school.schoolId}/community`);
    const card = today.locator(`article[data-post-id="${post.data.id}"]`);
    await expect(card).toContainText(postText);
    await expect(card.getByRole('link', { name: 'только что' })).toBeVisible();
    await today.clock.fastForward('01:05');
    await expect(card.getByRole('link', { name: '1 минуту назад' })).toBeVisible();
    await today.clock.fastForward('04:00');
    await expect(card.getByRole('link', { name: '5 минут назад' })).toBeVisible();
    await shot(today, testInfo, '01-news-5-minutes-ago');

    await today.goto('/chats');
    await expect(today.getByRole('link', { name: new RegExp(chatName) })).toContainText(hhmm);
    await today.goto(`/chats/${chat.data.id}`);
    await expect(today.getByTestId('day-separator')).toHaveText(['Сегодня']);
    await expect(today.getByTestId('chat-history').getByRole('listitem').filter({ hasText: 'Завтра лабораторная работа' })).toContainText(hhmm);
    await now.close();

    // The same a day later.
    const next = await browser.newContext({ storageState: await teacher.context.storageState() });
    const tomorrow = await next.newPage();
    await tomorrow.clock.install({ time: Date.now() + 24 * 3600_000 });
    await tomorrow.goto(`/chats/${chat.data.id}`);
    await expect(tomorrow.getByTestId('day-separator')).toHaveText(['Вчера']);
    await shot(tomorrow, testInfo, '02-chat-yesterday');
    await tomorrow.goto('/chats');
    await expect(tomorrow.getByRole('link', { name: new RegExp(chatName) })).toContainText('вчера');
    await tomorrow.goto(`/schools/${school.schoolId}/community`);
    await expect(tomorrow.locator(`article[data-post-id="${post.data.id}"]`).getByRole('link', { name: /^вчера, \d\d:\d\d$/ })).toBeVisible();
    await next.close();
  } finally {
    await closeAll(teacher);
  }
});
