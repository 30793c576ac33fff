import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { mySchools } from '../../app/primaryRole';
import { useMe } from '../auth/useMe';
import { EmptyText, PageTitle } from '../common/ui';

/** «Моя школа» without a school id: the first school, or a way to join one. */
export function MySchoolRedirect() {
  const { t } = useTranslation();
  const me = useMe().data;
  const first = me ? mySchools(me)[0] : undefined;
  if (first) return <Navigate to={`/schools/${first.schoolId}`} replace />;
  return (
    <>
      <PageTitle>{t('school.noSchoolTitle')}</PageTitle>
      <EmptyText>{t('school.noSchoolText')}</EmptyText>
      <Group>
        <Button component={Link} to="/join">
          {t('home.addSchool')}
        </Button>
      </Group>
    </>
  );
}
