import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploads } from '../db/uploadSchema.js';
import { createTestContext } from '../test/testApp.js';
import { changedTables, databaseFingerprint } from './fuzz/fingerprint.js';
import { type Field, fieldName, type OpenApiDocument, type Operation, operationsOf } from './fuzz/operations.js';
import { FUZZ_PUSH_ORIGIN, requestFor, urlEncode } from './fuzz/requests.js';
import { type FuzzWorld, seedWorld } from './fuzz/world.js';

/**
 * Issue 11: whatever a person can type or paste, in any field of any endpoint, is answered below 500,
 * and a refusal writes nothing. The operations are the routes the app itself adds (onRoute), their
 * fields read from the OpenAPI document the zod contracts produce: a new endpoint or field is fuzzed
 * without a line here. Each string field (path, query, body at any depth, a multipart file's name, tus
 * Upload-Metadata) gets U+0000, unpaired surrogates, then PARTA_FUZZ_RUNS arbitrary strings (default 4;
 * raise it for a long local run), with every other field valid from a seeded school, as its
 * administrator (anonymous for /auth/*, the operator for /operator/*).
 */
const RUNS = Number(process.env.PARTA_FUZZ_RUNS ?? 4);

const routes: RouteOptions[] = [];
const dataDir = await mkdtemp(path.join(tmpdir(), 'parta-fuzz-'));
const ctx = await createTestContext({ DATA_DIR: dataDir, PUSH_TEST_ORIGINS: FUZZ_PUSH_ORIGIN }, { onRoute: (route) => routes.push(route) });
const operations = operationsOf(routes, ctx.app.swagger() as unknown as OpenApiDocument);

/** Text a person can produce: any code units, any graphemes, the awkward ones, and the very long. */
const typedText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'a\u0000b', '\udfff', 'x\udbff', '\u202eexe.jpg', '\u200f\u061cשלום', '👩‍👩‍👧‍👦', '', ' ', '../../etc/passwd',
      "'; drop table users; --", '<script>alert(1)</script>', '%00', '0', '-1', 'null', '9999999999999999999999',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('я'.repeat(100_000), '😀'.repeat(25_000)) },
);
/** In an address: the same text percent-encoded, or percent-escapes no UTF-8 decoder accepts. */
const urlText = fc.oneof(
  { weight: 4, arbitrary: typedText.map(urlEncode) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '%ED%A0%80', '%C0%80', '%FF%FE', '%E0%A4%A') },
);
/** Tried first in every field: the two that used to end as 500s. */
const textExamples: [string][] = [['\u0000'], ['\ud800']];
const urlExamples: [string][] = [['%00'], ['%ED%A0%80']];

let world: FuzzWorld;
let fingerprint: Record<string, string>;
const tally = { operations: 0, fields: 0, requests: 0, refused: 0 };
/** Operations that took at least one fuzzed body: the others' bodies were refused whole (listed in the log). */
const acceptedBody = new Set<string>();

beforeAll(async () => {
  world = await seedWorld(ctx);
  fingerprint = await databaseFingerprint(ctx.deps.db);
}, 60_000);
afterAll(async () => {
  console.info(
    `every endpoint fuzzed: ${tally.operations} of ${operations.length} operations, ${tally.fields} fields, ${tally.requests} requests (${tally.refused} refused), ${RUNS} arbitrary strings a field`,
  );
  const neverAccepted = operations.filter((op) => op.fields.some((f) => f.place === 'body') && !acceptedBody.has(`${op.method} ${op.url}`));
  console.info(`operations whose fuzzed bodies were all refused: ${neverAccepted.map((op) => `${op.method} ${op.url}`).join(', ') || 'none'}`);
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true });
});

const short = (text: string) => `${JSON.stringify(text.slice(0, 60))}${text.length > 60 ? `…(${text.length})` : ''}`;

/** Sends one request and checks the answer and the database. */
async function check(op: Operation, field: Field | null, text: string): Promise<void> {
  const res = await ctx.app.inject(requestFor(world, op, field, text));
  tally.requests += 1;
  const seen = `${op.method} ${op.url} ${field ? fieldName(field) : '(no input)'} = ${short(text)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  const before = fingerprint;
  fingerprint = await databaseFingerprint(ctx.deps.db);
  expect(res.statusCode, seen).toBeLessThan(500);
  if (res.statusCode < 400 && field?.place === 'body') acceptedBody.add(`${op.method} ${op.url}`);
  if (res.statusCode >= 400) {
    tally.refused += 1;
    // Ours are JSON with a code; tus answers its own protocol errors in plain text, and HEAD has no body.
    if (res.body && String(res.headers['content-type']).startsWith('application/json')) expect(res.json().error?.code, seen).toEqual(expect.any(String));
    expect(changedTables(before, fingerprint), `refused, yet written: ${seen}`).toEqual([]);
  }
  if (field?.place === 'Upload-Metadata filename' && res.statusCode === 201) await terminateUpload(String(res.headers.location));
}

/** Ends an upload the fuzzing created; the route forgets its row just after answering, so wait for that. */
async function terminateUpload(location: string) {
  await ctx.app.inject({ method: 'DELETE', url: location, headers: { cookie: world.school.cookies.admin, 'tus-resumable': '1.0.0' } });
  const id = location.replace('/api/uploads/', '');
  for (let i = 0; i < 100; i += 1) {
    const left = await ctx.deps.db.select({ id: uploads.id }).from(uploads).where(eq(uploads.id, id));
    if (left.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  fingerprint = await databaseFingerprint(ctx.deps.db);
}

describe('every endpoint takes anything a person can type: below 500, and nothing written when refused', () => {
  it.each(operations.map((op) => [`${op.method} ${op.url}`, op] as const))('%s', async (_name, op) => {
    tally.operations += 1;
    if (op.fields.length === 0) {
      await check(op, null, '');
      return;
    }
    for (const field of op.fields) {
      const inUrl = field.place === 'path' || field.place === 'query';
      const details = await fc.check(
        fc.asyncProperty(inUrl ? urlText : typedText, (text) => check(op, field, text)),
        { numRuns: RUNS + 2, examples: inUrl ? urlExamples : textExamples, endOnFailure: true },
      );
      // The error's own message names the request; fast-check's would print a 100 kB counterexample whole.
      if (details.failed) throw details.errorInstance ?? new Error(`${fieldName(field)} failed`);
      tally.fields += 1;
    }
  }, 120_000);

  it('left no route out: every route the app added was an operation fuzzed above', () => {
    const routeCount = new Set(routes.flatMap((r) => [r.method].flat().filter((m) => m !== 'HEAD' || [r.method].flat().length > 1).map((m) => `${m} ${r.url}`))).size;
    expect(routeCount).toBeGreaterThan(100);
    expect(tally.operations).toBeGreaterThanOrEqual(routeCount);
  });
});
