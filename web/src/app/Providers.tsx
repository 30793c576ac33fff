import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { ApiError } from '../api/client';
import { i18n } from '../i18n';
import { ErrorBoundary } from './ErrorBoundary';
import { useAutosizeMeasureUnlabelled } from './autosizeLabel';
import { COLOR_SCHEME_KEY } from './colorScheme';
import { cspNonce } from './csp';
import { cssVariablesResolver, localizedTheme } from './theme';

/** Refusals (4xx) will not change on a retry; only network and server failures are retried once. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

/**
 * The theme chosen in the profile menu, kept on this device; «как в системе» ('auto', the default) follows the
 * system's dark setting, live. A change in another tab is followed too.
 */
const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_KEY });

/** Mantine and its date pickers in the UI's language: labels, month names, Monday first. */
function UiLanguage({ children }: { children: ReactNode }) {
  const { t, i18n: current } = useTranslation();
  const lang = current.language === 'en' ? 'en' : 'ru';
  // biome-ignore lint/correctness/useExhaustiveDependencies: t changes with the language; rebuild then
  const theme = useMemo(() => localizedTheme(t), [t, lang]);
  useAutosizeMeasureUnlabelled();
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      getStyleNonce={cspNonce}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
    >
      <DatesProvider settings={{ locale: lang, firstDayOfWeek: lang === 'ru' ? 1 : 0 }}>{children}</DatesProvider>
    </MantineProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => {
    // A session that ended elsewhere (signed out on another tab, expired): ask who is signed in
    // again, so the screens behind sign-in send the person to /login instead of failing one by one.
    const onError = (error: unknown, key?: readonly unknown[]) => {
      if (error instanceof ApiError && error.status === 401 && key?.[0] !== 'me') {
        void queryClient.invalidateQueries({ queryKey: ['me'] });
      }
    };
    const queryClient: QueryClient = new QueryClient({
      queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
      mutationCache: new MutationCache({ onError: (error) => onError(error) }),
      // 'always': queries run even when the browser says it is offline — the service worker answers them with the
      // last copy it kept, so the app opens with the last data it had; one it has none of fails (and says so)
      // instead of waiting for the network behind a spinner. Back online, PwaLayer reads everything again.
      defaultOptions: {
        queries: { retry: shouldRetry, refetchOnWindowFocus: false, networkMode: 'always' },
        mutations: { retry: false },
      },
    });
    return queryClient;
  });
  return (
    <I18nextProvider i18n={i18n}>
      <UiLanguage>
        <QueryClientProvider client={client}>
          <BrowserRouter>
            <ErrorBoundary>{children}</ErrorBoundary>
          </BrowserRouter>
        </QueryClientProvider>
      </UiLanguage>
    </I18nextProvider>
  );
}
