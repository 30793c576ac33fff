import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errorText';
import { AuthCard } from './AuthCard';
import { checkNewPassword } from './validation';
import './texts';

/**
 * Step 3 «Придумайте пароль» (also the last step of «Забыли пароль?»). Checks weakness and the
 * confirmation before anything is sent; `onSubmit` may still fail (e.g. a common password).
 */
export function NewPasswordStep({
  title,
  onBack,
  onSubmit,
}: {
  title: string;
  onBack?: () => void;
  onSubmit: (password: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const checked = checkNewPassword(password, confirm);
    const next = {
      password: checked.password && t(`errors.${checked.password}`),
      confirm: checked.confirm && t(`errors.${checked.confirm}`),
    };
    setErrors(next);
    if (next.password || next.confirm) return;
    setBusy(true);
    try {
      await onSubmit(password);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'password_too_weak') setErrors({ password: errorText(t, err) });
      else setErrors({ form: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={title} subtitle={t('auth.newPasswordText')} onBack={onBack}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <PasswordInput
            label={t('auth.passwordLabel')}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            autoFocus
          />
          <PasswordInput
            label={t('auth.passwordConfirmLabel')}
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errors.confirm}
          />
          <Text size="xs" c="dimmed">
            {t('auth.passwordRules')}
          </Text>
          {errors.form && (
            <Text size="sm" c="red" role="alert">
              {errors.form}
            </Text>
          )}
          <Button type="submit" fullWidth loading={busy} size="md">
            {t('auth.next')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
