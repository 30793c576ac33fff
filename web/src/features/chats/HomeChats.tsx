import { Anchor, Group, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyText, ErrorAlert, Loading } from '../common/ui';
import { ChatRow } from './ChatRow';
import { useChatList } from './hooks';

/** DASH-3 on «Главная»: my school, class and personal chats, newest first, with unread counts. */
export function HomeChats({ limit = 5 }: { limit?: number }) {
  const { t } = useTranslation();
  const chats = useChatList('');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="home-chats">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="home-chats">
          {t('chats.myChats')}
        </Title>
        <Anchor component={Link} to="/chats" size="sm">
          {t('chats.showAll')}
        </Anchor>
      </Group>
      {chats.isPending ? (
        <Loading />
      ) : chats.isError ? (
        <ErrorAlert error={chats.error} onRetry={() => void chats.refetch()} />
      ) : chats.data.data.length === 0 ? (
        <EmptyText>{t('chats.empty')}</EmptyText>
      ) : (
        <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {chats.data.data.slice(0, limit).map((c) => (
            <li key={c.id}>
              <ChatRow chat={c} />
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
