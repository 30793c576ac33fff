import { Button, Group, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { clockTime } from '../common/dates';
import { fullName } from '../common/personName';
import { EmptyText } from '../common/ui';
import type { LessonCall } from './lessonCall';
import './texts';

/** VID-4 (1): the call's chat — messages to everyone in the call, kept only while it lasts. */
export function CallChat({ call }: { call: LessonCall }) {
  const { t, i18n } = useTranslation();
  const snap = useSyncExternalStore(call.subscribe, call.snapshot);
  const [text, setText] = useState('');
  const send = () => {
    const v = text.trim();
    if (!v) return;
    call.sendChat(v);
    setText('');
  };
  return (
    <Stack gap="sm" style={{ height: 'calc(100dvh - 110px)' }}>
      <ScrollArea style={{ flex: 1 }}>
        {snap.chat.length === 0 ? (
          <EmptyText>{t('lessons.chatEmpty')}</EmptyText>
        ) : (
          <Stack gap={8} data-testid="call-chat">
            {snap.chat.map((m) => (
              <div key={m.id}>
                <Text size="xs" c="dimmed">
                  {fullName(m.from)} · {clockTime(m.at, i18n.language)}
                </Text>
                <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                  {m.text}
                </Text>
              </div>
            ))}
          </Stack>
        )}
      </ScrollArea>
      <Group gap="xs" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          value={text}
          maxLength={1000}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') send();
          }}
          placeholder={t('lessons.chatPlaceholder')}
          aria-label={t('lessons.chatPlaceholder')}
        />
        <Button onClick={send}>{t('lessons.send')}</Button>
      </Group>
    </Stack>
  );
}
