import type { ParentLink } from '@parta/contracts';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { classes, classTeachers, memberships, parentLinks, users } from '../../db/schema.js';
import { className } from '../schools/people.js';

const parent = alias(users, 'parent');
const child = alias(users, 'child');
const approver = alias(users, 'approver');

export type ParentLinkRow = typeof parentLinks.$inferSelect;

/** Links as people see them: names of the parent and the child (never phones), the class, who approved. */
export async function loadParentLinks(
  db: DbOrTx,
  where: SQL | undefined,
  canRemove: (row: ParentLinkRow & { classTeacherId: string | null }) => boolean,
): Promise<ParentLink[]> {
  const rows = await db
    .select({
      l: parentLinks,
      grade: classes.grade,
      letter: classes.letter,
      classTeacherId: classes.classTeacherId,
      pFirst: parent.firstName, pLast: parent.lastName, pMiddle: parent.middleName,
      cFirst: child.firstName, cLast: child.lastName, cMiddle: child.middleName,
      aFirst: approver.firstName, aLast: approver.lastName,
    })
    .from(parentLinks)
    .innerJoin(classes, eq(classes.id, parentLinks.classId))
    .innerJoin(parent, eq(parent.id, parentLinks.parentId))
    .innerJoin(child, eq(child.id, parentLinks.childId))
    .leftJoin(approver, eq(approver.id, parentLinks.approvedBy))
    .where(where)
    .orderBy(asc(child.lastName), asc(child.firstName), asc(parent.lastName), asc(parentLinks.id));
  return rows.map((r) => ({
    id: r.l.id,
    schoolId: r.l.schoolId,
    classId: r.l.classId,
    className: className(r.grade, r.letter),
    parent: { id: r.l.parentId, firstName: r.pFirst, lastName: r.pLast, middleName: r.pMiddle },
    child: { id: r.l.childId, firstName: r.cFirst, lastName: r.cLast, middleName: r.cMiddle },
    approvedAt: r.l.approvedAt.toISOString(),
    approvedBy: r.aFirst !== null && r.aLast !== null ? `${r.aFirst} ${r.aLast}` : null,
    canRemove: canRemove({ ...r.l, classTeacherId: r.classTeacherId }),
  }));
}

/** The students of a class among `ids`: a parent may only be linked to a child who is in the class now. */
export async function studentsOfClass(db: DbOrTx, classId: string, ids?: string[]) {
  return db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, gender: users.gender })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.classId, classId), eq(memberships.role, 'student'), ids ? inArray(memberships.userId, ids) : undefined))
    .orderBy(asc(users.lastName), asc(users.firstName));
}

/** The people of «Родители 7А»: the class's linked parents, its teachers and its class teacher. */
export async function parentsChatPeople(db: DbOrTx, classId: string, classTeacherId: string | null): Promise<Set<string>> {
  const [linked, teaching] = await Promise.all([
    db.selectDistinct({ id: parentLinks.parentId }).from(parentLinks).where(eq(parentLinks.classId, classId)),
    db.selectDistinct({ id: classTeachers.userId }).from(classTeachers).where(eq(classTeachers.classId, classId)),
  ]);
  const people = new Set([...linked, ...teaching].map((r) => r.id));
  if (classTeacherId) people.add(classTeacherId);
  return people;
}

/** Whether the person is still linked to any child in the school (else their parent role there goes). */
export async function hasLinksInSchool(db: DbOrTx, parentId: string, schoolId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: parentLinks.id })
    .from(parentLinks)
    .where(and(eq(parentLinks.parentId, parentId), eq(parentLinks.schoolId, schoolId)))
    .limit(1);
  return row !== undefined;
}

/** The classes of a school whose class teacher is this person. */
export async function classesLedBy(db: DbOrTx, userId: string, schoolId: string): Promise<string[]> {
  const rows = await db
    .select({ id: classes.id })
    .from(classes)
    .where(and(eq(classes.schoolId, schoolId), eq(classes.classTeacherId, userId)));
  return rows.map((r) => r.id);
}

/** Whether a parent is linked to some child in this class: what lets a parent see its page. */
export async function isParentInClass(db: DbOrTx, parentId: string, classId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: parentLinks.id })
    .from(parentLinks)
    .where(and(eq(parentLinks.parentId, parentId), eq(parentLinks.classId, classId)))
    .limit(1);
  return row !== undefined;
}

/** A person's name as others in the school see it. */
export async function personById(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, middleName: users.middleName })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}
