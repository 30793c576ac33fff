import type { NewsEvent } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';

/** After commit only: members' sockets hear that something changed and refetch what they may see. */
export async function publishNewsEvent(deps: Pick<AppDeps, 'events'>, schoolId: string, event: NewsEvent): Promise<void> {
  await deps.events.publish(`school:${schoolId}`, event);
}
