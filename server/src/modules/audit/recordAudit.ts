import type { AuditKind } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/auditSchema.js';
import type { Actor } from '../../policy/actor.js';

export interface AuditLine {
  /** The school the action was in; null for the operator's actions outside any school. */
  schoolId: string | null;
  kind: AuditKind;
  targetType: 'user' | 'message' | 'chat' | 'invite' | 'report' | 'school' | 'joinRequest' | 'parentLink';
  targetId: string | null;
  /**
   * Facts of the action, written at the time: `subjectId` (the person concerned: the list shows their name), `role`,
   * `chatName`, `until`, `outcome`, `fields`… Never a message's text beyond what the report already holds.
   */
  details?: Record<string, unknown>;
}

/**
 * SAFE-1 «Журнал действий»: records one action of administration or moderation. Call it inside the action's own
 * transaction, so a line exists exactly when the action happened (a rolled-back action leaves none). Who and from
 * where come from the actor (http/context.ts puts the request's address on it).
 */
export async function recordAudit(tx: DbOrTx, actor: Actor | null, line: AuditLine): Promise<void> {
  await tx.insert(auditLog).values({
    schoolId: line.schoolId,
    actorId: actor?.userId ?? null,
    kind: line.kind,
    targetType: line.targetType,
    targetId: line.targetId,
    details: line.details ?? {},
    ip: actor?.ip ?? null,
  });
}
