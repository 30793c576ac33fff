import { expect, test } from '../support/test.js';
import { demo, demoPassword } from '../support/accounts.js';
import { schoolInMenu, signInOnNewDevice } from '../support/flows.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';

// The README's demo accounts, each on a new device (a fresh browser context): code from the log.
test.describe('d: the demo accounts sign in', () => {
  test('operator sees the operator screen', async ({ page }, testInfo) => {
    await signInOnNewDevice(page, demo.operator, demoPassword);
    await page.getByRole('link', { name: 'Оператор', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Учебные заведения платформы' })).toBeVisible();
    await expect(page.getByText('Гимназия №1').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Добавить учебное заведение' })).toBeVisible();
    await shot(page, testInfo, '01-operator');
  });

  test('administrator sees «Заявки»', async ({ page }, testInfo) => {
    await signInOnNewDevice(page, demo.admin, demoPassword);
    await schoolInMenu(page, 'Гимназия №1').click();
    await expect(page.getByRole('heading', { name: 'Гимназия №1' }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: /^Заявки/ })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Приглашения по ссылке' }).first()).toBeVisible();
    await shot(page, testInfo, '01-admin-school');
    await page.getByRole('link', { name: /^Заявки/ }).click();
    await expect(page.getByRole('button', { name: 'Одобрить' }).first()).toBeVisible();
    await shot(page, testInfo, '02-admin-requests');
  });

  test('teacher sees 7А, where they teach Математика', async ({ page }, testInfo) => {
    await signInOnNewDevice(page, demo.teacher, demoPassword);
    await expect(page.getByRole('region', { name: 'Мои учебные заведения' })).toContainText('Учитель');
    await shot(page, testInfo, '01-teacher-home');
    await schoolInMenu(page, 'Гимназия №1').click();
    await page.getByRole('link', { name: 'Классы', exact: true }).click();
    await page.getByRole('link', { name: /^7А/ }).click();
    await expect(page.getByRole('heading', { name: '7А', exact: true })).toBeVisible();
    const me = page.getByRole('region', { name: 'Учителя' }).getByRole('listitem').filter({ hasText: 'Кузнецова' });
    await expect(me).toContainText('Математика');
    await shot(page, testInfo, '02-teacher-class');
  });

  test('teacher\'s «Главная» lists 7А under «Мои классы»', async ({ page }, testInfo) => {
    await signInOnNewDevice(page, demo.teacher, demoPassword);
    const myClasses = page.getByRole('region', { name: 'Мои классы' });
    await shot(page, testInfo, '01-teacher-home');
    await expect(myClasses.getByRole('link', { name: '7А' }).or(myClasses.getByRole('button', { name: '7А' }))).toBeVisible();
  });

  test('student sees their school, which fits a 375 px phone screen', async ({ page }, testInfo) => {
    await signInOnNewDevice(page, demo.student, demoPassword);
    await schoolInMenu(page, 'Гимназия №1').click();
    await expect(page.getByRole('heading', { name: 'Гимназия №1' }).first()).toBeVisible();
    // A student does not administer: no requests or invitations in the school menu.
    await expect(page.getByRole('link', { name: 'Приглашения по ссылке' })).toHaveCount(0);
    await shot(page, testInfo, '01-student-school');

    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Гимназия №1' }).first()).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, testInfo, '02-student-school-375');
  });
});
