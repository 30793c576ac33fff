import type { z } from 'zod';
import type { schoolAbilities, schoolPageResponse } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';
import { authorizeSchool, canSchool } from '../../policy/authorize.js';
import { parentRequestsScope } from '../parents/reviewParentRequests.js';
import { familySight, seesPerson } from '../parents/familySight.js';
import { findSchool, participantCount, peopleWithRole, pendingRequestCount } from './queries.js';

export type SchoolPage = z.infer<typeof schoolPageResponse>;

/** The abilities the UI shows buttons by. */
export function schoolCan(actor: Actor | null, schoolId: string): z.infer<typeof schoolAbilities> {
  const ref = { id: schoolId };
  return {
    manage: canSchool(actor, 'manage', ref),
    invite: canSchool(actor, 'invite', ref),
    reviewRequests: canSchool(actor, 'reviewRequests', ref),
    createClass: canSchool(actor, 'createClass', ref),
  };
}

/** ORG-2: the school page for its members: details, participant count, teachers and students. */
export async function getSchoolPage(db: DbOrTx, actor: Actor | null, schoolId: string): Promise<SchoolPage> {
  authorizeSchool(actor, 'view', { id: schoolId });
  const school = await findSchool(db, schoolId);
  if (!school) throw notFound();
  const can = schoolCan(actor, schoolId);
  // A class teacher or a leader reviews parents' requests (PAR-1): «Заявки» shows them only those.
  const parentScope = can.reviewRequests ? undefined : await parentRequestsScope(db, actor, schoolId);
  if (parentScope) can.reviewRequests = true;
  const [count, teachers, allStudents, pending, sight] = await Promise.all([
    participantCount(db, schoolId),
    peopleWithRole(db, schoolId, 'teacher'),
    peopleWithRole(db, schoolId, 'student'),
    can.reviewRequests ? pendingRequestCount(db, schoolId, parentScope) : Promise.resolve(null),
    familySight(db, actor!),
  ]);
  // A parent sees their own children here, not every student of the school (PAR-1).
  const students = allStudents.filter((p) => seesPerson(sight, schoolId, p.id, ['student']));
  return {
    data: {
      id: school.id,
      name: school.name,
      country: school.country,
      city: school.city,
      address: school.address,
      phone: school.phone,
      site: school.site,
      email: school.email,
      description: school.description,
      participantCount: count,
      myRoles: rolesIn(actor, schoolId),
      teachers,
      students,
      pendingRequestCount: pending,
      videoMaxBytes: school.videoMaxBytes,
      storageQuotaBytes: school.storageQuotaBytes,
    },
    can,
  };
}
