import { useQuery } from '@tanstack/react-query';
import { useOutletContext } from 'react-router';
import { api } from '../../api/client';
import type { SchoolPageResponse } from '../../api/types';

export const schoolKey = (schoolId: string) => ['school', schoolId] as const;

export function useSchoolPage(schoolId: string | undefined) {
  return useQuery({
    queryKey: schoolKey(schoolId ?? ''),
    queryFn: () => api<SchoolPageResponse>('GET', `/schools/${schoolId}`),
    enabled: !!schoolId,
    // No polling: the «Заявки» badge is refetched when the socket brings `joinRequest.created` / `.decided` to the
    // school's administration (RealtimeProvider), and after a reconnect.
  });
}

/** What every school sub-page gets from the layout: the school page response. */
export function useSchoolContext(): SchoolPageResponse {
  return useOutletContext<SchoolPageResponse>();
}
