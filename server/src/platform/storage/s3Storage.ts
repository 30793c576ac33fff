import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EMPTY_SHA256, type SigV4Credentials, sha256Hex, signRequest, uriEncode } from './sigv4.js';
import { assertStorageKey, type ByteRange, type FileStorage, type StoredObject } from './storage.js';

export interface S3Config {
  /** http(s)://host[:port] of the S3-compatible service; objects are addressed path-style. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/**
 * An S3-compatible object store over plain HTTP(S) and SigV4. An upload is first spooled to a local
 * temporary file while its SHA-256 is computed: S3 needs the length up front, the signed payload hash
 * proves the bytes, and a refused upload (too large, forbidden type) never reaches the bucket at all.
 */
export class S3Storage implements FileStorage {
  readonly kind = 's3' as const;
  private readonly creds: SigV4Credentials;
  private readonly base: URL;

  constructor(
    private readonly config: S3Config,
    private readonly opts: { tmpDir?: string; now?: () => Date; timeoutMs?: number } = {},
  ) {
    this.creds = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, region: config.region, service: 's3' };
    this.base = new URL(config.endpoint);
  }

  private urlOf(key: string): URL {
    assertStorageKey(key);
    const prefix = this.base.pathname.replace(/\/$/, '');
    return new URL(`${prefix}/${uriEncode(this.config.bucket, false)}/${uriEncode(key, true)}`, this.base);
  }

  async put(key: string, body: Readable | Buffer, opts: { contentType: string }): Promise<{ size: number }> {
    const url = this.urlOf(key);
    if (Buffer.isBuffer(body)) {
      await this.putSpooled(url, () => Readable.from([body]), body.length, sha256Hex(body), opts.contentType);
      return { size: body.length };
    }
    const dir = this.opts.tmpDir ?? tmpdir();
    await mkdir(dir, { recursive: true });
    const spool = path.join(dir, `parta-upload-${randomBytes(12).toString('hex')}`);
    try {
      const hash = createHash('sha256');
      let size = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      await pipeline(body, tap, createWriteStream(spool, { flags: 'wx' }));
      await this.putSpooled(url, () => createReadStream(spool), size, hash.digest('hex'), opts.contentType);
      return { size };
    } finally {
      await unlink(spool).catch(() => undefined);
    }
  }

  private async putSpooled(url: URL, open: () => Readable, size: number, payloadHash: string, contentType: string): Promise<void> {
    const headers = { 'content-length': String(size), 'content-type': contentType };
    const res = await this.send('PUT', url, headers, payloadHash, open());
    await expectStatus(res, [200, 201, 204], 'PUT');
  }

  async get(key: string, opts: { range?: ByteRange } = {}): Promise<StoredObject | null> {
    const headers: Record<string, string> = opts.range ? { range: `bytes=${opts.range.start}-${opts.range.end}` } : {};
    const res = await this.send('GET', this.urlOf(key), headers, EMPTY_SHA256);
    if (res.statusCode === 404) {
      res.resume();
      return null;
    }
    if (res.statusCode !== 200 && res.statusCode !== 206) {
      await expectStatus(res, [200, 206], 'GET');
    }
    return { body: res, size: Number(res.headers['content-length'] ?? 0) };
  }

  async delete(key: string): Promise<void> {
    const res = await this.send('DELETE', this.urlOf(key), {}, EMPTY_SHA256);
    await expectStatus(res, [200, 204, 404], 'DELETE');
  }

  private send(method: string, url: URL, extra: Record<string, string>, payloadHash: string, body?: Readable): Promise<IncomingMessage> {
    const headers = signRequest({ method, url, headers: extra, payloadHash }, this.creds, this.opts.now?.() ?? new Date());
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method, headers, timeout: this.opts.timeoutMs ?? 60_000 }, resolve);
      req.on('timeout', () => req.destroy(new Error(`S3 ${method} timed out`)));
      req.on('error', reject);
      if (body) {
        body.on('error', (err) => req.destroy(err));
        body.pipe(req);
      } else req.end();
    });
  }
}

/** Reads a short error body for the server log; the client only ever sees «internal». */
async function expectStatus(res: IncomingMessage, ok: number[], what: string): Promise<void> {
  const status = res.statusCode ?? 0;
  if (ok.includes(status)) {
    res.resume();
    return;
  }
  let text = '';
  for await (const chunk of res) {
    if (text.length < 2000) text += String(chunk);
  }
  throw new Error(`S3 ${what} answered ${status}: ${text.slice(0, 500)}`);
}
