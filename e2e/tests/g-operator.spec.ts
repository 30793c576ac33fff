import { expect, test } from '../support/test.js';
import { demo, demoPassword, randomPhone } from '../support/accounts.js';
import { signInOnNewDevice } from '../support/flows.js';
import { shot } from '../support/screens.js';

// The platform operator puts a school in the registry and names its first administrator, who
// has no account yet and so gets an invitation link.
test('g: the operator creates a school and gets its first administrator\'s link', async ({ page, browser }, testInfo) => {
  const name = `Лицей №${100 + Math.floor(Math.random() * 800)} «Тест»`;
  const adminPhone = randomPhone();

  await signInOnNewDevice(page, demo.operator, demoPassword);
  await page.getByRole('link', { name: 'Оператор', exact: true }).click();
  await page.getByRole('button', { name: 'Добавить учебное заведение' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Название' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Страна' }).fill('Россия');
  await dialog.getByRole('textbox', { name: 'Город' }).fill('Казань');
  await dialog.getByRole('textbox', { name: 'Телефон первого администратора' }).fill(adminPhone.display);
  await shot(page, testInfo, '01-new-school-form');
  await dialog.getByRole('button', { name: 'Создать' }).click();

  await expect(page.getByText('У этого номера ещё нет аккаунта')).toBeVisible();
  const link = page.getByRole('textbox', { name: 'Ссылка-приглашение' });
  await expect(link).toHaveValue(/\/invite\//);
  const url = await link.inputValue();
  await shot(page, testInfo, '02-admin-link');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Казань');

  // The link invites to this school as its administrator.
  const visitor = await browser.newContext();
  try {
    const guest = await visitor.newPage();
    await guest.goto(new URL(url).pathname);
    await expect(guest.getByText(`Куда: ${name}`)).toBeVisible();
    await expect(guest.getByText('Роль: администратор')).toBeVisible();
    await shot(guest, testInfo, '03-admin-invite');
  } finally {
    await visitor.close();
  }
});
