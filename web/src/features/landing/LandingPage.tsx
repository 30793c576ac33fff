import { Button, Card, Container, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconBooks, IconMessages, IconNews, IconShieldLock, IconUsersGroup, IconVideo,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../common/ui';
import { PublicFooter } from './PublicFooter';
import { PublicHeader } from './PublicHeader';

const features = [
  { key: 'profile', icon: IconShieldLock },
  { key: 'communities', icon: IconUsersGroup },
  { key: 'chats', icon: IconMessages },
  { key: 'video', icon: IconVideo },
  { key: 'materials', icon: IconBooks },
  { key: 'news', icon: IconNews },
] as const;

/** APP-1: what Parta is, why it helps, how to start. */
export function LandingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(null);
  // One button of this name on the page, so tests and screen readers find it unambiguously.
  const cta = (
    <Button size="lg" onClick={() => navigate('/login')}>
      {t('landing.cta')}
    </Button>
  );
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <PublicHeader />
      <main style={{ flex: 1 }}>
        <div className="parta-hero">
          <Container size="lg" py={64}>
            <Stack gap="lg" maw={640}>
              <Title order={1} fz={{ base: 34, sm: 48 }}>
                {t('landing.title')}
              </Title>
              <Text size="xl">
                {t('landing.subtitle1')}
                <br />
                {t('landing.subtitle2')}
              </Text>
              <div>{cta}</div>
            </Stack>
          </Container>
        </div>

        <Container size="lg" py="xl">
          <Title order={2} mb="lg">
            {t('landing.whyTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="lg">
            {features.map((f) => (
              <Card key={f.key} withBorder padding="lg">
                <ThemeIcon size={44} radius="md" variant="light" mb="md">
                  <f.icon size={26} />
                </ThemeIcon>
                <Title order={3} size="h4" mb={6}>
                  {t(`landing.features.${f.key}.title`)}
                </Title>
                <Text size="sm" c="dimmed">
                  {t(`landing.features.${f.key}.text`)}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        </Container>

        <Container size="lg" py="xl">
          <Title order={2} mb="sm">
            {t('landing.howTitle')}
          </Title>
          <Text mb="md" maw={640}>
            {t('landing.howText')}
          </Text>
          <List type="ordered" spacing="xs" mb="lg">
            {(['1', '2', '3', '4'] as const).map((n) => (
              <List.Item key={n}>{t(`landing.howSteps.${n}`)}</List.Item>
            ))}
          </List>
          <Text size="sm" c="dimmed" mt="xl">
            {t('landing.openSource')}
          </Text>
        </Container>
      </main>
      <PublicFooter />
    </div>
  );
}
