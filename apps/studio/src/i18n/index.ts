import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('livelab.lang');

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: stored ?? 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function setLanguage(lng: 'zh-CN' | 'en'): void {
  localStorage.setItem('livelab.lang', lng);
  void i18n.changeLanguage(lng);
}

export { i18n };
