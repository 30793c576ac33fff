import { Badge, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ContactsResponse } from '../../api/types';
import { formalName } from '../common/personName';
import { roleTitle } from '../common/roleLabel';
import { ErrorAlert, Loading, PageTitle } from '../common/ui';
import { PeopleList } from '../school/PeopleList';
import { WriteButton } from '../chats/WriteButton';

/** APP-4 «Контакты»: people who share a school with me. */
export function ContactsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const contacts = useQuery({ queryKey: ['contacts'], queryFn: () => api<ContactsResponse>('GET', '/contacts') });
  const needle = q.trim().toLocaleLowerCase();
  const shown = (contacts.data?.data ?? []).filter((c) => !needle || formalName(c).toLocaleLowerCase().includes(needle));

  return (
    <Stack gap="md">
      <PageTitle>{t('contacts.title')}</PageTitle>
      <Text c="dimmed" size="sm">
        {t('contacts.text')}
      </Text>
      <Paper withBorder p="md">
        {contacts.isPending ? (
          <Loading />
        ) : contacts.isError ? (
          <ErrorAlert error={contacts.error} onRetry={() => void contacts.refetch()} />
        ) : (
          <>
            {contacts.data.data.length > 0 && (
              <TextInput
                label={t('contacts.search')}
                leftSection={<IconSearch size={16} />}
                value={q}
                onChange={(e) => setQ(e.currentTarget.value)}
                type="search"
                mb="md"
              />
            )}
            <PeopleList
              people={shown}
              right={(c) => <WriteButton userId={c.id} name={formalName(c)} />}
              empty={contacts.data.data.length === 0 ? t('contacts.empty') : t('members.empty')}
              extra={(c) => (
                <Group gap={4} mt={2}>
                  {c.schools.map((s) => (
                    <Group key={s.schoolId} gap={4}>
                      <span>{s.schoolName}:</span>
                      {s.roles.map((r) => (
                        <Badge key={r} size="xs" variant="light">
                          {roleTitle(t, r)}
                        </Badge>
                      ))}
                    </Group>
                  ))}
                </Group>
              )}
            />
          </>
        )}
      </Paper>
    </Stack>
  );
}
