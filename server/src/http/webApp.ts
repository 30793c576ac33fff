import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../modules/auth/sessions.js';
import { sendError } from './errorHandler.js';
import { loadFirstScreenHints } from './firstScreenHints.js';
import { cspNonce, sendIndexHtml } from './securityHeaders.js';

/**
 * Files under /assets/ are named by a hash of their content (Vite): a new build gives new names, so a browser may keep
 * these for a year and never ask again.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * Everything else of the web app (index.html, /sw.js, /manifest.webmanifest, the icons) keeps its name across
 * versions: a browser may keep a copy but asks the server before each use, so a new version is seen at once.
 */
export const REVALIDATE = 'no-cache';
// index.html says the same (securityHeaders.ts sendIndexHtml): it is served per request, with its own nonce.

/** The compressed copies `vite build` writes beside each file (web/vite.config.ts, compressAssets). */
const COMPRESSED_COPIES = ['**/*.br', '**/*.gz'];

/**
 * Serves the built SPA; `/`, `/index.html` and unknown non-API paths get index.html so client routes work on
 * reload. index.html is never served as the file: each answer fills in its own CSP nonce, and for a first screen of a
 * signed-in person the files and answers that screen needs first (firstScreenHints.ts).
 *
 * The other files are sent as built: brotli or gzip when the browser accepts it and the build made that copy
 * (`preCompressed`; the answer says `Vary: Accept-Encoding`), else as they are; nothing is compressed per request.
 * A missing file under /assets/ is a 404, never the page: a tab of an older version asking for a script of its
 * own must not get HTML in its place (the app reloads itself into the new version instead).
 */
export async function serveWebApp(app: FastifyInstance, webDist: string) {
  const indexFile = path.join(webDist, 'index.html');
  const indexHtml = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
  const assets = path.join(webDist, 'assets') + path.sep;
  const hints = loadFirstScreenHints(webDist);
  if (indexHtml !== null) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      globIgnore: COMPRESSED_COPIES,
      allowedPath: (p) => p !== '/index.html',
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, file) => {
        reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (indexHtml !== null && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) {
      const pathname = req.url.split('?')[0] ?? '/';
      return sendIndexHtml(reply, indexHtml, hints(pathname, Boolean(req.cookies?.[SESSION_COOKIE]), cspNonce(reply)));
    }
    return sendError(reply, req, 404, 'not_found');
  });
}
