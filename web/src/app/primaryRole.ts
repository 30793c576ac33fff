import type { Me, Role } from '@parta/contracts';

const rank: Record<Role, number> = { admin: 0, leader: 1, teacher: 2, student: 3, parent: 4 };

/** The role to show beside the name: the highest one in the given school, or anywhere. */
export function primaryRole(me: Me, schoolId?: string): Role | 'operator' | null {
  const pool = schoolId ? me.memberships.filter((m) => m.schoolId === schoolId) : me.memberships;
  const roles = pool.map((m) => m.role).sort((a, b) => rank[a] - rank[b]);
  if (roles[0]) return roles[0];
  return me.isOperator ? 'operator' : null;
}

/** The person's schools, once each, in the order they were joined. */
export function mySchools(me: Me): { schoolId: string; schoolName: string }[] {
  const seen = new Map<string, string>();
  for (const m of me.memberships) if (!seen.has(m.schoolId)) seen.set(m.schoolId, m.schoolName);
  return [...seen].map(([schoolId, schoolName]) => ({ schoolId, schoolName }));
}
