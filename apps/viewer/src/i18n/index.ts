import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

/** zh-CN unless the link says `?lang=en` or the phone is set to English. */
function initialLanguage(): 'zh-CN' | 'en' {
  if (typeof window === 'undefined') return 'zh-CN';
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return navigator.language.startsWith('en') ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  // React escapes what it renders; i18next must not escape twice (comments and names are user text).
  interpolation: { escapeValue: false },
});

export { i18n };
