import { subjectCatalogue } from '@parta/contracts';
import { TagsInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import '../joinRequests/texts';

/**
 * «Предметы»: the subjects a teacher teaches, picked from the catalogue or typed; one field for the invitation,
 * the join request and «Добавить учителя».
 */
export function SubjectsInput({ value, onChange, error }: { value: string[]; onChange: (subjects: string[]) => void; error?: string | null }) {
  const { t } = useTranslation();
  return (
    <TagsInput
      label={t('join.subjects')}
      description={t('join.subjectsHint')}
      data={[...subjectCatalogue]}
      value={value}
      onChange={onChange}
      maxTags={10}
      error={error}
    />
  );
}
