import { classRef } from '@parta/contracts';
import { Button, Group, Modal, Paper, Select, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { ClassesResponse, CreateClassRequest } from '../../api/types';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { useSchoolContext } from '../school/useSchool';
import './texts';

/** CLS-1: the school's classes; the administration creates them («11А», with a profile). */
export function ClassesPage() {
  const { t } = useTranslation();
  const { data: school } = useSchoolContext();
  const [open, setOpen] = useState(false);
  const classes = useQuery({
    queryKey: ['classes', school.id],
    queryFn: () => api<ClassesResponse>('GET', `/schools/${school.id}/classes`),
  });

  return (
    <Stack gap="md">
      <PageTitle
        right={
          classes.data?.can.create && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
              {t('classes.create')}
            </Button>
          )
        }
      >
        {t('schoolMenu.classes')}
      </PageTitle>
      <Paper withBorder p="xs">
        {classes.isPending ? (
          <Loading />
        ) : classes.isError ? (
          <ErrorAlert error={classes.error} onRetry={() => void classes.refetch()} />
        ) : classes.data.data.length === 0 ? (
          <EmptyText>{t('classes.empty')}</EmptyText>
        ) : (
          <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {classes.data.data.map((c) => (
              <li key={c.id}>
                <UnstyledButton component={Link} to={`/classes/${c.id}`} p="sm" display="block" w="100%">
                  <Group justify="space-between" wrap="nowrap">
                    <div>
                      <Text fw={600}>
                        {c.name}
                        {c.profile && (
                          <Text span c="dimmed" fw={400}>
                            {' · '}
                            {c.profile}
                          </Text>
                        )}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('classes.counts', { teachers: c.teacherCount, students: c.studentCount })}
                      </Text>
                    </div>
                    <IconChevronRight size={18} />
                  </Group>
                </UnstyledButton>
              </li>
            ))}
          </Stack>
        )}
      </Paper>
      <CreateClassModal schoolId={school.id} opened={open} onClose={() => setOpen(false)} />
    </Stack>
  );
}

function CreateClassModal({ schoolId, opened, onClose }: { schoolId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [grade, setGrade] = useState<string | null>(null);
  const [letter, setLetter] = useState('');
  const [profile, setProfile] = useState('');
  const [errors, setErrors] = useState<{ grade?: string; letter?: string }>({});

  const create = useMutation({
    mutationFn: (body: CreateClassRequest) => api('POST', `/schools/${schoolId}/classes`, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['classes', schoolId] });
      setGrade(null);
      setLetter('');
      setProfile('');
      onClose();
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = classRef.safeParse({ grade: Number(grade), letter: letter.trim().toUpperCase() });
    const next = {
      grade: grade ? undefined : t('app.required'),
      letter: letter.trim() ? (parsed.success || !parsed.error.issues.some((i) => i.path[0] === 'letter') ? undefined : t('classes.letterHint')) : t('app.required'),
    };
    setErrors(next);
    if (next.grade || next.letter || !parsed.success) return;
    create.mutate({ ...parsed.data, profile: profile.trim() || null });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('classes.create')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <Select
              label={t('classes.grade')}
              data={Array.from({ length: 11 }, (_, i) => String(i + 1))}
              value={grade}
              onChange={setGrade}
              error={errors.grade}
            />
            <TextInput
              label={t('classes.letter')}
              maxLength={1}
              value={letter}
              onChange={(e) => setLetter(e.currentTarget.value.toUpperCase())}
              error={errors.letter}
            />
          </Group>
          <TextInput
            label={t('classes.profile')}
            placeholder={t('classes.profilePlaceholder')}
            value={profile}
            onChange={(e) => setProfile(e.currentTarget.value)}
          />
          {create.isError && <ErrorAlert error={create.error} />}
          <Button type="submit" loading={create.isPending}>
            {t('classes.create')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
