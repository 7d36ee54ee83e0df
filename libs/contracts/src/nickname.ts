/**
 * How a viewer is shown in a live room's comments. A simulated viewer (`bot:<n>`) gets a plausible,
 * Douyin- or TikTok-style nickname made from its number — the same one on the console, on the review page
 * and on the phone, and the same every time; a human keeps their own name. Pure and deterministic.
 */

/** 32-bit integer mix (splitmix-style): nearby numbers get unrelated nicknames. */
function mix(n: number, salt: number): number {
  let z = (n + Math.imul(salt + 1, 0x9e3779b9)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

const ZH_CUTE = [
  '小鹿',
  '小猫',
  '阿狸',
  '橘子',
  '柠檬',
  '西瓜',
  '奶茶',
  '小熊',
  '兔子',
  '土豆',
  '豆豆',
  '糖糖',
  '小鱼',
  '月亮',
  '星星',
  '木木',
  '果果',
  '芋圆',
  '饭团',
  '布丁',
  '栗子',
  '小狐狸',
  '团子',
  '可乐',
];
const ZH_TAIL = [
  '爱吃草',
  '不吃鱼',
  '在发呆',
  '睡不醒',
  '爱旅行',
  '要减肥',
  '的日常',
  '今天也很乖',
  '想暴富',
  '酱',
  '不加糖',
  '在路上',
  '爱喝奶茶',
  '要早睡',
  '超努力',
  '在摸鱼',
  '吖',
  '呀',
];
const ZH_GIVEN = [
  '杰',
  '明',
  '强',
  '芳',
  '丽',
  '伟',
  '军',
  '华',
  '涛',
  '玲',
  '静',
  '磊',
  '敏',
  '燕',
  '鹏',
  '婷',
];
const ZH_CITY = [
  '杭州',
  '成都',
  '广州',
  '上海',
  '北京',
  '武汉',
  '西安',
  '长沙',
  '重庆',
  '南京',
  '苏州',
  '深圳',
  '青岛',
  '厦门',
];
const ZH_SURNAME = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
];
const ZH_TITLE = ['姐', '哥', '先生', '女士', '阿姨', '小姐姐', '老师', '大叔'];
const ZH_EMOJI_NAME = [
  '甜甜圈🍩',
  '草莓🍓',
  '芒果🥭',
  '桃子🍑',
  '奶茶🧋',
  '小太阳☀️',
  '西瓜🍉',
  '樱桃🍒',
  '向日葵🌻',
  '小兔🐰',
  '月亮🌙',
  '四叶草🍀',
  '小熊🐻',
  '云朵☁️',
];
const ZH_PHRASE = [
  '追风少年',
  '岁月静好',
  '平安喜乐',
  '知足常乐',
  '随遇而安',
  '一路向北',
  '人间清醒',
  '快乐星球',
  '江南烟雨',
  '简单生活',
  '半夏微凉',
  '清风徐来',
  '努力搬砖',
  '好好吃饭',
  '慢慢来',
  '晚风',
];

const EN_FIRST = [
  'Emma',
  'Olivia',
  'Ava',
  'Mia',
  'Sophie',
  'Chloe',
  'Grace',
  'Lily',
  'Jake',
  'Ryan',
  'Tyler',
  'Noah',
  'Liam',
  'Ethan',
  'Mason',
  'Zoe',
  'Maya',
  'Nina',
  'Leo',
  'Sam',
  'Jess',
  'Kayla',
  'Dan',
  'Ben',
];
const EN_LAST = ['W', 'K', 'M', 'R', 'T', 'B', 'L', 'S', 'J', 'P', 'H', 'C'];
const EN_ADJ = [
  'sunny',
  'cozy',
  'happy',
  'lazy',
  'tiny',
  'wild',
  'lucky',
  'sleepy',
  'salty',
  'chill',
  'golden',
  'cosmic',
];
const EN_NOUN = [
  'home',
  'panda',
  'fox',
  'bean',
  'cookie',
  'mango',
  'cactus',
  'pixel',
  'waffle',
  'otter',
  'moon',
  'plant',
];

const pick = <T>(items: readonly T[], h: number): T => items[h % items.length]!;

/** A nickname for a simulated viewer number. */
function botNickname(n: number, lang: 'zh' | 'en'): string {
  const h = mix(n, 0);
  const a = mix(n, 1);
  const b = mix(n, 2);
  const digits = (width: number) => String(mix(n, 3) % 10 ** width).padStart(width, '0');
  if (lang === 'en') {
    switch (h % 6) {
      case 0:
        return `${pick(EN_FIRST, a)}_${pick(EN_LAST, b)}`;
      case 1:
        return `${pick(EN_FIRST, a).toLowerCase()}${digits(2)}`;
      case 2:
        return `${pick(EN_ADJ, a)}${pick(EN_NOUN, b)}`;
      case 3:
        return `${pick(EN_ADJ, a)}_${pick(EN_NOUN, b)}${digits(2)}`;
      case 4:
        return `user${digits(4)}`;
      default:
        return `${pick(EN_FIRST, a).toLowerCase()}.${pick(EN_NOUN, b)}`;
    }
  }
  switch (h % 8) {
    case 0:
    case 1:
      return `${pick(ZH_CUTE, a)}${pick(ZH_TAIL, b)}`;
    case 2:
      return `阿${pick(ZH_GIVEN, a)}在${pick(ZH_CITY, b)}`;
    case 3:
      return pick(ZH_EMOJI_NAME, a) + (b % 3 === 0 ? digits(2) : '');
    case 4:
      return b % 2 === 0 ? `用户${digits(7)}` : `user${digits(4)}`;
    case 5:
      return pick(ZH_PHRASE, a) + (b % 4 === 0 ? digits(2) : '');
    case 6:
      return `${pick(ZH_CITY, b)}${pick(ZH_SURNAME, a)}${pick(ZH_TITLE, mix(n, 4))}`;
    default:
      return `${pick(ZH_SURNAME, a)}${pick(ZH_TITLE, b)}${b % 3 === 0 ? digits(3) : ''}`;
  }
}

/**
 * How a comment's author is shown: `bot:123` → a stable nickname in the room's language (小鹿爱吃草,
 * 阿杰在杭州, Emma_W…); a human's own name (or their actor id without `user:`) otherwise.
 */
export function viewerNickname(actor: string, lang: 'zh' | 'en' = 'zh', name?: string): string {
  if (name) return name;
  if (actor.startsWith('bot:')) {
    const n = Number(actor.slice(4));
    if (Number.isInteger(n) && n >= 0) return botNickname(n, lang);
  }
  return actor.replace(/^user:/, '');
}
