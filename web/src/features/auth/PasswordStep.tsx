import { formatPhone } from '@parta/contracts';
import { Anchor, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthCard } from './AuthCard';
import { authErrorText, codeWait } from './authErrorText';
import { formatWait, useCountdown } from './countdown';
import './texts';

/** «Войти в аккаунт»: an existing account types its password; «Это не я» and «Забыли пароль?». */
export function PasswordStep({
  phone,
  displayName,
  onNotMe,
  onForgot,
  onSubmit,
}: {
  phone: string;
  displayName: string | null;
  onNotMe: () => void;
  onForgot: () => Promise<void>;
  onSubmit: (password: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // «Забыли пароль?» refused as too soon: the server's wait, counted down; the link returns at zero.
  const wait = useCountdown(0);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!password) {
      setError(t('app.required'));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await onSubmit(password);
    } catch (err) {
      setError(authErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const forgot = async () => {
    setError(null);
    try {
      await onForgot();
    } catch (err) {
      const seconds = codeWait(err);
      if (seconds) {
        wait.restart(seconds);
        return;
      }
      setError(authErrorText(t, err));
    }
  };

  return (
    <AuthCard title={t('auth.signInTitle')} subtitle={t('auth.ifYou')} onBack={onNotMe}>
      <Group gap="sm">
        <Text fw={700}>{displayName ?? formatPhone(phone)}</Text>
        <Anchor component="button" type="button" size="sm" onClick={onNotMe}>
          {t('auth.notMe')}
        </Anchor>
      </Group>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <PasswordInput
            label={t('auth.passwordLabel')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={error}
            autoFocus
          />
          {wait.remaining > 0 ? (
            <Text size="sm" c="dimmed" role="status">
              {t('auth.retryIn', { time: formatWait(wait.remaining) })}
            </Text>
          ) : (
            <Anchor component="button" type="button" size="sm" onClick={() => void forgot()} style={{ alignSelf: 'flex-start' }}>
              {t('auth.forgot')}
            </Anchor>
          )}
          <Button type="submit" fullWidth loading={busy} size="md">
            {t('auth.signIn')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
