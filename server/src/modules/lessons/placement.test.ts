import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { placeLesson } from './placement.js';
import { api, classLesson } from './testHelpers.js';

/** Each lesson's media lives on one SFU host, recorded on the lesson; new lessons go where the fewest are going on. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** A lesson going on in a school of its own (one class, so one lesson at a time per school). */
async function newLesson(): Promise<{ id: string; end: () => Promise<void> }> {
  const f = await freshSchool(ctx);
  const id = await classLesson(ctx, f);
  return { id, end: async () => void expect((await api(ctx, f.cookies.teacher).post(`/lessons/${id}/end`)).status).toBe(200) };
}

describe('placing lessons on SFU hosts (several JANUS_URLs)', () => {
  it('spreads new lessons over the hosts by how many are going on; a lesson keeps its host when the list changes', async () => {
    const hosts = [`ws://janus-a-${Date.now()}`, `ws://janus-b-${Date.now()}`] as const;
    const [a, b] = hosts;
    const first = await newLesson();
    const second = await newLesson();
    const third = await newLesson();
    expect(await placeLesson(ctx.deps, first.id, hosts)).toBe(a);
    expect(await placeLesson(ctx.deps, second.id, hosts)).toBe(b);
    expect(await placeLesson(ctx.deps, third.id, hosts)).toBe(a);
    // Host b's lesson ends: the next goes there.
    await second.end();
    const fourth = await newLesson();
    expect(await placeLesson(ctx.deps, fourth.id, hosts)).toBe(b);
    // A node restarted with the list reordered and a third host still sends the first lesson to its host.
    expect(await placeLesson(ctx.deps, first.id, [`ws://janus-c-${Date.now()}`, b, a])).toBe(a);
  });

  it('two nodes entering the same new lesson at once place it on the same host', async () => {
    const hosts = [`ws://one-${Date.now()}`, `ws://two-${Date.now()}`];
    const lesson = await newLesson();
    const [x, y] = await Promise.all([placeLesson(ctx.deps, lesson.id, hosts), placeLesson(ctx.deps, lesson.id, [...hosts].reverse())]);
    expect(x).toBe(y);
  });
});
