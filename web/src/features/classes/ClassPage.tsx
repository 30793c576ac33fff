import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { ClassPageResponse } from '../../api/types';
import { useMe } from '../auth/useMe';
import { ErrorAlert, Loading, NotFound, useDocumentTitle } from '../common/ui';
import { PeopleList } from '../school/PeopleList';
import { ClassChats } from '../chats/ClassChats';
import { WriteButton } from '../chats/WriteButton';
import { formalName } from '../common/personName';
import { useSchoolEvents } from '../chats/RealtimeProvider';
import { AddTeacherModal } from './AddTeacherModal';
import { RemoveStudentButton } from './RemoveStudentButton';
import { ClassTeacherCard } from '../parents/ClassTeacherCard';
import { ClassParents } from '../parents/ClassParents';
import './texts';

/** CLS-1..3: a class — name, profile, teachers with subjects («Добавить учителя»), students. */
export function ClassPage() {
  const { t } = useTranslation();
  const { classId } = useParams();
  const [open, setOpen] = useState(false);
  const me = useMe().data;
  const page = useQuery({
    queryKey: ['class', classId],
    queryFn: () => api<ClassPageResponse>('GET', `/classes/${classId}`),
    enabled: !!classId,
  });
  useDocumentTitle(page.data?.data.name ?? null);
  const client = useQueryClient();
  // A teacher put into this class (by themself or an administrator, on any screen) appears without a reload.
  useSchoolEvents((_schoolId, event) => {
    if (event.type === 'class.teacherJoined' && event.classId === classId) void client.invalidateQueries({ queryKey: ['class', classId] });
  });

  if (page.isPending) return <Loading />;
  if (page.isError) {
    if (page.error instanceof ApiError && page.error.status === 404) return <NotFound />;
    return <ErrorAlert error={page.error} onRetry={() => void page.refetch()} />;
  }
  const c = page.data.data;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/schools/${c.schoolId}/classes`} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {c.schoolName}
        </Group>
      </Anchor>
      <Paper withBorder p="lg">
        <Title order={1} size="h2">
          {c.name}
        </Title>
        <Text c="dimmed">{c.profile ?? t('classes.noProfile')}</Text>
        {/* HW-1: a teacher of this class gives homework and keeps its journal from here. */}
        {me?.classes.some((m) => m.id === c.id && m.role === 'teacher') && (
          <Group gap="xs" mt="sm">
            <Button component={Link} to={`/homework/new?classId=${c.id}`} size="xs" leftSection={<IconPlus size={14} />}>
              {t('classes.giveHomework')}
            </Button>
            <Button component={Link} to={`/classes/${c.id}/journal`} size="xs" variant="light">
              {t('classes.journal')}
            </Button>
          </Group>
        )}
      </Paper>
      <ClassTeacherCard classId={c.id} schoolId={c.schoolId} classTeacher={c.classTeacher} canSet={page.data.can.setClassTeacher} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="class-teachers">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4" id="class-teachers">
              {t('classes.teachers')}
            </Title>
            {(page.data.can.joinAsTeacher || page.data.can.addTeacher) && (
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setOpen(true)}>
                {t('classes.addTeacher')}
              </Button>
            )}
          </Group>
          <PeopleList
            people={c.teachers}
            empty={t('classes.noTeachers')}
            extra={(p) => p.subjects.join(', ')}
            right={(p) => <WriteButton userId={p.id} name={formalName(p)} />}
          />
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="class-students">
          <Title order={2} size="h4" id="class-students" mb="sm">
            {t('classes.students')}{' '}
            <Text span c="dimmed" fw={400}>
              {c.students.length}
            </Text>
          </Title>
          <PeopleList
            people={c.students}
            empty={t('classes.noStudents')}
            right={(p) => (
              <Group gap={4} wrap="nowrap">
                <WriteButton userId={p.id} name={formalName(p)} />
                {page.data.can.manage && <RemoveStudentButton classId={c.id} className={c.name} userId={p.id} name={formalName(p)} />}
              </Group>
            )}
          />
        </Paper>
      </SimpleGrid>
      {page.data.can.parents && <ClassParents classId={c.id} schoolId={c.schoolId} className={c.name} />}
      <ClassChats
        classId={c.id}
        students={c.students}
        canCreate={page.data.can.createChat}
      />
      {me && (
        <AddTeacherModal
          classId={c.id}
          schoolId={c.schoolId}
          myId={me.id}
          mayAddOthers={page.data.can.addTeacher}
          inClass={c.teachers.map((p) => p.id)}
          opened={open}
          onClose={() => setOpen(false)}
        />
      )}
    </Stack>
  );
}
