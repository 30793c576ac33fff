import type { z } from 'zod';
import type { createSchoolRequest } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { schools } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeOperator } from '../../policy/authorize.js';
import { type AdminAppointment, appointAdminInTx, publishAppointment } from './appointAdmin.js';

/** Operator: a new school in the registry with its first administrator, in one transaction. */
export async function createSchool(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock' | 'secret'>,
  actor: Actor | null,
  input: z.infer<typeof createSchoolRequest>,
  baseUrl: string,
): Promise<AdminAppointment> {
  authorizeOperator(actor);
  const { adminPhone, ...info } = input;
  const result = await deps.db.transaction(async (tx) => {
    const [school] = await tx.insert(schools).values(info).returning({ id: schools.id });
    if (!school) throw new Error('school insert returned nothing');
    return appointAdminInTx(tx, deps, school.id, adminPhone, baseUrl);
  });
  await publishAppointment(deps, result);
  return result;
}
