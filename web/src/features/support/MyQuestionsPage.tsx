import { Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { When } from '../common/When';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { useMyQuestions } from './api';
import { faqSections } from './faq';
import { HelpTabs } from './HelpTabs';
import { StateBadge } from './StateBadge';
import './texts';

export const sectionTitle = (key: string) => faqSections.find((s) => s.key === key)?.title ?? key;

/** «Мои вопросы»: my questions to support with their state; live (an answer moves its question up). */
export function MyQuestionsPage() {
  const { t } = useTranslation();
  const list = useMyQuestions();
  return (
    <Stack gap="md" maw={860}>
      <PageTitle>{t('support.title')}</PageTitle>
      <HelpTabs current="mine" />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyText>{t('support.mine.empty')}</EmptyText>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.data.data.map((q) => (
            <li key={q.id}>
              <Paper withBorder p="sm" component={Link} to={`/help/questions/${q.id}`} style={{ display: 'block', textDecoration: 'none', color: 'inherit' }}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {q.excerpt}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {sectionTitle(q.section)} · <When iso={q.updatedAt} />
                    </Text>
                  </div>
                  <StateBadge state={q.state} />
                </Group>
              </Paper>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
