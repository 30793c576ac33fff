import { Button, Group, NumberInput, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ui';
import { reportKeys, saveSafetySettings, useSafetySettings } from './api';
import './texts';

/** The school's safety settings: students' personal chats within their class (on by default), the flood limit. */
export function SafetySettingsCard({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useSafetySettings(schoolId);
  const [withinClass, setWithinClass] = useState(true);
  const [perMinute, setPerMinute] = useState<number | string>(20);
  useEffect(() => {
    if (!settings.data) return;
    setWithinClass(settings.data.data.studentsWriteWithinClass);
    setPerMinute(settings.data.data.messagesPerMinute);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () => saveSafetySettings(schoolId, { studentsWriteWithinClass: withinClass, messagesPerMinute: Number(perMinute) }),
    onSuccess: (r) => client.setQueryData(reportKeys.settings(schoolId), r),
  });
  if (!settings.data) return null;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('safety.reports.settings')}
        </Title>
        <Switch checked={withinClass} onChange={(e) => setWithinClass(e.currentTarget.checked)} label={t('safety.reports.withinClass')} />
        <NumberInput label={t('safety.reports.perMinute')} value={perMinute} onChange={setPerMinute} min={1} max={600} maw={320} />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('safety.reports.save')}
          </Button>
          {save.isSuccess && (
            <Text size="sm" c="teal" role="status">
              {t('safety.reports.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
