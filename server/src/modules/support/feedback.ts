import type { feedbackItem, Role, SupportEvent } from '@parta/contracts';
import { count, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { schools, users } from '../../db/schema.js';
import { supportFeedback } from '../../db/supportSchema.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeOperator, requireActor } from '../../policy/authorize.js';
import { schoolAndRole } from './askQuestion.js';
import { operatorIds } from './queries.js';

type Deps = Pick<AppDeps, 'db' | 'events' | 'clock'>;
type FeedbackItem = z.infer<typeof feedbackItem>;

const columns = {
  f: supportFeedback,
  schoolName: schools.name,
  firstName: users.firstName,
  lastName: users.lastName,
  middleName: users.middleName,
};

const toItem = (r: { f: typeof supportFeedback.$inferSelect; schoolName: string | null; firstName: string; lastName: string; middleName: string | null }): FeedbackItem => ({
  id: r.f.id,
  text: r.f.text,
  author: { id: r.f.authorId, firstName: r.firstName, lastName: r.lastName, middleName: r.middleName },
  schoolName: r.schoolName,
  role: (r.f.role as Role | null) ?? null,
  createdAt: r.f.createdAt.toISOString(),
});

/** SUP-2 «Чего не хватает на платформе?»: any signed-in person writes to the operators, who count and read it. */
export async function sendFeedback(deps: Deps, actor: Actor | null, text: string): Promise<FeedbackItem> {
  requireActor(actor);
  const where = schoolAndRole(actor, null);
  const [row] = await deps.db
    .insert(supportFeedback)
    .values({ authorId: actor.userId, schoolId: where.schoolId, role: where.role, text, createdAt: deps.clock.now() })
    .returning({ id: supportFeedback.id });
  if (!row) throw new Error('feedback not inserted');
  // The desk's count moves on the operators' open tabs.
  const event: SupportEvent = { type: 'support.feedback' };
  await Promise.all((await operatorIds(deps.db)).map((id) => deps.events.publish(`user:${id}`, event)));
  const [item] = await deps.db
    .select(columns)
    .from(supportFeedback)
    .innerJoin(users, eq(users.id, supportFeedback.authorId))
    .leftJoin(schools, eq(schools.id, supportFeedback.schoolId))
    .where(eq(supportFeedback.id, row.id));
  if (!item) throw new Error('feedback vanished');
  return toItem(item);
}

/** The desk's «Обратная связь»: how many, and the newest 200. Operators only. */
export async function listFeedback(deps: Pick<AppDeps, 'db'>, actor: Actor | null): Promise<{ total: number; items: FeedbackItem[] }> {
  authorizeOperator(actor);
  const [[total], rows] = await Promise.all([
    deps.db.select({ n: count() }).from(supportFeedback),
    deps.db
      .select(columns)
      .from(supportFeedback)
      .innerJoin(users, eq(users.id, supportFeedback.authorId))
      .leftJoin(schools, eq(schools.id, supportFeedback.schoolId))
      .orderBy(desc(supportFeedback.createdAt))
      .limit(200),
  ]);
  return { total: Number(total?.n ?? 0), items: rows.map(toItem) };
}
