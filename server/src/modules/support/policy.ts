import { type SQL, sql } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import { users } from '../../db/schema.js';
import { supportQuestionFiles } from '../../db/supportSchema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';

/*
 * SUP-1's one authorization vocabulary, deny by default. A question is its asker's and the platform's operators';
 * nobody else — not the asker's school — may even learn that it exists (404).
 */

export type QuestionAction = 'view' | 'reply' | 'answer' | 'close';

export interface QuestionFacts {
  askerId: string;
  state: string;
}

const rules: Record<QuestionAction, (actor: Actor, q: QuestionFacts) => boolean> = {
  view: (a, q) => a.userId === q.askerId || a.isOperator,
  // The asker may write again, even after «Закрыт» (the question opens anew).
  reply: (a, q) => a.userId === q.askerId,
  answer: (a) => a.isOperator,
  close: (a, q) => q.state !== 'closed' && (a.isOperator || a.userId === q.askerId),
};

export function canQuestion(actor: Actor | null, action: QuestionAction, q: QuestionFacts | null): boolean {
  return !!actor && !!q && rules[action](actor, q);
}

/** 401 without a session; 404 for a question one may not see (or that is not there); 403 for the rest. */
export function authorizeQuestion(actor: Actor | null, action: QuestionAction, q: QuestionFacts | null): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (canQuestion(actor, action, q)) return;
  throw new AppError(canQuestion(actor, 'view', q) ? 'forbidden' : 'not_found');
}

/** The files grant of support (files/grants.ts ORs it in): a question's screenshots for the platform's operators. */
export function supportFileGrant(userId: string): SQL {
  return sql`exists (
    select 1 from ${supportQuestionFiles}
    join ${users} on ${users.id} = ${userId} and ${users.isOperator}
    where ${supportQuestionFiles.fileId} = ${files.id}
  )`;
}
