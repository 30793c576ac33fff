import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { canDocuments } from '../documents/policy.js';

/** Unfinished uploads one person may have at once: enough for a few files in parallel, not a disk filler. */
export const MAX_UNFINISHED_UPLOADS = 5;

/** How long an unfinished upload is kept (tus expiration extension); a finished one's record is kept as long. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Who may start an upload declared as a school video: whoever may add to the school's «Видео школы»
 * (its administration and teachers, as for POST /schools/:id/documents). Outsiders get 404, members who
 * may not add get 403, as everywhere.
 */
export function authorizeSchoolVideoUpload(actor: Actor, schoolId: string): void {
  if (canDocuments(actor, 'upload', schoolId)) return;
  throw new AppError(canDocuments(actor, 'view', schoolId) ? 'forbidden' : 'not_found');
}
