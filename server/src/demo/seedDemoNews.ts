import type { Tx } from '../db/client.js';
import { newsComments, newsPosts } from '../db/contentSchema.js';

const day = 24 * 3600_000;

/**
 * A few posts so «Новости школы» and «Сообщество» of «Гимназия №1» are not empty in the demo.
 * Dated days back, before the demo accounts joined: they are read news, not «Новое».
 */
export async function seedDemoNews(
  tx: Tx,
  now: Date,
  ids: { schoolId: string; adminId: string; directorId: string; teacherId: string; studentId: string },
): Promise<void> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
  await tx.insert(newsPosts).values([
    {
      schoolId: ids.schoolId, feed: 'channel', authorId: ids.directorId, createdAt: at(6),
      text: 'Дорогие ученики, родители и учителя! Поздравляем с началом учебного года. Расписание уроков на первую четверть уже в «Документах школы».',
    },
    {
      schoolId: ids.schoolId, feed: 'channel', authorId: ids.adminId, createdAt: at(2),
      text: 'В пятницу в 18:00 — общешкольное родительское собрание в актовом зале. Повестка: питание, кружки, осенние каникулы.',
    },
  ]);
  const [post] = await tx
    .insert(newsPosts)
    .values({
      schoolId: ids.schoolId, feed: 'community', authorId: ids.teacherId, createdAt: at(3),
      text: 'Открываем математический кружок для 7-х классов: вторник и четверг после шестого урока, кабинет 214. Кто придёт?',
    })
    .returning({ id: newsPosts.id });
  if (!post) throw new Error('demo: news post not inserted');
  await tx.insert(newsComments).values({ postId: post.id, authorId: ids.studentId, text: 'Я приду! Можно с другом из 7Б?', createdAt: at(3) });
}
