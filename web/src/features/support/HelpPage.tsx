import { Accordion, Anchor, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconChevronRight, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyText, PageTitle } from '../common/ui';
import { faqSections, searchFaq } from './faq';
import { FeedbackForm } from './FeedbackForm';
import { HelpTabs } from './HelpTabs';
import './texts';

/** SUP-1 «Помощь»: the help sections, searchable; a search shows the matching answers themselves. */
export function HelpPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const found = useMemo(() => searchFaq(faqSections, search), [search]);
  const searching = search.trim().length > 0;

  return (
    <Stack gap="md" maw={860}>
      <PageTitle>{t('support.title')}</PageTitle>
      <HelpTabs current="sections" />
      <TextInput
        label={t('support.search')}
        placeholder={t('support.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        type="search"
      />
      {found.length === 0 && <EmptyText>{t('support.nothingFound')}</EmptyText>}
      {searching
        ? found.map((s) => (
            <Paper key={s.key} withBorder p="md">
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4">
                  {s.title}
                </Title>
                <Anchor component={Link} to={`/help/${s.key}`} size="sm">
                  {t('support.ask.title')}
                </Anchor>
              </Group>
              <Accordion variant="separated">
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
            </Paper>
          ))
        : found.map((s) => (
            <Paper key={s.key} withBorder p="md" component={Link} to={`/help/${s.key}`} style={{ textDecoration: 'none', color: 'inherit' }}>
              <Group justify="space-between" wrap="nowrap">
                <div>
                  <Text fw={600}>{s.title}</Text>
                  <Text size="sm" c="dimmed">
                    {t('support.answers', { count: s.items.length })}
                  </Text>
                </div>
                <IconChevronRight size={18} aria-hidden />
              </Group>
            </Paper>
          ))}
      <FeedbackForm />
    </Stack>
  );
}
