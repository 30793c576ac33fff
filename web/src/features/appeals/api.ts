// The appeals endpoints (ORG-9), typed from the shared contracts.
import type { AppealState, appealResponse, appealsBadgeResponse, AppealsResponse, CreateAppealRequest } from '@parta/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, query } from '../../api/client';
import { useUserEvents } from '../chats/RealtimeProvider';

export type AppealResponse = z.infer<typeof appealResponse>;
export type AppealsBadge = z.infer<typeof appealsBadgeResponse>;

export const appealKeys = {
  all: ['appeals'] as const,
  list: (schoolId: string, state: string) => ['appeals', 'list', schoolId, state] as const,
  badge: (schoolId: string) => ['appeals', 'badge', schoolId] as const,
  appeal: (id: string) => ['appeals', 'appeal', id] as const,
};

/** An appeal I wrote or my school's administration handles changed: what is shown refetches. */
export function useAppealsLive() {
  const client = useQueryClient();
  useUserEvents((event) => {
    if (event.type === 'appeal.changed') void client.invalidateQueries({ queryKey: appealKeys.all });
  });
}

export function useAppeals(schoolId: string, state: AppealState | '') {
  useAppealsLive();
  return useQuery({
    queryKey: appealKeys.list(schoolId, state),
    queryFn: () => api<AppealsResponse>('GET', `/schools/${schoolId}/appeals${query({ state: state || null })}`),
    placeholderData: (prev) => prev,
  });
}

export function useAppeal(id: string) {
  useAppealsLive();
  return useQuery({ queryKey: appealKeys.appeal(id), queryFn: () => api<AppealResponse>('GET', `/appeals/${id}`) });
}

export function useAppealsBadge(schoolId: string) {
  useAppealsLive();
  return useQuery({ queryKey: appealKeys.badge(schoolId), queryFn: () => api<AppealsBadge>('GET', `/schools/${schoolId}/appeals/badge`) });
}

export const createAppeal = (schoolId: string, body: CreateAppealRequest) => api<AppealResponse>('POST', `/schools/${schoolId}/appeals`, body);
export const takeAppeal = (id: string) => api<AppealResponse>('POST', `/appeals/${id}/take`);
export const writeToAppeal = (id: string, text: string) => api<AppealResponse>('POST', `/appeals/${id}/messages`, { text });
export const closeAppeal = (id: string) => api<AppealResponse>('POST', `/appeals/${id}/close`);
