import { type SQL, sql } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import {
  homeworkAssignees, homeworkAssignmentFiles, homeworkAssignments, homeworkSubmissionFiles, homeworkSubmissions,
} from '../../db/homeworkSchema.js';
import { classTeachers, memberships, parentLinks } from '../../db/schema.js';
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
  /** PAR-1: the actor's linked children (parent_links) the assignment is given to; empty for everyone else. */
  children: string[];
}

export type AssignmentAction = 'view' | 'submit' | 'review';

/** The school's administration: admins and leaders. */
export const runsSchool = (actor: Actor | null, schoolId: string): boolean => {
  const roles = rolesIn(actor, schoolId);
  return roles.includes('admin') || roles.includes('leader');
};

const rules: Record<AssignmentAction, (f: AssignmentFacts) => boolean> = {
  // A parent reads their children's assignments; handing in and marking stay with the student and the teachers.
  view: (f) => f.teaches || f.assignee || f.children.length > 0,
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
 * The visibility rule of a student's work (their submission, its files, their mark): the class's teachers, the
 * student themself and the student's linked parents (`children`: the actor's children, parent_links) — nobody else,
 * not even the school's administration. Parents only read: submit and review never look at `children`.
 */
export function canSeeStudentWork(actor: Actor | null, work: { studentId: string; teaches: boolean; children?: readonly string[] }): boolean {
  if (!actor) return false;
  if (work.teaches || work.studentId === actor.userId) return true;
  return work.children?.includes(work.studentId) ?? false;
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
export const assignedTo = (userId: string | SQL, assignmentId: SQL, classId: SQL, wholeClass: SQL): SQL => sql`(exists (
  select 1 from ${memberships} where ${memberships.userId} = ${userId} and ${memberships.role} = 'student' and ${memberships.classId} = ${classId}
) and (${wholeClass} or exists (
  select 1 from ${homeworkAssignees} where ${homeworkAssignees.assignmentId} = ${assignmentId} and ${homeworkAssignees.studentId} = ${userId}
)))`;

/**
 * SQL: the ids (uuid[], never null) of `userId`'s linked children to whom the assignment is given — what makes a
 * parent see it. A link counts while it exists: removing it (removeParentLink) ends the sight at once.
 */
export const childrenAssigned = (userId: string, assignmentId: SQL, classId: SQL, wholeClass: SQL): SQL => sql`coalesce((
  select array_agg(pl.child_id) from ${parentLinks} pl
  where pl.parent_id = ${userId} and pl.class_id = ${classId}
    and ${assignedTo(sql`pl.child_id`, assignmentId, classId, wholeClass)}
), '{}'::uuid[])`;

/** SQL: `userId` is a linked parent of the student `studentId`. */
export const parentOf = (userId: string, studentId: SQL): SQL => sql`exists (
  select 1 from ${parentLinks} pl where pl.parent_id = ${userId} and pl.child_id = ${studentId}
)`;

/**
 * The files grant of homework (files/grants.ts ORs it in): an assignment's file for its class's teachers, the
 * students it is given to and their linked parents; a submission's file under canSeeStudentWork's rule — its
 * student, the student's linked parents and the class's teachers.
 */
export function homeworkFileGrant(userId: string): SQL {
  return sql`(exists (
    select 1 from ${homeworkAssignmentFiles}
    join ${homeworkAssignments} on ${homeworkAssignments.id} = ${homeworkAssignmentFiles.assignmentId}
    where ${homeworkAssignmentFiles.fileId} = ${files.id}
      and (${teachesIn(userId, sql`${homeworkAssignments.classId}`)}
        or ${assignedTo(userId, sql`${homeworkAssignments.id}`, sql`${homeworkAssignments.classId}`, sql`${homeworkAssignments.wholeClass}`)}
        or cardinality(${childrenAssigned(userId, sql`${homeworkAssignments.id}`, sql`${homeworkAssignments.classId}`, sql`${homeworkAssignments.wholeClass}`)}) > 0)
  ) or exists (
    select 1 from ${homeworkSubmissionFiles}
    join ${homeworkSubmissions} on ${homeworkSubmissions.id} = ${homeworkSubmissionFiles.submissionId}
    join ${homeworkAssignments} on ${homeworkAssignments.id} = ${homeworkSubmissions.assignmentId}
    where ${homeworkSubmissionFiles.fileId} = ${files.id}
      and (${homeworkSubmissions.studentId} = ${userId} or ${parentOf(userId, sql`${homeworkSubmissions.studentId}`)}
        or ${teachesIn(userId, sql`${homeworkAssignments.classId}`)})
  ))`;
}
