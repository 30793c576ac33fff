import { randomPhone } from '../support/accounts.js';
import { createAccountViaApi } from '../support/api.js';
import { enterCode, submitPhone } from '../support/flows.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { readSmsCode } from '../support/sms.js';
import { expect, test } from '../support/test.js';
import type { Page } from '@playwright/test';

/** Phone → login code → the password step, on a browser the account has not used. */
async function toPasswordStep(page: Page, phone: ReturnType<typeof randomPhone>): Promise<void> {
  await page.goto('/login');
  const mark = await submitPhone(page, phone);
  await enterCode(page, await readSmsCode(phone.e164, mark));
  await expect(page.getByText('Войти в аккаунт').first()).toBeVisible();
}

const forgot = (page: Page) => page.getByRole('button', { name: 'Забыли пароль?' });

// Issue 10, item 3: a new code asked too soon says how long to wait and counts it down.
test('«Забыли пароль?» and «запросите ещё один» asked too soon say how long to wait, count down, and offer the link again at zero', async ({ page }, testInfo) => {
  // The browser's clock can be moved on; the server's is real, so it keeps refusing meanwhile.
  await page.clock.install();
  const phone = randomPhone();
  await createAccountViaApi({ phone, password: 'Pervyi-parol-1', firstName: 'Вера', lastName: 'Лосева' });

  // «Забыли пароль?» right after the login SMS: a reset code goes out.
  await toPasswordStep(page, phone);
  await forgot(page).click();
  await expect(page.getByText('Подтвердите номер').first()).toBeVisible();
  await expect(page.getByText(/SMS придёт в течение 0[12]:\d\d/)).toBeVisible();

  // Two minutes pass in the browser only: «запросите ещё один» returns, the server still refuses,
  // and the screen says how long is left instead of «чуть позже».
  await page.clock.fastForward('02:01');
  await page.getByRole('button', { name: 'запросите ещё один' }).click();
  await expect(page.getByText(/^Новый код можно запросить через 1:\d\d$/)).toBeVisible();
  await expect(page.getByText('Новый код можно запросить чуть позже')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'запросите ещё один' })).toHaveCount(0);
  await shot(page, testInfo, '01-resend-too-soon');

  // Back to the number, in again with a fresh login code, and «Забыли пароль?» once more: too soon.
  await page.getByRole('button', { name: 'Изменить' }).click();
  await toPasswordStep(page, phone);
  await forgot(page).click();
  const wait = page.getByText(/^Новый код можно запросить через 1:\d\d$/);
  await expect(wait).toBeVisible();
  await expect(forgot(page)).toHaveCount(0);
  const before = (await wait.textContent()) ?? '';
  await page.clock.fastForward(3_000);
  await expect(wait).not.toHaveText(before);
  await shot(page, testInfo, '02-forgot-too-soon-1280');
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, '03-forgot-too-soon-390');

  // When the wait is over, «Забыли пароль?» is offered again.
  await page.clock.fastForward('02:00');
  await expect(forgot(page)).toBeVisible();
  await expect(wait).toHaveCount(0);
});
