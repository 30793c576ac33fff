import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type pg from 'pg';
import { expect } from 'vitest';
import type { Db } from '../../db/client.js';
import * as schema from '../../db/schema.js';
import type { AppEvent } from '../../platform/events/bus.js';
import type { SchoolFixture } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A person's HTTP client: `as(cookie).post(url, body)` → {status, body}. Cookie '' is anonymous. */
export function as(ctx: TestContext, cookie: string) {
  const call = async (method: Method, url: string, payload?: object) => {
    const res = await ctx.app.inject({ method, url: `/api${url}`, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload: object = {}) => call('POST', url, payload),
    patch: (url: string, payload: object) => call('PATCH', url, payload),
    put: (url: string, payload: object) => call('PUT', url, payload),
    del: (url: string) => call('DELETE', url),
  };
}

/** Everything published on the test app's bus, by room. */
export function recordEvents(ctx: TestContext) {
  const seen: { room: string; event: AppEvent }[] = [];
  const stop = ctx.deps.events.subscribe((room, event) => seen.push({ room, event }));
  return {
    seen,
    stop,
    inRoom: (room: string) => seen.filter((s) => s.room === room).map((s) => s.event),
    clear: () => seen.splice(0, seen.length),
  };
}

/** The teacher of 7А makes a class chat with every student («Выбрать всех участников»). */
export async function classChat(ctx: TestContext, f: SchoolFixture, name = '7А — Математика'): Promise<string> {
  const res = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'class', classId: f.classA.id, name, allStudents: true });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}

/** A second drizzle handle over the same connection that counts the statements it sends. */
export function countingDb(ctx: TestContext): { db: Db; count: () => number; reset: () => void } {
  let n = 0;
  const logger = {
    logQuery: () => {
      n += 1;
    },
  };
  const client = (ctx.deps.db as unknown as { $client: unknown }).$client;
  const db =
    ctx.database.kind === 'pglite'
      ? (drizzlePglite(client as PGlite, { schema, logger }) as unknown as Db)
      : (drizzlePg(client as pg.Pool, { schema, logger }) as unknown as Db);
  const reset = () => {
    n = 0;
  };
  return { db, count: () => n, reset };
}
