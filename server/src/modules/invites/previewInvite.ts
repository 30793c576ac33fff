import type { z } from 'zod';
import type { invitePreviewResponse } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../lib/errors.js';
import { keyedHash } from '../../lib/secrets.js';
import { findInviteByHash, isActive } from './queries.js';

/**
 * The invite page, «Куда» and «Роль», shown before signing in: whoever holds the link may see
 * where it leads. It says whether the link still works, so the page can explain instead of failing.
 */
export async function previewInvite(
  deps: Pick<AppDeps, 'db' | 'clock' | 'secret'>,
  token: string,
): Promise<z.infer<typeof invitePreviewResponse>['data']> {
  const inv = await findInviteByHash(deps.db, keyedHash(deps.secret, token));
  if (!inv) throw notFound();
  return {
    schoolId: inv.schoolId,
    schoolName: inv.schoolName,
    role: inv.role,
    className: inv.className,
    active: isActive(inv, deps.clock.now()),
    needsApproval: inv.needsApproval,
  };
}
