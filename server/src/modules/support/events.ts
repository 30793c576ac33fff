import type { PushPayload, SupportEvent } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { notifyByPush } from '../push/notify.js';
import { glance } from '../push/payloads.js';
import { operatorIds } from './queries.js';

type Deps = Pick<AppDeps, 'db' | 'events'>;

/** After commit: the asker's and the operators' open tabs refetch the question, the lists and the desk's count. */
export async function publishQuestionChanged(deps: Deps, askerId: string, questionId: string): Promise<void> {
  const event: SupportEvent = { type: 'support.changed', questionId };
  const people = new Set([askerId, ...(await operatorIds(deps.db))]);
  await Promise.all([...people].map((id) => deps.events.publish(`user:${id}`, event)));
}

/** NTF-1: support's answer (or question back) reaches the asker's devices. */
export async function pushSupportAnswer(deps: Deps, askerId: string, questionId: string, text: string, askBack: boolean): Promise<void> {
  const payload: PushPayload = {
    title: askBack ? 'Поддержка просит уточнить' : 'Ответ поддержки',
    body: glance(text),
    url: `/help/questions/${questionId}`,
    tag: `support:${questionId}`,
  };
  await notifyByPush(deps.events, [askerId], payload);
}
