import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256Hex, signatureParts } from './sigv4.js';

/** For tests: a tiny S3 on 127.0.0.1 that checks each request's SigV4 and keeps objects in memory. */
export interface FakeS3 {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** Every request seen, in order. */
  requests: { method: string; path: string; headers: IncomingMessage['headers'] }[];
  /** Requests refused for a bad signature. */
  rejected: number;
  close(): Promise<void>;
}

const authShape =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request,SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$/;

export async function startFakeS3(): Promise<FakeS3> {
  const state = {
    bucket: 'parta-test',
    accessKeyId: 'FAKEACCESSKEY',
    secretAccessKey: 'fake/secret+key',
    region: 'us-east-1',
    objects: new Map<string, { body: Buffer; contentType: string }>(),
    requests: [] as FakeS3['requests'],
    rejected: 0,
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    state.requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers });
    const problem = checkSignature(req, url, body, state);
    if (problem) {
      state.rejected += 1;
      return xmlError(res, 403, 'SignatureDoesNotMatch', problem);
    }
    const [, bucket, ...rest] = url.pathname.split('/');
    if (bucket !== state.bucket) return xmlError(res, 404, 'NoSuchBucket', 'no such bucket');
    const key = decodeURIComponent(rest.join('/'));
    if (req.method === 'PUT') {
      state.objects.set(key, { body, contentType: req.headers['content-type'] ?? 'binary/octet-stream' });
      res.writeHead(200, { etag: `"${sha256Hex(body).slice(0, 32)}"` }).end();
      return;
    }
    if (req.method === 'DELETE') {
      state.objects.delete(key);
      res.writeHead(204).end();
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
        res.writeHead(206, {
          'content-type': obj.contentType,
          'content-length': part.length,
          'content-range': `bytes ${start}-${end}/${obj.body.length}`,
        });
        res.end(part);
        return;
      }
      res.writeHead(200, { 'content-type': obj.contentType, 'content-length': obj.body.length }).end(obj.body);
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
