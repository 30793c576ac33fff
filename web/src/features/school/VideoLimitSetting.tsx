import { schoolStorageQuotaBytes, schoolVideoMaxBytes } from '@parta/contracts';
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

const inGb = (bytes: number) => Math.round((bytes / GB) * 100) / 100;
const toBytes = (value: number | string) => (typeof value === 'number' ? Math.round(value * GB) : Number.NaN);

/**
 * «Настройки»: the administration sets how big a «Видео школы» may be («Максимальный размер видео») and how much one
 * person may keep uploaded («Место для файлов у каждого»).
 */
export function VideoLimitSetting({ schoolId, videoMaxBytes, storageQuotaBytes }: { schoolId: string; videoMaxBytes: number; storageQuotaBytes: number }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [value, setValue] = useState<number | string>(inGb(videoMaxBytes));
  const [quota, setQuota] = useState<number | string>(inGb(storageQuotaBytes));
  const save = useMutation({
    mutationFn: (body: UpdateSchoolRequest) => api<SchoolPageResponse>('PATCH', `/schools/${schoolId}`, body),
    onSuccess: (r) => client.setQueryData(schoolKey(schoolId), r),
  });
  const bytes = toBytes(value);
  const validVideo = bytes >= schoolVideoMaxBytes.min && bytes <= schoolVideoMaxBytes.max;
  const quotaBytes = toBytes(quota);
  const validQuota = quotaBytes >= schoolStorageQuotaBytes.min && quotaBytes <= schoolStorageQuotaBytes.max;
  const valid = validVideo && validQuota;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="school-settings-title">
      <Title order={2} size="h4" mb="sm" id="school-settings-title">
        {t('schoolSettings.title')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) save.mutate({ videoMaxBytes: bytes, storageQuotaBytes: quotaBytes });
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
            error={validVideo ? undefined : t('app.invalidField')}
            maw={320}
          />
          <NumberInput
            label={t('schoolSettings.storageQuota')}
            description={t('schoolSettings.storageQuotaHint', { size: formatSize(schoolStorageQuotaBytes.default, i18n.language) })}
            value={quota}
            onChange={(v) => {
              setQuota(v);
              save.reset();
            }}
            min={schoolStorageQuotaBytes.min / GB}
            max={schoolStorageQuotaBytes.max / GB}
            step={0.5}
            decimalScale={2}
            decimalSeparator=","
            allowNegative={false}
            error={validQuota ? undefined : t('app.invalidField')}
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
