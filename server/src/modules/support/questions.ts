import type { QuestionDetail, QuestionState, QuestionSummary } from '@parta/contracts';
import { count, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { supportFeedback, supportQuestions } from '../../db/supportSchema.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeOperator, requireActor } from '../../policy/authorize.js';
import { authorizeQuestion } from './policy.js';
import { askedBy, deskWhere, loadQuestion, questionDetail, questionSummaries } from './queries.js';

type Deps = Pick<AppDeps, 'db'>;

/** «Мои вопросы»: the person's own questions, the newest change first. */
export async function listMyQuestions(deps: Deps, actor: Actor | null): Promise<QuestionSummary[]> {
  requireActor(actor);
  return questionSummaries(deps.db, askedBy(actor.userId), false);
}

/** One question with its screenshots and conversation: its asker or an operator; 404 to everyone else. */
export async function getQuestion(deps: Deps, actor: Actor | null, questionId: string): Promise<QuestionDetail> {
  const q = await loadQuestion(deps.db, questionId);
  authorizeQuestion(actor, 'view', q);
  return questionDetail(deps.db, actor, questionId);
}

/** The support desk: every question, filtered by state and school. Operators only. */
export async function listDesk(deps: Deps, actor: Actor | null, filter: { state?: QuestionState; schoolId?: string }): Promise<QuestionSummary[]> {
  authorizeOperator(actor);
  return questionSummaries(deps.db, deskWhere(filter), true, 500);
}

/** The operator's menu: questions waiting for support («Новый»), and feedback received. */
export async function supportBadge(deps: Deps, actor: Actor | null): Promise<{ unanswered: number; feedback: number }> {
  authorizeOperator(actor);
  const [[waiting], [fb]] = await Promise.all([
    deps.db.select({ n: count() }).from(supportQuestions).where(eq(supportQuestions.state, 'new')),
    deps.db.select({ n: count() }).from(supportFeedback),
  ]);
  return { unanswered: Number(waiting?.n ?? 0), feedback: Number(fb?.n ?? 0) };
}
