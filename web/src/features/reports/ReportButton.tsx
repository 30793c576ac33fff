import { ActionIcon, Button } from '@mantine/core';
import { IconFlag } from '@tabler/icons-react';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lazyScreen } from '../../app/lazyScreen';
import type { ReportTargetRef } from './ReportModal';

// The dialog's code comes when someone first reports: a feed or an article opens without it.
const ReportModal = lazyScreen(() => import('./ReportModal').then((m) => m.ReportModal));

/** SAFE-1 «Пожаловаться» beside a news post, a comment or an article (not one's own): opens the report dialog. */
export function ReportButton({ target, compact = true }: { target: ReportTargetRef; compact?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      {compact ? (
        <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => setOpen(true)} aria-label={t('chats.report')} title={t('chats.report')}>
          <IconFlag size={14} />
        </ActionIcon>
      ) : (
        <Button variant="subtle" color="gray" size="xs" leftSection={<IconFlag size={16} />} onClick={() => setOpen(true)}>
          {t('chats.report')}
        </Button>
      )}
      {open && (
        <Suspense fallback={null}>
          <ReportModal target={target} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
