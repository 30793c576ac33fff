import type { QuestionDetail, supportMessageRequest } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { supportMessages, supportQuestions } from '../../db/supportSchema.js';
import type { Actor } from '../../policy/actor.js';
import { publishQuestionChanged, pushSupportAnswer } from './events.js';
import { authorizeQuestion } from './policy.js';
import { loadQuestion, questionDetail } from './queries.js';

type Deps = Pick<AppDeps, 'db' | 'events' | 'clock'>;

/**
 * A line in a question's conversation. An operator answers («Отвечен») or asks back («Нужно уточнение»; the asker
 * gets a push either way); the asker's reply puts the question back to support («Новый»). Plain text only: it is
 * stored as typed and the web app shows it as text.
 */
export async function writeToQuestion(
  deps: Deps,
  actor: Actor | null,
  questionId: string,
  input: z.infer<typeof supportMessageRequest>,
): Promise<QuestionDetail> {
  const q = await loadQuestion(deps.db, questionId);
  // The asker replies; an operator (who is not the asker) answers.
  const asOperator = !!actor?.isOperator && actor.userId !== q?.askerId;
  authorizeQuestion(actor, asOperator ? 'answer' : 'reply', q);
  if (!q) throw new Error('unreachable');
  const state = asOperator ? (input.askBack ? 'clarify' : 'answered') : 'new';
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.insert(supportMessages).values({ questionId, authorId: actor.userId, fromSupport: asOperator, text: input.text, createdAt: now });
    await tx.update(supportQuestions).set({ state, updatedAt: now }).where(eq(supportQuestions.id, questionId));
  });
  await publishQuestionChanged(deps, q.askerId, questionId);
  if (asOperator) await pushSupportAnswer(deps, q.askerId, questionId, input.text, input.askBack);
  return questionDetail(deps.db, actor, questionId);
}

/** «Закрыть»: the asker or an operator closes a question (the asker may still write again later). */
export async function closeQuestion(deps: Deps, actor: Actor | null, questionId: string): Promise<QuestionDetail> {
  const q = await loadQuestion(deps.db, questionId);
  authorizeQuestion(actor, 'close', q);
  if (!q) throw new Error('unreachable');
  await deps.db.update(supportQuestions).set({ state: 'closed', updatedAt: deps.clock.now() }).where(eq(supportQuestions.id, questionId));
  await publishQuestionChanged(deps, q.askerId, questionId);
  return questionDetail(deps.db, actor, questionId);
}
