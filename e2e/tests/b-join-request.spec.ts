import { expect, test } from '../support/test.js';
import { demo, demoPassword, randomPhone } from '../support/accounts.js';
import { chooseOption } from '../support/fields.js';
import { expectSignedIn, newPerson, schoolInMenu, signInOnNewDevice, signUpSteps } from '../support/flows.js';
import { shot } from '../support/screens.js';

// ORG-1, ORG-4, ORG-5: without an invitation a teacher finds the school by country and city and
// asks to join; the administrator sees the badge, approves, and the teacher is in.
test('b: a join request found by country and city is approved by the administrator', async ({ page, browser }, testInfo) => {
  const phone = randomPhone();
  const person = newPerson('Олег', 'Смирнов', 'Мужской');

  await page.goto('/login');
  await signUpSteps(page, phone, person, 'Zayavka-11A-ok');

  // Step 5: «Учебное заведение».
  await expect(page.getByText('Учебное заведение').first()).toBeVisible();
  await chooseOption(page, 'Страна', 'Россия');
  await chooseOption(page, 'Город', 'Москва');
  await chooseOption(page, 'Учебное заведение', /^Гимназия №1/);
  await chooseOption(page, 'Роль', 'Учитель');
  await chooseOption(page, 'Предмет', 'Математика');
  await chooseOption(page, 'Классы', /^11А/);
  await shot(page, testInfo, '01-applicant-form');
  await page.getByRole('button', { name: 'Отправить заявку' }).click();
  await expectSignedIn(page);
  await expect(page.getByText('На рассмотрении').first()).toBeVisible();
  await shot(page, testInfo, '02-applicant-pending');

  // The administrator, on a device of their own: a new browser context needs the SMS code.
  const adminContext = await browser.newContext();
  try {
    const admin = await adminContext.newPage();
    await signInOnNewDevice(admin, demo.admin, demoPassword);
    await schoolInMenu(admin, 'Гимназия №1').click();
    const requestsLink = admin.getByRole('link', { name: /^Заявки/ });
    await expect(requestsLink).toBeVisible();
    // The badge counts pending requests: the demo has one, ours makes at least two.
    const badge = Number(((await requestsLink.textContent()) ?? '').replace(/\D+/g, '') || '0');
    expect(badge, 'a badge with the pending count beside «Заявки»').toBeGreaterThanOrEqual(2);
    await shot(admin, testInfo, '03-admin-badge');

    await requestsLink.click();
    const card = admin.getByRole('article', { name: new RegExp(person.lastName) });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Математика');
    await expect(card).toContainText('11А');
    await shot(admin, testInfo, '04-admin-requests');
    await card.getByRole('button', { name: 'Одобрить' }).click();
    // Decided requests leave the pending list and the badge goes down by one.
    await expect(card).toHaveCount(0);
    await expect(requestsLink).toHaveAccessibleName(badge - 1 > 0 ? `Заявки ${badge - 1}` : 'Заявки');
    await admin.getByRole('tab', { name: 'Одобрена' }).click();
    await expect(card.getByText('Одобрена')).toBeVisible();
    await shot(admin, testInfo, '05-admin-approved');
  } finally {
    await adminContext.close();
  }

  // The applicant sees the outcome and the school in the left menu.
  await page.reload();
  await expect(page.getByText('Одобрена').first()).toBeVisible();
  // The school now sits under the logo in the left menu.
  await expect(schoolInMenu(page, 'Гимназия №1')).toBeVisible();
  await shot(page, testInfo, '06-applicant-approved');
});
