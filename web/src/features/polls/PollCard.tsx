import { Skeleton } from '@mantine/core';
import { Suspense } from 'react';
import { lazyScreen } from '../../app/lazyScreen';
import type { PollCardProps } from './PollCardView';

export type { PollCardPlace, PollCardProps } from './PollCardView';

// A chat or a post without a poll does not carry the poll's code (checkboxes, bars, the voters' list).
const PollCardView = lazyScreen(() => import('./PollCardView').then((m) => m.PollCardView));

/** POLL-1..3: the poll's card (PollCardView.tsx); until its code has come, a placeholder of about its height. */
export function PollCard(props: PollCardProps) {
  return (
    <Suspense fallback={<Skeleton height={120 + 44 * props.poll.options.length} radius="md" />}>
      <PollCardView {...props} />
    </Suspense>
  );
}
