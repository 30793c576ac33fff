import { Alert, Button, Center, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertCircle, IconClockHour4 } from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/errorText';

/** A failed request, in the reader's language, near the form or list it belongs to. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" variant="light">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorText(t, error)}</Text>
        {onRetry && (
          <Button size="xs" variant="subtle" color="red" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-label={t('app.loading')}>
      <Loader size="sm" />
    </Center>
  );
}

export function EmptyText({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" size="sm" py="sm">
      {children}
    </Text>
  );
}

/** The page heading: one h1 per screen. */
export function PageTitle({ children, right }: { children: ReactNode; right?: ReactNode }) {
  useDocumentTitle(typeof children === 'string' ? children : null);
  return (
    <Stack gap={0} mb="md">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}>
        <Title order={1} size="h2">
          {children}
        </Title>
        {right}
      </div>
    </Stack>
  );
}

/** A section whose feature comes in a later version: clear words, not a broken page. */
export function ComingSoon({ title, text }: { title: string; text?: string }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageTitle>{title}</PageTitle>
      <Stack align="center" py="xl" gap="sm">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconClockHour4 size={30} />
        </ThemeIcon>
        <Title order={2} size="h3">
          {t('app.comingSoonTitle')}
        </Title>
        <Text c="dimmed" ta="center" maw={420}>
          {text ?? t('app.comingSoonText')}
        </Text>
      </Stack>
    </Stack>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl">
      <Title order={1} size="h2">
        {t('app.notFoundTitle')}
      </Title>
      <Text c="dimmed">{t('app.notFoundText')}</Text>
      <Button component={Link} to="/">
        {t('app.toHome')}
      </Button>
    </Stack>
  );
}

/**
 * «Нет доступа»: a screen this person may not use (the server's abilities said so), shown instead of
 * a form that would only answer 403. `back` leads somewhere they may go.
 */
export function NoAccess({ back }: { back?: { to: string; label: string } }) {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl" ta="center">
      <Title order={1} size="h2">
        {t('access.title')}
      </Title>
      <Text c="dimmed" maw={520}>
        {t('access.text')}
      </Text>
      <Button component={Link} to={back?.to ?? '/home'}>
        {back?.label ?? t('app.toHome')}
      </Button>
    </Stack>
  );
}

/** «Заявки — Parta» in the browser tab and history. */
export function useDocumentTitle(title: string | null) {
  useEffect(() => {
    document.title = title ? `${title} — Parta` : 'Parta';
  }, [title]);
}
