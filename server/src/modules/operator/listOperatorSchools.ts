import type { z } from 'zod';
import type { operatorSchoolsResponse } from '@parta/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { memberships, schools } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeOperator } from '../../policy/authorize.js';

/** Operator: every school in the registry with its size and how many administrators run it. */
export async function listOperatorSchools(db: DbOrTx, actor: Actor | null): Promise<z.infer<typeof operatorSchoolsResponse>['data']> {
  authorizeOperator(actor);
  return db
    .select({
      id: schools.id,
      name: schools.name,
      country: schools.country,
      city: schools.city,
      address: schools.address,
      participantCount: sql<number>`count(distinct ${memberships.userId})::int`,
      adminCount: sql<number>`count(distinct ${memberships.userId}) filter (where ${memberships.role} = 'admin')::int`,
    })
    .from(schools)
    .leftJoin(memberships, eq(memberships.schoolId, schools.id))
    .groupBy(schools.id)
    .orderBy(asc(schools.country), asc(schools.city), asc(schools.name));
}
