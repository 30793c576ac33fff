import { Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errorText';
import type { SchoolPage, SchoolPageResponse, UpdateSchoolRequest } from '../../api/types';
import { ErrorAlert, PageTitle } from '../common/ui';
import { SchoolLogo } from '../photos/PersonAvatar';
import { PhotoEditor } from '../photos/PhotoEditor';
import { usePhotoUrl } from '../photos/usePhotos';
import { schoolKey, useSchoolContext } from './useSchool';
import { VideoLimitSetting } from './VideoLimitSetting';

type InfoField = 'name' | 'country' | 'city' | 'address' | 'phone' | 'site' | 'email' | 'description';
const fields: InfoField[] = ['name', 'country', 'city', 'address', 'phone', 'site', 'email', 'description'];
const required = new Set<InfoField>(['name', 'country', 'city']);

function toForm(s: SchoolPage): Record<InfoField, string> {
  return Object.fromEntries(fields.map((f) => [f, s[f] ?? ''])) as Record<InfoField, string>;
}

/** ORG-10 «Информация»: the school's details; the administration edits them. */
export function InfoPage() {
  const { t } = useTranslation();
  const { data: school, can } = useSchoolContext();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState(() => toForm(school));
  const [missing, setMissing] = useState<Set<InfoField>>(new Set());
  const logo = usePhotoUrl('schools', school.id);

  const save = useMutation({
    mutationFn: (body: UpdateSchoolRequest) => api<SchoolPageResponse>('PATCH', `/schools/${school.id}`, body),
    onSuccess: (r) => {
      client.setQueryData(schoolKey(school.id), r);
      setEditing(false);
    },
  });
  const serverFieldErrors = fieldErrors(t, save.error);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const empty = new Set(fields.filter((f) => required.has(f) && !form[f].trim()));
    setMissing(empty);
    if (empty.size > 0) return;
    const body: UpdateSchoolRequest = {
      name: form.name.trim(),
      country: form.country.trim(),
      city: form.city.trim(),
      address: form.address.trim() || null,
      phone: form.phone.trim() || null,
      site: form.site.trim() || null,
      email: form.email.trim() || null,
      description: form.description.trim() || null,
    };
    save.mutate(body);
  };

  if (editing) {
    return (
      <Stack gap="md">
        <PageTitle>{t('schoolMenu.info')}</PageTitle>
        <Paper withBorder p="lg">
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {fields
                  .filter((f) => f !== 'description')
                  .map((f) => (
                    <TextInput
                      key={f}
                      label={t(`school.${f}`)}
                      value={form[f]}
                      onChange={(e) => setForm({ ...form, [f]: e.currentTarget.value })}
                      required={required.has(f)}
                      error={missing.has(f) ? t('app.required') : serverFieldErrors[f]}
                    />
                  ))}
              </SimpleGrid>
              <Textarea
                label={t('school.description')}
                autosize
                minRows={3}
                value={form.description}
                onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
                error={serverFieldErrors.description}
              />
              {save.isError && <ErrorAlert error={save.error} />}
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('app.save')}
                </Button>
                <Button variant="default" onClick={() => setEditing(false)}>
                  {t('app.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <PageTitle
        right={
          can.manage && (
            <Button
              variant="light"
              onClick={() => {
                setForm(toForm(school));
                setEditing(true);
              }}
            >
              {t('info.edit')}
            </Button>
          )
        }
      >
        {t('schoolMenu.info')}
      </PageTitle>
      <Paper withBorder p="lg">
        <Title order={2} size="h4" mb="sm">
          {t('photos.logoTitle')}
        </Title>
        {can.manage ? (
          <PhotoEditor
            path={`/schools/${school.id}/logo`}
            hasPhoto={logo !== null}
            preview={<SchoolLogo schoolId={school.id} name={school.name} size={84} />}
            labels={{ upload: t('photos.logoUpload'), remove: t('photos.logoRemove') }}
          />
        ) : (
          <SchoolLogo schoolId={school.id} name={school.name} size={84} />
        )}
      </Paper>
      <Paper withBorder p="lg">
        <Stack gap="sm" component="dl" style={{ margin: 0 }}>
          {fields.map((f) => (
            <div key={f}>
              <Text component="dt" size="sm" c="dimmed">
                {t(`school.${f}`)}
              </Text>
              <Text component="dd" m={0} style={{ whiteSpace: 'pre-line' }}>
                {school[f] || t('info.empty')}
              </Text>
            </div>
          ))}
        </Stack>
      </Paper>
      {can.manage && <VideoLimitSetting schoolId={school.id} videoMaxBytes={school.videoMaxBytes} storageQuotaBytes={school.storageQuotaBytes} />}
    </Stack>
  );
}
