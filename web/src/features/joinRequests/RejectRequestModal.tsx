import { type JoinRequest, rejectReasonMax } from '@parta/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formalName } from '../common/personName';

/**
 * ORG-4 «Отклонить» asks first: a rejection cannot be undone, and the applicant sees it. The reason is optional and
 * goes to the applicant's «Мои заявки» with the outcome.
 */
export function RejectRequestModal({
  request,
  pending,
  onReject,
  onClose,
}: {
  request: JoinRequest | null;
  pending: boolean;
  onReject: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const close = () => {
    setReason('');
    onClose();
  };
  return (
    <Modal opened={!!request} onClose={close} title={t('requests.rejectTitle')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      {request && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onReject(reason.trim());
          }}
        >
          <Stack gap="md">
            <Text size="sm">
              {t('requests.rejectText', { name: formalName(request.applicant) })}
            </Text>
            <Textarea
              label={t('requests.rejectReason')}
              description={t('requests.rejectReasonHint', { max: rejectReasonMax })}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={rejectReasonMax}
              autosize
              minRows={3}
              maxRows={8}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('app.cancel')}
              </Button>
              <Button type="submit" color="red" loading={pending}>
                {t('requests.rejectConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
