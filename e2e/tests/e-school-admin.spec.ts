import { expect, test } from '../support/test.js';
import { demo, demoPassword } from '../support/accounts.js';
import { chooseOption } from '../support/fields.js';
import { schoolInMenu, signInOnNewDevice } from '../support/flows.js';
import { shot } from '../support/screens.js';

// ORG-6 right-hand menu, ORG-7 members by role with search, ORG-3 «Приглашения по ссылке»: the
// administrator makes a link for a student of 7А, a visitor sees it, the administrator revokes it.
test('e: the administrator\'s school menu, members, and an invitation link made and revoked', async ({ page, browser }, testInfo) => {
  await signInOnNewDevice(page, demo.admin, demoPassword);
  await schoolInMenu(page, 'Гимназия №1').click();

  const menu = page.getByRole('navigation', { name: 'Меню школы' });
  const items = [
    'Документы школы', 'Видео школы', 'Статьи', 'Участники', 'Классы', 'Публичные чаты', 'Информация',
    /^Обращения в школу/, 'Руководители', /^Заявки/, 'Приглашения по ссылке',
  ];
  for (const name of items) {
    await expect(menu.getByRole('link', { name, exact: typeof name === 'string' })).toBeVisible();
  }
  // «Обращения в школу» (issue 14): the administration's inbox of the school's appeals.
  await menu.getByRole('link', { name: /^Обращения в школу/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Обращения в школу' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Обращения' })).toBeVisible();
  await shot(page, testInfo, '01-appeals');

  // Участники: by role, with search.
  await menu.getByRole('link', { name: 'Участники', exact: true }).click();
  await page.getByRole('tab', { name: 'Учителя' }).click();
  await expect(page.getByText('Кузнецова Ирина Александровна')).toBeVisible();
  await expect(page.getByText('Волков Максим Андреевич')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Все' }).click();
  await page.getByRole('searchbox', { name: 'Поиск' }).fill('Волков');
  await expect(page.getByText('Волков Максим Андреевич')).toBeVisible();
  await expect(page.getByText('Кузнецова Ирина Александровна')).toHaveCount(0);
  await shot(page, testInfo, '02-members-search');

  // A link for a student of 7А.
  await menu.getByRole('link', { name: 'Приглашения по ссылке', exact: true }).click();
  await chooseOption(page, 'Роль', 'Ученик');
  await chooseOption(page, 'Класс', /^7А/);
  await page.getByRole('button', { name: 'Создать ссылку' }).click();
  const linkField = page.getByRole('textbox', { name: 'Ссылка-приглашение' });
  await expect(linkField).toHaveValue(/\/invite\/[\w-]{16,}$/);
  const url = await linkField.inputValue();
  await shot(page, testInfo, '03-link-created');

  const visitor = await browser.newContext();
  try {
    const guest = await visitor.newPage();
    await guest.goto(new URL(url).pathname);
    await expect(guest.getByText('Куда: Гимназия №1')).toBeVisible();
    await expect(guest.getByText('Роль: ученик в 7А класс')).toBeVisible();

    // Revoked: the same link now says it no longer works.
    const row = page.getByRole('listitem').filter({ hasText: 'Ученик в 7А класс' }).filter({ hasText: 'Действует' }).first();
    await row.getByRole('button', { name: 'Отозвать' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Больше никто не сможет по ней присоединиться');
    await dialog.getByRole('button', { name: 'Отозвать' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: 'Ученик в 7А класс' }).filter({ hasText: 'Отозвана' }).first()).toBeVisible();
    await shot(page, testInfo, '04-link-revoked');

    await guest.reload();
    await expect(guest.getByText(/Приглашение недействительно/)).toBeVisible();
    await expect(guest.getByRole('button', { name: 'Войти или создать аккаунт' })).toHaveCount(0);
    await shot(guest, testInfo, '05-revoked-link-page');
  } finally {
    await visitor.close();
  }
});
