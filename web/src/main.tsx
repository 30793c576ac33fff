import './app/cspFirst';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Providers } from './app/Providers';
import { AppRoutes } from './app/AppRoutes';
import { PwaLayer } from './features/pwa/PwaLayer';
import { startServiceWorker } from './features/pwa/serviceWorker';
import { SetupGate } from './features/setup/SetupGate';
import { initI18n } from './i18n';

initI18n();
startServiceWorker();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Providers>
        <PwaLayer />
        <SetupGate>
          <AppRoutes />
        </SetupGate>
      </Providers>
    </StrictMode>,
  );
}
