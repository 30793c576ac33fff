import { Checkbox, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { InviteStudentsResponse } from './types';
import { ErrorAlert, Loading } from '../common/ui';
import './texts';

/**
 * PAR-1: on a parent's invitation, the class's students by name only — the parent ticks their child(ren). A child's
 * own link comes with that child already ticked.
 */
export function ChooseChildren({ token, value, onChange, error }: { token: string; value: string[]; onChange: (ids: string[]) => void; error: string | null }) {
  const { t } = useTranslation();
  const students = useQuery({
    queryKey: ['inviteStudents', token],
    queryFn: () => api<InviteStudentsResponse>('GET', `/invites/${encodeURIComponent(token)}/students`),
  });
  const chosen = students.data?.data.chosen ?? null;
  useEffect(() => {
    if (chosen && !value.includes(chosen)) onChange([chosen]);
  }, [chosen, value, onChange]);
  if (students.isPending) return <Loading />;
  if (students.isError) return <ErrorAlert error={students.error} onRetry={() => void students.refetch()} />;
  const list = students.data.data.students;
  return (
    <Stack gap="xs">
      <Text size="sm">{t('parents.chooseHint')}</Text>
      {list.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('parents.noStudents')}
        </Text>
      ) : (
        <Checkbox.Group label={t('parents.chooseChildren')} value={value} onChange={onChange} error={error}>
          <Stack gap="xs" mt="xs">
            {list.map((s) => (
              <Checkbox key={s.id} value={s.id} label={`${s.lastName} ${s.firstName}`} disabled={chosen !== null && s.id !== chosen} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
    </Stack>
  );
}
