import type { Page } from '@playwright/test';
import { demo, randomPhone } from '../support/accounts.js';
import { createAccountViaApi } from '../support/api.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { schoolInMenu } from '../support/flows.js';
import { expectNoLatin } from '../support/latin.js';
import { cyrillicTag } from '../support/names.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, createClassChat, expectClean, history, personIn, say } from './chat-support.js';

// Issue 14, items 5 and 7 (SAFE-1): a student of 7А reports an insulting message from her phone (390 px); the
// administrator (1280) opens «Жалобы», sees the message in its conversation, hides it and bans its author from the chat
// for an hour in one decision; the message turns into «Сообщение скрыто администрацией» for everyone at once, the
// author's next message is refused with «Вам запрещено писать в этом чате до …» (the text kept), the reporter sees the
// outcome in «Мои жалобы», and «Журнал действий» lists each action. The demo school's teacher, student and
// administrator, and a new student of our own as the author (the demo's students stay as other specs expect them).

async function toPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

test.describe('issue 14: reports, moderation and the audit log', () => {
  test('a student reports an insult; the administrator hides it and bans the author for an hour; the ban refuses the next message; the reporter sees the outcome; the log lists it all', async ({ browser }, testInfo) => {
    test.setTimeout(240_000);
    const teacher = await personIn(browser, demo.teacher);
    const admin = await personIn(browser, demo.admin);
    const name = `7А — Классный час ${cyrillicTag(5)}`;
    const chatPath = await createClassChat(teacher.page, name);
    const chatId = chatPath.split('/').pop() ?? '';
    const details = (await (await teacher.page.request.get(`/api/chats/${chatId}`)).json()) as { data: { schoolId: string; classId: string } };

    // The author: a new student of 7А by the administration's invitation.
    const phone = randomPhone();
    const lastName = `Грубов-${cyrillicTag(4)}`;
    await createAccountViaApi({ phone, password: 'bully-student-pass-1', firstName: 'Пётр', lastName });
    const bully = await personIn(browser, phone, { password: 'bully-student-pass-1' });
    const invite = await admin.page.request.post(`/api/schools/${details.data.schoolId}/invites`, {
      data: { role: 'student', classId: details.data.classId },
    });
    expect(invite.status()).toBe(201);
    const { token } = ((await invite.json()) as { data: { token: string } }).data;
    expect((await bully.page.request.post(`/api/invites/${token}/accept`, { data: {} })).status()).toBe(200);
    const insult = `Волков, ты тупой ${cyrillicTag(3)}`;
    await bully.page.goto(chatPath);
    await say(bully.page, insult);

    // The reporter, on her phone: the message's «…» → «Пожаловаться» → «Оскорбления» → «Отправить жалобу».
    const student = await personIn(browser, demo.student);
    const s = student.page;
    await toPhone(s);
    await s.goto(chatPath);
    const message = history(s).getByRole('listitem').filter({ hasText: insult });
    await expect(message).toBeVisible();
    await message.getByRole('button', { name: 'Действия с сообщением' }).click();
    await s.getByRole('menuitem', { name: 'Пожаловаться' }).click();
    const dialog = s.getByRole('dialog', { name: 'Пожаловаться' });
    await dialog.getByRole('radio', { name: 'Оскорбления' }).check();
    await dialog.getByRole('textbox', { name: 'Что случилось (необязательно)' }).fill('Обзывается в чате класса');
    await expectNoA11yViolations(s);
    await expectNoLatin(s, 'Пожаловаться');
    await shot(s, testInfo, '01-student-report-390');
    await dialog.getByRole('button', { name: 'Отправить жалобу' }).click();
    await expect(dialog.getByText('Спасибо, администрация посмотрит')).toBeVisible();
    await dialog.getByRole('button', { name: 'Закрыть', exact: true }).last().click();

    // The administrator: «Моя школа» → «Жалобы» (with its badge) → the report, in its conversation.
    const a = admin.page;
    await schoolInMenu(a, 'Гимназия №1').click();
    const reportsLink = a.getByRole('link', { name: /^Жалобы/ }).first();
    await expect(reportsLink.getByLabel(/новая жалоба|новые жалобы|новых жалоб/)).toBeVisible();
    await reportsLink.click();
    await expect(a.getByRole('heading', { level: 1, name: 'Жалобы' })).toBeVisible();
    const card = a.getByRole('listitem').filter({ hasText: insult });
    await expect(card).toContainText('Оскорбления');
    await expect(card).toContainText(`На кого: ${lastName} Пётр`);
    await expectNoA11yViolations(a);
    await expectNoLatin(a, 'Жалобы');
    await shot(a, testInfo, '02-admin-reports-1280');
    await card.getByRole('link', { name: 'Открыть' }).click();
    await expect(a.getByText('Переписка вокруг сообщения')).toBeVisible();
    await expect(a.locator('[data-reported]')).toContainText(insult);
    await a.getByRole('checkbox', { name: 'Скрыть' }).check();
    await a.getByRole('checkbox', { name: 'Запретить писать в чате' }).check();
    await expect(a.getByRole('radio', { name: 'на 1 час' })).toBeChecked();
    await expectNoA11yViolations(a);
    await expectNoLatin(a, 'Жалоба');
    await shot(a, testInfo, '03-admin-decision-1280');
    await a.getByRole('button', { name: 'Применить' }).click();
    await expect(a.getByRole('status').filter({ hasText: 'Решение: скрыто, запрет писать' })).toBeVisible();

    // Everyone in the chat sees the message hidden, without a reload.
    await expect(history(s).getByText('Сообщение скрыто администрацией')).toBeVisible();
    await expect(history(s).getByText(insult)).toHaveCount(0);
    await expect(history(bully.page).getByText('Сообщение скрыто администрацией')).toBeVisible();

    // The author's next message is refused, saying until when; its text stays to be sent again.
    await bully.page.getByRole('textbox', { name: 'Сообщение' }).fill('А я всё равно напишу');
    await bully.page.getByRole('textbox', { name: 'Сообщение' }).press('Enter');
    const refusal = history(bully.page).getByRole('alert');
    await expect(refusal).toContainText('Не отправлено: Вам запрещено писать в этом чате до');
    await expect(history(bully.page).getByText('А я всё равно напишу')).toBeVisible();
    await expectNoLatin(bully.page, 'Запрет писать');
    await shot(bully.page, testInfo, '04-author-banned-1280');
    // Nobody else received it.
    await expect(history(s).getByText('А я всё равно напишу')).toHaveCount(0);

    // The reporter: photo menu → «Мои жалобы»: decided, hidden and banned.
    await s.getByRole('button', { name: /^Профиль/ }).click();
    await s.getByRole('menuitem', { name: 'Мои жалобы' }).click();
    await expect(s.getByRole('heading', { level: 1, name: 'Мои жалобы' })).toBeVisible();
    const mine = s.getByRole('listitem').filter({ hasText: insult });
    await expect(mine).toContainText('Рассмотрена: скрыто, запрет писать');
    await expectNoHorizontalScroll(s);
    await expectNoA11yViolations(s);
    await expectNoLatin(s, 'Мои жалобы');
    await shot(s, testInfo, '05-student-my-reports-390');

    // «Журнал действий»: the invitation, the hidden message, the write ban and the decision, each by the administrator.
    await a.goto(`/schools/${details.data.schoolId}/audit`);
    await expect(a.getByRole('heading', { level: 1, name: 'Журнал действий' })).toBeVisible();
    const table = a.getByRole('table', { name: 'Журнал действий' });
    for (const kind of ['Сообщение скрыто', 'Запрет писать в чате', 'Жалоба рассмотрена', 'Создано приглашение']) {
      await expect(table.getByRole('row').filter({ hasText: kind }).first()).toContainText('Смирнова Елена');
    }
    await expect(table.getByRole('row').filter({ hasText: 'Запрет писать в чате' }).first()).toContainText(`${lastName} Пётр`);
    await expect(table.getByRole('row').filter({ hasText: 'Запрет писать в чате' }).first()).toContainText(`чат «${name}»`);
    await expectNoA11yViolations(a);
    await expectNoLatin(a, 'Журнал действий');
    await shot(a, testInfo, '06-admin-audit-1280');
    // Filtered by kind; and the table downloads as CSV with a BOM.
    await a.getByRole('combobox', { name: 'Действие' }).click();
    await a.getByRole('option', { name: 'Запрет писать в чате' }).click();
    await expect(table.getByRole('row').filter({ hasText: 'Сообщение скрыто' })).toHaveCount(0);
    const download = a.waitForEvent('download');
    await a.getByRole('link', { name: 'Скачать таблицу' }).click();
    const csv = await (await download).path();
    const { readFile } = await import('node:fs/promises');
    const body = await readFile(csv, 'utf8');
    expect(body.startsWith('\uFEFFКогда;Кто;Действие;Кого касается;Подробности;IP-адрес')).toBe(true);
    expect(body).toContain(';Запрет писать в чате;');
    // The phone: the log as cards.
    await toPhone(a);
    await expect(a.getByRole('list', { name: 'Журнал действий' }).getByRole('listitem').first()).toBeVisible();
    await expectNoHorizontalScroll(a);
    await shot(a, testInfo, '07-admin-audit-390');

    await expectClean(teacher, admin, bully, student);
    await closeAll(teacher, admin, bully, student);
  });
});
