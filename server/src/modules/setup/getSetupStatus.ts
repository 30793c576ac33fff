import type { z } from 'zod';
import type { setupStatusResponse } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../lib/errors.js';
import { hasAnyUser, operatorExists } from './queries.js';

/**
 * What the app asks on opening: 404 once the installation has its operator (the first-run screen never shows
 * again); before that, whether this browser may set it up and what to tell it. Open to everyone, so that a
 * browser elsewhere can say why it cannot.
 */
export async function getSetupStatus(
  deps: Pick<AppDeps, 'db' | 'config'>,
  local: boolean,
): Promise<z.infer<typeof setupStatusResponse>['data']> {
  if (await operatorExists(deps.db)) throw notFound();
  return { local, smsInLog: deps.config.sms.provider === 'dev', emptyDatabase: !(await hasAnyUser(deps.db)) };
}
