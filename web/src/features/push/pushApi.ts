import type { chatMuteResponse, pushKeyResponse, pushPreferencesResponse, PushSubscribeRequest, UpdatePushPreferencesRequest } from '@parta/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type PushPreferencesResponse = z.infer<typeof pushPreferencesResponse>;
export type PushPreferences = PushPreferencesResponse['data'];

export const pushKeys = { preferences: ['push', 'preferences'] as const };

export const pushApi = {
  key: () => api<z.infer<typeof pushKeyResponse>>('GET', '/push/key'),
  preferences: () => api<PushPreferencesResponse>('GET', '/push/preferences'),
  savePreferences: (body: UpdatePushPreferencesRequest) => api<PushPreferencesResponse>('PUT', '/push/preferences', body),
  subscribe: (body: PushSubscribeRequest) => api<PushPreferencesResponse>('POST', '/push/subscriptions', body),
  unsubscribe: (endpoint: string) => api<{ ok: true }>('DELETE', '/push/subscriptions', { endpoint }),
  mute: (chatId: string, muted: boolean) => api<z.infer<typeof chatMuteResponse>>('PUT', `/chats/${chatId}/mute`, { muted }),
};

/** The device's IANA time zone, which the server keeps quiet hours in. */
export function deviceTimeZone(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
}
