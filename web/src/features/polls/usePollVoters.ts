import type { PersonSummary, PollView, pollVotersResponse } from '@parta/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { z } from 'zod';
import { api } from '../../api/client';

type PollVotersResponse = z.infer<typeof pollVotersResponse>;

export const pollVotersKey = (pollId: string) => ['polls', pollId, 'voters'] as const;

/**
 * Who voted for what in a named poll (`GET /api/polls/:id/voters`), loaded only while `open`. Votes arrive as
 * counts (`poll.updated` names no one): each time the poll's view changes — a new object from an event or a
 * refetch — the list is loaded again, so the names follow the bars live.
 */
export function usePollVoters(poll: PollView, open: boolean): { byOption: Map<string, PersonSummary[]> | null; error: unknown } {
  const client = useQueryClient();
  const key = pollVotersKey(poll.id);
  const q = useQuery({
    queryKey: key,
    queryFn: () => api<PollVotersResponse>('GET', `/polls/${poll.id}/voters`),
    enabled: open && !poll.anonymous,
  });
  const seen = useRef(poll);
  useEffect(() => {
    if (seen.current === poll) return;
    seen.current = poll;
    if (open) void client.invalidateQueries({ queryKey: key });
  }, [poll, open, client, key]);
  const byOption = q.data ? new Map(q.data.data.map((o) => [o.optionId, o.voters])) : null;
  return { byOption, error: q.error };
}
