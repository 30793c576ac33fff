import './app/cspFirst';
import '@mantine/core/styles.css';
import './app/global.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { Providers } from './app/Providers';
import { AppRoutes, preloadScreenAt } from './app/AppRoutes';
import { PwaLayer } from './features/pwa/PwaLayer';
import { startServiceWorker } from './features/pwa/serviceWorker';
import { SetupGate } from './features/setup/SetupGate';
import { currentLanguage, initI18n, loadLanguage } from './i18n';

initI18n();
preloadScreenAt(window.location.pathname);
// Russian is there already; English (chosen on this device) is fetched first, so no screen shows in the wrong language.
await loadLanguage(currentLanguage());
startServiceWorker();

const root = document.getElementById('root');
if (root) {
  // A transition: the first drawing of the app may pause for the browser every few milliseconds, not hold it.
  const app = createRoot(root);
  startTransition(() => app.render(
    <StrictMode>
      <Providers>
        <PwaLayer />
        <SetupGate>
          <AppRoutes />
        </SetupGate>
      </Providers>
    </StrictMode>,
  ));
}
