import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { i18n } from '../i18n';

/**
 * The last guard: a crash in a screen shows a calm message in the reader's language and a way
 * back, never a blank page or a stack trace.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    // Kept for developers in the browser console; the page shows only the human text.
    console.error(error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Center mih="60vh" p="md">
        <Stack align="center" gap="sm">
          <Title order={1} size="h3">
            {i18n.t('errors.internal')}
          </Title>
          <Text c="dimmed">{i18n.t('app.crashText')}</Text>
          <Button onClick={() => window.location.assign('/')}>{i18n.t('app.toHome')}</Button>
        </Stack>
      </Center>
    );
  }
}
