import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { files } from '../db/chatSchema.js';
import type { Tx } from '../db/client.js';
import { documentFolders, documents } from '../db/contentSchema.js';
import { schools, users } from '../db/schema.js';
import { type FileStorage, newStorageKey } from '../platform/storage/index.js';

const days = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница'];
const lessons = [
  ['Алгебра', 'Русский язык', 'История', 'Физика', 'Литература'],
  ['Русский язык', 'Геометрия', 'Английский язык', 'Алгебра', 'Биология'],
  ['Литература', 'Физика', 'Алгебра', 'География', 'Русский язык'],
  ['Английский язык', 'История', 'Информатика', 'Русский язык', 'Геометрия'],
  ['Биология', 'Физкультура', 'Музыка', 'Английский язык', 'Алгебра'],
  ['Физкультура', 'Технология', 'Обществознание', 'ИЗО', 'Классный час'],
];

/** «Расписание уроков 7А» as a picture: a table a browser opens as it is. */
async function schedulePicture(): Promise<Buffer> {
  const colW = 220;
  const left = 60;
  const top = 110;
  const rowH = 56;
  const cells: string[] = [];
  days.forEach((d, c) => {
    cells.push(`<text x="${left + c * colW + colW / 2}" y="${top - 16}" font-weight="bold" text-anchor="middle">${d}</text>`);
  });
  lessons.forEach((row, r) => {
    cells.push(`<text x="${left - 24}" y="${top + r * rowH + 36}" text-anchor="middle" fill="#667">${r + 1}</text>`);
    row.forEach((name, c) => {
      const x = left + c * colW;
      const y = top + r * rowH;
      cells.push(`<rect x="${x + 4}" y="${y + 4}" width="${colW - 8}" height="${rowH - 8}" rx="8" fill="${r % 2 ? '#eef3fb' : '#f7f9fc'}"/>`);
      cells.push(`<text x="${x + colW / 2}" y="${y + 36}" text-anchor="middle">${name}</text>`);
    });
  });
  const width = left + days.length * colW + 30;
  const height = top + lessons.length * rowH + 40;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#ffffff"/>
<g font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="20" fill="#1d2433">
<text x="${width / 2}" y="52" font-size="30" font-weight="bold" text-anchor="middle">Гимназия №1 · 7А · расписание уроков, I четверть</text>
${cells.join('\n')}
</g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * DOC-1 in the demo: «Документы школы» of «Гимназия №1» has a folder «Расписания» with the 7А
 * timetable (the channel's first post points to it), and an empty «Материалы к экзаменам».
 */
export async function seedDemoDocuments(tx: Tx, storage: FileStorage): Promise<void> {
  const [school] = await tx.select({ id: schools.id }).from(schools).where(eq(schools.name, 'Гимназия №1')).limit(1);
  const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, '+79000000001')).limit(1);
  if (!school || !admin) return;
  const picture = await schedulePicture();
  const key = newStorageKey();
  await storage.put(key, picture, { contentType: 'image/png' });
  const name = 'Расписание уроков 7А, I четверть.png';
  const [file] = await tx
    .insert(files)
    .values({ ownerId: admin.id, storageKey: key, name, size: picture.length, mime: 'image/png', isImage: true })
    .returning({ id: files.id });
  const folders = await tx
    .insert(documentFolders)
    .values([
      { schoolId: school.id, name: 'Расписания', createdBy: admin.id },
      { schoolId: school.id, name: 'Материалы к экзаменам', createdBy: admin.id },
    ])
    .returning({ id: documentFolders.id, name: documentFolders.name });
  const schedules = folders.find((f) => f.name === 'Расписания');
  if (!file || !schedules) throw new Error('demo: documents not inserted');
  await tx.insert(documents).values({
    schoolId: school.id,
    kind: 'document',
    fileId: file.id,
    title: 'Расписание уроков 7А, I четверть',
    folderId: schedules.id,
    tags: ['расписание', '7а'],
    uploadedBy: admin.id,
  });
}
