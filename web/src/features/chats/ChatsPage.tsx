import { Button, Paper, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/useMe';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { ChatRow } from './ChatRow';
import { CreateGroupChatModal } from './CreateGroupChatModal';
import { useChatList } from './hooks';

/** «Сообщения»: my chats, newest message first, with unread counts and search by name. */
export function ChatsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [creating, setCreating] = useState(false);
  const chats = useChatList(debounced);
  // The server says where I may make a group chat; nowhere: no button that would only fail.
  const mayCreateGroup = (me?.can?.createGroupChatIn.length ?? 0) > 0;

  return (
    <Stack gap="md">
      <PageTitle
        right={
          mayCreateGroup && (
            <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => setCreating(true)}>
              {t('chats.createGroup')}
            </Button>
          )
        }
      >
        {t('chats.title')}
      </PageTitle>
      <Paper withBorder p="md">
        <TextInput
          label={t('chats.search')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          type="search"
          mb="md"
        />
        {chats.isPending ? (
          <Loading />
        ) : chats.isError ? (
          <ErrorAlert error={chats.error} onRetry={() => void chats.refetch()} />
        ) : chats.data.data.length === 0 ? (
          <EmptyText>{debounced.trim() ? t('chats.nothingFound') : t('chats.empty')}</EmptyText>
        ) : (
          <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('chats.title')}>
            {chats.data.data.map((c) => (
              <li key={c.id}>
                <ChatRow chat={c} />
              </li>
            ))}
          </Stack>
        )}
      </Paper>
      {mayCreateGroup && <CreateGroupChatModal opened={creating} onClose={() => setCreating(false)} />}
    </Stack>
  );
}
