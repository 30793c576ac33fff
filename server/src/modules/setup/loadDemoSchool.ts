import type { z } from 'zod';
import type { loadDemoResponse } from '@parta/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from '../../demo/seedDemo.js';
import { authorizeSetup } from './policy.js';
import { hasAnyUser, operatorExists } from './queries.js';

/**
 * «Попробовать демо-школу»: loads the demo school (with its operator, so the first run is over) into an empty
 * database, from the server's machine only — its passwords are published, so never beside real accounts.
 */
export async function loadDemoSchool(
  deps: Pick<AppDeps, 'db' | 'clock' | 'secret' | 'config'>,
  local: boolean,
  log: Pick<FastifyBaseLogger, 'info'>,
): Promise<z.infer<typeof loadDemoResponse>['data']> {
  authorizeSetup({ operatorExists: await operatorExists(deps.db), local });
  if (await hasAnyUser(deps.db)) throw new AppError('setup_not_empty');
  // seedDemoIfEmpty checks again under the setup lock: of two clicks, or a click and an operator's setup, one wins.
  if (!(await seedDemoIfEmpty(deps, log))) throw new AppError('setup_not_empty');
  return { password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS.map((a) => ({ ...a })) };
}
