import pg from 'pg';
import { openDatabase } from '../../server/src/db/client.js';
import { deliveryFaults, ResumingClient } from '../../server/src/realtime/testing/resumingClient.js';
import { seedPeople } from '../../server/src/realtime/testing/seed.js';
import { expect, test } from '../support/test.js';
import { history } from '../tests/chat-support.js';
import {
  httpsUrl, nodePorts, readCluster, serverLogText, signalAndWait, startNode, waitForConnections, waitForHealth,
  writeCluster,
} from './cluster.js';

// Issue 15 item 3: a node restarted under a steady chat load through nginx. Four socket clients (as the web app's:
// reconnect, resume by seq, resend unanswered sends with their clientId) send all along; the node holding a person's
// browser gets SIGTERM and is started again. Every acknowledged message is stored, every client ends with every
// message exactly once, and the person sees no error and keeps chatting.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records, in the page, every «no connection» text or alert that ever shows, however briefly. */
function watchForProblems() {
  const seen: string[] = [];
  (window as unknown as { __problems: string[] }).__problems = seen;
  const PROBLEM = /Нет связи|Сервер не ответил|Не удалось|Ошибка/;
  const check = (node: Node) => {
    const el = node instanceof Element ? node : node.parentElement;
    if (!el) return;
    const alert = el.closest('[role=alert]');
    if (alert?.textContent) seen.push(`alert: ${alert.textContent}`);
    const text = node.textContent ?? '';
    if (PROBLEM.test(text)) seen.push(text.slice(0, 200));
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') check(r.target);
      for (const n of r.addedNodes) check(n);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

test('a node restarted under load: nothing acknowledged is lost, nothing arrives twice, the person sees no error', async ({ browser }) => {
  test.setTimeout(300_000);
  const cluster = readCluster();
  const env0 = cluster.nodeEnv[0] as Record<string, string>;
  const database = await openDatabase({ url: cluster.databaseUrl });
  const seeded = await seedPeople(database.db, env0.SECRET_KEY as string, { people: 5, chatSize: 5 });
  await database.close();
  const chatId = seeded.chatIds[0] as string;

  // The person: a browser in the chat, its socket on one node (the only socket yet).
  const context = await browser.newContext();
  await context.addInitScript(watchForProblems);
  const token = (seeded.cookies[0] as string).split('=')[1] as string;
  await context.addCookies([{ name: 'parta_session', value: token, url: httpsUrl, secure: true, httpOnly: true }]);
  const page = await context.newPage();
  await page.goto(`/chats/${chatId}`);
  await expect(page.getByRole('textbox', { name: 'Сообщение' })).toBeVisible();
  const before = await waitForConnections((c) => c.reduce((a, b) => a + b, 0) === 1);
  const victim = before.indexOf(1);

  // The load: four people sending a message every 500 ms each (within a person's budget of 30 in 10 s), through nginx.
  const clients = seeded.cookies.slice(1).map((cookie) => new ResumingClient({ url: () => httpsUrl, cookie, chats: [chatId], insecure: true }));
  // One after another: nginx's least_conn then spreads them 3/2 or 2/3 whatever ties it breaks, so some share the
  // browser's node and the restart moves them too.
  for (const c of clients) await c.start();
  const spread = await waitForConnections((c) => c.reduce((a, b) => a + b, 0) === 5);
  expect(spread[victim], `sockets per node: ${spread.join(', ')}`).toBeGreaterThanOrEqual(2);
  let sending = true;
  let sent = 0;
  const senders = clients.map(async (c, who) => {
    while (sending) {
      c.send(chatId, `Нагрузка ${who}: сообщение ${sent++}`);
      await sleep(500);
    }
  });
  await page.getByRole('textbox', { name: 'Сообщение' }).fill('До перезапуска');
  await page.getByRole('textbox', { name: 'Сообщение' }).press('Enter');
  await expect(history(page)).toContainText('До перезапуска');
  await sleep(3_000);

  // SIGTERM to the browser's node: it exits by itself (its log says the graceful stop finished), then starts again.
  const stoppedLogs = serverLogText().split('shutdown: done').length;
  const pid = cluster.pids[victim] as number;
  expect(await signalAndWait(pid, 'SIGTERM', 60_000), 'the node exits on SIGTERM').toBe(true);
  expect(serverLogText().split('shutdown: done').length, 'the node stopped gracefully').toBe(stoppedLogs + 1);
  // Meanwhile the person keeps chatting, now through the other node.
  await page.getByRole('textbox', { name: 'Сообщение' }).fill('Во время перезапуска');
  await page.getByRole('textbox', { name: 'Сообщение' }).press('Enter');
  await expect(history(page)).toContainText('Во время перезапуска');
  await sleep(2_000);
  const again = startNode(cluster.nodeEnv[victim] as Record<string, string>);
  cluster.pids[victim] = again;
  writeCluster(cluster);
  await waitForHealth(`http://127.0.0.1:${nodePorts[victim]}`, 120_000, again);
  await sleep(3_000);
  sending = false;
  await Promise.all(senders);
  await Promise.all(clients.map((c) => c.until(() => c.pending.size === 0, 60_000, 'every send answered')));
  await page.getByRole('textbox', { name: 'Сообщение' }).fill('После перезапуска');
  await page.getByRole('textbox', { name: 'Сообщение' }).press('Enter');
  await expect(history(page)).toContainText('После перезапуска');

  // Stored: every acknowledged send once, at the seq it was acknowledged with; nothing refused.
  const check = new pg.Client({ connectionString: cluster.databaseUrl });
  await check.connect();
  const rows = (await check.query<{ client_id: string | null; seq: string; text: string }>(
    'select client_id, seq, text from messages where chat_id = $1 order by seq',
    [chatId],
  )).rows;
  await check.end();
  const stored = new Map(rows.map((r) => [r.client_id, Number(r.seq)]));
  const acked = new Map(clients.flatMap((c) => [...c.acked]));
  expect(acked.size).toBeGreaterThan(30);
  for (const [clientId, seq] of acked) expect(stored.get(clientId), `acknowledged ${clientId}`).toBe(seq);
  expect(clients.flatMap((c) => c.nacks)).toEqual([]);
  expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
  expect(rows.filter((r) => r.text.includes('перезапуска')).map((r) => r.text)).toEqual(['До перезапуска', 'Во время перезапуска', 'После перезапуска']);
  // Every socket client has every message exactly once; those on the stopped node were moved (1012), not cut.
  const last = rows.length;
  for (const c of clients) {
    await c.until(() => c.lastSeq(chatId) === last, 60_000, 'every event delivered');
    expect(deliveryFaults(c.received.get(chatId) ?? [], last)).toEqual({ duplicated: 0, lost: 0 });
    expect(c.closes.filter((code) => code !== 1012)).toEqual([]);
  }
  expect(clients.filter((c) => c.closes.includes(1012)).length).toBe((spread[victim] ?? 0) - 1);

  // The person: each of the last messages once on screen, and no error ever shown.
  for (const r of rows.slice(-15)) {
    await expect(history(page).getByText(r.text, { exact: true })).toHaveCount(1);
  }
  expect(await page.evaluate(() => (window as unknown as { __problems: string[] }).__problems)).toEqual([]);
  await Promise.all(clients.map((c) => c.stop()));
  await context.close();
});
