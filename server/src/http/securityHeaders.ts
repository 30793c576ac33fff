import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** What index.html carries in place of the nonce (web/vite.config.ts `html.cspNonce`); replaced per response. */
export const CSP_NONCE_PLACEHOLDER = '__PARTA_CSP_NONCE__';

/** Where browsers post what the CSP refused (`report-uri`; see registerCspReports). */
export const CSP_REPORT_PATH = '/api/csp-report';

/**
 * JSON answers are never a page: nothing may load or run in them, nor may they be framed. Files keep
 * their own stricter header (`sandbox`, set by the files routes).
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Swagger UI (/api/docs): its own scripts and styles, the spec as JSON, its SVG icons as data: URLs. */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const nonces = new WeakMap<ServerResponse, string>();

/** The nonce of this response's CSP, for the `<style>` elements Mantine, TipTap and react-remove-scroll add. */
export function cspNonce(reply: FastifyReply): string {
  return nonceOf(reply.raw);
}

/**
 * The app's page, its nonce filled in. `no-cache` and no validator (no ETag, no Last-Modified): a browser may keep
 * the copy for back and forward, but every new visit gets a fresh page, with a fresh nonce, from the server. (Not
 * `no-store`, which would also keep the page out of the back/forward cache.) `headExtra` goes at the end of <head>
 * (the first screen's hints: firstScreenHints.ts).
 */
export function sendIndexHtml(reply: FastifyReply, template: string, headExtra = '') {
  const page = template.replaceAll(CSP_NONCE_PLACEHOLDER, cspNonce(reply));
  return reply
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-cache')
    .send(headExtra ? page.replace('</head>', `${headExtra}</head>`) : page);
}

/**
 * The web socket of the same origin. CSP Level 3 lets 'self' match ws:/wss: of the page's host, but older
 * engines (Safari before 15.4) do not; with PUBLIC_URL known it is named outright.
 */
function socketOrigin(publicUrl: string | undefined): string[] {
  if (!publicUrl) return [];
  const url = new URL(publicUrl);
  return [`${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`];
}

/**
 * Security headers on every answer (pages, the API, files, 404s and errors), with @fastify/helmet.
 *
 * The app's CSP: scripts only from our own files (no inline script, no eval); `<style>` elements only
 * with the response's nonce (Mantine's theme variables and responsive props, TipTap's editor styles,
 * the modal scroll lock); style *attributes* are not allowed either — React, Mantine and ProseMirror
 * set styles through the CSSOM, which the CSP does not govern. Pictures and video also from blob: and
 * data: (previews of a file before it is sent, the poster frame of a video, Mantine's SVG icons).
 *
 * HSTS, `upgrade-insecure-requests` and Secure cookies (context.ts) only when PUBLIC_URL is https:
 * on a plain-http local install HSTS would lock the browser out of the school's address.
 *
 * Referrer-Policy is `no-referrer`: invitation and sign-in links carry tokens in the path, and a
 * click on a link in a message (another site) must not hand the address of the page it was on to
 * that site; nothing in Parta needs the Referer.
 */
export async function installSecurityHeaders(app: FastifyInstance, publicUrl: string | undefined) {
  const https = publicUrl?.startsWith('https://') ?? false;
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", (_req, res) => `'nonce-${nonceOf(res as ServerResponse)}'`],
        styleSrcAttr: ["'none'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...socketOrigin(publicUrl)],
        workerSrc: ["'self'", 'blob:'],
        frameSrc: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        manifestSrc: ["'self'"],
        reportUri: [CSP_REPORT_PATH],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    // The app is opened in its own window; a page it opens (a link in a message) gets no handle on it.
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    // Other sites may not embed our answers (pictures, files) in theirs.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // Off: require-corp would need every resource to opt in, and buys nothing without SharedArrayBuffer.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    // Helmet's defaults stay for the rest: nosniff, X-XSS-Protection: 0 (the old auditor off), no X-Powered-By…
  });

  // JSON and Swagger UI get their own CSP; set after helmet's, in the same onRequest phase, before any
  // handler (the files routes set their sandbox CSP in the handler, after this).
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    reply.raw.setHeader('content-security-policy', req.url.startsWith('/api/docs') ? DOCS_CSP : API_CSP);
  });
}

function nonceOf(res: ServerResponse): string {
  let nonce = nonces.get(res);
  if (!nonce) {
    nonce = randomBytes(18).toString('base64');
    nonces.set(res, nonce);
  }
  return nonce;
}

/** A report is a few hundred bytes; anything larger is not one. */
const REPORT_BODY_LIMIT = 8 * 1024;
/** Reports logged per minute by this node; a page in a loop (or a stranger posting) cannot flood the log. */
const REPORTS_LOGGED_PER_MINUTE = 60;

/**
 * Where browsers send what the CSP refused (`report-uri`): each report is logged as `csp violation`, so an
 * operator sees a page the CSP breaks (or an injection it stopped), and the e2e run fails on any. Anyone
 * may post here (browsers send no session); the body is small, parsed as plain JSON and never stored,
 * and the log takes at most REPORTS_LOGGED_PER_MINUTE a minute. Always 204.
 */
export function installCspReports(app: FastifyInstance) {
  let windowStart = 0;
  let logged = 0;
  app.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/csp-report', 'application/reports+json'],
      { parseAs: 'string', bodyLimit: REPORT_BODY_LIMIT },
      (_req, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(null, null);
        }
      },
    );
    scope.post(CSP_REPORT_PATH, { bodyLimit: REPORT_BODY_LIMIT }, async (req, reply) => {
      const now = Date.now();
      if (now - windowStart > 60_000) {
        windowStart = now;
        logged = 0;
      }
      if (logged < REPORTS_LOGGED_PER_MINUTE && req.body && typeof req.body === 'object') {
        logged += 1;
        req.log.warn({ cspReport: req.body, userAgent: req.headers['user-agent'] }, 'csp violation');
      }
      return reply.status(204).send();
    });
  });
}
