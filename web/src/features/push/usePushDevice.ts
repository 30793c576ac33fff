import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { existingSubscription, PushError, type PushProblem, permissionState, subscribeThisBrowser } from './browserPush';
import { deviceTimeZone, type PushPreferences, pushApi, pushKeys } from './pushApi';

/**
 * «Уведомления на этом устройстве»: on when the server sends to this session and the browser still holds the
 * subscription. Switching on asks the browser's permission, subscribes at its push service and tells the server;
 * off forgets it on both sides.
 */
export function usePushDevice() {
  const client = useQueryClient();
  const preferences = useQuery({ queryKey: pushKeys.preferences, queryFn: () => pushApi.preferences().then((r) => r.data) });
  const [browserHasOne, setBrowserHasOne] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<PushProblem | null>(permissionState() === 'unsupported' ? 'unsupported' : null);

  useEffect(() => {
    let live = true;
    void existingSubscription().then((s) => {
      if (live) setBrowserHasOne(s !== null);
    });
    return () => {
      live = false;
    };
  }, []);

  const keep = (data: PushPreferences) => client.setQueryData(pushKeys.preferences, data);

  const turnOn = useMutation({
    mutationFn: async () => {
      const { data } = await pushApi.key();
      const subscription = await subscribeThisBrowser(data.publicKey);
      const json = subscription.toJSON();
      const saved = await pushApi.subscribe({
        endpoint: subscription.endpoint,
        keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
        timeZone: deviceTimeZone(),
      });
      return saved.data;
    },
    onMutate: () => setProblem(null),
    onSuccess: (data) => {
      keep(data);
      setBrowserHasOne(true);
    },
    onError: (e) => setProblem(e instanceof PushError ? e.problem : 'server'),
  });

  const turnOff = useMutation({
    mutationFn: async () => {
      const subscription = await existingSubscription();
      if (subscription) {
        await pushApi.unsubscribe(subscription.endpoint);
        await subscription.unsubscribe().catch(() => false);
      }
      return (await pushApi.preferences()).data;
    },
    onMutate: () => setProblem(null),
    onSuccess: (data) => {
      keep(data);
      setBrowserHasOne(false);
    },
    onError: () => setProblem('server'),
  });

  const on = Boolean(preferences.data?.thisDevice && browserHasOne);
  return {
    preferences,
    on,
    busy: turnOn.isPending || turnOff.isPending || browserHasOne === null,
    problem,
    /** The server's refusal, when `problem` is 'server'. */
    error: turnOn.error ?? turnOff.error,
    toggle: (next: boolean) => (next ? turnOn.mutate() : turnOff.mutate()),
  };
}
