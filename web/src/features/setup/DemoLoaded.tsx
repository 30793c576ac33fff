import { formatPhone, type loadDemoResponse } from '@parta/contracts';
import { Button, Code, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { AuthCard } from '../auth/AuthCard';
import './texts';

export type DemoAccounts = z.infer<typeof loadDemoResponse>['data'];

/** After «Попробовать демо-школу»: whom to sign in as, with the published password. */
export function DemoLoaded({ demo, onSignIn }: { demo: DemoAccounts; onSignIn: () => void }) {
  const { t } = useTranslation();
  return (
    <AuthCard title={t('setup.demoLoadedTitle')} subtitle={t('setup.demoLoadedText')}>
      <List spacing={4}>
        {demo.accounts.map((a) => (
          <List.Item key={a.phone}>
            <span style={{ whiteSpace: 'nowrap' }}>{formatPhone(a.phone)}</span> — {t(`setup.demoRole.${a.role}`)}
          </List.Item>
        ))}
      </List>
      <Text>
        {t('setup.demoPassword')} <Code>{demo.password}</Code>
      </Text>
      <Text size="sm" c="dimmed">
        {t('setup.demoCodeHint')}
      </Text>
      <Button size="md" fullWidth onClick={onSignIn}>
        {t('setup.signIn')}
      </Button>
    </AuthCard>
  );
}
