import type { askQuestionRequest, QuestionDetail, Role } from '@parta/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { supportQuestionFiles, supportQuestions } from '../../db/supportSchema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishQuestionChanged } from './events.js';
import { ownFileIdsOf, questionDetail } from './queries.js';

type Deps = Pick<AppDeps, 'db' | 'events' | 'clock'>;

/** The role a person is known by in a school when they hold several: the one that runs the most. */
const rolePriority: Role[] = ['admin', 'leader', 'teacher', 'parent', 'student'];

/** The school a person writes from and their role there: the one named (theirs only), else their first. */
export function schoolAndRole(actor: Actor, schoolId: string | null | undefined): { schoolId: string | null; role: Role | null } {
  const pick = schoolId ?? actor.memberships[0]?.schoolId ?? null;
  if (!pick) return { schoolId: null, role: null };
  const roles = actor.memberships.filter((m) => m.schoolId === pick).map((m) => m.role);
  if (roles.length === 0) throw new AppError('invalid_input', { fields: [{ path: 'schoolId', message: 'not_your_school' }] });
  return { schoolId: pick, role: rolePriority.find((r) => roles.includes(r)) ?? null };
}

/**
 * SUP-1 «Задать свой вопрос»: any signed-in person asks support, with up to 5 screenshots of their own, recording
 * their school and role and the device and app version it came from. The operators hear of it after commit.
 */
export async function askQuestion(
  deps: Deps,
  actor: Actor | null,
  input: z.infer<typeof askQuestionRequest>,
  userAgent: string,
): Promise<QuestionDetail> {
  requireActor(actor);
  const where = schoolAndRole(actor, input.schoolId);
  const fileIds = [...new Set(input.fileIds)];
  // Someone else's upload must not reach the operator through a question: only one's own files.
  if ((await ownFileIdsOf(deps.db, actor.userId, fileIds)).length !== fileIds.length) {
    throw new AppError('invalid_input', { fields: [{ path: 'fileIds', message: 'not_your_file' }] });
  }
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(supportQuestions)
      .values({
        askerId: actor.userId,
        schoolId: where.schoolId,
        role: where.role,
        section: input.section,
        text: input.text,
        userAgent: userAgent.slice(0, 300),
        screen: input.screen,
        appVersion: input.appVersion,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: supportQuestions.id });
    if (!row) throw new Error('question not inserted');
    if (fileIds.length > 0) await tx.insert(supportQuestionFiles).values(fileIds.map((fileId, position) => ({ questionId: row.id, fileId, position })));
    return row.id;
  });
  await publishQuestionChanged(deps, actor.userId, id);
  return questionDetail(deps.db, actor, id);
}
