import { ActionIcon, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../common/ui';
import { PublicFooter } from '../landing/PublicFooter';
import { PublicHeader } from '../landing/PublicHeader';

/** The frame of the sign-in screens: a narrow card with a title and, where it fits, a back arrow. */
export function AuthFrame({ children }: { children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <PublicHeader />
      <main style={{ flex: 1 }}>
        <Container size={460} py={{ base: 'md', sm: 48 }} px="sm">
          {children}
        </Container>
      </main>
      <PublicFooter />
    </div>
  );
}

export function AuthCard({
  title,
  subtitle,
  onBack,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  onBack?: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} shadow="xs">
      <Stack gap="md">
        <Group gap="xs" wrap="nowrap" align="center">
          {onBack && (
            <ActionIcon variant="subtle" onClick={onBack} aria-label={t('app.back')} size="lg">
              <IconArrowLeft size={20} />
            </ActionIcon>
          )}
          <Title order={1} size="h3">
            {title}
          </Title>
        </Group>
        {subtitle && (
          <Text size="sm" c="dimmed" component="div">
            {subtitle}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}
