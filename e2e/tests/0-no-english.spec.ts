import type { Page } from '@playwright/test';
import { expect, test } from '../support/test.js';
import { demo, demoPassword, randomPhone, type TestPhone } from '../support/accounts.js';
import { enterCode, expectSignedIn, submitPhone } from '../support/flows.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { expectNoLatin } from '../support/latin.js';
import { shot } from '../support/screens.js';
import { readSmsCode } from '../support/sms.js';

// Issue 10, item 12: no English word and no browser-formatted date in the Russian UI. Each demo
// role walks the main screens at 1280 and 390 px; every screen's visible text and aria-label /
// title / placeholder / alt is read for Latin-script words (support/latin.ts keeps the few allowed
// names). Item 11 rides along: screens a role may not use say «Нет доступа» instead of a form.
//
// It runs first (the «0-» of its name): later specs fill the demo school with test-made names and
// script-like payloads in Latin letters («7А — История JXBYK»), which are people's content, not the UI's.
//
// To cover a new screen, add one line to `screens` below (who sees it, its address, and what to
// open on it); the walk and the check are the same for every screen.

type Role = 'operator' | 'admin' | 'teacher' | 'student';
const everyone: Role[] = ['operator', 'admin', 'teacher', 'student'];
const members: Role[] = ['admin', 'teacher', 'student'];

/** Ids of the demo school's things, read through the API as the signed-in person. */
interface Ids {
  schoolId?: string;
  classId?: string;
  chatId?: string;
  newsPostId?: string;
  articleId?: string;
  lessonId?: string;
}

interface Screen {
  name: string;
  roles: Role[];
  /** The address, or undefined when this person has no such thing (then the screen is skipped). */
  path: (ids: Ids) => string | undefined;
  /** Opens what the screen hides behind a click (a form, a modal, a date picker) before reading it. */
  open?: (page: Page) => Promise<void>;
  /** What this role must see here (e.g. «Нет доступа» instead of a form it may not use). */
  expectations?: (page: Page) => Promise<void>;
}

const school = (rest: string) => (ids: Ids) => (ids.schoolId ? `/schools/${ids.schoolId}${rest}` : undefined);

async function expectNoAccess(page: Page, form: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Нет доступа' })).toBeVisible();
  await expect(page.getByRole('button', { name: form })).toHaveCount(0);
  await expectNoA11yViolations(page, 'main');
}

/** Opens a Mantine date picker by its field's label, so its calendar (month names, arrows) is read too. */
async function openDatePicker(page: Page, label: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true }).first();
  // The calendar's code loads with the first date field a screen shows: until then the field stands disabled.
  await expect(field).toBeEnabled();
  await field.scrollIntoViewIfNeeded();
  // A native date input has no calendar of ours to open: leave it for the check to report.
  if (await field.evaluate((el) => el instanceof HTMLInputElement && /^(date|datetime-local)$/.test(el.type))) return;
  await field.click();
  await expect(page.locator('.mantine-Popover-dropdown').first()).toBeVisible();
}

export const screens: Screen[] = [
  { name: 'Главная', roles: everyone, path: () => '/home' },
  // Issue 14: «Помощь» (a section with «Задать свой вопрос», «Мои вопросы»), «Обращения в школу», the support desk.
  { name: 'Помощь', roles: everyone, path: () => '/help' },
  { name: 'Помощь: раздел', roles: everyone, path: () => '/help/signin' },
  { name: 'Мои вопросы', roles: everyone, path: () => '/help/questions' },
  { name: 'Обращения в школу', roles: members, path: school('/appeals') },
  { name: 'Поддержка', roles: ['operator'], path: () => '/operator/support' },
  { name: 'Сообщения', roles: everyone, path: () => '/chats' },
  { name: 'Чат', roles: members, path: (ids) => (ids.chatId ? `/chats/${ids.chatId}` : undefined) },
  {
    name: 'Участники чата',
    roles: ['admin', 'teacher'],
    path: (ids) => (ids.chatId ? `/chats/${ids.chatId}` : undefined),
    open: async (page) => {
      await page.getByRole('button', { name: /^Участники чата: / }).click();
      await expect(page.getByRole('dialog', { name: 'Участники чата' })).toBeVisible();
    },
  },
  { name: 'Школа', roles: members, path: school('') },
  { name: 'Участники', roles: members, path: school('/members') },
  { name: 'Классы', roles: members, path: school('/classes') },
  { name: 'Класс', roles: members, path: (ids) => (ids.classId ? `/classes/${ids.classId}` : undefined) },
  {
    name: 'Класс: добавить учителя',
    roles: ['admin', 'teacher'],
    path: (ids) => (ids.classId ? `/classes/${ids.classId}` : undefined),
    open: async (page) => {
      await page.getByRole('button', { name: 'Добавить учителя' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
  },
  { name: 'Информация', roles: members, path: school('/info') },
  { name: 'Руководство', roles: members, path: school('/leaders') },
  { name: 'Публичные чаты', roles: members, path: school('/chats') },
  { name: 'Документы школы', roles: members, path: school('/documents') },
  { name: 'Видео школы', roles: members, path: school('/videos') },
  {
    name: 'Видео школы: добавить',
    roles: ['admin', 'teacher'],
    path: school('/videos'),
    open: async (page) => {
      await page.getByRole('button', { name: 'Добавить видео' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
  },
  { name: 'Статьи', roles: members, path: school('/articles') },
  { name: 'Статья', roles: members, path: (ids) => (ids.articleId ? `/articles/${ids.articleId}` : undefined) },
  { name: 'Новая статья', roles: ['admin', 'teacher'], path: school('/articles/new') },
  {
    name: 'Новая статья (нельзя)',
    roles: ['student'],
    path: school('/articles/new'),
    expectations: (page) => expectNoAccess(page, 'Опубликовать'),
  },
  { name: 'Новости школы', roles: members, path: school('/news') },
  {
    name: 'Новости школы: опрос со сроком',
    roles: ['admin'],
    path: school('/news'),
    open: async (page) => {
      await page.getByRole('button', { name: 'Прикрепить', exact: true }).first().click();
      await page.getByRole('menuitem', { name: 'Опрос' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await openDatePicker(page, 'Срок окончания');
    },
  },
  { name: 'Сообщество', roles: members, path: school('/community') },
  { name: 'Новость', roles: members, path: (ids) => (ids.newsPostId ? `/news/${ids.newsPostId}` : undefined) },
  { name: 'Приглашения', roles: ['admin'], path: school('/invites') },
  {
    name: 'Приглашения (нельзя)',
    roles: ['teacher', 'student'],
    path: school('/invites'),
    expectations: (page) => expectNoAccess(page, 'Создать ссылку'),
  },
  { name: 'Заявки', roles: ['admin'], path: school('/requests') },
  // SAFE-1: «Жалобы» and «Журнал действий» of the administration (others: «Нет доступа»), everyone's «Мои жалобы».
  { name: 'Жалобы', roles: ['admin'], path: school('/reports') },
  {
    name: 'Жалобы (нельзя)',
    roles: ['teacher', 'student'],
    path: school('/reports'),
    expectations: (page) => expectNoAccess(page, 'Применить'),
  },
  { name: 'Журнал действий', roles: ['admin'], path: school('/audit') },
  { name: 'Мои жалобы', roles: members, path: () => '/my-reports' },
  {
    name: 'Заявки (нельзя)',
    roles: ['teacher', 'student'],
    path: school('/requests'),
    expectations: (page) => expectNoAccess(page, 'Одобрить'),
  },
  { name: 'Мои документы', roles: everyone, path: () => '/documents' },
  { name: 'Поиск', roles: everyone, path: () => `/search?q=${encodeURIComponent('школа')}` },
  {
    name: 'Профиль',
    roles: everyone,
    path: () => '/profile',
    open: (page) => openDatePicker(page, 'Дата рождения'),
  },
  { name: 'Контакты', roles: everyone, path: () => '/contacts' },
  { name: 'Прошедшие уроки', roles: ['admin', 'teacher'], path: () => '/lessons' },
  {
    name: 'Посещаемость',
    roles: ['admin', 'teacher'],
    path: (ids) => (ids.lessonId ? `/lessons/${ids.lessonId}/attendance` : undefined),
  },
  { name: 'Оператор', roles: ['operator'], path: () => '/operator' },
  { name: 'Страница не найдена', roles: ['student'], path: () => '/no-such-page' },
];

const phones: Record<Role, TestPhone> = {
  operator: demo.operator,
  admin: demo.admin,
  teacher: demo.teacher,
  student: demo.student,
};

async function getJson<T>(page: Page, path: string): Promise<T | undefined> {
  const res = await page.request.get(`/api${path}`);
  return res.ok() ? ((await res.json()) as T) : undefined;
}

type List = { data: { id: string }[] };

/**
 * The demo has no chats: one who may (teachers, administration) makes a group chat of their own, with
 * nobody else in it, so the chat screen and its composer are read without touching others' data.
 */
async function ownChat(page: Page, schoolId: string): Promise<string | undefined> {
  const res = await page.request.post('/api/chats', { data: { kind: 'group', schoolId, name: 'Проверка языка', memberIds: [] } });
  return res.ok() ? ((await res.json()) as { data: { id: string } }).data.id : undefined;
}

async function readIds(page: Page, role: Role): Promise<Ids> {
  const me = await getJson<{ data: { memberships: { schoolId: string }[] } }>(page, '/me');
  const schoolId = me?.data.memberships[0]?.schoolId;
  let chatId = (await getJson<List>(page, '/chats'))?.data[0]?.id;
  if (!chatId && schoolId && (role === 'admin' || role === 'teacher')) chatId = await ownChat(page, schoolId);
  if (!schoolId) return { chatId };
  const [classes, news, articles, lessons] = await Promise.all([
    getJson<List>(page, `/schools/${schoolId}/classes`),
    getJson<List>(page, `/schools/${schoolId}/news?feed=channel`),
    getJson<List>(page, `/schools/${schoolId}/articles`),
    getJson<List>(page, `/lessons?schoolId=${schoolId}`),
  ]);
  return {
    schoolId,
    chatId,
    classId: classes?.data[0]?.id,
    newsPostId: news?.data[0]?.id,
    articleId: articles?.data[0]?.id,
    lessonId: lessons?.data[0]?.id,
  };
}

/** Waits until the screen has its data: no request in flight and no «Загрузка» spinner. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await expect(page.getByRole('status', { name: /^Загрузка/ })).toHaveCount(0, { timeout: 15_000 });
}

/** Sign-in on a new device, reading the code and password steps too (the password field's toggle). */
async function signIn(page: Page, role: Role): Promise<void> {
  await page.goto('/login');
  await expectNoLatin(page, 'Вход: номер телефона');
  const mark = await submitPhone(page, phones[role]);
  await expect(page.getByText('Подтвердите номер').first()).toBeVisible();
  await expectNoLatin(page, 'Вход: код из SMS');
  await enterCode(page, await readSmsCode(phones[role].e164, mark));
  await expect(page.getByText('Войти в аккаунт').first()).toBeVisible();
  await expectNoLatin(page, 'Вход: пароль');
  await page.getByLabel('Введите пароль').fill(demoPassword);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expectSignedIn(page);
}

for (const role of everyone) {
  test(`no English and no mm/dd/yyyy on the ${role}'s screens at 1280 and 390 px; forbidden screens say «Нет доступа»`, async ({ page }, testInfo) => {
    test.setTimeout(600_000);
    await signIn(page, role);
    const ids = await readIds(page, role);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 500 ? 800 : 844 });
      for (const screen of screens.filter((s) => s.roles.includes(role))) {
        const path = screen.path(ids);
        if (!path) {
          testInfo.annotations.push({ type: 'skipped screen', description: `${screen.name}: nothing of this kind for ${role}` });
          continue;
        }
        await test.step(`${screen.name} at ${width} px`, async () => {
          await page.goto(path);
          await settled(page);
          if (screen.expectations) await screen.expectations(page);
          if (screen.open) await screen.open(page);
          await expectNoLatin(page, `${screen.name} (${role}, ${width} px)`);
          if (screen.expectations || screen.open) await shot(page, testInfo, `${role}-${width}-${screen.name.replace(/[^\p{L}\p{N}]+/gu, "-")}`);
        });
      }
    }
  });
}

test('sign-up: «Придумайте пароль» and «Информация» with its birth-date calendar have no English', async ({ page }, testInfo) => {
  const phone = randomPhone();
  await page.goto('/login');
  const mark = await submitPhone(page, phone);
  await enterCode(page, await readSmsCode(phone.e164, mark));
  await expect(page.getByText('Придумайте пароль').first()).toBeVisible();
  await expectNoLatin(page, 'Придумайте пароль');
  await page.getByLabel('Введите пароль').fill('Dlinnyi-parol-9');
  await page.getByLabel('Подтвердите пароль').fill('Dlinnyi-parol-9');
  await page.getByRole('button', { name: 'Далее' }).click();
  await expect(page.getByText('Информация').first()).toBeVisible();
  await openDatePicker(page, 'Дата рождения');
  await expectNoLatin(page, 'Информация: календарь');
  await expectNoA11yViolations(page);
  await shot(page, testInfo, 'signup-birth-date-calendar');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoLatin(page, 'Информация: календарь, 390 px');
  await shot(page, testInfo, 'signup-birth-date-calendar-390');
});
