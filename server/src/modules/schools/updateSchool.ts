import type { z } from 'zod';
import type { updateSchoolRequest } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { schools } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool } from '../../policy/authorize.js';
import { publishAfterCommit, schoolRoom } from './events.js';
import { getSchoolPage, type SchoolPage } from './getSchoolPage.js';
import { recordAudit } from '../audit/recordAudit.js';

/** ORG-10 «Информация»: the administration edits the school's details. */
export async function updateSchool(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  schoolId: string,
  patch: z.infer<typeof updateSchoolRequest>,
): Promise<SchoolPage> {
  authorizeSchool(actor, 'manage', { id: schoolId });
  // Only what was sent changes; an emptied optional field is stored as «not given».
  const values = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v === '' ? null : v]),
  );
  if (Object.keys(values).length > 0) {
    const updated = await deps.db.transaction(async (tx) => {
      const rows = await tx.update(schools).set(values).where(eq(schools.id, schoolId)).returning({ id: schools.id });
      if (rows.length > 0) {
        await recordAudit(tx, actor, {
          schoolId, kind: 'school.updated', targetType: 'school', targetId: schoolId, details: { fields: Object.keys(values) },
        });
      }
      return rows;
    });
    if (updated.length === 0) throw notFound();
    await publishAfterCommit(deps.events, [[schoolRoom(schoolId), { type: 'school.updated', schoolId }]]);
  }
  return getSchoolPage(deps.db, actor, schoolId);
}
