import { shot } from '../support/screens.js';
import { SocketRelay } from '../support/socketRelay.js';
import { expect, test } from '../support/test.js';
import { closeAll, createClassChat, expectClean, history, say, teacherAndStudent, uniqueName } from './chat-support.js';

// Issue 3, «How it works»: a client that reconnects sends the last sequence it saw and receives exactly
// the events it missed — no gaps, no duplicates — here in a real browser, through the app's own socket.
test('vii: a student whose connection drops gets every missed message once, in order, after reconnecting', async ({ browser }, testInfo) => {
  const { teacher, student } = await teacherAndStudent(browser);
  const relay = new SocketRelay();
  await student.context.routeWebSocket(/\/api\/socket$/, relay.handle);

  const name = uniqueName('7А — Связь');
  await createClassChat(teacher.page, name);
  await say(teacher.page, 'Первое сообщение, до обрыва');

  // The student opens the chat (after the route is set: a reload makes the socket go through the relay).
  await student.page.reload();
  await student.page.getByRole('link', { name: /^Сообщения/ }).click();
  await student.page.getByRole('link', { name: new RegExp(name) }).click();
  await expect(history(student.page)).toContainText('Первое сообщение, до обрыва');
  const chatId = new URL(student.page.url()).pathname.split('/').pop()!;
  await expect.poll(() => relay.received[relay.connections - 1]?.some((f) => f.t === 'resumed')).toBe(true);

  await relay.drop();
  await expect(student.page.getByText(/Нет связи с сервером/).first()).toBeVisible();
  await shot(student.page, testInfo, '01-student-offline');

  const missed = Array.from({ length: 12 }, (_, i) => `Пропущенное сообщение №${i + 1}`);
  for (const text of missed) await say(teacher.page, text);
  // Still away: nothing new has reached the student's screen.
  await expect(history(student.page)).not.toContainText(missed[0]!);

  relay.reconnect();
  await expect(student.page.getByText(/Нет связи с сервером/)).toHaveCount(0, { timeout: 30_000 });
  for (const text of missed) await expect(history(student.page).getByText(text, { exact: true })).toHaveCount(1);
  await shot(student.page, testInfo, '02-student-back');

  // The connection that got through asked to resume this chat from the last seq it saw…
  const back = relay.connections - 1;
  expect(back, 'a new connection, not the one that was cut').toBeGreaterThan(0);
  await expect.poll(() => relay.received[back]!.some((f) => f.t === 'resumed')).toBe(true);
  const resume = relay.sent[back]!.find((f) => f.t === 'resume');
  expect(resume?.chats?.[chatId], 'resume names the chat with the seq last seen').toBeGreaterThan(0);
  // …and the server replayed exactly the missed messages: each once, in order, with consecutive seqs.
  const replayed = relay.received[back]!.filter((f) => f.t === 'event' && f.chatId === chatId && f.event?.type === 'message.created');
  expect(replayed.map((f) => f.event?.message?.text)).toEqual(missed);
  const seqs = replayed.map((f) => f.seq!);
  expect(seqs[0]).toBe(resume!.chats![chatId]! + 1);
  expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));

  // On screen: everything once, in the order it was written.
  const texts = await history(student.page).getByText(/^(Первое сообщение, до обрыва|Пропущенное сообщение №\d+)$/).allTextContents();
  expect(texts).toEqual(['Первое сообщение, до обрыва', ...missed]);

  // And the chat is live again.
  await say(teacher.page, 'Снова на связи');
  await expect(history(student.page).getByText('Снова на связи', { exact: true })).toHaveCount(1);
  await expectClean(teacher, student);
  await closeAll(teacher, student);
});
