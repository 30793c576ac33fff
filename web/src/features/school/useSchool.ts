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
    // The «Заявки» badge follows new requests without a reload (a socket will replace this).
    refetchInterval: 60_000,
  });
}

/** What every school sub-page gets from the layout: the school page response. */
export function useSchoolContext(): SchoolPageResponse {
  return useOutletContext<SchoolPageResponse>();
}
