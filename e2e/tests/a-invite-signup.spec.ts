import { expect, test } from '../support/test.js';
import { demo, demoPassword, randomPhone } from '../support/accounts.js';
import { chooseOption } from '../support/fields.js';
import { action, enterCode, fillInformation, newPerson, schoolInMenu, signInOnNewDevice, submitPhone, wrongCode } from '../support/flows.js';
import { shot } from '../support/screens.js';
import { readSmsCode, smsSince } from '../support/sms.js';

// ORG-3 + ACC-1: a teacher opens the administrator's link, creates an account in five steps
// and joins 7А with a subject. The demo's link is public (its token is in the README), so it only
// files a join request: the teacher is in 7А once the administrator approves.
test('a: sign-up by invitation link through all five steps ends as a teacher of 7А', async ({ page, browser }, testInfo) => {
  const phone = randomPhone();
  const password = 'Kontrolnaya-7A';
  const person = newPerson('Яна', 'Рощина', 'Женский');

  await page.goto('/invite/demo-teacher-7a');
  await expect(page.getByText('Куда: Гимназия №1')).toBeVisible();
  await expect(page.getByText('Роль: учитель в 7А класс')).toBeVisible();
  await shot(page, testInfo, '01-invite');

  // 1. Phone.
  await action(page, 'Войти или создать аккаунт').click();
  await expect(page.getByLabel('Номер телефона')).toBeVisible();
  await shot(page, testInfo, '02-phone');
  const mark = await submitPhone(page, phone);

  // 2. The SMS code, with the countdown before «запросите ещё один».
  await expect(page.getByText('Подтвердите номер').first()).toBeVisible();
  await expect(page.getByText(/SMS придёт в течение 0[12]:\d\d/)).toBeVisible();
  const code = await readSmsCode(phone.e164, mark);
  // «Изменить» goes back to the number; sending the same one again within 120 s costs no second SMS.
  await page.getByRole('button', { name: 'Изменить' }).click();
  await expect(page.getByLabel('Номер телефона')).not.toHaveValue('');
  await submitPhone(page, phone);
  await expect(page.getByText('Подтвердите номер').first()).toBeVisible();
  expect(smsSince(phone.e164, mark), 'one SMS for one number within 120 s').toHaveLength(1);
  // A wrong code first gets a clear Russian refusal.
  await enterCode(page, wrongCode(code));
  await expect(page.getByText('Неверный код')).toBeVisible();
  await shot(page, testInfo, '03-wrong-code');
  await enterCode(page, code);

  // 3. «Придумайте пароль», twice; a mismatch is refused in Russian.
  await expect(page.getByText('Придумайте пароль').first()).toBeVisible();
  await page.getByLabel('Введите пароль').fill(password);
  await page.getByLabel('Подтвердите пароль').fill(`${password}x`);
  await page.getByRole('button', { name: 'Далее' }).click();
  await expect(page.getByText('Пароли не совпадают')).toBeVisible();
  await shot(page, testInfo, '04-password-mismatch');
  await page.getByLabel('Подтвердите пароль').fill(password);
  await page.getByRole('button', { name: 'Далее' }).click();

  // 4. «Информация».
  await fillInformation(page, person);
  await shot(page, testInfo, '05-info');
  await page.getByRole('button', { name: 'Продолжить' }).click();

  // 5. Back on the invitation: the subject, then «Отправить заявку» (this link asks the administration).
  await expect(page).toHaveURL(/\/invite\/demo-teacher-7a/);
  await expect(page.getByText('Куда: Гимназия №1')).toBeVisible();
  await chooseOption(page, 'Предмет', 'Математика');
  await shot(page, testInfo, '06-invite-signed-in');
  await expect(page.getByText('Ваша заявка на вступление в учебное заведение будет рассмотрена администрацией школы')).toBeVisible();
  await page.getByRole('button', { name: 'Отправить заявку' }).click();
  // Not a teacher yet: «Главная» shows the request «На рассмотрении».
  await expect(page).toHaveURL(/\/home/);
  await expect(page.getByText('На рассмотрении').first()).toBeVisible();
  await shot(page, testInfo, '07-request-pending');

  const adminContext = await browser.newContext();
  try {
    const admin = await adminContext.newPage();
    await signInOnNewDevice(admin, demo.admin, demoPassword);
    await schoolInMenu(admin, 'Гимназия №1').click();
    await admin.getByRole('link', { name: /^Заявки/ }).click();
    const card = admin.getByRole('article', { name: new RegExp(person.lastName) });
    await expect(card).toContainText('Математика');
    await expect(card).toContainText('7А');
    await card.getByRole('button', { name: 'Одобрить' }).click();
    await expect(card).toHaveCount(0);
  } finally {
    await adminContext.close();
  }

  await page.reload();
  await expect(page.getByText('Одобрена').first()).toBeVisible();
  await schoolInMenu(page, 'Гимназия №1').click();
  await expect(page.getByRole('heading', { name: 'Гимназия №1' }).first()).toBeVisible();
  await expect(page).toHaveURL(/\/schools\//);
  await shot(page, testInfo, '08-school');

  // The class page lists the new teacher with the subject.
  await page.getByRole('link', { name: 'Классы', exact: true }).click();
  await page.getByRole('link', { name: /^7А/ }).click();
  await expect(page.getByRole('heading', { name: '7А', exact: true })).toBeVisible();
  const teachers = page.getByRole('region', { name: 'Учителя' });
  const me = teachers.getByRole('listitem').filter({ hasText: person.lastName });
  await expect(me).toBeVisible();
  await expect(me).toContainText(person.firstName);
  await expect(me).toContainText('Математика');
  await shot(page, testInfo, '09-class-7a');
});
