import type { SafetyEvent } from '@parta/contracts';
import type { EventBus } from '../../platform/events/bus.js';
import { schoolAdminRoom, userRoom } from '../schools/events.js';

/** After commit only: the administration's «Жалобы» list and badge, and the reporter's «Мои жалобы», refetch. */
export async function publishReportChanged(events: EventBus, schoolId: string, reportId: string, reporterId?: string): Promise<void> {
  const event: SafetyEvent = { type: 'report.changed', schoolId, reportId };
  await events.publish(schoolAdminRoom(schoolId), event);
  if (reporterId) await events.publish(userRoom(reporterId), event);
}

/** A new in-app notice for these people (a warning, an urgent report): their open tabs show it at once. */
export async function publishNotices(events: EventBus, notices: { id: string; userId: string }[]): Promise<void> {
  for (const n of notices) await events.publish(userRoom(n.userId), { type: 'notice.created', noticeId: n.id } satisfies SafetyEvent);
}
