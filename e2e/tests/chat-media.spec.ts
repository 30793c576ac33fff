import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/axe.js';
import { withinBudget } from '../support/budget.js';
import { e2eDir } from '../support/paths.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, createClassChat, expectClean, history, say, teacherAndStudent, uniqueName } from './chat-support.js';

// Issue 12, item 5: a chat that behaves like a messenger — pictures pasted or dropped, a chat of photos that opens
// at its newest message and stays there while they load, Esc and ↑ in the input.
const board = readFileSync(path.join(e2eDir, 'fixtures', 'board.png'));
const poster = readFileSync(path.join(e2eDir, 'fixtures', 'poster.png'));

interface FileSpec {
  name: string;
  type: string;
  base64: string;
}
const spec = (name: string, type: string, bytes: Buffer): FileSpec => ({ name, type, base64: bytes.toString('base64') });

/** Pastes files into the composer as the browser does on Ctrl+V: a real ClipboardEvent with a DataTransfer of Files. */
async function pasteFiles(page: Page, files: FileSpec[]) {
  const input = page.getByRole('textbox', { name: 'Сообщение' });
  await input.focus();
  await input.evaluate((el, specs) => {
    const data = new DataTransfer();
    for (const f of specs) data.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, files);
}

/** Drags files over `target` (real DragEvents carrying a DataTransfer of Files); `drop` ends the drag by dropping them. */
async function dragFiles(target: Locator, files: FileSpec[], events: Array<'dragenter' | 'dragover' | 'drop'>) {
  await target.evaluate(
    (el, { specs, types }) => {
      const data = new DataTransfer();
      for (const f of specs) data.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      for (const type of types) el.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { specs: files, types: events },
  );
}

/** How far the chat's history is from its end, in pixels (0: at the newest message). */
const distanceFromBottom = (page: Page) => history(page).evaluate((el) => Math.round(el.scrollHeight - el.scrollTop - el.clientHeight));

/** Every picture in the visible part of the history has arrived and been decoded. */
const visiblePicturesLoaded = (page: Page) =>
  history(page).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const shown = [...el.querySelectorAll('img')].filter((img) => {
      const r = img.getBoundingClientRect();
      return r.bottom > box.top && r.top < box.bottom;
    });
    return shown.length > 0 && shown.every((img) => img.complete && img.naturalWidth > 0);
  });

test.describe('a chat like a messenger', () => {
  // Two people in two browsers, fifteen uploads and pictures held back on purpose: minutes on a busy two-core machine.
  test.describe.configure({ timeout: 300_000 });

  test('i: a pasted picture and dropped files are previewed, sent with a caption and seen by the other person', async ({ browser }, testInfo) => {
    const { teacher, student } = await teacherAndStudent(browser);
    const name = uniqueName('7А — Геометрия');
    const chatPath = await createClassChat(teacher.page, name);
    await student.page.goto(chatPath);
    await expect(student.page.getByRole('heading', { level: 1, name })).toBeVisible();

    // Ctrl+V of a picture: the dialog shows it, its name and size, a caption; «Отмена» sends nothing.
    await pasteFiles(teacher.page, [spec('doska.png', 'image/png', board)]);
    const dialog = teacher.page.getByRole('dialog', { name: 'Отправить файлы' });
    await expect(dialog.getByRole('img', { name: 'Изображение: doska.png' })).toBeVisible();
    await expect(dialog).toContainText('doska.png');
    await expect(dialog).toContainText('42,6 КБ');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await expect(dialog).toHaveCount(0);

    await pasteFiles(teacher.page, [spec('doska.png', 'image/png', board)]);
    await dialog.getByRole('textbox', { name: 'Подпись' }).fill('Доска после урока');
    await shot(teacher.page, testInfo, '01-teacher-pasted-preview');
    await expectNoA11yViolations(teacher.page, '[role="dialog"]');
    // On a phone the dialog fits the width; its buttons are reached by scrolling it.
    await teacher.page.setViewportSize({ width: 390, height: 844 });
    await expectNoHorizontalScroll(teacher.page);
    await dialog.getByRole('button', { name: 'Отправить' }).scrollIntoViewIfNeeded();
    await shot(teacher.page, testInfo, '01-teacher-pasted-preview-390');
    await teacher.page.setViewportSize({ width: 1280, height: 800 });
    await dialog.getByRole('button', { name: 'Отправить' }).click();
    await expect(dialog).toHaveCount(0);

    const picture = history(student.page).getByRole('img', { name: 'Изображение: doska.png' });
    await expect(picture).toBeVisible();
    await expect(history(student.page)).toContainText('Доска после урока');
    // The thumbnail, not the 1200 px original; its box was known before it loaded.
    await expect(picture).toHaveAttribute('src', /\/api\/files\/[0-9a-f-]+\/thumb\/640$/);
    await expect(picture).toHaveAttribute('data-reserved', 'size');
    // At 320 CSS px on a 1× screen the 640 px thumbnail is the one chosen from the srcset, never the original.
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.currentSrc)).toMatch(/\/thumb\/640$/);
    const shown = await picture.boundingBox();
    expect(Math.round((shown?.width ?? 0) / (shown?.height ?? 1) * 100) / 100).toBeCloseTo(1.5, 1);
    // A click opens the original.
    await expect(history(student.page).getByRole('link', { name: 'Изображение: doska.png' })).toHaveAttribute('href', /\/preview$/);

    // Files dragged over the chat: «Перетащите файлы сюда»; dropped: a preview of both, then both are sent.
    const dropped = [spec('plakat.png', 'image/png', poster), spec('zadanie.txt', 'text/plain', Buffer.from('Задачи 15–18 на странице 42'))];
    const chat = teacher.page.getByTestId('chat-history');
    await dragFiles(chat, dropped, ['dragenter', 'dragover']);
    await expect(teacher.page.getByText('Перетащите файлы сюда')).toBeVisible();
    await shot(teacher.page, testInfo, '02-teacher-drop-zone');
    await dragFiles(chat, dropped, ['drop']);
    await expect(teacher.page.getByText('Перетащите файлы сюда')).toHaveCount(0);
    await expect(dialog.getByRole('img', { name: 'Изображение: plakat.png' })).toBeVisible();
    await expect(dialog).toContainText('zadanie.txt');
    await expect(dialog).toContainText('Б');
    // One more file dropped onto the open dialog joins the others.
    await dragFiles(dialog, [spec('plakat-2.png', 'image/png', poster)], ['dragenter', 'dragover', 'drop']);
    await expect(dialog.getByRole('listitem')).toHaveCount(3);
    await dialog.getByRole('button', { name: 'Убрать: plakat-2.png' }).click();
    await expect(dialog.getByRole('listitem')).toHaveCount(2);
    await shot(teacher.page, testInfo, '03-teacher-dropped-preview');
    await dialog.getByRole('button', { name: 'Отправить' }).click();
    await expect(dialog).toHaveCount(0);

    await expect(history(student.page).getByRole('img', { name: 'Изображение: plakat.png' })).toBeVisible();
    await expect(history(student.page).getByRole('img', { name: 'Изображение: plakat-2.png' })).toHaveCount(0);
    await expect(history(student.page).getByRole('link', { name: 'zadanie.txt' })).toHaveAttribute('href', /^\/api\/files\/[0-9a-f-]+$/);
    await expect.poll(() => distanceFromBottom(student.page)).toBeLessThan(2);
    await shot(student.page, testInfo, '04-student-sees-pictures');
    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });

  test('ii: a chat of photos opens at its newest message and stays there while slow pictures load, at 1280 and 390 px', async ({ browser }, testInfo) => {
    const { teacher, student } = await teacherAndStudent(browser);
    const name = uniqueName('7А — Фотоальбом');
    const chatPath = await createClassChat(teacher.page, name);
    const chatId = chatPath.split('/').pop() ?? '';
    // Seeded through the API: 14 photo messages (landscape and portrait) between short texts, then one last text.
    for (let i = 1; i <= 14; i++) {
      const [file, fileName] = i % 3 === 0 ? [poster, `plakat-${i}.png`] : [board, `doska-${i}.png`];
      const up = await withinBudget(() =>
        teacher.page.request.post('/api/files', { multipart: { file: { name: fileName, mimeType: 'image/png', buffer: file } } }),
      );
      expect(up.status()).toBe(201);
      const fileId = ((await up.json()) as { data: { id: string } }).data.id;
      const sent = await withinBudget(() =>
        teacher.page.request.post(`/api/chats/${chatId}/messages`, {
          data: { clientId: `album-${chatId}-${i}`, text: `Фото ${i}`, fileIds: [fileId] },
        }),
      );
      expect(sent.status()).toBe(201);
    }
    const last = await teacher.page.request.post(`/api/chats/${chatId}/messages`, {
      data: { clientId: `album-${chatId}-last`, text: 'Это последнее сообщение альбома.' },
    });
    expect(last.status()).toBe(201);

    // Every thumbnail takes 1.5 s to arrive, as on a slow mobile network.
    let delayed = 0;
    await student.context.route('**/api/files/*/thumb/*', async (route) => {
      delayed += 1;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });

    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      await student.page.setViewportSize(viewport);
      await student.page.goto(chatPath);
      const lastMessage = history(student.page).getByText('Это последнее сообщение альбома.');
      await expect(lastMessage).toBeInViewport();
      expect(await distanceFromBottom(student.page)).toBeLessThan(2);
      const heightBefore = await history(student.page).evaluate((el) => el.scrollHeight);
      // The pictures are still on their way: their boxes are already the size they will have.
      await expect.poll(() => visiblePicturesLoaded(student.page), { timeout: 30_000 }).toBe(true);
      expect(delayed).toBeGreaterThan(0);
      expect(await history(student.page).evaluate((el) => el.scrollHeight)).toBe(heightBefore);
      expect(await distanceFromBottom(student.page)).toBeLessThan(2);
      await expect(lastMessage).toBeInViewport();
      if (viewport.width === 390) await expectNoHorizontalScroll(student.page);
      await shot(student.page, testInfo, `01-student-album-${viewport.width}`);
    }

    await expectNoA11yViolations(student.page);

    // A new message while at the bottom: followed. After scrolling up: «Новые сообщения ↓» takes the reader down.
    await say(teacher.page, 'Завтра принесите альбомы.');
    await expect(history(student.page).getByText('Завтра принесите альбомы.')).toBeInViewport();
    await expect.poll(() => distanceFromBottom(student.page)).toBeLessThan(2);
    await history(student.page).evaluate((el) => el.scrollBy(0, -600));
    await expect(student.page.getByRole('button', { name: 'К последним сообщениям' })).toBeVisible();
    await say(teacher.page, 'И цветные карандаши.');
    const jump = student.page.getByRole('button', { name: /^Новые сообщения: 1/ });
    await expect(jump).toBeVisible();
    await expect(jump).toContainText('Новые сообщения');
    await expect(history(student.page).getByText('И цветные карандаши.')).not.toBeInViewport();
    await shot(student.page, testInfo, '02-student-new-messages-below');
    await expectNoA11yViolations(student.page);
    await jump.click();
    await expect(history(student.page).getByText('И цветные карандаши.')).toBeInViewport();
    await expect(jump).toHaveCount(0);
    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });

  test('iii: Esc cancels a reply or an edit; ↑ in the empty input edits my last message', async ({ browser }, testInfo) => {
    const { teacher, student } = await teacherAndStudent(browser);
    const name = uniqueName('7А — Литература');
    const chatPath = await createClassChat(teacher.page, name);
    await student.page.goto(chatPath);
    await say(student.page, 'Какие стихи учить?');
    await say(teacher.page, 'Пушкин, «Зимнее утро»');
    const input = teacher.page.getByRole('textbox', { name: 'Сообщение' });

    // A reply, then Esc: the quote goes, nothing is sent.
    await history(teacher.page).getByRole('listitem').filter({ hasText: 'Какие стихи учить?' })
      .getByRole('button', { name: 'Действия с сообщением' }).click();
    await teacher.page.getByRole('menuitem', { name: 'Ответить' }).click();
    await expect(teacher.page.getByText(/^Ответ: Волков/)).toBeVisible();
    await expect(input).toBeFocused();
    await input.press('Escape');
    await expect(teacher.page.getByText(/^Ответ:/)).toHaveCount(0);

    // ↑ in the empty input: my last message comes into it; Esc gives the input back empty and changes nothing.
    await input.press('ArrowUp');
    await expect(teacher.page.getByText('Изменение сообщения')).toBeVisible();
    await expect(input).toHaveValue('Пушкин, «Зимнее утро»');
    await shot(teacher.page, testInfo, '01-teacher-editing-last');
    await input.press('Escape');
    await expect(teacher.page.getByText('Изменение сообщения')).toHaveCount(0);
    await expect(input).toHaveValue('');

    // ↑ again, change, Enter: saved, and the other person sees it.
    await input.press('ArrowUp');
    await expect(input).toHaveValue('Пушкин, «Зимнее утро»');
    await input.fill('Пушкин, «Зимнее утро», первые две строфы');
    await input.press('Enter');
    await expect(teacher.page.getByText('Изменение сообщения')).toHaveCount(0);
    await expect(history(student.page)).toContainText('Пушкин, «Зимнее утро», первые две строфы');
    await expect(history(student.page).getByRole('listitem').filter({ hasText: 'первые две строфы' })).toContainText('изменено');
    // ↑ with text in the input is only the caret's key.
    await input.fill('черновик');
    await input.press('ArrowUp');
    await expect(teacher.page.getByText('Изменение сообщения')).toHaveCount(0);
    await expect(input).toHaveValue('черновик');
    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });
});
