import { expect, test } from '../support/test.js';
import { randomPhone } from '../support/accounts.js';
import { createAccountViaApi } from '../support/api.js';
import {
  enterCode, enterPassword, expectSignedIn, signInOnKnownDevice, signInOnNewDevice, signOut, submitPhone,
} from '../support/flows.js';
import { shot } from '../support/screens.js';
import { markLog, readSmsCode, smsSince } from '../support/sms.js';

// ACC-2, ACC-4: a code only on a new device; «Забыли пароль?» through a code; «Выйти».
test('c: sign-in on a known device without a code, «Забыли пароль?» reset, «Выйти»', async ({ page }, testInfo) => {
  const phone = randomPhone();
  const account = { phone, password: 'Pervyi-parol-1', firstName: 'Вадим', lastName: 'Жуков' };
  const newPassword = 'Vtoroi-parol-2';
  await createAccountViaApi(account);

  // First time in this browser: a new device, so a code is asked.
  await page.goto('/login');
  await signInOnNewDevice(page, phone, account.password);
  await shot(page, testInfo, '01-signed-in-new-device');
  await signOut(page);
  await shot(page, testInfo, '02-signed-out');

  // Same browser again: phone → password, no code screen, no SMS.
  await page.goto('/login');
  await signInOnKnownDevice(page, phone, account.password);
  await shot(page, testInfo, '03-signed-in-known-device');
  await signOut(page);

  // A wrong password is refused in Russian.
  await page.goto('/login');
  await submitPhone(page, phone);
  await expect(page.getByText('Вадим Ж.').first()).toBeVisible();
  await enterPassword(page, 'not-the-password');
  await expect(page.getByText('Неверный пароль')).toBeVisible();
  await shot(page, testInfo, '04-wrong-password');

  // «Забыли пароль?»: a code, then a new password, which signs in.
  const resetMark = markLog();
  await page.getByRole('button', { name: 'Забыли пароль?' }).or(page.getByRole('link', { name: 'Забыли пароль?' })).first().click();
  const code = await readSmsCode(phone.e164, resetMark);
  await enterCode(page, code);
  await expect(page.getByText(/Придумайте (новый )?пароль/).first()).toBeVisible();
  await page.getByLabel('Введите пароль').fill(newPassword);
  await page.getByLabel('Подтвердите пароль').fill(newPassword);
  await shot(page, testInfo, '05-new-password');
  await page.getByRole('button', { name: 'Далее' }).click();
  await expectSignedIn(page);
  await signOut(page);

  // The old password no longer works; the new one does, still without a code.
  await page.goto('/login');
  const mark = await submitPhone(page, phone);
  await enterPassword(page, account.password);
  await expect(page.getByText('Неверный пароль')).toBeVisible();
  await page.getByLabel('Введите пароль').fill(newPassword);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expectSignedIn(page);
  expect(smsSince(phone.e164, mark)).toEqual([]);
  await shot(page, testInfo, '06-signed-in-new-password');
  await signOut(page);
  await shot(page, testInfo, '07-after-sign-out');
});
