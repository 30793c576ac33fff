import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import type { PersonSummary } from '@parta/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { MembersResponse } from '../../api/types';
import { formalName } from '../common/personName';
import { ErrorAlert } from '../common/ui';
import './texts';

/**
 * PAR-1 «Классный руководитель» on a class page: its members see who it is; the administration picks one of the
 * school's teachers or clears it.
 */
export function ClassTeacherCard({
  classId,
  schoolId,
  classTeacher,
  canSet,
}: {
  classId: string;
  schoolId: string;
  classTeacher: PersonSummary | null;
  canSet: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(classTeacher?.id ?? null);
  const teachers = useQuery({
    queryKey: ['members', schoolId, 'teacher', ''],
    queryFn: () => api<MembersResponse>('GET', `/schools/${schoolId}/members${query({ role: 'teacher' })}`),
    enabled: canSet,
  });
  const save = useMutation({
    mutationFn: (userId: string | null) => api('PUT', `/classes/${classId}/class-teacher`, { userId }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['class', classId] });
      await client.invalidateQueries({ queryKey: ['classParents', classId] });
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="class-teacher">
      <Stack gap="xs">
        <Title order={2} size="h4" id="class-teacher">
          {t('parents.classTeacher')}
        </Title>
        <Text>{classTeacher ? formalName(classTeacher) : t('parents.noClassTeacher')}</Text>
        {canSet && (
          <Group align="flex-end" gap="xs">
            <Select
              label={t('parents.chooseTeacher')}
              data={(teachers.data?.data ?? []).map((p) => ({ value: p.id, label: formalName(p) }))}
              value={chosen}
              onChange={setChosen}
              searchable
              allowDeselect={false}
              style={{ flex: '1 1 14rem' }}
            />
            <Button onClick={() => save.mutate(chosen)} loading={save.isPending && save.variables !== null} disabled={!chosen || chosen === classTeacher?.id || save.isPending}>
              {t('parents.save')}
            </Button>
            {classTeacher && (
              <Button
                variant="default"
                onClick={() => {
                  setChosen(null);
                  save.mutate(null);
                }}
                loading={save.isPending && save.variables === null}
                disabled={save.isPending}
              >
                {t('parents.clear')}
              </Button>
            )}
          </Group>
        )}
        {save.isError && <ErrorAlert error={save.error} />}
      </Stack>
    </Paper>
  );
}
