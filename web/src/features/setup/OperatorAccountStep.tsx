import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errorText';
import { AuthCard } from '../auth/AuthCard';
import { PersonalFields } from '../auth/PersonalFields';
import { checkNewPassword, checkPersonalData, type PersonalData, type PersonalErrors } from '../auth/validation';
import './texts';
import '../auth/texts';

export interface OperatorAccount {
  password: string;
  firstName: string;
  lastName: string;
  middleName?: string;
  gender: 'female' | 'male';
  birthDate: string;
}

const empty: PersonalData = { firstName: '', lastName: '', middleName: '', gender: '', birthDate: '' };

/** The operator's name and a password of their own choosing; «Создать учётную запись» signs them in. */
export function OperatorAccountStep({ onBack, onSubmit }: { onBack: () => void; onSubmit: (a: OperatorAccount) => Promise<void> }) {
  const { t } = useTranslation();
  const [data, setData] = useState<PersonalData>(empty);
  const [errors, setErrors] = useState<PersonalErrors>({});
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [passwordErrors, setPasswordErrors] = useState<{ password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const personal = checkPersonalData(data);
    const checked = checkNewPassword(password, confirm);
    setErrors(personal);
    setPasswordErrors({
      password: checked.password && t(`errors.${checked.password}`),
      confirm: checked.confirm && t(`errors.${checked.confirm}`),
    });
    if (Object.keys(personal).length > 0 || checked.password || checked.confirm || !data.gender) return;
    setFormError(null);
    setBusy(true);
    try {
      await onSubmit({
        password,
        firstName: data.firstName.trim(),
        lastName: data.lastName.trim(),
        middleName: data.middleName.trim() || undefined,
        gender: data.gender,
        birthDate: data.birthDate,
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'password_too_weak') setPasswordErrors({ password: errorText(t, err) });
      else setFormError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('setup.accountTitle')} subtitle={t('setup.accountText')} onBack={onBack}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <PersonalFields value={data} errors={errors} onChange={setData} />
          <PasswordInput
            label={t('auth.passwordLabel')}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={passwordErrors.password}
          />
          <PasswordInput
            label={t('auth.passwordConfirmLabel')}
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={passwordErrors.confirm}
          />
          <Text size="xs" c="dimmed">
            {t('auth.passwordRules')}
          </Text>
          {formError && (
            <Text size="sm" c="red" role="alert">
              {formError}
            </Text>
          )}
          <Button type="submit" fullWidth loading={busy} size="md">
            {t('setup.createAccount')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
