import { formatPhone } from '@parta/contracts';
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { errorText } from '../../api/errorText';
import type { SendCodeResponse, VerifyCodeResponse } from '../../api/types';
import { AuthCard } from '../auth/AuthCard';
import { formatCountdown, useCountdown } from '../auth/countdown';
import './texts';
import '../auth/texts';

/** The code from the SMS — or, while no SMS gateway is set up, from the server's log (the screen says where). */
export function SetupCodeStep({
  phone,
  resendInSeconds,
  smsInLog,
  onChangeNumber,
  onVerified,
}: {
  phone: string;
  resendInSeconds: number;
  smsInLog: boolean;
  onChangeNumber: () => void;
  onVerified: (verificationToken: string) => void;
}) {
  const { t } = useTranslation();
  const { remaining, restart } = useCountdown(resendInSeconds);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (code.length !== 6) {
      setError(t('errors.otp_invalid'));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      onVerified((await api<VerifyCodeResponse>('POST', '/setup/verify', { phone, code })).verificationToken);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    setError(null);
    try {
      restart((await api<SendCodeResponse>('POST', '/setup/code', { phone })).resendInSeconds);
      setCode('');
    } catch (err) {
      if (err instanceof ApiError && err.retryInSeconds) restart(err.retryInSeconds);
      else setError(errorText(t, err));
    }
  };

  return (
    <AuthCard
      title={t('auth.confirmTitle')}
      onBack={onChangeNumber}
      subtitle={
        <>
          {t(smsInLog ? 'setup.codeFor' : 'auth.sentTo')} <span style={{ whiteSpace: 'nowrap' }}>{formatPhone(phone)}</span>
          {' · '}
          <Anchor component="button" type="button" size="sm" onClick={onChangeNumber}>
            {t('auth.change')}
          </Anchor>
        </>
      }
    >
      {smsInLog && (
        <Alert color="blue" title={t('setup.codeInLogTitle')}>
          {t('setup.codeInLog')}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('auth.codeLabel')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
            error={error}
            autoFocus
          />
          <Text size="sm" c="dimmed" aria-live="polite">
            {remaining > 0 ? (
              t('setup.resendIn', { time: formatCountdown(remaining) })
            ) : (
              <Anchor component="button" type="button" size="sm" onClick={() => void resend()}>
                {t('setup.resend')}
              </Anchor>
            )}
          </Text>
          <Button type="submit" fullWidth loading={busy} size="md">
            {t('auth.next')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
