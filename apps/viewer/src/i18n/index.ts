import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

const zhCN = {
  waiting: { title: '直播尚未开始', body: '主播开播后这里会自动播放，请保持页面打开。' },
  join: { title: '进入直播间', code: '房间码', name: '你的昵称', enter: '进入' },
  room: {
    title: 'LiveLab 直播间',
    hostAway: '主播暂时离开，马上回来',
    tapForSound: '点击开启声音',
    thanks: '感谢观看',
  },
  phase: {
    connecting: '连接中',
    pre: '未开播',
    live: '直播中',
    ended: '直播已结束',
    interrupted: '直播已中断',
    reconnecting: '重新连接中',
    error: '出错了',
  },
};
const en: typeof zhCN = {
  waiting: {
    title: 'Not live yet',
    body: 'The stream starts here as soon as the host goes live. Keep this page open.',
  },
  join: { title: 'Join the live room', code: 'Room code', name: 'Your nickname', enter: 'Join' },
  room: {
    title: 'LiveLab live room',
    hostAway: 'The host will be right back',
    tapForSound: 'Tap for sound',
    thanks: 'Thanks for watching',
  },
  phase: {
    connecting: 'Connecting',
    pre: 'Not live',
    live: 'Live',
    ended: 'Ended',
    interrupted: 'Interrupted',
    reconnecting: 'Reconnecting',
    error: 'Error',
  },
};

const browserEnglish = typeof navigator !== 'undefined' && navigator.language.startsWith('en');

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: browserEnglish ? 'en' : 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export { i18n };
