import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabaseUrl } from '../test/pgTestDatabase.js';
import type { SeededPeople } from './testing/seed.js';
import { type ServerProcess, startServerProcess, UNLIMITED_SOCKETS } from './testing/serverProcess.js';
import { SocketClient, sleep } from './testing/socketClient.js';

interface Acked {
  clientId: string;
  id: string;
  seq: number;
  text: string;
}

/**
 * The crash test: a real server process is killed with SIGKILL while three clients send;
 * after a restart on the same data every message whose send was acknowledged is there, with the seq
 * it was acknowledged with, in order, with no gaps. On embedded PGlite (its data directory survives
 * the process) in `npm test`; on the PostgreSQL server in `npm run test:pg`.
 */
describe('crash safety', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parta-crash-'));
  const servers: ServerProcess[] = [];
  const sockets: SocketClient[] = [];
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close().catch(() => undefined)));
    for (const s of servers) await s.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every acknowledged message survives SIGKILL, in order', { timeout: 240_000 }, async () => {
    const server = process.env.TEST_DATABASE_URL;
    // Three people sending as fast as acks come back: a load far past a person's message budget.
    const env: Record<string, string> = { DATA_DIR: dataDir, ...UNLIMITED_SOCKETS, ...(server ? { DATABASE_URL: await createTestDatabaseUrl(server) } : {}) };
    const first = await startServerProcess({ ...env, SEED_PEOPLE: '3', SEED_CHAT_SIZE: '3' });
    servers.push(first);
    const fixture = JSON.parse(readFileSync(path.join(dataDir, 'fixture.json'), 'utf8')) as SeededPeople;
    const chatId = fixture.chatIds[0]!;
    const clients = await Promise.all(fixture.cookies.map((c) => SocketClient.connect(first.url, c)));
    sockets.push(...clients);

    const acked: Acked[][] = clients.map(() => []);
    const unacked: { clientId: string; text: string }[] = [];
    let killed = false;
    const senders = clients.map(async (c, who) => {
      for (let i = 0; !killed; i++) {
        const clientId = `p${who}-${i}`;
        const text = `ученик ${who}: сообщение ${i}`;
        try {
          const res = await c.sendMessage(chatId, text, clientId);
          if (res.t === 'ack') acked[who]!.push({ clientId, id: res.message.id, seq: res.message.seq, text });
        } catch {
          unacked.push({ clientId, text });
          return;
        }
      }
    });
    // Let the writer get busy, then pull the plug mid-stream.
    while (acked.flat().length < 60) await sleep(20);
    killed = true;
    first.child.kill('SIGKILL');
    await Promise.all(senders);
    expect(first.child.signalCode ?? (await new Promise((r) => first.child.once('exit', (_c, s) => r(s))))).toBe('SIGKILL');

    const second = await startServerProcess(env);
    servers.push(second);
    const reader = await SocketClient.connect(second.url, fixture.cookies[0]!);
    sockets.push(reader);
    reader.send({ t: 'resume', chats: { [chatId]: 0 } });
    await reader.next('resumed', 30_000);
    const stored = reader.events(chatId).flatMap((e) => (e.event.type === 'message.created' ? [{ seq: e.seq, m: e.event.message }] : []));

    // No gaps, no repeats: the log after the crash is 1..n.
    expect(stored.map((s) => s.seq)).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
    const byClientId = new Map(stored.map((s) => [s.m.clientId, s]));
    expect(byClientId.size).toBe(stored.length);
    for (const mine of acked) {
      for (const a of mine) {
        expect(byClientId.get(a.clientId), `acknowledged ${a.clientId} lost`).toMatchObject({ seq: a.seq, m: { id: a.id, text: a.text } });
      }
      // Each sender's acknowledged messages keep the order they were sent in.
      const seqs = mine.map((a) => a.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }
    expect(acked.flat().length).toBeGreaterThanOrEqual(60);

    // A send cut off by the crash may or may not have been stored; resending it with the same
    // clientId stores it at most once.
    const resender = await SocketClient.connect(second.url, fixture.cookies[1]!);
    sockets.push(resender);
    for (const u of unacked.filter((x) => x.clientId.startsWith('p1-'))) {
      const res = await resender.sendMessage(chatId, u.text, u.clientId);
      expect(res.t).toBe('ack');
      if (res.t === 'ack' && byClientId.has(u.clientId)) expect(res.message.id).toBe(byClientId.get(u.clientId)?.m.id);
    }
    expect(await second.countMessages()).toBe(stored.length + unacked.filter((x) => x.clientId.startsWith('p1-') && !byClientId.has(x.clientId)).length);
  });
});
