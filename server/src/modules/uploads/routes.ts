import type { IncomingMessage } from 'node:http';
import { type ErrorCode, errorMessage, errorMessages } from '@parta/contracts';
import { Server, type ServerOptions } from '@tus/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { AppError, notFound } from '../../lib/errors.js';
import { createStorage, type FileStorage, newStorageKey } from '../../platform/storage/index.js';
import { requireActor } from '../../policy/authorize.js';
import { finishUpload } from './finishUpload.js';
import { forgetUpload, ownUpload } from './queries.js';
import { recordUpload, startUpload, type UploadGrant } from './startUpload.js';
import { createUploadStore, type UploadStore } from './store.js';
import { sweepUploads } from './sweepUploads.js';

/** The header a finished upload's answers (the last PATCH, any later HEAD) carry: the file it became. */
export const FILE_ID_HEADER = 'Parta-File-Id';
const TUS_PATH = '/api/uploads';
const SWEEP_EVERY_MS = 60 * 60 * 1000;

const uploadParams = z.object({ prefix: z.string().regex(/^[a-z0-9]{2}$/), key: z.string().regex(/^[a-z0-9]{8,64}$/) });

/** What the Fastify side decided about a request, for the tus hooks that run inside it. */
interface Admitted {
  grant?: UploadGrant;
  /** The most this request may make the upload: its promised length (creation checked it against the limit). */
  maxBytes: number;
}

type SrvxRequest = Parameters<NonNullable<ServerOptions['onUploadCreate']>>[0];
const nodeReq = (req: SrvxRequest): IncomingMessage | undefined => (req as { runtime?: { node?: { req: IncomingMessage } } }).runtime?.node?.req;

function metadataOf(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? '').split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (!key) continue;
    out[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return out;
}

/** A refusal inside a tus hook, in the API's one error shape and the request's language. */
function tusError(raw: IncomingMessage, err: AppError) {
  const locale = /^en\b/i.test(raw.headers['accept-language'] ?? '') ? 'en' : 'ru';
  const message = errorMessage(err.code as ErrorCode, locale, err.details);
  return { status_code: err.status, body: JSON.stringify({ error: { code: err.code, message, ...err.details } }) };
}

/**
 * Resumable uploads (tus 1.0.0: core, creation, termination, expiration) at /api/uploads, for files
 * too big to send in one request: a lesson recording for «Видео школы». Fastify authenticates and checks
 * the rules first (owner, Origin, limits), then hands the raw request to @tus/server; the bytes go to
 * DATA_DIR/uploads or straight into the S3 bucket as a multipart upload, and the finished upload becomes
 * an ordinary file row (see finishUpload).
 */
export async function registerUploadsRoutes(
  api: ApiInstance,
  deps: AppDeps,
  storage: FileStorage = createStorage(deps.config),
  makeStore: () => UploadStore = () => createUploadStore(deps.config),
): Promise<void> {
  const admitted = new WeakMap<IncomingMessage, Admitted>();
  // Made at the first upload: the file store creates its directory, which an app that takes none should not.
  let made: { store: UploadStore; tus: Server } | null = null;
  const upstream = () => {
    made ??= makeServer(makeStore());
    return made;
  };
  const makeServer = (store: UploadStore) => ({
    store,
    tus: new Server({
      path: TUS_PATH,
      datastore: store.datastore,
      relativeLocation: true,
      // Finished uploads are files now: DELETE /api/files… is how they go.
      disableTerminationForFinishedUploads: true,
      namingFunction: () => newStorageKey(),
      generateUrl: (_req, { path, id }) => `${path}/${id}`,
      getFileIdFromRequest: (req) => {
        const m = /^\/api\/uploads\/([a-z0-9]{2}\/[a-z0-9]{8,64})$/.exec(new URL(req.url).pathname);
        return m?.[1];
      },
      maxSize: (req) => {
        const raw = nodeReq(req);
        return (raw && admitted.get(raw)?.maxBytes) || deps.config.files.maxBytes;
      },
      onUploadCreate: async (req, upload) => {
        const raw = nodeReq(req);
        const grant = raw ? admitted.get(raw)?.grant : undefined;
        if (!grant) throw { status_code: 500, body: 'not admitted\n' };
        await recordUpload(deps, upload.id, grant);
        return {};
      },
      onUploadFinish: async (req, upload) => {
        const raw = nodeReq(req);
        try {
          const { fileId } = await finishUpload({ db: deps.db, config: deps.config, storage, uploads: store }, upload.id);
          return { headers: { [FILE_ID_HEADER]: fileId } };
        } catch (err) {
          if (err instanceof AppError && raw) throw tusError(raw, err);
          // Anything else is ours to log; the client gets «internal», never the error's text.
          api.log.error({ err }, 'finishing an upload failed');
          throw { status_code: 500, body: JSON.stringify({ error: { code: 'internal', message: errorMessages.internal.ru } }) };
        }
      },
    }),
  });

  const handOver = async (req: FastifyRequest, reply: FastifyReply, grant: Admitted) => {
    admitted.set(req.raw, grant);
    reply.hijack();
    await upstream().tus.handle(req.raw, reply.raw);
  };

  await api.register(async (scope) => {
    // PATCH bodies stay unread here: @tus/server streams them into the store.
    scope.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));

    scope.options('/uploads', async (req, reply) => {
      reply.hijack();
      await upstream().tus.handle(req.raw, reply.raw);
    });

    scope.post('/uploads', async (req, reply) => {
      const grant = await startUpload(deps, req.actor, {
        length: req.headers['upload-length'] as string | undefined,
        metadata: metadataOf(req.headers['upload-metadata'] as string | undefined),
      });
      await handOver(req, reply, { grant, maxBytes: grant.size });
    });

    scope.route({
      method: ['HEAD', 'PATCH', 'DELETE'],
      url: '/uploads/:prefix/:key',
      config: { upload: true },
      handler: async (req, reply) => {
        requireActor(req.actor);
        const params = uploadParams.safeParse(req.params);
        if (!params.success) throw notFound();
        const upload = await ownUpload(deps.db, req.actor.userId, `${params.data.prefix}/${params.data.key}`);
        if (!upload) throw notFound();
        if (upload.fileId) {
          // Finished: the file exists; a client whose last answer was lost learns it here.
          if (req.method !== 'HEAD') throw notFound();
          return reply
            .status(200)
            .headers({
              'Tus-Resumable': '1.0.0',
              'Upload-Offset': String(upload.size),
              'Upload-Length': String(upload.size),
              'Cache-Control': 'no-store',
              [FILE_ID_HEADER]: upload.fileId,
            })
            .send();
        }
        if (req.method === 'DELETE') {
          // Termination is done here, not by tus: tus answers 204 before a hook of ours could forget the record,
          // and a client that starts its next upload at once would still find this one counted as unfinished.
          // Bytes first, then the record (as the sweep does), then the answer.
          await upstream().store.discard(upload.id);
          await forgetUpload(deps.db, upload.id);
          return reply.status(204).headers({ 'Tus-Resumable': '1.0.0', 'Cache-Control': 'no-store' }).send();
        }
        await handOver(req, reply, { maxBytes: upload.size });
      },
    });
  });

  const timer = setInterval(() => {
    sweepUploads({ db: deps.db, clock: deps.clock, uploads: { discard: (id) => upstream().store.discard(id) } }).catch((err: unknown) => api.log.error({ err }, 'upload sweep failed'));
  }, SWEEP_EVERY_MS);
  timer.unref();
  api.addHook('onClose', async () => clearInterval(timer));
}
