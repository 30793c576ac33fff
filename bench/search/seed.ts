import { eq } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client.js';
import { chatMembers, chats, files, messages } from '../../server/src/db/chatSchema.js';
import { articles, documents, newsPosts } from '../../server/src/db/contentSchema.js';
import { memberships, schools, users } from '../../server/src/db/schema.js';
import { createSession } from '../../server/src/modules/auth/sessions.js';
import { articleBody, articleTitle, documentTitle, messageText, newsText, rng } from './texts.js';

/** argon2id of some password; nobody signs in with it, the session is made directly. */
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$z2YkjsmSyxKeAv07f26GbA$jKZi0rV3rPs1x71Z/17nsdBQp3KRYV46yOHCUtU8iQg';
const CHUNK = 1000;
const DAY = 24 * 3600 * 1000;

export interface SearchSeedSize {
  messages: number;
  chats: number;
  /** Chats the searching person is a member of. */
  myChats: number;
  documents: number;
  articles: number;
  news: number;
  schools: number;
  people: number;
}

export const defaultSize: SearchSeedSize = {
  messages: 100_000, chats: 300, myChats: 40, documents: 5_000, articles: 5_000, news: 2_000, schools: 5, people: 600,
};

export interface SearchFixture {
  cookie: string;
  userId: string;
  counts: SearchSeedSize & { myMessages: number; mySchools: number };
}

async function insertChunks<T>(items: T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await insert(items.slice(i, i + CHUNK));
}

/**
 * Five schools, 600 people, 300 chats with 100,000 messages, 10,000 documents, videos and articles
 * and 2,000 news posts; the searching person (a teacher in one school, a parent in another) is in
 * 40 chats and 2 schools, so most of what is stored is not theirs to find.
 */
export async function seedSearch(db: Db, secret: string, size: SearchSeedSize = defaultSize): Promise<SearchFixture> {
  const r = rng(20_260_501);
  const now = Date.now();
  const ago = (maxDays: number) => new Date(now - Math.floor(r.next() * maxDays * DAY));

  const schoolRows = await db
    .insert(schools)
    .values(Array.from({ length: size.schools }, (_, i) => ({ name: `Школа №${i + 101}`, country: 'Россия', city: 'Москва' })))
    .returning({ id: schools.id });
  const schoolIds = schoolRows.map((s) => s.id);

  const firstNames = ['Анна', 'Иван', 'Мария', 'Пётр', 'Ольга', 'Сергей', 'Елена', 'Дмитрий', 'Максим', 'Софья'];
  const lastNames = ['Иванов', 'Петров', 'Смирнов', 'Кузнецов', 'Попов', 'Соколов', 'Новиков', 'Морозов', 'Волков', 'Зайцев'];
  const people: string[] = [];
  await insertChunks(Array.from({ length: size.people + 1 }, (_, i) => i), async (part) => {
    const rows = await db
      .insert(users)
      .values(part.map((i) => ({
        phone: `+7955${String(i).padStart(7, '0')}`,
        passwordHash: PASSWORD_HASH,
        firstName: firstNames[i % firstNames.length]!,
        lastName: lastNames[(i * 7) % lastNames.length]!,
        gender: 'male' as const,
        birthDate: '2010-01-01',
        termsAcceptedAt: new Date(),
      })))
      .returning({ id: users.id });
    people.push(...rows.map((x) => x.id));
  });
  const me = people.pop()!;
  // Each person belongs to one school; the searcher teaches in the first and is a parent in the second.
  const schoolOf = (i: number) => i % size.schools;
  const peopleOf = schoolIds.map((_, s) => people.filter((_, i) => schoolOf(i) === s));
  await insertChunks(people.map((userId, i) => ({ userId, i })), (part) =>
    db.insert(memberships).values(part.map(({ userId, i }) => ({
      schoolId: schoolIds[schoolOf(i)]!, userId, role: i % 10 === 0 ? ('teacher' as const) : ('student' as const),
    }))),
  );
  await db.insert(memberships).values([
    { schoolId: schoolIds[0]!, userId: me, role: 'teacher' },
    { schoolId: schoolIds[1]!, userId: me, role: 'parent' },
  ]);

  // Chats: spread over the schools; the searcher is in the first `myChats` of the first two schools.
  const chatRows = await db
    .insert(chats)
    .values(Array.from({ length: size.chats }, (_, c) => ({
      kind: 'class' as const, schoolId: schoolIds[c % size.schools]!, name: `${5 + (c % 7)}${'АБВГ'[c % 4]} — ${['Математика', 'Литература', 'Классный чат', 'Физика', 'Английский'][c % 5]}`,
    })))
    .returning({ id: chats.id, schoolId: chats.schoolId });
  const mine = new Set(chatRows.filter((c) => c.schoolId === schoolIds[0] || c.schoolId === schoolIds[1]).slice(0, size.myChats).map((c) => c.id));
  const membersOf = new Map<string, string[]>();
  const memberRows: { chatId: string; userId: string }[] = [];
  for (const c of chatRows) {
    const pool = peopleOf[schoolIds.indexOf(c.schoolId!)]!;
    const start = r.int(0, pool.length - 1);
    const members = Array.from({ length: r.int(15, 30) }, (_, k) => pool[(start + k) % pool.length]!);
    const unique = [...new Set(members)];
    membersOf.set(c.id, unique);
    memberRows.push(...unique.map((userId) => ({ chatId: c.id, userId })));
    if (mine.has(c.id)) memberRows.push({ chatId: c.id, userId: me });
  }
  await insertChunks(memberRows, (part) => db.insert(chatMembers).values(part));

  // Messages: busier and quieter chats (a skewed share each), newest in the last half year.
  const weights = chatRows.map(() => 0.2 + r.next() ** 2 * 3);
  const total = weights.reduce((a, b) => a + b, 0);
  const perChat = weights.map((w) => Math.max(1, Math.round((w / total) * size.messages)));
  let left = size.messages - perChat.reduce((a, b) => a + b, 0);
  for (let i = 0; left !== 0; i = (i + 1) % perChat.length) {
    if (left < 0 && perChat[i]! <= 1) continue;
    perChat[i]! += left > 0 ? 1 : -1;
    left += left > 0 ? -1 : 1;
  }
  let myMessages = 0;
  const messageRows: (typeof messages.$inferInsert)[] = [];
  chatRows.forEach((c, ci) => {
    const members = membersOf.get(c.id)!;
    const count = perChat[ci]!;
    if (mine.has(c.id)) myMessages += count;
    const times = Array.from({ length: count }, () => ago(180).getTime()).sort((a, b) => a - b);
    for (let seq = 1; seq <= count; seq++) {
      const deleted = r.chance(0.02);
      messageRows.push({
        chatId: c.id,
        seq,
        authorId: mine.has(c.id) && r.chance(0.1) ? me : r.pick(members),
        text: messageText(r),
        createdAt: new Date(times[seq - 1]!),
        ...(deleted ? { deletedAt: new Date(times[seq - 1]! + 60_000) } : {}),
      });
    }
  });
  // Stored in time order across chats, as a live school writes them (not one chat's history at a time).
  messageRows.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime());
  await insertChunks(messageRows, (part) => db.insert(messages).values(part));
  for (const [ci, c] of chatRows.entries()) {
    // lastSeq keeps the chat's log consistent with its messages.
    await db.update(chats).set({ lastSeq: perChat[ci]! }).where(eq(chats.id, c.id));
  }

  // Documents and videos, each with its file row.
  const docs = Array.from({ length: size.documents }, (_, i) => {
    const s = i % size.schools;
    const kind = r.chance(0.15) ? ('video' as const) : ('document' as const);
    return { s, kind, title: documentTitle(r, kind), uploader: r.pick(peopleOf[s]!), createdAt: ago(720) };
  });
  await insertChunks(docs.map((d, i) => ({ d, i })), async (part) => {
    const fileRows = await db
      .insert(files)
      .values(part.map(({ d, i }) => ({
        ownerId: d.uploader, storageKey: `bench/${i}`, name: `${d.title}.${d.kind === 'video' ? 'mp4' : 'pdf'}`,
        size: 100_000, mime: d.kind === 'video' ? 'video/mp4' : 'application/pdf',
      })))
      .returning({ id: files.id });
    await db.insert(documents).values(part.map(({ d }, k) => ({
      schoolId: schoolIds[d.s]!, kind: d.kind, fileId: fileRows[k]!.id, title: d.title, uploadedBy: d.uploader, createdAt: d.createdAt,
    })));
  });

  // Articles: a fifth are drafts, some of them the searcher's own.
  await insertChunks(Array.from({ length: size.articles }, (_, i) => i), (part) =>
    db.insert(articles).values(part.map((i) => {
      const s = i % size.schools;
      const draft = r.chance(0.2);
      const body = articleBody(r);
      const when = ago(720);
      return {
        schoolId: schoolIds[s]!,
        authorId: s === 0 && draft && r.chance(0.3) ? me : r.pick(peopleOf[s]!),
        title: articleTitle(r),
        bodyHtml: `<p>${body}</p>`,
        bodyText: body,
        status: draft ? ('draft' as const) : ('published' as const),
        publishedAt: draft ? null : when,
        updatedAt: when,
        createdAt: when,
      };
    })),
  );

  await insertChunks(Array.from({ length: size.news }, (_, i) => i), (part) =>
    db.insert(newsPosts).values(part.map((i) => {
      const s = i % size.schools;
      const when = ago(365);
      return {
        schoolId: schoolIds[s]!, feed: r.chance(0.6) ? ('channel' as const) : ('community' as const),
        authorId: r.pick(peopleOf[s]!), text: newsText(r), createdAt: when,
        ...(r.chance(0.03) ? { deletedAt: when } : {}),
      };
    })),
  );

  const token = await createSession({ db, clock: { now: () => new Date() }, secret }, me, 'bench:search');
  return { cookie: `parta_session=${token}`, userId: me, counts: { ...size, myMessages, mySchools: 2 } };
}
