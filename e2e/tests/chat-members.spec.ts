import { expect } from '@playwright/test';
import { demo, randomPhone } from '../support/accounts.js';
import { createAccountViaApi } from '../support/api.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { cyrillicTag } from '../support/names.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { test } from '../support/test.js';
import { closeAll, createClassChat, expectClean, history, type Person, personIn, say, sendFile, tinyPng, uniqueName } from './chat-support.js';

/** A new account of our own (the demo's students stay as other specs expect them), signed in in its own browser. */
async function newStudent(browser: Parameters<typeof personIn>[0]): Promise<{ person: Person; lastName: string }> {
  const phone = randomPhone();
  const lastName = `Новикова-${cyrillicTag(4)}`;
  await createAccountViaApi({ phone, password: 'late-student-pass-1', firstName: 'Алиса', lastName });
  return { person: await personIn(browser, phone, { password: 'late-student-pass-1' }), lastName };
}

test.describe('class chats follow the class; the members screen', () => {
  test('a student who joins 7А after its chat was made is in it live and reads its history; the teacher runs the members screen; the administrator sees the photo and downloads the file', async ({ browser }, testInfo) => {
    test.setTimeout(240_000);
    const teacher = await personIn(browser, demo.teacher);
    const admin = await personIn(browser, demo.admin);
    const name = uniqueName('7А — Биология');
    const chatPath = await createClassChat(teacher.page, name);
    const chatId = chatPath.split('/').pop() ?? '';
    await say(teacher.page, 'Завтра контрольная по главе 3.');
    await sendFile(teacher.page, 'Фото', { name: 'доска.png', mimeType: 'image/png', buffer: tinyPng() });
    await sendFile(teacher.page, 'Файл', { name: 'задание.txt', mimeType: 'text/plain', buffer: Buffer.from('Упражнения 1–5\n') });
    const details = (await (await teacher.page.request.get(`/api/chats/${chatId}`)).json()) as { data: { schoolId: string; classId: string } };

    // A new student, signed in, with «Сообщения» open: nothing yet.
    const { person: late, lastName } = await newStudent(browser);
    await late.page.goto('/chats');
    await expect(late.page.getByRole('link', { name: new RegExp(name) })).toHaveCount(0);

    // The administration's invitation to 7А; she accepts it (from the same browser, so the open page is the one that must update).
    const invite = await admin.page.request.post(`/api/schools/${details.data.schoolId}/invites`, {
      data: { role: 'student', classId: details.data.classId },
    });
    expect(invite.status()).toBe(201);
    const { token } = ((await invite.json()) as { data: { token: string } }).data;
    const accepted = await late.page.request.post(`/api/invites/${token}/accept`, { data: {} });
    expect(accepted.status()).toBe(200);

    // Without a reload the chat appears in her list; she opens it and reads what was written before she came.
    const row = late.page.getByRole('link', { name: new RegExp(name) });
    await expect(row).toBeVisible({ timeout: 15_000 });
    await row.click();
    await expect(late.page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(history(late.page).getByText('Завтра контрольная по главе 3.')).toBeVisible();
    // And what is written now arrives live.
    await say(teacher.page, 'Алиса, добро пожаловать в чат класса!');
    await expect(history(late.page).getByText('Алиса, добро пожаловать в чат класса!')).toBeVisible();
    await say(late.page, 'Спасибо!');
    await expect(history(teacher.page).getByText('Спасибо!')).toBeVisible();

    // The teacher opens the members screen from the header.
    const page = teacher.page;
    await page.getByRole('button', { name: /^Участники чата: \d+ участник/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Участники чата' });
    await expect(drawer).toBeVisible();
    const members = drawer.getByTestId('chat-member');
    await expect(members.filter({ hasText: lastName })).toBeVisible();
    await expect(members.filter({ hasText: 'Кузнецова' }).getByText('Владелец')).toBeVisible();
    await expect(drawer.getByRole('checkbox', { name: 'Добавлять новых учеников класса' })).toBeChecked();
    await shot(page, testInfo, '01-members-1280');
    await expectNoA11yViolations(page, '[role="dialog"]');

    // Make the new student a moderator.
    await members.filter({ hasText: lastName }).getByRole('button', { name: /^Действия:/ }).click();
    await page.getByRole('menuitem', { name: 'Сделать модератором' }).click();
    await expect(members.filter({ hasText: lastName }).getByText('Модератор')).toBeVisible();

    // Remove Волков, then add him back from the class.
    await members.filter({ hasText: 'Волков' }).getByRole('button', { name: /^Действия:/ }).click();
    await page.getByRole('menuitem', { name: 'Удалить из чата' }).click();
    await expect(members.filter({ hasText: 'Волков' })).toHaveCount(0);
    const add = drawer.getByRole('combobox', { name: 'Добавить участников' });
    await add.click();
    await page.getByRole('option', { name: /Волков/ }).click();
    await page.keyboard.press('Escape');
    await drawer.getByRole('button', { name: 'Добавить', exact: true }).click();
    await expect(members.filter({ hasText: 'Волков' })).toBeVisible();

    // Rename: the header shows the new name.
    const renamed = uniqueName('7А — Биология и химия');
    await drawer.getByRole('textbox', { name: 'Название чата' }).fill(renamed);
    await drawer.getByRole('button', { name: 'Переименовать' }).click();
    await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
    // The student's open chat hears the rename too.
    await expect(late.page.getByRole('heading', { level: 1, name: renamed })).toBeVisible({ timeout: 15_000 });

    // At phone width the members screen fits.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(drawer).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, testInfo, '02-members-390');
    await expectNoA11yViolations(page, '[role="dialog"]');

    // The new moderator sees the screen without the right to appoint: no «Сделать модератором».
    await late.page.setViewportSize({ width: 390, height: 844 });
    await late.page.getByRole('button', { name: /^Участники чата: \d+ участник/ }).click();
    const lateDrawer = late.page.getByRole('dialog', { name: 'Участники чата' });
    await lateDrawer.getByTestId('chat-member').filter({ hasText: 'Волков' }).getByRole('button', { name: /^Действия:/ }).click();
    await expect(late.page.getByRole('menuitem', { name: 'Удалить из чата' })).toBeVisible();
    await expect(late.page.getByRole('menuitem', { name: 'Сделать модератором' })).toHaveCount(0);
    await late.page.keyboard.press('Escape');
    await shot(late.page, testInfo, '03-moderator-390');

    // The administrator, not a member, reviews the chat: the photo is loaded and the file downloads.
    await admin.page.goto(chatPath);
    await expect(admin.page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
    const photo = history(admin.page).getByRole('img', { name: 'Изображение: доска.png' });
    await expect(photo).toBeVisible();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const [download] = await Promise.all([
      admin.page.waitForEvent('download'),
      history(admin.page).getByRole('link', { name: 'задание.txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('задание.txt');
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('Упражнения 1–5\n');
    await shot(admin.page, testInfo, '04-admin-review-1280');

    // She leaves the class: the administrator takes her out on the class page (asked first); her «Сообщения»
    // loses the chat without a reload.
    await late.page.goto('/chats');
    await expect(late.page.getByRole('link', { name: new RegExp(renamed) })).toBeVisible();
    await admin.page.goto(`/classes/${details.data.classId}`);
    // «Чаты класса» lists the chat for the administration too, though she is not in it.
    await expect(admin.page.getByRole('region', { name: 'Чаты класса' }).getByRole('link', { name: new RegExp(renamed) })).toBeVisible();
    await admin.page.getByRole('button', { name: new RegExp(`^Исключить из класса: ${lastName}`) }).click();
    const confirm = admin.page.getByRole('dialog', { name: 'Исключить ученика из класса?' });
    await expect(confirm).toContainText('покинет все чаты класса');
    await expectNoA11yViolations(admin.page, '[role="dialog"]');
    await shot(admin.page, testInfo, '05-admin-remove-student-1280');
    await confirm.getByRole('button', { name: 'Исключить', exact: true }).click();
    await expect(confirm).toHaveCount(0);
    await expect(admin.page.getByRole('button', { name: new RegExp(`^Исключить из класса: ${lastName}`) })).toHaveCount(0);
    await expect(late.page.getByRole('link', { name: new RegExp(renamed) })).toHaveCount(0, { timeout: 15_000 });
    expect((await late.page.request.get(`/api/chats/${chatId}`)).status()).toBe(404);

    await expectClean(teacher, admin, late);
    await closeAll(teacher, admin, late);
  });
});
