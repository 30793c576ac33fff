import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/test.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { schoolInMenu } from '../support/flows.js';
import { expectNoLatin } from '../support/latin.js';
import { cyrillicTag } from '../support/names.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { closeAll, expectClean, teacherAndStudent } from './chat-support.js';

// Issue 13, homework (HW-1): the teacher of 7А gives an assignment with a file from the class page, the student hands
// it in from a phone (390 px), the teacher marks it and the student sees the mark appear without a reload; the
// journal's table downloads with the right Cyrillic. The demo teacher (Кузнецова, mathematics in 7А) and student
// (Волков) of the shared demo school; the assignment's title is unique to the run.

async function toPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

/** A title unique to the run, in Cyrillic letters and digits: the screens are read for Latin words. */
function uniqueTitle(prefix: string): string {
  return `${prefix} ${cyrillicTag(4)}${Math.floor(Math.random() * 100)}`;
}

const pdf = (name: string, text: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${text}\n`) });

test.describe('issue 13: homework', () => {
  test('a teacher gives homework with a file, a student hands it in from the phone, the mark appears live, the journal downloads', async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const { teacher, student } = await teacherAndStudent(browser);
    const title = uniqueTitle('Дроби: задачи 1–5');

    // The teacher: «Моя школа» → «Классы» → 7А → «Дать задание».
    const t = teacher.page;
    await schoolInMenu(t, 'Гимназия №1').click();
    await t.getByRole('link', { name: 'Классы', exact: true }).click();
    await t.getByRole('link', { name: /^7А/ }).first().click();
    await t.getByRole('link', { name: 'Дать задание' }).click();
    await expect(t.getByRole('heading', { level: 1, name: 'Новое задание' })).toBeVisible();
    await expect(t.getByRole('combobox', { name: 'Предмет' })).toHaveValue('Математика');
    await t.getByRole('textbox', { name: 'Название' }).fill(title);
    const editor = t.getByRole('textbox', { name: 'Текст задания' });
    await editor.click();
    await editor.pressSequentially('Решите задачи из учебника');
    // The form's own file field (the editor has another, for pictures in the text).
    await t.locator('input[type=file]:not([data-testid=editor-image-input])').setInputFiles(pdf('задачи.pdf', 'задачи'));
    await expect(t.getByText('задачи.pdf')).toBeVisible();
    await expectNoA11yViolations(t);
    await expectNoLatin(t, 'Новое задание');
    await shot(t, testInfo, '01-teacher-new-assignment-1280');
    await t.getByRole('button', { name: 'Выдать задание' }).click();
    await expect(t.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(t.getByRole('link', { name: 'задачи.pdf' })).toBeVisible();
    const row = t.getByRole('group', { name: 'Волков Максим Андреевич' });
    await expect(row).toContainText('Не сдано');

    // The student, still on «Главная»: the badge on «Задания» appears by itself.
    const s = student.page;
    const menu = s.getByRole('navigation', { name: 'Главное меню' });
    await expect(menu.getByRole('link', { name: /Задания/ }).getByLabel(/Новое в заданиях/)).toBeVisible();
    await toPhone(s);
    await s.getByRole('button', { name: 'Открыть меню' }).click();
    await menu.getByRole('link', { name: /Задания/ }).click();
    await expect(s.getByRole('heading', { level: 1, name: 'Задания' })).toBeVisible();
    await expect(s.getByRole('link', { name: new RegExp(title) })).toBeVisible();
    await expectNoHorizontalScroll(s);
    await expectNoA11yViolations(s);
    await expectNoLatin(s, 'Задания ученика');
    await shot(s, testInfo, '02-student-homework-390');
    await s.getByRole('link', { name: new RegExp(title) }).click();
    await expect(s.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(s.getByText('Решите задачи из учебника')).toBeVisible();
    const download = s.waitForEvent('download');
    await s.getByRole('link', { name: 'задачи.pdf' }).click();
    expect((await download).suggestedFilename()).toBe('задачи.pdf');

    // Hands in text and a file: on time.
    await s.getByRole('textbox', { name: 'Ответ' }).fill('1) 3/4; 2) 5/6; 3) 1 1/2');
    await s.locator('input[type=file]').setInputFiles(pdf('решение.pdf', 'решение'));
    await expect(s.getByText('решение.pdf')).toBeVisible();
    await s.getByRole('button', { name: 'Сдать работу' }).click();
    await expect(s.getByText(/^Сдано /)).toBeVisible();
    await expect(s.getByText('Сдано с опозданием')).toHaveCount(0);
    await expect(s.getByRole('button', { name: 'Забрать работу' })).toBeVisible();
    await expectNoHorizontalScroll(s);
    await expectNoA11yViolations(s);
    await shot(s, testInfo, '03-student-handed-in-390');

    // The teacher's table shows it (live), with the file; the mark and a comment.
    await expect(row).toContainText(/Сдано /);
    await expect(row.getByRole('link', { name: 'решение.pdf' })).toBeVisible();
    await row.getByRole('combobox', { name: 'Оценка: Волков Максим Андреевич' }).click();
    await t.getByRole('option', { name: '5', exact: true }).click();
    await row.getByRole('textbox', { name: 'Комментарий: Волков Максим Андреевич' }).fill('Отлично, без ошибок');
    await row.getByRole('button', { name: 'Поставить оценку' }).click();
    await expect(row.getByTestId('mark')).toContainText('5');
    await expectNoA11yViolations(t);
    await expectNoLatin(t, 'Работы учеников');
    await shot(t, testInfo, '04-teacher-marked-1280');

    // The student sees the mark appear without reloading; the work can no longer be taken back.
    const mark = s.getByTestId('mark');
    await expect(mark).toContainText('5');
    await expect(mark).toContainText('Отлично, без ошибок');
    await expect(s.getByRole('button', { name: 'Забрать работу' })).toHaveCount(0);
    await expectNoA11yViolations(s);
    await expectNoLatin(s, 'Оценка ученика');
    await shot(s, testInfo, '05-student-mark-live-390');

    // «Журнал»: the table, and its download with the right Cyrillic.
    await t.getByRole('link', { name: 'Журнал' }).click();
    await expect(t.getByRole('heading', { level: 1, name: 'Журнал 7А' })).toBeVisible();
    const volkov = t.getByRole('row', { name: /Волков Максим Андреевич/ });
    await expect(volkov).toContainText('5');
    await expectNoA11yViolations(t);
    await expectNoLatin(t, 'Журнал');
    await shot(t, testInfo, '06-journal-1280');
    const csvDownload = t.waitForEvent('download');
    await t.getByRole('link', { name: 'Скачать таблицу' }).click();
    const file = await csvDownload;
    expect(file.suggestedFilename()).toBe('Журнал 7А Математика.csv');
    const csv = await readFile((await file.path()) ?? '', 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    const header = lines[0]?.split(';') ?? [];
    expect(header[0]).toBe('Ученик');
    expect(header.at(-1)).toBe('Средний балл');
    const column = header.findIndex((h) => h.startsWith(title));
    expect(column, header.join(' | ')).toBeGreaterThan(0);
    const line = lines.find((l) => l.startsWith('Волков Максим Андреевич'))?.split(';') ?? [];
    expect(line[column]).toBe('5');

    await toPhone(t);
    await expectNoHorizontalScroll(t);
    await shot(t, testInfo, '07-journal-390');

    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });
});
