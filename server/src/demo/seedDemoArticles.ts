import type { Tx } from '../db/client.js';
import { articles } from '../db/contentSchema.js';
import { sanitizeArticle } from '../modules/articles/sanitize.js';

const day = 24 * 3600_000;

/** One published article so «Статьи» of «Гимназия №1» shows what an article looks like. */
export async function seedDemoArticles(tx: Tx, now: Date, ids: { schoolId: string; directorId: string }): Promise<void> {
  const body = sanitizeArticle(
    '<p>Каждый год выпускники <strong>Гимназии №1</strong> собирают альбом: фотографии классов, учителей и школьных праздников.</p>' +
      '<h2>Что войдёт в альбом</h2>' +
      '<ul><li><p>общие фотографии выпускных классов;</p></li><li><p>снимки с последнего звонка;</p></li><li><p>пожелания от классных руководителей.</p></li></ul>' +
      '<blockquote><p>Альбом остаётся в библиотеке гимназии — для будущих поколений.</p></blockquote>' +
      '<p>Фотографии присылайте классному руководителю до конца апреля.</p>',
  );
  const at = new Date(now.getTime() - 4 * day);
  await tx.insert(articles).values({
    schoolId: ids.schoolId,
    authorId: ids.directorId,
    title: 'Выпускной альбом: как мы его собираем',
    bodyHtml: body.html,
    bodyText: body.text,
    status: 'published',
    publishedAt: at,
    createdAt: at,
    updatedAt: at,
  });
}
