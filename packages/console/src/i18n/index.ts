import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'docket.language';

/** Chinese first: zh-CN unless the user chose English in this browser. */
export function initialLanguage(): Language {
  const chosen = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return chosen === 'en' ? 'en' : 'zh-CN';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

void i18next.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  ns: Object.keys(resources['zh-CN']),
  interpolation: { escapeValue: false },
  returnNull: false,
  // No advertisement in the browser's console or the test logs.
  showSupportNotice: false,
});

export { i18next };
