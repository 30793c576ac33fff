import { Text } from '@mantine/core';
import type { JoinRequest } from '@parta/contracts';
import { useTranslation } from 'react-i18next';
import { genitiveName } from './genitive';
import './texts';

/** «Родитель Марии Волковой хочет присоединиться»: a parent's request in «Заявки», named by the children. */
export function ParentRequestTitle({ request }: { request: JoinRequest }) {
  const { t, i18n } = useTranslation();
  const names = request.children.map((c) =>
    i18n.language === 'ru' ? genitiveName(c.firstName, c.lastName, c.gender) : `${c.firstName} ${c.lastName}`,
  );
  return <Text size="sm">{t('parents.wantsToJoin', { children: names.join(t('parents.and')) })}</Text>;
}
