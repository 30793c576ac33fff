import type { ArticleEvent } from '@parta/contracts';
import type { EventBus } from '../../platform/events/bus.js';

/** After commit: tell the school's members (their browsers refetch what they may see). Ids only. */
export async function publishArticleEvent(bus: EventBus, schoolId: string, event: ArticleEvent): Promise<void> {
  await bus.publish(`school:${schoolId}`, event);
}
