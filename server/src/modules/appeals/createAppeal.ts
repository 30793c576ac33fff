import type { AppealDetail, createAppealRequest, Role } from '@parta/contracts';
import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { appealFiles, appeals } from '../../db/appealsSchema.js';
import { files } from '../../db/chatSchema.js';
import { AppError } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';
import type { FileStorage } from '../../platform/storage/index.js';
import { publishAppealChanged, pushNewAppeal } from './events.js';
import { canCreateAppeal, canWriteAnonymously } from './policy.js';
import { appealDetail, ownFileIdsOf } from './queries.js';
import { stripImageMetadata } from './stripMetadata.js';

type Deps = Pick<AppDeps, 'db' | 'events' | 'clock'> & { storage: FileStorage };
const invalid = (path: string, message: string) => new AppError('invalid_input', { fields: [{ path, message }] });

/** The role an appeal is written in when the author holds several in the school. */
const authorRoles: Role[] = ['teacher', 'parent', 'student'];

/** «Вложение 2.png»: a name that tells nothing of who chose the file. */
const neutralName = (name: string, i: number) => {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
  return `Вложение ${i + 1}${ext.toLowerCase()}`;
};

/**
 * ORG-9: a student, parent or teacher of the school writes to its administration — a topic, text and files of their
 * own. A student may write anonymously: the appeal's files are then renamed (a file's name may carry a name), its
 * photos lose their metadata, and nothing the school receives names the author.
 */
export async function createAppeal(
  deps: Deps,
  actor: Actor | null,
  schoolId: string,
  input: z.infer<typeof createAppealRequest>,
): Promise<AppealDetail> {
  if (!actor) throw new AppError('unauthenticated');
  const roles = rolesIn(actor, schoolId);
  if (roles.length === 0) throw new AppError('not_found');
  if (!canCreateAppeal(actor, schoolId)) throw new AppError('forbidden');
  if (input.anonymous && !canWriteAnonymously(actor, schoolId)) throw invalid('anonymous', 'students_only');
  const fileIds = [...new Set(input.fileIds)];
  if ((await ownFileIdsOf(deps.db, actor.userId, fileIds)).length !== fileIds.length) throw invalid('fileIds', 'not_your_file');
  // An anonymous appeal is a student's; a named one is written in the author's most grown-up role there.
  const authorRole = input.anonymous ? 'student' : (authorRoles.find((r) => roles.includes(r)) ?? 'student');
  if (input.anonymous) await stripImageMetadata(deps, fileIds);
  const now = deps.clock.now();

  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(appeals)
      .values({ schoolId, authorId: actor.userId, authorRole, anonymous: input.anonymous, topic: input.topic, text: input.text, createdAt: now, updatedAt: now })
      .returning({ id: appeals.id });
    if (!row) throw new Error('appeal not inserted');
    if (fileIds.length > 0) {
      await tx.insert(appealFiles).values(fileIds.map((fileId, position) => ({ appealId: row.id, fileId, position })));
      if (input.anonymous) {
        const named = await tx.select({ id: files.id, name: files.name }).from(files).where(inArray(files.id, fileIds));
        for (const f of named) {
          await tx.update(files).set({ name: neutralName(f.name, fileIds.indexOf(f.id)) }).where(eq(files.id, f.id));
        }
      }
    }
    return row.id;
  });

  const ref = { id, schoolId, authorId: actor.userId };
  await publishAppealChanged(deps, ref);
  await pushNewAppeal(deps, { id, schoolId, topic: input.topic, text: input.text });
  return appealDetail(deps.db, actor, id);
}
