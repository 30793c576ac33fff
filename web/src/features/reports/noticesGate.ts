import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useUserEvents } from '../chats/RealtimeProvider';

/** The cache key of my notices; `reportKeys.notices` (api.ts) is this one. */
export const noticesKey = ['reports', 'notices'] as const;

/**
 * Whether I have a notice to read. The frame asks this on every page; SafetyNotices (its alerts, its texts) loads
 * only when the answer is yes, so a first screen does not carry code almost nobody needs. A new notice refetches live.
 */
export function useHasNotices(): boolean {
  const client = useQueryClient();
  useUserEvents((event) => {
    if (event.type === 'notice.created') void client.invalidateQueries({ queryKey: noticesKey });
  });
  const notices = useQuery({ queryKey: noticesKey, queryFn: () => api<{ data: unknown[] }>('GET', '/me/notices') });
  return (notices.data?.data.length ?? 0) > 0;
}
