import multipart from '@fastify/multipart';
import { fileLimitsResponse, forbiddenFileExtensions, id, previewImageTypes, uploadFileResponse } from '@parta/contracts';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { createStorage, type FileStorage } from '../../platform/storage/index.js';
import { requireActor } from '../../policy/authorize.js';
import { contentDisposition, looksLikePdf, safeContentType } from './fileTypes.js';
import { readHead } from './readHead.js';
import type { FileDownload } from './readFile.js';
import { readFile, readThumbnail } from './readFile.js';
import { storageUse } from './storageQuota.js';
import { sweepOrphanFiles } from './sweepOrphanFiles.js';
import { uploadFile } from './uploadFile.js';

const fileParams = z.object({ id });
const thumbParams = z.object({ id, side: z.enum(['640', '1280']) });

/**
 * Headers every served file carries: never sniffed into something runnable, and if a browser were
 * to open it as a page anyway, the page is sandboxed (no script, no same-origin access).
 */
function secureHeaders(reply: FastifyReply) {
  reply
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "sandbox; default-src 'none'")
    .header('Cache-Control', 'private, max-age=0, must-revalidate')
    .header('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendBytes(reply: FastifyReply, d: FileDownload) {
  reply.header('Content-Length', String(d.size));
  if (d.range) {
    reply.status(206).header('Content-Range', `bytes ${d.range.start}-${d.range.end}/${d.file.size}`);
  }
  return reply.send(d.body);
}

/** CHT-3, DOC-1: uploads, downloads and image previews. The storage is picked from config (S3_* or DATA_DIR/files). */
export async function registerFilesRoutes(api: ApiInstance, deps: AppDeps, storage: FileStorage = createStorage(deps.config)): Promise<void> {
  const tags = ['files'];
  const fileDeps = { db: deps.db, config: deps.config, storage };
  const maxBytes = deps.config.files.maxBytes;

  if (deps.config.files.sweepMs > 0) {
    const sweep = () =>
      sweepOrphanFiles({ db: deps.db, clock: deps.clock, storage })
        .catch((err: unknown) => api.log.error({ err }, 'orphan file sweep failed'));
    const timer = setInterval(sweep, deps.config.files.sweepMs);
    timer.unref();
    api.addHook('onClose', async () => clearInterval(timer));
  }

  api.get('/files/limits', { schema: { tags, response: { 200: fileLimitsResponse } } }, async (req) => {
    requireActor(req.actor);
    const use = await storageUse(deps.db, req.actor.userId);
    return { data: { maxBytes, forbiddenExtensions: [...forbiddenFileExtensions], previewTypes: [...previewImageTypes], storage: use } };
  });

  // Multipart parsing only where uploads are taken: the rest of the API stays JSON-only.
  await api.register(async (scope) => {
    await scope.register(multipart, {
      // One byte over our limit lets UploadGuard see the overflow and answer file_too_large itself.
      limits: { fileSize: maxBytes + 1, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
      throwFileSizeLimit: false,
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/files',
      { config: { upload: true }, schema: { tags, consumes: ['multipart/form-data'], response: { 201: uploadFileResponse } } },
      async (req, reply) => {
        requireActor(req.actor);
        if (!req.isMultipart()) throw new AppError('invalid_input');
        const part = await req.file();
        if (!part) throw new AppError('invalid_input');
        try {
          const attachment = await uploadFile(fileDeps, req.actor, {
            // Typed as a string, but a part sent as application/octet-stream without a filename has none.
            filename: part.filename as string | undefined,
            stream: part.file,
            truncated: () => part.file.truncated,
          });
          return reply.status(201).send({ data: attachment });
        } catch (err) {
          // The parser has stopped reading a refused upload; unread, the socket would never notice the
          // client leaving. Discard the rest and close the connection once the answer is out.
          reply.header('Connection', 'close');
          req.raw.resume();
          throw err;
        }
      },
    );
  });

  api.get('/files/:id', { schema: { tags, params: fileParams } }, async (req, reply) => {
    const result = await readFile(fileDeps, req.actor, req.params.id, { rangeHeader: req.headers.range });
    secureHeaders(reply);
    reply.header('Accept-Ranges', 'bytes');
    if ('unsatisfiable' in result) {
      return reply.status(416).header('Content-Range', `bytes */${result.file.size}`).send();
    }
    reply
      .header('Content-Type', safeContentType(result.file.mime))
      .header('Content-Disposition', contentDisposition('attachment', result.file.name));
    return sendBytes(reply, result);
  });

  /**
   * DOC-1 «открыть в браузере»: inline only for what a browser shows without running anything in our
   * origin — raster images recognised by their bytes at upload, and PDFs whose bytes are a PDF (Chromium's
   * viewer shows them under the same sandboxing CSP as every file). Everything else, HTML, SVG or a
   * «.pdf» that is not one, goes out exactly as a download: an attachment.
   */
  api.get('/files/:id/view', { schema: { tags, params: fileParams } }, async (req, reply) => {
    const result = await readFile(fileDeps, req.actor, req.params.id, { rangeHeader: req.headers.range });
    secureHeaders(reply);
    reply.header('Accept-Ranges', 'bytes');
    if ('unsatisfiable' in result) {
      return reply.status(416).header('Content-Range', `bytes */${result.file.size}`).send();
    }
    const { file } = result;
    let pdf = false;
    if (!file.isImage && file.mime === 'application/pdf') {
      try {
        pdf = looksLikePdf(await readHead(storage, file.storageKey, file.size));
      } catch (err) {
        result.body.destroy();
        throw err;
      }
    }
    if (file.isImage) {
      reply.header('Content-Type', file.mime).header('Content-Disposition', contentDisposition('inline', file.name));
    } else if (pdf) {
      reply.header('Content-Type', 'application/pdf').header('Content-Disposition', contentDisposition('inline', file.name));
    } else {
      reply
        .header('Content-Type', safeContentType(file.mime))
        .header('Content-Disposition', contentDisposition('attachment', file.name));
    }
    return sendBytes(reply, result);
  });

  /**
   * A chat's picture: the WebP thumbnail made at upload (640 or 1280 px on the longest side), never the
   * original. Same access rule and the same headers as every file; a file's bytes never change, so the
   * browser may keep it for a day without asking again (private: never a shared cache).
   */
  api.get('/files/:id/thumb/:side', { schema: { tags, params: thumbParams } }, async (req, reply) => {
    const result = await readThumbnail(fileDeps, req.actor, req.params.id, req.params.side === '1280' ? 1280 : 640);
    secureHeaders(reply);
    const base = result.file.name.replace(/\.[^.]*$/, '') || 'image';
    reply
      .header('Cache-Control', 'private, max-age=86400')
      .header('Content-Type', 'image/webp')
      .header('Content-Disposition', contentDisposition('inline', `${base}.webp`));
    return sendBytes(reply, result);
  });

  api.get('/files/:id/preview', { schema: { tags, params: fileParams } }, async (req, reply) => {
    const result = await readFile(fileDeps, req.actor, req.params.id, { preview: true });
    if ('unsatisfiable' in result) throw new AppError('not_found');
    secureHeaders(reply);
    reply
      .header('Content-Type', result.file.mime)
      .header('Content-Disposition', contentDisposition('inline', result.file.name));
    return sendBytes(reply, result);
  });
}
