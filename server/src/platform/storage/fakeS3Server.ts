import { createHash, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { sha256Hex, signatureParts } from './sigv4.js';

/** For tests: a tiny S3 on 127.0.0.1 that checks each request's SigV4 and keeps objects in memory. */
/** An object the fake keeps: its bytes, type and user metadata (x-amz-meta-*). */
export interface FakeS3Object {
  body: Buffer;
  contentType: string;
  metadata: Record<string, string>;
}

/** A multipart upload under way (CreateMultipartUpload … Complete/Abort). */
interface FakeMultipart {
  key: string;
  contentType: string;
  metadata: Record<string, string>;
  parts: Map<number, { body: Buffer; etag: string }>;
}

/**
 * For tests: a tiny S3 on 127.0.0.1 that checks each request's SigV4 (and Content-MD5 and
 * x-amz-checksum-crc32 when sent) and keeps objects in memory. It speaks what our own client and the
 * AWS SDK (through @tus/s3-store) send: Put/Get/Head/DeleteObject, DeleteObjects, and the multipart
 * API — CreateMultipartUpload, UploadPart, ListParts, CompleteMultipartUpload, AbortMultipartUpload —
 * with S3's rules (parts but the last at least 5 MiB, ETags must match, an unknown upload is NoSuchUpload).
 */
export interface FakeS3 {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  objects: Map<string, FakeS3Object>;
  /** Multipart uploads neither completed nor aborted, by UploadId. */
  multipart: Map<string, FakeMultipart>;
  /** Every request seen, in order; `query` is the raw query string. */
  requests: { method: string; path: string; query: string; headers: IncomingMessage['headers']; bytes: number }[];
  /** Requests refused for a bad signature or checksum. */
  rejected: number;
  close(): Promise<void>;
}

const authShape =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** S3's smallest part, except for the last one of an upload. */
const MIN_PART_BYTES = 5 * 1024 * 1024;

export async function startFakeS3(): Promise<FakeS3> {
  const state = {
    bucket: 'parta-test',
    accessKeyId: 'FAKEACCESSKEY',
    secretAccessKey: 'fake/secret+key',
    region: 'us-east-1',
    objects: new Map<string, FakeS3Object>(),
    multipart: new Map<string, FakeMultipart>(),
    requests: [] as FakeS3['requests'],
    rejected: 0,
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    state.requests.push({ method: req.method ?? '', path: url.pathname, query: url.search.slice(1), headers: req.headers, bytes: body.length });
    const problem = checkSignature(req, url, body, state) ?? checkChecksums(req, body);
    if (problem) {
      state.rejected += 1;
      return xmlError(res, 403, problem.startsWith('checksum') ? 'BadDigest' : 'SignatureDoesNotMatch', problem);
    }
    const [, bucket, ...rest] = url.pathname.split('/');
    if (bucket !== state.bucket) return xmlError(res, 404, 'NoSuchBucket', 'no such bucket');
    const key = decodeURIComponent(rest.join('/'));
    const q = url.searchParams;
    if (key === '' && req.method === 'POST' && q.has('delete')) return deleteObjects(res, body, state);
    if (q.has('uploads') && req.method === 'POST') return createMultipart(res, req, key, state);
    const uploadId = q.get('uploadId');
    if (uploadId !== null) return multipartRequest(req, res, key, uploadId, body, state);
    if (req.method === 'PUT') {
      state.objects.set(key, { body, contentType: req.headers['content-type'] ?? 'binary/octet-stream', metadata: userMetadata(req) });
      res.writeHead(200, { etag: etagOf(body) }).end();
      return;
    }
    if (req.method === 'DELETE') {
      state.objects.delete(key);
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'HEAD') {
      const obj = state.objects.get(key);
      // HEAD answers have no body: a missing key is a bare 404, as S3 sends it.
      if (!obj) return void res.writeHead(404).end();
      res.writeHead(200, objectHeaders(obj, obj.body.length)).end();
      return;
    }
    if (req.method === 'GET') {
      const obj = state.objects.get(key);
      if (!obj) return xmlError(res, 404, 'NoSuchKey', 'no such key');
      const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
      if (m) {
        const start = Number(m[1]);
        const end = Math.min(Number(m[2]), obj.body.length - 1);
        const part = obj.body.subarray(start, end + 1);
        res.writeHead(206, { ...objectHeaders(obj, part.length), 'content-range': `bytes ${start}-${end}/${obj.body.length}` });
        res.end(part);
        return;
      }
      res.writeHead(200, objectHeaders(obj, obj.body.length)).end(obj.body);
      return;
    }
    xmlError(res, 405, 'MethodNotAllowed', 'method not allowed');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...state,
    get rejected() {
      return state.rejected;
    },
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type FakeState = { bucket: string; objects: Map<string, FakeS3Object>; multipart: Map<string, FakeMultipart> };

function etagOf(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

function userMetadata(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') out[name.slice('x-amz-meta-'.length)] = value;
  }
  return out;
}

function objectHeaders(obj: FakeS3Object, length: number): Record<string, string | number> {
  const meta = Object.fromEntries(Object.entries(obj.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]));
  return { 'content-type': obj.contentType, 'content-length': length, etag: etagOf(obj.body), 'accept-ranges': 'bytes', ...meta };
}

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function sendXml(res: ServerResponse, status: number, xml: string) {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>${xml}`);
}

function unxml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function createMultipart(res: ServerResponse, req: IncomingMessage, key: string, state: FakeState) {
  const uploadId = randomBytes(12).toString('hex');
  state.multipart.set(uploadId, {
    key,
    contentType: req.headers['content-type'] ?? 'binary/octet-stream',
    metadata: userMetadata(req),
    parts: new Map(),
  });
  sendXml(
    res,
    200,
    `<InitiateMultipartUploadResult><Bucket>${state.bucket}</Bucket><Key>${xmlText(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
  );
}

function multipartRequest(req: IncomingMessage, res: ServerResponse, key: string, uploadId: string, body: Buffer, state: FakeState) {
  const upload = state.multipart.get(uploadId);
  if (!upload || upload.key !== key) return xmlError(res, 404, 'NoSuchUpload', 'the specified upload does not exist');
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'PUT') {
    const n = Number(url.searchParams.get('partNumber'));
    if (!Number.isInteger(n) || n < 1 || n > 10_000) return xmlError(res, 400, 'InvalidArgument', 'bad part number');
    const etag = etagOf(body);
    upload.parts.set(n, { body, etag });
    res.writeHead(200, { etag }).end();
    return;
  }
  if (req.method === 'GET') {
    const marker = Number(url.searchParams.get('part-number-marker') ?? 0);
    const max = Math.min(Number(url.searchParams.get('max-parts') ?? 1000), 1000);
    const numbers = [...upload.parts.keys()].filter((n) => n > marker).sort((a, b) => a - b);
    const page = numbers.slice(0, max);
    const truncated = numbers.length > page.length;
    const parts = page
      .map((n) => {
        const p = upload.parts.get(n)!;
        return `<Part><PartNumber>${n}</PartNumber><LastModified>${new Date().toISOString()}</LastModified><ETag>${xmlText(p.etag)}</ETag><Size>${p.body.length}</Size></Part>`;
      })
      .join('');
    return sendXml(
      res,
      200,
      `<ListPartsResult><Bucket>${state.bucket}</Bucket><Key>${xmlText(key)}</Key><UploadId>${uploadId}</UploadId>` +
        `<PartNumberMarker>${marker}</PartNumberMarker><NextPartNumberMarker>${page.at(-1) ?? marker}</NextPartNumberMarker>` +
        `<MaxParts>${max}</MaxParts><IsTruncated>${truncated}</IsTruncated>${parts}</ListPartsResult>`,
    );
  }
  if (req.method === 'DELETE') {
    state.multipart.delete(uploadId);
    res.writeHead(204).end();
    return;
  }
  if (req.method === 'POST') {
    const asked = [...body.toString('utf8').matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map((m) => ({
      n: Number(/<PartNumber>(\d+)<\/PartNumber>/.exec(m[1] ?? '')?.[1]),
      etag: unxml(/<ETag>([^<]*)<\/ETag>/.exec(m[1] ?? '')?.[1] ?? ''),
    }));
    if (asked.length === 0) return xmlError(res, 400, 'MalformedXML', 'no parts');
    const bodies: Buffer[] = [];
    for (const [i, a] of asked.entries()) {
      const part = upload.parts.get(a.n);
      if (!part || part.etag !== a.etag) return xmlError(res, 400, 'InvalidPart', `part ${a.n} is missing or its ETag differs`);
      if (i > 0 && a.n <= (asked[i - 1]?.n ?? 0)) return xmlError(res, 400, 'InvalidPartOrder', 'parts must ascend');
      if (i < asked.length - 1 && part.body.length < MIN_PART_BYTES) return xmlError(res, 400, 'EntityTooSmall', `part ${a.n} is under 5 MiB`);
      bodies.push(part.body);
    }
    const whole = Buffer.concat(bodies);
    state.objects.set(key, { body: whole, contentType: upload.contentType, metadata: upload.metadata });
    state.multipart.delete(uploadId);
    return sendXml(
      res,
      200,
      `<CompleteMultipartUploadResult><Location>/${state.bucket}/${xmlText(key)}</Location><Bucket>${state.bucket}</Bucket>` +
        `<Key>${xmlText(key)}</Key><ETag>"${createHash('md5').update(whole).digest('hex')}-${asked.length}"</ETag></CompleteMultipartUploadResult>`,
    );
  }
  xmlError(res, 405, 'MethodNotAllowed', 'method not allowed');
}

function deleteObjects(res: ServerResponse, body: Buffer, state: FakeState) {
  const keys = [...body.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => unxml(m[1] ?? ''));
  for (const k of keys) state.objects.delete(k);
  sendXml(res, 200, `<DeleteResult>${keys.map((k) => `<Deleted><Key>${xmlText(k)}</Key></Deleted>`).join('')}</DeleteResult>`);
}

/** Content-MD5 and x-amz-checksum-crc32, when a client sends them, must match the bytes that arrived. */
function checkChecksums(req: IncomingMessage, body: Buffer): string | null {
  const md5 = req.headers['content-md5'];
  if (typeof md5 === 'string' && md5 !== createHash('md5').update(body).digest('base64')) return 'checksum: Content-MD5 does not match';
  const crc = req.headers['x-amz-checksum-crc32'];
  if (typeof crc === 'string') {
    const expected = Buffer.alloc(4);
    expected.writeUInt32BE(crc32(body));
    if (crc !== expected.toString('base64')) return 'checksum: x-amz-checksum-crc32 does not match';
  }
  return null;
}

/**
 * The signature's shape, the payload hash against the bytes that arrived, and the signature itself
 * recomputed from the request as received (so a header or path changed in transit is caught).
 */
function checkSignature(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  state: { accessKeyId: string; secretAccessKey: string; region: string },
): string | null {
  const m = authShape.exec(req.headers.authorization ?? '');
  if (!m) return 'authorization header has the wrong shape';
  const [, keyId, day, region, signedHeaders, signature] = m;
  if (keyId !== state.accessKeyId || region !== state.region) return 'unknown credential scope';
  const date = String(req.headers['x-amz-date'] ?? '');
  if (!/^\d{8}T\d{6}Z$/.test(date) || date.slice(0, 8) !== day) return 'bad x-amz-date';
  const names = (signedHeaders ?? '').split(';');
  for (const required of ['host', 'x-amz-content-sha256', 'x-amz-date']) {
    if (!names.includes(required)) return `${required} not signed`;
  }
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256Hex(body)) return 'payload hash does not match the body';
  const headers: Record<string, string> = {};
  for (const n of names) {
    if (n === 'host' || n === 'x-amz-date' || n === 'x-amz-content-sha256') continue;
    headers[n] = String(req.headers[n] ?? '');
  }
  const when = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
  const expected = signatureParts(
    { method: req.method ?? 'GET', url, headers, payloadHash },
    { accessKeyId: state.accessKeyId, secretAccessKey: state.secretAccessKey, region: state.region, service: 's3' },
    when,
  );
  return expected.signature === signature ? null : 'signature does not match';
}

function xmlError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}
