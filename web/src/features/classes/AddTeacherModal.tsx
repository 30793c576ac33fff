import { Button, Modal, Radio, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { ClassPageResponse, Member, MembersResponse } from '../../api/types';
import { meKey } from '../auth/useMe';
import { formalName } from '../common/personName';
import { ErrorAlert, Loading } from '../common/ui';
import { SubjectsInput } from '../common/SubjectsInput';
import './texts';

export interface AddTeacherModalProps {
  classId: string;
  schoolId: string;
  /** Me: a teacher may pick only themself. */
  myId: string;
  /** The class page's `can.addTeacher`: an administrator may pick any teacher of the school. */
  mayAddOthers: boolean;
  /** Who already teaches in the class: marked in the list (they may still get another subject). */
  inClass: string[];
  opened: boolean;
  onClose: () => void;
}

/**
 * CLS-2 / ORG-5 «Добавить учителя»: the school's teachers with their subjects, searchable by name («выберите в
 * списке себя»). A teacher may pick only themself; an administrator anyone. The chosen teacher's subjects in the
 * school are offered first; the class page updates with the answer.
 */
export function AddTeacherModal({ classId, schoolId, myId, mayAddOthers, inClass, opened, onClose }: AddTeacherModalProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const [picked, setPicked] = useState<string | null>(null);
  const [subjects, setSubjects] = useState<string[]>([]);
  const [pickError, setPickError] = useState<string | null>(null);
  const [subjectError, setSubjectError] = useState<string | null>(null);
  const teachers = useQuery({
    queryKey: ['members', schoolId, 'teacher', debounced],
    queryFn: () => api<MembersResponse>('GET', `/schools/${schoolId}/members${query({ role: 'teacher', q: debounced || undefined })}`),
    placeholderData: keepPreviousData,
    enabled: opened,
  });
  const mayPick = (m: Member) => mayAddOthers || m.id === myId;

  const close = () => {
    setPicked(null);
    setSubjects([]);
    setPickError(null);
    setSubjectError(null);
    setQ('');
    onClose();
  };
  const add = useMutation({
    mutationFn: (userId: string) => api<ClassPageResponse>('POST', `/classes/${classId}/teachers`, { userId, subjects }),
    onSuccess: async (r) => {
      client.setQueryData(['class', classId], r);
      await client.invalidateQueries({ queryKey: meKey });
      close();
    },
  });
  const pick = (id: string) => {
    setPicked(id);
    setPickError(null);
    // Their subjects in the school come first; the administrator removes what they do not teach here.
    const m = teachers.data?.data.find((x) => x.id === id);
    if (m && subjects.length === 0) setSubjects(m.subjects.slice(0, 10));
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setPickError(picked ? null : t('classes.pickTeacher'));
    setSubjectError(subjects.length > 0 ? null : t('errors.subject_required'));
    if (picked && subjects.length > 0) add.mutate(picked);
  };

  // A teacher finds themself first: the others are there to see, not to pick.
  const all = teachers.data?.data ?? [];
  const list = mayAddOthers ? all : [...all.filter((m) => m.id === myId), ...all.filter((m) => m.id !== myId)];
  return (
    <Modal opened={opened} onClose={close} title={t('classes.addTeacher')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{mayAddOthers ? t('classes.addTeacherAdminText') : t('classes.addTeacherText')}</Text>
          <TextInput
            label={t('classes.teacherSearch')}
            placeholder={t('members.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            type="search"
          />
          {teachers.isPending ? (
            <Loading />
          ) : teachers.isError ? (
            <ErrorAlert error={teachers.error} onRetry={() => void teachers.refetch()} />
          ) : (
            <Radio.Group
              value={picked}
              onChange={pick}
              label={t('classes.schoolTeachers')}
              error={pickError}
            >
              <ScrollArea.Autosize mah={280} type="auto" offsetScrollbars>
                <Stack gap="xs" mt="xs">
                  {list.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('members.empty')}
                    </Text>
                  )}
                  {list.map((m) => (
                    <Radio
                      key={m.id}
                      value={m.id}
                      disabled={!mayPick(m)}
                      label={m.id === myId ? t('classes.teacherMe', { name: formalName(m) }) : formalName(m)}
                      description={[
                        m.subjects.join(', ') || t('classes.noSubjects'),
                        inClass.includes(m.id) ? t('classes.alreadyInClass') : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    />
                  ))}
                </Stack>
              </ScrollArea.Autosize>
            </Radio.Group>
          )}
          {!mayAddOthers && <Text size="xs" c="dimmed">{t('classes.onlySelfHint')}</Text>}
          <SubjectsInput value={subjects} onChange={setSubjects} error={subjectError} />
          {add.isError && <ErrorAlert error={add.error} />}
          <Button type="submit" loading={add.isPending}>
            {t('classes.addTeacherSubmit')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
