import type { MeResponse, SendCodeResponse } from '../../api/types';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useSetMe } from '../auth/useMe';
import { AuthFrame } from '../auth/AuthCard';
import { DemoLoaded, type DemoAccounts } from './DemoLoaded';
import { OperatorAccountStep } from './OperatorAccountStep';
import { SetupCodeStep } from './SetupCodeStep';
import { SetupStartStep } from './SetupStartStep';
import { type SetupStatus, useFinishSetup } from './useSetupStatus';

type Step =
  | { kind: 'start'; phone: string }
  | { kind: 'code'; phone: string; resendInSeconds: number }
  | { kind: 'account'; phone: string; token: string }
  | { kind: 'demo'; demo: DemoAccounts };

/**
 * The first run on the server's machine: the operator's account (phone, the SMS code, name and password) — or
 * the demo school, for someone who only wants to look.
 */
export function SetupPage({ status }: { status: SetupStatus }) {
  const [step, setStep] = useState<Step>({ kind: 'start', phone: '' });
  const setMe = useSetMe();
  const finish = useFinishSetup();
  const navigate = useNavigate();

  const sendCode = async (phone: string) => {
    const r = await api<SendCodeResponse>('POST', '/setup/code', { phone });
    setStep({ kind: 'code', phone, resendInSeconds: r.resendInSeconds });
  };

  let content: React.ReactNode;
  switch (step.kind) {
    case 'start':
      content = (
        <SetupStartStep
          initialPhone={step.phone}
          demoOffered={status.emptyDatabase}
          onPhone={sendCode}
          onDemo={async () => setStep({ kind: 'demo', demo: (await api<{ data: DemoAccounts }>('POST', '/setup/demo')).data })}
        />
      );
      break;
    case 'code':
      content = (
        <SetupCodeStep
          phone={step.phone}
          resendInSeconds={step.resendInSeconds}
          smsInLog={status.smsInLog}
          onChangeNumber={() => setStep({ kind: 'start', phone: step.phone })}
          onVerified={(token) => setStep({ kind: 'account', phone: step.phone, token })}
        />
      );
      break;
    case 'account':
      content = (
        <OperatorAccountStep
          onBack={() => setStep({ kind: 'start', phone: step.phone })}
          onSubmit={async (body) => {
            const r = await api<MeResponse>('POST', '/setup/operator', { verificationToken: step.token, ...body });
            setMe(r.data);
            finish();
            // The operator's own screen: the registry of schools, where the first school is added.
            navigate('/operator', { replace: true });
          }}
        />
      );
      break;
    case 'demo':
      content = (
        <DemoLoaded
          demo={step.demo}
          onSignIn={() => {
            finish();
            navigate('/login', { replace: true });
          }}
        />
      );
      break;
  }
  return <AuthFrame>{content}</AuthFrame>;
}
