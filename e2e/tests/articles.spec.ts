import type { Locator, Page } from '@playwright/test';
import { schoolInMenu } from '../support/flows.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, expectClean, type Person, teacherAndStudent, tinyPng, uniqueName } from './chat-support.js';

// Issue 5, item 4: «Статьи» (ART-1..5) — write, format, save a draft, publish, attach a poll and vote;
// and the safety section: script in the editor, the title and a file name never runs.

async function openArticles(page: Page): Promise<void> {
  await schoolInMenu(page, 'Гимназия №1').click();
  await page.getByRole('navigation', { name: 'Меню школы' }).first().getByRole('link', { name: 'Статьи', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Статьи' })).toBeVisible();
}

function editor(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Текст статьи' });
}

function tool(page: Page, name: string): Locator {
  return page.getByRole('toolbar', { name: 'Форматирование' }).getByRole('button', { name, exact: true });
}

function listed(page: Page, title: string): Locator {
  return page.getByRole('article', { name: title });
}

async function uploadCover(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Публикация' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menuitem', { name: 'Загрузить изображение' }).click();
  await (await chooser).setFiles({ name: 'обложка.png', mimeType: 'image/png', buffer: tinyPng() });
  await expect(page.getByRole('img', { name: 'Обложка статьи' })).toBeVisible();
}

/** The id in /articles/:id or /articles/:id/edit. */
function articleIdOf(page: Page): string {
  const m = /\/articles\/([0-9a-f-]{36})/.exec(page.url());
  if (!m?.[1]) throw new Error(`not an article page: ${page.url()}`);
  return m[1];
}

test.describe('articles', () => {
  test('a teacher writes and formats an article, saves a draft the student cannot see, publishes it, attaches a poll; the student votes and the bar moves live', async ({ browser }, testInfo) => {
    const { teacher, student } = await teacherAndStudent(browser);
    const title = uniqueName('Как готовиться к ОГЭ по математике');

    // «+» opens the editor with the first-run guide; «Понятно» closes it for good.
    await openArticles(teacher.page);
    await teacher.page.getByRole('link', { name: 'Новая статья' }).click();
    await expect(teacher.page).toHaveURL(/\/schools\/[0-9a-f-]+\/articles\/new$/);
    const guide = teacher.page.getByRole('region', { name: 'Как написать статью' });
    await expect(guide).toBeVisible();
    await expect(guide).toContainText('«Публикация» → «Загрузить изображение»');
    await shot(teacher.page, testInfo, '01-editor-guide-1280');
    await guide.getByRole('button', { name: 'Понятно' }).click();
    await expect(guide).toHaveCount(0);
    await teacher.page.reload();
    await expect(teacher.page.getByRole('heading', { level: 1, name: 'Новая статья' })).toBeVisible();
    await expect(teacher.page.getByRole('region', { name: 'Как написать статью' })).toHaveCount(0);
    await expect(teacher.page.getByRole('button', { name: 'Подсказка' })).toBeVisible();

    // Write and format: bold, a heading, a bulleted list.
    await teacher.page.getByRole('textbox', { name: 'Заголовок' }).fill(title);
    const body = editor(teacher.page);
    await body.click();
    await teacher.page.keyboard.type('Экзамен близко. ');
    await tool(teacher.page, 'Жирный').click();
    await teacher.page.keyboard.type('Главное');
    await tool(teacher.page, 'Жирный').click();
    await teacher.page.keyboard.type(' — решать задачи каждый день.');
    await teacher.page.keyboard.press('Enter');
    await tool(teacher.page, 'Заголовок').click();
    await teacher.page.keyboard.type('План подготовки');
    await teacher.page.keyboard.press('Enter');
    await tool(teacher.page, 'Маркированный список').click();
    await teacher.page.keyboard.type('Алгебра');
    await teacher.page.keyboard.press('Enter');
    await teacher.page.keyboard.type('Геометрия');
    await expect(body.locator('strong')).toHaveText('Главное');
    await expect(body.locator('h2')).toHaveText('План подготовки');
    await expect(body.locator('ul > li')).toHaveText(['Алгебра', 'Геометрия']);

    // «Публикация» → «Загрузить изображение»: the cover. «Сохранить» keeps a draft.
    await uploadCover(teacher.page);
    await teacher.page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await expect(teacher.page.getByRole('status').filter({ hasText: 'Черновик сохранён' })).toBeVisible();
    await expect(teacher.page).toHaveURL(/\/articles\/[0-9a-f-]+\/edit$/);
    const articleId = articleIdOf(teacher.page);
    await shot(teacher.page, testInfo, '02-editor-draft-1280');

    // The student does not see the draft in «Статьи», nor by its address.
    await openArticles(student.page);
    const listPath = new URL(student.page.url()).pathname;
    await expect(student.page.getByRole('link', { name: 'Новая статья' })).toHaveCount(0);
    await expect(listed(student.page, title)).toHaveCount(0);
    await student.page.goto(`/articles/${articleId}`);
    await expect(student.page.getByRole('heading', { name: 'Страница не найдена' })).toBeVisible();
    await openArticles(student.page);

    // «Опубликовать»: the article opens for the teacher and appears live in the student's open list.
    await teacher.page.getByRole('button', { name: 'Опубликовать' }).click();
    await expect(teacher.page).toHaveURL(new RegExp(`/articles/${articleId}$`));
    await expect(teacher.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const card = listed(student.page, title);
    await expect(card).toBeVisible();
    await expect(card).toContainText('Экзамен близко. Главное — решать задачи каждый день.');
    await expect(card).toContainText('Кузнецова');
    await shot(student.page, testInfo, '03-student-list-1280');

    // Search by a word form: «задачами» finds «задачи».
    await student.page.getByRole('searchbox', { name: 'Поиск статей' }).fill('задачами');
    await expect(card).toBeVisible();
    await student.page.getByRole('searchbox', { name: 'Поиск статей' }).fill('астрономия');
    await expect(student.page.getByText('Ничего не найдено.')).toBeVisible();
    await student.page.getByRole('searchbox', { name: 'Поиск статей' }).fill('');

    // The student opens and reads it: the cover, the bold word, the heading, the list; no controls.
    await card.getByRole('link', { name: title }).click();
    await expect(student.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const text = student.page.locator('.article-body');
    await expect(text.locator('strong')).toHaveText('Главное');
    await expect(text.getByRole('heading', { level: 2, name: 'План подготовки' })).toBeVisible();
    await expect(text.getByRole('listitem')).toHaveText(['Алгебра', 'Геометрия']);
    await expect.poll(() => student.page.locator('img.article-cover').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
    await expect(student.page.getByRole('button', { name: 'Редактировать' })).toHaveCount(0);
    await expect(student.page.getByRole('link', { name: 'Редактировать' })).toHaveCount(0);

    // The teacher attaches a poll from the editor; the student's open article shows it without a reload.
    await teacher.page.getByRole('link', { name: 'Редактировать' }).click();
    await teacher.page.getByRole('button', { name: 'Опрос', exact: true }).click();
    const dialog = teacher.page.getByRole('dialog', { name: 'Новый опрос' });
    await dialog.getByRole('textbox', { name: 'Тема опроса' }).fill('Статья была полезной?');
    await dialog.getByRole('textbox', { name: 'Вариант 1' }).fill('Да');
    await dialog.getByRole('textbox', { name: 'Вариант 2' }).fill('Нет');
    await dialog.getByRole('button', { name: 'Прикрепить опрос' }).click();
    await expect(dialog).toHaveCount(0);
    await teacher.page.getByRole('link', { name: 'Открыть статью' }).click();
    const onTeacher = teacher.page.getByRole('group', { name: 'Статья была полезной?' });
    await expect(onTeacher.getByText('0 · 0%')).toHaveCount(2);

    const onStudent = student.page.getByRole('group', { name: 'Статья была полезной?' });
    await expect(onStudent).toBeVisible();
    await onStudent.getByRole('button', { name: 'Да' }).click();
    await expect(onStudent.getByRole('button', { name: 'Отменить голос' })).toBeVisible();
    // The teacher's bar moves live.
    await expect(onTeacher).toContainText('Проголосовал 1 человек');
    await expect(onTeacher.getByRole('progressbar', { name: /^Да/ })).toHaveAttribute('aria-valuenow', '100');
    await expect(onTeacher.getByText('1 · 100%')).toBeVisible();
    await shot(teacher.page, testInfo, '04-teacher-article-poll-1280');
    await shot(student.page, testInfo, '05-student-article-1280');

    // A phone: the article, the list and the editor fit 375 px.
    await student.page.setViewportSize({ width: 375, height: 812 });
    await expectNoHorizontalScroll(student.page);
    await shot(student.page, testInfo, '06-student-article-375');
    await student.page.goto(listPath);
    await expect(listed(student.page, title)).toBeVisible();
    await expectNoHorizontalScroll(student.page);
    await shot(student.page, testInfo, '07-student-list-375');
    await teacher.page.setViewportSize({ width: 375, height: 812 });
    await teacher.page.goto(`/articles/${articleId}/edit`);
    await expect(editor(teacher.page)).toBeVisible();
    await expectNoHorizontalScroll(teacher.page);
    await shot(teacher.page, testInfo, '08-teacher-editor-375');

    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });

  test('script typed or pasted into the editor, put in the title or a file name, or sent past the editor never runs for a reader', async ({ browser }, testInfo) => {
    const { teacher, student } = await teacherAndStudent(browser);
    const marker = uniqueName('XSS');
    const title = `<img src=x onerror="window.__xss='title'"><script>window.__xss='title'</script> ${marker}`;
    const pasted =
      `<p>Вставлено<img src=x onerror="window.__xss='img';alert(1)"></p>` +
      `<script>window.__xss='script';alert(2)</script>` +
      `<p><a href="javascript:window.__xss='link';alert(3)">ссылка-скрипт</a> <a href="https://example.org/ok">нормальная ссылка</a></p>` +
      `<iframe src="javascript:alert(4)"></iframe><svg onload="alert(5)"><circle r="5"/></svg>` +
      `<p style="background:url(javascript:alert(6))" onmouseover="alert(7)">стиль</p>` +
      `<object data="data:text/html,<script>alert(8)</script>"></object>` +
      `<img src="data:image/svg+xml,<svg onload=alert(9)>">`;
    const fileName = `<img src=x onerror=alert('file')>.png`;

    await openArticles(teacher.page);
    await teacher.page.getByRole('link', { name: 'Новая статья' }).click();
    const guide = teacher.page.getByRole('region', { name: 'Как написать статью' });
    if (await guide.isVisible()) await guide.getByRole('button', { name: 'Понятно' }).click();
    await teacher.page.getByRole('textbox', { name: 'Заголовок' }).fill(title);
    const body = editor(teacher.page);
    await body.click();
    await teacher.page.keyboard.type(`<script>window.__xss='typed';alert(10)</script> `);
    // A paste, as the browser delivers it from another site: HTML on the clipboard.
    await body.evaluate((el, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'plain');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, pasted);
    await expect(body).toContainText('ссылка-скрипт');
    // The editor itself keeps no script, handler, frame or script link.
    await expect(body.locator('script, iframe, svg, object, [onerror], [onload], [onmouseover], [style*="javascript"]')).toHaveCount(0);
    await expect(body.locator('a[href^="javascript"]')).toHaveCount(0);

    // A link to javascript: through the link button is refused with a message.
    await tool(teacher.page, 'Ссылка').click();
    await teacher.page.getByRole('textbox', { name: 'Адрес ссылки' }).fill('javascript:alert(11)');
    await teacher.page.getByRole('button', { name: 'Добавить ссылку' }).click();
    await expect(teacher.page.getByText('Ссылка должна начинаться с https://, http:// или mailto:')).toBeVisible();
    await teacher.page.keyboard.press('Escape');

    // A photo whose name is markup.
    const chooser = teacher.page.waitForEvent('filechooser');
    await teacher.page.getByRole('button', { name: 'Прикрепить фото или видео' }).click();
    await (await chooser).setFiles({ name: fileName, mimeType: 'image/png', buffer: tinyPng() });
    await expect(teacher.page.getByText(fileName, { exact: true })).toBeVisible();

    await teacher.page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await expect(teacher.page.getByRole('status').filter({ hasText: 'Черновик сохранён' })).toBeVisible();
    const articleId = articleIdOf(teacher.page);

    // A client that skips the editor and sends raw HTML straight to the API (the teacher's own session).
    const raw = await teacher.page.evaluate(async ({ id, html }) => {
      const res = await fetch(`/api/articles/${id}`, { method: 'GET' });
      const current = (await res.json()).data.bodyHtml as string;
      const put = await fetch(`/api/articles/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bodyHtml: current + html }),
      });
      return put.status;
    }, { id: articleId, html: `<img src=x onerror="window.__xss='api'"><a href="javascript:window.__xss='api-link'">api-ссылка</a><script>window.__xss='api'</script>` });
    expect(raw).toBe(200);
    await teacher.page.reload();
    await teacher.page.getByRole('button', { name: 'Опубликовать' }).click();
    await expect(teacher.page).toHaveURL(new RegExp(`/articles/${articleId}$`));

    // The student reads the list and the article: everything shows as text, nothing ran, nothing was injected.
    await openArticles(student.page);
    const card = student.page.getByRole('article').filter({ hasText: marker });
    await expect(card).toContainText(`<img src=x onerror="window.__xss='title'">`);
    await card.getByRole('link').first().click();
    await expect(student.page.getByRole('heading', { level: 1 })).toContainText(marker);
    await expect(student.page.getByRole('heading', { level: 1 })).toContainText('<script>');
    const article = student.page.locator('.article-body');
    await expect(article).toContainText('Вставлено');
    await expect(article).toContainText(`<script>window.__xss='typed';alert(10)</script>`);
    await expect(article).toContainText('api-ссылка');
    await expect(article.getByRole('link', { name: 'нормальная ссылка' })).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    await expect(article.getByRole('link', { name: 'нормальная ссылка' })).toHaveAttribute('target', '_blank');
    await expect(student.page.getByRole('img', { name: fileName })).toBeVisible();
    await student.page.getByRole('link', { name: 'нормальная ссылка' }).hover();
    await student.page.getByText('стиль').hover();
    await student.page.waitForTimeout(500);
    await expectNothingInjected(student);
    await shot(student.page, testInfo, '01-student-xss-article-1280');

    // The teacher's pages too.
    await expectNothingInjected(teacher);
    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });
});

async function expectNothingInjected(person: Person): Promise<void> {
  const page = person.page;
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  await expect(page.locator('main script, main iframe, main object, main embed, main svg[onload]')).toHaveCount(0);
  await expect(page.locator('[onerror], [onload], [onmouseover], [onclick]')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript"], img[src^="data:"], img[src="x"], [style*="javascript"]')).toHaveCount(0);
  expect(person.dialogs, 'no alert/confirm/prompt ever opened').toEqual([]);
}
