import { randomInt } from 'node:crypto';
import { expect, type Locator, type Page } from '@playwright/test';
import type { TestPhone } from './accounts.js';
import { fillBirthDate } from './fields.js';
import { type LogMark, markLog, readSmsCode, smsSince } from './sms.js';

/** A button or a link with this exact name: the UI may render either for the same action. */
export function action(page: Page, name: string): Locator {
  return page
    .getByRole('button', { name, exact: true })
    .or(page.getByRole('link', { name, exact: true }))
    .first();
}

/** Step 1: types the number and presses «Войти или создать аккаунт»; returns the log mark taken just before. */
export async function submitPhone(page: Page, phone: TestPhone): Promise<LogMark> {
  await page.getByLabel('Номер телефона').fill(phone.display);
  const mark = markLog();
  await page.getByRole('button', { name: 'Войти или создать аккаунт' }).click();
  return mark;
}

/** The screen «Подтвердите номер»: types a code and presses «Далее». */
export async function enterCode(page: Page, code: string): Promise<void> {
  await expect(page.getByText('Подтвердите номер').first()).toBeVisible();
  await page.getByLabel('Код подтверждения').fill(code);
  await page.getByRole('button', { name: 'Далее' }).click();
}

/** A six-digit code that is surely not `code`, for the wrong-code check. */
export function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

/** The screen «Войти в аккаунт»: the password and «Войти». */
export async function enterPassword(page: Page, password: string): Promise<void> {
  await expect(page.getByText('Войти в аккаунт').first()).toBeVisible();
  await page.getByLabel('Введите пароль').fill(password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
}

/** Signed in: the header's profile menu is there (at every width; the left menu folds on phones). */
export async function expectSignedIn(page: Page): Promise<void> {
  await expect(profileMenu(page)).toBeVisible({ timeout: 15_000 });
}

function profileMenu(page: Page): Locator {
  return page.getByRole('banner').getByRole('button', { name: 'Профиль' });
}

/**
 * Signs in from /login on a device the account has not used: phone → code from the server log →
 * password. Returns the code screen's log mark so a test can check what was sent.
 */
export async function signInOnNewDevice(page: Page, phone: TestPhone, password: string): Promise<LogMark> {
  if (!page.url().includes('/login')) await page.goto('/login');
  const mark = await submitPhone(page, phone);
  await enterCode(page, await readSmsCode(phone.e164, mark));
  await enterPassword(page, password);
  await expectSignedIn(page);
  return mark;
}

/**
 * Signs in from /login on a device the account has used before: phone → password, with no code
 * screen and no SMS sent.
 */
export async function signInOnKnownDevice(page: Page, phone: TestPhone, password: string): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  const mark = await submitPhone(page, phone);
  await enterPassword(page, password);
  await expectSignedIn(page);
  await expect(page.getByText('Подтвердите номер')).toHaveCount(0);
  expect(smsSince(phone.e164, mark), 'no SMS is sent to sign in on a known device').toEqual([]);
}

/** «Выйти» from the header's profile menu, ending on the landing page. */
export async function signOut(page: Page): Promise<void> {
  await profileMenu(page).click();
  await page.getByRole('menuitem', { name: 'Выйти' }).click();
  await expect(profileMenu(page)).toHaveCount(0);
  await expect(action(page, 'Войти или создать аккаунт')).toBeVisible();
}


export interface Person {
  firstName: string;
  lastName: string;
  middleName: string;
  gender: 'Женский' | 'Мужской';
  /** YYYY-MM-DD */
  birthDate: string;
}

/** A person with a surname unique to this run, so lists can be searched for them. */
export function newPerson(firstName: string, lastName: string, gender: Person['gender']): Person {
  const letters = 'БВГДЖЗКЛМНПРСТФХ';
  const tag = Array.from({ length: 5 }, () => letters[randomInt(letters.length)]).join('');
  const middleName = gender === 'Женский' ? 'Михайловна' : 'Петрович';
  return { firstName, lastName: `${lastName}-${tag}`, middleName, gender, birthDate: '1990-05-17' };
}

/**
 * Sign-up steps 1–4 from the phone screen: phone → code from the log → «Придумайте пароль» →
 * «Информация» → «Продолжить». Step 5 (where to go next) is the caller's.
 */
export async function signUpSteps(page: Page, phone: TestPhone, person: Person, password: string): Promise<void> {
  const mark = await submitPhone(page, phone);
  await enterCode(page, await readSmsCode(phone.e164, mark));
  await expect(page.getByText('Придумайте пароль').first()).toBeVisible();
  await page.getByLabel('Введите пароль').fill(password);
  await page.getByLabel('Подтвердите пароль').fill(password);
  await page.getByRole('button', { name: 'Далее' }).click();
  await fillInformation(page, person);
  await page.getByRole('button', { name: 'Продолжить' }).click();
}

/** The screen «Информация»: имя, фамилия, отчество, пол, дата рождения. */
export async function fillInformation(page: Page, person: Person): Promise<void> {
  await expect(page.getByText('Информация').first()).toBeVisible();
  await page.getByRole('textbox', { name: 'Имя', exact: true }).fill(person.firstName);
  await page.getByRole('textbox', { name: 'Фамилия', exact: true }).fill(person.lastName);
  await page.getByRole('textbox', { name: 'Отчество', exact: true }).fill(person.middleName);
  await page.getByRole('radio', { name: person.gender, exact: true }).check();
  await fillBirthDate(page, person.birthDate);
}

/** A school under the logo in the left menu (the home page may link the same school too). */
export function schoolInMenu(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Главное меню' }).first().getByRole('link', { name, exact: true });
}
