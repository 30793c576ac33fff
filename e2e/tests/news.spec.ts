import type { Locator, Page } from '@playwright/test';
import { demo } from '../support/accounts.js';
import { schoolInMenu } from '../support/flows.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, expectClean, personIn, tinyPng, uniqueName } from './chat-support.js';

// Issue 5, item 5: «Новости школы» — «Новости в канале школы и закрытой группе» (NEWS-1, NEWS-2).

/** The school's right-hand menu (wide screens). */
function schoolMenu(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Меню школы' }).first();
}

async function openFeed(page: Page, item: 'Новости школы' | 'Сообщество'): Promise<void> {
  await schoolInMenu(page, 'Гимназия №1').click();
  await schoolMenu(page).getByRole('link', { name: new RegExp(`^${item}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: item })).toBeVisible();
}

function postWith(page: Page, text: string): Locator {
  return page.getByRole('article').filter({ hasText: text });
}

async function publish(page: Page, text: string, photo?: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByRole('textbox', { name: 'Текст записи' }).fill(text);
  if (photo) {
    await page.getByRole('button', { name: 'Прикрепить' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('menuitem', { name: 'Фото' }).click();
    await (await chooser).setFiles(photo);
    await expect(page.getByRole('form', { name: 'Новая запись' })).toContainText(photo.name);
  }
  const button = page.getByRole('button', { name: 'Опубликовать' });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(page.getByRole('textbox', { name: 'Текст записи' })).toHaveValue('');
  await expect(postWith(page, text)).toBeVisible();
}

test.describe('school news', () => {
  test('the administration posts news with a photo; the student sees it arrive live as «Новое»; the community talks', async ({ browser }, testInfo) => {
    const admin = await personIn(browser, demo.admin);
    const student = await personIn(browser, demo.student);
    const teacher = await personIn(browser, demo.teacher);

    // The student keeps the channel open: the demo's news are there, already read; no composer for a student.
    await openFeed(student.page, 'Новости школы');
    await expect(postWith(student.page, 'родительское собрание')).toBeVisible();
    await expect(postWith(student.page, 'родительское собрание').getByText('Новое', { exact: true })).toHaveCount(0);
    await expect(student.page.getByRole('button', { name: 'Опубликовать' })).toHaveCount(0);

    // The administrator writes news with a link and a photo.
    const news = uniqueName('Завтра субботник во дворе школы, форма одежды спортивная. Подробности: https://example.org/subbotnik');
    await openFeed(admin.page, 'Новости школы');
    await publish(admin.page, news, { name: 'субботник.png', mimeType: 'image/png', buffer: tinyPng() });
    await shot(admin.page, testInfo, '01-admin-channel-1280');

    // Live on the student's open channel, marked «Новое», the photo previewed and the link safe.
    const arrived = postWith(student.page, news);
    await expect(arrived).toBeVisible();
    await expect(arrived.getByText('Новое', { exact: true })).toBeVisible();
    await expect(arrived.getByRole('link', { name: 'https://example.org/subbotnik' })).toHaveAttribute('rel', /noopener/);
    const img = arrived.getByRole('img', { name: /субботник\.png/ });
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    // Newest first: above the demo's older news.
    await expect(student.page.getByRole('article').first()).toContainText(news);
    await shot(student.page, testInfo, '02-student-channel-new-1280');

    // The teacher, still on «Главная» since signing in, is shown the unread news there, live.
    const homeNews = teacher.page.getByRole('region', { name: /^Новости школы/ });
    await expect(homeNews).toContainText(news.slice(0, 40));
    await shot(teacher.page, testInfo, '02b-teacher-home-1280');

    // Read now: after a reload it is no longer new, and the menu counts nothing unread in the channel.
    await student.page.reload();
    await expect(postWith(student.page, news)).toBeVisible();
    await expect(postWith(student.page, news).getByText('Новое', { exact: true })).toHaveCount(0);
    await expect(schoolMenu(student.page).getByRole('link', { name: /^Новости школы/ })).toHaveText('Новости школы');

    // The community: the teacher posts; the student's menu counts it live while on the channel.
    const question = uniqueName('Кто хочет в команду на олимпиаду по математике?');
    await openFeed(teacher.page, 'Сообщество');
    await publish(teacher.page, question);
    await expect(schoolMenu(student.page).getByRole('link', { name: /^Сообщество/ })).toContainText('1');
    // The left menu counts it too, beside «Моя школа».
    await expect(student.page.getByRole('navigation', { name: 'Главное меню' }).getByRole('link', { name: /^Моя школа/ })).toContainText('1');

    // The student posts in the community too, and the teacher comments on it.
    await schoolMenu(student.page).getByRole('link', { name: /^Сообщество/ }).click();
    await expect(postWith(student.page, question).getByText('Новое', { exact: true })).toBeVisible();
    await expect(schoolMenu(student.page).getByRole('link', { name: /^Сообщество/ })).toHaveText('Сообщество');
    await expect(student.page.getByRole('navigation', { name: 'Главное меню' }).getByRole('link', { name: /^Моя школа/ })).toHaveText('Моя школа');
    const idea = uniqueName('Предлагаю после уроков решать задачи прошлых лет');
    await publish(student.page, idea);
    await shot(student.page, testInfo, '03-student-community-1280');

    await expect(postWith(teacher.page, idea)).toBeVisible();
    await postWith(teacher.page, idea).getByRole('link', { name: 'Комментировать' }).click();
    await expect(teacher.page.getByRole('heading', { level: 1, name: 'Сообщество' })).toBeVisible();
    await teacher.page.getByRole('textbox', { name: 'Комментарий' }).fill('Отличная идея, начнём в среду в 15:00.');
    await teacher.page.getByRole('button', { name: 'Отправить' }).click();
    await expect(teacher.page.getByRole('list', { name: 'Комментарии' })).toContainText('Отличная идея, начнём в среду');
    const permalink = teacher.page.url();

    // On the student's feed the count of comments appears live; the post's page shows the comment.
    await expect(postWith(student.page, idea)).toContainText('1 комментарий');
    await postWith(student.page, idea).getByRole('link', { name: '1 комментарий' }).click();
    await expect(student.page).toHaveURL(permalink);
    await expect(student.page.getByRole('list', { name: 'Комментарии' })).toContainText('Кузнецова Ирина Александровна');
    await shot(student.page, testInfo, '04-student-post-1280');

    // A phone: the channel and a post fit 375 px.
    await student.page.setViewportSize({ width: 375, height: 800 });
    await student.page.reload();
    await expect(student.page.getByRole('list', { name: 'Комментарии' })).toContainText('Отличная идея');
    await expectNoHorizontalScroll(student.page);
    await shot(student.page, testInfo, '05-student-post-375');
    await student.page.goto(new URL(admin.page.url()).pathname);
    await expect(postWith(student.page, news)).toBeVisible();
    await expectNoHorizontalScroll(student.page);
    await shot(student.page, testInfo, '06-student-channel-375');
    await admin.page.setViewportSize({ width: 375, height: 800 });
    await admin.page.reload();
    await expect(postWith(admin.page, news)).toBeVisible();
    await expectNoHorizontalScroll(admin.page);
    await shot(admin.page, testInfo, '07-admin-channel-375');

    // A poll in a post: the administration asks, the student votes, the administrator's bars move live.
    await student.page.setViewportSize({ width: 1280, height: 800 });
    await admin.page.setViewportSize({ width: 1280, height: 800 });
    const topic = uniqueName('Во сколько удобнее провести родительское собрание?');
    await admin.page.getByRole('textbox', { name: 'Текст записи' }).fill('Выберите удобное время, пожалуйста.');
    await admin.page.getByRole('button', { name: 'Прикрепить' }).click();
    await admin.page.getByRole('menuitem', { name: 'Опрос' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Новый опрос' });
    await dialog.getByRole('textbox', { name: 'Тема опроса' }).fill(topic);
    await dialog.getByRole('textbox', { name: 'Вариант 1' }).fill('17:00');
    await dialog.getByRole('textbox', { name: 'Вариант 2' }).fill('18:30');
    await dialog.getByRole('button', { name: 'Прикрепить опрос' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(admin.page.getByRole('form', { name: 'Новая запись' })).toContainText(`Опрос: ${topic}`);
    await admin.page.getByRole('button', { name: 'Опубликовать' }).click();
    const onAdmin = admin.page.getByRole('group', { name: topic });
    const onStudent = student.page.getByRole('group', { name: topic });
    await expect(onAdmin).toBeVisible();
    await expect(onStudent).toBeVisible();
    await expect(postWith(student.page, 'Выберите удобное время').getByText('Новое', { exact: true })).toBeVisible();
    await expect(onAdmin.getByText('0 · 0%')).toHaveCount(2);
    await onStudent.getByRole('button', { name: '18:30' }).click();
    await expect(onAdmin).toContainText('Проголосовал 1 человек');
    await expect(onAdmin.getByRole('progressbar', { name: /18:30/ })).toHaveAttribute('aria-valuenow', '100');
    await shot(admin.page, testInfo, '08-admin-poll-1280');
    await shot(student.page, testInfo, '09-student-poll-1280');

    // The author deletes the post: it leaves the student's feed live.
    await postWith(admin.page, news).getByRole('button', { name: 'Действия с записью' }).click();
    await admin.page.getByRole('menuitem', { name: 'Удалить' }).click();
    await admin.page.getByRole('dialog', { name: 'Удалить запись?' }).getByRole('button', { name: 'Удалить' }).click();
    await expect(postWith(student.page, news)).toHaveCount(0);

    await expectClean(admin, student, teacher);
    await closeAll(admin, student, teacher);
  });
});
