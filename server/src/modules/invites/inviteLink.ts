import type { Role } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import { invites } from '../../db/schema.js';
import { keyedHash, newToken } from '../../lib/secrets.js';

const DAY_MS = 24 * 3600 * 1000;

export interface NewInviteLink {
  schoolId: string;
  role: Role;
  classId: string | null;
  expiresInDays: number | null;
  maxUses: number | null;
  createdBy: string | null;
  /** Only the demo passes a fixed token, so its README can print the link. */
  token?: string;
  /** A public link (the demo's) only files a join request. */
  needsApproval?: boolean;
  /** A student's own link for a parent (PAR-1): that child already chosen. */
  childId?: string | null;
}

/** The address people open: PUBLIC_URL when configured, else the origin the request came to. */
export function inviteUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/invite/${token}`;
}

/**
 * Stores a new link and returns its raw token, which exists only in this answer: the table keeps
 * its keyed hash, so a stolen database opens no school.
 */
export async function insertInviteLink(db: DbOrTx, secret: string, now: Date, link: NewInviteLink) {
  const token = link.token ?? newToken();
  const [row] = await db
    .insert(invites)
    .values({
      schoolId: link.schoolId,
      tokenHash: keyedHash(secret, token),
      role: link.role,
      classId: link.classId,
      expiresAt: link.expiresInDays === null ? null : new Date(now.getTime() + link.expiresInDays * DAY_MS),
      maxUses: link.maxUses,
      createdBy: link.createdBy,
      needsApproval: link.needsApproval ?? false,
      childId: link.childId ?? null,
    })
    .returning();
  if (!row) throw new Error('invite insert returned nothing');
  return { row, token };
}
