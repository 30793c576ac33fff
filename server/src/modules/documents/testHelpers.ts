import http from 'node:http';
import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { documents } from '../../db/contentSchema.js';
import type { TestContext } from '../../test/testApp.js';
import { multipartFile } from '../files/testHelpers.js';

/** A one-page PDF, as a real PDF starts and ends. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** The start of an MP4 (ISO BMFF «ftyp isom»), then filler: enough for sniffing and byte ranges. */
export const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x20]),
  Buffer.from('ftypisom\0\0\x02\0isomiso2avc1mp41', 'latin1'),
  Buffer.alloc(2000, 0x11),
]);
/** The EBML header a WebM starts with, then filler. */
export const WEBM = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x01, 0, 0, 0, 0, 0, 0, 0x1f]), Buffer.alloc(1000, 0x22)]);
/** A Windows program: «MZ» first. */
export const EXE = Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0\x04\0\0\0', 'latin1'), Buffer.alloc(200, 0)]);

/** POST /api/files as a browser would; the stored file's id. */
export async function uploadAs(ctx: TestContext, cookie: string, filename: string, content: Buffer | string): Promise<string> {
  const { payload, headers } = multipartFile(filename, content);
  const res = await ctx.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, cookie }, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data.id as string;
}

export async function documentRowsOf(ctx: TestContext, schoolId: string) {
  return ctx.deps.db.select({ id: documents.id, title: documents.title }).from(documents).where(eq(documents.schoolId, schoolId));
}

/** A raw GET with headers, for the bytes and headers a browser would see. */
export function fetchRaw(ctx: TestContext, url: string, cookie: string, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'GET', url, headers: cookie ? { ...headers, cookie } : headers });
}

/**
 * A multipart upload over a real socket whose sizes lie: chunked (no Content-Length at all) and a
 * part header claiming 100 bytes, while `size` bytes of a JPEG-looking body follow.
 */
export function lyingUpload(
  port: number,
  opts: { method: 'POST' | 'PUT'; path: string; cookie: string; size: number; filename: string },
): Promise<{ status: number; body: string; reset: boolean }> {
  const boundary = '----partalie';
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${opts.filename}"\r\n` +
    'Content-Type: image/jpeg\r\nContent-Length: 100\r\n\r\n';
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method,
        path: opts.path,
        headers: { cookie: opts.cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, reset: false });
        });
      },
    );
    // A server that refuses early may reset the socket before the answer is read (see filesHttp.test.ts).
    req.on('error', (err) => {
      if (sent === 0) reject(err);
      else setTimeout(() => resolve({ status: 0, body: '', reset: true }), 200);
    });
    req.write(head);
    req.write(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    const chunk = Buffer.alloc(32 * 1024, 0x61);
    const pump = () => {
      while (sent < opts.size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end(`\r\n--${boundary}--\r\n`);
    };
    pump();
  });
}
