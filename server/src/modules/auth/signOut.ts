import type { AuthDeps } from './otp.js';
import { announceSessionsEnded, revokeSession } from './sessions.js';

/**
 * «Выйти» (ACC-4): ends this session only; the device stays known for the next sign-in. Its open
 * sockets close at once (on every node).
 */
export async function signOut(deps: Pick<AuthDeps, 'db' | 'clock' | 'secret' | 'events'>, sessionToken: string): Promise<void> {
  await announceSessionsEnded(deps.events, [await revokeSession(deps, sessionToken)]);
}
