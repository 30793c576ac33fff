import { Button, MultiSelect, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../api/errorText';
import type { CreateJoinRequestRequest, JoinRequestResponse } from '../../api/types';
import { ErrorAlert } from '../common/ui';
import { classOptionLabel, useCities, useCountries, useRegistryClasses, useRegistrySchools } from './registry';
import { SubjectsInput } from '../common/SubjectsInput';
import './texts';

type RequestRole = 'teacher' | 'student' | 'parent';

/**
 * Step 5 «Учебное заведение» (and «Добавить учебное заведение» later): find the school by country
 * and city, pick a role — a teacher adds subjects and classes, a student one class — and send a
 * join request for the administration to review.
 */
export function JoinSchoolForm({ onDone, onSkip }: { onDone: () => void; onSkip?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [country, setCountry] = useState<string | null>(null);
  const [city, setCity] = useState<string | null>(null);
  const [schoolId, setSchoolId] = useState<string | null>(null);
  const [role, setRole] = useState<RequestRole | null>(null);
  const [subjects, setSubjects] = useState<string[]>([]);
  const [classIds, setClassIds] = useState<string[]>([]);
  const [classId, setClassId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const countries = useCountries();
  const cities = useCities(country);
  const schools = useRegistrySchools(country, city);
  const classes = useRegistryClasses(schoolId);
  const classOptions = (classes.data?.data ?? []).map((c) => ({ value: c.id, label: classOptionLabel(c) }));

  const send = useMutation({
    mutationFn: (body: CreateJoinRequestRequest) => api<JoinRequestResponse>('POST', '/join-requests', body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['myRequests'] });
      onDone();
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!country) next.country = t('app.required');
    if (!city) next.city = t('app.required');
    if (!schoolId) next.school = t('app.required');
    if (!role) next.role = t('app.required');
    if (role === 'teacher' && subjects.length === 0) next.subjects = t('errors.subject_required');
    if (role === 'student' && !classId) next.class = t('errors.class_required');
    setErrors(next);
    if (Object.keys(next).length > 0 || !schoolId || !role) return;
    send.mutate({
      schoolId,
      role,
      subjects: role === 'teacher' ? subjects : [],
      classIds: role === 'teacher' ? classIds : role === 'student' && classId ? [classId] : [],
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label={t('join.country')}
          placeholder={t('join.countryPlaceholder')}
          data={countries.data?.data ?? []}
          value={country}
          onChange={(v) => {
            setCountry(v);
            setCity(null);
            setSchoolId(null);
          }}
          searchable
          nothingFoundMessage={t('members.empty')}
          error={errors.country ?? (countries.isError ? errorText(t, countries.error) : undefined)}
        />
        <Select
          label={t('join.city')}
          placeholder={t('join.cityPlaceholder')}
          data={cities.data?.data ?? []}
          value={city}
          onChange={(v) => {
            setCity(v);
            setSchoolId(null);
          }}
          disabled={!country}
          searchable
          nothingFoundMessage={t('members.empty')}
          error={errors.city}
        />
        <Select
          label={t('join.school')}
          placeholder={t('join.schoolPlaceholder')}
          description={t('join.schoolHint')}
          data={(schools.data?.data ?? []).map((s) => ({ value: s.id, label: s.address ? `${s.name} — ${s.address}` : s.name }))}
          value={schoolId}
          onChange={(v) => {
            setSchoolId(v);
            setClassIds([]);
            setClassId(null);
          }}
          disabled={!city}
          searchable
          nothingFoundMessage={t('join.noSchools')}
          error={errors.school}
        />
        <Select
          label={t('join.role')}
          placeholder={t('join.rolePlaceholder')}
          data={[
            { value: 'teacher', label: t('roles.teacher') },
            { value: 'student', label: t('roles.student') },
            { value: 'parent', label: t('roles.parent') },
          ]}
          value={role}
          onChange={(v) => setRole(v === 'teacher' || v === 'student' || v === 'parent' ? v : null)}
          error={errors.role}
        />
        {role === 'teacher' && (
          <>
            <SubjectsInput value={subjects} onChange={setSubjects} error={errors.subjects} />
            <MultiSelect
              label={t('join.classes')}
              placeholder={classOptions.length === 0 && schoolId && classes.isSuccess ? t('join.noClasses') : undefined}
              data={classOptions}
              value={classIds}
              onChange={setClassIds}
              disabled={!schoolId}
              searchable
            />
          </>
        )}
        {role === 'student' && (
          <Select
            label={t('join.class')}
            placeholder={t('join.classPlaceholder')}
            data={classOptions}
            value={classId}
            onChange={setClassId}
            disabled={!schoolId}
            nothingFoundMessage={t('join.noClasses')}
            error={errors.class}
          />
        )}
        <Text size="sm" c="dimmed">
          {t('join.note')}
        </Text>
        {send.isError && <ErrorAlert error={send.error} />}
        <Button type="submit" loading={send.isPending} size="md" fullWidth>
          {t('join.submit')}
        </Button>
        {onSkip && (
          <Button variant="subtle" onClick={onSkip} fullWidth>
            {t('join.skip')}
          </Button>
        )}
      </Stack>
    </form>
  );
}
