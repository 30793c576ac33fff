import { type PollView, schoolPollEvent } from '@parta/contracts';
import { Skeleton } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../../api/client';
import type { PollResponse } from '../chats/chatTypes';
import { useOnline, useSchoolEvents } from '../chats/RealtimeProvider';
import { ErrorAlert } from '../common/ui';
import { PollCard } from './PollCard';

export const pollKeys = {
  one: (pollId: string) => ['polls', pollId] as const,
};

/**
 * A poll outside chats (an article's, a news post's): loads `GET /api/polls/:id` (counts, my votes,
 * what I may do) and follows the `poll.updated` and `poll.closed` events of the person's schools, so the
 * bars move and voting stops live. `initial` (the view a list already carries) is shown until the poll is loaded.
 */
export function LivePoll({ pollId, initial }: { pollId: string; initial?: PollView }) {
  const client = useQueryClient();
  const key = pollKeys.one(pollId);
  const q = useQuery({ queryKey: key, queryFn: () => api<PollResponse>('GET', `/polls/${pollId}`) });

  // Events missed while the socket was down are not replayed for schools: reload once it is back.
  const online = useOnline();
  const wasOnline = useRef(online);
  useEffect(() => {
    if (online && !wasOnline.current) void client.invalidateQueries({ queryKey: key });
    wasOnline.current = online;
  }, [online, client, key]);

  useSchoolEvents((_schoolId, event) => {
    // `poll.updated` after a vote, `poll.closed` once its deadline passes: both carry the current counts.
    const parsed = schoolPollEvent.safeParse(event);
    if (!parsed.success || parsed.data.pollId !== pollId) return;
    client.setQueryData<PollResponse>(key, (r) => (r ? { ...r, data: { ...r.data, ...parsed.data.poll } } : r));
  });

  if (q.data) {
    const { data, can } = q.data;
    const { chatId: _c, messageId: _m, container: _p, myVotes, ...view } = data;
    return (
      <PollCard
        poll={view}
        myVotes={myVotes}
        readOnly={!can.vote && !can.retract}
        seeVoters={can.seeVoters}
        onAnswer={(answer) => client.setQueryData<PollResponse>(key, answer)}
      />
    );
  }
  if (q.isError) return <ErrorAlert error={q.error} />;
  if (initial) return <PollCard poll={initial} myVotes={[]} readOnly onAnswer={() => {}} />;
  return <Skeleton height={160} maw={420} radius="md" />;
}
