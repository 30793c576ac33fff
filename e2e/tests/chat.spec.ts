import { demo } from '../support/accounts.js';
import { withinBudget } from '../support/budget.js';
import { pickDateTime } from '../support/fields.js';
import { schoolInMenu } from '../support/flows.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import {
  closeAll, createClassChat, expectClean, history, personIn, say, sendFile, teacherAndStudent, tinyPng, uniqueName,
} from './chat-support.js';

// Issue 3, the guide's «Беседы с классом о предмете» and «Опросы», with two people in two browsers.
test.describe('chats', () => {
  test('i: the teacher creates the 7А chat as the guide says; the student sees it and they talk live', async ({ browser }, testInfo) => {
    const { teacher, student } = await teacherAndStudent(browser);
    const name = uniqueName('7А — Математика');

    // The student waits on «Сообщения»: the new chat must appear there without a reload.
    await student.page.getByRole('link', { name: /^Сообщения/ }).click();
    await expect(student.page.getByRole('heading', { name: 'Сообщения', level: 1 })).toBeVisible();

    await createClassChat(teacher.page, name);
    await shot(teacher.page, testInfo, '01-teacher-new-chat');
    // «Когда чат будет создан, вы сразу сможете написать в него».
    await say(teacher.page, 'Здравствуйте! Завтра контрольная по дробям.');

    const row = student.page.getByRole('link', { name: new RegExp(name) });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Завтра контрольная по дробям');
    // The left menu counts the unread message.
    await expect(student.page.getByRole('link', { name: /^Сообщения/ })).toContainText(/[1-9]/);
    await shot(student.page, testInfo, '02-student-list-unread');
    await row.click();
    await expect(history(student.page)).toContainText('Здравствуйте! Завтра контрольная по дробям.');
    await expect(history(student.page)).toContainText('Кузнецова Ирина Александровна');

    // Live, without a reload, both ways.
    await say(teacher.page, 'Повторите параграф 12, ссылка: https://example.org/drobi');
    await expect(history(student.page)).toContainText('Повторите параграф 12');
    await expect(history(student.page).getByRole('link', { name: 'https://example.org/drobi' })).toHaveAttribute('href', 'https://example.org/drobi');
    await student.page.getByRole('textbox', { name: 'Сообщение' }).fill('Хорошо, спасибо!');
    await expect(teacher.page.getByText(/печатает…/)).toBeVisible();
    await student.page.getByRole('textbox', { name: 'Сообщение' }).press('Enter');
    await expect(history(teacher.page)).toContainText('Хорошо, спасибо!');
    await expect(history(teacher.page)).toContainText('Волков Максим Андреевич');

    // A reply quotes; the author edits; «Удалить для всех» removes it on the other screen.
    const studentMsg = history(teacher.page).getByRole('listitem').filter({ hasText: 'Хорошо, спасибо!' });
    await studentMsg.getByRole('button', { name: 'Действия с сообщением' }).click();
    await teacher.page.getByRole('menuitem', { name: 'Ответить' }).click();
    await say(teacher.page, 'Отлично');
    await expect(history(student.page).getByRole('listitem').filter({ hasText: 'Отлично' })).toContainText('Хорошо, спасибо!');

    const mine = history(teacher.page).getByRole('listitem').filter({ hasText: 'Повторите параграф 12' });
    await mine.getByRole('button', { name: 'Действия с сообщением' }).click();
    await teacher.page.getByRole('menuitem', { name: 'Изменить' }).click();
    // As in a messenger, the text comes into the input; Enter saves it.
    const input = teacher.page.getByRole('textbox', { name: 'Сообщение' });
    await expect(input).toHaveValue('Повторите параграф 12, ссылка: https://example.org/drobi');
    await input.fill('Повторите параграф 13');
    await input.press('Enter');
    await expect(history(student.page)).toContainText('Повторите параграф 13');
    await expect(history(student.page)).toContainText('изменено');

    await history(teacher.page).getByRole('listitem').filter({ hasText: 'Повторите параграф 13' })
      .getByRole('button', { name: 'Действия с сообщением' }).click();
    await teacher.page.getByRole('menuitem', { name: 'Удалить для всех' }).click();
    await teacher.page.getByRole('dialog').getByRole('button', { name: 'Удалить для всех' }).click();
    await expect(history(student.page)).not.toContainText('Повторите параграф 13');
    await expect(history(student.page)).toContainText('Сообщение удалено');
    // A student may delete only their own messages: no «Удалить для всех» on the teacher's.
    await history(student.page).getByRole('listitem').filter({ hasText: 'Здравствуйте!' })
      .getByRole('button', { name: 'Действия с сообщением' }).click();
    await expect(student.page.getByRole('menuitem', { name: 'Ответить' })).toBeVisible();
    await expect(student.page.getByRole('menuitem', { name: 'Удалить для всех' })).toHaveCount(0);
    await student.page.keyboard.press('Escape');

    await shot(student.page, testInfo, '03-student-chat');
    await shot(teacher.page, testInfo, '04-teacher-chat');

    // «Главная» lists the chat (DASH-3); the class page lists it under «Чаты класса».
    await student.page.getByRole('link', { name: 'Главная', exact: true }).click();
    await expect(student.page.getByRole('region', { name: 'Мои чаты' })).toContainText(name);
    await shot(student.page, testInfo, '05-student-home');
    await schoolInMenu(teacher.page, 'Гимназия №1').click();
    await teacher.page.getByRole('link', { name: 'Классы', exact: true }).click();
    await teacher.page.getByRole('link', { name: /^7А/ }).first().click();
    await expect(teacher.page.getByRole('heading', { name: '7А', exact: true })).toBeVisible();
    await expect(teacher.page.getByRole('region', { name: 'Чаты класса' })).toContainText(name);
    await shot(teacher.page, testInfo, '06-teacher-class-page');
    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });

  test('ii: a photo is sent and previewed on the other screen; a document downloads', async ({ browser }, testInfo) => {
    const { teacher, student } = await teacherAndStudent(browser);
    const name = uniqueName('7А — Рисование');
    const chatPath = await createClassChat(teacher.page, name);
    await student.page.goto(chatPath);
    await expect(student.page.getByRole('heading', { level: 1, name })).toBeVisible();

    await sendFile(teacher.page, 'Фото', { name: 'doska.png', mimeType: 'image/png', buffer: tinyPng() });
    const preview = student.page.getByRole('img', { name: 'Изображение: doska.png' });
    await expect(preview).toBeVisible();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);

    await sendFile(teacher.page, 'Файл', { name: 'zadanie.txt', mimeType: 'text/plain', buffer: Buffer.from('Задание на дом') });
    const link = history(student.page).getByRole('link', { name: 'zadanie.txt' });
    await expect(link).toHaveAttribute('href', /^\/api\/files\/[0-9a-f-]+$/);

    // An executable is refused before upload, in Russian.
    await teacher.page.getByRole('button', { name: 'Прикрепить' }).click();
    await teacher.page.getByRole('menuitem', { name: 'Файл' }).click();
    await teacher.page.getByRole('dialog').locator('input[type=file]').setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await expect(teacher.page.getByRole('dialog')).toContainText('Такие файлы загружать нельзя');
    await shot(teacher.page, testInfo, '01-teacher-refused-exe');
    await teacher.page.keyboard.press('Escape');

    await shot(student.page, testInfo, '02-student-sees-photo');
    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });

  test('iii: a poll with every option set is voted on and the bars move on the other screen', async ({ browser }, testInfo) => {
    const { teacher, student } = await teacherAndStudent(browser);
    const name = uniqueName('7А — Классный час');
    const chatPath = await createClassChat(teacher.page, name);
    await student.page.goto(chatPath);
    await expect(student.page.getByRole('heading', { level: 1, name })).toBeVisible();

    await teacher.page.getByRole('button', { name: 'Прикрепить' }).click();
    await teacher.page.getByRole('menuitem', { name: 'Опрос' }).click();
    const dialog = teacher.page.getByRole('dialog', { name: 'Новый опрос' });
    await dialog.getByRole('textbox', { name: 'Тема опроса' }).fill('Куда поедем на экскурсию?');
    await dialog.getByRole('textbox', { name: 'Вариант 1' }).fill('Планетарий');
    await dialog.getByRole('textbox', { name: 'Вариант 2' }).fill('Музей космонавтики');
    await dialog.getByRole('button', { name: 'Добавить вариант' }).click();
    await dialog.getByRole('textbox', { name: 'Вариант 3' }).fill('Зоопарк');
    await dialog.getByRole('radio', { name: 'Зелёный' }).click();
    await expect(dialog.getByRole('radio', { name: 'Зелёный' })).toHaveAttribute('aria-checked', 'true');
    await dialog.getByRole('textbox', { name: 'Свой цвет' }).fill('#1f6f5c');
    await dialog.getByRole('checkbox', { name: 'Анонимный опрос' }).check();
    await dialog.getByRole('checkbox', { name: 'Выбор нескольких ответов' }).check();
    await dialog.getByRole('checkbox', { name: 'Запретить отмену голоса' }).check();
    // Tomorrow at 14:30 (the browser's zone is Moscow, as the test's clock reads it).
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    tomorrow.setHours(14, 30, 0, 0);
    await pickDateTime(teacher.page, 'Срок окончания', tomorrow);
    await shot(teacher.page, testInfo, '01-teacher-poll-form');
    await dialog.getByRole('button', { name: 'Прикрепить опрос' }).click();
    await expect(dialog).toHaveCount(0);

    const onStudent = student.page.getByRole('group', { name: 'Куда поедем на экскурсию?' });
    const onTeacher = teacher.page.getByRole('group', { name: 'Куда поедем на экскурсию?' });
    await expect(onStudent).toBeVisible();
    await expect(onStudent).toContainText('Анонимный');
    await expect(onStudent).toContainText('Голосование до');
    await expect(onStudent).toHaveCSS('background-color', 'rgb(31, 111, 92)');
    await expect(onTeacher.getByText('0 · 0%')).toHaveCount(3);

    // Several answers: tick two and vote; the teacher's bars move without a reload.
    await onStudent.getByRole('checkbox', { name: 'Планетарий' }).check();
    await onStudent.getByRole('checkbox', { name: 'Зоопарк' }).check();
    await onStudent.getByRole('button', { name: 'Проголосовать' }).click();
    await expect(onTeacher).toContainText('Проголосовал 1 человек');
    await expect(onTeacher.getByText('1 · 100%')).toHaveCount(2);
    await expect(onTeacher.getByRole('progressbar', { name: /Планетарий/ })).toHaveAttribute('aria-valuenow', '100');
    // «Запретить отмену голоса»: no way to take it back.
    await expect(onStudent.getByRole('button', { name: 'Отменить голос' })).toHaveCount(0);

    // The teacher votes too: the student's bars move.
    await onTeacher.getByRole('checkbox', { name: 'Музей космонавтики' }).check();
    await onTeacher.getByRole('button', { name: 'Проголосовать' }).click();
    await expect(onStudent).toContainText('Проголосовали 2 человека');
    await expect(onStudent.getByText('1 · 50%')).toHaveCount(3);
    await shot(student.page, testInfo, '02-student-poll-results');
    await shot(teacher.page, testInfo, '03-teacher-poll-results');
    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });

  test('iv: message texts and file names that look like script never run', async ({ browser }, testInfo) => {
    const { teacher, student } = await teacherAndStudent(browser);
    const name = uniqueName('<img src=x onerror=alert(1)>');
    const chatPath = await createClassChat(teacher.page, name);
    await student.page.goto(chatPath);
    await expect(student.page.getByRole('heading', { level: 1, name })).toBeVisible();

    const corpus = [
      '<img src=x onerror="window.__xss=1;alert(1)">',
      '<script>window.__xss=2;alert(2)</script>',
      '<a href="javascript:alert(3)">нажми</a>',
      'javascript:alert(4)',
      '"><svg onload=alert(5)>',
      "'><iframe src=javascript:alert(6)>",
      'https://example.org/"onmouseover="alert(7)',
    ];
    for (const text of corpus) await say(teacher.page, text);
    for (const text of corpus.slice(0, 6)) {
      await expect(history(student.page).getByText(text, { exact: true })).toBeVisible();
    }
    // Only http/https addresses are links; no javascript: href anywhere in the page.
    await expect(student.page.locator('a[href^="javascript:" i]')).toHaveCount(0);
    await expect(history(student.page).locator('img[src="x"], svg[onload], iframe, script')).toHaveCount(0);

    const names = ['"><svg onload=alert(8)>.txt', '<img src=x onerror=alert(9)>.txt', '<script>alert(10).txt'];
    for (const fileName of names) {
      await sendFile(teacher.page, 'Файл', { name: fileName, mimeType: 'text/plain', buffer: Buffer.from('x') });
      // Chromium sends a quote in a multipart file name as %22; the rest arrives and shows as typed.
      const shown = fileName.replace(/^"/, '');
      await expect(history(student.page).getByRole('link', { name: new RegExp(`${escapeRegExp(shown)}$`) })).toBeVisible();
    }
    // Hovering and clicking the texts does nothing either.
    await history(student.page).getByText(corpus[6] ?? '', { exact: false }).first().hover();
    await history(student.page).getByText('нажми', { exact: false }).first().click();

    expect(await student.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await teacher.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await shot(student.page, testInfo, '01-student-xss-corpus');
    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test.describe('chats of a school and between two people', () => {
  test('v: the administrator creates a public chat, the student joins it; «Написать» opens a personal chat', async ({ browser }, testInfo) => {
    const admin = await personIn(browser, demo.admin);
    const student = await personIn(browser, demo.student);
    const name = uniqueName('Школьный совет');

    await schoolInMenu(admin.page, 'Гимназия №1').click();
    await admin.page.getByRole('link', { name: 'Публичные чаты', exact: true }).click();
    await admin.page.getByRole('button', { name: 'Создать публичный чат' }).click();
    await admin.page.getByRole('dialog').getByRole('textbox', { name: 'Название чата' }).fill(name);
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Создать чат' }).click();
    await expect(admin.page.getByRole('heading', { level: 1, name })).toBeVisible();
    await say(admin.page, 'Добро пожаловать в совет!');

    await schoolInMenu(student.page, 'Гимназия №1').click();
    await student.page.getByRole('link', { name: 'Публичные чаты', exact: true }).click();
    const row = student.page.getByRole('listitem').filter({ hasText: name });
    await expect(row).toBeVisible();
    // Students do not create public chats.
    await expect(student.page.getByRole('button', { name: 'Создать публичный чат' })).toHaveCount(0);
    await shot(student.page, testInfo, '01-student-public-chats');
    await row.getByRole('button', { name: 'Вступить' }).click();
    await expect(student.page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(history(student.page)).toContainText('Добро пожаловать в совет!');
    await say(student.page, 'Спасибо!');
    await expect(history(admin.page)).toContainText('Спасибо!');

    // «Контакты» → «Написать» beside the teacher: a 1:1 chat named after her.
    await student.page.getByRole('link', { name: 'Контакты', exact: true }).click();
    await student.page.getByRole('button', { name: /^Написать: Кузнецова/ }).click();
    await expect(student.page.getByRole('heading', { level: 1, name: /Кузнецова/ })).toBeVisible();
    await expect(student.page.getByText('Личный чат')).toBeVisible();
    await say(student.page, 'Ирина Александровна, можно вопрос по задаче?');
    await shot(student.page, testInfo, '02-student-personal-chat');
    await expectClean(admin, student);
    await closeAll(admin, student);
  });
});

test.describe('a long chat', () => {
  test('vi: history scrolls back page by page, in order; the chat fits a 375 px phone', async ({ browser }, testInfo) => {
    const { teacher, student } = await teacherAndStudent(browser);
    const name = uniqueName('7А — История');
    const chatPath = await createClassChat(teacher.page, name);
    const chatId = chatPath.split('/').pop() ?? '';
    // 70 messages through the API (the same endpoint the page falls back to): more than one page of 50. Faster than the
    // school's flood limit lets one person write in one chat (SAFE-1: 20 a minute), so the administration raises it
    // for the seeding and puts it back after.
    const admin = await personIn(browser, demo.admin);
    const { schoolId } = ((await (await teacher.page.request.get(`/api/chats/${chatId}`)).json()) as { data: { schoolId: string } }).data;
    const limit = (perMinute: number) => admin.page.request.put(`/api/schools/${schoolId}/safety`, { data: { messagesPerMinute: perMinute } });
    expect((await limit(100)).status()).toBe(200);
    for (let i = 1; i <= 70; i++) {
      const res = await withinBudget(() =>
        teacher.page.request.post(`/api/chats/${chatId}/messages`, {
          data: { clientId: `history-${chatId}-${i}`, text: `Сообщение номер ${i}.` },
        }),
      );
      expect(res.status()).toBe(201);
    }
    expect((await limit(20)).status()).toBe(200);

    await student.page.goto(chatPath);
    const list = history(student.page);
    await expect(list.getByText('Сообщение номер 70.', { exact: true })).toBeVisible();
    await expect(list.getByText('Сообщение номер 1.', { exact: true })).toHaveCount(0);
    // Scrolling to the top brings the older page, keeping the order.
    await list.evaluate((el) => el.scrollTo(0, 0));
    await expect(list.getByText('Сообщение номер 1.', { exact: true })).toBeAttached();
    const numbers = await list.locator('.parta-message-text').allTextContents();
    expect(numbers).toEqual(Array.from({ length: 70 }, (_, i) => `Сообщение номер ${i + 1}.`));

    await student.page.setViewportSize({ width: 375, height: 812 });
    await expect(list.getByText('Сообщение номер 70.', { exact: true })).toBeAttached();
    await expectNoHorizontalScroll(student.page);
    await shot(student.page, testInfo, '01-student-phone');
    await expectClean(teacher, student, admin);
    await closeAll(teacher, student, admin);
  });
});
