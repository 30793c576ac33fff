import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { classParentChats } from '../../db/chatSchema.js';
import { classes } from '../../db/schema.js';
import { parentsChatPeople } from './queries.js';

/** Who may be put into a «Родители 7А» chat: its class's linked parents and teachers; null for any other chat. */
export async function parentsChatEligible(db: DbOrTx, chatId: string): Promise<Set<string> | null> {
  const [row] = await db
    .select({ classId: classParentChats.classId, classTeacherId: classes.classTeacherId })
    .from(classParentChats)
    .innerJoin(classes, eq(classes.id, classParentChats.classId))
    .where(eq(classParentChats.chatId, chatId));
  return row ? parentsChatPeople(db, row.classId, row.classTeacherId) : null;
}
