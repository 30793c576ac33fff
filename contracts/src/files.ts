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
  /**
   * «Занято N из M»: the bytes this person's uploads take (the school's documents and videos aside) and how many they
   * may keep (their schools' «Место для файлов», the largest of them). An upload past it is refused with
   * 413 storage_quota_exceeded.
   */
  storage: z.object({ usedBytes: z.number().int(), limitBytes: z.number().int() }),
});
export type FileLimits = z.infer<typeof fileLimits>;
export const fileLimitsResponse = z.object({ data: fileLimits });

/**
 * POST /api/files: multipart/form-data with one part named `file`. The answer is the attachment
 * to pass as `fileIds` when sending a message. Refusals: 413 file_too_large, 400 file_type_forbidden.
 */
export const uploadFileResponse = z.object({ data: attachment });
