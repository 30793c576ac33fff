import { usePrefetchQuery } from '@tanstack/react-query';
import { type ReactNode, Suspense } from 'react';
import { lazyScreen } from '../../app/lazyScreen';
import { fetchMe, meKey } from '../auth/useMe';
import { Loading } from '../common/ui';
import { useSetupStatus } from './useSetupStatus';

// Shown once in an installation's life: their code loads only then.
const SetupPage = lazyScreen(() => import('./SetupPage').then((m) => m.SetupPage));
const SetupElsewhere = lazyScreen(() => import('./SetupElsewhere').then((m) => m.SetupElsewhere));

/**
 * Before the installation has its operator, every address shows the first-run screen — on the server's own
 * machine — or says where to set it up. Afterwards (and when the question fails) the app is as usual.
 */
export function SetupGate({ children }: { children: ReactNode }) {
  const status = useSetupStatus();
  // Who is signed in is asked at the same time, not after this answer: one round trip before the first screen, not two.
  usePrefetchQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000 });
  if (status.isPending) return <Loading />;
  if (!status.data) return <>{children}</>;
  return (
    <Suspense fallback={<Loading />}>
      {status.data.local ? <SetupPage status={status.data} /> : <SetupElsewhere />}
    </Suspense>
  );
}
