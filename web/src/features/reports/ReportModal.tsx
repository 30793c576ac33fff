import { REPORT_COMMENT_MAX, type ReportReason, reportReasons, type ReportTarget } from '@parta/contracts';
import { Alert, Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ui';
import { reportKeys, sendReport } from './api';
import './texts';

export interface ReportTargetRef {
  targetType: ReportTarget;
  targetId: string;
  /** For a person: the school whose administration should look. */
  schoolId?: string;
}

/**
 * SAFE-1 «Пожаловаться»: a reason («Оскорбления», «Травля», «Опасность», «Спам», «Другое») and, if one wants, what
 * happened; then «Спасибо, администрация посмотрит». The outcome shows in «Мои жалобы».
 */
export function ReportModal({ target, onClose }: { target: ReportTargetRef | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [comment, setComment] = useState('');
  const send = useMutation({
    mutationFn: () => sendReport({ ...target!, reason: reason!, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    onSuccess: () => void client.invalidateQueries({ queryKey: reportKeys.mine }),
  });
  const close = () => {
    send.reset();
    setReason(null);
    setComment('');
    onClose();
  };
  return (
    <Modal opened={target !== null} onClose={close} title={t('safety.report.title')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      {send.isSuccess ? (
        <Stack gap="sm">
          <Alert color="teal" icon={<IconCircleCheck size={18} />} role="status">
            {t('safety.report.thanks')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>{t('safety.report.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (reason) send.mutate();
          }}
        >
          <Stack gap="sm">
            {target && (
              <Text size="sm" c="dimmed">
                {t(`safety.report.what.${target.targetType}`)}
              </Text>
            )}
            <Radio.Group label={t('safety.report.reasonLabel')} value={reason ?? ''} onChange={(v) => setReason(v as ReportReason)} required>
              <Stack gap={6} mt={6}>
                {reportReasons.map((r) => (
                  <Radio key={r} value={r} label={t(`safety.report.reasons.${r}`)} description={r === 'danger' ? t('safety.report.dangerHint') : undefined} />
                ))}
              </Stack>
            </Radio.Group>
            <Textarea
              label={t('safety.report.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              maxLength={REPORT_COMMENT_MAX}
              autosize
              minRows={2}
              maxRows={6}
            />
            {send.isError && <ErrorAlert error={send.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('safety.report.cancel')}
              </Button>
              <Button type="submit" color="red" disabled={!reason} loading={send.isPending}>
                {t('safety.report.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
