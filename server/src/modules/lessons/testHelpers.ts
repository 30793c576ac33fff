import { expect } from 'vitest';
import type { SchoolFixture } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A person's HTTP client for lesson tests: `api(ctx, cookie).post(url, body)` → {status, body}. Cookie '' is anonymous. */
export function api(ctx: TestContext, cookie: string) {
  const call = async (method: Method, url: string, payload?: object) => {
    const res = await ctx.app.inject({ method, url: `/api${url}`, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload: object = {}) => call('POST', url, payload),
    patch: (url: string, payload: object) => call('PATCH', url, payload),
    put: (url: string, payload: object) => call('PUT', url, payload),
    del: (url: string) => call('DELETE', url),
  };
}

/** The teacher of 7А starts a lesson for the class from «Главная»; returns its id. */
export async function classLesson(ctx: TestContext, f: SchoolFixture): Promise<string> {
  const res = await api(ctx, f.cookies.teacher).post('/lessons', { kind: 'class', classId: f.classA.id });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}
