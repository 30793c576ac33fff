import type { CodePurpose } from '@parta/contracts';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { MeResponse, SendCodeResponse } from '../../api/types';
import { lazyScreen } from '../../app/lazyScreen';
import { Loading } from '../common/ui';
import { AuthCard, AuthFrame } from './AuthCard';
import { PhoneStep } from './PhoneStep';
import { useMe, useSetMe } from './useMe';
import './texts';
import '../joinRequests/texts';

/** Where the five steps stand. Each step keeps what the next one needs. */
// Only the phone step comes with the sign-in screen; each later step loads when the number is sent (the code, the
// password) or when it is reached (a new account's details, the school to join: date and list pickers).
const CodeStep = lazyScreen(() => import('./CodeStep').then((m) => m.CodeStep));
const PasswordStep = lazyScreen(() => import('./PasswordStep').then((m) => m.PasswordStep));
const NewPasswordStep = lazyScreen(() => import('./NewPasswordStep').then((m) => m.NewPasswordStep));
const InfoStep = lazyScreen(() => import('./InfoStep').then((m) => m.InfoStep));
const JoinSchoolForm = lazyScreen(() => import('../joinRequests/JoinSchoolForm').then((m) => m.JoinSchoolForm));

/** The steps that may follow the number, asked for while the server answers it. */
function preloadNextSteps() {
  for (const step of [CodeStep, PasswordStep, NewPasswordStep]) void step.preload().catch(() => undefined);
}

type Step =
  | { kind: 'phone' }
  | { kind: 'code'; phone: string; purpose: CodePurpose; resendInSeconds: number; displayName: string | null }
  | { kind: 'newPassword'; mode: 'signup' | 'reset'; phone: string; token: string }
  | { kind: 'info'; phone: string; token: string; password: string }
  | { kind: 'password'; phone: string; displayName: string | null; token?: string }
  | { kind: 'school' };

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') ? next : null;
}

/** ACC-1 / ACC-2: «Войти или создать аккаунт» — sign-up, sign-in and «Забыли пароль?». */
export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const setMe = useSetMe();
  const [step, setStep] = useState<Step>({ kind: 'phone' });
  const [lastPhone, setLastPhone] = useState('');

  const invite = params.get('invite');
  const destination = invite ? `/invite/${encodeURIComponent(invite)}` : (safeNext(params.get('next')) ?? '/home');

  if (me.isPending) return <Loading />;
  // Someone already signed in who opens /login goes straight on; not mid-flow (step 5 follows sign-up).
  if (me.data && step.kind === 'phone') return <Navigate to={destination} replace />;

  const signedIn = (r: MeResponse) => {
    setMe(r.data);
    navigate(destination, { replace: true });
  };
  const toPhone = () => setStep({ kind: 'phone' });

  const startReset = async (phone: string) => {
    const r = await api<SendCodeResponse>('POST', '/auth/code', { phone, purpose: 'reset' });
    setStep({ kind: 'code', phone, purpose: 'reset', resendInSeconds: r.resendInSeconds, displayName: null });
  };

  const signIn = async (phone: string, password: string, token?: string) => {
    try {
      signedIn(await api<MeResponse>('POST', '/auth/signin', { phone, password, verificationToken: token }));
    } catch (err) {
      // The server may ask for a code after all (a device it no longer knows), or a new one (five wrong passwords on
      // this one): send one and confirm.
      if (err instanceof ApiError && (err.code === 'otp_required' || err.code === 'otp_attempts_exceeded')) {
        const r = await api<SendCodeResponse>('POST', '/auth/code', { phone, purpose: 'login' });
        setStep({ kind: 'code', phone, purpose: 'login', resendInSeconds: r.resendInSeconds, displayName: null });
        return;
      }
      throw err;
    }
  };

  let content: React.ReactNode;
  switch (step.kind) {
    case 'phone':
      content = (
        <PhoneStep
          initial={lastPhone}
          onSending={preloadNextSteps}
          onIdentified={(r) => {
            setLastPhone(r.phone);
            if (r.next === 'code') {
              // Sign-in or sign-up: the same code either way; which one follows is told once it is verified.
              setStep({
                kind: 'code',
                phone: r.phone,
                purpose: r.purpose ?? 'login',
                resendInSeconds: r.resendInSeconds,
                displayName: r.displayName,
              });
            } else {
              setStep({ kind: 'password', phone: r.phone, displayName: r.displayName });
            }
          }}
        />
      );
      break;
    case 'code':
      content = (
        <CodeStep
          key={`${step.phone}-${step.purpose}`}
          phone={step.phone}
          purpose={step.purpose}
          resendInSeconds={step.resendInSeconds}
          onChangeNumber={toPhone}
          onVerified={({ verificationToken: token, account }) => {
            // No account with this number (whether signing in or resetting): sign-up goes on from «Придумайте пароль».
            if (account === 'new') setStep({ kind: 'newPassword', mode: 'signup', phone: step.phone, token });
            else if (step.purpose === 'reset') setStep({ kind: 'newPassword', mode: 'reset', phone: step.phone, token });
            else setStep({ kind: 'password', phone: step.phone, displayName: step.displayName, token });
          }}
        />
      );
      break;
    case 'newPassword':
      content =
        step.mode === 'signup' ? (
          <NewPasswordStep
            key="signup"
            title={t('auth.newPasswordTitle')}
            onSubmit={async (password) => setStep({ kind: 'info', phone: step.phone, token: step.token, password })}
          />
        ) : (
          <NewPasswordStep
            key="reset"
            title={t('auth.newPasswordTitle')}
            onBack={toPhone}
            onSubmit={async (password) =>
              signedIn(await api<MeResponse>('POST', '/auth/reset', { verificationToken: step.token, password }))
            }
          />
        );
      break;
    case 'info':
      content = (
        <InfoStep
          onBack={() => setStep({ kind: 'newPassword', mode: 'signup', phone: step.phone, token: step.token })}
          onSubmit={async (d) => {
            const r = await api<MeResponse>('POST', '/auth/signup', {
              verificationToken: step.token,
              password: step.password,
              firstName: d.firstName.trim(),
              lastName: d.lastName.trim(),
              middleName: d.middleName.trim() || undefined,
              gender: d.gender,
              birthDate: d.birthDate,
              acceptTerms: true,
            });
            setMe(r.data);
            // From an invitation the person goes back to accept it; otherwise step 5 picks a school.
            if (invite) navigate(destination, { replace: true });
            else setStep({ kind: 'school' });
          }}
        />
      );
      break;
    case 'password':
      content = (
        <PasswordStep
          phone={step.phone}
          displayName={step.displayName}
          onNotMe={toPhone}
          onForgot={() => startReset(step.phone)}
          onSubmit={(password) => signIn(step.phone, password, step.token)}
        />
      );
      break;
    case 'school':
      content = (
        <AuthCard title={t('join.title')}>
          <JoinSchoolForm onDone={() => navigate('/home', { replace: true })} onSkip={() => navigate('/home', { replace: true })} />
        </AuthCard>
      );
      break;
  }
  return (
    <AuthFrame>
      <Suspense fallback={<Loading />}>{content}</Suspense>
    </AuthFrame>
  );
}
