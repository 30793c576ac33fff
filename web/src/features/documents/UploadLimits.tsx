import { Alert, List, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../common/ui';
import { useFileLimits } from './api';
import { formatSize } from '../common/formatSize';
import './texts';

/** DOC-1: «список ограничений по загрузке», shown before a file is chosen; a video has its school's own size limit. */
export function UploadLimits({ kind, maxBytes }: { kind: 'document' | 'video'; maxBytes?: number }) {
  const { t, i18n } = useTranslation();
  const limits = useFileLimits();
  if (!limits.data) return <Loading />;
  const l = limits.data.data;
  return (
    <Alert variant="light" icon={<IconInfoCircle size={18} />} title={t('documents.limitsTitle')} aria-label={t('documents.limitsTitle')}>
      <List size="sm" spacing={4}>
        <List.Item>{t('documents.limitSize', { size: formatSize(maxBytes ?? l.maxBytes, i18n.language) })}</List.Item>
        {kind === 'video' ? (
          <List.Item>{t('videos.limitFormats')}</List.Item>
        ) : (
          <List.Item>{t('documents.limitView')}</List.Item>
        )}
        <List.Item>
          <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('documents.limitForbidden', { list: l.forbiddenExtensions.map((e) => `.${e}`).join(', ') })}
          </Text>
        </List.Item>
        <List.Item>{t('documents.limitChecked')}</List.Item>
      </List>
    </Alert>
  );
}
