import type { z } from 'zod';
import type { classesResponse } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool, canSchool } from '../../policy/authorize.js';
import { classesWithCounts } from './queries.js';

/** CLS-1: the school's classes, for its members. */
export async function listClasses(db: DbOrTx, actor: Actor | null, schoolId: string): Promise<z.infer<typeof classesResponse>> {
  authorizeSchool(actor, 'view', { id: schoolId });
  return { data: await classesWithCounts(db, schoolId), can: { create: canSchool(actor, 'createClass', { id: schoolId }) } };
}
