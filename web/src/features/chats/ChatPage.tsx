import type { Message } from '@parta/contracts';
import { ActionIcon, Anchor, Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowDown, IconArrowLeft, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { useMe } from '../auth/useMe';
import { EmptyText, ErrorAlert, Loading, NotFound, useDocumentTitle } from '../common/ui';
import { Composer } from '../messages/Composer';
import { lazyScreen } from '../../app/lazyScreen';
import { useReadyInSlices } from '../../app/readyInSlices';
import { MessageItem } from '../messages/MessageItem';
import { PendingItem } from '../messages/PendingItem';
import { type ChatDetailsResponse, type MyPollVotesResponse, chatKeys } from './chatTypes';
import { flatten } from './historyCache';
import { ChatCallButton, ChatLiveLesson } from '../lessons/ChatCall';
import { ChatMuteMenu } from '../push/ChatMuteMenu';
import { useViewingChat } from '../push/useViewingChat';
import { ChatMembersDrawer } from './ChatMembersDrawer';
import { DaySeparator, startsDay } from './DaySeparator';
import { useChatDetails, useHistory } from './hooks';
import { useLive, useOnline, usePending, useTyping } from './RealtimeProvider';
import { useFileDrop } from './useFileDrop';
import { useStickToBottom } from './useStickToBottom';
import './chat.css';

/** A chat: history scrolling back page by page, live messages, «печатает…», and the input. */
// «Удалить сообщение?» loads when first asked: a chat opens without a dialog's code.
const DeleteMessageModal = lazyScreen(() => import('../messages/DeleteMessageModal').then((m) => m.DeleteMessageModal));
// SAFE-1 «Пожаловаться» and a personal chat's block: loaded when first asked, like the dialog above.
const ReportModal = lazyScreen(() => import('../reports/ReportModal').then((m) => m.ReportModal));
const PersonalChatSafety = lazyScreen(() => import('../reports/PersonalChatSafety').then((m) => m.PersonalChatSafety));

const NO_VOTES: string[] = [];
const NO_MESSAGES: Message[] = [];

export function ChatPage() {
  const { chatId = '' } = useParams();
  const details = useChatDetails(chatId);
  // The newest messages are asked for with the chat's details, not after them: one round trip less on a phone.
  useHistory(chatId, chatId !== '');
  useDocumentTitle(details.data?.data.name ?? null);
  // The chat is drawn in slices once its details are in (app/readyInSlices.ts).
  const shown = useReadyInSlices(details.isSuccess);
  if (details.isPending || (details.isSuccess && !shown)) return <Loading />;
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
  const [reporting, setReporting] = useState<Message | null>(null);
  const [membersOpen, setMembersOpen] = useState(false);
  const messages = useMemo(() => flatten(history.data), [history.data]);
  // The list is drawn in a render React may pause (a transition), not in the one that got the answer: forty messages
  // drawn at once held a phone's main thread for a third of a second, with taps waiting.
  const shown = useDeferredValue(messages, NO_MESSAGES);
  useViewingChat(c.id);
  const lastSeq = messages.at(-1)?.seq ?? 0;

  const join = useMutation({
    mutationFn: () => api<ChatDetailsResponse>('POST', `/chats/${c.id}/join`),
    onSuccess: (r) => {
      client.setQueryData(chatKeys.details(c.id), r);
      void client.invalidateQueries({ queryKey: chatKeys.all });
    },
  });

  // Scrolling: start at the newest message and stay there as pictures load, follow new ones when at the
  // bottom, keep the reader's place when an older page is put above (useStickToBottom).
  const stick = useStickToBottom({ itemCount: shown.length + pending.length, typingCount: typing.length, lastSeq: shown.at(-1)?.seq ?? 0 });
  const { scroller } = stick;
  const loadOlder = useCallback(() => {
    if (!history.hasNextPage || history.isFetchingNextPage) return;
    stick.keepPlaceForOlder();
    void history.fetchNextPage();
  }, [history, stick.keepPlaceForOlder]);
  const onScroll = () => {
    stick.onScroll();
    if ((scroller.current?.scrollTop ?? 100) < 40) loadOlder();
  };
  const newBelow = stick.awayFrom === null ? 0 : messages.filter((m) => m.seq > (stick.awayFrom ?? 0) && m.author.id !== me?.id).length;

  // ↑ in the empty input: my last message that I may still edit (not deleted, not a poll).
  const editLast = useCallback(() => {
    const mine = [...messages].reverse().find((m) => m.author.id === me?.id && !m.deleted && !m.poll);
    if (!mine || !can.post) return false;
    setReplyTo(null);
    setEditing(mine);
    return true;
  }, [messages, me?.id, can.post]);
  const startEdit = useCallback((m: Message) => {
    setReplyTo(null);
    setEditing(m);
  }, []);
  const startReply = useCallback((m: Message) => {
    setEditing(null);
    setReplyTo(m);
  }, []);
  // Files dropped anywhere on the chat go to the composer's sending dialog.
  const [dropped, setDropped] = useState<File[] | null>(null);
  const drop = useFileDrop(can.post, setDropped);
  const takeDropped = useCallback(() => setDropped(null), []);

  // Read marks: what is on screen in a visible tab has been read.
  const readSent = useRef(c.lastReadSeq);
  useEffect(() => {
    if (!isMember) return;
    const mark = () => {
      if (document.visibilityState !== 'visible' || lastSeq <= readSent.current) return;
      readSent.current = lastSeq;
      if (!live.client.read(c.id, lastSeq)) void api('POST', `/chats/${c.id}/read`, { seq: lastSeq }).catch(() => undefined);
      live.refreshLists();
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [isMember, lastSeq, c.id, live]);

  // Stable, so that a message that did not change is not drawn again (MessageItem is memoised).
  const actions = useMemo(
    () => ({ onReply: startReply, onEdit: startEdit, onDelete: setDeleting, onReport: setReporting }),
    [startReply, startEdit],
  );
  const other = c.kind === 'personal' ? c.members.find((m) => m.id !== me?.id) : undefined;

  return (
    <Stack gap="sm" pos="relative" style={{ height: 'calc(100dvh - var(--app-shell-header-offset, 60px) - 2 * var(--mantine-spacing-md))', minHeight: 420 }} {...drop.handlers}>
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
              aria-haspopup="dialog"
            >
              {/* The visible words are the button's name (WCAG 2.5.3): no aria-label that says otherwise. */}
              {t('chatMembers.open', { count: c.members.length })}
            </Button>
          </Group>
        </div>
        <Group gap="xs" wrap="nowrap">
          <ChatCallButton chat={c} canCall={can.call} />
          <ChatMuteMenu chat={c} canMute={can.mute} />
          {other && isMember && (
            <Suspense fallback={null}>
              <PersonalChatSafety chatId={c.id} personId={other.id} schoolId={c.schoolId} />
            </Suspense>
          )}
        </Group>
        {can.join && (
          <Button onClick={() => join.mutate()} loading={join.isPending}>
            {t('chats.join')}
          </Button>
        )}
      </Group>
      <ChatLiveLesson chatId={c.id} />
      {join.isError && <ErrorAlert error={join.error} />}
      {!online && (
        <Text size="sm" c="orange" role="status">
          {t('chats.reconnecting')}
        </Text>
      )}

      <Paper withBorder p="sm" pos="relative" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <Box ref={scroller} onScroll={onScroll} style={{ flex: 1, overflowY: 'auto', minHeight: 0 }} data-testid="chat-history">
          {/* Pushed to the bottom, as in a messenger: a short chat's messages sit just above the input. */}
          <div ref={stick.content} style={{ minHeight: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'flex-end' }}>
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
                {shown.length === 0 && messages.length === 0 && pending.length === 0 && <EmptyText>{t('chats.noMessages')}</EmptyText>}
                <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('chats.title')}>
                  {shown.map((m, i) => (
                    <Fragment key={m.id}>
                    {startsDay(shown[i - 1], m) && <DaySeparator iso={m.createdAt} />}
                    <MessageItem
                      message={m}
                      mine={m.author.id === me?.id}
                      canPost={can.post}
                      canModerate={can.moderate}
                      myVotes={(m.poll && votes.data?.data[m.poll.id]) || NO_VOTES}
                      actions={actions}
                    />
                    </Fragment>
                  ))}
                  {pending.map((p) => (
                    <PendingItem key={p.clientId} item={p} />
                  ))}
                </ul>
              </>
            )}
          </div>
        </Box>
        {stick.awayFrom !== null && (
          <JumpDown count={newBelow} onClick={stick.toBottom} />
        )}
        <Text size="xs" c="dimmed" h={18} aria-live="polite">
          {typing.length === 1
            ? t('chats.typingOne', { names: typing[0] })
            : typing.length > 1
              ? t('chats.typingMany', { names: typing.join(', ') })
              : ''}
        </Text>
      </Paper>

      {can.post ? (
        <Composer
          chatId={c.id}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          editing={editing}
          onCancelEdit={() => setEditing(null)}
          onEditLast={editLast}
          incoming={dropped}
          onIncomingTaken={takeDropped}
          onSent={stick.toBottom}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {can.join ? t('chats.joinToWrite') : t('chats.readOnly')}
        </Text>
      )}
      {deleting && (
        <Suspense fallback={null}>
          <DeleteMessageModal message={deleting} onClose={() => setDeleting(null)} />
        </Suspense>
      )}
      {reporting && (
        <Suspense fallback={null}>
          <ReportModal target={{ targetType: 'message', targetId: reporting.id }} onClose={() => setReporting(null)} />
        </Suspense>
      )}
      <ChatMembersDrawer chat={c} can={can} opened={membersOpen} onClose={() => setMembersOpen(false)} />
      {drop.over && (
        <div className="parta-drop-zone" aria-hidden>
          <Text fw={600} size="lg">
            {t('chats.dropHere')}
          </Text>
        </div>
      )}
    </Stack>
  );
}

/** Below the view while the person reads older messages: «Новые сообщения ↓» when some came, else a plain ↓. */
function JumpDown({ count, onClick }: { count: number; onClick: () => void }) {
  const { t } = useTranslation();
  const place = { position: 'absolute', right: 16, bottom: 28 } as const;
  return count > 0 ? (
    <Button size="xs" radius="xl" rightSection={<IconArrowDown size={14} aria-hidden />} onClick={onClick} style={place} aria-label={t('chats.newBelow', { count })}>
      {t('chats.newMessages')}
    </Button>
  ) : (
    <ActionIcon variant="default" radius="xl" size="lg" onClick={onClick} style={place} aria-label={t('chats.toNewest')}>
      <IconArrowDown size={18} />
    </ActionIcon>
  );
}
