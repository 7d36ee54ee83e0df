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

/** A scenario's (or product's) name in the page's language: its English name on an English page, if it has one. */
export function localName(item: { name: string; nameEn?: string | undefined }, language: string): string {
  return language === 'en' && item.nameEn ? item.nameEn : item.name;
}
