import type { ChatMember } from '@parta/contracts';
import {
  ActionIcon, Badge, Button, Checkbox, Drawer, Group, Menu, Modal, MultiSelect, Stack, Text, TextInput, Title,
} from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, query } from '../../api/client';
import type { ClassPageResponse, MembersResponse } from '../../api/types';
import { useMe } from '../auth/useMe';
import { formalName } from '../common/personName';
import { ErrorAlert } from '../common/ui';
import { type ChatDetailsResponse, chatKeys } from './chatTypes';

export type Chat = ChatDetailsResponse['data'];
export type Can = ChatDetailsResponse['can'];

/**
 * The members screen, opened from the chat header: who is in the chat and, as the server's `can` allows,
 * rename, «Добавлять новых учеников класса», add people (a class chat from its class, other chats by searching
 * the school), make or unmake moderators, remove, and «Покинуть чат». A drawer, so it fits a phone. Loaded when it
 * is first opened (ChatMembersDrawer.tsx).
 */
export function ChatMembersPanel({ chat, can, opened, onClose }: { chat: Chat; can: Can; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="md"
      title={<Title order={2} size="h4">{t('chatMembers.title')}</Title>}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <Stack gap="md" data-testid="chat-members">
        {can.manageMembers && chat.kind !== 'personal' && <RenameForm chat={chat} />}
        {can.followClass && <FollowClass chat={chat} />}
        {can.manageMembers && chat.kind !== 'personal' && <AddMembers chat={chat} />}
        <MemberList chat={chat} can={can} />
        {can.leave && <LeaveChat chat={chat} />}
      </Stack>
    </Drawer>
  );
}

/** Every change answers the chat as it now is: the header, the list and this screen show it at once. */
function useChatChange<T>(chatId: string, fn: (input: T) => Promise<ChatDetailsResponse | { ok: true }>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      if ('data' in r) client.setQueryData(chatKeys.details(chatId), r);
      void client.invalidateQueries({ queryKey: chatKeys.all });
    },
  });
}

function RenameForm({ chat }: { chat: Chat }) {
  const { t } = useTranslation();
  const [name, setName] = useState(chat.name);
  const [error, setError] = useState<string | null>(null);
  const rename = useChatChange(chat.id, (n: string) => api<ChatDetailsResponse>('PATCH', `/chats/${chat.id}`, { name: n }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError(t('chats.needName'));
    setError(null);
    rename.mutate(name.trim());
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label={t('chats.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error}
          maxLength={100}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Button type="submit" variant="light" loading={rename.isPending} disabled={name.trim() === chat.name}>
          {t('chatMembers.rename')}
        </Button>
      </Group>
      {rename.isError && <ErrorAlert error={rename.error} />}
    </form>
  );
}

function FollowClass({ chat }: { chat: Chat }) {
  const { t } = useTranslation();
  const follow = useChatChange(chat.id, (on: boolean) => api<ChatDetailsResponse>('PATCH', `/chats/${chat.id}`, { followsClass: on }));
  return (
    <Stack gap={4}>
      <Checkbox
        label={t('chatMembers.followClass')}
        description={t('chatMembers.followClassHint')}
        checked={follow.isPending ? (follow.variables ?? chat.followsClass) : chat.followsClass}
        disabled={follow.isPending}
        onChange={(e) => follow.mutate(e.currentTarget.checked)}
      />
      {follow.isError && <ErrorAlert error={follow.error} />}
    </Stack>
  );
}

/** A class chat offers its class's students and teachers; other chats search the school's members. */
function AddMembers({ chat }: { chat: Chat }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const inChat = new Set(chat.members.map((m) => m.id));
  const cls = useQuery({
    queryKey: ['class', chat.classId],
    queryFn: () => api<ClassPageResponse>('GET', `/classes/${chat.classId}`),
    enabled: chat.classId !== null,
  });
  const school = useQuery({
    queryKey: ['members', chat.schoolId, null, search.trim()],
    queryFn: () => api<MembersResponse>('GET', `/schools/${chat.schoolId}/members${query({ q: search.trim() || undefined })}`),
    enabled: chat.classId === null && chat.schoolId !== null,
    placeholderData: (prev) => prev,
  });
  const people = chat.classId !== null ? [...(cls.data?.data.teachers ?? []), ...(cls.data?.data.students ?? [])] : (school.data?.data ?? []);
  // Keep the ticked ones among the options while the search changes.
  const [labels, setLabels] = useState<Record<string, string>>({});
  const options = new Map<string, string>(picked.map((id) => [id, labels[id] ?? id]));
  for (const p of people) if (!inChat.has(p.id)) options.set(p.id, formalName(p));
  const add = useChatChange(chat.id, (ids: string[]) => api<ChatDetailsResponse>('POST', `/chats/${chat.id}/members`, { userIds: ids }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (picked.length === 0) return;
    add.mutate(picked, { onSuccess: () => setPicked([]) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <MultiSelect
          label={t('chatMembers.add')}
          placeholder={chat.classId !== null ? t('chatMembers.addFromClass') : t('chats.pickMembersHint')}
          data={[...options].map(([value, label]) => ({ value, label }))}
          value={picked}
          onChange={(ids) => {
            setLabels((l) => ({ ...l, ...Object.fromEntries([...options].filter(([id]) => ids.includes(id))) }));
            setPicked(ids);
          }}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          nothingFoundMessage={t('chats.nothingFound')}
        />
        <Button type="submit" variant="light" disabled={picked.length === 0} loading={add.isPending}>
          {t('chatMembers.addButton')}
        </Button>
        {add.isError && <ErrorAlert error={add.error} />}
      </Stack>
    </form>
  );
}

function MemberList({ chat, can }: { chat: Chat; can: Can }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const setRole = useChatChange(chat.id, ({ userId, role }: { userId: string; role: 'moderator' | 'member' }) =>
    api<ChatDetailsResponse>('PUT', `/chats/${chat.id}/members/${userId}`, { role }),
  );
  const remove = useChatChange(chat.id, (userId: string) => api<{ ok: true }>('DELETE', `/chats/${chat.id}/members/${userId}`));
  // The owner can be taken out only by those who may appoint (the owner themself leaves instead).
  const mayRemove = (m: ChatMember) => can.manageMembers && m.id !== me?.id && (m.role !== 'owner' || can.appoint);
  const mayAppoint = (m: ChatMember) => can.appoint && m.role !== 'owner';
  return (
    <Stack gap={4} component="section" aria-labelledby="chat-members-list">
      <Title order={3} size="h5" id="chat-members-list">
        {t('chats.members', { count: chat.members.length })}
      </Title>
      {(setRole.isError || remove.isError) && <ErrorAlert error={setRole.error ?? remove.error} />}
      <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {chat.members.map((m) => (
          <Group key={m.id} component="li" justify="space-between" wrap="nowrap" py={6} gap="xs" data-testid="chat-member">
            <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {formalName(m)}
                {m.id === me?.id ? ` ${t('chatMembers.you')}` : ''}
              </Text>
              {m.role !== 'member' && (
                <Badge size="sm" variant="light" color="blue" style={{ flexShrink: 0 }}>
                  {t(`chatMembers.roles.${m.role}`)}
                </Badge>
              )}
            </Group>
            {(mayAppoint(m) || mayRemove(m)) && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" color="gray" aria-label={t('chatMembers.actionsFor', { name: formalName(m) })}>
                    <IconDots size={18} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  {mayAppoint(m) && (
                    <Menu.Item onClick={() => setRole.mutate({ userId: m.id, role: m.role === 'moderator' ? 'member' : 'moderator' })}>
                      {m.role === 'moderator' ? t('chatMembers.unmakeModerator') : t('chatMembers.makeModerator')}
                    </Menu.Item>
                  )}
                  {mayRemove(m) && (
                    <Menu.Item color="red" onClick={() => remove.mutate(m.id)}>
                      {t('chatMembers.remove')}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}

function LeaveChat({ chat }: { chat: Chat }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const leave = useMutation({
    mutationFn: () => api<{ ok: true }>('POST', `/chats/${chat.id}/leave`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: chatKeys.all });
      navigate('/chats');
    },
  });
  return (
    <>
      <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
        {t('chatMembers.leave')}
      </Button>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('chatMembers.leave')}
        closeButtonProps={{ 'aria-label': t('app.close') }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('chatMembers.leaveConfirm', { name: chat.name })}</Text>
          {leave.isError && <ErrorAlert error={leave.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('chatMembers.cancel')}
            </Button>
            <Button color="red" onClick={() => leave.mutate()} loading={leave.isPending}>
              {t('chatMembers.leaveButton')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
