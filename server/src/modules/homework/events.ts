import type { HomeworkEvent, PushPayload } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { notifyByPush } from '../push/notify.js';
import { glance } from '../push/payloads.js';

/**
 * After commit only: each person concerned hears `homework.changed` in their `user:` room (their open tabs refetch
 * the lists, the badge and the assignment) — an event that carries ids only, since what each may see differs.
 */
export async function publishHomeworkChanged(deps: Pick<AppDeps, 'events'>, userIds: string[], assignmentId: string): Promise<void> {
  const event: HomeworkEvent = { type: 'homework.changed', assignmentId };
  await Promise.all([...new Set(userIds)].map((id) => deps.events.publish(`user:${id}`, event)));
}

/** NTF-1: a new assignment reaches its students' devices (outside their quiet hours). */
export async function pushNewAssignment(deps: Pick<AppDeps, 'events'>, studentIds: string[], a: { id: string; subject: string; title: string }) {
  const payload: PushPayload = {
    title: `Новое задание: ${glance(a.subject, 40)}`,
    body: glance(a.title),
    url: `/homework/${a.id}`,
    tag: `homework:${a.id}`,
  };
  await notifyByPush(deps.events, studentIds, payload);
}

const markWords: Record<string, string> = { pass: 'зачёт', fail: 'незачёт' };

/** NTF-1: a mark given or changed reaches the devices of the student (and of their linked parents). */
export async function pushMark(deps: Pick<AppDeps, 'events'>, userIds: string[], a: { id: string; title: string }, value: string) {
  const payload: PushPayload = {
    title: `Оценка: ${markWords[value] ?? value}`,
    body: glance(a.title),
    url: `/homework/${a.id}`,
    tag: `mark:${a.id}`,
  };
  await notifyByPush(deps.events, userIds, payload);
}
