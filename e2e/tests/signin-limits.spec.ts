import { randomPhone } from '../support/accounts.js';
import { createAccountViaApi } from '../support/api.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { enterCode, enterPassword, signInOnNewDevice, signOut, submitPhone } from '../support/flows.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { readSmsCode } from '../support/sms.js';
import { expect, test } from '../support/test.js';

// Issue 11: a number alone does not tell whether it has an account; only the verified code does.
test('a number with an account and one without see the same code screen; the code leads to the password or to sign-up', async ({ page }, testInfo) => {
  const known = randomPhone();
  await createAccountViaApi({ phone: known, password: 'Pervyi-parol-1', firstName: 'Вера', lastName: 'Лосева' });
  const unknown = randomPhone();

  await page.goto('/login');
  const knownMark = await submitPhone(page, known);
  await expect(page.getByText('Подтвердите номер').first()).toBeVisible();
  const knownScreen = (await page.getByRole('main').ariaSnapshot()).replace(/\+7[\d\s-]+/g, '<номер>').replace(/\d\d:\d\d/, '<время>');
  await shot(page, testInfo, '01-code-known-number');
  await enterCode(page, await readSmsCode(known.e164, knownMark));
  await expect(page.getByText('Войти в аккаунт').first()).toBeVisible();

  await page.getByRole('button', { name: 'Это не я' }).click();
  const unknownMark = await submitPhone(page, unknown);
  await expect(page.getByText('Подтвердите номер').first()).toBeVisible();
  const unknownScreen = (await page.getByRole('main').ariaSnapshot()).replace(/\+7[\d\s-]+/g, '<номер>').replace(/\d\d:\d\d/, '<время>');
  expect(unknownScreen).toBe(knownScreen);
  await enterCode(page, await readSmsCode(unknown.e164, unknownMark));
  await expect(page.getByText('Придумайте пароль').first()).toBeVisible();
  await shot(page, testInfo, '02-after-code-new-number');
});

// Issue 11: wrong passwords slow down (with the wait said in Russian) instead of locking the account for an hour.
test('on a known device, the sixth wrong password in a row says «Слишком много попыток. Попробуйте через 0:30»', async ({ page }, testInfo) => {
  const phone = randomPhone();
  const password = 'Pervyi-parol-1';
  await createAccountViaApi({ phone, password, firstName: 'Вадим', lastName: 'Жуков' });
  await page.goto('/login');
  await signInOnNewDevice(page, phone, password);
  await signOut(page);

  await page.goto('/login');
  await submitPhone(page, phone);
  await enterPassword(page, 'not-the-password-1');
  await expect(page.getByText('Неверный пароль')).toBeVisible();
  for (let i = 2; i <= 5; i++) {
    await page.getByLabel('Введите пароль').fill(`not-the-password-${i}`);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Войти', exact: true })).toBeEnabled();
    await expect(page.getByText('Неверный пароль')).toBeVisible();
  }
  await page.getByLabel('Введите пароль').fill(password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page.getByText(/^Слишком много попыток\. Попробуйте через 0:(30|29|28)$/)).toBeVisible();
  await shot(page, testInfo, '03-too-many-1280');
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, '04-too-many-390');
});
