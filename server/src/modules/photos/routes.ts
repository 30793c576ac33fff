import multipart from '@fastify/multipart';
import { id, okResponse, photoMaxBytes, photoResponse, photosQuery, photosResponse } from '@parta/contracts';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { createStorage, type FileStorage } from '../../platform/storage/index.js';
import { listPhotos } from './listPhotos.js';
import { readUpload } from './readUpload.js';
import { authorizePhoto, type PhotoOwner, removePhoto, setPhoto } from './setPhoto.js';

/** Profile photos and school logos: set (multipart, one part `file`), remove, and look up many at once. */
export async function registerPhotosRoutes(api: ApiInstance, deps: AppDeps, storage: FileStorage = createStorage(deps.config)): Promise<void> {
  const tags = ['photos'];
  const photoDeps = { db: deps.db, events: deps.events, storage };
  const maxBytes = Math.min(photoMaxBytes, deps.config.files.maxBytes);
  const schoolParams = z.object({ schoolId: id });

  api.get('/photos', { schema: { tags, querystring: photosQuery, response: { 200: photosResponse } } }, async (req) => ({
    data: await listPhotos(photoDeps, req.actor, { users: req.query.users, schools: req.query.schools }),
  }));

  api.delete('/me/photo', { schema: { tags, response: { 200: okResponse } } }, async (req) => {
    await removePhoto(photoDeps, req.actor, { kind: 'user', id: req.actor?.userId ?? '' });
    return { ok: true as const };
  });

  api.delete('/schools/:schoolId/logo', { schema: { tags, params: schoolParams, response: { 200: okResponse } } }, async (req) => {
    await removePhoto(photoDeps, req.actor, { kind: 'school', id: req.params.schoolId });
    return { ok: true as const };
  });

  // Multipart only where pictures are taken, as for /files.
  await api.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxBytes + 1, files: 1, fields: 2, parts: 3, fieldSize: 1024 },
      throwFileSizeLimit: false,
    });
    const typed = scope.withTypeProvider<ZodTypeProvider>();

    /** Checks who may before a byte is read, then reads the picture within the limit. */
    const receive = async (req: FastifyRequest, owner: PhotoOwner) => {
      authorizePhoto(req.actor, owner);
      if (!req.isMultipart()) throw new AppError('invalid_input');
      const part = await req.file();
      if (!part) throw new AppError('invalid_input');
      return readUpload(part.file, maxBytes, () => part.file.truncated);
    };
    const refuse = (req: FastifyRequest, reply: { header: (k: string, v: string) => unknown }, err: unknown) => {
      // As for /files: a refused upload's unread rest is discarded and the connection closed.
      reply.header('Connection', 'close');
      req.raw.resume();
      throw err;
    };

    typed.put('/me/photo', { config: { upload: true }, schema: { tags, consumes: ['multipart/form-data'], response: { 200: photoResponse } } }, async (req, reply) => {
      try {
        const owner: PhotoOwner = { kind: 'user', id: req.actor?.userId ?? '' };
        return { data: await setPhoto(photoDeps, req.actor, owner, await receive(req, owner)) };
      } catch (err) {
        return refuse(req, reply, err);
      }
    });

    typed.put(
      '/schools/:schoolId/logo',
      { config: { upload: true }, schema: { tags, params: schoolParams, consumes: ['multipart/form-data'], response: { 200: photoResponse } } },
      async (req, reply) => {
        try {
          const owner: PhotoOwner = { kind: 'school', id: req.params.schoolId };
          return { data: await setPhoto(photoDeps, req.actor, owner, await receive(req, owner)) };
        } catch (err) {
          return refuse(req, reply, err);
        }
      },
    );
  });
}
