import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolAbilities } from '../../api/types';
import { NoAccess } from '../common/ui';
import { useSchoolContext } from './useSchool';

/**
 * A school section only some may use («Приглашения», «Заявки»): the server's `can` in the school page
 * decides. Someone else who opens its address (a teacher typing /invites) sees «Нет доступа», not a
 * form that would answer 403 on submit.
 */
export function SchoolAbilityGate({ ability, children }: { ability: keyof SchoolAbilities; children: ReactNode }) {
  const { t } = useTranslation();
  const page = useSchoolContext();
  if (!page.can[ability]) return <NoAccess back={{ to: `/schools/${page.data.id}`, label: t('access.toSchool') }} />;
  return <>{children}</>;
}
