import type { z } from 'zod';
import type { safetySettings, updateSafetySettingsRequest } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { schools } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool } from '../../policy/authorize.js';
import { recordAudit } from '../audit/recordAudit.js';

type Settings = z.infer<typeof safetySettings>;

/** «Безопасность» in the school's settings: its administration reads them. */
export async function getSafetySettings(deps: Pick<AppDeps, 'db'>, actor: Actor | null, schoolId: string): Promise<Settings> {
  authorizeSchool(actor, 'manage', { id: schoolId });
  const [row] = await deps.db
    .select({ studentsWriteWithinClass: schools.studentsWriteWithinClass, messagesPerMinute: schools.messagesPerMinute })
    .from(schools)
    .where(eq(schools.id, schoolId));
  if (!row) throw notFound();
  return row;
}

/** The administration changes them; on the record of «Журнал действий» (kind school.updated, with old and new values). */
export async function updateSafetySettings(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor | null,
  schoolId: string,
  patch: z.infer<typeof updateSafetySettingsRequest>,
): Promise<Settings> {
  const before = await getSafetySettings(deps, actor, schoolId);
  const values: Partial<Settings> = {};
  if (patch.studentsWriteWithinClass !== undefined && patch.studentsWriteWithinClass !== before.studentsWriteWithinClass) {
    values.studentsWriteWithinClass = patch.studentsWriteWithinClass;
  }
  if (patch.messagesPerMinute !== undefined && patch.messagesPerMinute !== before.messagesPerMinute) values.messagesPerMinute = patch.messagesPerMinute;
  if (Object.keys(values).length === 0) return before;
  await deps.db.transaction(async (tx) => {
    await tx.update(schools).set(values).where(eq(schools.id, schoolId));
    await recordAudit(tx, actor, {
      schoolId, kind: 'school.updated', targetType: 'school', targetId: schoolId,
      details: { fields: Object.keys(values), before: Object.fromEntries(Object.keys(values).map((k) => [k, before[k as keyof Settings]])), after: values },
    });
  });
  return { ...before, ...values };
}
