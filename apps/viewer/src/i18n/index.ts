import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

const zhCN = {
  waiting: {
    title: '直播尚未开始',
    body: '主播开播后这里会自动播放，请保持页面打开。',
    room: '房间码 {{code}}',
  },
  language: { switch: 'English' },
};
const en: typeof zhCN = {
  waiting: {
    title: 'Not live yet',
    body: 'The stream starts here as soon as the host goes live. Keep this page open.',
    room: 'Room code {{code}}',
  },
  language: { switch: '中文' },
};

const browserEnglish = typeof navigator !== 'undefined' && navigator.language.startsWith('en');

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: browserEnglish ? 'en' : 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export { i18n };
