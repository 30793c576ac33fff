import { copyFileSync, mkdirSync, truncateSync } from 'node:fs';
import path from 'node:path';
import type { Page, Request } from '@playwright/test';
import { demo, demoPassword } from '../support/accounts.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { signInOnNewDevice } from '../support/flows.js';
import { e2eDir, tmpDir } from '../support/paths.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';

const MB = 1024 * 1024;
/** The upload's pieces (tus-js-client's chunkSize in the app): the most one PATCH sends. */
const CHUNK = 64 * MB;

/** A real MP4 (the fixture) padded with zeros to `size` bytes: the server judges a video by its first bytes. */
function paddedVideo(name: string, size: number): string {
  mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, name);
  copyFileSync(path.join(e2eDir, 'fixtures', 'lesson.mp4'), file);
  truncateSync(file, size);
  return file;
}

/** Slows uploads with Chromium's network emulation so half-way can be caught on a loopback that is otherwise instant. */
async function limitUploads(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
  return () => cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

/** Every PATCH of a tus upload: the offset it started from. */
function recordPatches(page: Page) {
  const offsets: number[] = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'PATCH' && /\/api\/uploads\//.test(r.url())) offsets.push(Number(r.headers()['upload-offset']));
  });
  return offsets;
}

async function openVideos(page: Page) {
  await page.getByRole('link', { name: /^Моя школа/ }).click();
  await page.getByRole('navigation', { name: 'Меню школы' }).first().getByRole('link', { name: 'Видео школы', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Видео школы' })).toBeVisible();
}

async function startVideoUpload(page: Page, title: string, file: string) {
  await page.getByRole('button', { name: 'Добавить видео' }).click();
  const dialog = page.getByRole('dialog', { name: 'Добавить видео' });
  // The school's own limit for videos, not the 50 MB of ordinary files.
  await expect(dialog.getByText('Размер файла — не больше 2 ГБ.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Название' }).fill(title);
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Загрузить видео' }).click();
  await (await chooser).setFiles(file);
  return dialog;
}

const percentOf = (page: Page) =>
  page.getByRole('progressbar', { name: 'Ход загрузки' }).evaluate((el) => Number(el.getAttribute('aria-valuenow') ?? 0));

test('a 300 MB lesson recording: the connection is cut half-way, the screen says it waits, and the upload goes on from where it stopped', async ({ page, context }, testInfo) => {
  test.setTimeout(240_000);
  const size = 300 * MB;
  const file = paddedVideo('lesson-300mb.mp4', size);
  const patches = recordPatches(page);
  await signInOnNewDevice(page, demo.admin, demoPassword);
  await openVideos(page);
  const unlimit = await limitUploads(page, 40 * MB);
  const dialog = await startVideoUpload(page, 'Запись урока: 300 МБ', file);

  await expect.poll(() => percentOf(page), { timeout: 60_000, intervals: [100] }).toBeGreaterThanOrEqual(50);
  await context.setOffline(true);
  await expect(dialog.getByRole('status').filter({ hasText: 'Нет соединения. Загрузка продолжится, когда связь вернётся' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Продолжить' })).toBeVisible();
  await expect(dialog.getByText(/^\d+ % · [\d,]+ МБ из 300 МБ$/)).toBeVisible();
  const cutAt = await percentOf(page);
  expect(cutAt).toBeGreaterThanOrEqual(50);
  await shot(page, testInfo, '01-offline-1280');
  await expectNoA11yViolations(page, '[role="dialog"]');
  const beforeReconnect = patches.length;

  await context.setOffline(false);
  await unlimit();
  await expect(dialog).toBeHidden({ timeout: 120_000 });

  // After the connection came back the client asked the server where it stood and went on from there:
  // the next PATCH starts past half of the file, and all PATCHes together sent well under 1.5 times its size.
  const resumed = patches.slice(beforeReconnect);
  expect(resumed.length).toBeGreaterThan(0);
  expect(resumed[0]).toBeGreaterThanOrEqual(size / 2 - CHUNK);
  expect(patches.filter((o) => o === 0)).toHaveLength(1);
  const sentAtMost = patches.reduce((sum, o) => sum + Math.min(CHUNK, size - o), 0);
  expect(sentAtMost).toBeLessThan(1.5 * size);

  const card = page.getByRole('listitem', { name: 'Запись урока: 300 МБ' });
  await expect(card).toBeVisible();
  await expect(card.getByText(/^300 МБ/)).toBeVisible();
  await shot(page, testInfo, '02-uploaded-1280');
});

test('«Пауза» stops a big upload, «Продолжить» and a page reload go on from the same place, at phone width', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const size = 120 * MB;
  const file = paddedVideo('lesson-120mb.mp4', size);
  const patches = recordPatches(page);
  await signInOnNewDevice(page, demo.admin, demoPassword);
  await openVideos(page);
  await page.setViewportSize({ width: 390, height: 844 });
  const unlimit = await limitUploads(page, 30 * MB);
  const dialog = await startVideoUpload(page, 'Запись урока на паузе', file);

  await expect.poll(() => percentOf(page), { timeout: 60_000, intervals: [100] }).toBeGreaterThanOrEqual(20);
  await dialog.getByRole('button', { name: 'Пауза' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'На паузе' })).toBeVisible();
  const paused = await percentOf(page);
  await page.waitForTimeout(1500);
  expect(await percentOf(page)).toBe(paused);
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, '01-paused-390');
  await expectNoA11yViolations(page, '[role="dialog"]');
  const beforeResume = patches.length;

  await dialog.getByRole('button', { name: 'Продолжить' }).click();
  await expect.poll(() => patches.length).toBeGreaterThan(beforeResume);
  expect(patches[beforeResume]).toBeGreaterThan(0);
  await expect.poll(() => percentOf(page), { timeout: 60_000, intervals: [100] }).toBeGreaterThanOrEqual(paused + 10);

  // The page is reloaded mid-way: the same file chosen again continues where the server stopped (the upload's
  // address was kept in the browser), it does not start over.
  await page.reload();
  await unlimit();
  const beforeReload = patches.length;
  const again = await startVideoUpload(page, 'Запись урока на паузе', file);
  await expect(again).toBeHidden({ timeout: 120_000 });
  expect(patches[beforeReload]).toBeGreaterThan(0);
  expect(patches.filter((o) => o === 0)).toHaveLength(1);
  const card = page.getByRole('listitem', { name: 'Запись урока на паузе' });
  await expect(card).toBeVisible();
  await expect(card.getByText(/^120 МБ/)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, '02-uploaded-390');
});

test('the administration sets «Максимальный размер видео»; a bigger video is refused with the limit named', async ({ page }, testInfo) => {
  await signInOnNewDevice(page, demo.admin, demoPassword);
  await page.getByRole('link', { name: /^Моя школа/ }).click();
  await page.getByRole('navigation', { name: 'Меню школы' }).first().getByRole('link', { name: 'Информация', exact: true }).click();
  const schoolId = /\/schools\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  expect(schoolId).toBeTruthy();
  const settings = page.getByRole('region', { name: 'Настройки' });
  const field = settings.getByRole('textbox', { name: 'Максимальный размер видео, ГБ' });
  await expect(field).toHaveValue('2');
  await field.fill('0,1');
  await settings.getByRole('button', { name: 'Сохранить' }).click();
  await expect(settings.getByRole('status')).toHaveText('Сохранено');
  await shot(page, testInfo, '01-settings-1280');
  await expectNoA11yViolations(page, 'section[aria-labelledby="school-settings-title"]');

  try {
    await openVideos(page);
    await page.getByRole('button', { name: 'Добавить видео' }).click();
    const dialog = page.getByRole('dialog', { name: 'Добавить видео' });
    await expect(dialog.getByText('Размер файла — не больше 102,4 МБ.')).toBeVisible();
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Загрузить видео' }).click();
    await (await chooser).setFiles(paddedVideo('lesson-120mb.mp4', 120 * MB));
    await expect(dialog.getByText('Файл слишком большой: можно не больше 102,4 МБ')).toBeVisible();
  } finally {
    // Other specs upload videos as the demo school: its limit goes back to 2 GB.
    await page.request.patch(`/api/schools/${schoolId}`, { data: { videoMaxBytes: 2 * 1024 ** 3 } });
  }
});
