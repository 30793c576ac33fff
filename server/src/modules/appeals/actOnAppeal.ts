import type { AppealDetail } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { appealMessages, appeals } from '../../db/appealsSchema.js';
import type { Actor } from '../../policy/actor.js';
import { publishAppealChanged, pushToAuthor } from './events.js';
import { authorizeAppeal, canAppeal } from './policy.js';
import { type AppealRow, appealDetail, loadAppeal } from './queries.js';

type Deps = Pick<AppDeps, 'db' | 'events' | 'clock'>;

async function changed(deps: Deps, a: AppealRow) {
  await publishAppealChanged(deps, { id: a.id, schoolId: a.schoolId, authorId: a.authorId });
}

/** «В работу»: the administration takes a new appeal; the author sees «В работе». */
export async function takeAppeal(deps: Deps, actor: Actor | null, appealId: string): Promise<AppealDetail> {
  const a = await loadAppeal(deps.db, appealId);
  authorizeAppeal(actor, 'take', a);
  if (!a) throw new Error('unreachable');
  await deps.db.update(appeals).set({ state: 'in_work', updatedAt: deps.clock.now() }).where(eq(appeals.id, appealId));
  await changed(deps, a);
  await pushToAuthor(deps, a, 'Обращение взято в работу', a.text);
  return appealDetail(deps.db, actor, appealId);
}

/**
 * A line in the appeal's conversation: the administration's answer («Есть ответ», the author gets a push), or the
 * author's reply (an answered appeal goes back «В работе»). Plain text, shown as text.
 */
export async function writeToAppeal(deps: Deps, actor: Actor | null, appealId: string, text: string): Promise<AppealDetail> {
  const a = await loadAppeal(deps.db, appealId);
  const asSchool = canAppeal(actor, 'answer', a) && a?.authorId !== actor?.userId;
  authorizeAppeal(actor, asSchool ? 'answer' : 'reply', a);
  if (!a) throw new Error('unreachable');
  const state = asSchool ? 'answered' : a.state === 'answered' ? 'in_work' : a.state;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.insert(appealMessages).values({ appealId, authorId: actor.userId, fromSchool: asSchool, text, createdAt: now });
    await tx.update(appeals).set({ state, updatedAt: now }).where(eq(appeals.id, appealId));
  });
  await changed(deps, a);
  if (asSchool) await pushToAuthor(deps, a, 'Ответ на обращение', text);
  return appealDetail(deps.db, actor, appealId);
}

/** «Закрыть»: the administration or the author closes the appeal. */
export async function closeAppeal(deps: Deps, actor: Actor | null, appealId: string): Promise<AppealDetail> {
  const a = await loadAppeal(deps.db, appealId);
  authorizeAppeal(actor, 'close', a);
  if (!a) throw new Error('unreachable');
  await deps.db.update(appeals).set({ state: 'closed', updatedAt: deps.clock.now() }).where(eq(appeals.id, appealId));
  await changed(deps, a);
  return appealDetail(deps.db, actor, appealId);
}
