/**
 * Comment text in zh-CN and en from templates with slot filling. Real platforms fold identical
 * messages, so the generator keeps a short memory of recent texts and rewords repeats.
 */
import type { CommentKind, CommentLang } from '@livelab/contracts';
import type { Rng } from '../rng';
import { TOPIC_PHRASES } from './topic-phrases';

interface Template {
  zh: readonly string[];
  en: readonly string[];
}

/** Objections and complaints carry the topic a good answer must address. */
const OBJECTIONS: ReadonlyArray<{ topic: string } & Template> = [
  {
    topic: 'price',
    zh: ['太贵了吧', '{p}别家才{n}', '这价格不值', '{p}比旗舰店还贵？', '再便宜点就拍了', '等双十一再买'],
    en: ['too expensive', 'the {p} is cheaper elsewhere', 'not worth that price'],
  },
  {
    topic: 'material',
    zh: ['看着质量一般', '{p}会不会是假的', '上次买的{p}一洗就坏', '质量靠谱吗', '看着有点薄'],
    en: ['looks cheap', 'is the {p} even genuine?', 'quality seems meh'],
  },
];

const COMPLAINTS: ReadonlyArray<{ topic: string } & Template> = [
  {
    topic: 'shipping',
    zh: ['上周拍的{p}到现在还没发货', '物流{n}天没动了', '快递到{city}就不动了', '催了好几次都没发'],
    en: ['my {p} order from last week still has not shipped', 'tracking has not moved for {n} days'],
  },
  {
    topic: 'warranty',
    zh: [
      '收到的{p}颜色不对',
      '发错货了，客服不理人',
      '申请退款{n}天了没处理',
      '{p}用了一次就坏了',
      '收到的是破的',
    ],
    en: ['received the wrong {p}', 'refund requested {n} days ago, no answer', 'my {p} arrived broken'],
  },
];

const KIND_TEMPLATES: Partial<Record<CommentKind, Template>> = {
  greeting: {
    zh: [
      '来了来了',
      '主播好',
      '晚上好呀',
      '{city}的来报道',
      '又来啦',
      '第一次来',
      '刚下班来看看',
      '路过进来看看',
      '主播今天好漂亮',
    ],
    en: ['hi everyone', 'hello from {city}', 'just joined', 'first time here'],
  },
  praise: {
    zh: [
      '{p}真不错',
      '主播讲得好清楚',
      '{v}这个好看',
      '上次买的{p}很好用',
      '已经回购{n}次了',
      '性价比绝了',
      '爱了爱了',
      '这个质感可以',
    ],
    en: ['love the {p}', 'great explanation', 'bought {p} before, really good', 'the {v} one looks great'],
  },
  request: {
    zh: [
      '看看{v}',
      '能试一下{p}吗',
      '转过来看看背面',
      '{p}上链接',
      '拉近一点',
      '再讲讲{p}',
      '把{p}放近点看看',
      '主播穿上看看',
    ],
    en: ['show the back please', 'can you try on the {p}?', 'link for {p} please', 'closer look at the {v}?'],
  },
  purchase: {
    zh: ['已拍', '已拍{n}件', '拍了{v}', '抢到了', '已下单{p}', '拍了拍了', '冲了'],
    en: ['just bought it', 'ordered the {p}', 'got one!', 'bought {n}'],
  },
  spam: {
    zh: ['加V看更多优惠', '兼职日结{n}元', '关注我送福利', '低价代购私聊', '点我头像有惊喜'],
    en: ['follow me for free gifts', 'dm for cheap deals', 'earn {n} a day from home'],
  },
  abuse: {
    zh: ['主播什么玩意', '骗子直播间', '垃圾东西', '托儿太多了', '智商税'],
    en: ['scam room', 'total garbage', 'this host is a joke'],
  },
};

const RESTOCK: Template = {
  zh: ['{p}补货！', '没抢到，求加库存', '{p}什么时候补货', '再上点库存吧', '手慢了，求补'],
  en: ['restock the {p} please!', 'missed it, add more stock', 'sold out already??'],
};

const GIVEAWAY_ENTRY: Template = {
  zh: ['抽我抽我', '福袋来了', '求中奖', '{city}的求福袋', '参与一下'],
  en: ['pick me!', 'giveaway!', 'good luck everyone'],
};

const UNANSWERED: Template = {
  zh: ['问了半天没人回', '主播看看评论区', '怎么不回答问题', '又不回复', '刚才问的没人理'],
  en: ['nobody answers questions here', 'host, read the comments please', 'still waiting for an answer'],
};

const SUFFIX_ZH = [
  '',
  '',
  '',
  '～',
  '！',
  '？',
  '呀',
  '哈哈',
  '[爱心]',
  '[赞]',
  '!!',
  '啊',
  '呢',
  '嘛',
  '😂',
  '👍',
  '🔥',
];
const SUFFIX_EN = ['', '', '', '!', '?', ' :)', '!!', ' lol', ' 🔥', ' pls'];
const CITIES_ZH = [
  '北京',
  '上海',
  '广州',
  '成都',
  '杭州',
  '武汉',
  '西安',
  '长沙',
  '郑州',
  '南京',
  '沈阳',
  '昆明',
  '新疆',
  '哈尔滨',
  '厦门',
  '重庆',
];
const CITIES_EN = [
  'Beijing',
  'Shanghai',
  'Shenzhen',
  'Chengdu',
  'Hangzhou',
  'Singapore',
  'Kuala Lumpur',
  'Sydney',
];
const HEIGHTS = ['155', '158', '160', '163', '165', '168', '170', '172', '175', '178', '180'];
const WEIGHTS_ZH = ['90斤', '95斤', '100斤', '105斤', '110斤', '115斤', '120斤', '130斤', '140斤', '150斤'];
const WEIGHTS_EN = ['45kg', '50kg', '55kg', '60kg', '65kg', '70kg', '80kg'];

export interface CommentProductContext {
  name: string;
  nameEn: string;
  variants: readonly string[];
  price: number;
}

export interface GeneratedComment {
  text: string;
  topic?: string;
}

export type SpecialComment = 'restock' | 'giveaway' | 'unanswered';

export class CommentGenerator {
  private readonly recent: string[] = [];
  private readonly recentSet = new Set<string>();

  constructor(private readonly rng: Rng) {}

  generate(
    kind: CommentKind,
    lang: CommentLang,
    product: CommentProductContext,
    topics: readonly string[],
    special?: SpecialComment,
  ): GeneratedComment {
    let topic: string | undefined;
    let templates: readonly string[];
    const pick = <T extends Template>(items: readonly T[]): T => this.rng.pick(items);
    if (special === 'restock') {
      templates = RESTOCK[lang];
      topic = 'stock';
    } else if (special === 'giveaway') {
      templates = GIVEAWAY_ENTRY[lang];
    } else if (special === 'unanswered') {
      templates = UNANSWERED[lang];
    } else if (kind === 'question') {
      topic = topics.length > 0 ? this.rng.pick(topics) : 'price';
      const phrases = TOPIC_PHRASES[topic] ?? TOPIC_PHRASES['price']!;
      templates = lang === 'zh' ? phrases.questionsZh : phrases.questionsEn;
    } else if (kind === 'objection' || kind === 'complaint') {
      const entry = pick(kind === 'objection' ? OBJECTIONS : COMPLAINTS);
      topic = entry.topic;
      templates = entry[lang];
    } else {
      templates = (KIND_TEMPLATES[kind] ?? KIND_TEMPLATES.greeting!)[lang];
    }
    let text = '';
    for (let attempt = 0; attempt < 4; attempt++) {
      text = this.fill(this.rng.pick(templates), lang, product);
      if (!this.recentSet.has(text)) break;
    }
    this.remember(text);
    return topic === undefined ? { text } : { text, topic };
  }

  /** A stock answer for the reply policy: addresses the topic by construction. */
  answer(topicKey: string | undefined, lang: CommentLang, product: CommentProductContext): string {
    const phrases = topicKey === undefined ? undefined : TOPIC_PHRASES[topicKey];
    if (!phrases) return lang === 'zh' ? '感谢支持，有问题随时问' : 'thanks, ask me anything';
    return this.fill(this.rng.pick(lang === 'zh' ? phrases.answersZh : phrases.answersEn), lang, product);
  }

  private fill(template: string, lang: CommentLang, product: CommentProductContext): string {
    const rng = this.rng;
    const zh = lang === 'zh';
    const text = template.replace(/\{(\w+)\}/g, (_m, slot: string) => {
      switch (slot) {
        case 'p':
          return zh ? product.name : product.nameEn;
        case 'v':
          return product.variants.length > 0 ? rng.pick(product.variants) : zh ? '这款' : 'this one';
        case 'n':
          return String(2 + rng.int(30));
        case 'h':
          return zh ? `${rng.pick(HEIGHTS)}` : `${rng.pick(HEIGHTS)}cm`;
        case 'w':
          return zh ? rng.pick(WEIGHTS_ZH) : rng.pick(WEIGHTS_EN);
        case 'city':
          return zh ? rng.pick(CITIES_ZH) : rng.pick(CITIES_EN);
        default:
          return '';
      }
    });
    return text + rng.pick(zh ? SUFFIX_ZH : SUFFIX_EN);
  }

  private remember(text: string): void {
    this.recent.push(text);
    this.recentSet.add(text);
    if (this.recent.length > 64) this.recentSet.delete(this.recent.shift() as string);
  }
}
