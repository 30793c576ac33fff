import type { DbOrTx } from '../../db/client.js';
import { parentLinks } from '../../db/schema.js';
import type { JoinRequestRow } from '../joinRequests/queries.js';
import type { ChatChanges } from '../chats/classChats.js';
import { findClass } from '../classes/queries.js';
import { grantRole } from '../schools/grantRole.js';
import { syncParentsChat } from './parentsChat.js';
import { studentsOfClass } from './queries.js';

/**
 * An approved parent's request, inside the approval's transaction: the person becomes a parent member of the school
 * linked to each asked-for child still in the class (a child moved away since is skipped), and joins «Родители 7А».
 * Returns whether the parent role is new to them in this school (a second child's link adds no membership).
 */
export async function linkParent(tx: DbOrTx, req: JoinRequestRow, approvedBy: string, now: Date, changes: ChatChanges): Promise<boolean> {
  const classId = req.classIds[0];
  if (!classId) return false;
  const cls = await findClass(tx, classId);
  if (!cls) return false;
  const children = await studentsOfClass(tx, classId, req.childIds);
  if (children.length === 0) return false;
  const joined = await grantRole(tx, { schoolId: req.schoolId, userId: req.userId, role: 'parent' });
  await tx
    .insert(parentLinks)
    .values(children.map((c) => ({ schoolId: req.schoolId, parentId: req.userId, childId: c.id, classId, approvedBy, approvedAt: now })))
    .onConflictDoNothing();
  await syncParentsChat(tx, cls, approvedBy, changes);
  return joined;
}
