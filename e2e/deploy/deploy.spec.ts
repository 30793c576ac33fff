import { demo } from '../support/accounts.js';
import { answerCall, endForAll, expectPictureFlowing, personWithMedia, startLessonFromHome } from '../support/lessonFlows.js';
import { shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, createClassChat, expectClean, history, type Person, personIn, say, sendFile, uniqueName } from '../tests/chat-support.js';
import { httpsUrl, insecureFetch, waitForConnections } from './cluster.js';

// Issue 15 item 2: docs/DEPLOY.md's deployment, tested through https on nginx (globalSetup.ts) — two people whose
// sockets are on different nodes chat live, a file goes up and comes down, a lesson is joined.

const total = (c: number[]) => c.reduce((a, b) => a + b, 0);

/**
 * Signs two people in, one after the other, and makes sure their sockets are held by different nodes (nginx's
 * least_conn puts the second on the idle node; a page that landed beside the first is reloaded until it does not).
 */
async function onTwoNodes(open: () => Promise<Person>, openSecond: () => Promise<Person>): Promise<[Person, Person]> {
  const first = await open();
  const one = await waitForConnections((c) => total(c) === 1);
  const second = await openSecond();
  for (let attempt = 0; ; attempt++) {
    const both = await waitForConnections((c) => total(c) === 2);
    if (both.every((n) => n === 1)) return [first, second];
    if (attempt === 5) throw new Error(`both sockets on one node: ${both.join(', ')} (first alone: ${one.join(', ')})`);
    await second.page.reload();
  }
}

test.describe('two nodes behind nginx, through https', () => {
  test('people on different nodes chat live; a 3 MB file is uploaded and downloaded; the app is served with its caching', async ({ browser }, testInfo) => {
    const [teacher, student] = await onTwoNodes(() => personIn(browser, demo.teacher), () => personIn(browser, demo.student));
    expect(teacher.page.url()).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);

    const name = uniqueName('7А — Физика');
    const chatPath = await createClassChat(teacher.page, name);
    await student.page.goto(chatPath);
    await expect(student.page.getByRole('heading', { level: 1, name })).toBeVisible();
    // Live both ways, node to node over Redis.
    await say(teacher.page, 'Добрый день! Лабораторная в четверг.');
    await expect(history(student.page)).toContainText('Лабораторная в четверг');
    await say(student.page, 'Понял, спасибо!');
    await expect(history(teacher.page)).toContainText('Понял, спасибо!');
    await shot(student.page, testInfo, '01-student-chat-over-nginx');

    // Over nginx's default 1 MB body limit: the recipe's client_max_body_size lets it through; S3 serves it to both.
    const content = Buffer.alloc(3 * 1024 * 1024, 'Лабораторная работа № 3. ');
    await sendFile(teacher.page, 'Файл', { name: 'laboratornaya.txt', mimeType: 'text/plain', buffer: content });
    const link = history(student.page).getByRole('link', { name: 'laboratornaya.txt' });
    await expect(link).toHaveAttribute('href', /^\/api\/files\/[0-9a-f-]+$/);
    // Downloaded with the student's session, through nginx, from whichever node answers.
    const got = await student.context.request.get(`${httpsUrl}${await link.getAttribute('href')}`);
    expect(got.status()).toBe(200);
    expect((await got.body()).equals(content), 'the downloaded file is the uploaded one, byte for byte').toBe(true);

    // The scripts come from nginx's disk with a year's caching; the page itself from a node (its CSP nonce).
    const html = await (await insecureFetch(`${httpsUrl}/home`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, 'index.html names its script').toBeTruthy();
    const asset = await insecureFetch(`${httpsUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await insecureFetch(`${httpsUrl}/assets/nowhere-123.js`)).status).toBe(404);
    const page = await insecureFetch(`${httpsUrl}/home`);
    expect(page.headers.get('content-security-policy')).toContain('nonce-');
    expect(page.headers.get('strict-transport-security'), 'the node knows it is behind https (TRUST_PROXY)').toBeTruthy();

    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });

  test('a lesson is joined by a teacher and a pupil on different nodes; each sees the other through Janus', async ({ browser }, testInfo) => {
    const [teacher, student] = await onTwoNodes(() => personWithMedia(browser, demo.teacher), () => personWithMedia(browser, demo.student));
    await startLessonFromHome(teacher.page, '7А');
    await answerCall(student.page, '7А');
    await expectPictureFlowing(student.page, 10, 60_000);
    await expectPictureFlowing(teacher.page, 10, 60_000);
    await expect(teacher.page.getByTestId('tile')).toHaveCount(1);
    await shot(student.page, testInfo, '02-student-in-lesson-over-nginx');
    await endForAll(teacher.page);
    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });
});
