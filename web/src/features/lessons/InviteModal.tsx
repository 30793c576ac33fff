import type { LessonDetails } from '@parta/contracts';
import { Button, Checkbox, CopyButton, Group, Modal, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { MembersResponse } from '../../api/types';
import { formalName } from '../common/personName';
import { ErrorAlert } from '../common/ui';
import './texts';

/** VID-4 (4): call more people of the school into the lesson, or copy its link for members. */
export function InviteModal({ opened, onClose, details }: { opened: boolean; onClose: () => void; details: LessonDetails }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [picked, setPicked] = useState<string[]>([]);
  const schoolId = details.lesson.schoolId;
  const members = useQuery({
    queryKey: ['members', schoolId, debounced],
    queryFn: () => api<MembersResponse>('GET', `/schools/${schoolId}/members${query({ q: debounced })}`),
    enabled: opened && details.can.manage,
  });
  const invite = useMutation({
    mutationFn: () => api('POST', `/lessons/${details.lesson.id}/invite`, { userIds: picked }),
    onSuccess: () => {
      setPicked([]);
      onClose();
    },
  });
  const inCall = new Set(details.participants.filter((p) => p.present).map((p) => p.person.id));
  const link = `${window.location.origin}/lessons/${details.lesson.id}`;
  return (
    <Modal opened={opened} onClose={onClose} title={t('lessons.inviteTitle')} zIndex={360}>
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <TextInput value={link} readOnly style={{ flex: 1 }} aria-label={t('lessons.link')} />
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy}>
                {copied ? t('lessons.copied') : t('lessons.copyLink')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="xs" c="dimmed">
          {t('lessons.linkNote')}
        </Text>
        {details.can.manage && (
          <>
            <TextInput value={q} onChange={(e) => setQ(e.currentTarget.value)} placeholder={t('lessons.searchPeople')} aria-label={t('lessons.searchPeople')} />
            <ScrollArea.Autosize mah={260}>
              <Checkbox.Group value={picked} onChange={setPicked}>
                <Stack gap={6}>
                  {(members.data?.data ?? [])
                    .filter((m) => !inCall.has(m.id))
                    .map((m) => (
                      <Checkbox key={m.id} value={m.id} label={`${formalName(m)}${m.className ? ` · ${m.className}` : ''}`} />
                    ))}
                </Stack>
              </Checkbox.Group>
            </ScrollArea.Autosize>
            {invite.isError && <ErrorAlert error={invite.error} />}
            <Group justify="flex-end">
              <Button disabled={picked.length === 0} loading={invite.isPending} onClick={() => invite.mutate()}>
                {t('lessons.inviteSend', { count: picked.length })}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
