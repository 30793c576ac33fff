import { type SQL, sql } from 'drizzle-orm';
import { appealFiles, appeals } from '../../db/appealsSchema.js';
import { files } from '../../db/chatSchema.js';
import { memberships, users } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';

/*
 * ORG-9's one authorization vocabulary, deny by default. An appeal is its author's and its school's
 * administration's (admins and leaders); the platform's operator may read any (abuse). Everyone else — another
 * student, another school's administration — gets 404, as for an appeal that does not exist.
 */

export type AppealAction = 'view' | 'take' | 'answer' | 'reply' | 'close';

export interface AppealFacts {
  schoolId: string;
  authorId: string;
  state: string;
}

/** The school's administration: admins and leaders. */
export const runsSchool = (actor: Actor | null, schoolId: string): boolean => {
  const roles = rolesIn(actor, schoolId);
  return roles.includes('admin') || roles.includes('leader');
};

const open = (f: AppealFacts) => f.state !== 'closed';

const rules: Record<AppealAction, (a: Actor, f: AppealFacts) => boolean> = {
  view: (a, f) => a.userId === f.authorId || runsSchool(a, f.schoolId) || a.isOperator,
  take: (a, f) => f.state === 'new' && runsSchool(a, f.schoolId),
  answer: (a, f) => open(f) && runsSchool(a, f.schoolId),
  reply: (a, f) => open(f) && a.userId === f.authorId,
  close: (a, f) => open(f) && (a.userId === f.authorId || runsSchool(a, f.schoolId)),
};

export function canAppeal(actor: Actor | null, action: AppealAction, f: AppealFacts | null): boolean {
  return !!actor && !!f && rules[action](actor, f);
}

/** 401 without a session; 404 for an appeal one may not see (or that is not there); 403 for the rest. */
export function authorizeAppeal(actor: Actor | null, action: AppealAction, f: AppealFacts | null): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (canAppeal(actor, action, f)) return;
  throw new AppError(canAppeal(actor, 'view', f) ? 'forbidden' : 'not_found');
}

/** Who may write to a school's administration: its students, parents and teachers. */
export const canCreateAppeal = (actor: Actor | null, schoolId: string): boolean =>
  rolesIn(actor, schoolId).some((r) => r === 'student' || r === 'parent' || r === 'teacher');

/** Anonymously: students only — for what a child would not otherwise say. */
export const canWriteAnonymously = (actor: Actor | null, schoolId: string): boolean => rolesIn(actor, schoolId).includes('student');

/**
 * Whether this viewer may learn who wrote the appeal: always for a named one; for an anonymous one only its author
 * and the platform's operator — and never someone who runs the school, even if they are an operator too.
 */
export const seesAuthor = (actor: Actor, a: { anonymous: boolean; authorId: string; schoolId: string }): boolean =>
  !a.anonymous || a.authorId === actor.userId || (actor.isOperator && !runsSchool(actor, a.schoolId));

/** The files grant of appeals (files/grants.ts ORs it in): an appeal's files for its school's administration and the operators. */
export function appealFileGrant(userId: string): SQL {
  return sql`exists (
    select 1 from ${appealFiles}
    join ${appeals} on ${appeals.id} = ${appealFiles.appealId}
    where ${appealFiles.fileId} = ${files.id} and (
      exists (
        select 1 from ${memberships} where ${memberships.userId} = ${userId} and ${memberships.schoolId} = ${appeals.schoolId}
          and ${memberships.role} in ('admin', 'leader')
      )
      or exists (select 1 from ${users} where ${users.id} = ${userId} and ${users.isOperator})
    )
  )`;
}
