import { Alert, Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { childInviteResponse } from '@parta/contracts';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../api/client';
import { ErrorAlert } from '../common/ui';
import './texts';

/**
 * PAR-1 «Пригласить родителя» in a student's «Профиль»: a one-time link for 24 hours, for the student's class in
 * that school. The parent who opens it finds the child already chosen; the class teacher still confirms.
 */
export function InviteParentCard({ schoolId, className }: { schoolId: string; className: string }) {
  const { t } = useTranslation();
  const make = useMutation({
    mutationFn: () => api<z.infer<typeof childInviteResponse>>('POST', '/me/parent-invite', { schoolId }),
  });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={`invite-parent-${schoolId}`}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={`invite-parent-${schoolId}`}>
          {t('parents.inviteParent')}
        </Title>
        <Text size="sm">{t('parents.inviteParentHint', { className })}</Text>
        {make.isError && <ErrorAlert error={make.error} />}
        {make.data ? (
          <Alert color="teal">
            <Stack gap="xs">
              <Text size="sm">{t('parents.inviteParentReady')}</Text>
              <Group gap="xs" wrap="nowrap" align="flex-end">
                <TextInput label={t('parents.parentLinkLabel')} value={make.data.data.url} readOnly style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
                <CopyButton value={make.data.data.url}>
                  {({ copied, copy }) => (
                    <Button variant="default" onClick={copy}>
                      {copied ? t('parents.copied') : t('parents.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Group>
            <Button onClick={() => make.mutate()} loading={make.isPending}>
              {t('parents.inviteParent')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
