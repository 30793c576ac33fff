import { Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { i18n } from '../../i18n';
import legalEn from '../../i18n/legal.en.json';
import legalRu from '../../i18n/legal.ru.json';
import { PublicFooter } from '../landing/PublicFooter';
import { PublicHeader } from '../landing/PublicHeader';

// The documents' texts are long and read rarely: they come with this screen, not with every first screen.
i18n.addResourceBundle('ru', 'translation', { legalDocs: legalRu }, true, false);
i18n.addResourceBundle('en', 'translation', { legalDocs: legalEn }, true, false);

interface LegalSection {
  heading: string;
  paragraphs: string[];
}

/** SUP-3 / ACC-5: the user agreement and the privacy notice, readable signed in or out. */
export function LegalPage({ doc }: { doc: 'terms' | 'privacy' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sections = t(`legalDocs.${doc}.sections`, { returnObjects: true }) as LegalSection[];
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <PublicHeader />
      <main style={{ flex: 1 }}>
        <Container size="md" py="xl">
          <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/'))} mb="md">
            {t('app.back')}
          </Button>
          <Paper p={{ base: 'md', sm: 'xl' }} withBorder>
            <Stack gap="md">
              <Title order={1}>{t(`legalDocs.${doc}.title`)}</Title>
              <Text c="dimmed" size="sm">
                {t('legal.updated')}
              </Text>
              <Text>{t(`legalDocs.${doc}.intro`)}</Text>
              {Array.isArray(sections) &&
                sections.map((s) => (
                  <Stack key={s.heading} gap="xs">
                    <Title order={2} size="h3">
                      {s.heading}
                    </Title>
                    {s.paragraphs.map((p) => (
                      <Text key={p}>{p}</Text>
                    ))}
                  </Stack>
                ))}
            </Stack>
          </Paper>
        </Container>
      </main>
      <PublicFooter />
    </div>
  );
}
