import { demo } from '../support/accounts.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, expectClean, personIn } from './chat-support.js';

// Issue 11: every endpoint has a request budget. A person past one sees, in Russian, that they asked too often and
// how long to wait; after the wait the same screen works again.
test('rate limits: a pupil who searched too often is told to wait N seconds, and after the wait the search works', async ({ browser }, testInfo) => {
  const student = await personIn(browser, demo.student);
  const page = student.page;
  const q = encodeURIComponent('контрольная');

  // A script in the pupil's browser searches in a loop (the same session, as a bot would) until it is refused.
  let refused = 0;
  for (let i = 0; i < 40 && refused === 0; i++) {
    const res = await page.request.get(`/api/search?q=${q}`);
    if (res.status() === 429) refused = Number(res.headers()['retry-after']);
    else expect(res.status()).toBe(200);
  }
  expect(refused, 'the search budget ran out within 40 searches').toBeGreaterThan(0);

  await page.goto(`/search?q=${q}`);
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText(/^Слишком много запросов\. Попробуйте снова через \d+ с/);
  await expectNoA11yViolations(page, 'main');
  await shot(page, testInfo, '01-too-many-searches-1280');
  await page.setViewportSize({ width: 390, height: 800 });
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, '02-too-many-searches-390');

  // The wait the message named (from the server's Retry-After), then «Попробовать ещё раз» brings the results.
  const wait = Number(/через (\d+) с/.exec((await alert.textContent()) ?? '')?.[1]);
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(10);
  await page.waitForTimeout(wait * 1000 + 300);
  await alert.getByRole('button', { name: 'Попробовать ещё раз' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await expectClean(student);
  await closeAll(student);
});
