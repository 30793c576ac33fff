import { Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AppointLeaderRequest, MembersResponse } from '../../api/types';
import { formalName } from '../common/personName';
import { ErrorAlert, Loading, PageTitle } from '../common/ui';
import { PeopleList } from './PeopleList';
import { schoolKey, useSchoolContext } from './useSchool';

/** ORG-8 «Руководители»: the school's leaders; the administration appoints them. */
export function LeadersPage() {
  const { t } = useTranslation();
  const { data: school } = useSchoolContext();
  const client = useQueryClient();
  const leaders = useQuery({
    queryKey: ['leaders', school.id],
    queryFn: () => api<MembersResponse>('GET', `/schools/${school.id}/leaders`),
  });
  const canManage = leaders.data?.can.manage ?? false;
  const everyone = useQuery({
    queryKey: ['members', school.id, null, ''],
    queryFn: () => api<MembersResponse>('GET', `/schools/${school.id}/members`),
    enabled: canManage,
  });
  const [userId, setUserId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<{ userId?: string; title?: string }>({});

  const appoint = useMutation({
    mutationFn: (body: AppointLeaderRequest) => api<MembersResponse>('POST', `/schools/${school.id}/leaders`, body),
    onSuccess: async () => {
      setUserId(null);
      setTitle('');
      await client.invalidateQueries({ queryKey: ['leaders', school.id] });
      await client.invalidateQueries({ queryKey: schoolKey(school.id) });
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const next = {
      userId: userId ? undefined : t('app.required'),
      title: title.trim().length >= 2 ? undefined : t('app.required'),
    };
    setErrors(next);
    if (next.userId || next.title || !userId) return;
    appoint.mutate({ userId, title: title.trim() });
  };

  return (
    <Stack gap="md">
      <PageTitle>{t('schoolMenu.leaders')}</PageTitle>
      <Paper withBorder p="md">
        {leaders.isPending ? (
          <Loading />
        ) : leaders.isError ? (
          <ErrorAlert error={leaders.error} onRetry={() => void leaders.refetch()} />
        ) : (
          <PeopleList people={leaders.data.data} empty={t('leaders.empty')} extra={(m) => m.title} />
        )}
      </Paper>
      {canManage && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('leaders.appoint')}
          </Title>
          <form onSubmit={submit} noValidate>
            <Stack gap="sm" maw={480}>
              <Select
                label={t('leaders.person')}
                data={(everyone.data?.data ?? []).map((m) => ({ value: m.id, label: formalName(m) }))}
                value={userId}
                onChange={setUserId}
                searchable
                nothingFoundMessage={t('members.empty')}
                error={errors.userId}
              />
              <TextInput
                label={t('leaders.title')}
                placeholder={t('leaders.titlePlaceholder')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={errors.title}
              />
              {appoint.isError && <ErrorAlert error={appoint.error} />}
              <Group>
                <Button type="submit" loading={appoint.isPending}>
                  {t('leaders.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
