import type { APIResponse } from '@playwright/test';

/**
 * For seeding through the API faster than a person could (70 messages in a second or two): a refusal for too many
 * requests (429, the server's request budget) waits the Retry-After it names and tries again, as a well-behaved
 * client does. The budgets themselves are the server's defaults: the run shows they let the app's own screens work.
 */
export async function withinBudget(send: () => Promise<APIResponse>): Promise<APIResponse> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const res = await send();
    if (res.status() !== 429) return res;
    const wait = Number(res.headers()['retry-after'] ?? '1');
    await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(wait) ? wait : 1) * 1000 + 200));
  }
  throw new Error('still refused (429) after 20 waits');
}
