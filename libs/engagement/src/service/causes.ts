/**
 * How an objection's or a complaint's type and cause show in what a customer writes. Each cause has the words
 * that give it away, zh and en, taken from the 异议/投诉 examples of 网络客户服务与管理 course material and from the
 * objections and complaints the live-room audience already voices (text/phrasebook.ts OBJECTIONS, COMPLAINTS).
 * Causes are tried in the order listed: the more specific first (等双十一 is a timing objection even though it
 * hopes for a lower price; 坏了找谁 is about after-sales, not quality).
 */
import type { ComplaintCause, ComplaintType, Label, ObjectionCause, ObjectionType } from './types';

export interface CauseRule<T extends string, C extends string> {
  type: T;
  cause: C;
  label: Label;
  zh: RegExp;
  en: RegExp;
}

export const OBJECTION_TYPE_LABELS: Readonly<Record<ObjectionType, Label>> = {
  price: { zh: '价格异议', en: 'price' },
  quality: { zh: '质量异议', en: 'quality' },
  need: { zh: '需求异议', en: 'need' },
  trust: { zh: '信任（货源）异议', en: 'trust / source' },
  timing: { zh: '购买时间异议', en: 'timing' },
  service: { zh: '服务异议', en: 'service / after-sales' },
};

export const COMPLAINT_TYPE_LABELS: Readonly<Record<ComplaintType, Label>> = {
  quality: { zh: '商品质量投诉', en: 'product quality' },
  logistics: { zh: '物流投诉', en: 'logistics' },
  service: { zh: '服务态度投诉', en: 'service attitude' },
  description: { zh: '描述不符（虚假宣传）投诉', en: 'not as described' },
  'after-sale': { zh: '售后投诉', en: 'after-sales' },
};

export const OBJECTION_RULES: readonly CauseRule<ObjectionType, ObjectionCause>[] = [
  {
    type: 'timing',
    cause: 'wait-for-sale',
    label: { zh: '等大促、等降价再买', en: 'waiting for a sale' },
    zh: /(等|到)[^，。？！]{0,6}(大促|双十一|双11|618|年货节|活动|降价|打折)|会不会降价|还会降/,
    en: /wait (for|until|till) [^,.?!]{0,12}(sale|black friday|prime day|discount|deal)|(price|it) (might|will|could) (drop|go down)/i,
  },
  {
    type: 'timing',
    cause: 'think-it-over',
    label: { zh: '再考虑、要和家人商量', en: 'wants to think it over' },
    zh: /考虑|再想想|商量|问问(我)?(老公|老婆|家人|家里|爸妈|对象)|(下次|以后|过段时间)再(说|买)/,
    en: /think (about )?it|sleep on it|(ask|check with|talk to) my (wife|husband|partner|family|parents)|maybe later/i,
  },
  {
    type: 'service',
    cause: 'returns-hassle',
    label: { zh: '担心退换货麻烦', en: 'worried returns are a hassle' },
    zh: /(退换|退货|换货|退款)[^，。？！]{0,4}(麻烦|难|不方便)|能(不能)?退|怕退不了/,
    en: /returns? (are|is) (always )?(a pain|a hassle|difficult)|can I (return|send it back)|return policy/i,
  },
  {
    type: 'service',
    cause: 'no-after-sale',
    label: { zh: '担心售后没人管', en: 'worried nobody helps after the sale' },
    zh: /(坏了|出问题|有问题)(找谁|怎么办)|售后|保修|客服(都)?(不回|不理)|没人(理|管|回)/,
    en: /who do I (contact|call|talk to)|after-?sales|warranty|(never|didn'?t|did not) (call|repl|respond)|no one (answers|replies)/i,
  },
  {
    type: 'trust',
    cause: 'authenticity',
    label: { zh: '怀疑不是正品（货源）', en: 'doubts it is genuine' },
    zh: /正品|假货|假的|正宗|是真的吗|贴牌|山寨|高仿|虚标|水货/,
    en: /authentic|fakes?\b|genuine|counterfeit|knock-?off|the real (thing|one)/i,
  },
  {
    type: 'trust',
    cause: 'unknown-shop',
    label: { zh: '不了解店铺、品牌', en: 'does not know the shop or brand' },
    zh: /没听(说)?过|不了解你们|新店|小店|评价(好|太)?少|销量(好|太)?少|靠谱吗|信不过/,
    en: /never heard of|new (shop|store|brand|seller)|(few|no|barely any) reviews|is (it|this|the shop) legit|can I trust/i,
  },
  {
    type: 'quality',
    cause: 'past-bad-experience',
    label: { zh: '以前买过同类商品出过问题', en: 'a bad experience with one before' },
    zh: /(上次|之前|以前)[^，。？！]{0,20}(坏|烂|变形|起球|掉色|开线|断|漏|不行)/,
    en: /(my |the )?last (one|time|order|\w+ I bought)[^.?!]{0,30}(broke|died|fell apart|arrived)|(broke|died|fell apart) (in|after|within) (a|one|two|\d)/i,
  },
  {
    type: 'quality',
    cause: 'looks-cheap',
    label: { zh: '觉得质量看起来一般', en: 'thinks it looks poorly made' },
    zh: /质量(一般|不行|怎么样|不好|差)|做工|廉价|看着[^，。？！]{0,4}(薄|差|一般)|塑料感|会不会(起球|掉色|坏|变形|漏)|耐不耐用/,
    en: /looks? (a bit |kind of |so )?(cheap|flimsy|plasticky)|feels cheap|will it (last|break)|durable/i,
  },
  {
    type: 'need',
    cause: 'already-have',
    label: { zh: '已经有了，觉得不需要', en: 'already has one' },
    zh: /已经(有|买过)[^，。？！]{0,12}(了|还)|已经有了/,
    en: /already (have|own|got)|got one already/i,
  },
  {
    type: 'need',
    cause: 'not-suitable',
    label: { zh: '担心不适合自己', en: 'not sure it suits them' },
    zh: /适不适合|不适合|不合适|用不上|穿不了|用不了|吃不完|放不下|不需要|没必要/,
    en: /not (sure|convinced)[^.?!]{0,30}(for me|suits? me|fits? me|I need|need (a|an|it|one))|(don'?t|do not) (really )?need|no (room|space)|(tiny|small) (flat|apartment|kitchen|room)/i,
  },
  {
    type: 'price',
    cause: 'cheaper-elsewhere',
    label: { zh: '别家更便宜', en: 'cheaper elsewhere' },
    zh: /(别家|别的店|其他店|旗舰店|网上|超市|拼多多|淘宝|京东)[^，。？！]{0,12}(便宜|才卖|只要|更低)/,
    en: /cheaper (elsewhere|on|at|in)|(other|another) (shop|store|seller)|(amazon|walmart|temu)[^.?!]{0,20}(less|cheaper)/i,
  },
  {
    type: 'price',
    cause: 'over-budget',
    label: { zh: '超出预算，嫌贵', en: 'over budget' },
    zh: /预算|太贵|有点贵|贵了|买不起|舍不得|价格[^，。？！]{0,4}高|不值/,
    en: /budget|too (expensive|pricey)|can'?t afford|a bit (much|steep|pricey)|not worth/i,
  },
];

export const COMPLAINT_RULES: readonly CauseRule<ComplaintType, ComplaintCause>[] = [
  {
    type: 'after-sale',
    cause: 'refund-stuck',
    label: { zh: '退款迟迟不处理', en: 'refund not processed' },
    zh: /退款[^。！]{0,10}(没|不|还|一直|审核)/,
    en: /refund[^.!]{0,40}(\bno\b|\bnot\b|never|still|yet|pending|nothing)|requested a refund/i,
  },
  {
    type: 'after-sale',
    cause: 'warranty-refused',
    label: { zh: '保修、退换被拒', en: 'warranty or exchange refused' },
    zh: /(保修|质保|换货|退货|换)[^。！]{0,10}(不给|拒绝|不让|不认|驳回|不在)|(不给|不让)(退|换|修)/,
    en: /(warranty|return|exchange|repair)[^.!]{0,30}(refused|denied|rejected|won'?t)|refused to (replace|repair|refund|exchange)/i,
  },
  {
    type: 'service',
    cause: 'rude',
    label: { zh: '客服态度差', en: 'rude staff' },
    zh: /态度[^，。！]{0,2}(差|不好|恶劣)|不耐烦|爱买不买/,
    en: /\brude\b|attitude|hung up|snapped at/i,
  },
  {
    type: 'service',
    cause: 'no-reply',
    label: { zh: '客服不回消息', en: 'no reply from support' },
    zh: /客服[^，。！]{0,6}(不回|不理|没人回|没回)|没(有)?人(回|理|管)|电话打不通/,
    en: /(no one|nobody|never) (replies|replied|answers|answered|responds|got back)|no (reply|answer|response)|ignored my/i,
  },
  {
    type: 'description',
    cause: 'false-claim',
    label: { zh: '宣传与实际不符（虚假宣传）', en: 'a false claim' },
    zh: /(说|宣传|号称)[^。！]{0,16}(根本|其实|结果|实际)[^。！]{0,8}(不|没|才)|虚假宣传|虚标|骗人/,
    en: /false (advertising|claim)|misleading|(you|they) (said|claimed)[^.!]{0,40}(it (is|was)n'?t|not|never)|lied/i,
  },
  {
    type: 'description',
    cause: 'mismatch',
    label: { zh: '实物与描述、图片不符', en: 'not like the listing' },
    zh: /(和|跟)(图片|描述|详情页|视频|直播|主播)[^，。！]{0,6}(不一样|不符|差太多|两样)|色差|货不对板|描述不符/,
    en: /(not|doesn'?t|does not) look (like|as) (the )?(picture|photo|listing|video)|different from the (picture|photo|listing)|not as described/i,
  },
  {
    type: 'logistics',
    cause: 'lost',
    label: { zh: '显示签收却没收到、送错', en: 'lost or misdelivered' },
    zh: /签收[^。！]{0,8}没(收到|拿到)|丢件|(快递|包裹)[^，。！]{0,4}丢|送错/,
    en: /(says|shows|marked) (as )?delivered|lost (my|the) (package|parcel|order)|wrong address|never (received|got)/i,
  },
  {
    type: 'logistics',
    cause: 'late',
    label: { zh: '迟迟不发货、物流慢', en: 'late shipping' },
    zh: /(还|都)没(发货|发|到)|物流[^，。！]{0,6}(不动|没动|没更新|停)|(快递|物流)[^，。！]{0,4}(太)?慢|延期/,
    en: /(not|hasn'?t|has not|never) (shipped|arrived|moved)|still not|stuck in transit|tracking[^.!]{0,20}(moved|update)|delayed|slipping/i,
  },
  {
    type: 'quality',
    cause: 'damaged',
    label: { zh: '收到就是坏的', en: 'arrived damaged' },
    zh: /(收到|到手|打开|提车)[^。！]{0,10}(坏|烂|碎|破|断|裂|漏|划痕)|破损|坏果/,
    en: /arrived (broken|damaged|cracked|rotten|spoiled|dented)|(broken|cracked|damaged|dented) (when|on arrival)|was (cracked|broken|dented) when/i,
  },
  {
    type: 'quality',
    cause: 'defect',
    label: { zh: '用了没多久就出问题', en: 'a defect after some use' },
    zh: /(用|穿|吃|开|放)了[^。！]{0,10}(坏|开线|起球|掉色|变形|不工作|没电|异响|发芽)|质量(太)?(差|问题)|有(问题|毛病)/,
    en: /stopped working|(broke|broken) after|fell apart|defect|faulty|pilled|quality/i,
  },
];

/** Words a trainee may use to name a type, besides its key (价格, 价格异议, price…). */
const typeWords = <T extends string>(labels: Readonly<Record<T, Label>>, extra: Record<string, T>) => {
  const words = new Map<string, T>(Object.entries(extra) as Array<[string, T]>);
  for (const [key, label] of Object.entries(labels) as Array<[T, Label]>) {
    words.set(key.toLowerCase(), key);
    words.set(label.zh, key);
    words.set(label.en.toLowerCase(), key);
  }
  return words;
};

const OBJECTION_WORDS = typeWords(OBJECTION_TYPE_LABELS, {
  价格: 'price',
  财力: 'price',
  质量: 'quality',
  需求: 'need',
  信任: 'trust',
  货源: 'trust',
  时机: 'timing',
  购买时间: 'timing',
  服务: 'service',
  售后: 'service',
});
const COMPLAINT_WORDS = typeWords(COMPLAINT_TYPE_LABELS, {
  质量: 'quality',
  商品质量: 'quality',
  物流: 'logistics',
  服务态度: 'service',
  服务: 'service',
  描述不符: 'description',
  虚假宣传: 'description',
  售后: 'after-sale',
  aftersale: 'after-sale',
});

const normal = (s: string) =>
  s
    .trim()
    .replace(/(异议|投诉)$/, '')
    .toLowerCase();

/** The objection type a trainee named (its key, 价格 / 价格异议, or the English label); null if none. */
export const parseObjectionType = (s: string): ObjectionType | null =>
  OBJECTION_WORDS.get(s.trim().toLowerCase()) ?? OBJECTION_WORDS.get(normal(s)) ?? null;

/** The complaint type a trainee named (its key, 物流 / 物流投诉, or the English label); null if none. */
export const parseComplaintType = (s: string): ComplaintType | null =>
  COMPLAINT_WORDS.get(s.trim().toLowerCase()) ?? COMPLAINT_WORDS.get(normal(s)) ?? null;

export const objectionCauseLabel = (cause: ObjectionCause): Label =>
  OBJECTION_RULES.find((r) => r.cause === cause)!.label;
export const complaintCauseLabel = (cause: ComplaintCause): Label =>
  COMPLAINT_RULES.find((r) => r.cause === cause)!.label;
