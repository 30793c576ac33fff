import { z } from 'zod';
import { attachment } from './chats.js';

export { fileExtension, forbiddenFileExtensions, isForbiddenFileName, previewImageTypes } from './constants.js';

/** GET /api/files/limits: shown before an upload (DOC-1 «список ограничений»). */
export const fileLimits = z.object({
  /** The largest file accepted, in bytes. */
  maxBytes: z.number().int(),
  /** Extensions refused, lower case, without the dot. */
  forbiddenExtensions: z.array(z.string()),
  /** MIME types that get an inline preview. */
  previewTypes: z.array(z.string()),
});
export type FileLimits = z.infer<typeof fileLimits>;
export const fileLimitsResponse = z.object({ data: fileLimits });

/**
 * POST /api/files: multipart/form-data with one part named `file`. The answer is the attachment
 * to pass as `fileIds` when sending a message. Refusals: 413 file_too_large, 400 file_type_forbidden.
 */
export const uploadFileResponse = z.object({ data: attachment });
