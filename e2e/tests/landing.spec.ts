import { expect, test } from '../support/test.js';
import { action } from '../support/flows.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';

test.describe('public pages', () => {
  test('landing in Russian: why, how to start, sign-in button, legal links', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Образовательная платформа' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Почему это удобно?' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Как начать?' })).toBeVisible();
    await expect(action(page, 'Войти или создать аккаунт')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', /^ru/);
    await shot(page, testInfo, '01-landing');

    await page.getByRole('link', { name: 'Конфиденциальность' }).first().click();
    await expect(page).toHaveURL(/\/privacy$/);
    await expect(page.getByRole('heading').first()).toBeVisible();
    // Real text about the data we keep, not a placeholder.
    await expect(page.getByText(/номер телефона/i).first()).toBeVisible();
    await shot(page, testInfo, '02-privacy');

    await page.goto('/');
    await page.getByRole('link', { name: 'Пользовательское соглашение' }).first().click();
    await expect(page).toHaveURL(/\/terms$/);
    await expect(page.getByRole('heading').first()).toBeVisible();
    await shot(page, testInfo, '03-terms');
  });

  test('landing fits a 375 px phone screen', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Почему это удобно?' })).toBeVisible();
    await expect(action(page, 'Войти или создать аккаунт')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, testInfo, '01-landing-375');
  });
});
