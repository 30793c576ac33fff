import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { readNotice, reportKeys, useNotices } from './api';
import './texts';

/**
 * SAFE-1 in-app notices above every page: the administration's warning to me, or (to an administrator) an urgent
 * report («Опасность»), live over the socket; «Понятно» puts it away.
 */
export function SafetyNotices() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notices = useNotices();
  const read = useMutation({
    mutationFn: readNotice,
    onSuccess: () => void client.invalidateQueries({ queryKey: reportKeys.notices }),
  });
  const list = notices.data?.data ?? [];
  if (list.length === 0) return null;
  return (
    <Stack gap="xs" mb="md">
      {list.map((n) => (
        <Alert key={n.id} color={n.kind === 'urgent_report' ? 'red' : 'orange'} icon={<IconAlertTriangle size={18} />} role="alert">
          <Group justify="space-between" gap="xs">
            <Text size="sm">
              {n.kind === 'warning' ? t('safety.notices.warning', { school: n.schoolName ? ` «${n.schoolName}»` : '' }) : t('safety.notices.urgent')}
            </Text>
            <Group gap="xs">
              {n.reportId && (
                <Button component={Link} to={`/reports/${n.reportId}`} size="compact-sm" color="red">
                  {t('safety.notices.open')}
                </Button>
              )}
              <Button size="compact-sm" variant="default" onClick={() => read.mutate(n.id)} loading={read.isPending && read.variables === n.id}>
                {t('safety.notices.ok')}
              </Button>
            </Group>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
