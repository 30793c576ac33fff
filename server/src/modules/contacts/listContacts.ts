import type { z } from 'zod';
import type { contactsResponse, Role } from '@parta/contracts';
import { roles as allRoles } from '@parta/contracts';
import { and, asc, eq, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { memberships, schools, users } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { familySight, seesPerson } from '../parents/familySight.js';

type Contact = z.infer<typeof contactsResponse>['data'][number];

const mine = alias(memberships, 'mine');

/**
 * APP-4 «Контакты»: everyone who shares at least one school with me, with the shared schools and
 * their roles there. Never a phone number: the contract's person has none.
 */
export async function listContacts(db: DbOrTx, actor: Actor | null): Promise<Contact[]> {
  requireActor(actor);
  const rows = await db
    .selectDistinct({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      middleName: users.middleName,
      schoolId: schools.id,
      schoolName: schools.name,
      role: memberships.role,
    })
    .from(mine)
    .innerJoin(memberships, and(eq(memberships.schoolId, mine.schoolId), ne(memberships.userId, actor.userId)))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(schools, eq(schools.id, memberships.schoolId))
    .where(eq(mine.userId, actor.userId))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(schools.name));
  const people = new Map<string, Contact>();
  for (const r of rows) {
    const c = people.get(r.id) ?? { id: r.id, firstName: r.firstName, lastName: r.lastName, middleName: r.middleName, schools: [] };
    let school = c.schools.find((s) => s.schoolId === r.schoolId);
    if (!school) {
      school = { schoolId: r.schoolId, schoolName: r.schoolName, roles: [] };
      c.schools.push(school);
    }
    if (!school.roles.includes(r.role)) school.roles.push(r.role);
    people.set(r.id, c);
  }
  const order = (x: Role) => allRoles.indexOf(x);
  // Parents and other families are seen only as PAR-1 allows: a school a person may not see them in drops out.
  const sight = await familySight(db, actor);
  const seen: Contact[] = [];
  for (const c of people.values()) {
    c.schools = c.schools.filter((s) => seesPerson(sight, s.schoolId, c.id, s.roles));
    for (const s of c.schools) s.roles.sort((a, b) => order(a) - order(b));
    if (c.schools.length > 0) seen.push(c);
  }
  return seen;
}
