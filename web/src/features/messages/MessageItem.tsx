import type { Message } from '@parta/contracts';
import { ActionIcon, Avatar, Box, Group, Menu, Paper, Text } from '@mantine/core';
import { IconArrowBackUp, IconDots, IconFlag, IconPencil, IconTrash } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formalName, initials } from '../common/personName';
import { clockTime, fullDateTime } from '../common/dates';
import { PollCard } from '../polls/PollCard';
import { Attachments } from './Attachments';
import { MessageText } from './MessageText';

export interface MessageActions {
  onReply: (m: Message) => void;
  onEdit: (m: Message) => void;
  onDelete: (m: Message) => void;
  /** SAFE-1 «Пожаловаться» on someone else's message. */
  onReport?: (m: Message) => void;
}

/**
 * One message: author, time, the quoted message, text with safe links, files, a poll; actions by what I may do.
 * Memoised: a chat draws dozens, and a new message or a read mark must not draw them all again.
 */
export const MessageItem = memo(function MessageItem({
  message: m,
  mine,
  canPost,
  canModerate,
  myVotes,
  actions,
}: {
  message: Message;
  mine: boolean;
  canPost: boolean;
  canModerate: boolean;
  myVotes: string[];
  actions: MessageActions;
}) {
  const { t, i18n } = useTranslation();
  const author = formalName(m.author);
  const canEdit = mine && !m.deleted && !m.poll && canPost;
  const canDelete = !m.deleted && (mine || canModerate);
  return (
    <Group
      component="li"
      align="flex-start"
      gap="sm"
      wrap="nowrap"
      py={4}
      data-seq={m.seq}
      aria-label={`${author}, ${clockTime(m.createdAt, i18n.language)}`}
    >
      <Avatar radius="xl" color={mine ? 'teal' : 'blue'} size="md" aria-hidden>
        {initials(m.author)}
      </Avatar>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Group gap={8} wrap="nowrap">
          <Text size="sm" fw={600} truncate>
            {author}
          </Text>
          <Text size="xs" c="dimmed" title={fullDateTime(m.createdAt, i18n.language)} style={{ flexShrink: 0 }}>
            <time dateTime={m.createdAt}>{clockTime(m.createdAt, i18n.language)}</time>
            {m.editedAt && !m.deleted && ` · ${t('chats.edited')}`}
          </Text>
          {(canPost || canDelete || (!mine && actions.onReport)) && !m.deleted && (
            <MessageMenu message={m} mine={mine} canPost={canPost} canEdit={canEdit} canDelete={canDelete} actions={actions} />
          )}
        </Group>
        {m.deleted ? (
          <Text size="sm" c="dimmed" fs="italic">
            {m.hidden ? t('chats.hiddenByAdmin') : t('chats.deleted')}
          </Text>
        ) : (
          <>
            {m.replyTo && (
              <Paper withBorder px="xs" py={4} my={4} style={{ borderLeft: '3px solid var(--mantine-color-blue-6)' }}>
                <Text size="xs" fw={600}>
                  {m.replyTo.authorName}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {m.replyTo.text}
                </Text>
              </Paper>
            )}
            {/* A poll's message text repeats its topic, which the card already shows. */}
            {m.text && !m.poll && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} className="parta-message-text">
                <MessageText text={m.text} />
              </Text>
            )}
            <Attachments items={m.attachments} />
            {m.poll && <PollCard poll={m.poll} chatId={m.chatId} messageId={m.id} myVotes={myVotes} />}
          </>
        )}
      </Box>
    </Group>
  );
});

/**
 * «Действия» of a message. Until first opened it is only its button: a Mantine menu per message (a popover with its
 * floating-ui positioning and effects) made a chat of forty messages take a third longer to open on a phone.
 */
function MessageMenu({ message: m, mine, canPost, canEdit, canDelete, actions }: {
  message: Message;
  mine: boolean;
  canPost: boolean;
  canEdit: boolean;
  canDelete: boolean;
  actions: MessageActions;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [used, setUsed] = useState(false);
  const button = (
    <ActionIcon
      variant="subtle"
      color="gray"
      size="sm"
      aria-label={t('chats.actions')}
      aria-haspopup="menu"
      aria-expanded={opened}
      onClick={used ? undefined : () => {
        setUsed(true);
        setOpened(true);
      }}
    >
      <IconDots size={16} />
    </ActionIcon>
  );
  if (!used) return button;
  return (
    <Menu position="bottom-end" withinPortal opened={opened} onChange={setOpened}>
      <Menu.Target>{button}</Menu.Target>
      <Menu.Dropdown>
        {canPost && (
          <Menu.Item leftSection={<IconArrowBackUp size={14} />} onClick={() => actions.onReply(m)}>
            {t('chats.reply')}
          </Menu.Item>
        )}
        {canEdit && (
          <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => actions.onEdit(m)}>
            {t('chats.edit')}
          </Menu.Item>
        )}
        {canDelete && (
          <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => actions.onDelete(m)}>
            {t('chats.deleteForAll')}
          </Menu.Item>
        )}
        {!mine && actions.onReport && (
          <Menu.Item leftSection={<IconFlag size={14} />} onClick={() => actions.onReport?.(m)}>
            {t('chats.report')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
