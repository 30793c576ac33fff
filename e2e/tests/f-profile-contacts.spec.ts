import { expect, test } from '../support/test.js';
import { demo, demoPassword, randomPhone } from '../support/accounts.js';
import { createAccountViaApi } from '../support/api.js';
import { signInOnNewDevice, signOut } from '../support/flows.js';
import { shot } from '../support/screens.js';

// APP-4 «Контакты»: the people who share a school, never their phone numbers.
test('f1: «Контакты» lists the people of the student\'s school', async ({ page }, testInfo) => {
  await signInOnNewDevice(page, demo.student, demoPassword);
  await page.getByRole('link', { name: 'Контакты', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Контакты' })).toBeVisible();
  await expect(page.getByText('Кузнецова Ирина Александровна')).toBeVisible();
  await expect(page.getByText(/\+7 900/)).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Поиск' }).or(page.getByRole('textbox', { name: 'Поиск' })).fill('Кузнецова');
  await expect(page.getByText('Кузнецова Ирина Александровна')).toBeVisible();
  await expect(page.getByText('Козлова Ольга Николаевна')).toHaveCount(0);
  await shot(page, testInfo, '01-contacts');
});

// ACC-3 profile, APP-5 English switchable.
test('f2: the profile is editable, and the interface switches to English and back', async ({ page }, testInfo) => {
  const phone = randomPhone();
  await createAccountViaApi({ phone, password: 'Profil-parol-3', firstName: 'Павел', lastName: 'Орлов' });
  await signInOnNewDevice(page, phone, 'Profil-parol-3');

  await page.getByRole('link', { name: 'Профиль', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Профиль' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Номер телефона' })).toHaveValue(phone.display);
  await page.getByRole('textbox', { name: 'Отчество', exact: true }).fill('Сергеевич');
  await page.getByRole('textbox', { name: 'Имя', exact: true }).fill('Пётр');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('status')).toHaveText('Сохранено');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Отчество', exact: true })).toHaveValue('Сергеевич');
  await expect(page.getByRole('textbox', { name: 'Имя', exact: true })).toHaveValue('Пётр');
  await expect(page.getByRole('banner')).toContainText('Пётр Орлов');
  await shot(page, testInfo, '01-profile-saved');

  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Profile' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Home', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Contacts', exact: true })).toBeVisible();
  await shot(page, testInfo, '02-profile-english');
  await page.getByText('Русский', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Профиль' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Главная', exact: true })).toBeVisible();
  await signOut(page);
});
