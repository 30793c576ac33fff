import type { AppealDetail, AppealState, AppealsResponse } from '@parta/contracts';
import { and, count, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { appeals } from '../../db/appealsSchema.js';
import { AppError } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';
import { authorizeAppeal, canCreateAppeal, canWriteAnonymously, runsSchool } from './policy.js';
import { appealDetail, appealSummaries, loadAppeal } from './queries.js';

type Deps = Pick<AppDeps, 'db'>;

function memberOnly(actor: Actor | null, schoolId: string): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  // Another school's people learn nothing of this one's appeals, not even that the list exists.
  if (rolesIn(actor, schoolId).length === 0) throw new AppError('not_found');
}

/**
 * «Обращения в школу»: my appeals to the school («Мои обращения») and, for its administration, every appeal of the
 * school («Обращения»), optionally of one state.
 */
export async function listAppeals(deps: Deps, actor: Actor | null, schoolId: string, state?: AppealState): Promise<AppealsResponse> {
  memberOnly(actor, schoolId);
  const manage = runsSchool(actor, schoolId);
  const [mine, inbox] = await Promise.all([
    appealSummaries(deps.db, actor, and(eq(appeals.schoolId, schoolId), eq(appeals.authorId, actor.userId))),
    manage ? appealSummaries(deps.db, actor, and(eq(appeals.schoolId, schoolId), state ? eq(appeals.state, state) : undefined)) : null,
  ]);
  return {
    data: { mine, inbox },
    can: { create: canCreateAppeal(actor, schoolId), anonymous: canWriteAnonymously(actor, schoolId), manage },
  };
}

/** The badge on «Обращения в школу»: new appeals waiting for the administration; 0 for the school's other members. */
export async function appealsBadge(deps: Deps, actor: Actor | null, schoolId: string): Promise<number> {
  memberOnly(actor, schoolId);
  if (!runsSchool(actor, schoolId)) return 0;
  const [row] = await deps.db.select({ n: count() }).from(appeals).where(and(eq(appeals.schoolId, schoolId), eq(appeals.state, 'new')));
  return Number(row?.n ?? 0);
}

/** One appeal with its files and conversation: its author, its school's administration, the operator. */
export async function getAppeal(deps: Deps, actor: Actor | null, appealId: string): Promise<AppealDetail> {
  const a = await loadAppeal(deps.db, appealId);
  authorizeAppeal(actor, 'view', a);
  return appealDetail(deps.db, actor, appealId);
}
