import { roles, type Role } from '@parta/contracts';
import { Badge, Group, Paper, Stack, Tabs, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, query } from '../../api/client';
import type { MembersResponse } from '../../api/types';
import { ErrorAlert, Loading, PageTitle } from '../common/ui';
import { PeopleList } from './PeopleList';
import { WriteButton } from '../chats/WriteButton';
import { formalName } from '../common/personName';
import { useSchoolContext } from './useSchool';

function isRole(v: string | null): v is Role {
  return roles.includes(v as Role);
}

/** ORG-7 «Участники»: everyone in the school by role, with search by name. */
export function MembersPage() {
  const { t } = useTranslation();
  const { data: school } = useSchoolContext();
  const [params, setParams] = useSearchParams();
  const roleParam = params.get('role');
  const role = isRole(roleParam) ? roleParam : null;
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);

  const members = useQuery({
    queryKey: ['members', school.id, role, debounced],
    queryFn: () =>
      api<MembersResponse>('GET', `/schools/${school.id}/members${query({ role, q: debounced || undefined })}`),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="md">
      <PageTitle>{t('schoolMenu.members')}</PageTitle>
      <Paper withBorder p="md">
        <Tabs
          value={role ?? 'all'}
          onChange={(v) => setParams(v && v !== 'all' ? { role: v } : {}, { replace: true })}
          mb="md"
        >
          <Tabs.List>
            <Tabs.Tab value="all">{t('members.all')}</Tabs.Tab>
            {roles.map((r) => (
              <Tabs.Tab key={r} value={r}>
                {t(`roles.plural.${r}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <TextInput
          label={t('members.search')}
          placeholder={t('members.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          mb="md"
          type="search"
        />
        {members.isPending ? (
          <Loading />
        ) : members.isError ? (
          <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />
        ) : (
          <PeopleList
            people={members.data.data}
            right={(m) => <WriteButton userId={m.id} name={formalName(m)} />}
            empty={t('members.empty')}
            extra={(m) => (
              <Group gap={4} mt={2}>
                {m.roles.map((r) => (
                  <Badge key={r} size="xs" variant="light">
                    {t(`roles.${r}`)}
                  </Badge>
                ))}
                <span>
                  {[m.title, m.className && t('members.classLabel', { name: m.className }), m.subjects.join(', ')]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </Group>
            )}
          />
        )}
      </Paper>
    </Stack>
  );
}
