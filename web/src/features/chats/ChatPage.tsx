import type { Message } from '@parta/contracts';
import { Anchor, Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { useMe } from '../auth/useMe';
import { EmptyText, ErrorAlert, Loading, NotFound, useDocumentTitle } from '../common/ui';
import { Composer } from '../messages/Composer';
import { DeleteMessageModal, EditMessageModal } from '../messages/EditMessageModal';
import { MessageItem } from '../messages/MessageItem';
import { PendingItem } from '../messages/PendingItem';
import { type ChatDetailsResponse, type MyPollVotesResponse, chatKeys } from './chatTypes';
import { flatten } from './historyCache';
import { ChatCallButton, ChatLiveLesson } from '../lessons/ChatCall';
import { ChatMembersDrawer } from './ChatMembersDrawer';
import { useChatDetails, useHistory } from './hooks';
import { useLive, useOnline, usePending, useTyping } from './RealtimeProvider';

/** A chat: history scrolling back page by page, live messages, «печатает…», and the input. */
export function ChatPage() {
  const { chatId = '' } = useParams();
  const details = useChatDetails(chatId);
  useDocumentTitle(details.data?.data.name ?? null);
  if (details.isPending) return <Loading />;
  if (details.isError) {
    if (details.error instanceof ApiError && (details.error.status === 404 || details.error.status === 403)) return <NotFound />;
    return <ErrorAlert error={details.error} onRetry={() => void details.refetch()} />;
  }
  return <ChatView key={chatId} chat={details.data} />;
}

function ChatView({ chat }: { chat: ChatDetailsResponse }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const client = useQueryClient();
  const live = useLive();
  const { data: c, can } = chat;
  const isMember = c.myRole !== null;
  const history = useHistory(c.id, true);
  const pending = usePending(c.id);
  const online = useOnline();
  const typing = useTyping(c.id).filter(Boolean);
  const votes = useQuery({
    queryKey: chatKeys.pollVotes(c.id),
    queryFn: () => api<MyPollVotesResponse>('GET', `/chats/${c.id}/poll-votes`),
    enabled: isMember,
  });
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editing, setEditing] = useState<Message | null>(null);
  const [deleting, setDeleting] = useState<Message | null>(null);
  const [membersOpen, setMembersOpen] = useState(false);
  const messages = useMemo(() => flatten(history.data), [history.data]);
  const lastSeq = messages.at(-1)?.seq ?? 0;

  const join = useMutation({
    mutationFn: () => api<ChatDetailsResponse>('POST', `/chats/${c.id}/join`),
    onSuccess: (r) => {
      client.setQueryData(chatKeys.details(c.id), r);
      void client.invalidateQueries({ queryKey: chatKeys.all });
    },
  });

  // Scrolling: start at the newest message, follow new ones when already near the bottom, and keep the
  // reader's place when an older page is put above.
  const scroller = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);
  const itemCount = messages.length + pending.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to the number of items shown
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (heightBeforeOlder.current !== null) {
      el.scrollTop += el.scrollHeight - heightBeforeOlder.current;
      heightBeforeOlder.current = null;
    } else if (nearBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [itemCount, typing.length]);
  const loadOlder = useCallback(() => {
    if (!history.hasNextPage || history.isFetchingNextPage) return;
    heightBeforeOlder.current = scroller.current?.scrollHeight ?? null;
    void history.fetchNextPage();
  }, [history]);
  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    nearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (el.scrollTop < 40) loadOlder();
  };

  // Read marks: what is on screen in a visible tab has been read.
  const readSent = useRef(c.lastReadSeq);
  useEffect(() => {
    if (!isMember) return;
    const mark = () => {
      if (document.visibilityState !== 'visible' || lastSeq <= readSent.current) return;
      readSent.current = lastSeq;
      if (!live.client.read(c.id, lastSeq)) void api('POST', `/chats/${c.id}/read`, { seq: lastSeq }).catch(() => undefined);
      setTimeout(() => void client.invalidateQueries({ queryKey: chatKeys.all }), 300);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [isMember, lastSeq, c.id, live, client]);

  const actions = { onReply: setReplyTo, onEdit: setEditing, onDelete: setDeleting };

  return (
    <Stack gap="sm" style={{ height: 'calc(100dvh - var(--app-shell-header-offset, 60px) - 2 * var(--mantine-spacing-md))', minHeight: 420 }}>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Anchor component={Link} to="/chats" size="sm">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={14} />
              {t('chats.all')}
            </Group>
          </Anchor>
          <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
            {c.name}
          </Title>
          <Group gap={6}>
            <Badge variant="light" size="sm">
              {t(`chats.kinds.${c.kind}`)}
            </Badge>
            <Button
              variant="subtle"
              size="compact-xs"
              leftSection={<IconUsers size={14} />}
              onClick={() => setMembersOpen(true)}
              aria-label={t('chatMembers.open', { count: c.members.length })}
              aria-haspopup="dialog"
            >
              {t('chats.members', { count: c.members.length })}
            </Button>
          </Group>
        </div>
        <ChatCallButton chat={c} canCall={can.call} />
        {can.join && (
          <Button onClick={() => join.mutate()} loading={join.isPending}>
            {t('chats.join')}
          </Button>
        )}
      </Group>
      <ChatLiveLesson chatId={c.id} />
      {join.isError && <ErrorAlert error={join.error} />}
      {!online && (
        <Text size="sm" c="orange.9" role="status">
          {t('chats.reconnecting')}
        </Text>
      )}

      <Paper withBorder p="sm" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <Box ref={scroller} onScroll={onScroll} style={{ flex: 1, overflowY: 'auto', minHeight: 0 }} data-testid="chat-history">
          {history.isPending ? (
            <Loading />
          ) : history.isError ? (
            <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
          ) : (
            <>
              {history.hasNextPage && (
                <Group justify="center" py={4}>
                  <Button size="xs" variant="subtle" onClick={loadOlder} loading={history.isFetchingNextPage}>
                    {t('chats.loadOlder')}
                  </Button>
                </Group>
              )}
              {messages.length === 0 && pending.length === 0 && <EmptyText>{t('chats.noMessages')}</EmptyText>}
              <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('chats.title')}>
                {messages.map((m) => (
                  <MessageItem
                    key={m.id}
                    message={m}
                    mine={m.author.id === me?.id}
                    canPost={can.post}
                    canModerate={can.moderate}
                    myVotes={(m.poll && votes.data?.data[m.poll.id]) || []}
                    actions={actions}
                  />
                ))}
                {pending.map((p) => (
                  <PendingItem key={p.clientId} item={p} />
                ))}
              </ul>
            </>
          )}
        </Box>
        <Text size="xs" c="dimmed" h={18} aria-live="polite">
          {typing.length === 1
            ? t('chats.typingOne', { names: typing[0] })
            : typing.length > 1
              ? t('chats.typingMany', { names: typing.join(', ') })
              : ''}
        </Text>
      </Paper>

      {can.post ? (
        <Composer chatId={c.id} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} />
      ) : (
        <Text size="sm" c="dimmed">
          {can.join ? t('chats.joinToWrite') : t('chats.readOnly')}
        </Text>
      )}
      <EditMessageModal message={editing} onClose={() => setEditing(null)} />
      <DeleteMessageModal message={deleting} onClose={() => setDeleting(null)} />
      <ChatMembersDrawer chat={c} can={can} opened={membersOpen} onClose={() => setMembersOpen(false)} />
    </Stack>
  );
}
