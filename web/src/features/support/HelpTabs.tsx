import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import './texts';

/** «Разделы» and «Мои вопросы», the two tabs of «Помощь» (each its own address, so «назад» works). */
export function HelpTabs({ current }: { current: 'sections' | 'mine' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs value={current} onChange={(v) => navigate(v === 'mine' ? '/help/questions' : '/help')} mb="md">
      <Tabs.List>
        <Tabs.Tab value="sections">{t('support.tabs.sections')}</Tabs.Tab>
        <Tabs.Tab value="mine">{t('support.tabs.mine')}</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
