import { isForbiddenFileName } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import { schools } from '../../db/schema.js';
import { uploads } from '../../db/uploadSchema.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { cleanFileName } from '../files/fileTypes.js';
import { requireRoom } from '../files/storageQuota.js';
import { authorizeSchoolVideoUpload, MAX_UNFINISHED_UPLOADS, UPLOAD_TTL_MS } from './policy.js';
import { unfinishedCount } from './queries.js';

/** What the client declares when it creates an upload (tus Upload-Length and Upload-Metadata). */
export interface UploadDeclaration {
  /** Upload-Length as sent; deferred lengths are not offered. */
  length: string | undefined;
  metadata: Record<string, string | null | undefined>;
}

/** An upload the rules allow, to be recorded once tus has named it. */
export interface UploadGrant {
  ownerId: string;
  name: string;
  size: number;
  schoolId: string | null;
  maxBytes: number;
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a tus creation before a byte is stored: a signed-in person, a file name that is not a program,
 * a declared length within the limit (FILE_MAX_BYTES, or for `purpose=school-video` the school's
 * «Максимальный размер видео», for those who may add videos there), and fewer than
 * MAX_UNFINISHED_UPLOADS unfinished uploads of theirs.
 */
export async function startUpload(deps: Pick<AppDeps, 'db' | 'config' | 'clock'>, actor: Actor | null, decl: UploadDeclaration): Promise<UploadGrant> {
  requireActor(actor);
  if (!decl.length || !/^\d{1,15}$/.test(decl.length)) throw new AppError('invalid_input', { fields: [{ path: 'Upload-Length', message: 'required' }] });
  const size = Number(decl.length);
  const name = cleanFileName(decl.metadata.filename ?? '');
  if (isForbiddenFileName(name)) throw new AppError('file_type_forbidden');

  let maxBytes = deps.config.files.maxBytes;
  let schoolId: string | null = null;
  const purpose = decl.metadata.purpose ?? null;
  if (purpose === 'school-video') {
    const id = decl.metadata.schoolId ?? '';
    if (!uuidShape.test(id)) throw new AppError('invalid_input', { fields: [{ path: 'schoolId', message: 'required' }] });
    authorizeSchoolVideoUpload(actor, id);
    const [school] = await deps.db.select({ videoMaxBytes: schools.videoMaxBytes }).from(schools).where(eq(schools.id, id)).limit(1);
    if (!school) throw new AppError('not_found');
    maxBytes = school.videoMaxBytes;
    schoolId = id;
  } else if (purpose !== null) {
    throw new AppError('invalid_input', { fields: [{ path: 'purpose', message: 'unknown' }] });
  }
  if (size > maxBytes) throw new AppError('file_too_large', { maxBytes });
  // The school's videos count to the school; everything else to the person's «Место для файлов».
  if (purpose !== 'school-video') await requireRoom(deps.db, actor.userId, size);
  if ((await unfinishedCount(deps.db, actor.userId, deps.clock.now())) >= MAX_UNFINISHED_UPLOADS) throw new AppError('uploads_too_many');
  return { ownerId: actor.userId, name, size, schoolId, maxBytes };
}

/** Records the allowed upload under the id tus gave it; it expires a day from now unless finished. */
export async function recordUpload(deps: Pick<AppDeps, 'db' | 'clock'>, id: string, grant: UploadGrant): Promise<void> {
  const now = deps.clock.now();
  await deps.db.insert(uploads).values({
    id,
    ownerId: grant.ownerId,
    name: grant.name,
    size: grant.size,
    schoolId: grant.schoolId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS),
  });
}
