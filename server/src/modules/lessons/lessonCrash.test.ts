import type { AttendanceRow, LessonDetails, LessonSummary } from '@parta/contracts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SeededPeople } from '../../realtime/testing/seed.js';
import { type ServerProcess, startServerProcess } from '../../realtime/testing/serverProcess.js';
import { SocketClient, sleep } from '../../realtime/testing/socketClient.js';
import { createTestDatabaseUrl } from '../../test/pgTestDatabase.js';

/**
 * A real server process is killed with SIGKILL while two people are in a lesson: nobody closed their stays. After a
 * restart on the same data the lesson is not left "going on": their stays close at the last heartbeat the dead node
 * gave, and the lesson ends then; attendance keeps how long each was there. PGlite in `npm test`, PostgreSQL in
 * `npm run test:pg`.
 */
describe('a lesson on a node that crashed', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parta-lesson-crash-'));
  const servers: ServerProcess[] = [];
  const sockets: SocketClient[] = [];
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close().catch(() => undefined)));
    for (const s of servers) await s.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends at the last heartbeat after SIGKILL; attendance keeps both stays', { timeout: 180_000 }, async () => {
    const server = process.env.TEST_DATABASE_URL;
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      MEDIA_IP: '127.0.0.1',
      MEDIA_PORTS: '47000-47499',
      LESSON_HEARTBEAT_MS: '200',
      LESSON_STALE_MS: '2000',
      LESSON_SWEEP_MS: '500',
      ...(server ? { DATABASE_URL: await createTestDatabaseUrl(server) } : {}),
    };
    const first = await startServerProcess({ ...env, SEED_PEOPLE: '3', SEED_CHAT_SIZE: '3' });
    servers.push(first);
    const fixture = JSON.parse(readFileSync(path.join(dataDir, 'fixture.json'), 'utf8')) as SeededPeople;
    const [owner, pupil] = fixture.cookies as [string, string];
    const call = async <T = LessonDetails>(base: string, cookie: string, method: string, url: string, body?: object) => {
      const res = await fetch(`${base}/api${url}`, {
        method,
        headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as { data: T } };
    };

    // The chat's owner calls everyone; both come into the call and their tabs enter its media.
    const started = await call<{ id: string }>(first.url, owner, 'POST', '/lessons', { kind: 'chat', chatId: fixture.chatIds[0], userIds: [] });
    expect(started.status).toBe(201);
    const lessonId = started.body.data.id;
    for (const cookie of [owner, pupil]) {
      expect((await call(first.url, cookie, 'POST', `/lessons/${lessonId}/join`)).status).toBe(200);
      const ws = await SocketClient.connect(first.url, cookie);
      sockets.push(ws);
      ws.send({ t: 'resume', chats: {} });
      await ws.next('resumed');
      ws.send({ t: 'lesson.enter', lessonId });
      await ws.waitFor((f) => f.t === 'lesson' && f.event.type === 'feeds');
    }
    // Well past the stale time while the node lives: its heartbeat keeps the lesson going.
    await sleep(3000);
    const alive = await call(first.url, owner, 'GET', `/lessons/${lessonId}`);
    expect(alive.body.data.lesson).toMatchObject({ endedAt: null, presentCount: 2 });

    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startServerProcess(env);
    servers.push(second);
    let lesson = (await call(second.url, owner, 'GET', `/lessons/${lessonId}`)).body.data.lesson;
    for (let i = 0; i < 100 && lesson.endedAt === null; i++) {
      await sleep(200);
      lesson = (await call(second.url, owner, 'GET', `/lessons/${lessonId}`)).body.data.lesson;
    }
    expect(lesson.presentCount).toBe(0);
    expect(lesson.endedAt).not.toBeNull();
    // It ended when the dead node last vouched for them: before the kill, within a heartbeat or two of it.
    const endedAt = new Date(lesson.endedAt ?? 0).getTime();
    expect(endedAt).toBeLessThanOrEqual(killedAt);
    expect(endedAt).toBeGreaterThan(killedAt - 1500);
    expect((await call<LessonSummary[]>(second.url, owner, 'GET', '/lessons/live')).body.data).toEqual([]);

    const { rows } = (await call<{ rows: AttendanceRow[] }>(second.url, owner, 'GET', `/lessons/${lessonId}/attendance`)).body.data;
    expect(rows).toHaveLength(3);
    const present = rows.filter((r) => r.status === 'present');
    expect(present).toHaveLength(2);
    for (const r of present) {
      expect(r.intervals.every((i) => i.leftAt !== null)).toBe(true);
      expect(r.seconds).toBeGreaterThanOrEqual(3);
    }
    expect(rows.filter((r) => r.status === 'absent')).toHaveLength(1);
  });
});
