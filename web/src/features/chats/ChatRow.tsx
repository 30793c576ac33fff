import type { ChatSummary } from '@parta/contracts';
import { Avatar, Badge, Group, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconBellOff, IconLock, IconSchool, IconUser, IconUsersGroup, IconWorld } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { chatListTime } from '../common/dates';
import { When } from '../common/When';

const kindIcon = { class: IconSchool, public: IconWorld, personal: IconUser, group: IconUsersGroup } as const;

/** One chat in a list: name, kind, the last message and the unread count; its visible text is its accessible name. */
export function ChatRow({ chat }: { chat: ChatSummary }) {
  const { t } = useTranslation();
  const Icon = kindIcon[chat.kind] ?? IconLock;
  const last = chat.lastMessage;
  return (
    <UnstyledButton
      component={Link}
      to={`/chats/${chat.id}`}
      p="xs"
      style={{ display: 'block', borderRadius: 8 }}
      className="parta-chat-row"
    >
      <Group wrap="nowrap" gap="sm" align="flex-start">
        <Avatar radius="xl" color="blue" variant="light" aria-hidden>
          <Icon size={20} />
        </Avatar>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
              <Text fw={600} size="sm" truncate>
                {chat.name}
              </Text>
              {chat.muted && <IconBellOff size={14} stroke={1.6} aria-hidden style={{ flexShrink: 0 }} data-testid="chat-row-muted" />}
              {chat.muted && <VisuallyHidden>, {t('push.muted')}</VisuallyHidden>}
            </Group>
            {last && (
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                <When iso={last.createdAt} format={chatListTime} />
              </Text>
            )}
          </Group>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text size="xs" c="dimmed" truncate>
              {last ? `${last.authorName}: ${last.text}` : t(`chats.kinds.${chat.kind}`)}
            </Text>
            {chat.unread > 0 && (
              <Badge size="sm" color="red" circle={chat.unread < 10} aria-hidden style={{ flexShrink: 0 }}>
                {chat.unread}
              </Badge>
            )}
            {/* The link's name is what it shows (WCAG 2.5.3), with the count said in words for a screen reader. */}
            {chat.unread > 0 && <VisuallyHidden>, {t('chats.unread', { count: chat.unread })}</VisuallyHidden>}
          </Group>
        </div>
      </Group>
    </UnstyledButton>
  );
}
