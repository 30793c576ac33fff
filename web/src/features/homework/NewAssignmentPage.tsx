import { Alert, Button, Checkbox, Paper, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { type Attachment, homeworkLimits } from '@parta/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { errorText } from '../../api/errorText';
import type { ClassPageResponse } from '../../api/types';
import { useMe } from '../auth/useMe';
import { DateTimeField } from '../common/DateFields';
import { formalName } from '../common/personName';
import { EmptyText, Loading, PageTitle } from '../common/ui';
import { teachingClasses } from '../home/useTeachingClasses';
import { createAssignment } from './api';
import { FilesField } from './FilesField';
import '../articles/articles.css';
import './texts';

// TipTap is the biggest part of the editor: it loads when the form opens, not with «Задания».
const RichTextEditor = lazy(() => import('../articles/RichTextEditor').then((m) => ({ default: m.RichTextEditor })));

/** Tomorrow at 08:00 on this device, as an ISO instant: the usual «к следующему уроку». */
function tomorrowMorning(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(8, 0, 0, 0);
  return d.toISOString();
}

/** «Дать задание»: class, subject (mine there), title, text, files, due date and time, the whole class or chosen students. */
export function NewAssignmentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const classes = teachingClasses(useMe().data);
  const [classId, setClassId] = useState<string | null>(params.get('classId') ?? classes[0]?.id ?? null);
  const cls = classes.find((c) => c.id === classId) ?? null;
  const [subject, setSubject] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [bodyHtml, setBodyHtml] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [dueAt, setDueAt] = useState(tomorrowMorning);
  const [grading, setGrading] = useState<'five' | 'pass'>('five');
  const [whom, setWhom] = useState<'all' | 'chosen'>('all');
  const [chosen, setChosen] = useState<string[]>([]);
  const students = useQuery({
    queryKey: ['class', classId],
    queryFn: () => api<ClassPageResponse>('GET', `/classes/${classId}`),
    enabled: !!classId && whom === 'chosen',
  });
  const subjectValue = subject && cls?.subjects.includes(subject) ? subject : (cls?.subjects[0] ?? null);
  const create = useMutation({
    mutationFn: () =>
      createAssignment(classId as string, {
        subject: subjectValue as string,
        title,
        bodyHtml,
        fileIds: files.map((f) => f.id),
        dueAt: new Date(dueAt).toISOString(),
        grading,
        studentIds: whom === 'chosen' ? chosen : null,
      }),
    onSuccess: (res) => navigate(`/homework/${res.data.id}`),
  });

  if (classes.length === 0) {
    return (
      <>
        <PageTitle>{t('homework.form.title')}</PageTitle>
        <EmptyText>{t('homework.form.noClasses')}</EmptyText>
      </>
    );
  }
  const dueValid = dueAt !== '' && !Number.isNaN(new Date(dueAt).getTime());
  const ready = !!classId && !!subjectValue && title.trim().length > 0 && dueValid && (whom === 'all' || chosen.length > 0);

  return (
    <Stack gap="md">
      <PageTitle>{t('homework.form.title')}</PageTitle>
      <Paper withBorder p="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (ready) create.mutate();
          }}
        >
          <Stack gap="sm">
            <Select
              label={t('homework.form.class')}
              data={classes.map((c) => ({ value: c.id, label: `${c.name} · ${c.schoolName}` }))}
              value={classId}
              onChange={(v) => {
                setClassId(v);
                setChosen([]);
              }}
              allowDeselect={false}
            />
            <Select
              label={t('homework.form.subject')}
              data={cls?.subjects ?? []}
              value={subjectValue}
              onChange={setSubject}
              allowDeselect={false}
            />
            <TextInput label={t('homework.form.name')} required maxLength={homeworkLimits.title} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('homework.form.text')}
              </Text>
              <Suspense fallback={<Loading />}>
                <RichTextEditor initialHtml="" onChange={setBodyHtml} label={t('homework.form.text')} placeholder={t('homework.form.textPlaceholder')} />
              </Suspense>
            </div>
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('homework.form.files')}
              </Text>
              <FilesField files={files} onChange={setFiles} max={homeworkLimits.files} />
            </div>
            <DateTimeField label={t('homework.form.dueAt')} value={dueAt} onChange={setDueAt} maw={320} />
            <Radio.Group label={t('homework.form.grading')} value={grading} onChange={(v) => setGrading(v === 'pass' ? 'pass' : 'five')}>
              <Stack gap={6} mt={4}>
                <Radio value="five" label={t('homework.form.gradingFive')} />
                <Radio value="pass" label={t('homework.form.gradingPass')} />
              </Stack>
            </Radio.Group>
            <Radio.Group label={t('homework.form.whom')} value={whom} onChange={(v) => setWhom(v === 'chosen' ? 'chosen' : 'all')}>
              <Stack gap={6} mt={4}>
                <Radio value="all" label={t('homework.form.wholeClass')} />
                <Radio value="chosen" label={t('homework.form.chosen')} />
              </Stack>
            </Radio.Group>
            {whom === 'chosen' &&
              (students.isPending ? (
                <Loading />
              ) : (
                <Checkbox.Group label={t('homework.form.students')} value={chosen} onChange={setChosen} error={chosen.length === 0 ? t('homework.form.pickStudents') : undefined}>
                  <Stack gap={6} mt={4}>
                    {(students.data?.data.students ?? []).map((s) => (
                      <Checkbox key={s.id} value={s.id} label={formalName(s)} />
                    ))}
                  </Stack>
                </Checkbox.Group>
              ))}
            {create.isError && <Alert color="red" role="alert">{errorText(t, create.error)}</Alert>}
            <Button type="submit" disabled={!ready} loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('homework.form.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
