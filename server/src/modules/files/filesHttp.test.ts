import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchool } from '../../test/factories.js';
import { listeningTestApp, type TestContext } from '../../test/testApp.js';
import { fileRowsOf, storedObjects, tmpLeftovers } from './testHelpers.js';

const LIMIT = 8 * 1024 * 1024;
let ctx: TestContext;
let dataDir: string;
let port: number;

beforeAll(async () => {
  ({ ctx, dataDir, port } = await listeningTestApp('files-http', { FILE_MAX_BYTES: String(LIMIT) }));
});
afterAll(() => ctx.close());

/**
 * Streams a multipart upload of `size` bytes in 64 KiB chunks over a real socket, as a browser
 * does, and resolves with the status as soon as the server answers (the client may still be sending).
 */
function streamUpload(
  cookie: string,
  size: number,
): Promise<{ status: number; body: string; sent: number; connection: string | undefined; reset: boolean }> {
  const boundary = '----partahttp';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="video.mp4"\r\nContent-Type: video/mp4\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/files', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, sent, connection: res.headers.connection, reset: false });
        });
      },
    );
    // A server that refuses early and closes may reset the socket before this client has read the
    // 413 it sent (TCP drops unread data on reset); on a loaded machine that race is common.
    req.on('error', (err) => {
      if (sent === 0) reject(err);
      else setTimeout(() => resolve({ status: 0, body: '', sent, connection: 'close', reset: true }), 200);
    });
    req.write(head);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end(tail);
    };
    pump();
  });
}

describe('uploads over a real socket', () => {
  it('a stream far over the limit is answered 413 without reading it all, and leaves nothing behind', async () => {
    const s = await freshSchool(ctx);
    const before = await storedObjects(path.join(dataDir, 'files'));
    const res = await streamUpload(s.cookies.teacher, 64 * 1024 * 1024);
    if (!res.reset) {
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe('file_too_large');
    }
    // The answer came long before the 64 MB were sent.
    expect(res.sent).toBeLessThan(32 * 1024 * 1024);
    // …and the server lets go of the connection instead of holding a half-read upload open.
    expect(res.connection).toBe('close');
    const openConnections = () =>
      new Promise<number>((resolve, reject) => ctx.app.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
    await expect.poll(openConnections, { timeout: 5000 }).toBe(0);
    expect(await storedObjects(path.join(dataDir, 'files'))).toEqual(before);
    expect(await tmpLeftovers(path.join(dataDir, 'files'))).toEqual([]);
    expect(await fileRowsOf(ctx, s.teacher.id)).toEqual([]);
  });

  it('a stream under the limit, larger than the JSON body limit, is stored whole', async () => {
    const s = await freshSchool(ctx);
    const res = await streamUpload(s.cookies.teacher, 3 * 1024 * 1024);
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body).data).toMatchObject({ name: 'video.mp4', size: 3 * 1024 * 1024, mime: 'video/mp4' });
  });
});
