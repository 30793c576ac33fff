import type { Locator, Page } from '@playwright/test';
import { demo } from '../support/accounts.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { withinBudget } from '../support/budget.js';
import { schoolInMenu } from '../support/flows.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, expectClean, personIn, uniqueName } from './chat-support.js';

// Issue 10, item 14: news posts and comments can be edited («изменено», live), comments come a page at a time.

async function openCommunity(page: Page): Promise<void> {
  await schoolInMenu(page, 'Гимназия №1').click();
  await page.getByRole('navigation', { name: 'Меню школы' }).first().getByRole('link', { name: /^Сообщество/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Сообщество' })).toBeVisible();
}

function postWith(page: Page, text: string): Locator {
  return page.getByRole('article').filter({ hasText: text });
}

/** The comments shown, top to bottom, by their text. */
async function commentTexts(page: Page): Promise<string[]> {
  const items = page.getByRole('list', { name: 'Комментарии' }).getByRole('listitem');
  return (await items.allInnerTexts()).map((t) => t.match(/Комментарий \d\d|Мой комментарий[^\n]*/)?.[0] ?? t);
}

async function openPostEditor(page: Page, post: Locator): Promise<Locator> {
  await post.getByRole('button', { name: 'Действия с записью' }).click();
  await page.getByRole('menuitem', { name: 'Изменить' }).click();
  const editor = post.getByRole('form', { name: 'Изменение записи' });
  await expect(editor.getByRole('textbox', { name: 'Текст записи' })).toBeFocused();
  return editor;
}

test.describe('editing news', () => {
  test('the author edits a post and a comment and the other person sees «изменено» live; older comments come with «Показать предыдущие комментарии»', async ({ browser }, testInfo) => {
    // Two people, 25 comments, three axe runs and two widths: more than the default two minutes on a busy machine.
    test.slow();
    const teacher = await personIn(browser, demo.teacher);
    const student = await personIn(browser, demo.student);

    // The teacher posts in the community; the student has the community open.
    const before = uniqueName('Поход в музей: сбор у школы в 10:00');
    await openCommunity(teacher.page);
    await teacher.page.getByRole('textbox', { name: 'Текст записи' }).fill(before);
    await teacher.page.getByRole('button', { name: 'Опубликовать' }).click();
    await expect(postWith(teacher.page, before)).toBeVisible();
    const postId = await postWith(teacher.page, before).getAttribute('data-post-id');
    // Found by its id from here on: the text is what changes.
    const mine = teacher.page.locator(`article[data-post-id="${postId}"]`);
    await openCommunity(student.page);
    await expect(postWith(student.page, before)).toBeVisible();
    await expect(postWith(student.page, before).getByText('изменено')).toHaveCount(0);
    // The student may not edit the teacher's post: no actions at all.
    await expect(postWith(student.page, before).getByRole('button', { name: 'Действия с записью' })).toHaveCount(0);

    // «Изменить» opens the editor in the post itself, with the text to correct.
    const editor = await openPostEditor(teacher.page, mine);
    await expect(editor.getByRole('textbox', { name: 'Текст записи' })).toHaveValue(before);
    await shot(teacher.page, testInfo, '01-teacher-editing-post-1280');
    await expectNoA11yViolations(teacher.page, `article[data-post-id="${postId}"]`);
    const after = before.replace('10:00', '9:30, возьмите сменную обувь');
    await editor.getByRole('textbox', { name: 'Текст записи' }).fill(after);
    await editor.getByRole('button', { name: 'Сохранить' }).click();
    await expect(editor).toHaveCount(0);
    await expect(mine).toContainText(after);
    await expect(mine.getByText('изменено')).toBeVisible();

    // Live on the student's open feed: the new text, «изменено», and its time on focus.
    const seen = postWith(student.page, after);
    await expect(seen).toBeVisible();
    await expect(postWith(student.page, before)).toHaveCount(0);
    const mark = seen.getByText('изменено');
    await expect(mark).toBeVisible();
    const when = /^Изменено (сегодня|вчера), \d\d:\d\d$/;
    await mark.hover();
    await expect(student.page.getByRole('tooltip')).toHaveText(when);
    await student.page.mouse.move(0, 0);
    await expect(student.page.getByRole('tooltip')).toHaveCount(0);
    // From the keyboard: Tab from the post's date reaches «изменено», and its time shows.
    await seen.getByRole('link', { name: /^(только что|\d+ минут[уы]? назад)$/ }).focus();
    await student.page.keyboard.press('Tab');
    await expect(mark).toBeFocused();
    await expect(student.page.getByRole('tooltip')).toHaveText(when);
    await shot(student.page, testInfo, '02-student-sees-edit-live-1280');

    // 24 comments on the post (written through the API, as 24 people would).
    for (let i = 1; i <= 24; i++) {
      const res = await withinBudget(() =>
        teacher.page.request.post(`/api/news/${postId}/comments`, { data: { text: `Комментарий ${String(i).padStart(2, '0')}` } }),
      );
      expect(res.status()).toBe(201);
    }
    await expect(seen.getByRole('link', { name: '24 комментария' })).toBeVisible();
    await seen.getByRole('link', { name: '24 комментария' }).click();

    // The post's page shows the newest 20, oldest of them first.
    const older = student.page.getByRole('button', { name: 'Показать предыдущие комментарии' });
    await expect(older).toBeVisible();
    await expect.poll(() => commentTexts(student.page)).toEqual(Array.from({ length: 20 }, (_, i) => `Комментарий ${String(i + 5).padStart(2, '0')}`));

    // Meanwhile the teacher comments from the post's page: it arrives at the bottom of the student's list.
    await teacher.page.goto(`/news/${postId}`);
    await expect(teacher.page.getByRole('list', { name: 'Комментарии' })).toContainText('Комментарий 24');
    await teacher.page.getByRole('textbox', { name: 'Комментарий' }).fill('Мой комментарий: не опаздывайте');
    await teacher.page.getByRole('button', { name: 'Отправить' }).click();
    await expect(teacher.page.getByRole('list', { name: 'Комментарии' })).toContainText('Мой комментарий: не опаздывайте');
    await expect.poll(async () => (await commentTexts(student.page)).at(-1)).toBe('Мой комментарий: не опаздывайте');

    // «Показать предыдущие комментарии» brings the four older ones above, none twice, and then goes.
    await older.click();
    await expect(older).toHaveCount(0);
    await expect
      .poll(() => commentTexts(student.page))
      .toEqual([...Array.from({ length: 24 }, (_, i) => `Комментарий ${String(i + 1).padStart(2, '0')}`), 'Мой комментарий: не опаздывайте']);

    // The teacher corrects the comment; the student sees it change in place, marked «изменено».
    const teachersComment = teacher.page.getByRole('listitem').filter({ hasText: 'Мой комментарий' });
    await teachersComment.getByRole('button', { name: 'Изменить комментарий' }).click();
    const commentEditor = teachersComment.getByRole('form', { name: 'Изменение комментария' });
    await commentEditor.getByRole('textbox', { name: 'Комментарий' }).fill('Мой комментарий: не опаздывайте, автобус ждёт 10 минут');
    await shot(teacher.page, testInfo, '03-teacher-editing-comment-1280');
    await expectNoA11yViolations(teacher.page, `li[data-comment-id]:has(form)`);
    await commentEditor.getByRole('button', { name: 'Сохранить' }).click();
    await expect(commentEditor).toHaveCount(0);
    const onStudent = student.page.getByRole('listitem').filter({ hasText: 'автобус ждёт 10 минут' });
    await expect(onStudent).toBeVisible();
    await expect(onStudent.getByText('изменено')).toBeVisible();
    await expect(onStudent.getByRole('button', { name: 'Изменить комментарий' })).toHaveCount(0);
    await expect.poll(async () => (await commentTexts(student.page)).length).toBe(25);
    await shot(student.page, testInfo, '04-student-post-page-1280');

    // A phone: the post's editor and the comments fit 390 px.
    await teacher.page.setViewportSize({ width: 390, height: 844 });
    const onPage = teacher.page.locator(`article[data-post-id="${postId}"]`);
    const phoneEditor = await openPostEditor(teacher.page, onPage);
    await expectNoHorizontalScroll(teacher.page);
    await expectNoA11yViolations(teacher.page, `article[data-post-id="${postId}"]`);
    await shot(teacher.page, testInfo, '05-teacher-editing-post-390');
    await phoneEditor.getByRole('button', { name: 'Отмена' }).click();
    await expect(phoneEditor).toHaveCount(0);
    await expect(onPage).toContainText(after);
    await student.page.setViewportSize({ width: 390, height: 844 });
    await expect(onStudent.getByText('изменено')).toBeVisible();
    await teacher.page.reload();
    await expect(teacher.page.getByRole('button', { name: 'Показать предыдущие комментарии' })).toBeVisible();
    await expectNoHorizontalScroll(teacher.page);
    await shot(teacher.page, testInfo, '07-teacher-post-page-390');
    await expectNoHorizontalScroll(student.page);
    await shot(student.page, testInfo, '06-student-post-page-390');

    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });
});
