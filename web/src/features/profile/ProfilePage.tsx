import { formatPhone } from '@parta/contracts';
import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Me } from '@parta/contracts';
import { api } from '../../api/client';
import type { MeResponse, UpdateProfileRequest } from '../../api/types';
import { mySchools } from '../../app/primaryRole';
import { changeLanguage, currentLanguage, type Language } from '../../i18n';
import { PersonalFields } from '../auth/PersonalFields';
import { useMe, useSetMe, useSignOut } from '../auth/useMe';
import { checkPersonalData, type PersonalData, type PersonalErrors } from '../auth/validation';
import { ErrorAlert, PageTitle } from '../common/ui';
import { PersonAvatar } from '../photos/PersonAvatar';
import { PhotoEditor } from '../photos/PhotoEditor';
import { usePhotoUrl } from '../photos/usePhotos';
import { InviteParentCard } from '../parents/InviteParentCard';

function toForm(me: Me): PersonalData {
  return {
    firstName: me.firstName,
    lastName: me.lastName,
    middleName: me.middleName ?? '',
    gender: me.gender,
    birthDate: me.birthDate.slice(0, 10),
  };
}

/** ACC-3 «Профиль»: personal data (editable), the phone, the language, «Выйти». */
export function ProfilePage() {
  const me = useMe().data;
  if (!me) return null;
  return <ProfileForm me={me} />;
}

function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const signOut = useSignOut();
  const [form, setForm] = useState<PersonalData>(() => toForm(me));
  const [errors, setErrors] = useState<PersonalErrors>({});
  const [saved, setSaved] = useState(false);
  const photo = usePhotoUrl('users', me.id);

  const save = useMutation({
    mutationFn: (body: UpdateProfileRequest) => api<MeResponse>('PATCH', '/me', body),
    onSuccess: (r) => {
      setMe(r.data);
      setSaved(true);
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const checked = checkPersonalData(form);
    setErrors(checked);
    if (Object.keys(checked).length > 0 || !form.gender) return;
    save.mutate({
      firstName: form.firstName.trim(),
      lastName: form.lastName.trim(),
      middleName: form.middleName.trim() || null,
      gender: form.gender,
      birthDate: form.birthDate,
    });
  };

  const setLanguage = (lang: Language) => {
    changeLanguage(lang);
    // Kept on the account too, so the choice follows the person to other devices.
    api<MeResponse>('PATCH', '/me', { locale: lang }).then((r) => setMe(r.data), () => undefined);
  };

  return (
    <Stack gap="md" maw={640}>
      <PageTitle>{t('profile.title')}</PageTitle>
      <Paper withBorder p="lg">
        <Title order={2} size="h4" mb="sm">
          {t('photos.profileTitle')}
        </Title>
        <PhotoEditor
          path="/me/photo"
          hasPhoto={photo !== null}
          preview={<PersonAvatar person={me} size={84} />}
          labels={{ upload: t('photos.upload'), remove: t('photos.remove') }}
        />
      </Paper>
      <Paper withBorder p="lg">
        <Title order={2} size="h4" mb="sm">
          {t('profile.personal')}
        </Title>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <PersonalFields value={form} errors={errors} onChange={setForm} />
            {save.isError && <ErrorAlert error={save.error} />}
            {saved && !save.isPending && (
              <Text c="teal" size="sm" role="status">
                {t('app.saved')}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('app.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="lg">
        <Stack gap="md">
          <TextInput label={t('profile.phone')} description={t('profile.phoneNote')} value={formatPhone(me.phone)} readOnly />
          <div>
            <Text size="sm" fw={500} mb={4} id="profile-lang">
              {t('app.language')}
            </Text>
            <SegmentedControl
              aria-labelledby="profile-lang"
              value={currentLanguage()}
              onChange={(v) => setLanguage(v === 'en' ? 'en' : 'ru')}
              data={[
                { value: 'ru', label: t('app.langRu') },
                { value: 'en', label: t('app.langEn') },
              ]}
            />
          </div>
        </Stack>
      </Paper>
      {me.memberships.length > 0 && (
        <Paper withBorder p="lg">
          <Title order={2} size="h4" mb="sm">
            {t('profile.memberships')}
          </Title>
          <Stack gap="xs">
            {mySchools(me).map((s) => (
              <Group key={s.schoolId} justify="space-between" wrap="wrap" gap="xs">
                <Text fw={500}>{s.schoolName}</Text>
                <Group gap={4}>
                  {me.memberships
                    .filter((m) => m.schoolId === s.schoolId)
                    .map((m) => (
                      <Badge key={`${m.role}-${m.classId ?? ''}`} variant="light">
                        {m.className ? `${t(`roles.${m.role}`)} · ${m.className}` : t(`roles.${m.role}`)}
                      </Badge>
                    ))}
                </Group>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
      {me.memberships
        .filter((m) => m.role === 'student' && m.className)
        .map((m) => (
          <InviteParentCard key={m.schoolId} schoolId={m.schoolId} className={m.className ?? ''} />
        ))}
      <Group>
        <Button
          color="red"
          variant="light"
          leftSection={<IconLogout size={16} />}
          onClick={async () => {
            await signOut();
            navigate('/', { replace: true });
          }}
        >
          {t('profile.signOut')}
        </Button>
      </Group>
    </Stack>
  );
}
