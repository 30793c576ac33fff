import type { z } from 'zod';
import type { Role, membersQuery, membersResponse } from '@parta/contracts';
import { roles as allRoles } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool, canSchool } from '../../policy/authorize.js';
import { schoolMemberships, subjectsByTeacher } from './queries.js';
import { familySight, seesPerson } from '../parents/familySight.js';

export type MembersResult = z.infer<typeof membersResponse>;
type Member = MembersResult['data'][number];

/** ORG-7 «Участники»: everyone in the school, one row per person with all their roles there. */
export async function listMembers(
  db: DbOrTx,
  actor: Actor | null,
  schoolId: string,
  query: z.infer<typeof membersQuery>,
): Promise<MembersResult> {
  authorizeSchool(actor, 'view', { id: schoolId });
  const rows = await schoolMemberships(db, schoolId, query.q || undefined);
  const people = new Map<string, Member>();
  for (const r of rows) {
    const m = people.get(r.userId) ?? {
      id: r.userId,
      firstName: r.firstName,
      lastName: r.lastName,
      middleName: r.middleName,
      roles: [] as Role[],
      className: null,
      subjects: [],
      title: null,
    };
    m.roles.push(r.role);
    if (r.role === 'student') m.className = r.className;
    if (r.role === 'leader') m.title = r.title;
    people.set(r.userId, m);
  }
  const order = (x: Role) => allRoles.indexOf(x);
  const sight = await familySight(db, actor!);
  let list = [...people.values()]
    .filter((m) => seesPerson(sight, schoolId, m.id, m.roles))
    .map((m) => ({ ...m, roles: m.roles.sort((a, b) => order(a) - order(b)) }));
  if (query.role) {
    const role = query.role;
    list = list.filter((m) => m.roles.includes(role));
  }
  const subjects = await subjectsByTeacher(db, schoolId, list.filter((m) => m.roles.includes('teacher')).map((m) => m.id));
  return {
    data: list.map((m) => ({ ...m, subjects: subjects.get(m.id) ?? [] })),
    can: { manage: canSchool(actor, 'manage', { id: schoolId }) },
  };
}
