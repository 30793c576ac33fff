import type { AuditEntry, AuditListResponse, AuditQuery, PersonSummary } from '@parta/contracts';
import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AppDeps } from '../../deps.js';
import type { DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/auditSchema.js';
import { schools, users } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeOperator, authorizeSchool } from '../../policy/authorize.js';
import { byName, toPerson } from '../schools/people.js';

const PAGE = 100;
/** The CSV holds at most this many lines (newest first): a year of a busy school. */
export const CSV_MAX = 20_000;

/** «Журнал действий» of one school: its administration only (others: 404; a member who is not admin: 403). */
export async function listSchoolAudit(deps: Pick<AppDeps, 'db'>, actor: Actor | null, schoolId: string, q: AuditQuery): Promise<AuditListResponse> {
  authorizeSchool(actor, 'manage', { id: schoolId });
  return auditPage(deps.db, eq(auditLog.schoolId, schoolId), q, PAGE);
}

/** The platform operator: every school's lines (or one school's). */
export async function listAllAudit(deps: Pick<AppDeps, 'db'>, actor: Actor | null, q: AuditQuery): Promise<AuditListResponse> {
  authorizeOperator(actor);
  return auditPage(deps.db, q.schoolId ? eq(auditLog.schoolId, q.schoolId) : undefined, q, PAGE);
}

export async function auditPage(db: DbOrTx, scope: SQL | undefined, q: AuditQuery, limit: number): Promise<AuditListResponse> {
  const actorUser = alias(users, 'audit_actor');
  const subjectUser = alias(users, 'audit_subject');
  const where = and(
    scope,
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    q.kind ? eq(auditLog.kind, q.kind) : undefined,
    q.before ? lt(auditLog.createdAt, new Date(q.before)) : undefined,
  );
  const rows = await db
    .select({
      line: auditLog,
      actor: { id: actorUser.id, firstName: actorUser.firstName, lastName: actorUser.lastName, middleName: actorUser.middleName },
      subject: { id: subjectUser.id, firstName: subjectUser.firstName, lastName: subjectUser.lastName, middleName: subjectUser.middleName },
      schoolName: schools.name,
    })
    .from(auditLog)
    .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
    // details.subjectId is written by recordAudit's callers as a uuid; anything else simply finds nobody.
    .leftJoin(subjectUser, sql`${subjectUser.id}::text = ${auditLog.details}->>'subjectId'`)
    .leftJoin(schools, eq(schools.id, auditLog.schoolId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit + 1);
  const actorRows = await db
    .selectDistinct({ id: users.id, firstName: users.firstName, lastName: users.lastName, middleName: users.middleName })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(scope);
  const data: AuditEntry[] = rows.slice(0, limit).map((r) => ({
    id: r.line.id,
    createdAt: r.line.createdAt.toISOString(),
    kind: r.line.kind as AuditEntry['kind'],
    actor: r.actor?.id ? toPerson(r.actor as PersonSummary) : null,
    targetType: r.line.targetType,
    targetId: r.line.targetId,
    subject: r.subject?.id ? toPerson(r.subject as PersonSummary) : null,
    details: (r.line.details ?? {}) as Record<string, unknown>,
    ip: r.line.ip,
    school: r.line.schoolId ? { id: r.line.schoolId, name: r.schoolName ?? '' } : null,
  }));
  return { data, hasMore: rows.length > limit, actors: actorRows.map(toPerson).sort(byName) };
}
