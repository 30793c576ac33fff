import type { AuthDeps } from './otp.js';
import { revokeSession } from './sessions.js';

/** «Выйти» (ACC-4): ends this session only; the device stays known for the next sign-in. */
export async function signOut(deps: Pick<AuthDeps, 'db' | 'clock' | 'secret'>, sessionToken: string): Promise<void> {
  await revokeSession(deps, sessionToken);
}
