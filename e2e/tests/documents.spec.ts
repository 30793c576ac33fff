import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { demo, demoPassword } from '../support/accounts.js';
import { signInOnNewDevice, signOut } from '../support/flows.js';
import { e2eDir } from '../support/paths.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';

/** A real one-page PDF («ОГЭ по математике»), padded to ~400 KB so its upload takes a visible moment. */
function examPdf(): Buffer {
  const text = 'BT /F1 24 Tf 40 120 Td (OGE 2026: demo) Tj ET';
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>',
    `<</Length ${text.length}>>\nstream\n${text}\nendstream`,
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(body, 'latin1'), Buffer.from(`%${'0'.repeat(400 * 1024)}\n`, 'latin1')]);
}

async function openSchoolSection(page: Page, item: 'Документы школы' | 'Видео школы' | 'Информация') {
  await page.getByRole('link', { name: /^Моя школа/ }).click();
  await page.getByRole('navigation', { name: 'Меню школы' }).first().getByRole('link', { name: item, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: item })).toBeVisible();
}

/** Slows uploads (Chromium's network emulation) so the progress bar can be seen, as on a school's slow line. */
async function slowUploads(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
  return () => cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

// DOC-1: «+» → limits → «Загрузить файл» with progress; another member opens and downloads it.
test('documents: the administrator uploads into a folder with the limits and a progress bar; a student opens and downloads it', async ({ page, browser }, testInfo) => {
  const pdf = examPdf();
  await signInOnNewDevice(page, demo.admin, demoPassword);
  await openSchoolSection(page, 'Документы школы');
  // The demo library: the timetable in «Расписания».
  await expect(page.getByRole('link', { name: 'Расписание уроков 7А, I четверть' })).toBeVisible();

  await page.getByRole('button', { name: 'Добавить документ' }).click();
  const dialog = page.getByRole('dialog', { name: 'Добавить документ' });
  await expect(dialog.getByText('Ограничения по загрузке')).toBeVisible();
  await expect(dialog.getByText('Размер файла — не больше 50 МБ.')).toBeVisible();
  await expect(dialog.getByText(/Нельзя загружать программы и скрипты: .*\.exe/)).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Папка' }).click();
  await page.getByRole('option', { name: 'Материалы к экзаменам' }).click();
  await dialog.getByRole('combobox', { name: 'Теги' }).fill('ОГЭ');
  await dialog.getByRole('combobox', { name: 'Теги' }).press('Enter');
  await shot(page, testInfo, '01-upload-limits');

  const restore = await slowUploads(page, 120 * 1024);
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Загрузить файл' }).click();
  await (await chooser).setFiles({ name: 'Демоверсия ОГЭ по математике.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(dialog.getByRole('progressbar', { name: 'Загрузка файла' })).toBeVisible();
  await shot(page, testInfo, '02-upload-progress');
  await restore();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  const row = page.getByRole('listitem', { name: 'Демоверсия ОГЭ по математике.pdf' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Материалы к экзаменам');
  await expect(row).toContainText('#огэ');
  await expect(row).toContainText(/400,\d КБ/);
  // Newest first: above the demo timetable.
  await expect(page.getByRole('list', { name: 'Документы школы' }).getByRole('listitem').first()).toHaveAccessibleName('Демоверсия ОГЭ по математике.pdf');
  await shot(page, testInfo, '03-list-admin');
  // DOC-2: the uploader finds it in «Мои документы», with where it is shared.
  await page.getByRole('link', { name: 'Мои документы', exact: true }).click();
  const mine = page.getByRole('listitem', { name: 'Демоверсия ОГЭ по математике.pdf' });
  await expect(mine).toContainText('Документы школы: Гимназия №1');
  await shot(page, testInfo, '03b-my-documents');
  await signOut(page);

  // A student of the same school, in another browser.
  const context = await browser.newContext({ locale: 'ru-RU', acceptDownloads: true });
  const student = await context.newPage();
  await signInOnNewDevice(student, demo.student, demoPassword);
  await openSchoolSection(student, 'Документы школы');
  await expect(student.getByRole('button', { name: 'Добавить документ' })).toHaveCount(0);
  await student.getByRole('combobox', { name: 'Тег' }).click();
  await student.getByRole('option', { name: '#огэ' }).click();
  const item = student.getByRole('listitem', { name: 'Демоверсия ОГЭ по математике.pdf' });
  await expect(item).toBeVisible();
  await expect(student.getByRole('listitem', { name: 'Расписание уроков 7А, I четверть' })).toHaveCount(0);

  // «Открыть»: the PDF opens in the browser, inline, as a PDF.
  const viewed = student.waitForEvent('popup');
  await item.getByRole('link', { name: 'Открыть' }).click();
  const tab = await viewed;
  const response = await tab.waitForEvent('response', { predicate: (r) => r.url().endsWith('/view') }).catch(() => null);
  await tab.waitForLoadState();
  expect(tab.url()).toMatch(/\/api\/files\/[0-9a-f-]+\/view$/);
  const head = await student.request.get(tab.url());
  expect(head.headers()['content-type']).toBe('application/pdf');
  expect(head.headers()['content-disposition']).toMatch(/^inline;/);
  expect(response === null || response.status() === 200).toBe(true);
  await tab.close();

  // «Скачать»: the same bytes, under the file's own name.
  const downloading = student.waitForEvent('download');
  await item.getByRole('link', { name: 'Скачать' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Демоверсия ОГЭ по математике.pdf');
  expect(readFileSync(await download.path()).equals(pdf)).toBe(true);
  await shot(student, testInfo, '04-list-student');

  await student.setViewportSize({ width: 375, height: 800 });
  await student.getByRole('combobox', { name: 'Тег' }).click();
  await student.getByRole('option', { name: 'Все теги' }).click();
  await expect(student.getByRole('listitem', { name: 'Расписание уроков 7А, I четверть' })).toBeVisible();
  await expectNoHorizontalScroll(student);
  await shot(student, testInfo, '05-list-student-375');

  // «Мои документы» is the student's own: nothing of the administrator's.
  await student.goto('/documents');
  await expect(student.getByRole('heading', { level: 1, name: 'Мои документы' })).toBeVisible();
  await expect(student.getByText('Демоверсия ОГЭ по математике.pdf')).toHaveCount(0);
  await context.close();
});

// DOC-3: a video plays in the page and seeks (HTTP ranges), under a poster.
test('videos: the teacher uploads a video; it plays in the page and seeks', async ({ page }, testInfo) => {
  const video206: { url: string; range: string | undefined }[] = [];
  page.on('response', (r) => {
    if (r.status() === 206 && /\/api\/files\/[0-9a-f-]+$/.test(r.url())) video206.push({ url: r.url(), range: r.headers()['content-range'] });
  });
  await signInOnNewDevice(page, demo.teacher, demoPassword);
  await openSchoolSection(page, 'Видео школы');
  await page.getByRole('button', { name: 'Добавить видео' }).click();
  const dialog = page.getByRole('dialog', { name: 'Добавить видео' });
  await expect(dialog.getByText('Форматы: MP4 или WebM.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Название' }).fill('Опыт с маятником');
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Загрузить видео' }).click();
  await (await chooser).setFiles(path.join(e2eDir, 'fixtures', 'lesson.mp4'));
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  const card = page.getByRole('listitem', { name: 'Опыт с маятником' });
  await expect(card).toBeVisible();
  const video = card.locator('video');
  const poster = await video.getAttribute('poster');
  expect(poster).toMatch(/^\/api\/files\/[0-9a-f-]+\/preview$/);
  const posterImage = await page.request.get(poster ?? '');
  expect(posterImage.status()).toBe(200);
  expect(posterImage.headers()['content-type']).toBe('image/jpeg');
  await shot(page, testInfo, '01-videos');

  // Seek to 3 s: the browser reads the file by byte ranges (206) and can show the frame there.
  const size = readFileSync(path.join(e2eDir, 'fixtures', 'lesson.mp4')).length;
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    v.load();
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  const state = await video.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<{ time: number; ready: number; error: number | null; duration: number }>((resolve) => {
        v.addEventListener('seeked', () => resolve({ time: v.currentTime, ready: v.readyState, error: v.error?.code ?? null, duration: v.duration }), { once: true });
        v.currentTime = 3;
      }),
  );
  expect(state.error).toBeNull();
  expect(state.duration).toBeGreaterThan(5);
  expect(Math.abs(state.time - 3)).toBeLessThan(0.5);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
  const src = await video.evaluate((v: HTMLVideoElement) => v.currentSrc);
  expect(video206.filter((r) => r.url === src).length).toBeGreaterThan(0);
  for (const r of video206.filter((x) => x.url === src)) expect(r.range).toMatch(new RegExp(`^bytes \\d+-\\d+/${size}$`));
  await video.evaluate((v: HTMLVideoElement) => v.play());
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(3.2);
  expect(await video.evaluate((v: HTMLVideoElement) => v.error)).toBeNull();
  await video.evaluate((v: HTMLVideoElement) => v.pause());
  await shot(page, testInfo, '02-video-seeked');

  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await expect(card).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, '03-videos-375');
});

// Photos: a profile photo shows in the header; the school's logo on its page.
test('photos: a profile photo uploaded shows in the header and in the school lists; the administrator sets the logo', async ({ page }, testInfo) => {
  const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#2f7d5b' } })
    .composite([{ input: Buffer.from('<svg width="900" height="600"><circle cx="450" cy="300" r="200" fill="#f2c14e"/></svg>'), top: 0, left: 0 }])
    .jpeg()
    .withExif({ IFD0: { Make: 'PartaPhone' } })
    .toBuffer();
  await signInOnNewDevice(page, demo.teacher, demoPassword);
  await page.getByRole('link', { name: 'Профиль', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Фотография' })).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Загрузить фото' }).click();
  await (await chooser).setFiles({ name: 'IMG_2040.jpg', mimeType: 'image/jpeg', buffer: photo });
  const headerPhoto = page.getByRole('banner').locator('img');
  await expect(headerPhoto).toHaveAttribute('src', /^\/api\/files\/[0-9a-f-]+\/preview$/);
  await expect.poll(() => headerPhoto.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(256);
  await expect(page.getByRole('button', { name: 'Удалить фото' })).toBeVisible();
  await shot(page, testInfo, '01-profile-photo');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Фотография' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, '02-profile-photo-375');
  await page.setViewportSize({ width: 1280, height: 800 });

  // On the school page, her photo is in the teachers' list.
  const src = await headerPhoto.getAttribute('src');
  await page.getByRole('link', { name: /^Моя школа/ }).click();
  await expect(page.locator(`main img[src="${src}"]`).first()).toBeVisible();
  await signOut(page);

  await signInOnNewDevice(page, demo.admin, demoPassword);
  await openSchoolSection(page, 'Информация');
  const logoChooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Загрузить логотип' }).click();
  await (await logoChooser).setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await sharp(photo).png().toBuffer() });
  await expect(page.getByRole('button', { name: 'Удалить логотип' })).toBeVisible();
  await page.getByRole('link', { name: /^Моя школа/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Гимназия №1' })).toBeVisible();
  await expect.poll(() => page.locator('main img[src$="/preview"]').first().evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(256);
  await shot(page, testInfo, '03-school-logo');
});
