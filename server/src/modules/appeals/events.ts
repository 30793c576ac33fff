import type { AppealEvent, PushPayload } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { notifyByPush } from '../push/notify.js';
import { glance } from '../push/payloads.js';
import { administrationOf } from './queries.js';

type Deps = Pick<AppDeps, 'db' | 'events'>;

export const topicWords: Record<string, string> = { schedule: 'Расписание', food: 'Питание', safety: 'Безопасность', other: 'Другое' };

/**
 * After commit: the author's and the administration's open tabs refetch. The event carries the appeal's and school's
 * ids only — the same frame for everyone — so an anonymous appeal's author never travels to the school.
 */
export async function publishAppealChanged(deps: Deps, a: { id: string; schoolId: string; authorId: string }): Promise<void> {
  const event: AppealEvent = { type: 'appeal.changed', appealId: a.id, schoolId: a.schoolId };
  const people = new Set([a.authorId, ...(await administrationOf(deps.db, a.schoolId))]);
  await Promise.all([...people].map((id) => deps.events.publish(`user:${id}`, event)));
}

/** NTF-1: a new appeal reaches the administration's devices — its topic and words, never who wrote. */
export async function pushNewAppeal(deps: Deps, a: { id: string; schoolId: string; topic: string; text: string }): Promise<void> {
  const payload: PushPayload = {
    title: `Новое обращение: ${topicWords[a.topic] ?? ''}`,
    body: glance(a.text),
    url: `/schools/${a.schoolId}/appeals/${a.id}`,
    tag: `appeal:${a.id}`,
  };
  await notifyByPush(deps.events, await administrationOf(deps.db, a.schoolId), payload);
}

/** NTF-1: the administration's answer, or its taking the appeal into work, reaches the author's devices. */
export async function pushToAuthor(deps: Deps, a: { id: string; schoolId: string; authorId: string }, title: string, text: string): Promise<void> {
  const payload: PushPayload = { title, body: glance(text), url: `/schools/${a.schoolId}/appeals/${a.id}`, tag: `appeal:${a.id}` };
  await notifyByPush(deps.events, [a.authorId], payload);
}
