import { useSyncExternalStore } from 'react';
import { connectivity, isOffline, subscribeConnectivity } from '../../api/connectivity';
import { getUpdateState, subscribeUpdate, type UpdateState } from './serviceWorker';

/** «Нет связи»: the browser is offline, or the server could not be reached. */
export function useOffline(): boolean {
  return useSyncExternalStore(subscribeConnectivity, () => isOffline(connectivity()));
}

/** Offline, some of what is on screen is the last copy the service worker kept. */
export function useShowingKept(): boolean {
  return useSyncExternalStore(subscribeConnectivity, () => connectivity().showingKept);
}

export function useUpdateState(): UpdateState {
  return useSyncExternalStore(subscribeUpdate, getUpdateState);
}
