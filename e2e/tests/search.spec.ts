import { expect, type Page } from '@playwright/test';
import { test } from '../support/test.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { withinBudget } from '../support/budget.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { closeAll, expectClean, teacherAndStudent, uniqueName } from './chat-support.js';

/** An API call from a signed-in browser context (its cookies, the site's origin), waiting out the request budget. */
async function call<T>(page: Page, method: 'GET' | 'POST', path: string, data?: object): Promise<T> {
  const res = await withinBudget(() => page.request.fetch(`/api${path}`, { method, ...(data ? { data } : {}) }));
  const body = await res.json();
  expect(res.ok(), `${method} ${path} → ${res.status()} ${JSON.stringify(body)}`).toBe(true);
  return body as T;
}

interface Me { data: { memberships: { schoolId: string; schoolName: string; role: string; classId: string | null }[] } }

// SRCH-1: one search box finds, with Russian morphology, what the person may see; highlights are text.
test('search: the student types a word form in the header and finds the class chat\'s message, a document, an article and a news post, never a draft', async ({ browser }, testInfo) => {
  const { teacher, student } = await teacherAndStudent(browser);
  const mine = (await call<Me>(student.page, 'GET', '/me')).data.memberships.find((m) => m.role === 'student')!;
  const schoolId = mine.schoolId;

  // The teacher of 7А: a class chat with every student, two messages (one carrying markup), a document.
  const chatName = uniqueName('7А — Литература');
  const chat = await call<{ data: { id: string } }>(teacher.page, 'POST', '/chats', { kind: 'class', classId: mine.classId, name: chatName, allStudents: true });
  const chatId = chat.data.id;
  const tag = uniqueName('Парус').split(' ')[1]!;
  await call(teacher.page, 'POST', `/chats/${chatId}/messages`, { clientId: `${tag}-1`, text: `Выучите стихотворение Лермонтова «Парус» к пятнице (${tag})` });
  const xss = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> стихотворение наизусть ${tag}`;
  await call(teacher.page, 'POST', `/chats/${chatId}/messages`, { clientId: `${tag}-2`, text: xss });
  const upload = await teacher.page.request.post('/api/files', {
    multipart: { file: { name: 'stihi.txt', mimeType: 'text/plain', buffer: Buffer.from('Стихи для заучивания\n') } },
  });
  expect(upload.status()).toBe(201);
  const fileId = ((await upload.json()) as { data: { id: string } }).data.id;
  const docTitle = `Стихотворения для заучивания наизусть, 7 класс ${tag}`;
  await call(teacher.page, 'POST', `/schools/${schoolId}/documents`, { fileId, title: docTitle });
  // An article published, another left a draft (the student must not find it), a post in the school's community.
  const articleTitle = `Как быстро выучить стихотворение ${tag}`;
  const article = await call<{ data: { id: string } }>(teacher.page, 'POST', `/schools/${schoolId}/articles`, {
    title: articleTitle, bodyHtml: '<p>Читайте вслух по строфе и повторяйте перед сном.</p>',
  });
  await call(teacher.page, 'POST', `/articles/${article.data.id}/publish`);
  const draftTitle = `Черновик: стихотворения к празднику ${tag}`;
  await call(teacher.page, 'POST', `/schools/${schoolId}/articles`, { title: draftTitle, bodyHtml: '<p>Пока не готово.</p>' });
  const postText = `Конкурс чтецов в пятницу: читаем стихотворения об осени (${tag})`;
  const post = await call<{ data: { id: string } }>(teacher.page, 'POST', `/schools/${schoolId}/news`, { feed: 'community', text: postText });

  // The student: «стихотворения» in the header box finds «стихотворение» (another form of the word).
  const page = student.page;
  await page.goto('/home');
  const box = page.getByRole('banner').getByRole('searchbox', { name: 'Найти' });
  await box.fill(`стихотворения ${tag}`);
  await shot(page, testInfo, '00-header-1280');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Поиск' })).toBeVisible();
  const messages = page.getByRole('region', { name: 'Сообщения' });
  const documents = page.getByRole('region', { name: 'Документы и видео' });
  const first = messages.getByTestId('search-result').filter({ hasText: 'Лермонтова' });
  await expect(first).toContainText(chatName);
  await expect(first).toContainText('Кузнецова Ирина Александровна');
  // The matched word is highlighted (ts_headline), as a <mark>.
  await expect(first.locator('mark')).toHaveText(['стихотворение', tag]);
  // The message with markup shows it as text: no image, no script ran.
  const marked = messages.getByTestId('search-result').filter({ hasText: 'наизусть' });
  await expect(marked).toContainText('<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> стихотворение наизусть');
  await expect(marked.locator('img, script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  const doc = documents.getByTestId('search-result').filter({ hasText: tag });
  await expect(doc).toContainText(docTitle);
  await expect(doc.locator('mark').first()).toHaveText('Стихотворения');
  await expect(doc).toContainText('Гимназия №1');
  const articles = page.getByRole('region', { name: 'Статьи' });
  const art = articles.getByTestId('search-result').filter({ hasText: tag });
  await expect(art).toHaveCount(1);
  await expect(art).toContainText(articleTitle);
  await expect(art).toContainText('Читайте вслух по строфе');
  await expect(page.getByText(draftTitle)).toHaveCount(0);
  const news = page.getByRole('region', { name: 'Новости' }).getByTestId('search-result').filter({ hasText: tag });
  await expect(news).toContainText(postText);
  await expect(news).toContainText('Сообщество');
  await expect(news.locator('mark').first()).toHaveText('стихотворения');
  await shot(page, testInfo, '01-results-1280');

  // A filter by kind leaves one kind.
  await page.locator('label', { hasText: 'Документы и видео' }).click();
  await expect(page).toHaveURL(/type=documents/);
  await expect(page.getByRole('region', { name: 'Сообщения' })).toHaveCount(0);
  await expect(documents.getByTestId('search-result').filter({ hasText: tag })).toBeVisible();
  await page.locator('label', { hasText: /^Всё$/ }).click();
  await expect(messages.getByTestId('search-result').filter({ hasText: 'Лермонтова' })).toBeVisible();

  // A result opens where the thing lives: the chat, then the school's documents.
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/chats/${chatId}$`));
  await expect(page.getByRole('heading', { level: 1, name: chatName })).toBeVisible();
  await expect(page.getByText(`Выучите стихотворение Лермонтова «Парус» к пятнице (${tag})`)).toBeVisible();
  await page.goBack();
  await documents.getByTestId('search-result').filter({ hasText: tag }).click();
  await expect(page).toHaveURL(new RegExp(`/schools/${schoolId}/documents$`));
  await expect(page.getByText(docTitle)).toBeVisible();
  await page.goBack();
  await articles.getByTestId('search-result').filter({ hasText: tag }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${article.data.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: articleTitle })).toBeVisible();
  await page.goBack();
  await page.getByRole('region', { name: 'Новости' }).getByTestId('search-result').filter({ hasText: tag }).click();
  await expect(page).toHaveURL(new RegExp(`/news/${post.data.id}$`));
  await expect(page.getByText(postText)).toBeVisible();

  // Nothing found: said in Russian.
  await page.goto(`/search?q=${encodeURIComponent('квантовая хромодинамика')}`);
  await expect(page.getByText('По запросу «квантовая хромодинамика» ничего не найдено')).toBeVisible();

  // A phone: the header shows an icon that opens the box; the results fit 375 px.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/home');
  await expect(page.getByRole('banner').getByRole('searchbox')).toHaveCount(0);
  await page.getByRole('button', { name: 'Открыть поиск' }).click();
  const phoneBox = page.getByRole('banner').getByRole('searchbox', { name: 'Найти' });
  await expect(phoneBox).toBeFocused();
  await shot(page, testInfo, '02-box-375');
  await phoneBox.fill(`стихотворением ${tag}`);
  await phoneBox.press('Enter');
  await expect(messages.getByTestId('search-result').filter({ hasText: 'Лермонтова' })).toBeVisible();
  await expect(documents.getByTestId('search-result').filter({ hasText: tag })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, '03-results-375');

  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expectClean(teacher, student);
  await closeAll(teacher, student);
});

// Issue 10, item 10: Snowball stems «альбом» to «альб» and «альбомы» to «альбом»; every form finds the album.
test('search: «альбомы» and «альбома» find the demo\'s graduation-album article, with the word marked', async ({ browser }, testInfo) => {
  const { teacher, student } = await teacherAndStudent(browser);
  const page = student.page;
  for (const q of ['альбомы', 'альбома', 'альбом']) {
    await page.goto(`/search?q=${encodeURIComponent(q)}`);
    const article = page.getByRole('region', { name: 'Статьи' }).getByTestId('search-result').filter({ hasText: 'Выпускной альбом: как мы его собираем' });
    await expect(article, q).toHaveCount(1);
    await expect(article.locator('mark').first(), q).toHaveText('альбом');
  }
  await shot(page, testInfo, '10-album-1280');
  await expectNoA11yViolations(page, 'main');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/search?q=${encodeURIComponent('альбомы')}`);
  await expect(page.getByRole('region', { name: 'Статьи' }).getByTestId('search-result').filter({ hasText: 'Выпускной альбом' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, '11-album-390');
  await expectClean(teacher, student);
  await closeAll(teacher, student);
});

// Issue 10, item 14: every match is reachable: «Показать ещё» loads the next page of a kind, in rank order, no repeats.
test('search: «Показать ещё» loads the next messages after the first five until all 30 are shown, each once', async ({ browser }, testInfo) => {
  const { teacher, student } = await teacherAndStudent(browser);
  const mine = (await call<Me>(student.page, 'GET', '/me')).data.memberships.find((m) => m.role === 'student')!;
  const chatName = uniqueName('7А — Экскурсия');
  const chat = await call<{ data: { id: string } }>(teacher.page, 'POST', '/chats', { kind: 'class', classId: mine.classId, name: chatName, allStudents: true });
  const tag = uniqueName('Поход').split(' ')[1]!;
  // From both, in turn: one person may send 20 messages a minute to one chat (SAFE-1's flood limit).
  for (let i = 1; i <= 30; i++) {
    const from = i % 2 ? teacher.page : student.page;
    await call(from, 'POST', `/chats/${chat.data.id}/messages`, { clientId: `${tag}-${i}`, text: `Поход ${tag}: памятка номер ${i}` });
  }

  const page = student.page;
  await page.goto(`/search?q=${encodeURIComponent(`${tag} походы`)}`);
  const messages = page.getByRole('region', { name: 'Сообщения' });
  const results = messages.getByTestId('search-result');
  await expect(results).toHaveCount(5);
  const more = messages.getByRole('button', { name: 'Показать ещё' });
  await expect(more).toBeVisible();
  await more.click();
  await expect(results).toHaveCount(25);
  await shot(page, testInfo, '12-more-1280');
  await expectNoA11yViolations(page, 'main');
  await more.click();
  await expect(results).toHaveCount(30);
  await expect(more).toHaveCount(0);
  // Equal ranks come newest first: memo 30 down to memo 1, each once.
  const texts = await results.allInnerTexts();
  const numbers = texts.map((t) => Number(/памятка номер (\d+)/.exec(t)?.[1]));
  expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));

  // A phone: the same, the button fits.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/search?q=${encodeURIComponent(`${tag} походы`)}&type=messages`);
  await expect(results).toHaveCount(30);
  await page.goto(`/search?q=${encodeURIComponent(`${tag} походы`)}`);
  await expect(results).toHaveCount(5);
  await more.click();
  await expect(results).toHaveCount(25);
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, '13-more-390');
  await expectClean(teacher, student);
  await closeAll(teacher, student);
});
