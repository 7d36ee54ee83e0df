/**
 * Question topics: what viewers ask about (price, size, shipping…) and how to recognise a reply or a line
 * that speaks to one (keywords, case-insensitive). The room core uses them to tag human comments and to judge
 * replies; the audience engine words its questions and stock answers per topic (its own phrase tables).
 */
export interface TopicDefinition {
  key: string;
  zh: string;
  en: string;
  /** A reply containing one of these (case-insensitive) addresses the topic. */
  keywords: readonly string[];
}

const topic = (t: TopicDefinition): TopicDefinition => t;

export const TOPICS: Readonly<Record<string, TopicDefinition>> = {
  price: topic({
    key: 'price',
    zh: '价格',
    en: 'price',
    keywords: ['价', '钱', '元', '块', '优惠', '便宜', 'price', '¥', 'discount', 'deal', 'how much'],
  }),
  size: topic({
    key: 'size',
    zh: '尺码',
    en: 'size',
    keywords: ['码', '尺', '身高', '体重', 'size', 'fit', 'cm', '斤'],
  }),
  colour: topic({
    key: 'colour',
    zh: '颜色',
    en: 'colour',
    keywords: ['色', '颜', 'colour', 'color', '白', '黑'],
  }),
  material: topic({
    key: 'material',
    zh: '材质',
    en: 'material',
    keywords: ['材质', '面料', '棉', '成分', '质量', 'material', 'fabric', 'cotton', 'quality'],
  }),
  shipping: topic({
    key: 'shipping',
    zh: '发货',
    en: 'shipping',
    keywords: ['发货', '快递', '包邮', '物流', '到货', 'ship', 'delivery', 'courier', 'free'],
  }),
  warranty: topic({
    key: 'warranty',
    zh: '售后',
    en: 'after-sales',
    keywords: ['退', '换', '售后', '保修', '质保', '无理由', 'return', 'refund', 'warranty'],
  }),
  stock: topic({
    key: 'stock',
    zh: '库存',
    en: 'stock',
    keywords: ['库存', '补货', '还有', '上架', '加库存', 'stock', 'restock', 'left'],
  }),
  coupon: topic({
    key: 'coupon',
    zh: '优惠券',
    en: 'coupon',
    keywords: ['券', '领', '满减', '优惠', 'coupon', 'voucher', 'code'],
  }),
  usage: topic({
    key: 'usage',
    zh: '用法',
    en: 'how to use',
    keywords: ['用', '涂', '步骤', '早晚', '搭配', 'use', 'apply', 'step'],
  }),
  skin: topic({
    key: 'skin',
    zh: '肤质',
    en: 'skin type',
    keywords: ['肤', '敏感', '油', '干', '痘', 'skin', 'sensitive', 'oily', 'dry'],
  }),
  origin: topic({
    key: 'origin',
    zh: '产地',
    en: 'origin',
    keywords: ['产地', '原产', '基地', '农户', '果园', 'origin', 'farm', 'grown'],
  }),
  freshness: topic({
    key: 'freshness',
    zh: '新鲜度',
    en: 'freshness',
    keywords: ['新鲜', '坏', '烂', '保质', '冷链', '甜', 'fresh', 'shelf', 'sweet'],
  }),
  testDrive: topic({
    key: 'testDrive',
    zh: '试驾',
    en: 'test drive',
    keywords: ['试驾', '到店', '4S', '预约', 'test drive', 'dealer', 'book'],
  }),
  finance: topic({
    key: 'finance',
    zh: '金融方案',
    en: 'financing',
    keywords: ['贷', '首付', '分期', '月供', '利息', '置换', 'loan', 'finance', 'down payment'],
  }),
  range: topic({
    key: 'range',
    zh: '续航',
    en: 'range',
    keywords: ['续航', '充电', '公里', '电池', 'range', 'charge', 'battery', 'km'],
  }),
};

export const topicOf = (key: string | undefined): TopicDefinition | undefined =>
  key === undefined ? undefined : TOPICS[key];

/** Whether a reply text speaks to the topic (keyword match; a room host's reply is short). */
export function addressesTopic(text: string, topicKey: string | undefined): boolean {
  const def = topicOf(topicKey);
  if (!def) return text.trim().length >= 4;
  const lower = text.toLowerCase();
  return def.keywords.some((k) => lower.includes(k.toLowerCase()));
}

/** Which topics a reply or script line speaks to, in table order. */
export function detectTopics(text: string): string[] {
  const lower = text.toLowerCase();
  return Object.values(TOPICS)
    .filter((def) => def.keywords.some((k) => lower.includes(k.toLowerCase())))
    .map((def) => def.key);
}
