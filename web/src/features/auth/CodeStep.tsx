import type { OtpPurpose } from '@parta/contracts';
import { formatPhone } from '@parta/contracts';
import { Anchor, Button, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { errorText } from '../../api/errorText';
import type { SendCodeResponse, VerifyCodeResponse } from '../../api/types';
import { AuthCard } from './AuthCard';
import { formatCountdown, formatWait, useCountdown } from './countdown';

/** Step 2 «Подтвердите номер»: the SMS code, with the resend countdown. */
export function CodeStep({
  phone,
  purpose,
  resendInSeconds,
  onChangeNumber,
  onVerified,
}: {
  phone: string;
  purpose: OtpPurpose;
  resendInSeconds: number;
  onChangeNumber: () => void;
  onVerified: (verificationToken: string) => void;
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
      const r = await api<VerifyCodeResponse>('POST', '/auth/verify', { phone, purpose, code: digits });
      onVerified(r.verificationToken);
    } catch (err) {
      setError(errorText(t, err));
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
      if (err instanceof ApiError && err.code === 'otp_resend_too_soon' && err.retryInSeconds) {
        setTooSoon(true);
        restart(err.retryInSeconds);
        return;
      }
      setError(errorText(t, err));
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
