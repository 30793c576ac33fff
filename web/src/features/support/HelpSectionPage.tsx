import { Accordion, Anchor, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFound, PageTitle } from '../common/ui';
import { AskForm } from './AskForm';
import { faqSections } from './faq';
import { HelpTabs } from './HelpTabs';
import './texts';

/** One help section: its answers, and «Задать свой вопрос» at the bottom, as the guide says. */
export function HelpSectionPage() {
  const { t } = useTranslation();
  const { section } = useParams();
  const s = faqSections.find((x) => x.key === section);
  if (!s) return <NotFound />;
  return (
    <Stack gap="md" maw={860}>
      <Anchor component={Link} to="/help" size="sm">
        <IconArrowLeft size={14} aria-hidden /> {t('support.back')}
      </Anchor>
      <PageTitle>{s.title}</PageTitle>
      <HelpTabs current="sections" />
      <Accordion variant="separated" defaultValue="q0">
        {s.items.map((item, i) => (
          // Index values: Mantine makes element ids of them, and a question's words are no id.
          <Accordion.Item key={item.q} value={`q${i}`}>
            <Accordion.Control>{item.q}</Accordion.Control>
            <Accordion.Panel>
              <Text size="sm">{item.a}</Text>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      <AskForm section={s.key} />
    </Stack>
  );
}
