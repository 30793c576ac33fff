import type { ChatDetails } from '@parta/contracts';
import { ActionIcon, Menu, Text } from '@mantine/core';
import { IconBell, IconBellOff, IconDotsVertical } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type ChatDetailsResponse, chatKeys } from '../chats/chatTypes';
import { errorText } from '../../api/errorText';
import { pushApi } from './pushApi';

/**
 * The chat's menu («⋮» in its header) with «Без звука» / «Включить звук», and the bell-off mark beside it while the
 * chat is muted. Only a member has the setting (`can.mute`).
 */
export function ChatMuteMenu({ chat, canMute }: { chat: ChatDetails; canMute: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const mute = useMutation({
    mutationFn: (muted: boolean) => pushApi.mute(chat.id, muted),
    onSuccess: (r) => {
      client.setQueryData<ChatDetailsResponse>(chatKeys.details(chat.id), (old) => (old ? { ...old, data: { ...old.data, muted: r.data.muted } } : old));
      void client.invalidateQueries({ queryKey: chatKeys.all });
    },
  });
  if (!canMute) return null;
  return (
    <>
      {chat.muted && (
        // The browser's own hint on hover: Mantine's Tooltip would bring its code into every chat's first screen.
        <span title={t('push.muted')} style={{ display: 'inline-flex' }}>
          <IconBellOff size={20} stroke={1.6} role="img" aria-label={t('push.muted')} data-testid="chat-muted" />
        </span>
      )}
      {/* Without the focus placeholder Mantine puts first: an empty focusable child of role=menu (axe: aria-required-children). */}
      <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('push.chatMenu')} loading={mute.isPending} data-testid="chat-menu">
            <IconDotsVertical size={20} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {chat.muted ? (
            <Menu.Item leftSection={<IconBell size={16} />} onClick={() => mute.mutate(false)}>
              {t('push.unmute')}
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconBellOff size={16} />} onClick={() => mute.mutate(true)}>
              {t('push.mute')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      {mute.isError && (
        <Text size="xs" c="red.8" role="alert">
          {errorText(t, mute.error)}
        </Text>
      )}
    </>
  );
}
