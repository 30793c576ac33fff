import os from 'node:os';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/test.js';
import { demo, demoPassword, randomPhone } from '../support/accounts.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { fillBirthDate } from '../support/fields.js';
import { enterCode, enterPassword, expectSignedIn, schoolInMenu, signOut } from '../support/flows.js';
import { type FreshServer, logOffset, smsCodeIn, startFreshServer } from '../support/freshServer.js';
import { latinWords } from '../support/latin.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';

// Issue 11, «safe defaults»: a fresh install without the demo ships no known password. On first open
// from the server's own machine it asks for the operator's account (phone, the SMS code from the
// server's log, name, password) or offers the demo school; from another address it only says where
// to set it up. Each test runs a server of its own on an empty data directory (the suite's server has
// the demo).

// Two servers of their own start here, and each screen is checked at two widths: more than the usual two minutes.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

/** The machine's own non-loopback IPv4 address: a browser that opens it is «elsewhere» to the server. */
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a?.family === 'IPv4' && !a.internal)?.address;

/** The screen in Russian at 1280 and 390 px: no axe violation, nothing wider than a phone, no English. */
async function checkScreen(page: Page, testInfo: Parameters<typeof shot>[1], name: string, allowed: string[] = []): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await expectNoA11yViolations(page);
    await expectNoHorizontalScroll(page);
    await shot(page, testInfo, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  // biome-ignore lint/performance/useDomNodeTextContent: what is shown, not hidden text: innerText it must be
  let text = await page.evaluate(() => `${document.body.innerText}\n${document.title}`);
  for (const a of allowed) text = text.replaceAll(a, ' ');
  expect(latinWords(text), `Latin-script words on «${name}»`).toEqual([]);
}

let server: FreshServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

test('first run: elsewhere it says where to set up; on the machine the operator is created with the SMS code from the log, signs in and sees the registry', async ({ page, browser }, testInfo) => {
  // Listening on every interface, so that the machine's own network address reaches it as another computer would.
  server = await startFreshServer('setup', { HOST: '0.0.0.0' });
  const url = server.url;

  if (lanAddress) {
    const far = await browser.newContext();
    try {
      const guest = await far.newPage();
      await guest.goto(`http://${lanAddress}:${server.port}/`);
      await expect(guest.getByRole('heading', { name: 'Сервер ещё не настроен' })).toBeVisible();
      await expect(guest.getByText('Настроить её можно только с компьютера, на котором запущен сервер')).toBeVisible();
      await expect(guest.getByRole('button', { name: 'Попробовать демо-школу' })).toHaveCount(0);
      await checkScreen(guest, testInfo, '01-elsewhere');
      // Its requests are refused too, whatever it claims.
      const refused = await guest.request.post(`http://${lanAddress}:${server.port}/api/setup/demo`, { headers: { 'x-forwarded-for': '127.0.0.1' } });
      expect(refused.status()).toBe(403);
    } finally {
      await far.close();
    }
  }

  // Any address on the machine shows the first-run screen.
  await page.goto(`${url}/home`);
  await expect(page.getByRole('heading', { name: 'Первый запуск Parta' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Попробовать демо-школу' })).toBeVisible();
  await checkScreen(page, testInfo, '02-first-run');

  const phone = randomPhone();
  await page.getByLabel('Номер телефона').fill(phone.display);
  const since = logOffset(server.log);
  await page.getByRole('button', { name: 'Получить код' }).click();
  await expect(page.getByText('Код — в журнале сервера')).toBeVisible();
  await checkScreen(page, testInfo, '03-code');
  await page.getByLabel('Код подтверждения').fill(await smsCodeIn(server.log, phone.e164, since));
  await page.getByRole('button', { name: 'Далее' }).click();

  await expect(page.getByRole('heading', { name: 'Учётная запись оператора' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Имя', exact: true }).fill('Ирина');
  await page.getByRole('textbox', { name: 'Фамилия', exact: true }).fill('Оператова');
  await page.getByRole('radio', { name: 'Женский', exact: true }).check();
  await fillBirthDate(page, '1984-03-09');
  const password = 'Svoi-parol-operatora';
  await page.getByLabel('Введите пароль').fill(password);
  await page.getByLabel('Подтвердите пароль').fill(password);
  await checkScreen(page, testInfo, '04-account');
  await page.getByRole('button', { name: 'Создать учётную запись' }).click();

  // Signed in as the operator, on the registry of schools (empty on a fresh install).
  await expectSignedIn(page);
  await expect(page).toHaveURL(/\/operator$/);
  await expect(page.getByRole('heading', { name: 'Учебные заведения платформы' })).toBeVisible();
  await expect(page.getByText('Учебных заведений пока нет')).toBeVisible();
  await shot(page, testInfo, '05-registry');

  // The first run is over for good: the setup answers 404 and the app opens as usual.
  expect((await page.request.get(`${url}/api/setup`)).status()).toBe(404);
  await signOut(page);
  await page.goto(`${url}/login`);
  await expect(page.getByRole('heading', { name: 'Первый запуск Parta' })).toHaveCount(0);
  // The password the operator chose signs them in (this browser is known: no code).
  await page.getByLabel('Номер телефона').fill(phone.display);
  await page.getByRole('button', { name: 'Войти или создать аккаунт' }).click();
  await enterPassword(page, password);
  await expectSignedIn(page);
  await page.goto(`${url}/operator`);
  await expect(page.getByRole('heading', { name: 'Учебные заведения платформы' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Добавить учебное заведение' })).toBeVisible();
});

test('first run: «Попробовать демо-школу» loads the demo, names its accounts, and the administrator signs in', async ({ page }, testInfo) => {
  server = await startFreshServer('setup-demo');
  const url = server.url;
  await page.goto(url);
  await page.getByRole('button', { name: 'Попробовать демо-школу' }).click();

  await expect(page.getByRole('heading', { name: 'Демо-школа загружена' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '+7 900 000-00-01' })).toContainText('администратор «Гимназии №1»');
  await expect(page.getByText(demoPassword, { exact: true })).toBeVisible();
  // The password is data to type, not a label.
  await checkScreen(page, testInfo, '01-demo-loaded', [demoPassword]);
  await page.getByRole('button', { name: 'Войти' }).click();

  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Номер телефона').fill(demo.admin.display);
  const since = logOffset(server.log);
  await page.getByRole('button', { name: 'Войти или создать аккаунт' }).click();
  await enterCode(page, await smsCodeIn(server.log, demo.admin.e164, since));
  await enterPassword(page, demoPassword);
  await expectSignedIn(page);
  await expect(schoolInMenu(page, 'Гимназия №1')).toBeVisible();
  await shot(page, testInfo, '02-demo-admin');
  expect((await page.request.get(`${url}/api/setup`)).status()).toBe(404);
});
