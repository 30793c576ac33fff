import type { Page } from '@playwright/test';
import { expect, test } from '../support/test.js';
import { demo, demoPassword, randomPhone } from '../support/accounts.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { chooseOption } from '../support/fields.js';
import { action, newPerson, signInOnNewDevice, signUpSteps } from '../support/flows.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';

/** Гимназия №1 and its 11А, as the signed-in page's own API calls see them. */
async function gym1Class(page: Page, name: string): Promise<{ schoolId: string; classId: string }> {
  const me = (await (await page.request.get('/api/me')).json()) as { data: { memberships: { schoolId: string; schoolName: string }[] } };
  const schoolId = me.data.memberships.find((m) => m.schoolName === 'Гимназия №1')?.schoolId ?? '';
  const classes = (await (await page.request.get(`/api/schools/${schoolId}/classes`)).json()) as { data: { id: string; name: string }[] };
  return { schoolId, classId: classes.data.find((c) => c.name === name)?.id ?? '' };
}

/**
 * The administrator makes Ирина Кузнецова 11А's class teacher on the class page; a class teacher set by an earlier
 * run is first cleared with «Снять», so both ways are used.
 */
async function appointClassTeacher(page: Page, classId: string): Promise<void> {
  await page.goto(`/classes/${classId}`);
  const card = page.getByRole('region', { name: 'Классный руководитель' });
  await expect(card).toBeVisible();
  await expect(card.getByRole('button', { name: 'Сохранить' })).toBeVisible();
  const clear = card.getByRole('button', { name: 'Снять' });
  if (await clear.isVisible()) {
    await clear.click();
    await expect(card.getByText('Не назначен')).toBeVisible();
  }
  await chooseOption(page, 'Учитель школы', /Кузнецова Ирина/);
  await card.getByRole('button', { name: 'Сохранить' }).click();
  await expect(card.getByText('Кузнецова Ирина Александровна')).toBeVisible();
}

/** A demo student of 11А (password parta-demo). */
const kirill = { display: '+7 900 000-00-15', e164: '+79000000015' };

// PAR-1: the administration makes Ирина Кузнецова 11А's class teacher; she invites parents; a parent signs up by the
// link, ticks their child (names only), and is a parent of 11А once she approves with one tap — then «Родители 11А»
// is among their chats. At phone and computer width.
for (const width of [390, 1280]) {
  test(`parents at ${width} px: a parent joins 11А by the class teacher's link and her one-tap approval`, async ({ browser }, testInfo) => {
    const viewport = { width, height: width < 600 ? 844 : 800 };
    const staffContext = await browser.newContext({ viewport, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    const parentContext = await browser.newContext({ viewport, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    try {
      // The administrator sets the class teacher.
      const admin = await staffContext.newPage();
      await signInOnNewDevice(admin, demo.admin, demoPassword);
      const { schoolId, classId } = await gym1Class(admin, '11А');
      await appointClassTeacher(admin, classId);
      await expectNoA11yViolations(admin);
      await shot(admin, testInfo, '01-admin-class-teacher');
      await staffContext.clearCookies();

      // The class teacher makes the parents' link.
      const teacher = admin;
      await signInOnNewDevice(teacher, demo.teacher, demoPassword);
      await teacher.goto(`/classes/${classId}`);
      await expect(teacher.getByRole('region', { name: 'Классный руководитель' })).toContainText('Кузнецова Ирина Александровна');
      const parentsRegion = teacher.getByRole('region', { name: 'Родители' });
      await parentsRegion.getByRole('button', { name: 'Пригласить родителей' }).click();
      const linkBox = parentsRegion.getByRole('textbox', { name: 'Ссылка для родителей' });
      await expect(linkBox).toHaveValue(/\/invite\//);
      const link = await linkBox.inputValue();
      await expectNoHorizontalScroll(teacher);
      await expectNoA11yViolations(teacher);
      await shot(teacher, testInfo, '02-teacher-parents-link');

      // The parent opens it, signs up, ticks their child and asks.
      const parent = await parentContext.newPage();
      const person = newPerson('Татьяна', 'Попова', 'Женский');
      await parent.goto(new URL(link).pathname);
      await expect(parent.getByText('Куда: Гимназия №1')).toBeVisible();
      await expect(parent.getByText('Роль: родитель в 11А класс')).toBeVisible();
      await shot(parent, testInfo, '03-parent-invite');
      await action(parent, 'Войти или создать аккаунт').click();
      await signUpSteps(parent, randomPhone(), person, 'Roditel-11A-ok');
      await expect(parent).toHaveURL(/\/invite\//);
      await expect(parent.getByText('Отметьте своего ребёнка')).toBeVisible();
      // Names only: no phone number of any child on the page.
      await expect(parent.getByText(/\+7|900/)).toHaveCount(0);
      await parent.getByRole('button', { name: 'Присоединиться' }).click();
      await expect(parent.getByText('Отметьте своего ребёнка').first()).toBeVisible();
      await parent.getByRole('checkbox', { name: 'Попова Дарья' }).check();
      await expectNoHorizontalScroll(parent);
      await expectNoA11yViolations(parent);
      await shot(parent, testInfo, '04-parent-choose-child');
      await parent.getByRole('button', { name: 'Присоединиться' }).click();
      await expect(parent).toHaveURL(/\/home/);
      await expect(parent.getByText('На рассмотрении').first()).toBeVisible();
      // Nothing of the class before approval.
      expect((await parent.request.get(`/api/classes/${classId}`)).status()).toBe(404);
      await shot(parent, testInfo, '05-parent-pending');

      // The class teacher approves with one tap in «Заявки».
      await teacher.goto(`/schools/${schoolId}/requests`);
      const request = teacher.getByRole('article', { name: new RegExp(person.lastName) });
      await expect(request).toContainText('Родитель Дарьи Поповой хочет присоединиться');
      await expectNoA11yViolations(teacher);
      await shot(teacher, testInfo, '06-teacher-requests');
      await request.getByRole('button', { name: 'Одобрить' }).click();
      await expect(request).toHaveCount(0);

      // The parent is in: «Одобрена», and «Родители 11А» among the chats.
      await parent.reload();
      await expect(parent.getByText('Одобрена').first()).toBeVisible();
      await parent.goto('/chats');
      await expect(parent.getByText('Родители 11А').first()).toBeVisible();
      await expectNoHorizontalScroll(parent);
      await expectNoA11yViolations(parent);
      await shot(parent, testInfo, '07-parent-chats');

      // The class teacher sees the parent with the child under «Родители».
      await teacher.goto(`/classes/${classId}`);
      const listed = teacher.getByRole('region', { name: 'Родители' }).getByRole('listitem').filter({ hasText: person.lastName });
      await expect(listed).toContainText('Ребёнок: Попова Дарья');
      await shot(teacher, testInfo, '08-teacher-parents');
    } finally {
      await staffContext.close();
      await parentContext.close();
    }
  });
}

// PAR-1 «Пригласить родителя»: Кирилл of 11А makes a one-time link in «Профиль»; his parent signs up by it and finds
// him already ticked; the class teacher confirms with one tap — a child alone never makes an adult his parent.
for (const width of [390, 1280]) {
  test(`parents at ${width} px: a student's «Пригласить родителя» link, confirmed by the class teacher`, async ({ browser }, testInfo) => {
    const viewport = { width, height: width < 600 ? 844 : 800 };
    const staffContext = await browser.newContext({ viewport, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    const kidContext = await browser.newContext({ viewport, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    const parentContext = await browser.newContext({ viewport, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    try {
      const staff = await staffContext.newPage();
      await signInOnNewDevice(staff, demo.admin, demoPassword);
      const { schoolId, classId } = await gym1Class(staff, '11А');
      await appointClassTeacher(staff, classId);
      await staffContext.clearCookies();

      const kid = await kidContext.newPage();
      await signInOnNewDevice(kid, kirill, demoPassword);
      await kid.goto('/profile');
      const card = kid.getByRole('region', { name: 'Пригласить родителя' });
      await card.getByRole('button', { name: 'Пригласить родителя' }).click();
      const linkBox = card.getByRole('textbox', { name: 'Ссылка для родителя' });
      await expect(linkBox).toHaveValue(/\/invite\//);
      const link = await linkBox.inputValue();
      await expectNoHorizontalScroll(kid);
      await expectNoA11yViolations(kid);
      await shot(kid, testInfo, '01-student-profile-link');

      const parent = await parentContext.newPage();
      const person = newPerson('Михаил', 'Васильев', 'Мужской');
      await parent.goto(new URL(link).pathname);
      await expect(parent.getByText('Роль: родитель в 11А класс')).toBeVisible();
      await action(parent, 'Войти или создать аккаунт').click();
      await signUpSteps(parent, randomPhone(), person, 'Roditel-Kirill-1');
      await expect(parent).toHaveURL(/\/invite\//);
      const child = parent.getByRole('checkbox', { name: 'Васильев Кирилл' });
      await expect(child).toBeChecked();
      await expect(parent.getByRole('checkbox')).toHaveCount(1);
      await expectNoA11yViolations(parent);
      await shot(parent, testInfo, '02-parent-child-chosen');
      await parent.getByRole('button', { name: 'Присоединиться' }).click();
      await expect(parent).toHaveURL(/\/home/);
      await expect(parent.getByText('На рассмотрении').first()).toBeVisible();

      await signInOnNewDevice(staff, demo.teacher, demoPassword);
      await staff.goto(`/schools/${schoolId}/requests`);
      const request = staff.getByRole('article', { name: new RegExp(person.lastName) });
      await expect(request).toContainText('Родитель Кирилла Васильева хочет присоединиться');
      await request.getByRole('button', { name: 'Одобрить' }).click();
      await expect(request).toHaveCount(0);

      await parent.reload();
      await expect(parent.getByText('Одобрена').first()).toBeVisible();
      await shot(parent, testInfo, '03-parent-approved');
    } finally {
      await staffContext.close();
      await kidContext.close();
      await parentContext.close();
    }
  });
}
