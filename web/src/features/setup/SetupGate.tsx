import type { ReactNode } from 'react';
import { Loading } from '../common/ui';
import { SetupElsewhere } from './SetupElsewhere';
import { SetupPage } from './SetupPage';
import { useSetupStatus } from './useSetupStatus';

/**
 * Before the installation has its operator, every address shows the first-run screen — on the server's own
 * machine — or says where to set it up. Afterwards (and when the question fails) the app is as usual.
 */
export function SetupGate({ children }: { children: ReactNode }) {
  const status = useSetupStatus();
  if (status.isPending) return <Loading />;
  if (!status.data) return <>{children}</>;
  return status.data.local ? <SetupPage status={status.data} /> : <SetupElsewhere />;
}
