import { useDeferredValue } from 'react';

/**
 * True once `ready` has stayed true through a render React may pause. A big screen shown in place of a spinner when
 * its data arrives is then drawn in slices, between which a phone still answers taps, instead of in the one long
 * task that took the answer (an answer read through react-query's store is always drawn at once: an 0.8–1.9 s
 * task on a slowed-down phone, the largest part of Lighthouse's «Total Blocking Time» on «Главная» and a chat).
 * Falls back to false at once when `ready` does.
 */
export function useReadyInSlices(ready: boolean): boolean {
  return useDeferredValue(ready, false) && ready;
}
