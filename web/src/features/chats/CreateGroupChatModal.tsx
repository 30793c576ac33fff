import { Button, Modal, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { MembersResponse } from '../../api/types';
import { useMe } from '../auth/useMe';
import { formalName } from '../common/personName';
import { ErrorAlert } from '../common/ui';
import { useCreateChat } from './hooks';

/** «Создать групповой чат»: a name and members of one school (teachers and administrators). */
export function CreateGroupChatModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const schools = [...new Map((me?.memberships ?? [])
    .filter((m) => me?.can?.createGroupChatIn.includes(m.schoolId))
    .map((m) => [m.schoolId, m.schoolName])).entries()];
  const [schoolId, setSchoolId] = useState<string | null>(schools[0]?.[0] ?? null);
  const [name, setName] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const members = useQuery({
    queryKey: ['members', schoolId, null, ''],
    queryFn: () => api<MembersResponse>('GET', `/schools/${schoolId}/members`),
    enabled: opened && !!schoolId,
  });
  const create = useCreateChat();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError(t('chats.needName'));
    if (!schoolId) return;
    setError(null);
    create.mutate({ kind: 'group', schoolId, name: name.trim(), memberIds }, { onSuccess: onClose });
  };
  const options = (members.data?.data ?? []).filter((m) => m.id !== me?.id).map((m) => ({ value: m.id, label: formalName(m) }));

  return (
    <Modal opened={opened} onClose={onClose} title={t('chats.createGroup')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('chats.createGroupText')}
          </Text>
          {schools.length > 1 && (
            <Select
              label={t('chats.school')}
              data={schools.map(([value, label]) => ({ value, label }))}
              value={schoolId}
              onChange={(v) => {
                setSchoolId(v);
                setMemberIds([]);
              }}
              allowDeselect={false}
            />
          )}
          <TextInput label={t('chats.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} maxLength={100} />
          <MultiSelect
            label={t('chats.pickMembers')}
            placeholder={t('chats.pickMembersHint')}
            data={options}
            value={memberIds}
            onChange={setMemberIds}
            searchable
            nothingFoundMessage={t('chats.nothingFound')}
          />
          {create.isError && <ErrorAlert error={create.error} />}
          <Button type="submit" loading={create.isPending}>
            {t('chats.createChat')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
