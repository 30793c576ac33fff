import { schoolVideoMaxBytes } from '@parta/contracts';
import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { SchoolPageResponse, UpdateSchoolRequest } from '../../api/types';
import { formatSize } from '../common/formatSize';
import { ErrorAlert } from '../common/ui';
import { schoolKey } from './useSchool';

const GB = 1024 ** 3;

/** «Настройки» → «Максимальный размер видео»: the administration sets how big a «Видео школы» may be. */
export function VideoLimitSetting({ schoolId, videoMaxBytes }: { schoolId: string; videoMaxBytes: number }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [value, setValue] = useState<number | string>(Math.round((videoMaxBytes / GB) * 100) / 100);
  const save = useMutation({
    mutationFn: (body: UpdateSchoolRequest) => api<SchoolPageResponse>('PATCH', `/schools/${schoolId}`, body),
    onSuccess: (r) => client.setQueryData(schoolKey(schoolId), r),
  });
  const bytes = typeof value === 'number' ? Math.round(value * GB) : Number.NaN;
  const valid = bytes >= schoolVideoMaxBytes.min && bytes <= schoolVideoMaxBytes.max;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="school-settings-title">
      <Title order={2} size="h4" mb="sm" id="school-settings-title">
        {t('schoolSettings.title')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) save.mutate({ videoMaxBytes: bytes });
        }}
        noValidate
      >
        <Stack gap="sm">
          <NumberInput
            label={t('schoolSettings.videoMaxBytes')}
            description={t('schoolSettings.videoMaxHint', { size: formatSize(schoolVideoMaxBytes.default, i18n.language) })}
            value={value}
            onChange={(v) => {
              setValue(v);
              save.reset();
            }}
            min={schoolVideoMaxBytes.min / GB}
            max={schoolVideoMaxBytes.max / GB}
            step={0.5}
            decimalScale={2}
            decimalSeparator=","
            allowNegative={false}
            error={valid ? undefined : t('app.invalidField')}
            maw={320}
          />
          {save.isError && <ErrorAlert error={save.error} />}
          <Group gap="sm">
            <Button type="submit" loading={save.isPending} disabled={!valid}>
              {t('app.save')}
            </Button>
            {save.isSuccess && (
              <Text size="sm" role="status">
                {t('schoolSettings.saved')}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
