import type { Me } from '@parta/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type { MeResponse } from '../../api/types';
import { forgetSessionData } from '../pwa/serviceWorker';

export const meKey = ['me'] as const;

/** The signed-in person, or null when signed out. Other failures surface as the query's error. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return (await api<MeResponse>('GET', '/me')).data;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000 });
}

/** After sign-in, sign-up or a profile change the server answers with the new `me`: keep it. */
export function useSetMe() {
  const client = useQueryClient();
  return (me: Me | null) => {
    client.setQueryData(meKey, me);
  };
}

/** Signs out and forgets everything cached for the previous person. */
export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    try {
      await api('POST', '/auth/signout');
    } finally {
      client.clear();
      client.setQueryData(meKey, null);
      // What the service worker kept for offline use was this person's: it goes too.
      await forgetSessionData();
    }
  };
}
