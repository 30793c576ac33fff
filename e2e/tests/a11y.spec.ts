import { expect, type Page, type TestInfo } from '@playwright/test';
import { demo } from '../support/accounts.js';
import { a11yViolations } from '../support/axe.js';
import { withinBudget } from '../support/budget.js';
import { enterCode, schoolInMenu, submitPhone } from '../support/flows.js';
import { control, endForAll } from '../support/lessonFlows.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { readSmsCode } from '../support/sms.js';
import { test } from '../support/test.js';
import { closeAll, personIn } from './chat-support.js';
import { giveMathsHomework, parentOfTwo } from './parents-support.js';
import { cyrillicTag } from '../support/names.js';
import { pngImage } from '../support/png.js';

// Issue 12, item 6: axe-core finds no WCAG 2.1 A/AA violation on the screens a pupil, a parent and a teacher use
// most — in the light and the dark theme (the system's setting, which the app follows by default), at a computer's
// width (1280) and a phone's (390). Each screen is opened once and looked at in the four ways; the dark ones are
// photographed to be looked at by a person.

const ways = [
  { scheme: 'light', width: 1280 },
  { scheme: 'light', width: 390 },
  { scheme: 'dark', width: 1280 },
  { scheme: 'dark', width: 390 },
] as const;

/**
 * The screen in each of the four ways: `ready` says what must be on it; the violations of all four are collected,
 * so one run shows every screen's problems at once.
 */
async function everyWay(page: Page, testInfo: TestInfo, name: string, ready: () => Promise<void>, found: string[]): Promise<void> {
  for (const way of ways) {
    await page.setViewportSize({ width: way.width, height: way.width === 390 ? 844 : 800 });
    await page.emulateMedia({ colorScheme: way.scheme, reducedMotion: 'reduce' });
    // «Как в системе» is the default: the app follows the system's setting as it changes.
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', way.scheme);
    await ready();
    if (way.width === 390) await expectNoHorizontalScroll(page);
    // Colour transitions (buttons, inputs) end before axe reads the colours.
    await page.waitForTimeout(250);
    if (way.scheme === 'dark') await shot(page, testInfo, `${name}-dark-${way.width}`);
    for (const v of await a11yViolations(page)) {
      found.push(`${name}, ${way.scheme}, ${way.width}: ${v}`);
      console.log(found.at(-1));
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** An API call from a signed-in page (its cookies), waiting out the request budget. */
async function call<T>(page: Page, method: 'GET' | 'POST', path: string, data?: object): Promise<T> {
  const res = await withinBudget(() => page.request.fetch(`/api${path}`, { method, ...(data ? { data } : {}) }));
  const body = await res.json();
  expect(res.ok(), `${method} ${path} → ${res.status()} ${JSON.stringify(body)}`).toBe(true);
  return body as T;
}



interface Me { data: { memberships: { schoolId: string; role: string; classId: string | null }[] } }

test.describe('accessibility (axe-core, WCAG 2.1 A/AA) in both themes at 1280 and 390 px', () => {
  test('the landing page and the sign-in steps: phone, code, password', async ({ page }, testInfo) => {
    const found: string[] = [];
    await page.goto('/');
    await everyWay(page, testInfo, '01-landing', async () => {
      await expect(page.getByRole('heading', { name: 'Образовательная платформа' })).toBeVisible();
    }, found);

    await page.goto('/login');
    await everyWay(page, testInfo, '02-signin-phone', async () => {
      await expect(page.getByLabel('Номер телефона')).toBeVisible();
    }, found);

    const mark = await submitPhone(page, demo.student);
    const code = await readSmsCode(demo.student.e164, mark);
    await everyWay(page, testInfo, '03-signin-code', async () => {
      await expect(page.getByLabel('Код подтверждения')).toBeVisible();
    }, found);

    await enterCode(page, code);
    await everyWay(page, testInfo, '04-signin-password', async () => {
      await expect(page.getByLabel('Введите пароль')).toBeVisible();
    }, found);
    expect(found, 'axe-core WCAG A/AA violations').toEqual([]);
  });

  test('«Главная», a chat with messages and photos, the school and class pages, documents, the article editor, the call\'s pre-join screen', async ({ browser }, testInfo) => {
    test.setTimeout(600_000);
    const teacher = await personIn(browser, demo.teacher);
    const { page } = teacher;
    const found: string[] = [];
    try {
      // A class chat of 7А with talk and three photos, written through the API as the teacher would in the app.
      const me = await call<Me>(page, 'GET', '/me');
      const seventh = me.data.memberships.find((m) => m.role === 'teacher' && m.classId) ?? me.data.memberships[0]!;
      const classes = await call<{ data: { id: string; name: string }[] }>(page, 'GET', `/schools/${seventh.schoolId}/classes`);
      const classId = classes.data.find((c) => c.name.startsWith('7А'))?.id ?? seventh.classId;
      const chatName = `7А — Биология ${cyrillicTag()}`;
      const chat = await call<{ data: { id: string } }>(page, 'POST', '/chats', { kind: 'class', classId, name: chatName, allStudents: true });
      const chatId = chat.data.id;
      const tag = chatName.split(' ').at(-1);
      const lines = ['Добрый день! Сегодня на экскурсии в ботаническом саду.', 'Вот что мы увидели:', 'Домашнее задание: описать одно растение.'];
      for (const [i, text] of lines.entries()) await call(page, 'POST', `/chats/${chatId}/messages`, { clientId: `${tag}-t${i}`, text });
      const fileIds: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await withinBudget(() =>
          page.request.post('/api/files', { multipart: { file: { name: `сад-${i + 1}.png`, mimeType: 'image/png', buffer: pngImage(480, 320, i + 1) } } }),
        );
        expect(res.status()).toBe(201);
        fileIds.push(((await res.json()) as { data: { id: string } }).data.id);
      }
      await call(page, 'POST', `/chats/${chatId}/messages`, { clientId: `${tag}-photos`, text: 'Фотографии с экскурсии', fileIds });

      await page.goto('/home');
      await everyWay(page, testInfo, '05-home', async () => {
        await expect(page.getByRole('region', { name: 'Мои учебные заведения' })).toBeVisible();
      }, found);

      await page.goto(`/chats/${chatId}`);
      await everyWay(page, testInfo, '06-chat', async () => {
        await expect(page.getByRole('heading', { level: 1, name: chatName })).toBeVisible();
        await expect(page.getByRole('img', { name: 'Изображение: сад-3.png' })).toBeVisible();
      }, found);

      await page.goto('/chats');
      await everyWay(page, testInfo, '07-chats', async () => {
        await expect(page.getByRole('link', { name: new RegExp(chatName) })).toBeVisible();
      }, found);

      await page.goto('/home');
      await schoolInMenu(page, 'Гимназия №1').click();
      await everyWay(page, testInfo, '08-school', async () => {
        await expect(page.getByRole('heading', { name: 'Гимназия №1' }).first()).toBeVisible();
      }, found);

      await page.goto(`/classes/${classId}`);
      await everyWay(page, testInfo, '09-class', async () => {
        await expect(page.getByRole('heading', { name: '7А', exact: true })).toBeVisible();
      }, found);

      await page.goto(`/schools/${seventh.schoolId}/documents`);
      await everyWay(page, testInfo, '10-school-documents', async () => {
        await expect(page.getByRole('listitem', { name: 'Расписание уроков 7А, I четверть' })).toBeVisible();
      }, found);

      await page.goto('/documents');
      await everyWay(page, testInfo, '11-my-documents', async () => {
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      }, found);

      await page.goto(`/schools/${seventh.schoolId}/articles/new`);
      await everyWay(page, testInfo, '12-article-editor', async () => {
        await expect(page.getByRole('textbox', { name: 'Заголовок' })).toBeVisible();
      }, found);

      // The pre-join screen of a lesson the teacher starts for 7А; then in, and the lesson ended for all.
      await page.goto('/home');
      await page.getByRole('button', { name: 'Начать урок' }).first().click();
      const pick = page.getByRole('dialog', { name: 'Выберите класс' });
      await pick.getByRole('radio', { name: /^7А/ }).check();
      await pick.getByRole('button', { name: 'Начать урок' }).click();
      await everyWay(page, testInfo, '13-call-prejoin', async () => {
        await expect(page.getByRole('heading', { name: 'Урок 7А' })).toBeVisible();
        await expect(page.getByTestId('prejoin-video')).toBeVisible();
      }, found);
      await page.getByRole('button', { name: 'Присоединиться' }).click();
      await expect(page.getByTestId('call-screen')).toBeVisible();
      await expect(control(page, 'Выйти из звонка')).toBeVisible();
      await endForAll(page);
    } finally {
      await closeAll(teacher);
    }
    expect(found, 'axe-core WCAG A/AA violations').toEqual([]);
  });

  test('a parent of two children: «Главная», «Задания» and an assignment with the child\'s mark (PAR-1)', async ({ browser }, testInfo) => {
    test.setTimeout(300_000);
    const { parent, classes, children } = await parentOfTwo(browser);
    const teacher = await personIn(browser, demo.teacher);
    const { page } = parent;
    const found: string[] = [];
    try {
      const title = `Дроби: упражнения ${cyrillicTag(4)}`;
      const assignmentId = await giveMathsHomework(teacher.page.request, classes['7А']!, title);
      const mark = await teacher.page.request.put(`/api/assignments/${assignmentId}/marks/${children['7А']}`, { data: { value: '4', comment: 'Хорошо, но проверьте третью задачу' } });
      expect(mark.ok()).toBe(true);
      await page.goto('/home');
      // Максим Волков of 7А: the switcher keeps the choice for the screens that follow.
      await page.evaluate((id) => localStorage.setItem('parta.child', id), children['7А']!);
      await page.reload();
      await everyWay(page, testInfo, '14-parent-home', async () => {
        await expect(page.getByTestId('parent-home').getByRole('heading', { level: 2, name: 'Максим Волков' })).toBeVisible();
      }, found);
      await page.goto('/homework');
      await everyWay(page, testInfo, '15-parent-homework', async () => {
        await expect(page.getByTestId('family-homework').getByText(title)).toBeVisible();
      }, found);
      await page.goto(`/homework/${assignmentId}`);
      await everyWay(page, testInfo, '16-parent-assignment', async () => {
        await expect(page.getByTestId('child-work')).toContainText('Хорошо, но проверьте третью задачу');
      }, found);
    } finally {
      await closeAll(parent, teacher);
    }
    expect(found, 'axe-core WCAG A/AA violations').toEqual([]);
  });

  test('«Помощь», «Мои вопросы», «Обращения в школу» and the operator’s support desk', async ({ browser }, testInfo) => {
    test.setTimeout(240_000);
    const student = await personIn(browser, demo.student);
    const operator = await personIn(browser, demo.operator);
    const found: string[] = [];
    try {
      const page = student.page;
      const me = await call<{ data: { memberships: { schoolId: string }[] } }>(page, 'GET', '/me');
      const schoolId = me.data.memberships[0]?.schoolId ?? '';
      await page.goto('/help');
      await everyWay(page, testInfo, '14-help', async () => {
        await expect(page.getByRole('heading', { level: 1, name: 'Помощь' })).toBeVisible();
        await expect(page.getByRole('textbox', { name: 'Чего не хватает на платформе?' })).toBeVisible();
      }, found);
      await page.goto('/help/faq');
      await everyWay(page, testInfo, '15-help-section', async () => {
        await expect(page.getByRole('heading', { level: 1, name: 'Частые вопросы' })).toBeVisible();
        await expect(page.getByRole('button', { name: 'Отправить вопрос' })).toBeVisible();
      }, found);
      await page.goto('/help/questions');
      await everyWay(page, testInfo, '16-my-questions', async () => {
        await expect(page.getByRole('tab', { name: 'Мои вопросы', selected: true })).toBeVisible();
      }, found);
      await page.goto(`/schools/${schoolId}/appeals`);
      await everyWay(page, testInfo, '17-appeals', async () => {
        await expect(page.getByRole('heading', { level: 1, name: 'Обращения в школу' })).toBeVisible();
        await expect(page.getByRole('checkbox', { name: 'Отправить анонимно' })).toBeVisible();
      }, found);
      await operator.page.goto('/operator/support');
      await everyWay(operator.page, testInfo, '18-support-desk', async () => {
        await expect(operator.page.getByRole('heading', { level: 1, name: 'Поддержка' })).toBeVisible();
      }, found);
    } finally {
      await closeAll(student, operator);
    }
    expect(found, 'axe-core WCAG A/AA violations').toEqual([]);
  });

  test('SAFE-1: the report dialog and «Мои жалобы» of a pupil; «Жалобы», a report and «Журнал действий» of the administration', async ({ browser }, testInfo) => {
    test.setTimeout(240_000);
    const admin = await personIn(browser, demo.admin);
    const student = await personIn(browser, demo.student);
    const found: string[] = [];
    try {
      const me = await call<{ data: { memberships: { schoolId: string; role: string; classId: string | null }[] } }>(student.page, 'GET', '/me');
      const mine = me.data.memberships.find((m) => m.role === 'student')!;
      const chatName = `7А — Дежурство ${cyrillicTag()}`;
      const chat = await call<{ data: { id: string } }>(admin.page, 'POST', '/chats', { kind: 'class', classId: mine.classId, name: chatName, allStudents: true });
      const sent = await call<{ data: { id: string } }>(admin.page, 'POST', `/chats/${chat.data.id}/messages`, { clientId: `a11y-${chat.data.id}`, text: 'Кто дежурит в пятницу?' });
      await call(student.page, 'POST', '/reports', { targetType: 'message', targetId: sent.data.id, reason: 'spam', comment: 'Проверка' });

      const page = student.page;
      await page.goto(`/chats/${chat.data.id}`);
      await page.getByRole('listitem').filter({ hasText: 'Кто дежурит в пятницу?' }).getByRole('button', { name: 'Действия с сообщением' }).click();
      await page.getByRole('menuitem', { name: 'Пожаловаться' }).click();
      await everyWay(page, testInfo, '14-report-dialog', async () => {
        await expect(page.getByRole('dialog', { name: 'Пожаловаться' })).toBeVisible();
      }, found);
      await page.keyboard.press('Escape');
      await page.goto('/my-reports');
      await everyWay(page, testInfo, '15-my-reports', async () => {
        await expect(page.getByRole('heading', { level: 1, name: 'Мои жалобы' })).toBeVisible();
        await expect(page.getByText('Ждёт рассмотрения').first()).toBeVisible();
      }, found);

      const a = admin.page;
      await a.goto(`/schools/${mine.schoolId}/reports`);
      await everyWay(a, testInfo, '16-reports', async () => {
        await expect(a.getByRole('heading', { level: 1, name: 'Жалобы' })).toBeVisible();
        await expect(a.getByRole('listitem').filter({ hasText: 'Кто дежурит в пятницу?' }).first()).toBeVisible();
      }, found);
      await a.getByRole('listitem').filter({ hasText: 'Кто дежурит в пятницу?' }).first().getByRole('link', { name: 'Открыть' }).click();
      await everyWay(a, testInfo, '17-report', async () => {
        await expect(a.getByText('Переписка вокруг сообщения')).toBeVisible();
      }, found);
      await a.goto(`/schools/${mine.schoolId}/audit`);
      await everyWay(a, testInfo, '18-audit', async () => {
        await expect(a.getByRole('heading', { level: 1, name: 'Журнал действий' })).toBeVisible();
      }, found);
    } finally {
      await closeAll(admin, student);
    }
    expect(found, 'axe-core WCAG A/AA violations').toEqual([]);
  });
});
