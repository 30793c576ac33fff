import type { Page } from '@playwright/test';
import { demo, randomPhone } from '../support/accounts.js';
import { createAccountViaApi } from '../support/api.js';
import { withinBudget } from '../support/budget.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { chooseOption } from '../support/fields.js';
import { schoolInMenu } from '../support/flows.js';
import { expectNoLatin } from '../support/latin.js';
import { cyrillicTag } from '../support/names.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, expectClean, personIn } from './chat-support.js';

// Issue 14, item 4 (ORG-9): «Обращения в школу». The demo student of Гимназия №1 writes to the administration about
// meals, anonymously; the administrator sees the badge of new appeals, the appeal without the student's name, takes
// it «В работу» and answers; the student follows each step in «Мои обращения» on a phone without reloading.

/** An API call from a signed-in page (its cookies), waiting out the request budget. */
async function call<T>(page: Page, method: 'GET' | 'POST', path: string, data?: object): Promise<T> {
  const res = await withinBudget(() => page.request.fetch(`/api${path}`, { method, ...(data ? { data } : {}) }));
  const body = await res.json();
  expect(res.ok(), `${method} ${path} → ${res.status()} ${JSON.stringify(body)}`).toBe(true);
  return body as T;
}

type Listed = { data: { id: string; name?: string; firstName?: string; lastName?: string; role?: string; applicant?: { lastName: string } }[] };

test.describe('issue 14: appeals to the school', () => {
  test('a student’s anonymous appeal is taken into work and answered; the author sees it live; the school never sees who wrote', async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const student = await personIn(browser, demo.student);
    const admin = await personIn(browser, demo.admin);
    const words = `В столовой третий день холодный суп ${cyrillicTag(6)}`;
    try {
      const s = student.page;
      await schoolInMenu(s, 'Гимназия №1').click();
      await s.getByRole('navigation', { name: 'Меню школы' }).first().getByRole('link', { name: 'Обращения в школу' }).click();
      await expect(s.getByRole('heading', { level: 1, name: 'Обращения в школу' })).toBeVisible();
      await chooseOption(s, 'Тема', 'Питание');
      await s.getByRole('textbox', { name: 'Текст обращения' }).fill(words);
      await s.getByRole('checkbox', { name: 'Отправить анонимно' }).check();
      await expectNoA11yViolations(s);
      await expectNoLatin(s, 'Обращения в школу');
      await shot(s, testInfo, '01-student-new-appeal-1280');
      await s.getByRole('button', { name: 'Отправить', exact: true }).click();
      await expect(s.getByText('Обращение отправлено')).toBeVisible();
      const mine = s.getByRole('region', { name: 'Мои обращения' }).getByRole('link', { name: new RegExp(words) });
      await expect(mine).toContainText('Новое');
      await s.setViewportSize({ width: 390, height: 844 });
      await mine.click();
      await expect(s.getByRole('heading', { level: 1, name: 'Обращение: Питание' })).toBeVisible();
      await expectNoHorizontalScroll(s);

      // The administrator: the badge of new appeals in the school's menu; the appeal has no author's name.
      const a = admin.page;
      await schoolInMenu(a, 'Гимназия №1').click();
      const item = a.getByRole('navigation', { name: 'Меню школы' }).first().getByRole('link', { name: /Обращения в школу/ });
      await expect(item.getByLabel(/Новых обращений: \d+/)).toBeVisible();
      await item.click();
      const row = a.getByRole('region', { name: 'Обращения' }).getByRole('link', { name: new RegExp(words) });
      await expect(row).toContainText('Анонимно');
      await expect(row).not.toContainText('Волков');
      await expectNoA11yViolations(a);
      await shot(a, testInfo, '02-admin-inbox-1280');
      await row.click();
      await expect(a.getByRole('heading', { level: 1, name: 'Обращение: Питание' })).toBeVisible();
      await expect(a.getByRole('main')).not.toContainText('Волков');
      await a.getByRole('button', { name: 'В работу' }).click();
      await expect(a.getByText('В работе', { exact: true })).toBeVisible();

      // The student's open page changes by itself.
      await expect(s.getByText('В работе', { exact: true })).toBeVisible();

      await a.getByRole('textbox', { name: 'Ответ администрации' }).fill('Спасибо, что написали. С завтрашнего дня суп будут подогревать');
      await a.getByRole('button', { name: 'Ответить', exact: true }).click();
      await expect(a.getByText('Есть ответ', { exact: true })).toBeVisible();
      await expectNoLatin(a, 'Обращение (администрация)');
      await shot(a, testInfo, '03-admin-answered-1280');

      await expect(s.getByText('С завтрашнего дня суп будут подогревать')).toBeVisible();
      await expect(s.getByText('Есть ответ', { exact: true })).toBeVisible();
      await expectNoLatin(s, 'Обращение (автор)');
      await expectNoA11yViolations(s);
      await shot(s, testInfo, '04-student-answer-live-390');
      await expectClean(student, admin);
    } finally {
      await closeAll(student, admin);
    }
  });

  test('a parent’s appeal about the timetable is taken into work and answered; the parent sees it live, with her name shown to the school', async ({ browser }, testInfo) => {
    test.setTimeout(240_000);
    const admin = await personIn(browser, demo.admin);
    const lastName = `Родионова${cyrillicTag(4).toLowerCase()}`;
    const phone = randomPhone();
    const password = 'Roditel-Obrashchenie-7';
    // A parent of 7А's Волков, made as the app makes one: the school's parent link, her request, the approval.
    const a = admin.page;
    const me = await call<{ data: { memberships: { schoolId: string }[] } }>(a, 'GET', '/me');
    const schoolId = me.data.memberships[0]?.schoolId ?? '';
    const classes = await call<Listed>(a, 'GET', `/schools/${schoolId}/classes`);
    const classId = classes.data.find((c) => c.name?.startsWith('7А'))?.id ?? '';
    const invite = await call<{ data: { token: string } }>(a, 'POST', `/schools/${schoolId}/invites`, { role: 'parent', classId });
    await createAccountViaApi({ phone, password, firstName: 'Ольга', lastName });
    const parent = await personIn(browser, phone, { password });
    try {
      const p = parent.page;
      const kids = await call<{ data: { students: { id: string; lastName: string }[] } }>(p, 'GET', `/invites/${invite.data.token}/students`);
      const child = kids.data.students.find((k) => k.lastName === 'Волков');
      await call(p, 'POST', `/invites/${invite.data.token}/accept`, { childIds: [child?.id] });
      const requests = await call<Listed>(a, 'GET', `/schools/${schoolId}/join-requests`);
      const request = requests.data.find((r) => r.applicant?.lastName === lastName);
      await call(a, 'POST', `/join-requests/${request?.id}/approve`);

      // The parent, on a phone: «Моя школа» → «Обращения в школу»; no «Отправить анонимно» for grown-ups.
      await p.setViewportSize({ width: 390, height: 844 });
      await p.goto(`/schools/${schoolId}/appeals`);
      await expect(p.getByRole('heading', { level: 1, name: 'Обращения в школу' })).toBeVisible();
      await expect(p.getByRole('checkbox', { name: 'Отправить анонимно' })).toHaveCount(0);
      const words = `Перенесите, пожалуйста, физкультуру с восьмого урока ${cyrillicTag(5)}`;
      await chooseOption(p, 'Тема', 'Расписание');
      await p.getByRole('textbox', { name: 'Текст обращения' }).fill(words);
      await expectNoHorizontalScroll(p);
      await shot(p, testInfo, '01-parent-new-appeal-390');
      await p.getByRole('button', { name: 'Отправить', exact: true }).click();
      const mine = p.getByRole('region', { name: 'Мои обращения' }).getByRole('link', { name: new RegExp(words) });
      await expect(mine).toContainText('Новое');
      await mine.click();
      await expect(p.getByRole('heading', { level: 1, name: 'Обращение: Расписание' })).toBeVisible();

      // The administrator sees who wrote, takes it into work and answers.
      await a.goto(`/schools/${schoolId}/appeals`);
      const row = a.getByRole('region', { name: 'Обращения' }).getByRole('link', { name: new RegExp(words) });
      await expect(row).toContainText(`Ольга ${lastName}, Родитель`);
      await row.click();
      await a.getByRole('button', { name: 'В работу' }).click();
      await expect(p.getByText('В работе', { exact: true })).toBeVisible();
      await a.getByRole('textbox', { name: 'Ответ администрации' }).fill('Со следующей недели физкультура будет третьим уроком');
      await a.getByRole('button', { name: 'Ответить', exact: true }).click();

      // The parent's open page, without reloading.
      await expect(p.getByText('Со следующей недели физкультура будет третьим уроком')).toBeVisible();
      await expect(p.getByText('Есть ответ', { exact: true })).toBeVisible();
      await expectNoLatin(p, 'Обращение (родитель)');
      await expectNoA11yViolations(p);
      await shot(p, testInfo, '02-parent-answer-live-390');
      await expectClean(admin, parent);
    } finally {
      await closeAll(admin, parent);
    }
  });
});
