import { type SQL, sql } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import {
  homeworkAssignees, homeworkAssignmentFiles, homeworkAssignments, homeworkSubmissionFiles, homeworkSubmissions,
} from '../../db/homeworkSchema.js';
import { classTeachers, memberships } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';

/*
 * HW-1's one authorization vocabulary, deny by default. An assignment is judged by facts the queries load once
 * (queries.ts assignmentFacts): does the actor teach in its class, is the actor a student it is given to. Whoever
 * may not even view it gets 404, the same answer as for an assignment that does not exist.
 */

export interface AssignmentFacts {
  schoolId: string;
  /** The actor is a teacher of the school with a subject in the assignment's class (class_teachers). */
  teaches: boolean;
  /** The actor is a student of the class and the assignment is given to them (the whole class or by name). */
  assignee: boolean;
}

export type AssignmentAction = 'view' | 'submit' | 'review';

/** The school's administration: admins and leaders. */
export const runsSchool = (actor: Actor | null, schoolId: string): boolean => {
  const roles = rolesIn(actor, schoolId);
  return roles.includes('admin') || roles.includes('leader');
};

const rules: Record<AssignmentAction, (f: AssignmentFacts) => boolean> = {
  view: (f) => f.teaches || f.assignee,
  submit: (f) => f.assignee,
  review: (f) => f.teaches,
};

export function canAssignment(actor: Actor | null, action: AssignmentAction, facts: AssignmentFacts | null): boolean {
  if (!actor || !facts) return false;
  return rules[action](facts);
}

/** 401 without a session; 404 for an assignment one may not see (or that is not there); 403 for the rest. */
export function authorizeAssignment(actor: Actor | null, action: AssignmentAction, facts: AssignmentFacts | null): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (canAssignment(actor, action, facts)) return;
  throw new AppError(canAssignment(actor, 'view', facts) ? 'forbidden' : 'not_found');
}

/**
 * The visibility rule of a student's work (their submission, its files, their mark): the class's teachers and the
 * student themself — nobody else, not even the school's administration.
 */
export function canSeeStudentWork(actor: Actor | null, work: { studentId: string; teaches: boolean }): boolean {
  if (!actor) return false;
  if (work.teaches || work.studentId === actor.userId) return true;
  // PARENTS: the parents branch allows the student's linked parents here (and in homeworkFileGrant below).
  return false;
}

/**
 * A first mark is given by a teacher of the class; a mark once given is changed only by the teacher who gave it
 * (while they still teach the class) or by the school's administration (admin, leader).
 */
export function canMark(actor: Actor | null, m: { schoolId: string; teaches: boolean; givenBy: string | null | undefined; exists: boolean }): boolean {
  if (!actor) return false;
  if (!m.exists) return m.teaches;
  return (m.teaches && m.givenBy === actor.userId) || runsSchool(actor, m.schoolId);
}

/** The journal of a class: its teachers and the school's administration. */
export function canSeeJournal(actor: Actor | null, j: { schoolId: string; teaches: boolean }): boolean {
  return !!actor && (j.teaches || runsSchool(actor, j.schoolId));
}

/** SQL: `userId` teaches in the class `classId` (a teacher of its school with a subject there). */
export const teachesIn = (userId: string, classId: SQL | string): SQL => sql`exists (
  select 1 from ${classTeachers}
  join ${memberships} on ${memberships.userId} = ${classTeachers.userId} and ${memberships.role} = 'teacher'
    and ${memberships.schoolId} = (select c.school_id from classes c where c.id = ${classTeachers.classId})
  where ${classTeachers.userId} = ${userId} and ${classTeachers.classId} = ${classId}
)`;

/** SQL: `userId` is a student the assignment `assignmentId` of class `classId` is given to. */
export const assignedTo = (userId: string, assignmentId: SQL, classId: SQL, wholeClass: SQL): SQL => sql`(exists (
  select 1 from ${memberships} where ${memberships.userId} = ${userId} and ${memberships.role} = 'student' and ${memberships.classId} = ${classId}
) and (${wholeClass} or exists (
  select 1 from ${homeworkAssignees} where ${homeworkAssignees.assignmentId} = ${assignmentId} and ${homeworkAssignees.studentId} = ${userId}
)))`;

/**
 * The files grant of homework (files/grants.ts ORs it in): an assignment's file for its class's teachers and the
 * students it is given to; a submission's file under canSeeStudentWork's rule — its student and the class's teachers.
 */
export function homeworkFileGrant(userId: string): SQL {
  return sql`(exists (
    select 1 from ${homeworkAssignmentFiles}
    join ${homeworkAssignments} on ${homeworkAssignments.id} = ${homeworkAssignmentFiles.assignmentId}
    where ${homeworkAssignmentFiles.fileId} = ${files.id}
      and (${teachesIn(userId, sql`${homeworkAssignments.classId}`)}
        or ${assignedTo(userId, sql`${homeworkAssignments.id}`, sql`${homeworkAssignments.classId}`, sql`${homeworkAssignments.wholeClass}`)})
  ) or exists (
    select 1 from ${homeworkSubmissionFiles}
    join ${homeworkSubmissions} on ${homeworkSubmissions.id} = ${homeworkSubmissionFiles.submissionId}
    join ${homeworkAssignments} on ${homeworkAssignments.id} = ${homeworkSubmissions.assignmentId}
    where ${homeworkSubmissionFiles.fileId} = ${files.id}
      -- PARENTS: the student's linked parents join here, as in canSeeStudentWork.
      and (${homeworkSubmissions.studentId} = ${userId} or ${teachesIn(userId, sql`${homeworkAssignments.classId}`)})
  ))`;
}
