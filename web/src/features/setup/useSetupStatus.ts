import type { setupStatusResponse } from '@parta/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api } from '../../api/client';

export type SetupStatus = z.infer<typeof setupStatusResponse>['data'];

export const setupKey = ['setup'] as const;

/** The first-run state, or null once the installation is set up (the server answers 404 from then on). */
async function fetchSetupStatus(): Promise<SetupStatus | null> {
  try {
    return (await api<z.infer<typeof setupStatusResponse>>('GET', '/setup')).data;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export function useSetupStatus() {
  return useQuery({ queryKey: setupKey, queryFn: fetchSetupStatus, staleTime: Number.POSITIVE_INFINITY });
}

/** The first run is over (the operator was made or the demo loaded): the app shows its usual screens. */
export function useFinishSetup() {
  const client = useQueryClient();
  return () => client.setQueryData(setupKey, null);
}
