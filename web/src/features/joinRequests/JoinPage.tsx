import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageTitle } from '../common/ui';
import { JoinSchoolForm } from './JoinSchoolForm';
import './texts';

/** «Добавить учебное заведение»: step 5 again, for someone already signed in. */
export function JoinPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle>{t('join.pageTitle')}</PageTitle>
      <Paper withBorder p="lg" maw={520}>
        <JoinSchoolForm onDone={() => navigate('/home')} />
      </Paper>
    </>
  );
}
