import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BudgetName, budgets } from '../http/rateLimitBudgets.js';
import { createUser, freshSchool, type SchoolFixture, signedInCookie } from '../test/factories.js';
import { listeningTestApp, type TestContext } from '../test/testApp.js';

/**
 * The flood of the issue: one client sends 2,000 searches (member lists, chat lists) at 20 in parallel, over real
 * HTTP, with the budgets as they ship. It used to be served in full and raise another person's `GET /me` from 11 ms
 * to 0.4–1.1 s median; now it is refused after its budget and the other person does not notice.
 */
const PARALLEL = 20;

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;

describe('a flood from one client', () => {
  let ctx: TestContext;
  let base: string;
  let close: () => Promise<void>;
  let f: SchoolFixture;
  beforeAll(async () => {
    // The budgets as they ship.
    const app = await listeningTestApp('flood', { RATE_LIMIT_SCALE: '1' });
    ({ ctx } = app);
    close = app.ctx.close;
    base = `http://127.0.0.1:${app.port}`;
    f = await freshSchool(ctx);
  });
  afterAll(() => close());

  async function meLatency(cookie: string): Promise<number> {
    const t = performance.now();
    const res = await fetch(`${base}/api/me`, { headers: { cookie } });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    return performance.now() - t;
  }

  const floods: [string, number, BudgetName, () => string][] = [
    ['searches', 2000, 'search', () => '/api/search?q=%D0%BF%D0%BE%D1%85%D0%BE%D0%B4'],
    ['member lists', 2000, 'members', () => `/api/schools/${f.school.id}/members`],
    ['chat lists', 2000, 'chatLists', () => '/api/chats'],
  ];

  it.each(floods)('%s: %i at 20 in parallel are refused past the budget; another person’s GET /me stays fast', { timeout: 180_000 }, async (what, total, budget, path) => {
    // The other person opens pages at a person's pace (a few requests a second), within their own budget.
    const other = await signedInCookie(ctx, await createUser(ctx));
    const pace = () => new Promise((resolve) => setTimeout(resolve, 150));
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      idle.push(await meLatency(other));
      await pace();
    }

    let sent = 0;
    const statuses: number[] = [];
    const started = performance.now();
    let firstRefusalAt = Number.NaN;
    const worker = async () => {
      while (sent < total) {
        sent += 1;
        const res = await fetch(`${base}${path()}`, { headers: { cookie: f.cookies.student } });
        await res.arrayBuffer();
        statuses.push(res.status);
        if (res.status === 429 && Number.isNaN(firstRefusalAt)) firstRefusalAt = statuses.length;
      }
    };
    let flooding = true;
    const during: number[] = [];
    const victim = (async () => {
      while (flooding) {
        during.push(await meLatency(other));
        await pace();
      }
    })();
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    flooding = false;
    await victim;
    const elapsed = performance.now() - started;

    const b = budgets[budget];
    const served = statuses.filter((s) => s !== 429).length;
    // One budget per window begun during the flood.
    const allowed = b.max * (1 + Math.floor(elapsed / b.windowMs));
    console.info(
      `flood of ${what}: ${total} in ${Math.round(elapsed)} ms, ${served} served, first 429 at #${firstRefusalAt}; ` +
        `GET /me p50 idle ${median(idle).toFixed(1)} ms, during ${median(during).toFixed(1)} ms (${during.length} requests)`,
    );
    expect(statuses).toHaveLength(total);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(served).toBeLessThanOrEqual(allowed);
    expect(served).toBeLessThan(total);
    // Generous for a shared two-core machine (other suites running beside it pushed a quiet 40–100 ms to 105 ms once):
    // the issue measured 400–1,100 ms here without limits, so half its best is still a flood that no longer hurts.
    expect(median(during)).toBeLessThan(Math.max(200, 4 * median(idle)));
  });
});
