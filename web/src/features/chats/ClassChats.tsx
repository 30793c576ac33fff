import type { PersonSummary } from '@parta/contracts';
import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../common/ui';
import { ChatRow } from './ChatRow';
import { CreateClassChatModal } from './CreateClassChatModal';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { type ClassChatsResponse, chatKeys } from './chatTypes';

/**
 * «Чаты класса» on a class page: my chats of this class (the administration: all of them, to review) and, for
 * its teachers, «Создать чат» (CLS-4).
 */
export function ClassChats({ classId, students, canCreate }: { classId: string; students: PersonSummary[]; canCreate: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Under chatKeys.all: every chat event that refreshes «Сообщения» refreshes this list too.
  const chats = useQuery({
    queryKey: chatKeys.ofClass(classId),
    queryFn: () => api<ClassChatsResponse>('GET', `/classes/${classId}/chats`),
  });
  const mine = chats.data?.data ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="class-chats">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="class-chats">
          {t('chats.classChats')}
        </Title>
        {canCreate && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setOpen(true)}>
            {t('chats.createChat')}
          </Button>
        )}
      </Group>
      {mine.length === 0 ? (
        <EmptyText>{t('chats.noClassChats')}</EmptyText>
      ) : (
        <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {mine.map((c) => (
            <li key={c.id}>
              <ChatRow chat={c} />
            </li>
          ))}
        </Stack>
      )}
      {canCreate && <CreateClassChatModal classId={classId} students={students} opened={open} onClose={() => setOpen(false)} />}
    </Paper>
  );
}
