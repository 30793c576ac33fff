import './app/cspFirst';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Providers } from './app/Providers';
import { AppRoutes } from './app/AppRoutes';
import { SetupGate } from './features/setup/SetupGate';
import { initI18n } from './i18n';

initI18n();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Providers>
        <SetupGate>
          <AppRoutes />
        </SetupGate>
      </Providers>
    </StrictMode>,
  );
}
