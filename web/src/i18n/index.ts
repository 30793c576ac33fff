import { errorMessages } from '@parta/contracts';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import ru from './ru.json';

export type Language = 'ru' | 'en';
const STORAGE_KEY = 'parta.lang';

/** Error texts come from the contracts, so the UI and the server never drift apart. */
function errorTexts(lang: Language): Record<string, string> {
  return Object.fromEntries(Object.entries(errorMessages).map(([code, m]) => [code, m[lang]]));
}

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

export const i18n = i18next.createInstance();

type Texts = Record<string, unknown>;
/** Screen texts registered before initI18n ran (a test imports a screen first): added at init. */
const earlyScreenTexts: Texts[] = [];

/**
 * Adds Russian texts that only some screens use (ru/<section>.json). ru.json holds what the first screens need; the
 * rest comes with the code of the screens that show it, each feature's texts.ts calling this when it loads. English
 * is one file, fetched whole when chosen (loadLanguage).
 */
export function addScreenTexts(texts: Texts): void {
  if (i18n.isInitialized) i18n.addResourceBundle('ru', 'translation', texts, true, false);
  else earlyScreenTexts.push(texts);
}

/** Russian by default; English when the person chose it (kept on this device). */
export function initI18n(lang: Language = storedLanguage()) {
  if (i18n.isInitialized) return i18n;
  void i18n.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'ru',
    initAsync: false,
    interpolation: { escapeValue: false },
    resources: {
      ru: { translation: Object.assign({}, ...earlyScreenTexts, ru, { errors: errorTexts('ru') }) },
    },
  });
  setApiLanguage(lang);
  document.documentElement.lang = lang;
  return i18n;
}

const loaded = new Set<Language>(['ru']);

/**
 * Loads a language's texts (call after initI18n). Russian comes with the app; English is fetched when chosen, so
 * that the first screen of the many who read Parta in Russian does not carry it. main.tsx waits for it before the
 * first render when English was chosen on this device.
 */
export async function loadLanguage(lang: Language): Promise<void> {
  if (loaded.has(lang)) return;
  const en = (await import('./en.json')).default;
  i18n.addResourceBundle(lang, 'translation', { ...en, errors: errorTexts(lang) }, true, true);
  loaded.add(lang);
}

export function changeLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void loadLanguage(lang).then(() => {
    setApiLanguage(lang);
    document.documentElement.lang = lang;
    return i18n.changeLanguage(lang);
  });
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'ru';
}
