import { ActionIcon, Menu } from '@mantine/core';
import { IconFlag, IconLock, IconLockOpen, IconShieldExclamation } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ReportModal } from './ReportModal';
import './texts';

type BlockResponse = { data: { blocked: boolean } };

/**
 * SAFE-1 in a personal chat: «Пожаловаться на собеседника» and «Заблокировать» / «Разблокировать» (the other person
 * can no longer write here; a child's way to stop someone at once, before the administration has looked).
 */
export function PersonalChatSafety({ chatId, personId, schoolId }: { chatId: string; personId: string; schoolId: string | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ['reports', 'block', chatId];
  const block = useQuery({ queryKey: key, queryFn: () => api<BlockResponse>('GET', `/chats/${chatId}/block`) });
  const toggle = useMutation({
    mutationFn: (blocked: boolean) => api<BlockResponse>(blocked ? 'PUT' : 'DELETE', `/chats/${chatId}/block`),
    onSuccess: (r) => client.setQueryData(key, r),
  });
  const [reporting, setReporting] = useState(false);
  const blocked = block.data?.data.blocked ?? false;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant={blocked ? 'light' : 'subtle'} color={blocked ? 'red' : 'gray'} size="lg" aria-label={t('safety.report.title')}>
            <IconShieldExclamation size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {blocked && <Menu.Label>{t('safety.block.blocked')}</Menu.Label>}
          <Menu.Item leftSection={<IconFlag size={14} />} onClick={() => setReporting(true)}>
            {t('safety.block.reportPerson')}
          </Menu.Item>
          <Menu.Item
            color={blocked ? undefined : 'red'}
            leftSection={blocked ? <IconLockOpen size={14} /> : <IconLock size={14} />}
            onClick={() => toggle.mutate(!blocked)}
            disabled={block.isPending || toggle.isPending}
          >
            {blocked ? t('safety.block.unblock') : t('safety.block.block')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {reporting && (
        <ReportModal
          target={{ targetType: 'person', targetId: personId, ...(schoolId ? { schoolId } : {}) }}
          onClose={() => setReporting(false)}
        />
      )}
    </>
  );
}
