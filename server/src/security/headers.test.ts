import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, INFO, lastCode, newPhone, PASSWORD } from '../modules/auth/testHelpers.js';
import { multipartFile } from '../modules/files/testHelpers.js';
import { freshSchool } from '../test/factories.js';
import { createTestContext, type TestContext } from '../test/testApp.js';

/** index.html as `vite build` writes it with `html.cspNonce` (web/vite.config.ts). */
const INDEX_HTML = `<!doctype html><html lang="ru"><head>
<meta property="csp-nonce" nonce="__PARTA_CSP_NONCE__">
<script type="module" crossorigin src="/assets/app.js" nonce="__PARTA_CSP_NONCE__"></script>
</head><body><div id="root"></div></body></html>`;

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  Buffer.alloc(48, 7),
]);

let webDist: string;
let dataDir: string;
let http: TestContext;
let https: TestContext;

beforeAll(async () => {
  webDist = await mkdtemp(path.join(tmpdir(), 'parta-headers-web-'));
  dataDir = await mkdtemp(path.join(tmpdir(), 'parta-headers-data-'));
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(path.join(webDist, 'index.html'), INDEX_HTML);
  await writeFile(path.join(webDist, 'assets', 'app.js'), 'console.log(1)');
  http = await createTestContext({ WEB_DIST: webDist, DATA_DIR: dataDir, PUBLIC_URL: 'http://parta.test' });
  https = await createTestContext({ WEB_DIST: webDist, DATA_DIR: dataDir, PUBLIC_URL: 'https://parta.school.test' });
});
afterAll(async () => {
  await http.close();
  await https.close();
  await rm(webDist, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

/** The CSP as directive → sources. */
function csp(res: LightMyRequestResponse): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name = '', ...sources] = d.split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

/** What every answer carries, page, JSON or file, success or refusal. */
function expectCommonHeaders(res: LightMyRequestResponse) {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers['x-powered-by']).toBeUndefined();
  expect(csp(res).get('frame-ancestors') ?? csp(res).get('sandbox')).toBeDefined();
}

/** The page's CSP: no inline or eval'd script, no plugins, no framing, `<style>` only with this answer's nonce. */
function expectAppCsp(res: LightMyRequestResponse): string {
  expectCommonHeaders(res);
  const policy = csp(res);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('script-src-attr')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('form-action')).toEqual(["'self'"]);
  expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  expect(policy.get('media-src')).toEqual(["'self'", 'blob:']);
  expect(policy.get('style-src-attr')).toEqual(["'none'"]);
  const header = String(res.headers['content-security-policy']);
  expect(header).not.toContain('unsafe-inline');
  expect(header).not.toContain('unsafe-eval');
  const style = policy.get('style-src') ?? [];
  expect(style[0]).toBe("'self'");
  const nonce = /^'nonce-([A-Za-z0-9+/=]{24})'$/.exec(style[1] ?? '')?.[1];
  expect(nonce, `style-src ${style.join(' ')}`).toBeDefined();
  return nonce as string;
}

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

describe('the app page (/, /index.html and client routes such as /chats)', () => {
  it('has a strict CSP whose style nonce is the one written into the page, fresh on every answer', async () => {
    const nonces = new Set<string>();
    for (const url of ['/', '/chats', '/schools/1/news', '/index.html']) {
      const res = await http.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      const nonce = expectAppCsp(res);
      expect(res.body).not.toContain('__PARTA_CSP_NONCE__');
      expect(res.body).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(4);
  });

  it('names the same-origin socket in connect-src and reports violations to the server', async () => {
    const plain = csp(await http.app.inject({ url: '/chats' }));
    expect(plain.get('connect-src')).toEqual(["'self'", 'ws://parta.test']);
    expect(plain.get('report-uri')).toEqual(['/api/csp-report']);
    expect(csp(await https.app.inject({ url: '/chats' })).get('connect-src')).toEqual(["'self'", 'wss://parta.school.test']);
  });

  it('serves the built scripts with the same headers', async () => {
    const res = await http.app.inject({ url: '/assets/app.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expectAppCsp(res);
  });
});

describe('the API', () => {
  it('answers JSON, successes and refusals alike, with a CSP that lets nothing load and no framing', async () => {
    const s = await freshSchool(http);
    const answers = [
      await http.app.inject({ url: '/api/health' }),
      await http.app.inject({ url: '/api/me', headers: { cookie: s.cookies.student } }),
      await http.app.inject({ url: '/api/me' }),
      await http.app.inject({ url: '/api/nope' }),
      await http.app.inject({ method: 'POST', url: '/api/auth/identify', payload: { phone: 'x' } }),
      await http.app.inject({ method: 'POST', url: '/api/health', headers: { origin: 'http://evil.test' } }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 401, 404, 400, 403]);
    for (const [i, res] of answers.entries()) {
      expectCommonHeaders(res);
      expect(res.headers['content-security-policy'], `answer ${i}`).toBe(API_CSP);
    }
  });

  it('gives Swagger UI a CSP it works under: its own scripts only, no framing', async () => {
    const res = await http.app.inject({ url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger-initializer.js');
    expectCommonHeaders(res);
    const policy = csp(res);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('served files', () => {
  it('keep their own sandboxing CSP and download disposition, with the common headers', async () => {
    const s = await freshSchool(http);
    const upload = async (name: string, content: Buffer | string) => {
      const { payload, headers } = multipartFile(name, content);
      const res = await http.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, cookie: s.cookies.student }, payload });
      expect(res.statusCode).toBe(201);
      return res.json().data.id as string;
    };
    const page = await upload('page.html', '<script>alert(1)</script>');
    const picture = await upload('p.png', PNG);
    const photo = await upload('photo.png', await sharp({ create: { width: 80, height: 60, channels: 3, background: '#336699' } }).png().toBuffer());
    const answers = [
      await http.app.inject({ url: `/api/files/${page}`, headers: { cookie: s.cookies.student } }),
      await http.app.inject({ url: `/api/files/${page}/view`, headers: { cookie: s.cookies.student } }),
      await http.app.inject({ url: `/api/files/${picture}/preview`, headers: { cookie: s.cookies.student } }),
      await http.app.inject({ url: `/api/files/${photo}/thumb/640`, headers: { cookie: s.cookies.student } }),
    ];
    for (const [i, res] of answers.entries()) {
      expect(res.statusCode, `answer ${i}`).toBe(200);
      expectCommonHeaders(res);
      expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
    expect(answers[0]?.headers['content-disposition']).toMatch(/^attachment/);
    expect(answers[1]?.headers['content-disposition']).toMatch(/^attachment/);
    expect(answers[2]?.headers['content-disposition']).toMatch(/^inline/);
    expect(answers[3]?.headers['content-disposition']).toMatch(/^inline; filename="photo\.webp"/);
    expect(answers[3]?.headers['content-type']).toBe('image/webp');
  });
});

/** Signs a new person up and out in one browser; every Set-Cookie header on the way. */
async function cookiesOfSignUpAndOut(ctx: TestContext): Promise<string[]> {
  const browser = new Browser(ctx);
  const phone = newPhone();
  const setCookies: string[] = [];
  const step = async (res: Promise<LightMyRequestResponse>) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(200);
    const h = r.headers['set-cookie'];
    setCookies.push(...(Array.isArray(h) ? h : h ? [h] : []));
    return r;
  };
  await step(browser.post('/auth/identify', { phone }));
  const verified = await step(browser.post('/auth/verify', { phone, purpose: 'login', code: lastCode(ctx.deps.sms, phone) }));
  await step(browser.post('/auth/signup', { verificationToken: verified.json().verificationToken, password: PASSWORD, ...INFO }));
  await step(browser.post('/auth/signout'));
  return setCookies;
}

describe('https', () => {
  it('with an https PUBLIC_URL: HSTS, upgrade-insecure-requests, and every cookie Secure (device, session, sign-out)', async () => {
    const page = await https.app.inject({ url: '/' });
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(csp(page).has('upgrade-insecure-requests')).toBe(true);
    expect((await https.app.inject({ url: '/api/nope' })).headers['strict-transport-security']).toBe('max-age=31536000');

    const cookies = await cookiesOfSignUpAndOut(https);
    expect(cookies.map((c) => c.split('=')[0])).toEqual(['parta_device', 'parta_session', 'parta_session']);
    for (const c of cookies) {
      expect(c).toMatch(/; Secure(;|$)/);
      expect(c).toMatch(/; HttpOnly(;|$)/);
      expect(c).toMatch(/; SameSite=Lax(;|$)/);
    }
  });

  it('with an http PUBLIC_URL (a local install): no HSTS, no upgrade, cookies without Secure (they would never be sent back)', async () => {
    const page = await http.app.inject({ url: '/' });
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(csp(page).has('upgrade-insecure-requests')).toBe(false);
    const cookies = await cookiesOfSignUpAndOut(http);
    expect(cookies).toHaveLength(3);
    for (const c of cookies) expect(c).not.toMatch(/Secure/);
  });
});

describe('POST /api/csp-report', () => {
  const report = { 'csp-report': { 'document-uri': 'http://parta.test/chats', 'violated-directive': 'script-src-elem', 'blocked-uri': 'inline' } };

  it('takes a browser report (no session, the report content type) with 204', async () => {
    const res = await http.app.inject({
      method: 'POST', url: '/api/csp-report', headers: { 'content-type': 'application/csp-report' }, payload: JSON.stringify(report),
    });
    expect(res.statusCode).toBe(204);
    const garbled = await http.app.inject({
      method: 'POST', url: '/api/csp-report', headers: { 'content-type': 'application/csp-report' }, payload: '{not json',
    });
    expect(garbled.statusCode).toBe(204);
  });

  it('refuses a body larger than a report with 413', async () => {
    const res = await http.app.inject({
      method: 'POST', url: '/api/csp-report', headers: { 'content-type': 'application/csp-report' },
      payload: JSON.stringify({ 'csp-report': { 'script-sample': 'x'.repeat(20_000) } }),
    });
    expect(res.statusCode).toBe(413);
  });
});
