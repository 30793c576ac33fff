import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchool } from '../test/factories.js';
import { insertChat } from './testing/fixtures.js';
import type { SocketClient } from './testing/socketClient.js';
import { type SocketTestApp, socketTestApp } from './testing/socketTestApp.js';

/**
 * Socket frames carry typed text too (a message sent from the chat screen, the positions of a resume):
 * NUL, an unpaired surrogate or 40 kB in any string of a frame is answered like any bad input — an ack
 * of the cleaned text or a nack with a code other than «internal» — and the socket stays usable.
 */
const typedText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udbff\u0000', '\u202e', '👩‍👩‍👧‍👦', '', ' '),
  // 40 kB of UTF-8: a frame over the socket's 64 KiB cap closes the socket (1009) before any parsing.
  fc.constant('я'.repeat(20_000)),
);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

let app: SocketTestApp;
let socket: SocketClient;
let chatId: string;
beforeAll(async () => {
  // 110 sends in a few seconds, far faster than a person types: the message budget is raised.
  app = await socketTestApp({ SOCKET_MESSAGES_PER_10S: '10000', SOCKET_FRAMES_PER_10S: '100000' });
  const f = await freshSchool(app.ctx);
  chatId = await insertChat(app.ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
  socket = await app.connect(f.cookies.teacher);
  socket.send({ t: 'resume', chats: { [chatId]: 0 } });
  await socket.next('resumed');
});
afterAll(() => app.close());

let refs = 0;
/** Sends a frame with a fresh ref and returns its ack or nack. */
async function answerTo(frame: Record<string, unknown>) {
  refs += 1;
  const ref = `r${refs}`;
  socket.send({ ...frame, ref });
  return socket.waitFor((f) => (f.t === 'ack' || f.t === 'nack') && f.ref === ref);
}

describe('socket frames take anything a person can type', () => {
  it('send: the text is stored cleaned (no NUL, no unpaired surrogate) or refused with invalid_input', async () => {
    await fc.assert(
      fc.asyncProperty(typedText, async (text) => {
        const answer = await answerTo({ t: 'send', chatId, clientId: crypto.randomUUID(), text });
        const seen = `${JSON.stringify(text.slice(0, 40))} → ${JSON.stringify(answer).slice(0, 200)}`;
        if (answer.t === 'nack') {
          expect(answer.error.code, seen).not.toBe('internal');
          return;
        }
        expect(answer.t, seen).toBe('ack');
        if (answer.t !== 'ack') return;
        expect(answer.message.text, seen).not.toContain('\u0000');
        expect(LONE_SURROGATE.test(answer.message.text ?? ''), seen).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('send: the ref, the clientId and the chat id take anything too', async () => {
    await fc.assert(
      fc.asyncProperty(typedText, fc.constantFrom('clientId', 'chatId', 'replyToId'), async (text, field) => {
        const answer = await answerTo({ t: 'send', chatId, clientId: crypto.randomUUID(), text: 'Привет', [field]: text });
        if (answer.t === 'nack') expect(answer.error.code, `${field}=${JSON.stringify(text.slice(0, 40))}`).not.toBe('internal');
      }),
      { numRuns: 40 },
    );
  });

  it('resume with typed chat ids as keys, typing and read with typed ids: no «internal», and the socket still answers', async () => {
    await fc.assert(
      fc.asyncProperty(typedText, async (text) => {
        socket.send({ t: 'resume', chats: { [text]: 0, [chatId]: 0 } });
        socket.send({ t: 'typing', chatId: text });
        socket.send({ t: 'read', chatId: text, seq: 1 });
        socket.send({ t: 'lesson.chat', lessonId: crypto.randomUUID(), text });
        const answer = await answerTo({ t: 'send', chatId, clientId: crypto.randomUUID(), text: 'Я здесь' });
        expect(answer.t).toBe('ack');
      }),
      { numRuns: 30 },
    );
    expect(socket.frames.filter((f) => f.t === 'nack' && f.error.code === 'internal')).toEqual([]);
  });
});
