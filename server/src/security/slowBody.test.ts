import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../modules/files/testHelpers.js';
import { sleep as socketSleep } from '../realtime/testing/socketClient.js';
import { socketTestApp } from '../realtime/testing/socketTestApp.js';
import { freshSchool } from '../test/factories.js';
import { listeningTestApp, type TestContext } from '../test/testApp.js';

/**
 * Slow-request attacks on the listening server, with short limits so the test is quick (the defaults are 20 s for
 * headers, 30 s for a body, 15 min for an upload): a client that never finishes its headers or its body loses its
 * connection at the limit; a signed-in person's slow upload still goes through.
 */
const HEADERS_MS = 400;
const BODY_MS = 600;
const UPLOAD_MS = 3000;

let ctx: TestContext;
let port: number;
beforeAll(async () => {
  ({ ctx, port } = await listeningTestApp('slow', {
    HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
    HTTP_BODY_TIMEOUT_MS: String(BODY_MS),
    HTTP_UPLOAD_TIMEOUT_MS: String(UPLOAD_MS),
  }));
});
afterAll(async () => {
  await ctx.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A raw TCP client: what it received, and when the server closed it (ms after it connected). */
interface Raw {
  socket: Socket;
  received: () => string;
  closedAfter: Promise<number>;
}

function rawClient(): Raw {
  const socket = connect(port, '127.0.0.1');
  const started = Date.now();
  let data = '';
  socket.on('data', (d) => {
    data += d.toString();
  });
  socket.on('error', () => undefined);
  const closedAfter = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
  return { socket, received: () => data, closedAfter };
}

/** Writes `chunks` one every `everyMs`, stopping once the socket is closed. */
async function trickle(socket: Socket, chunks: (string | Buffer)[], everyMs: number): Promise<void> {
  for (const chunk of chunks) {
    if (socket.destroyed) return;
    socket.write(chunk);
    await sleep(everyMs);
  }
}

/** Resolves with the ms it took to close, or fails if the socket is still open after `withinMs`. */
async function closedWithin(raw: Raw, withinMs: number): Promise<number> {
  return Promise.race([
    raw.closedAfter,
    sleep(withinMs).then(() => {
      throw new Error(`still open after ${withinMs} ms`);
    }),
  ]);
}

const jsonPost = (path: string, length: number, extra = '') =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;

describe('slow requests', () => {
  it('cuts a client whose headers never finish (slowloris), even while it keeps sending header lines', async () => {
    const raw = rawClient();
    const lines = ['GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', ...Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: a\r\n`)];
    void trickle(raw.socket, lines, 100);
    const ms = await closedWithin(raw, HEADERS_MS + 2000);
    expect(ms).toBeGreaterThanOrEqual(HEADERS_MS - 50);
    expect(raw.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts a request whose body never arrives: headers with Content-Length and a few bytes', async () => {
    const raw = rawClient();
    raw.socket.write(`${jsonPost('/api/auth/signin', 100)}{"phone":`);
    const ms = await closedWithin(raw, BODY_MS + 2000);
    expect(ms).toBeGreaterThanOrEqual(BODY_MS - 50);
    expect(raw.received()).toBe('');
  });

  it('cuts a body trickled a byte at a time: the limit is on the whole body, not on silence', async () => {
    const raw = rawClient();
    raw.socket.write(jsonPost('/api/auth/signin', 200));
    void trickle(raw.socket, Array.from({ length: 100 }, () => ' '), 50);
    await closedWithin(raw, BODY_MS + 2000);
  });

  it('gives a stranger no longer on an upload route than anywhere else', async () => {
    const { payload, headers } = multipartFile('big.bin', Buffer.alloc(100_000, 1));
    const raw = rawClient();
    raw.socket.write(
      `POST /api/files HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${headers['content-type']}\r\nContent-Length: ${payload.length}\r\n\r\n`,
    );
    raw.socket.write(payload.subarray(0, 1000));
    const ms = await closedWithin(raw, BODY_MS + 2000);
    expect(ms).toBeLessThan(UPLOAD_MS);
  });

  it('lets a signed-in person’s slow upload take longer than an ordinary body, and cuts one that stops', async () => {
    const f = await freshSchool(ctx);
    const { payload, headers } = multipartFile('урок.pdf', Buffer.alloc(60_000, 7));
    const head = `POST /api/files HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${f.cookies.teacher}\r\nContent-Type: ${headers['content-type']}\r\nContent-Length: ${payload.length}\r\n\r\n`;

    // Twelve pieces 150 ms apart: 1.8 s, three times the ordinary body limit.
    const slow = rawClient();
    slow.socket.write(head);
    const pieces = Array.from({ length: 12 }, (_, i) => payload.subarray(i * 5000, i === 11 ? payload.length : (i + 1) * 5000));
    await trickle(slow.socket, pieces, 150);
    for (let waited = 0; !slow.received().includes('\r\n\r\n') && waited < 3000; waited += 50) await sleep(50);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 201/);
    slow.socket.destroy();

    // The same upload stopping halfway is cut at the upload limit.
    const stalled = rawClient();
    stalled.socket.write(head);
    stalled.socket.write(payload.subarray(0, 30_000));
    const ms = await closedWithin(stalled, UPLOAD_MS + 2000);
    expect(ms).toBeGreaterThanOrEqual(UPLOAD_MS - 100);
  });

  it('holds none of 300 stalled bodies past the limit, and answers others meanwhile', async () => {
    const clients = Array.from({ length: 300 }, () => rawClient());
    for (const c of clients) c.socket.write(`${jsonPost('/api/auth/signin', 100)}{"ph`);
    await sleep(100);
    const started = Date.now();
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    // Generous for a shared 2-core machine: stalled bodies cost nothing, so health answers at once.
    expect(Date.now() - started).toBeLessThan(2_000);
    const closed = await Promise.all(clients.map((c) => closedWithin(c, BODY_MS + 3000)));
    expect(closed).toHaveLength(300);
  });

  it('never cuts a live socket: it outlives every request limit', { timeout: 30_000 }, async () => {
    const sockets = await socketTestApp({
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
      HTTP_BODY_TIMEOUT_MS: String(BODY_MS),
      HTTP_UPLOAD_TIMEOUT_MS: String(UPLOAD_MS / 2),
    });
    try {
      const f = await freshSchool(sockets.ctx);
      const tab = await sockets.connect(f.cookies.student);
      await socketSleep(UPLOAD_MS);
      tab.send({ t: 'ping' });
      await tab.next('pong');
    } finally {
      await sockets.close();
    }
  });
});
