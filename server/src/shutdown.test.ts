import { socketCloseCodes } from '@parta/contracts';
import { describe, expect, it } from 'vitest';
import { insertChat } from './realtime/testing/fixtures.js';
import { socketTestApp } from './realtime/testing/socketTestApp.js';
import { stopGracefully } from './shutdown.js';
import { freshSchool } from './test/factories.js';

describe('a graceful stop (SIGTERM)', () => {
  it('answers the sends in flight, moves every socket with «restarting», stops listening and exits 0', { timeout: 60_000 }, async () => {
    const app = await socketTestApp({ SOCKET_MESSAGES_PER_10S: '1000' });
    const { ctx, base } = app;
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const [teacher, student] = await Promise.all([app.connect(f.cookies.teacher), app.connect(f.cookies.student)]);
    for (const c of [teacher, student]) {
      c.send({ t: 'resume', chats: { [chatId]: 0 } });
      await c.next('resumed');
    }
    const codes = [teacher, student].map((c) => new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code))));
    const exits: number[] = [];
    let closedRest = false;
    const stop = stopGracefully({
      app: ctx.app, db: ctx.deps.db, exit: (code) => exits.push(code),
      closeRest: async () => {
        closedRest = true;
      },
    });

    // Forty sends written; once the first is answered the node has read them all (a few commits go on): the stop
    // begins then, and each is answered before the socket closes.
    const refs = Array.from({ length: 40 }, (_, i) => `stop-${i}`);
    for (const ref of refs) teacher.send({ t: 'send', ref, chatId, clientId: ref, text: `до остановки ${ref}` });
    await teacher.next('ack');
    await stop();
    expect(await Promise.all(codes)).toEqual([socketCloseCodes.restarting, socketCloseCodes.restarting]);
    const acked = teacher.frames.filter((x) => x.t === 'ack').map((x) => (x.t === 'ack' ? x.ref : ''));
    expect(acked.sort()).toEqual([...refs].sort());
    expect(exits).toEqual([0]);
    expect(closedRest).toBe(true);
    // No longer listening: a new connection is refused, so a proxy sends it to another node.
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    // A second signal (systemd's stop after a restart's) is the same stop, not a second one.
    await stop();
    expect(exits).toEqual([0]);
  });
});
