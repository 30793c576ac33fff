import { errorMessages } from '@parta/contracts';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import en from './en.json';
import legalEn from './legal.en.json';
import legalRu from './legal.ru.json';
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

/** Russian by default; English when the person chose it (kept on this device). */
export function initI18n(lang: Language = storedLanguage()) {
  if (i18n.isInitialized) return i18n;
  void i18n.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'ru',
    initAsync: false,
    interpolation: { escapeValue: false },
    resources: {
      ru: { translation: { ...ru, legalDocs: legalRu, errors: errorTexts('ru') } },
      en: { translation: { ...en, legalDocs: legalEn, errors: errorTexts('en') } },
    },
  });
  setApiLanguage(lang);
  document.documentElement.lang = lang;
  return i18n;
}

export function changeLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  setApiLanguage(lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'ru';
}
