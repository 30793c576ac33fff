import { z } from 'zod';
import { id } from './common.js';

/** The side of a stored profile photo or school logo, in pixels: a square cover crop. */
export const photoSide = 256;
/** The largest photo accepted before resizing, in bytes (also capped by FILE_MAX_BYTES). */
export const photoMaxBytes = 15 * 1024 * 1024;
/** Pictures accepted as photos, by their bytes: raster images only (never SVG). */
export const photoInputTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/**
 * PUT /api/me/photo, PUT /api/schools/:schoolId/logo: multipart/form-data with one part `file`.
 * The picture is cropped to a square, resized and re-encoded, so no metadata (GPS, camera) survives.
 * DELETE on the same paths removes it. The answer is the URL to show.
 */
export const photoResponse = z.object({ data: z.object({ url: z.string().nullable() }) });

const idList = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const ids = [...new Set((s ?? '').split(',').map((x) => x.trim()).filter(Boolean))];
    if (ids.length > 200 || ids.some((x) => !id.safeParse(x).success)) {
      ctx.addIssue({ code: 'custom', message: 'invalid_ids' });
      return z.NEVER;
    }
    return ids;
  });

/** GET /api/photos?users=id,id&schools=id: the photos I may see among these, in one request. */
export const photosQuery = z.object({ users: idList, schools: idList });
/** Only ids with a photo I may see appear: a person's to those who share a school, a school's logo to anyone signed in. */
export const photosResponse = z.object({
  data: z.object({ users: z.record(z.string(), z.string()), schools: z.record(z.string(), z.string()) }),
});
export type PhotosResponse = z.infer<typeof photosResponse>;
