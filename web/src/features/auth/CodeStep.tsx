import type { CodePurpose } from '@parta/contracts';
import { formatPhone } from '@parta/contracts';
import { Anchor, Button, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { SendCodeResponse, VerifyCodeResponse } from '../../api/types';
import { AuthCard } from './AuthCard';
import { authErrorText, codeWait } from './authErrorText';
import { formatCountdown, formatWait, useCountdown } from './countdown';
import './texts';

/** Step 2 «Подтвердите номер»: the SMS code, with the resend countdown. */
export function CodeStep({
  phone,
  purpose,
  resendInSeconds,
  onChangeNumber,
  onVerified,
}: {
  phone: string;
  purpose: CodePurpose;
  resendInSeconds: number;
  onChangeNumber: () => void;
  /** The ticket, and whether the number has an account: told only now, after the code (sign-up or sign-in). */
  onVerified: (verified: VerifyCodeResponse) => void;
}) {
  const { t } = useTranslation();
  const { remaining, restart } = useCountdown(resendInSeconds);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The last «запросите ещё один» was refused as too soon: the countdown is the server's wait, not an SMS on its way.
  const [tooSoon, setTooSoon] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const digits = code.replace(/\D/g, '');
    if (digits.length !== 6) {
      setError(t('errors.otp_invalid'));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      onVerified(await api<VerifyCodeResponse>('POST', '/auth/verify', { phone, purpose, code: digits }));
    } catch (err) {
      setError(authErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    setError(null);
    setNotice(null);
    setTooSoon(false);
    try {
      const r = await api<SendCodeResponse>('POST', '/auth/code', { phone, purpose });
      restart(r.resendInSeconds);
      setCode('');
      setNotice(t('auth.resent'));
    } catch (err) {
      // Too soon, or this number's SMS limit: the countdown is the server's wait, then the link comes back.
      const wait = codeWait(err);
      if (wait) {
        setTooSoon(true);
        restart(wait);
        return;
      }
      setError(authErrorText(t, err));
    }
  };

  return (
    <AuthCard
      title={t('auth.confirmTitle')}
      onBack={onChangeNumber}
      subtitle={
        <>
          {t('auth.sentTo')}{' '}
          <span style={{ whiteSpace: 'nowrap' }}>{formatPhone(phone)}</span>
          {' · '}
          <Anchor component="button" type="button" size="sm" onClick={onChangeNumber}>
            {t('auth.change')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <TextInput
          label={t('auth.codeLabel')}
          description={t('auth.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
          error={error}
          autoFocus
          mb="sm"
        />
        <Text size="sm" c="dimmed" mb="md" aria-live="polite">
          {remaining > 0 ? (
            tooSoon ? (
              t('auth.retryIn', { time: formatWait(remaining) })
            ) : (
              t('auth.countdown', { time: formatCountdown(remaining) })
            )
          ) : (
            <>
              {t('auth.noCodePrefix')}
              <Anchor component="button" type="button" size="sm" onClick={() => void resend()}>
                {t('auth.resend')}
              </Anchor>
            </>
          )}
        </Text>
        {notice && (
          <Text size="sm" c="teal" mb="sm">
            {notice}
          </Text>
        )}
        <Button type="submit" fullWidth loading={busy} size="md">
          {t('auth.next')}
        </Button>
      </form>
    </AuthCard>
  );
}
