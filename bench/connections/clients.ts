/**
 * One client process of the connections benchmark (fds are per process: 20,000 sockets need two).
 * Opens sockets for people [from, to) of the fixture, each waiting for `ready` and resuming, and
 * reports to the parent over IPC: {open, failed} as it goes, {delivered} after a live message.
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import type { SeededPeople } from '../../server/src/realtime/testing/seed.js';

const [fixtureFile, url, fromArg, toArg, concurrencyArg] = process.argv.slice(2);
const fixture = JSON.parse(readFileSync(fixtureFile!, 'utf8')) as SeededPeople;
const from = Number(fromArg);
const to = Number(toArg);
const wsUrl = `${url!.replace(/^http/, 'ws')}/api/socket`;
const sockets = new Map<number, WebSocket>();
const delivered = new Set<number>();
let failed = 0;
let next = from;

const send = (msg: object) => process.send?.(msg);

function openOne(i: number): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { headers: { cookie: fixture.cookies[i]! }, perMessageDeflate: false });
    const timer = setTimeout(() => fail(), 60_000);
    function fail() {
      clearTimeout(timer);
      failed += 1;
      ws.terminate();
      resolve();
    }
    ws.once('error', fail);
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith('{"t":"ready"')) ws.send('{"t":"resume","chats":{}}');
      else if (text.startsWith('{"t":"resumed"')) {
        clearTimeout(timer);
        ws.off('error', fail);
        ws.on('error', () => undefined);
        sockets.set(i, ws);
        resolve();
      } else if (text.startsWith('{"t":"event"')) delivered.add(i);
    });
  });
}

const progress = setInterval(() => send({ t: 'progress', open: sockets.size, failed }), 2000);
await Promise.all(
  Array.from({ length: Number(concurrencyArg) }, async () => {
    while (next < to) await openOne(next++);
  }),
);
clearInterval(progress);
send({ t: 'opened', open: sockets.size, failed });

process.on('message', (m: { t: string; chatId?: string }) => {
  if (m.t === 'post' && m.chatId) {
    sockets.get(from)?.send(JSON.stringify({ t: 'send', ref: 'r', chatId: m.chatId, clientId: 'bench-live', text: 'Все на месте?' }));
  } else if (m.t === 'delivered') send({ t: 'delivered', delivered: delivered.size });
  else if (m.t === 'close') {
    for (const ws of sockets.values()) ws.terminate();
    process.exit(0);
  }
});
