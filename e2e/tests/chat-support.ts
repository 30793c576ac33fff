import { deflateSync } from 'node:zlib';
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { demo, demoPassword, type TestPhone } from '../support/accounts.js';
import { schoolInMenu, signInOnNewDevice } from '../support/flows.js';

/** A person in their own browser context, with every dialog and page error recorded (none may happen). */
export interface Person {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  errors: string[];
}

/**
 * A person signed in on a new device in a browser of their own: a demo account by default, or any account with
 * `password`. `initScript` runs in every page of the context before the app (e.g. to record its connections).
 */
export async function personIn(
  browser: Browser,
  phone: TestPhone,
  { initScript, password = demoPassword }: { initScript?: () => void; password?: string } = {},
): Promise<Person> {
  const context = await browser.newContext();
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const person: Person = { context, page, dialogs: [], errors: [] };
  page.on('dialog', (d) => {
    person.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => person.errors.push(`${e.name}: ${e.message}`));
  await signInOnNewDevice(page, phone, password);
  return person;
}

/** The demo teacher (Кузнецова, 7А) and the demo student of 7А (Волков), each in a browser of their own. */
export async function teacherAndStudent(browser: Browser): Promise<{ teacher: Person; student: Person }> {
  const teacher = await personIn(browser, demo.teacher);
  const student = await personIn(browser, demo.student);
  return { teacher, student };
}

export async function expectClean(...people: Person[]): Promise<void> {
  for (const p of people) {
    expect(p.dialogs, 'no alert/confirm/prompt ever opened').toEqual([]);
    expect(p.errors, 'no uncaught errors in the page').toEqual([]);
  }
}

export async function closeAll(...people: Person[]): Promise<void> {
  for (const p of people) await p.context.close();
}

/** A name unique to this run, so lists can be searched for it. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
}

/**
 * The guide's CLS-4 from the teacher's side: school → «Классы» → 7А → «Создать чат» → name, «Чат класса» →
 * «Продолжить» → «Выбрать всех участников» → «Создать чат». Ends in the new chat; returns its URL path.
 */
export async function createClassChat(page: Page, name: string): Promise<string> {
  await schoolInMenu(page, 'Гимназия №1').click();
  await page.getByRole('link', { name: 'Классы', exact: true }).click();
  await page.getByRole('link', { name: /^7А/ }).first().click();
  await expect(page.getByRole('heading', { name: '7А', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Создать чат' }).click();
  const dialog = page.getByRole('dialog', { name: 'Создать чат' });
  const nameField = dialog.getByRole('textbox', { name: 'Название чата' });
  await expect(nameField).toHaveAttribute('placeholder', 'Номер и буква класса — название предмета');
  await nameField.fill(name);
  await expect(dialog.getByRole('radio', { name: 'Чат класса' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Продолжить' }).click();
  await dialog.getByRole('button', { name: 'Выбрать всех участников' }).click();
  await expect(dialog.getByRole('checkbox', { name: /Волков Максим/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Создать чат' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(/\/chats\/[0-9a-f-]+$/);
  return new URL(page.url()).pathname;
}

/** Types a message and presses Enter; waits until it is stored (no «Отправляется…» left). */
export async function say(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Сообщение' }).fill(text);
  await page.getByRole('textbox', { name: 'Сообщение' }).press('Enter');
  await expect(page.getByText('Отправляется…')).toHaveCount(0);
}

/** The messages of the open chat. */
export function history(page: Page) {
  return page.getByTestId('chat-history');
}

/** A small real PNG (a 24×16 red rectangle), made here so the test needs no fixture file. */
export function tinyPng(): Buffer {
  const width = 24;
  const height = 16;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0)]);
  for (let x = 0; x < width; x++) row.writeUInt8(0xd0, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** «+» → «Файл» or «Фото» → the limits are shown → choose → «Отправить». */
export async function sendFile(page: Page, kind: 'Файл' | 'Фото', file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByRole('button', { name: 'Прикрепить' }).click();
  await page.getByRole('menuitem', { name: kind }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Размер файла — не больше');
  // «Место для файлов»: how much of the person's quota is taken, before they choose.
  await expect(dialog).toContainText(/Занято \d[\d,]* (Б|КБ|МБ) из 1 ГБ/);
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Отправить' }).click();
  await expect(dialog).toHaveCount(0);
}
